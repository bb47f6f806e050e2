import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { makePerson, makeProduct, makeRelation, quoteApi } from "./quote-test-fixtures.js";

describe.each(ENGINES)("quotes API on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let api: ReturnType<typeof quoteApi>;
  let relationId: number;
  let otherRelationId: number;
  let deciderId: number;
  let productId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    api = quoteApi(t, rep.headers);
    relationId = await makeRelation(t, rep.headers, { name: "Zorggroep Het Baken", visitStreet: "Dorpsstraat", visitHouseNumber: "12", visitPostcode: "3511AB", visitCity: "Utrecht" });
    otherRelationId = await makeRelation(t, rep.headers, { name: "Andere Relatie BV" });
    deciderId = await makePerson(t, rep.headers, relationId, { initials: "J", infix: "van der", lastName: "Berg", gender: "m", title: "ir", dmuRoles: ["decider"] });
    productId = await makeProduct(t, rep.headers, { code: "SCH-1", name: "Kantoorschoonmaak", unit: "uur", listPriceCents: 1999 });
  });
  afterAll(async () => t?.close());

  const line = (over: Record<string, unknown> = {}) => ({ productId, quantity: 10, ...over });
  const base = (over: Record<string, unknown> = {}) => ({ relationId, probability: 50, decisionMonth: "2027-02", lines: [line()], ...over });

  it("creates a quote numbered OVn-1 with lines priced from the list price, discount and a computed total", async () => {
    const res = await api.create(base({ contactPersonId: deciderId, lines: [line({ quantity: 12.5, discountPercent: 2.5 }), line({ quantity: 2, unitPriceCents: 10_000 })] }));
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q.number).toMatch(/^OV\d+-1$/);
    expect(q.revision).toBe(1);
    // 12,5 × € 19,99 − 2,5 % = € 243,628125 → € 243,63; plus 2 × € 100,00
    expect(q.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([24_363, 20_000]);
    expect(q.lines[0]).toMatchObject({ description: "Kantoorschoonmaak", quantity: 12.5, unitPriceCents: 1999, discountBasisPoints: 250, product: { code: "SCH-1", unit: "uur" } });
    expect(q).toMatchObject({ totalCents: 44_363, units: 14.5, status: "draft", probability: 50, decisionMonth: "2027-02", validUntil: "2026-12-27", stale: false, warnings: [] });
    expect(q.contactPerson).toMatchObject({ id: deciderId, formalName: "De heer ir. J. van der Berg" });
    expect(q.rep).toEqual({ id: rep.id, name: "Ria Verkoper" });
    expect(q.history).toEqual([expect.objectContaining({ at: "2026-11-27", kind: "created", probability: 50, amountCents: 44_363 })]);
    expect(res.headers.etag).toBe('"1"');
  });

  it("refuses a contact person of another relation, an unknown product and a probability outside 0–100, and stores nothing", async () => {
    const before = (await t.app.inject({ method: "GET", url: "/api/quotes?limit=200&allRevisions=true", headers: rep.headers })).json().items.length;
    const stranger = await makePerson(t, rep.headers, otherRelationId, { lastName: "Vreemd" });
    const wrongPerson = await api.create(base({ contactPersonId: stranger }));
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().errors).toEqual([expect.objectContaining({ field: "contactPersonId", code: "person_not_of_relation" })]);
    const unknownProduct = await api.create(base({ lines: [line({ productId: 999_999 })] }));
    expect(unknownProduct.json().errors[0]).toMatchObject({ field: "lines.0.productId", code: "product_unknown" });
    for (const probability of [101, -1]) {
      const res = await api.create(base({ probability }));
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors[0].field).toBe("probability");
    }
    const after = (await t.app.inject({ method: "GET", url: "/api/quotes?limit=200&allRevisions=true", headers: rep.headers })).json().items.length;
    expect(after).toBe(before);
  });

  it("accepts a decision month in the past for an open quote with a warning and flags it stale", async () => {
    const res = await api.create(base({ decisionMonth: "2026-09" }));
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([expect.objectContaining({ code: "decision_month_past" })]);
    expect(res.json().stale).toBe(true);
    const stale = (await t.app.inject({ method: "GET", url: "/api/quotes?stale=true", headers: rep.headers })).json();
    expect(stale.items.map((q: { id: number }) => q.id)).toContain(res.json().id);
    expect(stale.items.every((q: { stale: boolean }) => q.stale)).toBe(true);
    expect(stale.total).toEqual({ count: stale.items.length, exact: true });
    const fixed = await api.patch(res.json().id, 1, { decisionMonth: "2027-01" });
    expect(fixed.json()).toMatchObject({ stale: false, warnings: [] });
  });

  it("updates with If-Match, answers 412 to a stale version and 428 without one", async () => {
    const id = (await api.create(base())).json().id;
    const first = await api.patch(id, 1, { probability: 60 });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect((await api.patch(id, 1, { probability: 70 })).statusCode).toBe(412);
    const missing = await t.app.inject({ method: "PATCH", url: `/api/quotes/${id}`, headers: rep.headers, payload: { probability: 70 } });
    expect(missing.statusCode).toBe(428);
    expect((await api.get(id)).json().probability).toBe(60);
  });

  it("needs a lost reason to lose a sent quote, sets its chance to 0 and keeps it final", async () => {
    const id = (await api.create(base({ status: "sent" }))).json().id;
    const notSent = await api.patch((await api.create(base())).json().id, 1, { status: "won" });
    expect(notSent.json().errors[0]).toMatchObject({ field: "status", code: "quote_status_transition_not_allowed" });
    const noReason = await api.patch(id, 1, { status: "lost" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: "lostReason", code: "lost_reason_required" });
    const lost = await api.patch(id, 1, { status: "lost", lostReason: "Prijs 12 % boven concurrent", competitorWon: "CSU" });
    expect(lost.json()).toMatchObject({ status: "lost", probability: 0, lostReason: "Prijs 12 % boven concurrent", competitorWon: "CSU", decidedOn: "2026-11-27" });
    expect(lost.json().history.at(-1)).toMatchObject({ kind: "changed", status: "lost", probability: 0 });
    const reopen = await api.patch(id, 2, { probability: 40 });
    expect(reopen.statusCode).toBe(422);
  });

  it("makes a new revision that keeps the history and withdraws the sent one", async () => {
    const first = (await api.create(base({ status: "sent" }))).json();
    const res = await api.revise(first.id, { lines: [line({ quantity: 20 })], probability: 65 });
    expect(res.statusCode).toBe(201);
    const second = res.json();
    expect(second.number).toBe(`OV${first.baseNumber}-2`);
    expect(second).toMatchObject({ status: "draft", probability: 65, totalCents: 39_980, decisionMonth: "2027-02" });
    expect(second.revisions.map((r: { number: string; status: string }) => `${r.number}:${r.status}`)).toEqual([
      `OV${first.baseNumber}-1:withdrawn`,
      `OV${first.baseNumber}-2:draft`,
    ]);
    const old = (await api.get(first.id)).json();
    expect(old).toMatchObject({ status: "withdrawn", totalCents: first.totalCents });
    const again = await api.revise(first.id);
    expect(again.statusCode).toBe(409);
    const draft = await api.revise(second.id);
    expect(draft.statusCode).toBe(422);
    const unchanged = await api.revise((await api.create(base({ status: "sent" }))).json().id);
    expect(unchanged.json()).toMatchObject({ revision: 2, status: "draft", totalCents: 19_990 });
    const lost = (await api.create(base({ status: "sent" }))).json().id;
    await api.patch(lost, 1, { status: "lost", lostReason: "Klant koos voor CSU" });
    expect((await api.revise(lost)).json().errors[0]).toMatchObject({ field: "probability", code: "required" });
    const reopened = await api.revise(lost, { probability: 30 });
    expect(reopened.json()).toMatchObject({ revision: 2, status: "draft", probability: 30 });
    expect((await api.get(lost)).json()).toMatchObject({ status: "lost", lostReason: "Klant koos voor CSU" });
    const missing = await api.revise(987_654);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
  });

  it("never overwrites a quote number typed in twice, and lets only administrators choose one", async () => {
    // A chosen number moves the shared counter for everyone: a rep may not.
    const byRep = await api.create(base({ number: "OV5000" }));
    expect(byRep.statusCode).toBe(403);
    const admin = quoteApi(t, (await t.userWithRole("admin")).headers);
    const paper = await admin.create(base({ number: "OV5000", repId: rep.id }));
    expect(paper.json().number).toBe("OV5000-1");
    const twice = await admin.create(base({ number: "ov 5000", repId: rep.id }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain("new revision");
    const next = (await api.create(base())).json();
    expect(next.baseNumber).toBe(5001);
    const laterRevision = await admin.create(base({ number: "OV6000-2", repId: rep.id }));
    expect(laterRevision.json().errors[0]).toMatchObject({ field: "number", code: "quote_revision_via_endpoint" });
  });

  it("lets a rep make quotes for himself only, inside sales for the reps of its rayons, a manager for anyone", async () => {
    const other = await t.userWithRole("field_sales", { rayonNames: ["Oost"] });
    expect((await api.create(base({ repId: other.id }))).statusCode).toBe(403);
    const mine = (await api.create(base())).json();
    // Reassigning one's own quote to a colleague, or a colleague's to oneself, is not a rep's call.
    expect((await api.patch(mine.id, mine.version, { repId: other.id })).statusCode).toBe(403);
    const theirs = (await quoteApi(t, (await t.userWithRole("sales_manager")).headers).create(base({ repId: other.id }))).json();
    expect(theirs.rep.id).toBe(other.id);
    expect((await api.patch(theirs.id, theirs.version, { repId: rep.id })).statusCode).toBe(403);
    // Nor is changing a colleague's quote (its chance, status or notes) or revising it: that is acting for him.
    expect((await api.patch(theirs.id, theirs.version, { probability: 0, status: "lost", lostReason: "Weg" })).statusCode).toBe(403);
    expect((await api.patch(theirs.id, theirs.version, { notes: "Overschreven" })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/quotes/${theirs.id}/revisions`, headers: rep.headers, payload: {} })).statusCode).toBe(403);
    const unchanged = (await t.app.inject({ method: "GET", url: `/api/quotes/${theirs.id}`, headers: rep.headers })).json();
    expect(unchanged).toMatchObject({ version: theirs.version, status: theirs.status, probability: theirs.probability, notes: theirs.notes });
    const desk = quoteApi(t, (await t.userWithRole("inside_sales", { rayonNames: ["Oost"] })).headers);
    const forOther = await desk.create(base({ repId: other.id }));
    expect(forOther.statusCode, forOther.body).toBe(201);
    expect(forOther.json()).toMatchObject({ rep: { id: other.id } });
    expect((await desk.create(base({ repId: rep.id }))).statusCode).toBe(403);
  });

  it("advises from the rep's answers and the DMU on record, and keeps the rep's overrule with its reason", async () => {
    const advise = (body: Record<string, unknown>) => t.app.inject({ method: "POST", url: "/api/quote-advice", headers: rep.headers, payload: { relationId, solution: "yes", budget: "yes", chance: 50, decisionMonth: "2027-01", ...body } });
    const go = (await advise({})).json();
    expect(go.verdict).toBe("go");
    expect(go.dmu).toEqual([expect.objectContaining({ personId: deciderId, roles: ["decider"] })]);
    const dont = (await advise({ chance: 20 })).json();
    expect(dont.verdict).toBe("dont");
    expect(dont.reasons[0]).toMatchObject({ code: "chance_below_threshold", params: { chance: 20, threshold: 35 } });
    const noDmu = (await advise({ relationId: otherRelationId })).json();
    expect(noDmu).toMatchObject({ verdict: "wait", reasons: [expect.objectContaining({ code: "dmu_decider_unknown" })] });

    const answers = { solution: "yes", budget: { budgetCents: 10_000 }, chance: 50, decisionMonth: "2027-01" };
    // 10 × € 19,99 = € 199,90 against a budget of € 100: more than 10 % over → don't.
    const without = await api.create(base({ advice: { answers } }));
    expect(without.json().errors[0]).toMatchObject({ field: "advice.overruleReason", code: "overrule_reason_required" });
    const short = await api.create(base({ advice: { answers, overruleReason: "wil het" } }));
    expect(short.json().errors[0]).toMatchObject({ code: "overrule_reason_too_short" });
    const overruled = await api.create(base({ advice: { answers, overruleReason: "Directeur belde zelf: budget wordt verhoogd in januari" } }));
    expect(overruled.statusCode).toBe(201);
    expect(overruled.json().advice).toMatchObject({
      verdict: "dont",
      overruled: true,
      overruleReason: "Directeur belde zelf: budget wordt verhoogd in januari",
      reasons: [expect.objectContaining({ code: "budget_exceeded" })],
      decidedBy: { id: rep.id, name: "Ria Verkoper" },
    });
    const followed = await api.create(base({ advice: { answers: { ...answers, budget: "yes" } } }));
    expect(followed.json().advice).toMatchObject({ verdict: "go", overruled: false, overruleReason: null });
  });

  it("uses the chance threshold and the decision term of the relation's market segment", async () => {
    const admin = await t.userWithRole("admin");
    const segment = await t.ctx.db.insertInto("market_segments").values({ code: "ZORG", name: "Zorg" }).returning("id").executeTakeFirstOrThrow();
    const put = await t.app.inject({ method: "PUT", url: "/api/quote-settings", headers: admin.headers, payload: { chanceThreshold: 40, segments: [{ id: segment.id, maxDecisionMonths: 2 }] } });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: "PUT", url: "/api/quote-settings", headers: rep.headers, payload: { chanceThreshold: 10 } })).statusCode).toBe(403);
    const advice = await t.app.inject({
      method: "POST",
      url: "/api/quote-advice",
      headers: rep.headers,
      payload: { relationId, segmentId: segment.id, solution: "yes", budget: "yes", chance: 38, decisionMonth: "2027-03" },
    });
    expect(advice.json().settings).toMatchObject({ chanceThreshold: 40, maxTermMonths: 2 });
    expect(advice.json().reasons.map((r: { code: string }) => r.code)).toEqual(["chance_below_threshold", "decision_beyond_term"]);
    await t.app.inject({ method: "PUT", url: "/api/quote-settings", headers: admin.headers, payload: { chanceThreshold: 35 } });
  });

  it("prints a Dutch quote document with escaped values and euro amounts", async () => {
    const hostile = await makeRelation(t, rep.headers, { name: "<script>alert(1)</script> BV", postalStreet: "Postbus", postalHouseNumber: "100", postalPostcode: "1000AA", postalCity: "Amsterdam" });
    const person = await makePerson(t, rep.headers, hostile, { firstName: "Anna", initials: "A", lastName: "de Vries", gender: "v" });
    const id = (await api.create({ relationId: hostile, contactPersonId: person, probability: 40, decisionMonth: "2027-03", title: "Schoonmaak <b>kantoor</b>", lines: [line({ quantity: 61.75 })] })).json().id;
    const res = await t.app.inject({ method: "GET", url: `/api/quotes/${id}/document`, headers: rep.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const html = res.body;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; BV");
    expect(html).toContain("Schoonmaak &lt;b&gt;kantoor&lt;/b&gt;");
    expect(html).toContain("Mevrouw A. de Vries");
    expect(html).toContain("Geachte mevrouw De Vries,");
    expect(html).toContain("Postbus 100");
    // 61,75 × € 19,99 = € 1.234,3825 → € 1.234,38
    expect(html).toContain("€\u00a01.234,38");
    expect(html).toContain("27 december 2026");
  });

  it("lets every CRM reader see quotes but only quote writers change them", async () => {
    const purchasing = await t.userWithRole("purchasing");
    expect((await t.app.inject({ method: "GET", url: "/api/quotes", headers: purchasing.headers })).statusCode).toBe(200);
    expect((await quoteApi(t, purchasing.headers).create(base())).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/quotes" })).statusCode).toBe(401);
  });

  it("keeps each line's VAT rate as it was written, with the totals per rate and including VAT", async () => {
    const admin = await t.userWithRole("admin");
    const bread = await makeProduct(t, admin.headers, { code: "BRD-1", name: "Lunchverzorging", unit: "stuk", listPriceCents: 1000, vatCategory: "low" });
    const res = await api.create(base({ lines: [line({ quantity: 2 }), { productId: bread, quantity: 10 }, line({ quantity: 1, unitPriceCents: 5000 })] }));
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json();
    expect(q.lines.map((l: { vatBasisPoints: number }) => l.vatBasisPoints)).toEqual([2100, 900, 2100]);
    // 2 × € 19,99 + € 50,00 at 21 %; 10 × € 10,00 at 9 %.
    expect(q.totals).toEqual({
      subtotalCents: 3998 + 5000 + 10_000,
      vat: [
        { rateBasisPoints: 2100, baseCents: 8998, vatCents: 1890 },
        { rateBasisPoints: 900, baseCents: 10_000, vatCents: 900 },
      ],
      vatCents: 2790,
      totalCents: 18_998 + 2790,
    });

    // The rate changes: the quote already made keeps its 9 %, a new quote gets the new rate.
    const settings = await t.app.inject({ method: "GET", url: "/api/company-settings", headers: admin.headers });
    const patched = await t.app.inject({
      method: "PATCH",
      url: "/api/company-settings",
      headers: { ...admin.headers, "if-match": `"${settings.json().version}"` },
      payload: { legalName: "Glansrijk B.V.", vatRates: { high: 2100, low: 1000, zero: 0 } },
    });
    expect(patched.statusCode).toBe(200);
    expect((await api.get(q.id)).json().lines[1].vatBasisPoints).toBe(900);
    const html = (await t.app.inject({ method: "GET", url: `/api/quotes/${q.id}/document`, headers: rep.headers })).body;
    expect(html).toContain("9%");
    expect(html).not.toContain("10%");
    const later = (await api.create(base({ lines: [{ productId: bread, quantity: 1 }] }))).json();
    expect(later.lines[0].vatBasisPoints).toBe(1000);
  });
});
