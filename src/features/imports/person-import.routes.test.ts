import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { commit, dutchCsv, type Headers, importFile, tableCounts, upload } from "./import-test-helpers.js";

const RELATIONS = [
  ["Bedrijfsnaam", "KvK-nummer", "Postcode", "Status"],
  ["Groen & Geel BV", "30000001", "1011 AA", "Klant"],
  ["Bouwbedrijf Stevig", "", "2022 BB", "Prospect"],
  ["Unieke Naam Installaties", "", "", ""],
  ["Afgeschreven BV", "30000004", "", "Dood"],
];
const HEADER = ["Bedrijfsnaam", "KvK-nummer", "Postcode", "Voornaam", "Tussenvoegsel", "Achternaam", "Functie", "E-mail", "Mobiel", "Geslacht", "Nieuwsbrief"];
const PERSONS = [
  HEADER,
  ["", "30000001", "", "Zoë", "Van der", "Berg", "Inkoper", "Zoe@Groen.NL", "06-12345678", "Mevr.", "ja"],
  ["Bouwbedrijf Stevig", "", "2022bb", "Jan", "", "Jansen", "Directeur", "", "", "dhr", "nee"],
  ["Unieke Naam Installaties", "", "", "Piet", "de", "Vries", "", "", "", "", ""],
  ["Afgeschreven BV", "30000004", "", "Kees", "", "Dood", "", "", "", "", "ja"],
];

describe.each(ENGINES)("importing persons on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  const db = () => t.database.handle.db;
  const personByLast = (last: string) => db().selectFrom("persons").selectAll().where("last_name", "=", last).executeTakeFirstOrThrow();
  const newsletterState = async (personId: number) =>
    (await db().selectFrom("consent_states").select("state").where("person_id", "=", personId).where("purpose", "=", "newsletter").executeTakeFirst())?.state ?? "none";

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("inside_sales");
    await importFile(t, rep.headers, "relations", "relaties.csv", dutchCsv(RELATIONS));
  });
  afterAll(async () => t?.close());

  it("finds each person's relation by KvK, name and postcode, or a unique name, records newsletter consent, and skips dead relations", async () => {
    const up = await upload(t, rep.headers, "persons", "personen.csv", dutchCsv(PERSONS));
    expect(up.statusCode).toBe(201);
    expect(up.json().mapping).toMatchObject({ name: 0, kvkNumber: 1, postcode: 2, firstName: 3, infix: 4, lastName: 5, jobTitle: 6, email: 7, mobile: 8, gender: 9, newsletter: 10 });
    const committed = await commit(t, rep.headers, up.json().id);
    expect(committed.json().counts).toMatchObject({ created: 3, skippedDead: 1, consentsRecorded: 2 });
    const zoe = await personByLast("Berg");
    expect(zoe).toMatchObject({ first_name: "Zoë", infix: "van der", email: "zoe@groen.nl", gender: "v", job_title: "Inkoper", phone_mobile: "06-12345678" });
    const groen = await db().selectFrom("relations").select("id").where("kvk_number", "=", "30000001").executeTakeFirstOrThrow();
    expect(zoe.relation_id).toBe(groen.id);
    expect(await newsletterState(zoe.id)).toBe("given");
    const consent = await db().selectFrom("consents").selectAll().where("person_id", "=", zoe.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ source: "import", state: "given", proof: "personen.csv, row 2" });
    expect(await newsletterState((await personByLast("Jansen")).id)).toBe("withdrawn");
    expect(await db().selectFrom("persons").select("id").where("last_name", "=", "Dood").executeTakeFirst()).toBeUndefined();
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await tableCounts(t);
    const again = await importFile(t, rep.headers, "persons", "personen.csv", dutchCsv(PERSONS));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, consentsRecorded: 0 });
    expect(await tableCounts(t)).toEqual(before);
  });

  it("matches persons on e-mail, else on surname and first initial, and updates only what differs", async () => {
    const file = dutchCsv([
      HEADER,
      ["", "30000001", "", "Zoë", "van der", "Berg-Smit", "Hoofd inkoop", "zoe@groen.nl", "", "", ""],
      ["Bouwbedrijf Stevig", "", "2022 BB", "J.", "", "Jansen", "Directeur", "j.jansen@stevig.nl", "", "", ""],
    ]);
    const up = (await upload(t, rep.headers, "persons", "wijzigingen.csv", file)).json();
    const preview = (await t.app.inject({ method: "GET", url: `/api/imports/${up.id}/preview`, headers: rep.headers })).json();
    expect(preview.rows.map((r: { action: string; changes: string[] }) => [r.action, [...r.changes].sort()])).toEqual([
      ["update", ["job_title", "last_name"]],
      ["update", ["email", "first_name"]],
    ]);
  });

  it("keeps a withdrawal when a later import says yes", async () => {
    const zoe = await personByLast("Berg");
    const withdraw = await t.app.inject({ method: "POST", url: `/api/persons/${zoe.id}/consents/withdraw`, headers: rep.headers, payload: { purpose: "newsletter" } });
    expect(withdraw.statusCode).toBe(200);
    const before = await tableCounts(t);
    const up = (await upload(t, rep.headers, "persons", "personen.csv", dutchCsv(PERSONS))).json();
    const preview = (await t.app.inject({ method: "GET", url: `/api/imports/${up.id}/preview`, headers: rep.headers })).json();
    expect(preview.rows[0].notes.join(" ")).toMatch(/withdrawn earlier/);
    await commit(t, rep.headers, up.id);
    expect(await newsletterState(zoe.id)).toBe("withdrawn");
    expect((await tableCounts(t)).consents).toBe(before.consents);
  });

  it("reports a person whose relation cannot be found, with row and column, and imports nothing", async () => {
    const before = await tableCounts(t);
    const file = dutchCsv([HEADER, ["", "30000001", "", "Nieuw", "", "Persoon", "", "", "", "", ""], ["Onbekend BV", "", "9999 ZZ", "Anna", "", "Smit", "", "geen-mail", "", "", "misschien"]]);
    const up = (await upload(t, rep.headers, "persons", "onbekend.csv", file)).json();
    const preview = (await t.app.inject({ method: "GET", url: `/api/imports/${up.id}/preview`, headers: rep.headers })).json();
    expect(preview.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, "E-mail", "email_invalid"],
      [3, "Nieuwsbrief", "import_yes_no_invalid"],
    ]);
    const fixed = dutchCsv([HEADER, ["Onbekend BV", "", "9999 ZZ", "Anna", "", "Smit", "", "", "", "", ""]]);
    const up2 = (await upload(t, rep.headers, "persons", "onbekend2.csv", fixed)).json();
    const preview2 = (await t.app.inject({ method: "GET", url: `/api/imports/${up2.id}/preview`, headers: rep.headers })).json();
    expect(preview2.problems[0]).toMatchObject({ row: 2, column: "Bedrijfsnaam", code: "import_relation_not_found" });
    const refused = await t.app.inject({ method: "POST", url: `/api/imports/${up2.id}/commit`, headers: rep.headers });
    expect(refused.statusCode).toBe(422);
    expect(await tableCounts(t)).toEqual(before);
  });
});
