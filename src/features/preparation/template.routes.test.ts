import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newRelation } from "../activities/crm-test-helpers.js";

type User = { id: number; headers: Headers };

describe.each(ENGINES)("the company's visit templates on %s", (engine) => {
  let t: TestApp;
  let admin: User;
  let manager: User;
  let rep: User;
  let careRelation: number;
  let officeRelation: number;

  const list = (user: User, all = false) => t.app.inject({ method: "GET", url: `/api/visit-templates${all ? "?all=true" : ""}`, headers: user.headers });
  const create = (user: User, payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: "/api/visit-templates", headers: user.headers, payload });
  const change = (user: User, id: number, version: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: "PATCH", url: `/api/visit-templates/${id}`, headers: { ...user.headers, "if-match": `"${version}"` }, payload });
  const firstVisit = async (relationId: number, start: string) => {
    const res = await t.app.inject({ method: "POST", url: "/api/appointments", headers: rep.headers, payload: { relationId, visitType: "first_visit", start, durationMinutes: 60 } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const sheet = async (appointmentId: number) => {
    const res = await t.app.inject({ method: "GET", url: `/api/visit-preparations/${appointmentId}`, headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = async () => Number((await t.ctx.db.selectFrom("visit_templates").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  const care = {
    name: { nl: "Zorginstelling — eerste bezoek", en: "Care home — first visit" },
    visitTypes: ["first_visit"],
    sbiSections: ["r"],
    objectives: [
      { kind: "internal", text: "Hygiëne-eisen en audits van de instelling", keyword: "hyg" },
      { kind: "internal", text: "Wie tekent voor de schoonmaak: facilitair of zorgmanager", keyword: "tekenbev" },
    ],
    keywords: ["HACCP", "afdelingen"],
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin", { name: "Ada Admin" });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    rep = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"] });
    // SBI 2025: 8710 nursing homes (section R); 69201 chartered accountants (section N).
    careRelation = await newRelation(t, rep.headers, { name: "Zorgcentrum De Linde", status: "prospect", statusReason: "Eerste gesprek", sbiCodes: ["8710"], visitStreet: "Lindelaan", visitHouseNumber: "3", visitPostcode: "9711 AB", visitCity: "Groningen" });
    officeRelation = await newRelation(t, rep.headers, { name: "Kantoor Cijfers BV", status: "prospect", statusReason: "Eerste gesprek", sbiCodes: ["69201"], visitStreet: "Markt", visitHouseNumber: "1", visitPostcode: "9711 AC", visitCity: "Groningen" });
  });
  beforeEach(() => t.setNow(morningOf("2026-11-27")));
  afterAll(async () => t?.close());

  it("starts with the shipped templates, which every role that prepares visits can read", async () => {
    const res = await list(rep);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((x: { key: string }) => x.key)).toEqual(["general", "cleaning"]);
    expect(res.json().items[1]).toMatchObject({ name: { nl: "Schoonmaakdiensten — eerste bezoek" }, visitTypes: ["first_visit"], active: true });
    expect((await list(rep, true)).statusCode).toBe(403);
  });

  it("refuses a rep who tries to add or change a template, and changes nothing", async () => {
    const before = await count();
    expect((await create(rep, care)).statusCode).toBe(403);
    const general = (await list(admin)).json().items[0];
    const res = await change(rep, general.id, general.version, { keywords: ["gekaapt"] });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await list(admin)).json().items[0]).toEqual(general);
  });

  it("refuses an unusable template with a problem per field, storing nothing", async () => {
    const before = await count();
    const res = await create(manager, {
      name: { nl: "  " },
      objectives: [{ kind: "internal", text: "Leverancier", keyword: " " }],
      keywords: ["", "HACCP", "haccp"],
      sbiSections: ["Z"],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const fields = res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toEqual(["name/nl:template_name_required", "objectives/0/keyword:keyword_required", "keywords/0:keyword_empty", "keywords/2:keyword_duplicate", "sbiSections/0:sbi_section_unknown"]);
    expect(res.json().errors[0].message).toBeTruthy();
    expect(await count()).toBe(before);
  });

  it("proposes a manager's industry template on first visits to relations of that industry only", async () => {
    const res = await create(manager, care);
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(res.headers.etag).toBe('"1"');
    expect(made).toMatchObject({ key: `t${made.id}`, sbiSections: ["R"], active: true, version: 1 });

    const careSheet = await sheet(await firstVisit(careRelation, "2026-12-02T09:00:00+01:00"));
    expect(careSheet.templates).toEqual(["general", "cleaning", made.key]);
    expect(careSheet.objectives.map((o: { keyword: string | null }) => o.keyword)).toContain("hyg");
    expect(careSheet.keywords.map((k: { keyword: string }) => k.keyword)).toContain("HACCP");
    expect(careSheet.templatesAvailable.find((x: { id: string }) => x.id === made.key)).toMatchObject({ objectives: care.objectives, keywords: care.keywords });

    const officeSheet = await sheet(await firstVisit(officeRelation, "2026-12-02T11:00:00+01:00"));
    expect(officeSheet.templates).toEqual(["general", "cleaning"]);
    expect(officeSheet.objectives.map((o: { keyword: string | null }) => o.keyword)).not.toContain("hyg");
  });

  it("detects a concurrent edit (412), and a template switched off is proposed no more but stays on sheets that applied it", async () => {
    const care1 = (await list(admin)).json().items.find((x: { key: string }) => x.key.startsWith("t"));
    const saved = await t.app.inject({ method: "PATCH", url: `/api/visit-preparations/${await firstVisit(careRelation, "2026-12-03T09:00:00+01:00")}`, headers: { ...rep.headers, "if-match": '"0"' }, payload: { templates: ["general", care1.key] } });
    expect(saved.statusCode, saved.body).toBe(200);
    const savedSheetId = saved.json().appointment.id;

    const first = await change(manager, care1.id, care1.version, { name: { nl: "Zorg — eerste bezoek" } });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await change(admin, care1.id, care1.version, { active: false });
    expect(stale.statusCode).toBe(412);
    expect((await list(rep)).json().items.map((x: { key: string }) => x.key)).toContain(care1.key);

    const off = await change(admin, care1.id, first.json().version, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await list(rep)).json().items.map((x: { key: string }) => x.key)).not.toContain(care1.key);
    expect((await list(admin, true)).json().items.find((x: { key: string }) => x.key === care1.key)).toMatchObject({ active: false, name: { nl: "Zorg — eerste bezoek" } });

    const fresh = await sheet(await firstVisit(careRelation, "2026-12-04T09:00:00+01:00"));
    expect(fresh.templates).toEqual(["general", "cleaning"]);
    expect(fresh.templatesAvailable.map((x: { id: string }) => x.id)).not.toContain(care1.key);
    const kept = await sheet(savedSheetId);
    expect(kept.templates).toEqual(["general", care1.key]);
    expect(kept.templatesAvailable.map((x: { id: string }) => x.id)).toContain(care1.key);
  });

  it("refuses a sheet that names a template that does not exist", async () => {
    const id = await firstVisit(officeRelation, "2026-12-07T09:00:00+01:00");
    const res = await t.app.inject({ method: "PATCH", url: `/api/visit-preparations/${id}`, headers: { ...rep.headers, "if-match": '"0"' }, payload: { templates: ["general", "verzonnen"] } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "templates/1", code: "template_unknown" })]);
    expect((await sheet(id)).saved).toBe(false);
  });

  it("answers 404 for a template that does not exist", async () => {
    expect((await change(admin, 999_999, 1, { active: false })).statusCode).toBe(404);
  });
});
