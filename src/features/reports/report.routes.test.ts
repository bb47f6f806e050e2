import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newRelation, postActivity } from "../activities/crm-test-helpers.js";

describe.each(ENGINES)("management reports on %s", (engine) => {
  let t: TestApp;
  let ria: { id: number; headers: Headers };
  let sem: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  let admin: { id: number; headers: Headers };

  const get = (url: string, headers = manager.headers) => t.app.inject({ method: "GET", url, headers });
  const visit = (relationId: number, date: string, headers = ria.headers, extra: Record<string, unknown> = {}) =>
    postActivity(t, headers, relationId, { kind: "visit", occurredAt: `${date}T10:00:00Z`, ...extra });

  beforeAll(async () => {
    t = await startTestApp(engine);
    ria = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    sem = await t.userWithRole("field_sales", { name: "Sem Verkoper" });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    admin = await t.userWithRole("admin");
  });
  afterAll(async () => t?.close());

  it("documents the CRM-memory endpoints in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const path of ["/api/my-day", "/api/relations/{id}/activities", "/api/activities/{id}/attachments", "/api/persons/{id}/erase", "/api/mailing-list", "/api/reports/visit-norms", "/api/crm-settings"]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });

  describe("contact moments per rep per week and class", () => {
    beforeAll(async () => {
      const a = await newRelation(t, ria.headers, { name: "Rapport A BV", accountClass: "A" });
      const none = await newRelation(t, ria.headers, { name: "Rapport Zonder Klasse BV" });
      // Week 2026-W45 runs Monday 2 Nov to Sunday 8 Nov.
      await visit(a, "2026-11-02");
      await visit(a, "2026-11-08", ria.headers, { userIds: [ria.id, sem.id] });
      await postActivity(t, ria.headers, none, { kind: "phone_call", occurredAt: "2026-11-09T09:00:00Z" });
      await visit(a, "2026-10-30"); // before the range
    });

    it("counts each contact moment for every rep who took part, by ISO week and by class", async () => {
      const res = await get("/api/reports/contact-moments?from=2026-11-01&to=2026-11-15");
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.weeks).toEqual(["2026-W44", "2026-W45", "2026-W46"]);
      const riaRow = body.reps.find((r: { user: { id: number } }) => r.user.id === ria.id);
      expect(riaRow).toMatchObject({ user: { name: "Ria Verkoper" }, total: 3, perWeek: [0, 2, 1], perClass: { key: 0, A: 2, B: 0, C: 0, none: 1 } });
      expect(body.reps.find((r: { user: { id: number } }) => r.user.id === sem.id)).toMatchObject({ total: 1, perWeek: [0, 1, 0] });
      expect(body.classes.find((c: { accountClass: string }) => c.accountClass === "A")).toMatchObject({ total: 3, perWeek: [0, 3, 0] });
      expect(body.cells).toContainEqual({ userId: ria.id, week: "2026-W46", accountClass: "none", count: 1 });
      expect(body.total).toBe(4);
    });

    it("refuses a range that ends before it starts or is longer than about a year, and shows a rep only their own row", async () => {
      expect((await get("/api/reports/contact-moments?from=2026-11-15&to=2026-11-01")).json().errors[0]).toMatchObject({ field: "to", code: "period_reversed" });
      expect((await get("/api/reports/contact-moments?from=2024-01-01&to=2026-11-01")).json().errors[0]).toMatchObject({ field: "to", code: "range_too_long" });
      // A rep sees their own row only; marketing sees no per-rep figures at all.
      const own = (await get("/api/reports/contact-moments?from=2026-11-01&to=2026-11-15", ria.headers)).json();
      expect(own.reps.map((r: { user: { id: number } }) => r.user.id)).toEqual([ria.id]);
      expect(own.cells.every((c: { userId: number }) => c.userId === ria.id)).toBe(true);
      const marketing = await t.userWithRole("marketing");
      expect((await get("/api/reports/contact-moments?from=2026-11-01&to=2026-11-15", marketing.headers)).statusCode).toBe(403);
    });
  });

  describe("visit norms", () => {
    let owner: { id: number; headers: Headers };
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      owner = await t.userWithRole("field_sales", { name: "Norm Verkoper" });
      const rel = (name: string, accountClass: string, extra: Record<string, unknown> = {}) => newRelation(t, owner.headers, { name, accountClass, ...extra });
      ids.key = await rel("Sleutel BV", "key");
      ids.a = await rel("Klasse A BV", "A");
      ids.b = await rel("Klasse B BV", "B");
      ids.c = await rel("Klasse C BV", "C");
      ids.dead = await rel("Dood A BV", "A", { status: "dead", statusReason: "Wanbetaler" });
      for (let m = 0; m < 12; m++) await visit(ids.key, m === 0 ? "2025-12-10" : `2026-${String(m).padStart(2, "0")}-10`, owner.headers);
      for (const d of ["2026-02-01", "2026-05-01", "2026-08-01", "2026-11-01"]) await visit(ids.a, d, owner.headers);
      await postActivity(t, owner.headers, ids.a, { kind: "phone_call", occurredAt: "2026-10-01T09:00:00Z" });
      // asOf 2026-11-27: the window starts after 2025-11-27.
      for (const d of ["2025-11-27", "2025-11-28", "2026-03-01", "2026-06-01"]) await visit(ids.b, d, owner.headers);
    });

    it("compares visits in the last twelve months with the norm of each class, per rep, and lists the relations below it", async () => {
      const res = await get(`/api/reports/visit-norms?asOf=2026-11-27&ownerId=${owner.id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ asOf: "2026-11-27", windowFrom: "2025-11-27", norms: { key: 12, A: 6, B: 4, C: 1 } });
      expect(body.belowNorm.map((r: { relation: { id: number }; visits: number; shortfall: number }) => [r.relation.id, r.visits, r.shortfall])).toEqual([
        [ids.a, 4, 2],
        [ids.b, 3, 1],
        [ids.c, 0, 1],
      ]);
      expect(body.belowNorm[0]).toMatchObject({ lastVisitOn: "2026-11-01", owner: { id: owner.id } });
      // Required 12 + 6 + 4 + 1 = 23; counted 12 + 4 + 3 + 0 = 19 → 82 %.
      expect(body.reps).toEqual([expect.objectContaining({ owner: { id: owner.id, name: "Norm Verkoper" }, compliance: expect.objectContaining({ relations: 4, relationsMeetingNorm: 1, visitsRequired: 23, visitsCounted: 19, compliancePercent: 82 }) })]);
      expect(body.reps[0].compliance.perClass.A).toEqual({ relations: 1, meetingNorm: 0, norm: 6, visitsDue: 6, visitsDone: 4, visitsOverdue: 2, belowNorm: 1 });
    });

    it("lists the relations behind each number of the report: due, meeting the norm, below it", async () => {
      const names = async (query: string, headers = manager.headers) => {
        const res = await get(`/api/relations?owner=${owner.id}&${query}`, headers);
        expect(res.statusCode, query).toBe(200);
        return res.json().items.map((r: { name: string }) => r.name).sort();
      };
      expect(await names("visitNorm=due&normAsOf=2026-11-27")).toEqual(["Klasse A BV", "Klasse B BV", "Klasse C BV", "Sleutel BV"]);
      expect(await names("visitNorm=met&normAsOf=2026-11-27")).toEqual(["Sleutel BV"]);
      expect(await names("visitNorm=below&normAsOf=2026-11-27")).toEqual(["Klasse A BV", "Klasse B BV", "Klasse C BV"]);
      expect(await names("visitNorm=below&class=B&normAsOf=2026-11-27")).toEqual(["Klasse B BV"]);
      // The count of the list agrees with the report's number.
      expect((await get(`/api/relations?owner=${owner.id}&visitNorm=below&normAsOf=2026-11-27`)).json().total).toEqual({ count: 3, exact: true });
      // The owner's own list without naming the owner: the team scope puts it in.
      expect((await get("/api/relations?visitNorm=below&normAsOf=2026-11-27", owner.headers)).json().items.map((r: { name: string }) => r.name).sort()).toEqual(["Klasse A BV", "Klasse B BV", "Klasse C BV"]);
    });

    it("keeps the visit-norm lists to the report's scope and refuses bad values with a problem", async () => {
      // Another rep asking for this rep's relations below norm asks for what the policy hides.
      const hidden = await get(`/api/relations?owner=${owner.id}&visitNorm=below`, ria.headers);
      expect(hidden.statusCode).toBe(403);
      expect(hidden.headers["content-type"]).toContain("application/problem+json");
      // Without an owner, a rep gets only their own relations below norm.
      const riaOwn = (await get("/api/relations?visitNorm=below&normAsOf=2026-11-27", ria.headers)).json().items;
      expect(riaOwn.map((r: { name: string }) => r.name)).toEqual(["Rapport A BV"]);
      expect(riaOwn.every((r: { owner: { id: number } }) => r.owner.id === ria.id)).toBe(true);
      const marketing = await t.userWithRole("marketing");
      expect((await get("/api/relations?visitNorm=due", marketing.headers)).statusCode).toBe(403);
      // The plain list stays open to every role (the CRM is open).
      expect((await get(`/api/relations?owner=${owner.id}`, marketing.headers)).json().items).toHaveLength(5);
      for (const query of ["visitNorm=late", "visitNorm=below&normAsOf=27-11-2026", "normAsOf=tomorrow"]) {
        const res = await get(`/api/relations?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
      }
      expect((await get("/api/exports/relations?visitNorm=below")).statusCode).toBe(400);
    });

    it("follows the configured norms, which only administrators may change", async () => {
      expect((await t.app.inject({ method: "PATCH", url: "/api/crm-settings", headers: manager.headers, payload: { visitNorms: { key: 12, A: 4, B: 3, C: 1 } } })).statusCode).toBe(403);
      const changed = await t.app.inject({ method: "PATCH", url: "/api/crm-settings", headers: admin.headers, payload: { visitNorms: { key: 12, A: 4, B: 3, C: 1 } } });
      expect(changed.json().visitNorms).toEqual({ key: 12, A: 4, B: 3, C: 1 });
      const body = (await get(`/api/reports/visit-norms?asOf=2026-11-27&ownerId=${owner.id}`)).json();
      expect(body.belowNorm.map((r: { relation: { id: number } }) => r.relation.id)).toEqual([ids.c]);
      // A rep reads the norms of their own relations, never another rep's.
      expect((await get(`/api/reports/visit-norms?ownerId=${owner.id}`, ria.headers)).statusCode).toBe(403);
      const own = (await get("/api/reports/visit-norms", owner.headers)).json();
      expect((await get(`/api/reports/visit-norms?ownerId=${owner.id}`)).json()).toEqual(own);
      const bad = await t.app.inject({ method: "PATCH", url: "/api/crm-settings", headers: admin.headers, payload: { proposalWindowDays: -1 } });
      expect(bad.statusCode).toBe(400);
    });
  });
});
