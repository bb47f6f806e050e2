import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { importSales, salesCsv } from "../../test-support/sales.js";
import { type Headers, morningOf, newPerson, newRelation, postActivity, postOk } from "../activities/crm-test-helpers.js";

type User = { id: number; headers: Headers };

describe.each(ENGINES)("visit preparation on %s", (engine) => {
  let t: TestApp;
  let manager: User;
  let repNoord: User;
  let repZuid: User;
  let relationId: number;
  let personId: number;
  let appointmentId: number;

  const sheetUrl = () => `/api/visit-preparations/${appointmentId}`;
  const read = (user: User) => t.app.inject({ method: "GET", url: sheetUrl(), headers: user.headers });
  const save = (user: User, version: string, payload: Record<string, unknown>) => t.app.inject({ method: "PATCH", url: sheetUrl(), headers: { ...user.headers, "if-match": version }, payload });
  const post = (user: User, url: string, payload: Record<string, unknown>) => postOk(t, user, url, payload);

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager", profitResponsible: true });
    repNoord = await t.userWithRole("field_sales", { name: "Ria Noord", rayonNames: ["Noord"] });
    repZuid = await t.userWithRole("field_sales", { name: "Sem Zuid", rayonNames: ["Zuid"] });

    const floors = (await post(manager, "/api/product-groups", { name: "Vloeronderhoud" })).id;
    const windows = (await post(manager, "/api/product-groups", { name: "Glasbewassing" })).id;
    await post(manager, "/api/products", { code: "VL-1", name: "Vloer wekelijks", listPriceCents: 10_000, costPriceCents: 6_000, groupId: floors });
    await post(manager, "/api/products", { code: "GL-1", name: "Ramen per kwartaal", listPriceCents: 20_000, costPriceCents: 9_000, groupId: windows });
    await importSales(
      t.app,
      manager.headers,
      salesCsv([
        ["F1", 1, "15-03-2026", "D-1", "Kantoor Centrum BV", "VL-1", 2, "1500,00", "919,19", "Ria Noord", "Noord"],
        ["F2", 1, "15-04-2026", "D-2", "Kantoor Buurman BV", "VL-1", 1, "800,00", "400,00", "Ria Noord", "Noord"],
        ["F3", 1, "16-04-2026", "D-2", "Kantoor Buurman BV", "GL-1", 1, "900,00", "450,00", "Ria Noord", "Noord"],
      ]),
    );
    const byDebtor = async (d: string) => (await t.ctx.db.selectFrom("relations").select(["id", "version"]).where("debtor_number", "=", d).executeTakeFirstOrThrow());
    for (const d of ["D-1", "D-2"]) {
      const r = await byDebtor(d);
      const res = await t.app.inject({
        method: "PATCH",
        url: `/api/relations/${r.id}`,
        headers: { ...manager.headers, "if-match": `"${r.version}"` },
        payload: { sbiCodes: ["69201"], visitStreet: "Markt", visitHouseNumber: "12", visitPostcode: "9711 AB", visitCity: "Groningen", website: "https://centrum.example" },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    relationId = (await byDebtor("D-1")).id;
    personId = await newPerson(t, repNoord.headers, relationId, { lastName: "Jansen", firstName: "Piet", jobTitle: "Facilitair manager", dmuRoles: ["decider"] });
    const earlier = await postActivity(t, repNoord.headers, relationId, { kind: "phone_call", occurredAt: "2026-11-20T10:00:00Z", personIds: [personId], notes: "Belde over de ramen" });
    expect(earlier.statusCode, earlier.body).toBe(201);
    await post(repNoord, `/api/relations/${relationId}/followups`, { action: "Brochure glas sturen", dueDate: "2026-12-10" });
    const quote = await post(manager, "/api/quotes", { relationId, probability: 40, decisionMonth: "2026-10", status: "sent", lines: [{ productId: (await t.ctx.db.selectFrom("products").select("id").where("code", "=", "GL-1").executeTakeFirstOrThrow()).id, quantity: 1 }] });
    const lost = await t.app.inject({ method: "PATCH", url: `/api/quotes/${quote.id}`, headers: { ...manager.headers, "if-match": `"${quote.version}"` }, payload: { status: "lost", lostReason: "Te duur tegenover de huidige leverancier" } });
    expect(lost.statusCode, lost.body).toBe(200);

    // The rep's day: a visit in Assen first, then this one in Groningen.
    const assen = await newRelation(t, repNoord.headers, { name: "Assen Eerst BV", status: "prospect", statusReason: "Gesprek", visitStreet: "Brink", visitHouseNumber: "1", visitPostcode: "9401 HS", visitCity: "Assen" });
    await post(repNoord, "/api/appointments", { relationId: assen, visitType: "follow_up", start: "2026-12-02T08:30:00+01:00", durationMinutes: 45 });
    appointmentId = (await post(repNoord, "/api/appointments", { relationId, visitType: "first_visit", personIds: [personId], start: "2026-12-02T10:30:00+01:00", durationMinutes: 60 })).id;
  });
  beforeEach(() => t.setNow(morningOf("2026-11-27")));
  afterAll(async () => t?.close());

  it("prefills the sheet with what the database holds, for the rep without margin", async () => {
    const res = await read(repNoord);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    const sheet = res.json();
    expect(sheet.saved).toBe(false);
    expect(sheet.prefill.company).toMatchObject({ id: relationId, name: "Kantoor Centrum BV", website: "https://centrum.example", sbiCodes: [{ code: "69201" }] });
    expect(sheet.prefill.sales.state).toBe("shown");
    expect(sheet.prefill.sales.data.years).toEqual([{ year: 2026, revenue: 150_000, volume: 2 }]);
    expect(res.body).not.toMatch(/"margin"|"marginPct"|919/);
    expect(sheet.prefill.crm.activities).toMatchObject([{ kind: "phone_call", notes: "Belde over de ramen", persons: [{ id: personId }] }]);
    expect(sheet.prefill.crm.openFollowUps).toMatchObject([{ action: "Brochure glas sturen", dueDate: "2026-12-10" }]);
    expect(sheet.prefill.crm.lostQuotes).toMatchObject([{ lostReason: "Te duur tegenover de huidige leverancier" }]);
    expect(sheet.prefill.persons).toMatchObject([{ id: personId, jobTitle: "Facilitair manager", dmuRoles: ["decider"] }]);
    // Similar relations (same SBI class) buy window cleaning; this one only floors.
    expect(sheet.prefill.crossSell).toMatchObject({ sbiCode: "69201", peers: 1, groups: [{ group: { name: "Glasbewassing" }, relations: 1 }] });
    expect(sheet.prefill.route).toMatchObject({ state: "shown", from: { kind: "appointment", appointment: { relation: "Assen Eerst BV", endTime: "09:15" } }, estimate: true });
    expect(sheet.prefill.route.minutes).toBeGreaterThan(15);
    expect(sheet.prefill.route.leaveTime < "10:30").toBe(true);
    expect(sheet.prefill.nearby.items.map((n: { name: string }) => n.name)).toContain("Kantoor Buurman BV");
    // The invoices made it a customer: an existing relation is served relationship-advisory.
    expect(sheet.prefill.company.status).toBe("customer");
    expect(sheet.prefill.suggestedMethod).toEqual({ method: "relationship_advisory", reason: "existing_relation" });
    expect(sheet.templates).toEqual(["general", "cleaning"]);
    expect(sheet.objectives.map((o: { keyword: string | null }) => o.keyword)).toContain("m2 / freq");
    expect(sheet.checklist.map((c: { item: string }) => c.item)).toContain("Visitekaartjes");
    expect(sheet.mayEdit).toBe(true);
    // It pays to prepare: half a percent of € 1.500 (2026) against an hour at € 65 (the defaults).
    expect(sheet.payback).toEqual({ year: 2026, yearRevenueCents: 150_000, preparationMinutes: 60, hourlyCostCents: 6_500, gainCents: 750, preparationCostCents: 6_500, times: 0 });
  });

  it("shows the margin to a manager with profit responsibility", async () => {
    const sheet = (await read(manager)).json();
    expect(sheet.prefill.sales.data.years[0]).toMatchObject({ revenue: 150_000, margin: 58_081 });
  });

  it("keeps another rayon's rep out: 404 on reading and writing, nothing changed", async () => {
    expect((await read(repZuid)).statusCode).toBe(404);
    const write = await save(repZuid, '"0"', { notes: "Niet van mij" });
    expect(write.statusCode).toBe(404);
    const report = await t.app.inject({ method: "POST", url: `${sheetUrl()}/report`, headers: { ...repZuid.headers, "if-match": '"0"' }, payload: { objectives: [] } });
    expect(report.statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom("visit_preparations").selectAll().where("appointment_id", "=", appointmentId).execute()).toEqual([]);
  });

  it("refuses bad objectives with problem+json naming each, and stores nothing", async () => {
    const res = await save(repNoord, '"0"', {
      objectives: [
        { kind: "internal", text: "Huidige leverancier", keyword: "", smart: [] },
        { kind: "external", text: "  ", keyword: null, smart: ["S"] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors).toMatchObject([
      { field: "objectives/0/keyword", code: "keyword_required" },
      { field: "objectives/1/text", code: "objective_text_required" },
    ]);
    const unknown = await save(repNoord, '"0"', { objectives: [{ kind: "sideways", text: "x", keyword: null, smart: [] }] });
    expect(unknown.statusCode).toBe(400);
    expect((await read(repNoord)).json().saved).toBe(false);
  });

  it("saves what the rep adds, warns on objectives that do not fit the phase, and answers 412 on a stale version", async () => {
    const res = await save(repNoord, '"0"', {
      method: "need_oriented",
      objectives: [
        { kind: "internal", text: "De order binnenhalen", keyword: "order", smart: ["S", "M", "A", "R", "T"] },
        { kind: "internal", text: "Huidige leverancier", keyword: "lev", smart: ["S", "M", "A", "R", "T"], ticked: true, answer: "Schoon & Co" },
      ],
      research: { employees: "120", csrPolicy: "ISO 14001" },
      notes: "Parkeren achter",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const sheet = res.json();
    expect(sheet).toMatchObject({ saved: true, method: "need_oriented", research: { employees: "120", csrPolicy: "ISO 14001" }, notes: "Parkeren achter", templates: ["general", "cleaning"] });
    expect(sheet.objectives).toMatchObject([{ keyword: "order" }, { keyword: "lev", ticked: true, answer: "Schoon & Co", smart: ["S", "M", "A", "R", "T"] }]);
    expect(sheet.warnings).toEqual([{ code: "external_missing" }, { code: "unfit_for_phase", index: 0, method: "need_oriented" }]);

    const stale = await save(repNoord, '"0"', { notes: "Ouder" });
    expect(stale.statusCode).toBe(412);
    const staleUpdate = await save(repNoord, '"5"', { notes: "Ouder" });
    expect(staleUpdate.statusCode).toBe(412);
    expect((await read(repNoord)).json().notes).toBe("Parkeren achter");
  });

  it("refuses a report with a bad follow-up or an objective of another sheet, storing nothing", async () => {
    const before = (await read(repNoord)).json();
    const activities = async () => (await t.ctx.db.selectFrom("activities").select("id").where("relation_id", "=", relationId).execute()).length;
    const count = await activities();
    const report = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `${sheetUrl()}/report`, headers: { ...repNoord.headers, "if-match": `"${before.version}"` }, payload });
    const badDate = await report({ objectives: [{ id: before.objectives[0].id, result: "achieved" }], followUp: { action: "Bellen", dueDate: "2026-02-30" } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.headers["content-type"]).toContain("application/problem+json");
    const foreign = await report({ objectives: [{ id: 999_999, result: "achieved" }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toMatchObject([{ field: "objectives/0/id", code: "objective_unknown" }]);
    const stale = await t.app.inject({ method: "POST", url: `${sheetUrl()}/report`, headers: { ...repNoord.headers, "if-match": '"99"' }, payload: { objectives: [] } });
    expect(stale.statusCode).toBe(412);
    expect(await activities()).toBe(count);
    const after = (await read(repNoord)).json();
    expect(after.report).toBeNull();
    expect(after.objectives[0].result).toBeNull();
    expect(after.version).toBe(before.version);
  });

  it("reports the visit: results per objective, a contact moment and its follow-up, once", async () => {
    const before = (await read(repNoord)).json();
    t.setNow(new Date("2026-12-02T11:45:00Z"));
    const [order, supplier] = before.objectives;
    const res = await t.app.inject({
      method: "POST",
      url: `${sheetUrl()}/report`,
      headers: { ...repNoord.headers, "if-match": `"${before.version}"` },
      payload: {
        objectives: [
          { id: order.id, result: "not_achieved" },
          { id: supplier.id, result: "achieved", answer: "Schoon & Co, contract tot juni" },
        ],
        keywords: [{ keyword: "wens+beh", ticked: true, answer: "Ramen vaker" }],
        notes: "Goed gesprek",
        winChance: 30,
        nextStep: "Prijsvoorstel in april",
        followUp: { action: "Prijsvoorstel maken", dueDate: "2027-04-01" },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json();
    expect(sheet.report.activityId).toBeGreaterThan(0);
    expect(sheet.report.followUpId).toBeGreaterThan(0);
    expect(sheet.objectives).toMatchObject([{ result: "not_achieved" }, { result: "achieved", answer: "Schoon & Co, contract tot juni" }]);

    const activity = (await t.app.inject({ method: "GET", url: `/api/activities/${sheet.report.activityId}`, headers: repNoord.headers })).json();
    expect(activity).toMatchObject({
      kind: "visit",
      occurredAt: "2026-12-02T09:30:00.000Z",
      persons: [{ id: personId }],
      salesMethod: "need_oriented",
      winChance: 30,
      nextStep: "Prijsvoorstel in april",
      followUps: [{ action: "Prijsvoorstel maken", dueDate: "2027-04-01" }],
    });
    expect(activity.outcome).toContain("lev: Huidige leverancier — behaald (Schoon & Co, contract tot juni)");
    expect(activity.notes).toContain("Goed gesprek");
    expect(activity.notes).toContain("✓ wens+beh: Ramen vaker");

    const again = await t.app.inject({ method: "POST", url: `${sheetUrl()}/report`, headers: { ...repNoord.headers, "if-match": `"${sheet.version}"` }, payload: { objectives: [] } });
    expect(again.statusCode).toBe(409);
    const edit = await save(repNoord, `"${sheet.version}"`, { objectives: [] });
    expect(edit.statusCode).toBe(422);
  });

  it("lets an administrator set the checklist that new sheets start from", async () => {
    const admin = await t.userWithRole("admin");
    const res = await t.app.inject({ method: "PUT", url: "/api/preparation-settings", headers: admin.headers, payload: { checklist: ["Visitekaartjes", "Monsters vloerzeep"] } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.app.inject({ method: "PUT", url: "/api/preparation-settings", headers: repNoord.headers, payload: { checklist: [] } })).statusCode).toBe(403);
    const other = (await post(repNoord, "/api/appointments", { relationId, visitType: "follow_up", start: "2026-12-03T10:00:00+01:00", durationMinutes: 30 })).id;
    const sheet = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${other}`, headers: repNoord.headers })).json();
    expect(sheet.checklist).toEqual([
      { item: "Visitekaartjes", ticked: false },
      { item: "Monsters vloerzeep", ticked: false },
    ]);
    expect(sheet.templates).toEqual(["general"]);

    const cost = await t.app.inject({ method: "PUT", url: "/api/preparation-settings", headers: admin.headers, payload: { preparationMinutes: 30, hourlyCostCents: 5_000 } });
    expect(cost.statusCode, cost.body).toBe(200);
    expect(cost.json()).toEqual({ checklist: ["Visitekaartjes", "Monsters vloerzeep"], preparationMinutes: 30, hourlyCostCents: 5_000 });
    const bad = await t.app.inject({ method: "PUT", url: "/api/preparation-settings", headers: admin.headers, payload: { preparationMinutes: -5, hourlyCostCents: 12.5 } });
    expect(bad.statusCode).toBe(400);
    const repriced = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${other}`, headers: repNoord.headers })).json();
    expect(repriced.payback).toMatchObject({ preparationMinutes: 30, preparationCostCents: 2_500, gainCents: 750 });
  });

  it("writes the answers the rep confirms onto the relation with the report, or nothing when the relation moved on", async () => {
    const visit = (await post(repNoord, "/api/appointments", { relationId, visitType: "first_visit", start: "2026-12-04T10:00:00+01:00", durationMinutes: 60 })).id;
    const url = `/api/visit-preparations/${visit}`;
    const sheet = (await t.app.inject({ method: "GET", url, headers: repNoord.headers })).json();
    // The cleaning template says where the answers of "lev" and "afl. contr." go.
    const cleaning = sheet.templatesAvailable.find((x: { id: string }) => x.id === "cleaning");
    expect(cleaning.objectives.find((o: { keyword: string }) => o.keyword === "lev").field).toBe("currentSupplier");
    const relationBefore = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers: repNoord.headers })).json();
    expect(sheet.prefill.company.version).toBe(relationBefore.version);
    const body = (version: number) => ({ objectives: [], notes: "Contract loopt in maart af", relation: { version, changes: { currentSupplier: "Schoon & Co", contractEndDate: "2027-03-31", requirements: [{ label: "Milieuvriendelijk", hard: true, willingToPay: "yes" }], accountClass: "B", classReason: "Bezoek: omzetpotentieel boven de drempel van B" } } });

    const stale = await t.app.inject({ method: "POST", url: `${url}/report`, headers: { ...repNoord.headers, "if-match": '"0"' }, payload: body(relationBefore.version - 1 || 99) });
    expect(stale.statusCode, stale.body).toBe(412);
    const unchanged = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers: repNoord.headers })).json();
    expect(unchanged.version).toBe(relationBefore.version);
    const afterStale = (await t.app.inject({ method: "GET", url, headers: repNoord.headers })).json();
    expect(afterStale.report).toBeNull();
    // The sheet itself is kept as proposed (a report needs its objectives stored); nothing else is.
    const version = `"${afterStale.version}"`;

    const badDate = await t.app.inject({ method: "POST", url: `${url}/report`, headers: { ...repNoord.headers, "if-match": version }, payload: { ...body(relationBefore.version), relation: { version: relationBefore.version, changes: { contractEndDate: "31-03-2027" } } } });
    expect(badDate.statusCode).toBe(400);

    const res = await t.app.inject({ method: "POST", url: `${url}/report`, headers: { ...repNoord.headers, "if-match": version }, payload: body(relationBefore.version) });
    expect(res.statusCode, res.body).toBe(200);
    const relationAfter = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers: repNoord.headers })).json();
    expect(relationAfter).toMatchObject({
      currentSupplier: "Schoon & Co",
      contractEndDate: "2027-03-31",
      requirements: [{ label: "Milieuvriendelijk", kind: "product", hard: true, willingToPay: "yes", supplierScore: "unknown", supplierNote: null }],
      accountClass: "B",
      version: relationBefore.version + 1,
    });
    // The class change is kept with the visit as its reason.
    expect(relationAfter.classHistory[0]).toMatchObject({ toClass: "B", reason: "Bezoek: omzetpotentieel boven de drempel van B" });
    const history = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: manager.headers })).json();
    expect(JSON.stringify(history)).toContain("Schoon & Co");
  });

  it("reads a sheet and reports a visit with the same number of queries however many quotes were lost", async () => {
    const product = (await t.ctx.db.selectFrom("products").select("id").where("code", "=", "VL-1").executeTakeFirstOrThrow()).id;
    const visitWithLost = async (lost: number, start: string) => {
      const relation = await newRelation(t, repNoord.headers, { name: `Verloren ${lost} BV`, status: "prospect", statusReason: "Gesprek" });
      for (let i = 0; i < lost; i++) {
        const quote = await post(manager, "/api/quotes", { relationId: relation, probability: 40, decisionMonth: "2026-10", status: "sent", lines: [{ productId: product, quantity: 1 }] });
        const res = await t.app.inject({ method: "PATCH", url: `/api/quotes/${quote.id}`, headers: { ...manager.headers, "if-match": `"${quote.version}"` }, payload: { status: "lost", lostReason: `Te duur (${i})` } });
        expect(res.statusCode, res.body).toBe(200);
      }
      return (await post(repNoord, "/api/appointments", { relationId: relation, visitType: "follow_up", start, durationMinutes: 30 })).id as number;
    };
    const costs = async (visit: number) => {
      const url = `/api/visit-preparations/${visit}`;
      const read = await t.countQueries(() => t.app.inject({ method: "GET", url, headers: repNoord.headers }));
      expect(read.result.statusCode).toBe(200);
      const lostQuotes = read.result.json().prefill.crm.lostQuotes as { lostReason: string }[];
      const report = await t.countQueries(() => t.app.inject({ method: "POST", url: `${url}/report`, headers: { ...repNoord.headers, "if-match": '"0"' }, payload: { objectives: [], notes: "Besproken" } }));
      expect(report.result.statusCode, report.result.body).toBe(200);
      return { read: read.queries, report: report.queries, reasons: lostQuotes.map((q) => q.lostReason) };
    };
    const one = await costs(await visitWithLost(1, "2026-12-10T09:00:00+01:00"));
    const three = await costs(await visitWithLost(3, "2026-12-10T11:00:00+01:00"));
    // The sheet shows why each was lost, newest first, read with the list rather than per quote.
    expect(one.reasons).toEqual(["Te duur (0)"]);
    expect(three.reasons).toEqual(["Te duur (2)", "Te duur (1)", "Te duur (0)"]);
    expect(three.read).toBe(one.read);
    expect(three.report).toBe(one.report);
  });

  it("reads a sheet with the same number of queries whether one person or four are met, each with their consent", async () => {
    const visitMeeting = async (count: number, start: string) => {
      const relation = await newRelation(t, repNoord.headers, { name: `Ontmoet ${count} BV`, status: "prospect", statusReason: "Gesprek" });
      const persons: number[] = [];
      for (let i = 0; i < count; i++) {
        const person = await newPerson(t, repNoord.headers, relation, { lastName: `Persoon ${i}`, firstName: "Anne" });
        const consent = await t.app.inject({ method: "POST", url: `/api/persons/${person}/consents`, headers: repNoord.headers, payload: { purpose: "newsletter", state: "given", source: "visit", textVersion: "nb-1" } });
        expect(consent.statusCode, consent.body).toBe(201);
        persons.push(person);
      }
      return (await post(repNoord, "/api/appointments", { relationId: relation, visitType: "follow_up", personIds: persons, start, durationMinutes: 30 })).id as number;
    };
    const costs = async (visit: number) => {
      const read = await t.countQueries(() => t.app.inject({ method: "GET", url: `/api/visit-preparations/${visit}`, headers: repNoord.headers }));
      expect(read.result.statusCode, read.result.body).toBe(200);
      const persons = read.result.json().prefill.persons as { consents: { purpose: string; state: string }[] }[];
      return { queries: read.queries, consents: persons.map((p) => p.consents.find((c) => c.purpose === "newsletter")?.state) };
    };
    const one = await costs(await visitMeeting(1, "2026-12-11T09:00:00+01:00"));
    const four = await costs(await visitMeeting(4, "2026-12-11T11:00:00+01:00"));
    // Each person met shows their consent on the sheet, read with the list rather than per person.
    expect(one.consents).toEqual(["given"]);
    expect(four.consents).toEqual(["given", "given", "given", "given"]);
    expect(four.queries).toBe(one.queries);
  });

  it("audits what the rep changes on a sheet, readable only to those who may see that agenda", async () => {
    const visit = (await post(repNoord, "/api/appointments", { relationId, visitType: "follow_up", start: "2026-12-09T10:00:00+01:00", durationMinutes: 30 })).id;
    const url = `/api/visit-preparations/${visit}`;
    const first = await t.app.inject({ method: "PATCH", url, headers: { ...repNoord.headers, "if-match": '"0"' }, payload: { notes: "Parkeren achter", keywords: [{ keyword: "lev", ticked: true, answer: "Schoon & Co" }] } });
    expect(first.statusCode, first.body).toBe(200);
    const second = await t.app.inject({ method: "PATCH", url, headers: { ...repNoord.headers, "if-match": `"${first.json().version}"` }, payload: { notes: "Parkeren voor de deur", method: "problem_solving" } });
    expect(second.statusCode, second.body).toBe(200);
    const linesFor = async (user: User) =>
      ((await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: user.headers })).json().items as { entity: string; entityId: number; field: string; oldValue: string | null; newValue: string | null; user: { id: number } | null }[]).filter(
        (l) => l.entityId === visit && (l.entity === "visit_preparation" || l.entity === "appointment"),
      );
    const seen = (await linesFor(manager)).filter((l) => l.entity === "visit_preparation");
    expect(seen.map((l) => [l.field, l.oldValue, l.newValue])).toEqual(
      expect.arrayContaining([
        ["created", null, expect.stringMatching(/^2026-12-09T09:00:00/)],
        ["keywords", null, "✓ lev: Schoon & Co"],
        ["notes", null, "Parkeren achter"],
        ["notes", "Parkeren achter", "Parkeren voor de deur"],
        ["sales_method", null, "problem_solving"],
      ]),
    );
    expect(seen.every((l) => l.user?.id === repNoord.id)).toBe(true);
    expect((await linesFor(repNoord)).filter((l) => l.entity === "visit_preparation")).toHaveLength(seen.length);
    // Another rayon's rep does not see the sheet (404), nor its changes in the relation's log.
    expect((await t.app.inject({ method: "GET", url, headers: repZuid.headers })).statusCode).toBe(404);
    expect(await linesFor(repZuid)).toEqual([]);
  });

  it("keeps the report and the relation savable when a merge left more requirements than the limit of 30", async () => {
    const labels = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Eis ${from + i}`);
    const survivor = await newRelation(t, repNoord.headers, { name: "Groot Kantoor BV", visitPostcode: "9711 AC", visitCity: "Groningen", requirements: labels(1, 25) });
    const duplicate = await newRelation(t, repNoord.headers, { name: "GROOT KANTOOR BV", visitPostcode: "9711 AC", requirements: [...labels(21, 40), " eis  3 "] });
    const relationUrl = `/api/relations/${survivor}`;
    const getRelation = async () => (await t.app.inject({ method: "GET", url: relationUrl, headers: repNoord.headers })).json();
    const versionOf = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: repNoord.headers })).json().version as number;
    const merged = await t.app.inject({ method: "POST", url: `${relationUrl}/merge`, headers: repNoord.headers, payload: { duplicateId: duplicate, version: await versionOf(survivor), duplicateVersion: await versionOf(duplicate) } });
    expect(merged.statusCode, merged.body).toBe(200);
    // Each requirement once: the five both held (and "eis 3" spelled differently) are not doubled.
    const known = (await getRelation()).requirements as { label: string; hard: boolean }[];
    expect(known.map((r) => r.label)).toEqual(labels(1, 40));

    const visit = (await post(repNoord, "/api/appointments", { relationId: survivor, visitType: "first_visit", start: "2026-12-07T10:00:00+01:00", durationMinutes: 60 })).id;
    const url = `/api/visit-preparations/${visit}`;
    const sheet = (await t.app.inject({ method: "GET", url, headers: repNoord.headers })).json();
    expect(sheet.prefill.company.requirements).toHaveLength(40);
    const report = (version: string, requirements: unknown[]) =>
      t.app.inject({ method: "POST", url: `${url}/report`, headers: { ...repNoord.headers, "if-match": version }, payload: { objectives: [], relation: { version: sheet.prefill.company.version, changes: { requirements } } } });

    // A requirement more is refused with a message that says what to do, and nothing is stored.
    const grown = await report('"0"', [...known, { label: "Flexibele planning", hard: true }]);
    expect(grown.statusCode, grown.body).toBe(400);
    expect(grown.json().errors).toEqual([expect.objectContaining({ field: "requirements", code: "requirements_too_many", message: expect.stringContaining("remove some first") })]);
    const afterRefusal = (await t.app.inject({ method: "GET", url, headers: repNoord.headers })).json();
    expect(afterRefusal.report).toBeNull();
    expect((await getRelation()).requirements).toHaveLength(40);

    // The list as the merge left it, one made hard, is saved with the report: no dead end.
    const ok = await report(`"${afterRefusal.version}"`, known.map((r, i) => (i === 0 ? { ...r, hard: true } : r)));
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await getRelation();
    expect(after.requirements).toHaveLength(40);
    expect(after.requirements[0]).toMatchObject({ label: "Eis 1", hard: true });

    // On the relation: shortening is fine, growing only up to the limit.
    const patch = async (requirements: string[]) =>
      t.app.inject({ method: "PATCH", url: relationUrl, headers: { ...repNoord.headers, "if-match": `"${await versionOf(survivor)}"` }, payload: { requirements } });
    expect((await patch(labels(1, 41))).statusCode).toBe(400);
    expect((await patch(labels(1, 29))).statusCode).toBe(200);
    expect((await patch(labels(1, 30))).statusCode).toBe(200);
    const over = await patch(labels(1, 31));
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toMatchObject({ field: "requirements", code: "requirements_too_many" });
  });

  it("moves a visited suspect to prospect with the visit as the reason, when the rep keeps that ticked", async () => {
    const suspect = await newRelation(t, repNoord.headers, { name: "Nieuw Kantoor BV", visitStreet: "Markt", visitHouseNumber: "2", visitPostcode: "9711 AB", visitCity: "Groningen" });
    const visit = (await post(repNoord, "/api/appointments", { relationId: suspect, visitType: "first_visit", start: "2026-12-04T14:00:00+01:00", durationMinutes: 60 })).id;
    const sheet = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${visit}`, headers: repNoord.headers })).json();
    expect(sheet.prefill.company.status).toBe("suspect");
    const res = await t.app.inject({
      method: "POST",
      url: `/api/visit-preparations/${visit}/report`,
      headers: { ...repNoord.headers, "if-match": '"0"' },
      payload: { objectives: [], relation: { version: sheet.prefill.company.version, changes: { status: "prospect", statusReason: "Bezoek op 04-12-2026: er is contact en er zijn gegevens" } } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const relation = (await t.app.inject({ method: "GET", url: `/api/relations/${suspect}`, headers: repNoord.headers })).json();
    expect(relation.status).toBe("prospect");
    expect(JSON.stringify(relation.statusHistory ?? relation)).toContain("Bezoek op 04-12-2026");
  });

  it("does not tell another rayon's rep what this relation buys through the cross-selling", async () => {
    const own = (await post(repZuid, "/api/appointments", { relationId, visitType: "follow_up", start: "2026-12-08T10:00:00+01:00", durationMinutes: 30 })).id;
    const sheet = (await t.app.inject({ method: "GET", url: `/api/visit-preparations/${own}`, headers: repZuid.headers })).json();
    expect(sheet.prefill.sales.state).toBe("other_rayon");
    // The peers' groups, all of them: without this relation's own lines nothing is left out.
    expect(sheet.prefill.crossSell.groups.map((g: { group: { name: string } }) => g.group.name).sort()).toEqual(["Glasbewassing", "Vloeronderhoud"]);
  });
});
