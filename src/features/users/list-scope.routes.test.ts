// The lists of relations, quotes and follow-ups by scope (mine, team, everyone) and the filters the
// click-through of the forecast, the hit ratio and the overdue follow-ups per rep lead to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makeProduct, makeRelation, quoteApi } from "../quotes/quote-test-fixtures.js";

type Headers = Record<string, string>;

describe.each(ENGINES)("lists by scope and click-through filters on %s", (engine) => {
  let t: TestApp;
  let noord: { id: number; headers: Headers };
  let zuid: { id: number; headers: Headers };
  let desk: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  let regional: { id: number; headers: Headers };
  let marketing: { id: number; headers: Headers };
  let productId: number;
  let otherProductId: number;
  const relations = {} as Record<"noord" | "zuid" | "desk" | "manager", number>;
  const quotes = {} as Record<"noordFeb" | "noordMarZero" | "zuidFeb" | "zuidWon", number>;
  const followUps = {} as Record<"noordLate" | "noordToday" | "noordSoon" | "zuidLate" | "deskLate", number>;

  const get = async (headers: Headers, url: string) => {
    const res = await t.app.inject({ method: "GET", url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: number }[] }).items.map((i) => i.id).sort((a, b) => a - b);
  };
  const sorted = (...ids: number[]) => [...ids].sort((a, b) => a - b);

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(new Date("2026-11-27T08:00:00Z"));
    noord = await t.userWithRole("field_sales", { name: "Nina Noord", rayonNames: ["Noord"] });
    zuid = await t.userWithRole("field_sales", { name: "Zeger Zuid", rayonNames: ["Zuid"] });
    desk = await t.userWithRole("inside_sales", { name: "Bo Binnendienst", rayonNames: ["Noord"] });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    regional = await t.userWithRole("sales_manager", { name: "Rik Regio", rayonNames: ["Zuid"] });
    marketing = await t.userWithRole("marketing", { name: "Mo Marketing" });
    productId = await makeProduct(t, manager.headers, { code: "SCH-1", name: "Kantoorschoonmaak", unit: "uur", listPriceCents: 2000 });
    otherProductId = await makeProduct(t, manager.headers, { code: "RAM-1", name: "Glasbewassing", unit: "stuk", listPriceCents: 500 });
    for (const [key, who] of [["noord", noord], ["zuid", zuid], ["desk", desk], ["manager", manager]] as const) {
      relations[key] = await makeRelation(t, who.headers, { name: `Relatie van ${key}` });
    }
    const noordQuotes = quoteApi(t, noord.headers);
    const zuidQuotes = quoteApi(t, zuid.headers);
    const line = (id = productId) => [{ productId: id, quantity: 2 }];
    quotes.noordFeb = (await noordQuotes.create({ relationId: relations.noord, probability: 50, status: "sent", decisionMonth: "2027-02", lines: line() })).json().id;
    quotes.noordMarZero = (await noordQuotes.create({ relationId: relations.noord, probability: 0, status: "sent", decisionMonth: "2027-03", lines: line() })).json().id;
    quotes.zuidFeb = (await zuidQuotes.create({ relationId: relations.zuid, probability: 60, status: "sent", decisionMonth: "2027-02", lines: line(otherProductId) })).json().id;
    const won = (await zuidQuotes.create({ relationId: relations.zuid, probability: 70, status: "sent", decisionMonth: "2026-11", lines: line() })).json();
    quotes.zuidWon = won.id;
    expect((await zuidQuotes.patch(won.id, won.version, { status: "won" })).statusCode).toBe(200);
    const follow = async (who: { headers: Headers }, relationId: number, dueDate: string) => {
      const res = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: who.headers, payload: { action: `Bellen ${dueDate}`, dueDate } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    followUps.noordLate = await follow(noord, relations.noord, "2026-11-20");
    followUps.noordToday = await follow(noord, relations.noord, "2026-11-27");
    followUps.noordSoon = await follow(noord, relations.noord, "2026-12-04");
    followUps.zuidLate = await follow(zuid, relations.zuid, "2026-11-01");
    followUps.deskLate = await follow(desk, relations.desk, "2026-11-26");
  });
  afterAll(async () => t?.close());

  it("narrows the relations to mine or my team, and to everyone without a scope", async () => {
    expect(await get(noord.headers, "/api/relations?scope=mine")).toEqual([relations.noord]);
    // A rep's team: the reps who share a rayon (inside sales of Noord), and the rep.
    expect(await get(noord.headers, "/api/relations?scope=team")).toEqual(sorted(relations.noord, relations.desk));
    // A manager without rayons has every rep in the team, and themself.
    expect(await get(manager.headers, "/api/relations?scope=team")).toEqual(sorted(relations.noord, relations.zuid, relations.desk, relations.manager));
    expect(await get(regional.headers, "/api/relations?scope=team")).toEqual([relations.zuid]);
    expect(await get(marketing.headers, "/api/relations?scope=mine")).toEqual([]);
    expect(await get(noord.headers, "/api/relations?scope=all")).toEqual(Object.values(relations).sort((a, b) => a - b));
    expect(await get(noord.headers, "/api/relations")).toEqual(Object.values(relations).sort((a, b) => a - b));
    // The scope and an owner filter both hold.
    expect(await get(manager.headers, `/api/relations?scope=team&owner=${zuid.id}`)).toEqual([relations.zuid]);
  });

  it("narrows quotes to mine or the team, and filters on what the forecast and the hit ratio count", async () => {
    expect(await get(noord.headers, "/api/quotes?scope=mine")).toEqual(sorted(quotes.noordFeb, quotes.noordMarZero));
    expect(await get(regional.headers, "/api/quotes?scope=team")).toEqual(sorted(quotes.zuidFeb, quotes.zuidWon));
    // A forecast cell: open quotes with a chance above 0 decided in that month.
    expect(await get(manager.headers, "/api/quotes?forecast=true&decisionFrom=2027-02&decisionTo=2027-02")).toEqual(sorted(quotes.noordFeb, quotes.zuidFeb));
    expect(await get(manager.headers, "/api/quotes?forecast=true&decisionFrom=2027-01&decisionTo=2027-06")).toEqual(sorted(quotes.noordFeb, quotes.zuidFeb));
    expect(await get(manager.headers, `/api/quotes?forecast=true&decisionFrom=2027-02&decisionTo=2027-02&rep=${noord.id}`)).toEqual([quotes.noordFeb]);
    expect(await get(manager.headers, `/api/quotes?forecast=true&product=${otherProductId}`)).toEqual([quotes.zuidFeb]);
    const [noordRayon] = (await t.ctx.db.selectFrom("rayons").select("id").where("name", "=", "Noord").execute()).map((r) => r.id);
    await t.ctx.db.updateTable("relations").set({ rayon_id: noordRayon }).where("id", "=", relations.noord).execute();
    expect(await get(manager.headers, `/api/quotes?forecast=true&rayon=${noordRayon}`)).toEqual([quotes.noordFeb]);
    // A hit-ratio row: won quotes of the rep decided in the period.
    expect(await get(manager.headers, `/api/quotes?status=won&rep=${zuid.id}&decidedFrom=2026-01-01&decidedTo=2026-11-27`)).toEqual([quotes.zuidWon]);
    expect(await get(manager.headers, `/api/quotes?status=won&rep=${zuid.id}&decidedFrom=2026-11-28`)).toEqual([]);
  });

  it("lists follow-ups by scope, assignee and timing on today's Amsterdam date, soonest first", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/followups?scope=mine", headers: noord.headers });
    expect(res.json().items.map((f: { id: number; timing: string }) => [f.id, f.timing])).toEqual([
      [followUps.noordLate, "overdue"],
      [followUps.noordToday, "today"],
      [followUps.noordSoon, "upcoming"],
    ]);
    expect(res.json().total).toEqual({ count: 3, exact: true });
    expect(await get(noord.headers, "/api/followups?scope=mine&timing=overdue")).toEqual([followUps.noordLate]);
    expect(await get(noord.headers, "/api/followups?scope=team&timing=overdue")).toEqual(sorted(followUps.noordLate, followUps.deskLate));
    // The overdue count per rep on Mijn dag leads here.
    expect(await get(manager.headers, `/api/followups?assignee=${zuid.id}&timing=overdue`)).toEqual([followUps.zuidLate]);
    expect(await get(manager.headers, "/api/followups?scope=team&timing=overdue")).toEqual(sorted(followUps.noordLate, followUps.zuidLate, followUps.deskLate));
    expect(await get(marketing.headers, "/api/followups?scope=mine")).toEqual([]);
    // Done ones only when asked; pages follow the due date.
    const one = await t.app.inject({ method: "PATCH", url: `/api/followups/${followUps.noordSoon}`, headers: { ...noord.headers, "if-match": '"1"' }, payload: { status: "done" } });
    expect(one.statusCode).toBe(200);
    expect(await get(noord.headers, "/api/followups?scope=mine")).toEqual(sorted(followUps.noordLate, followUps.noordToday));
    expect(await get(noord.headers, "/api/followups?scope=mine&status=done")).toEqual([followUps.noordSoon]);
    const first = (await t.app.inject({ method: "GET", url: "/api/followups?limit=2", headers: manager.headers })).json();
    expect(first.items.map((f: { id: number }) => f.id)).toEqual([followUps.zuidLate, followUps.noordLate]);
    const second = (await t.app.inject({ method: "GET", url: `/api/followups?limit=2&cursor=${first.nextCursor}`, headers: manager.headers })).json();
    expect(second.items.map((f: { id: number }) => f.id)).toEqual([followUps.deskLate, followUps.noordToday]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses an unknown scope or timing with a 400", async () => {
    for (const url of ["/api/relations?scope=mijn", "/api/quotes?scope=x", "/api/followups?timing=later", "/api/quotes?decisionFrom=2027-13"]) {
      const res = await t.app.inject({ method: "GET", url, headers: noord.headers });
      expect(res.statusCode, url).toBe(400);
    }
  });
});
