import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { waitForJob } from "../../test-support/jobs.js";
import { multipartFile } from "../../test-support/multipart.js";
import { salesImportSettled } from "../../test-support/sales.js";

type User = { id: number; headers: Record<string, string> };

const HEADER = "Factuur;Regel;Datum;Debiteur;Artikel;Aantal;Omzet;Kostprijs;Verkoper;Rayon";

describe.each(ENGINES)("sales import on %s", (engine) => {
  let t: TestApp;
  let manager: User;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { profitResponsible: true });
    for (const [name, debtorNumber] of [
      ["Bakkerij Noord BV", "D-1001"],
      ["Zorggroep Zuid", "D-1002"],
    ] as const) {
      const res = await t.app.inject({ method: "POST", url: "/api/relations", headers: manager.headers, payload: { name, debtorNumber, status: "prospect", statusReason: "Eerste gesprek" } });
      expect(res.statusCode).toBe(201);
    }
    for (const code of ["SCH-1", "GLS-2"]) {
      expect((await t.app.inject({ method: "POST", url: "/api/products", headers: manager.headers, payload: { code, name: `Product ${code}` } })).statusCode).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  /** Uploads a file, waits for its analysis, and returns the import. */
  const upload = async (name: string, content: string | Buffer, query = "") => {
    const file = multipartFile(name, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    const res = await t.app.inject({ method: "POST", url: `/api/sales/imports${query}`, headers: { ...manager.headers, ...file.headers }, payload: file.payload });
    expect(res.statusCode, res.body).toBe(202);
    return salesImportSettled(t.app, manager.headers, res.json().id);
  };
  const commit = async (id: number) => {
    const res = await t.app.inject({ method: "POST", url: `/api/sales/imports/${id}/commit`, headers: manager.headers });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, manager.headers, res.json().commitJob.id);
    expect(job.state, JSON.stringify(job.error)).toBe("succeeded");
    return job.result as { lines: { created: number; replaced: number; unchanged: number }; statusChanges: number; createdMissing: Record<string, number> };
  };
  const problems = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/sales/imports/${id}/problems`, headers: manager.headers })).json().items;
  const totals = async () => {
    const db = t.ctx.db;
    const lines = await db.selectFrom("sales_lines").select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("revenue_cents").as("revenue")]).executeTakeFirstOrThrow();
    const rollup = await db.selectFrom("sales_by_group").select((eb) => [eb.fn.sum<number>("revenue_cents").as("revenue"), eb.fn.sum<number>("lines").as("lines")]).executeTakeFirstOrThrow();
    return { lines: Number(lines.n), revenue: Number(lines.revenue ?? 0), rollupRevenue: Number(rollup.revenue ?? 0), rollupLines: Number(rollup.lines ?? 0) };
  };

  const good = [
    HEADER,
    "F2025-001;1;15-03-2025;D-1001;SCH-1;10;1.250,00;800,00;Ria Verkoper;Noord",
    "F2025-001;2;15-03-2025;D-1001;GLS-2;2;99,95;40,00;Ria Verkoper;Noord",
    "F2025-002;1;02-04-2025;D-1002;SCH-1;5;625,50;400,25;Sem Verkoper;Zuid",
  ].join("\n");

  it("recognises Dutch headers, reports unknown reps and rayons, and imports them when asked to create missing", async () => {
    const strict = await upload("omzet-2025.csv", good);
    expect(strict.status).toBe("invalid");
    expect(strict.mappingSource).toBe("recognised");
    expect(strict.analysis).toMatchObject({ rows: 3, unknown: { debtors: 0, products: 0, reps: 2, rayons: 2 } });
    const found = await problems(strict.id);
    expect(found.map((p: { code: string }) => p.code).sort()).toEqual(["unknown_rayon", "unknown_rayon", "unknown_rep", "unknown_rep"]);
    expect(found.find((p: { code: string }) => p.code === "unknown_rep")).toMatchObject({ row: 2, column: "Verkoper" });
    expect((await totals()).lines).toBe(0);

    const imp = await upload("omzet-2025.csv", good, "?createMissing=true");
    expect(imp.status).toBe("analysed");
    expect(imp.analysis).toMatchObject({ rows: 3, lines: { new: 3, changed: 0, unchanged: 0 }, problems: 0, toCreate: { reps: 2, rayons: 2 } });
    const result = await commit(imp.id);
    expect(result.lines).toEqual({ created: 3, replaced: 0, unchanged: 0 });
    expect(result.createdMissing).toMatchObject({ reps: 2, rayons: 2, debtors: 0 });
    expect(await totals()).toEqual({ lines: 3, revenue: 197_545, rollupRevenue: 197_545, rollupLines: 3 });
  });

  it("makes a prospect with a first invoice a customer, with VIS as the source in the status history", async () => {
    const relation = await t.ctx.db.selectFrom("relations").select(["id", "status"]).where("debtor_number", "=", "D-1001").executeTakeFirstOrThrow();
    expect(relation.status).toBe("customer");
    const history = await t.ctx.db.selectFrom("relation_status_changes").selectAll().where("relation_id", "=", relation.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toMatchObject({ from_status: "prospect", to_status: "customer", source: "VIS" });
  });

  it("changes nothing when the same file comes again, and replaces a corrected line in the rollups", async () => {
    const again = await upload("omzet-2025.csv", good, "?createMissing=true");
    expect(again.analysis.lines).toEqual({ new: 0, changed: 0, unchanged: 3 });
    expect((await commit(again.id)).lines).toEqual({ created: 0, replaced: 0, unchanged: 3 });
    expect((await totals()).lines).toBe(3);

    const corrected = good.replace("2;15-03-2025;D-1001;GLS-2;2;99,95", "2;15-03-2025;D-1001;GLS-2;3;149,95");
    const fix = await upload("omzet-2025-gecorrigeerd.csv", corrected, "?createMissing=true");
    expect(fix.analysis.lines).toEqual({ new: 0, changed: 1, unchanged: 2 });
    expect((await commit(fix.id)).lines).toEqual({ created: 0, replaced: 1, unchanged: 2 });
    expect(await totals()).toEqual({ lines: 3, revenue: 202_545, rollupRevenue: 202_545, rollupLines: 3 });
  });

  it("counts a credit note against its period", async () => {
    const credit = [`${HEADER};Soort`, "C2025-009;1;20-04-2025;D-1002;SCH-1;1;125,10;80,05;Sem Verkoper;Zuid;credit"].join("\n");
    const imp = await upload("credit.csv", credit);
    expect(imp.status, JSON.stringify(await problems(imp.id))).toBe("analysed");
    await commit(imp.id);
    const april = await t.ctx.db.selectFrom("sales_by_debtor").select((eb) => eb.fn.sum<number>("revenue_cents").as("r")).where("month", "=", 202504).executeTakeFirstOrThrow();
    expect(Number(april.r)).toBe(62_550 - 12_510);
  });

  it("lists every bad row with row, column and reason, and imports nothing of that file", async () => {
    const bad = [
      HEADER,
      "F2026-001;1;15-03-2026;D-9999;SCH-1;1;10,00;5,00;Ria Verkoper;Noord",
      "F2026-002;1;31-02-2026;D-1001;SCH-1;1;10,00;5,00;Ria Verkoper;Noord",
      "F2026-003;1;15-03-2026;D-1001;SCH-1;-4;10,00;5,00;Ria Verkoper;Noord",
      "F2026-004;1;15-03-2026;D-1001;SCH-1;1;12.50;5,00;Ria Verkoper;Noord",
      "F2026-005;1;15-03-2019;D-1001;ONBEKEND;1;10,00;5,00;Ria Verkoper;Noord",
      "F2026-005;1;15-03-2019;D-1001;SCH-1;1;10,00;5,00;Ria Verkoper;Noord",
      "F2026-006;1;15-03-2035;D-1001;SCH-1;1;10,00;5,00;Ria Verkoper;Noord",
      'F2026-007;1;15-03-2026;"D-1001',
    ].join("\n");
    const before = await totals();
    const imp = await upload("fout.csv", bad);
    expect(imp.status).toBe("invalid");
    const list = await problems(imp.id);
    const byRow = list.map((p: { row: number; column: string; code: string }) => `${p.row}:${p.column}:${p.code}`);
    expect(byRow).toEqual(
      expect.arrayContaining([
        "2:Debiteur:unknown_debtor",
        "3:Datum:date_invalid",
        "4:Aantal:negative_without_credit",
        "5:Omzet:mixed_decimal_format",
        "6:Artikel:unknown_product",
        "7::duplicate_line",
        "8:Datum:date_out_of_range",
      ]),
    );
    // The file ends inside a quoted cell: reported at its row, not silently dropped.
    expect(list.some((p: { row: number; code: string }) => p.row === 9 && p.code === "file_unreadable")).toBe(true);
    const refused = await t.app.inject({ method: "POST", url: `/api/sales/imports/${imp.id}/commit`, headers: manager.headers });
    expect(refused.statusCode).toBe(422);
    expect(await totals()).toEqual(before);
  });

  it("reads a Windows-1252 file and refuses one whose bytes are not its encoding", async () => {
    const cp1252 = iconv.encode([HEADER, "F2025-100;1;01-05-2025;D-1001;SCH-1;1;€ 10,00;5,00;Ria Verkoper;Noord"].join("\r\n"), "windows-1252");
    const ok = await upload("ansi.csv", cp1252);
    expect(ok.status, JSON.stringify(await problems(ok.id))).toBe("analysed");
    const broken = Buffer.concat([Buffer.from(`${HEADER}\nF2025-101;1;01-05-2025;D-1001;SCH-1;1;10,00;5,00;Ria Verkoper;Noord\n`, "utf8"), Buffer.alloc(300 * 1024, 0x41), Buffer.from([0x0a, 0xff, 0xfe, 0x41, 0x0a])]);
    const bad = await upload("kapot.csv", broken);
    expect(bad.status).toBe("invalid");
    expect((await problems(bad.id)).some((p: { code: string }) => p.code === "file_unreadable")).toBe(true);
  });

  it("answers a broken multipart body with 400 and refuses roles that may not import sales", async () => {
    const broken = await t.app.inject({
      method: "POST",
      url: "/api/sales/imports",
      headers: { ...manager.headers, "content-type": "multipart/form-data; boundary=xyz" },
      payload: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc",
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers["content-type"]).toContain("application/problem+json");
    const rep = await t.userWithRole("field_sales");
    const file = multipartFile("omzet.csv", Buffer.from(good));
    expect((await t.app.inject({ method: "POST", url: "/api/sales/imports", headers: { ...rep.headers, ...file.headers }, payload: file.payload })).statusCode).toBe(403);
  });
});
