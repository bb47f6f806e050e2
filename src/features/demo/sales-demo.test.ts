// The demo company is alive: its reps find follow-ups on "Mijn dag", the forecast has open quotes
// (volume per unit), the hit ratio has days to decision,
// the products and contact moments are there, and its quotes print on its own letterhead — on both
// engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../auth/session.service.js";
import { findUserByEmail } from "../users/user.repository.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { seedDemo } from "./demo.service.js";

const NOW = new Date("2026-11-27T08:00:00.000Z");

describe.each(ENGINES)("demo sales activity on %s", (engine) => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(NOW);
    await seedDemo(t.ctx.db, { relations: 400, seed: 3 }, NOW);
    const manager = await findUserByEmail(t.ctx.db, "manager@glansrijk.nl");
    if (!manager) throw new Error("the demo has no manager");
    headers = { authorization: `Bearer ${await createApiToken(t.ctx.db, manager.id, "test", NOW)}` };
  });
  afterAll(async () => t?.close());

  it("gives the team overdue follow-ups that the manager sees per rep", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/followups/overdue-by-rep", headers });
    expect(res.statusCode).toBe(200);
    const reps = res.json().items as { overdue: number }[];
    expect(reps.length).toBeGreaterThan(0);
    expect(reps.reduce((sum, r) => sum + r.overdue, 0)).toBeGreaterThan(0);
  });

  it("fills the forecast of the coming months from open quotes", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/forecast?from=2026-11&to=2027-05", headers });
    expect(res.statusCode).toBe(200);
    expect(Number.isInteger(res.json().total.revenueCents) && res.json().total.revenueCents > 0).toBe(true);
    // The demo sells per m², per hour and per piece: a volume per unit, never one sum of them.
    const units = res.json().total.units.map((u: { unit: string }) => u.unit);
    expect(units).toContain("m2");
    expect(units.length).toBeGreaterThan(1);
    expect(new Set(units).size).toBe(units.length);
  });

  it("gives every rep with decided quotes real days to decision, counted from the quote events", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio", headers });
    expect(res.statusCode).toBe(200);
    const decided = (res.json().reps as { won: number; lost: number; averageDaysToDecision: number | null }[]).filter((r) => r.won + r.lost > 0);
    expect(decided.length).toBeGreaterThan(0);
    // Sent 10–150 days ago and decided at least 5 days later (sales-demo.ts).
    for (const rep of decided) expect(rep.averageDaysToDecision).toBeGreaterThanOrEqual(5);
  });

  it("lists products and contact moments with their quotes, some already won or lost", async () => {
    const products = await t.app.inject({ method: "GET", url: "/api/products", headers });
    expect(products.json().items.length).toBeGreaterThan(5);
    const decided = await t.ctx.db.selectFrom("quotes").select("status").where("status", "in", ["won", "lost"]).execute();
    expect(decided.length).toBeGreaterThan(0);
    const moments = await t.ctx.db.selectFrom("activities").select("id").limit(10).execute();
    expect(moments.length).toBe(10);
  });

  it("prints a demo quote as Glansrijk's own letter, with its logo and its bank account", async () => {
    const settings = (await t.app.inject({ method: "GET", url: "/api/company-settings", headers })).json();
    expect(settings).toMatchObject({ legalName: "Glansrijk Facilitaire Diensten B.V.", kvkNumber: "30276543", iban: "NL91ABNA0417164300", logo: { contentType: "image/png" } });
    const quote = await t.ctx.db.selectFrom("quotes").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    const html = (await t.app.inject({ method: "GET", url: `/api/quotes/${quote.id}/document`, headers })).body;
    expect(html).toContain("Glansrijk Facilitaire Diensten B.V.");
    expect(html).toContain("IBAN NL91 ABNA 0417 1643 00");
    expect(html).toContain('<img src="data:image/png;base64,');
  });
});
