// Two classes of the bad-input corpus that need stored data, so they run on a server of their own
// (the other classes prove that nothing is stored): stored XSS and CSV/formula injection.
// - Stored XSS in every text field: every free-text property of the JSON body of each create route
//   (read from the OpenAPI description, so a new field is covered when it is added) gets script
//   markup. It is stored verbatim, answered as JSON (application/json, nosniff), never as HTML; the
//   printed quote (the one HTML page made from stored text) escapes it.
// - CSV/formula injection in every export: the same fields start with = + - @ (and names with a tab
//   or CR); in every CSV and XLSX export no text cell starts with one of them (the table writer puts
//   an apostrophe before it) and no XLSX cell is a formula.
// The count per class goes to docs/security.md.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { waitForJob } from "../test-support/jobs.js";
import { multipartFile } from "../test-support/multipart.js";
import { importSales, salesCsv } from "../test-support/sales.js";

const FORMULA_START = /^[=+\-@\t\r]/;
/** A number a spreadsheet reads as a number (a negative amount starts with "-" and is no formula). */
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const PREFIXES = ["=", "+", "-", "@"];
/** Markup that runs if a page ever puts the text into HTML unescaped. */
const MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>";

/** Text fields a create takes but keeps only in another case: with an overridden class the override's reason is the one kept. */
const NOT_KEPT: Record<string, readonly string[]> = { "/api/relations": ["classReason"] };

type Json = Record<string, unknown>;
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>> };
type SchemaObject = { type?: string | string[]; properties?: Record<string, SchemaObject>; anyOf?: SchemaObject[]; enum?: unknown[]; const?: unknown; format?: string; pattern?: string; maxLength?: number };

/** The free-text properties of a body schema, with their longest length: strings without an enum, format or pattern that take at least the markup. */
function textProperties(schema: SchemaObject | undefined): { name: string; max: number }[] {
  const textOf = (s: SchemaObject): SchemaObject | undefined =>
    s.anyOf ? s.anyOf.map(textOf).find(Boolean) : (s.type === "string" || (Array.isArray(s.type) && s.type.includes("string"))) && !s.enum && s.const === undefined && !s.format && !s.pattern ? s : undefined;
  return Object.entries(schema?.properties ?? {})
    .map(([name, s]) => ({ name, max: textOf(s)?.maxLength ?? (textOf(s) ? 10_000 : 0) }))
    .filter((p) => p.max >= 30);
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe.each(ENGINES)("stored XSS and formula injection on %s", (engine) => {
  let t: TestApp;
  let admin: { id: number; headers: Record<string, string> };
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const ids: Record<string, number> = {};
  /** Fields whose own rule refused the hostile text (a phone number, an e-mail address): listed in the log. */
  const refused: string[] = [];
  /** Per create route: the fields that took the hostile text, and the text each got. */
  const stored: { route: string; url: string; fields: Record<string, string> }[] = [];
  const count = (kind: string) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
  };

  const inject = (method: "GET" | "POST" | "PUT", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...admin.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Json }) });

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.userWithRole("admin", { profitResponsible: true, rayonNames: ["Noord"] });
  });
  afterAll(async () => t?.close());

  it("stores script markup in every text field verbatim and answers it as JSON, never as HTML", async () => {
    const spec = (await inject("GET", "/api/openapi.json")).json() as OpenApi;
    const bodyOf = (path: string) => spec.paths[path]?.post?.requestBody?.content?.["application/json"]?.schema;
    let n = 0;
    /** Creates with every text field hostile; fields the service refuses by content (a phone, a KvK number) are dropped and counted as refused. */
    const create = async (route: string, url: string, base: Json, readUrl: (id: number) => string): Promise<number> => {
      const fields: Record<string, string> = {};
      for (const { name, max } of textProperties(bodyOf(route))) {
        if (name in base || NOT_KEPT[route]?.includes(name)) continue;
        n += 1;
        // Cut to the field's length: the start (formula) and the script tag stay.
        fields[name] = `${PREFIXES[n % PREFIXES.length]}${MARKUP} ${name}`.slice(0, max);
      }
      expect(Object.keys(fields).length, `${route} has text fields`).toBeGreaterThan(0);
      let res = await inject("POST", url, { ...base, ...fields });
      for (let tries = 0; tries < 3 && (res.statusCode === 400 || res.statusCode === 422); tries++) {
        for (const e of (res.json().errors ?? []) as { field: string }[]) {
          if (fields[e.field] !== undefined) {
            count("stored XSS: refused by a field's own rule");
            refused.push(`${route} ${e.field}`);
          }
          delete fields[e.field];
        }
        res = await inject("POST", url, { ...base, ...fields });
      }
      expect(res.statusCode, `${route}: ${res.body}`).toBe(201);
      const id = res.json().id as number;
      const read = await inject("GET", readUrl(id));
      const type = String(read.headers["content-type"]);
      if (!type.startsWith("application/json")) failures.push(`${readUrl(id)}: answered as ${type}`);
      if (read.headers["x-content-type-options"] !== "nosniff") failures.push(`${readUrl(id)}: without nosniff`);
      const back = new Set(strings(read.json()));
      for (const [name, text] of Object.entries(fields)) {
        count("stored XSS: text fields read back verbatim as JSON");
        if (!back.has(text)) failures.push(`${route} ${name}: not stored verbatim (read back: ${[...back].find((s) => s.includes(name)) ?? "nothing"})`);
      }
      stored.push({ route, url, fields });
      return id;
    };

    const product = await create("/api/products", "/api/products", { code: "XSS-1", listPriceCents: 1_000 }, (id) => `/api/products/${id}`);
    await create("/api/product-groups", "/api/product-groups", {}, () => "/api/product-groups");
    const relation = await create("/api/relations", "/api/relations", { status: "customer", statusReason: "Klant", accountClass: "A", classOverride: true }, (id) => `/api/relations/${id}`);
    const person = await create("/api/relations/{id}/persons", `/api/relations/${relation}/persons`, {}, (id) => `/api/persons/${id}`);
    await create("/api/relations/{id}/activities", `/api/relations/${relation}/activities`, { kind: "visit", occurredAt: "2026-11-20T10:00:00Z", personIds: [person] }, (id) => `/api/activities/${id}`);
    await create("/api/relations/{id}/followups", `/api/relations/${relation}/followups`, { dueDate: "2026-12-10" }, (id) => `/api/followups/${id}`);
    const quote = await create(
      "/api/quotes",
      "/api/quotes",
      { relationId: relation, contactPersonId: person, probability: 60, decisionMonth: "2027-02", status: "sent", lines: [{ productId: product, quantity: 3 }] },
      (id) => `/api/quotes/${id}`,
    );
    await create("/api/appointments", "/api/appointments", { relationId: relation, forUserId: admin.id, visitType: "follow_up", start: "2026-12-03T10:00:00+01:00", durationMinutes: 45 }, (id) => `/api/appointments/${id}`);
    Object.assign(ids, { relation, person, quote, product });
    // The person may be mailed (for the mailing list), and has a name that starts like a formula after a tab or CR.
    const consent = await inject("POST", `/api/persons/${person}/consents`, { purpose: "newsletter", state: "given", source: "visit", textVersion: "=v1 <script>alert(1)</script>" });
    expect(consent.statusCode, consent.body).toBe(201);
    for (const name of ["\t=1+2 Tab", "\r=1+2 Return", "@SUM(A1:A9)"]) {
      const r = await inject("POST", "/api/relations", { name, visitCity: "+31 Stad" });
      expect(r.statusCode, r.body).toBe(201);
    }
    // Sales lines of a debtor and rep whose names are formulas: the sales report export names them.
    await importSales(t.app, admin.headers, salesCsv([["X1", 1, "15-03-2026", "D-X1", "=HYPERLINK(\"http://evil.example\")", "XSS-1", 2, "100,00", "60,00", "+Rep Formule", "Noord"]]));
    expect(failures).toEqual([]);
  });

  it("escapes the stored markup on the printed quote", async () => {
    const res = await inject("GET", `/api/quotes/${ids.quote}/document`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["content-type"])).toContain("text/html");
    count("stored XSS on the printed quote");
    expect(res.body).not.toMatch(/<script>alert|<img src=x onerror/i);
    const quoteFields = stored.find((s) => s.route === "/api/quotes")?.fields ?? {};
    const shown = Object.values(quoteFields).filter((text) => res.body.includes(text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")));
    expect(shown.length, "the quote's own texts are on the page, escaped").toBeGreaterThan(0);
    // Its CSP forbids inline scripts anyway.
    expect(String(res.headers["content-security-policy"])).toContain("default-src 'self'");
  });

  it("neutralises every cell that starts like a formula in every export", async () => {
    const jobFile = async (dataset: string, format: string) => {
      const started = await inject("POST", `/api/exports/${dataset}/job?format=${format}`);
      expect(started.statusCode, started.body).toBe(202);
      const job = await waitForJob(t.app, admin.headers, started.json().id);
      expect(job.state).toBe("succeeded");
      return inject("GET", `/api/jobs/${started.json().id}/file`);
    };
    const reportExport = (format: string) =>
      inject("POST", "/api/reports/sales/export", { request: { measures: ["revenue", "margin"], dimensions: ["debtor", "rep", "product"], from: "2026-01", to: "2026-12" }, format });
    const rejectedImport = async () => {
      const file = multipartFile("fout.csv", Buffer.from('Bedrijfsnaam;KvK-nummer\n"=cmd|\' /C calc\'!A0";12\n"-2+3 Fout";xx\n'));
      const boundary = file.headers["content-type"].split("boundary=")[1];
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrelations\r\n`), file.payload]);
      const up = await inject("POST", "/api/imports", payload, file.headers);
      expect(up.statusCode, up.body).toBe(201);
      const id = up.json().id;
      for (let i = 0; i < 400; i++) {
        const s = (await inject("GET", `/api/imports/${id}`)).json().status;
        if (!["reading", "analysing", "committing"].includes(s)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await inject("POST", `/api/imports/${id}/commit?skipInvalid=true`);
      for (let i = 0; i < 400; i++) {
        const s = (await inject("GET", `/api/imports/${id}`)).json().status;
        if (!["reading", "analysing", "committing"].includes(s)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return id as number;
    };
    const rejected = await rejectedImport();

    const exports: { name: string; fetch: (format: "csv" | "xlsx") => Promise<{ statusCode: number; rawPayload: Buffer; body: string; headers: Record<string, unknown> }> }[] = [
      { name: "relations", fetch: (f) => inject("GET", `/api/exports/relations?format=${f}`) },
      { name: "persons", fetch: (f) => inject("GET", `/api/exports/persons?format=${f}`) },
      { name: "contact moments", fetch: (f) => inject("GET", `/api/exports/contact-moments?format=${f}`) },
      { name: "mailing list", fetch: (f) => inject("GET", `/api/mailing-list?purpose=newsletter&format=${f}`) },
      { name: "forecast per product", fetch: (f) => inject("GET", `/api/forecast/export?format=${f}&from=2027-01&to=2027-03&by=product`) },
      { name: "forecast per rep", fetch: (f) => inject("GET", `/api/forecast/export?format=${f}&from=2027-01&to=2027-03&by=rep`) },
      { name: "sales report", fetch: (f) => reportExport(f) },
      { name: "rejected import rows", fetch: (f) => inject("GET", `/api/imports/${rejected}/rejected?format=${f}`) },
      { name: "relations (background job)", fetch: (f) => jobFile("relations", f) },
      { name: "persons (background job)", fetch: (f) => jobFile("persons", f) },
      { name: "contact moments (background job)", fetch: (f) => jobFile("contact-moments", f) },
    ];
    let hostileSeen = 0;
    for (const e of exports) {
      for (const format of ["csv", "xlsx"] as const) {
        const res = await e.fetch(format);
        if (res.statusCode !== 200) {
          failures.push(`${e.name} ${format}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          continue;
        }
        const cells: string[] = [];
        if (format === "csv") {
          const text = res.rawPayload.toString("utf8").replace(/^\uFEFF/, "");
          const delimiter = text.split("\n")[0]?.includes(";") ? ";" : ",";
          for (const row of parse(text, { delimiter, relax_column_count: true }) as string[][]) cells.push(...row);
        } else {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          for (const sheet of workbook.worksheets) {
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                if (cell.formula || (typeof cell.value === "object" && cell.value !== null && "formula" in cell.value)) failures.push(`${e.name} xlsx: a formula cell ${cell.address}`);
                if (typeof cell.value === "string") cells.push(cell.value);
              }),
            );
          }
        }
        for (const cell of cells) {
          count("CSV/formula injection in exports (cells)");
          if (FORMULA_START.test(cell) && !NUMBER.test(cell)) failures.push(`${e.name} ${format}: a cell that runs as a formula: ${JSON.stringify(cell.slice(0, 60))}`);
          if (/^'[=+\-@\t\r]/.test(cell)) hostileSeen += 1;
        }
        count("CSV/formula injection in exports (files)");
      }
    }
    console.log(`stored-text corpus on ${engine}: ${JSON.stringify(counts)}; neutralised cells ${hostileSeen}; refused by their own rule: ${refused.join(", ")}`);
    expect(failures).toEqual([]);
    // The hostile texts reached the exports (and were neutralised there), so the check had something to find.
    expect(hostileSeen).toBeGreaterThan(20);
  });
});
