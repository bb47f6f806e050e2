// The `mayChange` flag the web app hides its edit controls by: for every kind of viewer it must say
// exactly what the PATCH then answers (200 or 403), for a quote and for a contact moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { postActivity } from "../activities/crm-test-helpers.js";
import { makeProduct, makeRelation, quoteApi } from "./quote-test-fixtures.js";

type Headers = Record<string, string>;

describe.each(ENGINES)("mayChange follows the write check on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let viewers: { who: string; headers: Headers; expected: boolean }[];
  let relationId: number;
  let productId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { rayonNames: ["Noord"] });
    viewers = [
      { who: "the rep himself", headers: rep.headers, expected: true },
      { who: "his inside sales", headers: (await t.userWithRole("inside_sales", { rayonNames: ["Noord"] })).headers, expected: true },
      { who: "a sales manager", headers: (await t.userWithRole("sales_manager")).headers, expected: true },
      { who: "a rep of another rayon", headers: (await t.userWithRole("field_sales", { rayonNames: ["Oost"] })).headers, expected: false },
      { who: "inside sales of another rayon", headers: (await t.userWithRole("inside_sales", { rayonNames: ["Oost"] })).headers, expected: false },
      { who: "marketing", headers: (await t.userWithRole("marketing")).headers, expected: false },
    ];
    relationId = await makeRelation(t, rep.headers, { name: "Zorggroep Het Baken" });
    productId = await makeProduct(t, rep.headers, { code: "SCH-1", name: "Kantoorschoonmaak", unit: "uur", listPriceCents: 1999 });
  });
  afterAll(async () => t?.close());

  it("on a quote: true for the rep, his inside sales and a manager, false for others, and what the PATCH answers", async () => {
    const created = await quoteApi(t, rep.headers).create({ relationId, probability: 50, decisionMonth: "2027-02", lines: [{ productId, quantity: 1 }] });
    expect(created.json().mayChange).toBe(true);
    const id = created.json().id as number;
    for (const v of viewers) {
      const api = quoteApi(t, v.headers);
      const shown = (await api.get(id)).json();
      expect(shown.mayChange, v.who).toBe(v.expected);
      const patched = await api.patch(id, shown.version, { notes: `Door ${v.who}` });
      expect(patched.statusCode, `${v.who}: ${patched.body}`).toBe(v.expected ? 200 : 403);
      if (v.expected) expect(patched.json().mayChange, v.who).toBe(true);
    }
  });

  it("on a contact moment: the same in the timeline and on its own, and what the PATCH answers", async () => {
    const created = await postActivity(t, rep.headers, relationId, { kind: "visit", notes: "Kennismaking" });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().mayChange).toBe(true);
    const id = created.json().id as number;
    for (const v of viewers) {
      const timeline = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities`, headers: v.headers })).json();
      const inTimeline = timeline.items.find((a: { id: number }) => a.id === id);
      const shown = (await t.app.inject({ method: "GET", url: `/api/activities/${id}`, headers: v.headers })).json();
      expect(inTimeline.mayChange, v.who).toBe(v.expected);
      expect(shown.mayChange, v.who).toBe(v.expected);
      const patched = await t.app.inject({ method: "PATCH", url: `/api/activities/${id}`, headers: { ...v.headers, "if-match": `"${shown.version}"` }, payload: { outcome: `Door ${v.who}` } });
      expect(patched.statusCode, `${v.who}: ${patched.body}`).toBe(v.expected ? 200 : 403);
      if (v.expected) expect(patched.json().mayChange, v.who).toBe(true);
    }
  });
});
