import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makeProduct, makeRelation, quoteApi } from "./quote-test-fixtures.js";

describe.each(ENGINES)("hit ratio on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it("counts won ÷ decided per rep in count and value, with days to decision and stale open quotes", async () => {
    const rep = await t.userWithRole("field_sales", { name: "Hans Hitratio" });
    const other = await t.userWithRole("field_sales", { name: "Anja Anders" });
    const api = quoteApi(t, rep.headers);
    const relationId = await makeRelation(t, rep.headers, { name: "Scoringsratio BV" });
    const productId = await makeProduct(t, rep.headers, { code: "HR-1", name: "Hitproduct", listPriceCents: 1999 });
    const quote = async (quantity: number, extra: Record<string, unknown> = {}) =>
      (await api.create({ relationId, probability: 50, decisionMonth: "2026-12", status: "sent", lines: [{ productId, quantity }], ...extra })).json();

    // Sent on 27 November 2026.
    const won = await quote(10);
    const lost = await quote(20);
    const withdrawn = await quote(5, { status: "draft" });
    await quote(1, { decisionMonth: "2026-11" });
    // A quote of the other rep, made by their manager (a rep records quotes for himself only).
    const managerApi = quoteApi(t, (await t.userWithRole("sales_manager")).headers);
    await managerApi.create({ relationId, probability: 50, status: "sent", lines: [{ productId, quantity: 1 }], repId: other.id, decisionMonth: "2027-03" });

    t.setNow(new Date("2026-12-07T09:00:00Z"));
    try {
      expect((await api.patch(won.id, 1, { status: "won" })).json()).toMatchObject({ status: "won", probability: 100, decidedOn: "2026-12-07" });
      expect((await api.patch(lost.id, 1, { status: "lost", lostReason: "Geen budget meer dit jaar" })).statusCode).toBe(200);
      expect((await api.patch(withdrawn.id, 1, { status: "withdrawn" })).statusCode).toBe(200);
      const manager = await t.userWithRole("sales_manager");
      const res = await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio?from=2026-12-01&to=2026-12-31", headers: manager.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.reps).toEqual([
        expect.objectContaining({ rep: { id: other.id, name: "Anja Anders" }, won: 0, lost: 0, ratioCount: null, openQuotes: 1, staleQuotes: 0 }),
        {
          rep: { id: rep.id, name: "Hans Hitratio" },
          won: 1,
          lost: 1,
          withdrawn: 1,
          ratioCount: 0.5,
          wonCents: 19_990,
          lostCents: 39_980,
          ratioValue: 19_990 / 59_970,
          averageDaysToDecision: 10,
          // The quote decided in November is stale now that it is December.
          openQuotes: 1,
          staleQuotes: 1,
        },
      ]);
      expect(body.total).toMatchObject({ won: 1, lost: 1, ratioCount: 0.5 });
      // A rep reads their own ratio only: the other rep's row is not in the query at all.
      const own = (await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio?from=2026-12-01&to=2026-12-31", headers: rep.headers })).json();
      expect(own.reps.map((r: { rep: { id: number } }) => r.rep.id)).toEqual([rep.id]);
      expect(own.total).toMatchObject({ won: 1, lost: 1 });
      const purchasing = await t.userWithRole("purchasing");
      const refused = await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio", headers: purchasing.headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("team_report_hidden");
      const november = (await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio?from=2026-11-01&to=2026-11-30", headers: rep.headers })).json();
      expect(november.total).toMatchObject({ won: 0, lost: 0, ratioCount: null });
      const reversed = await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio?from=2026-12-31&to=2026-12-01", headers: rep.headers });
      expect(reversed.statusCode).toBe(400);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it("counts the days to decision from when the quote family first went out, also when a revision is decided", async () => {
    const rep = await t.userWithRole("field_sales", { name: "Rita Revisie" });
    const api = quoteApi(t, rep.headers);
    const relationId = await makeRelation(t, rep.headers, { name: "Revisie BV" });
    const productId = await makeProduct(t, rep.headers, { code: "RV-1", name: "Revisieproduct", listPriceCents: 1000 });
    // Sent on 27 November 2026, revised on 3 December, the revision won on 17 December: 20 days.
    const first = (await api.create({ relationId, probability: 50, decisionMonth: "2026-12", status: "sent", lines: [{ productId, quantity: 1 }] })).json();
    try {
      t.setNow(new Date("2026-12-03T09:00:00Z"));
      const revision = await api.revise(first.id);
      expect(revision.statusCode, revision.body).toBe(201);
      t.setNow(new Date("2026-12-17T09:00:00Z"));
      const sent = await api.patch(revision.json().id, 1, { status: "sent" });
      expect(sent.statusCode, sent.body).toBe(200);
      expect((await api.patch(revision.json().id, 2, { status: "won" })).statusCode).toBe(200);
      const own = (await t.app.inject({ method: "GET", url: "/api/quotes/hit-ratio?from=2026-12-01&to=2026-12-31", headers: rep.headers })).json();
      expect(own.reps).toEqual([expect.objectContaining({ rep: { id: rep.id, name: "Rita Revisie" }, won: 1, averageDaysToDecision: 20 })]);
    } finally {
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });
});
