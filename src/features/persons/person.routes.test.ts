import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";

describe.each(ENGINES)("persons API on %s", (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let relationId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    headers = (await t.userWithRole("inside_sales")).headers;
    relationId = (await t.app.inject({ method: "POST", url: "/api/relations", headers, payload: { name: "Zorggroep Oost" } })).json().id;
  });
  afterAll(async () => t?.close());

  const add = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `/api/relations/${relationId}/persons`, headers, payload });

  it("adds a person with Dutch name parts and forms the formal name and salutation", async () => {
    const res = await add({ firstName: "Jan", initials: "j", infix: "Van Der", lastName: "Berg", gender: "m", title: "Ir", jobTitle: "Facilitair manager", dmuRoles: ["decider", "buyer"] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      displayName: "Jan van der Berg",
      formalName: "De heer ir. J. van der Berg",
      salutation: "Geachte heer Van der Berg,",
      dmuRoles: expect.arrayContaining(["decider", "buyer"]),
      active: true,
    });
  });

  it("lists the persons of a relation sorted on last name without infix", async () => {
    await add({ firstName: "Ans", lastName: "Aalbers", gender: "v" });
    await add({ firstName: "Piet", infix: "de", lastName: "Zwart", gender: "m" });
    const res = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers });
    expect(res.json().persons.map((p: { lastName: string }) => p.lastName)).toEqual(["Aalbers", "Berg", "Zwart"]);
  });

  it("rejects bad e-mail, LinkedIn address, gender and DMU role with field messages", async () => {
    const res = await add({ lastName: "Fout", email: "nee", linkedinUrl: "javascript:alert(1)", gender: "q", dmuRoles: ["boss"] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["gender", "dmuRoles.0"]));
    const semantic = await add({ lastName: "Fout", email: "nee", linkedinUrl: "javascript:alert(1)" });
    expect(semantic.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "linkedinUrl"]);
  });

  it("marks a person as left and detects a stale edit", async () => {
    const person = (await add({ firstName: "Kees", lastName: "Vertrokken", gender: "m" })).json();
    const left = await t.app.inject({ method: "PATCH", url: `/api/persons/${person.id}`, headers: { ...headers, "if-match": `"${person.version}"` }, payload: { active: false, leftOn: "2026-11-01" } });
    expect(left.json()).toMatchObject({ active: false, leftOn: "2026-11-01", version: 2 });
    const stale = await t.app.inject({ method: "PATCH", url: `/api/persons/${person.id}`, headers: { ...headers, "if-match": `"${person.version}"` }, payload: { jobTitle: "x" } });
    expect(stale.statusCode).toBe(412);
  });

  it("answers 404 for a person of a relation that does not exist", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/relations/999999/persons", headers, payload: { lastName: "Nergens" } });
    expect(res.statusCode).toBe(404);
  });
});
