import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { buildZip } from "../../files/fixtures/make-zip.js";
import { commit, dutchCsv, type Headers, importFile, settled, tableCounts, upload } from "./import-test-helpers.js";

const HEADER = ["Bedrijfsnaam", "KvK-nummer", "Straat", "Postcode", "Plaats", "Telefoon", "Status", "Klasse", "Omzetpotentieel", "Einddatum contract"];

describe.each(ENGINES)("importing relations on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  const db = () => t.database.handle.db;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("inside_sales");
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers = rep.headers) => t.app.inject({ method: "GET", url, headers });
  const post = (url: string, headers = rep.headers) => t.app.inject({ method: "POST", url, headers });
  const relationByKvk = (kvk: string) => db().selectFrom("relations").selectAll().where("kvk_number", "=", kvk).executeTakeFirst();

  it("recognises Dutch headers, previews, commits a Windows-1252 file, and a re-import changes nothing", async () => {
    const file = dutchCsv([
      HEADER,
      ["Café Ëlan B.V.", "10000001", "Hoofdstraat 12 a", "3511ab", "Utrecht", "030-1234567", "Klant", "A", "€ 12.500,00", "31-03-2027"],
      ["", "", "", "", "", "", "", "", "", ""],
      ["Bakkerij De Zon", "", "Kerkweg 3", "5611 AA", "Eindhoven", "", "", "", "", ""],
    ]);
    const up = await upload(t, rep.headers, "relations", "relaties.csv", file);
    expect(up.statusCode).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({ format: "csv", encoding: "windows-1252", delimiter: ";", rowCount: 2, mappingSource: "recognised" });
    expect(job.mapping).toEqual({ name: 0, kvkNumber: 1, street: 2, postcode: 3, city: 4, phone: 5, status: 6, accountClass: 7, revenuePotential: 8, contractEndDate: 9 });

    const preview = (await get(`/api/imports/${job.id}/preview`)).json();
    expect(preview.counts).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(preview.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([[2, "create"], [4, "create"]]);

    const committed = (await commit(t, rep.headers, job.id)).json();
    expect(committed).toMatchObject({ status: "committed", counts: { created: 2, updated: 0 } });
    const cafe = await relationByKvk("10000001");
    expect(cafe).toMatchObject({
      name: "Café Ëlan B.V.", visit_street: "Hoofdstraat", visit_house_number: "12 a", visit_postcode: "3511 AB", status: "customer",
      account_class: "A", revenue_potential_cents: 1_250_000, contract_end_date: "2027-03-31", owner_id: null,
    });
    const detail = (await get(`/api/relations/${cafe?.id}`)).json();
    expect(detail.statusHistory[0]).toMatchObject({ toStatus: "customer", reason: "Import relaties.csv" });
    expect(detail.coordinates?.source).toBe("pc4");
    expect((await get("/api/relations?q=elan")).json().items.map((r: { id: number }) => r.id)).toEqual([cafe?.id]);

    const before = await tableCounts(t);
    const again = await importFile(t, rep.headers, "relations", "relaties.csv", file);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await tableCounts(t)).toEqual(before);
    expect((await relationByKvk("10000001"))?.version).toBe(cafe?.version);
  });

  it("matches on KvK number first, else on normalised name and postcode", async () => {
    await importFile(t, rep.headers, "relations", "basis.csv", dutchCsv([HEADER, ["Delta Schoonmaak", "10000002", "", "1000 AA", "Amsterdam", "", "", "", "", ""], ["Glazenwasserij Helder", "", "", "2000 BB", "Haarlem", "", "", "", "", ""]]));
    const delta = await relationByKvk("10000002");
    const helder = await db().selectFrom("relations").selectAll().where("name", "=", "Glazenwasserij Helder").executeTakeFirstOrThrow();
    const file = dutchCsv([
      HEADER,
      ["Delta Schoonmaak Groep", "10000002", "", "1000 AA", "Amsterdam", "020-5550000", "", "", "", ""],
      ["glazenwasserij  HELDER", "", "", "2000bb", "Haarlem", "023-5550000", "", "", "", ""],
      ["Glazenwasserij Helder", "", "", "3000 CC", "Rotterdam", "", "", "", "", ""],
    ]);
    const up = (await upload(t, rep.headers, "relations", "match.csv", file)).json();
    const preview = (await get(`/api/imports/${up.id}/preview`)).json();
    for (const row of preview.rows) row.changes.sort();
    expect(preview.rows).toMatchObject([
      { row: 2, action: "update", relationId: delta?.id, changes: ["name", "phone"] },
      { row: 3, action: "update", relationId: helder.id, changes: ["phone"] },
      { row: 4, action: "create", relationId: null },
    ]);
    await commit(t, rep.headers, up.id);
    expect(await relationByKvk("10000002")).toMatchObject({ name: "Delta Schoonmaak Groep", phone: "020-5550000", version: (delta?.version ?? 0) + 1 });
    const audit = (await get(`/api/relations/${delta?.id}/audit`)).json().items;
    expect(audit.map((a: { field: string }) => a.field)).toEqual(expect.arrayContaining(["name", "phone"]));
  });

  it("keeps a dead relation dead and untouched, whatever the file says", async () => {
    await importFile(t, rep.headers, "relations", "dood.csv", dutchCsv([HEADER, ["Wanbetaler BV", "10000003", "", "", "", "", "Dood", "", "", ""]]));
    const dead = await relationByKvk("10000003");
    expect(dead?.status).toBe("dead");
    const up = (await upload(t, rep.headers, "relations", "nieuw-adresbestand.csv", dutchCsv([HEADER, ["Wanbetaler BV", "10000003", "", "", "", "0612345678", "Klant", "A", "", ""]]))).json();
    const preview = (await get(`/api/imports/${up.id}/preview`)).json();
    expect(preview.rows[0]).toMatchObject({ action: "skip_dead", relationId: dead?.id });
    expect((await commit(t, rep.headers, up.id)).json().counts).toMatchObject({ skippedDead: 1, created: 0, updated: 0 });
    expect(await relationByKvk("10000003")).toEqual(dead);
  });

  it("remembers a chosen mapping for files with the same layout", async () => {
    const headers = ["Firma", "Nummer bij de Kamer", "Vestiging"] as const;
    const first = (await upload(t, rep.headers, "relations", "a.csv", dutchCsv([headers, ["Firma Een", "10000004", "Zwolle"]]))).json();
    expect(first.mappingSource).toBe("recognised");
    const put = await t.app.inject({ method: "PUT", url: `/api/imports/${first.id}/mapping`, headers: rep.headers, payload: { mapping: { name: 0, kvkNumber: 1, city: 2 } } });
    expect(put.statusCode).toBe(200);
    const second = (await upload(t, rep.headers, "relations", "b.csv", dutchCsv([headers, ["Firma Twee", "10000005", "Kampen"]]))).json();
    expect(second).toMatchObject({ mappingSource: "remembered", mapping: { name: 0, kvkNumber: 1, city: 2 } });
    const otherOrder = (await upload(t, rep.headers, "relations", "c.csv", dutchCsv([["Nummer bij de Kamer", "Firma", "Vestiging"], ["10000006", "Firma Drie", "Deventer"]]))).json();
    expect(otherOrder.mappingSource).toBe("recognised");
    const bad = await t.app.inject({ method: "PUT", url: `/api/imports/${first.id}/mapping`, headers: rep.headers, payload: { mapping: { kvkNumber: 7 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([["mapping.kvkNumber", "import_column_unknown"], ["mapping.name", "import_field_required"]]);
  });

  it("reports every bad row with row number, column and reason, and imports nothing", async () => {
    const before = await tableCounts(t);
    const file = dutchCsv([
      HEADER,
      ["Goed BV", "10000007", "", "1234 AB", "", "", "", "", "", ""],
      ["Fout Postcode BV", "", "", "12345", "", "", "", "", "", ""],
      ["", "10000008", "", "", "", "", "", "", "", ""],
      ["Fout KvK BV", "1234", "", "", "", "", "Misschien", "", "1.2.3", "31-02-2027"],
    ]);
    const up = (await upload(t, rep.headers, "relations", "fouten.csv", file)).json();
    const preview = (await get(`/api/imports/${up.id}/preview`)).json();
    expect(preview.problems.map((p: { row: number; company: string | null; column: string; code: string }) => [p.row, p.company, p.column, p.code])).toEqual([
      [3, "Fout Postcode BV", "Postcode", "postcode_invalid"],
      [4, null, "Bedrijfsnaam", "import_name_required"],
      [5, "Fout KvK BV", "KvK-nummer", "kvk_invalid"],
      [5, "Fout KvK BV", "Omzetpotentieel", "import_amount_invalid"],
      [5, "Fout KvK BV", "Einddatum contract", "date_invalid"],
      [5, "Fout KvK BV", "Status", "import_status_invalid"],
    ]);
    expect(up.status).toBe("invalid");
    expect(preview.problemCount).toBe(6);
    const refused = await post(`/api/imports/${up.id}/commit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/Some rows cannot be imported/);
    expect(await tableCounts(t)).toEqual(before);
    expect((await get(`/api/imports/${up.id}`)).json().status).toBe("invalid");
  });

  it("reads the account manager (e-mail or name) and the rayon, and refuses names Koers does not know", async () => {
    const noord = await t.userWithRole("field_sales", { name: "Nora Noord", rayonNames: ["Noord"] });
    await t.userWithRole("field_sales", { name: "Piet Dubbel" });
    await t.userWithRole("field_sales", { name: "Piet Dubbel" });
    const header = ["Bedrijfsnaam", "KvK-nummer", "Accountmanager", "Rayon"];
    const bad = (await upload(t, rep.headers, "relations", "eigenaren-fout.csv", dutchCsv([
      header,
      ["Onbekend Eigenaar BV", "10000101", "Jan Bestaatniet", "Noord"],
      ["Dubbele Naam BV", "10000102", "Piet Dubbel", ""],
      ["Verkeerd Rayon BV", "10000103", "", "Atlantis"],
    ]))).json();
    expect(bad.mapping).toMatchObject({ owner: 2, rayon: 3 });
    const preview = (await get(`/api/imports/${bad.id}/preview`)).json();
    expect(preview.problems.map((p: { row: number; company: string; column: string; code: string }) => [p.row, p.company, p.column, p.code])).toEqual([
      [2, "Onbekend Eigenaar BV", "Accountmanager", "import_owner_unknown"],
      [3, "Dubbele Naam BV", "Accountmanager", "import_owner_ambiguous"],
      [4, "Verkeerd Rayon BV", "Rayon", "import_rayon_unknown"],
    ]);

    const good = await importFile(t, rep.headers, "relations", "eigenaren.csv", dutchCsv([
      header,
      ["Noord Eigen BV", "10000104", noord.email.toUpperCase(), "noord"],
      ["Op Naam BV", "10000105", "nora  noord", ""],
    ]));
    expect(good.counts).toMatchObject({ created: 2 });
    const rayon = await db().selectFrom("rayons").select("id").where("name", "=", "Noord").executeTakeFirstOrThrow();
    expect(await relationByKvk("10000104")).toMatchObject({ owner_id: noord.id, rayon_id: rayon.id });
    expect(await relationByKvk("10000105")).toMatchObject({ owner_id: noord.id, rayon_id: null });
    // Moving a relation to another account manager is an update like any other, with its audit line.
    const moved = await importFile(t, rep.headers, "relations", "eigenaren-2.csv", dutchCsv([header, ["Op Naam BV", "10000105", rep.id === noord.id ? "" : (await db().selectFrom("users").select("email").where("id", "=", rep.id).executeTakeFirstOrThrow()).email, "Noord"]]));
    expect(moved.counts).toMatchObject({ updated: 1 });
    expect(await relationByKvk("10000105")).toMatchObject({ owner_id: rep.id, rayon_id: rayon.id });
  });

  it("imports the good rows only when asked, and hands back the rejected rows with their reasons", async () => {
    const before = await tableCounts(t);
    const file = dutchCsv([
      HEADER,
      ["Goed Een BV", "10000201", "", "1234 AB", "Zwolle", "", "", "", "", ""],
      ["Slecht BV", "", "", "12345", "Kampen", "", "", "", "", ""],
      ["Goed Twee BV", "10000202", "", "", "Deventer", "", "", "", "", ""],
    ]);
    const up = (await upload(t, rep.headers, "relations", "half-goed.csv", file)).json();
    expect(up.status).toBe("invalid");
    // All or nothing stays the default.
    expect((await post(`/api/imports/${up.id}/commit`)).statusCode).toBe(422);
    expect(await tableCounts(t)).toEqual(before);

    const res = await post(`/api/imports/${up.id}/commit?skipInvalid=true`);
    expect(res.statusCode).toBe(200);
    const done = (await settled(t, rep.headers, up.id)).json();
    expect(done).toMatchObject({ status: "committed", counts: { created: 2, rejected: 1 } });
    expect((await tableCounts(t)).relations).toBe(before.relations + 2);
    expect(await db().selectFrom("relations").select("id").where("name", "=", "Slecht BV").executeTakeFirst()).toBeUndefined();

    const csv = await get(`/api/imports/${up.id}/rejected?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers["content-disposition"])).toContain("half-goed-afgewezen.csv");
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe([...HEADER, "Regel in bestand", "Reden"].join(";"));
    expect(lines[1]).toBe(["Slecht BV", "", "", "12345", "Kampen", "", "", "", "", "", "3", "Postcode: Geen geldige Nederlandse postcode (bijvoorbeeld 1234 AB)"].join(";"));
    const english = await get(`/api/imports/${up.id}/rejected?format=csv&lang=en&dialect=intl`);
    expect(english.body).toContain("Row in file,Reason");
    expect(english.body).toContain("Postcode: Not a valid Dutch postcode");
    // The file is the uploader's: a colleague does not see it.
    const colleague = await t.userWithRole("inside_sales");
    expect((await get(`/api/imports/${up.id}/rejected`, colleague.headers)).statusCode).toBe(404);
  });

  it("leaves no partial rows when the commit fails halfway, and the same job can be run again", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [`Massa ${String(i).padStart(4, "0")} BV`, String(20_000_000 + i), "", "", "", "", "", "", "", ""]);
    rows.push(["Ontploft BV", "29999999", "", "", "", "", "", "", "", ""]);
    const up = (await upload(t, rep.headers, "relations", "groot.csv", dutchCsv([HEADER, ...rows]))).json();
    // A database failure while the last chunk is written: 1,200 rows were already inserted in the transaction.
    if (engine === "sqlite") {
      await sql`create trigger boom before insert on relations when new.name = 'Ontploft BV' begin select raise(abort, 'simulated crash'); end`.execute(db());
    } else {
      await sql.raw(`create function boom() returns trigger as $$ begin if new.name = 'Ontploft BV' then raise exception 'simulated crash'; end if; return new; end $$ language plpgsql;
        create trigger boom before insert on relations for each row execute function boom()`).execute(db());
    }
    const before = await tableCounts(t);
    const failed = (await commit(t, rep.headers, up.id)).json();
    expect(failed.status).toBe("failed");
    expect(failed.commitJob.error.message).toContain("simulated crash");
    expect(await tableCounts(t)).toEqual(before);

    await sql.raw(engine === "sqlite" ? "drop trigger boom" : "drop trigger boom on relations; drop function boom()").execute(db());
    const rerun = (await commit(t, rep.headers, up.id)).json();
    expect(rerun).toMatchObject({ status: "committed", counts: { created: 1201 } });
    expect((await tableCounts(t)).relations).toBe(before.relations + 1201);
    expect((await post(`/api/imports/${up.id}/commit`)).statusCode).toBe(409);
  });

  it("refuses files that are not spreadsheets with a clear reason", async () => {
    const notZip = await upload(t, rep.headers, "relations", "lijst.xlsx", Buffer.from("Bedrijfsnaam;Plaats\r\nA;B\r\n"));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().errors[0]).toMatchObject({ field: "file", code: "not_a_zip" });
    // A zip bomb is only found by unpacking: the background job refuses it, and the import says why.
    const bomb = await upload(t, rep.headers, "relations", "bom.xlsx", buildZip([{ name: "xl/workbook.xml", data: Buffer.alloc(30 * 1024 * 1024) }]));
    expect(bomb.json().status).toBe("failed");
    expect(bomb.json().analysisJob.error.fields[0]).toMatchObject({ field: "file", code: "zip_bomb" });
    const empty = await upload(t, rep.headers, "relations", "leeg.csv", Buffer.from("\r\n"));
    expect(empty.json().errors[0]).toMatchObject({ field: "file", code: "empty" });
  });

  it("keeps each user's uploads to themselves and needs write access", async () => {
    const up = (await upload(t, rep.headers, "relations", "prive.csv", dutchCsv([HEADER, ["Prive BV", "", "", "", "", "", "", "", "", ""]]))).json();
    const colleague = await t.userWithRole("field_sales");
    expect((await get(`/api/imports/${up.id}`, colleague.headers)).statusCode).toBe(404);
    const reader = await t.userWithRole("purchasing");
    expect((await upload(t, reader.headers, "relations", "x.csv", dutchCsv([HEADER]))).statusCode).toBe(403);
  });
});
