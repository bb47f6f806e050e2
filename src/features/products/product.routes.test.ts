import { sql } from "kysely";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { waitForJob } from "../../test-support/jobs.js";
import { multipartFile } from "../../test-support/multipart.js";

const FIXTURES = join(import.meta.dirname, "fixtures");

describe.each(ENGINES)("products API on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let manager: { id: number; headers: Record<string, string> };

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales");
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
  });
  afterAll(async () => t?.close());

  const create = (body: Record<string, unknown>, headers = manager.headers) => t.app.inject({ method: "POST", url: "/api/products", headers, payload: body });
  /** Uploads a product file and waits for its import job. */
  const importAsJob = async (headers: Record<string, string>, file: { headers: Record<string, string>; payload: Buffer }) => {
    const res = await t.app.inject({ method: "POST", url: "/api/products/import", headers: { ...headers, ...file.headers }, payload: file.payload });
    expect(res.statusCode, res.body).toBe(202);
    return waitForJob(t.app, headers, res.json().id);
  };
  const list = async (query: string, headers = rep.headers) => (await t.app.inject({ method: "GET", url: `/api/products?${query}`, headers })).json();

  it("finds \"Dagelijkse kantoorschoonmaak\" when a user types \"schoon\", with an index on PostgreSQL", async () => {
    expect((await create({ code: "DKS-1", name: "Dagelijkse kantoorschoonmaak", unit: "m2", listPriceCents: 150 })).statusCode).toBe(201);
    expect((await list("q=schoon")).items.map((p: { name: string }) => p.name)).toContain("Dagelijkse kantoorschoonmaak");
    if (engine === "postgres") {
      const index = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'products' and indexname = 'products_search_key_trgm'`.execute(t.database.handle.db);
      expect(index.rows).toHaveLength(1);
    }
  });

  it("creates a product in a group and finds it by a word of its code or name, also inside a compound", async () => {
    const group = await t.app.inject({ method: "POST", url: "/api/product-groups", headers: manager.headers, payload: { name: "Reinigingsmiddelen", code: "RM" } });
    expect(group.statusCode).toBe(201);
    const res = await create({ code: "RM-500", name: "Allesreiniger Eco 5 liter", unit: "can", groupId: group.json().id, listPriceCents: 1895, costPriceCents: 940, launchDate: "2025-02-01" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: "RM-500", unit: "can", group: { name: "Reinigingsmiddelen" }, listPriceCents: 1895, costPriceCents: 940, active: true });
    expect(res.headers.etag).toBe('"1"');
    expect((await list("q=eco")).items.map((p: { code: string }) => p.code)).toEqual(["RM-500"]);
    expect((await list("q=rm%20500")).items).toHaveLength(1);
    // Dutch compounds: "reiniger" is inside "Allesreiniger".
    expect((await list("q=reiniger")).items.map((p: { code: string }) => p.code)).toEqual(["RM-500"]);
    expect((await list("q=reiniger%20liter")).items).toHaveLength(1);
    expect((await list("q=reiniger%20kilo")).items).toHaveLength(0);
    const groups = await t.app.inject({ method: "GET", url: "/api/product-groups", headers: rep.headers });
    expect(groups.json().items.map((g: { name: string }) => g.name)).toContain("Reinigingsmiddelen");
  });

  it("leaves the cost price out for a rep without profit responsibility and refuses to let them set it", async () => {
    const id = (await create({ code: "MARGE-1", name: "Margeproduct", listPriceCents: 1000, costPriceCents: 600 })).json().id;
    const asRep = await t.app.inject({ method: "GET", url: `/api/products/${id}`, headers: rep.headers });
    expect(asRep.json()).not.toHaveProperty("costPriceCents");
    expect((await list("q=margeproduct")).items[0]).not.toHaveProperty("costPriceCents");
    expect((await t.app.inject({ method: "GET", url: `/api/products/${id}`, headers: manager.headers })).json().costPriceCents).toBe(600);
    const setting = await t.app.inject({ method: "PATCH", url: `/api/products/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { costPriceCents: 1 } });
    expect(setting.statusCode).toBe(403);
    expect(setting.json().code).toBe("margin_hidden");
  });

  it("refuses an import with a cost price column from a user without margin rights, before any row is read", async () => {
    const file = multipartFile("producten.csv", readFileSync(join(FIXTURES, "products-nl.csv")));
    for (const role of ["field_sales", "inside_sales", "marketing"] as const) {
      const user = await t.userWithRole(role);
      const job = await importAsJob(user.headers, file);
      expect(job.state, role).toBe("failed");
      expect(job.error, role).toMatchObject({ code: "margin_hidden" });
      expect(job.result, role).toBeNull();
    }
    expect((await list("q=hygienepakket", manager.headers)).items).toEqual([]);
  });

  it("keeps an audit trail of price changes whose cost lines only margin viewers read", async () => {
    const id = (await create({ code: "AUD-1", name: "Audittest", listPriceCents: 1000, costPriceCents: 613 })).json().id;
    const patch = await t.app.inject({ method: "PATCH", url: `/api/products/${id}`, headers: { ...manager.headers, "if-match": '"1"' }, payload: { listPriceCents: 1100, costPriceCents: 644 } });
    expect(patch.statusCode).toBe(200);
    const audit = async (headers: Record<string, string>) => (await t.app.inject({ method: "GET", url: `/api/products/${id}/audit`, headers })).json().items;
    const asManager = await audit(manager.headers);
    expect(asManager.map((l: { field: string }) => l.field).sort()).toEqual(["cost_price_cents", "cost_price_cents", "created", "list_price_cents"]);
    expect(asManager.find((l: { field: string; newValue: string }) => l.field === "cost_price_cents" && l.newValue === "644")).toMatchObject({ oldValue: "613" });
    const asRep = await audit(rep.headers);
    expect(asRep.map((l: { field: string }) => l.field).sort()).toEqual(["created", "list_price_cents"]);
    expect(JSON.stringify(asRep)).not.toMatch(/613|644/);
  });

  it("refuses a second product with the same code in another case", async () => {
    await create({ code: "Dup-1", name: "Eerste" });
    const res = await create({ code: "DUP-1", name: "Tweede" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "code", code: "product_code_taken" });
  });

  it("updates with If-Match and answers 412 to a stale version", async () => {
    const id = (await create({ code: "VER-1", name: "Versieproduct", listPriceCents: 100 })).json().id;
    const patch = (version: string, listPriceCents: number) =>
      t.app.inject({ method: "PATCH", url: `/api/products/${id}`, headers: { ...manager.headers, "if-match": version }, payload: { listPriceCents } });
    expect((await patch('"1"', 200)).statusCode).toBe(200);
    expect((await patch('"1"', 300)).statusCode).toBe(412);
    expect((await t.app.inject({ method: "GET", url: `/api/products/${id}`, headers: rep.headers })).json().listPriceCents).toBe(200);
  });

  it("pages through the list with a cursor without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) await create({ code: `PAGE-${i}`, name: `Paginaproduct ${i}` });
    const seen: string[] = [];
    let url = "q=paginaproduct&limit=2";
    for (let page = 0; page < 5; page++) {
      const body = await list(url);
      seen.push(...body.items.map((p: { code: string }) => p.code));
      if (!body.nextCursor) break;
      url = `q=paginaproduct&limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(["PAGE-0", "PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4"]);
  });

  it("imports a Dutch Windows-1252 CSV with ; once, and a second time changes nothing", async () => {
    const file = multipartFile("producten.csv", readFileSync(join(FIXTURES, "products-nl.csv")));
    const first = await importAsJob(manager.headers, file);
    expect(first.state).toBe("succeeded");
    expect(first.result).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0, groupsCreated: 2, segmentsCreated: 2, errors: [] });
    const hygiene = (await list("q=hygienepakket", manager.headers)).items[0];
    expect(hygiene).toMatchObject({ code: "HYG-010", name: "Hygiënepakket sanitair", listPriceCents: 124_900, costPriceCents: 80_000, active: false, group: { name: "Hygiëne" } });
    const glass = (await list("q=sch%20200", manager.headers)).items[0];
    expect(glass).toMatchObject({ unit: "m2", listPriceCents: 185, launchDate: "2024-06-01" });
    const again = await importAsJob(manager.headers, file);
    expect(again.result).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3, groupsCreated: 0 });
  });

  it("reports every bad row with row and column and imports nothing", async () => {
    const file = multipartFile("fout.csv", readFileSync(join(FIXTURES, "products-errors.csv")));
    const body = (await importAsJob(manager.headers, file)).result as { ok: boolean; created: number; errors: { row: number; column: string }[] };
    expect(body.ok).toBe(false);
    expect(body.created).toBe(0);
    expect(body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(["3:Omschrijving", "4:Lijstprijs", "5:Artikelcode"]);
    expect((await list("q=x")).items.filter((p: { code: string }) => p.code.startsWith("X-"))).toEqual([]);
  });

  it("reads the VAT rate of each product from a btw column, and names a rate the company does not have", async () => {
    const good = multipartFile("btw.csv", Buffer.from("Artikelcode;Omschrijving;Btw\nBTW-H;Schoonmaakmiddel;21%\nBTW-L;Handboek;laag\nBTW-N;Export;0\n"));
    expect(((await importAsJob(manager.headers, good)).result as { ok: boolean }).ok).toBe(true);
    const found = (await list("q=btw")).items.map((p: { code: string; vatCategory: string }) => `${p.code}:${p.vatCategory}`);
    expect(found.sort()).toEqual(["BTW-H:high", "BTW-L:low", "BTW-N:zero"]);
    const bad = multipartFile("btw.csv", Buffer.from("Artikelcode;Omschrijving;Btw\nBTW-X;Iets;6%\n"));
    const body = (await importAsJob(manager.headers, bad)).result as { ok: boolean; errors: { row: number; column: string; message: string }[] };
    expect(body.errors).toEqual([expect.objectContaining({ row: 2, column: "Btw", message: expect.stringContaining("hoog, laag, nul") })]);
  });

  it("lets only writers create products", async () => {
    const purchasing = await t.userWithRole("purchasing");
    expect((await create({ code: "NEE-1", name: "Mag niet" }, purchasing.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/products", headers: purchasing.headers })).statusCode).toBe(200);
  });
});
