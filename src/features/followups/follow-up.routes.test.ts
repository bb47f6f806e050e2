import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newRelation, postActivity } from "../activities/crm-test-helpers.js";

describe.each(ENGINES)("follow-ups and My day on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Headers };
  let other: { id: number; headers: Headers };
  let manager: { id: number; headers: Headers };
  let relationId: number;

  const myDay = async (headers: Headers) => (await t.app.inject({ method: "GET", url: "/api/my-day", headers })).json();
  const ids = (section: { items: { id: number }[] }) => section.items.map((i) => i.id);

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    other = await t.userWithRole("field_sales", { name: "Otto Collega" });
    manager = await t.userWithRole("sales_manager", { name: "Mia Manager" });
    relationId = await newRelation(t, rep.headers, { name: "Kantoor Centrum BV", status: "prospect", statusReason: "Gesprek" });
  });
  beforeEach(() => t.setNow(morningOf("2026-11-27")));
  afterAll(async () => t?.close());

  it("sets a follow-up when a contact moment is saved, a week from its date, for the relation's owner", async () => {
    const res = await postActivity(t, other.headers, relationId, { kind: "phone_call", followUp: { action: "Terugbellen over offerte", quickChoice: "1w" } });
    expect(res.statusCode).toBe(201);
    const followUp = res.json().followUps[0];
    expect(followUp).toMatchObject({ action: "Terugbellen over offerte", dueDate: "2026-12-04", status: "open", timing: "upcoming", assignedTo: { id: rep.id }, activityId: res.json().id });
  });

  it("shows a follow-up on My day on the day it is due, not the day before, and as overdue after", async () => {
    const res = await postActivity(t, rep.headers, relationId, { kind: "visit", followUp: { action: "Offerte nabellen", dueDate: "2026-12-10" } });
    const id = res.json().followUps[0].id as number;

    t.setNow(morningOf("2026-12-09"));
    let day = await myDay(rep.headers);
    expect(day.date).toBe("2026-12-09");
    expect(ids(day.dueToday)).not.toContain(id);
    expect(ids(day.overdue)).not.toContain(id);

    t.setNow(new Date("2026-12-09T23:30:00Z")); // 00:30 on the 10th in Amsterdam
    day = await myDay(rep.headers);
    expect(day.date).toBe("2026-12-10");
    expect(ids(day.dueToday)).toContain(id);
    expect(day.dueToday.items.find((f: { id: number }) => f.id === id)).toMatchObject({ timing: "today", relation: { id: relationId, name: "Kantoor Centrum BV" } });

    t.setNow(morningOf("2026-12-11"));
    day = await myDay(rep.headers);
    expect(ids(day.dueToday)).not.toContain(id);
    expect(ids(day.overdue)).toContain(id);
    expect(day.overdue.count).toBeGreaterThanOrEqual(1);
    expect(ids(await myDay(other.headers).then((d) => d.overdue))).not.toContain(id);
  });

  it("reassigns, moves and completes a follow-up with If-Match, each change in the audit trail", async () => {
    const created = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: rep.headers, payload: { action: "Referentie vragen", dueDate: "2026-11-27" } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(ids((await myDay(rep.headers)).dueToday)).toContain(id);

    const reassigned = await t.app.inject({ method: "PATCH", url: `/api/followups/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { assignedTo: other.id } });
    expect(reassigned.statusCode).toBe(200);
    expect(ids((await myDay(rep.headers)).dueToday)).not.toContain(id);
    expect(ids((await myDay(other.headers)).dueToday)).toContain(id);

    const moved = await t.app.inject({ method: "PATCH", url: `/api/followups/${id}`, headers: { ...other.headers, "if-match": '"2"' }, payload: { quickChoice: "1m" } });
    expect(moved.json()).toMatchObject({ dueDate: "2026-12-27", timing: "upcoming", version: 3 });
    const stale = await t.app.inject({ method: "PATCH", url: `/api/followups/${id}`, headers: { ...other.headers, "if-match": '"2"' }, payload: { status: "done" } });
    expect(stale.statusCode).toBe(412);

    t.setNow(morningOf("2026-12-28"));
    expect(ids((await myDay(other.headers)).overdue)).toContain(id);
    const done = await t.app.inject({ method: "PATCH", url: `/api/followups/${id}`, headers: { ...other.headers, "if-match": '"3"' }, payload: { status: "done" } });
    expect(done.json()).toMatchObject({ status: "done", timing: "done", doneBy: { id: other.id }, doneAt: "2026-12-28T08:00:00.000Z" });
    expect(ids((await myDay(other.headers)).overdue)).not.toContain(id);

    const audit = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/audit`, headers: rep.headers })).json().items;
    const fields = audit.filter((l: { entity: string; entityId: number }) => l.entity === "follow_up" && l.entityId === id).map((l: { field: string }) => l.field);
    expect(fields).toEqual(expect.arrayContaining(["created", "assigned_to", "due_date", "status"]));
  });

  it("refuses a follow-up without a date, with two dates, or for an unknown user", async () => {
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: rep.headers, payload });
    expect((await post({ action: "Bellen" })).json().errors[0]).toMatchObject({ field: "dueDate", code: "required" });
    expect((await post({ action: "Bellen", dueDate: "2026-12-01", quickChoice: "1w" })).json().errors[0]).toMatchObject({ field: "quickChoice" });
    expect((await post({ action: "Bellen", dueDate: "2026-12-01", assignedTo: 999_999 })).json().errors[0]).toMatchObject({ field: "assignedTo", code: "user_unknown" });
    expect((await post({ action: "   ", dueDate: "2026-12-01" })).statusCode).toBe(400);
  });

  it("lists relations whose contract ends within the proposal window, but not dead ones or later ends", async () => {
    const soon = await newRelation(t, rep.headers, { name: "Contract Binnenkort BV", contractEndDate: "2027-01-20", currentSupplier: "Concurrent Schoon" });
    const later = await newRelation(t, rep.headers, { name: "Contract Later BV", contractEndDate: "2027-03-01" });
    const dead = await newRelation(t, rep.headers, { name: "Contract Dood BV", contractEndDate: "2027-01-05", status: "dead", statusReason: "Wanbetaler" });
    const othersOwn = await newRelation(t, other.headers, { name: "Contract Ander BV", contractEndDate: "2027-01-05" });
    const day = await myDay(rep.headers);
    const listed = day.contractRenewals.items.map((r: { relation: { id: number } }) => r.relation.id);
    expect(day.contractRenewals.windowDays).toBe(60);
    expect(listed).toContain(soon);
    expect(listed).not.toContain(later);
    expect(listed).not.toContain(dead);
    expect(listed).not.toContain(othersOwn);
    expect(day.contractRenewals.items.find((r: { relation: { id: number } }) => r.relation.id === soon)).toMatchObject({ daysLeft: 54, proposeFrom: "2026-11-21", currentSupplier: "Concurrent Schoon" });
  });

  it("shows planned contact moments of the coming two weeks as appointments", async () => {
    // Planned for the rep by the manager (a colleague rep may not record visits for him).
    const planned = (await postActivity(t, manager.headers, relationId, { kind: "visit", occurredAt: "2026-12-02T09:00:00Z", userIds: [rep.id] })).json().id;
    const far = (await postActivity(t, rep.headers, relationId, { kind: "visit", occurredAt: "2027-02-02T09:00:00Z" })).json().id;
    const past = (await postActivity(t, rep.headers, relationId, { kind: "visit", occurredAt: "2026-11-20T09:00:00Z" })).json().id;
    const day = await myDay(rep.headers);
    const listed = day.appointments.items.map((a: { activityId: number }) => a.activityId);
    expect(day.appointments.source).toBe("planned_contact_moments");
    expect(listed).toContain(planned);
    expect(listed).not.toContain(far);
    expect(listed).not.toContain(past);
    expect(ids(await myDay(other.headers).then((d) => ({ items: d.appointments.items.map((a: { activityId: number }) => ({ id: a.activityId })) })))).not.toContain(planned);
  });

  it("shows managers the overdue follow-ups per rep, a rep only their own", async () => {
    t.setNow(morningOf("2027-06-01"));
    const res = await t.app.inject({ method: "GET", url: "/api/followups/overdue-by-rep", headers: manager.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ria = body.items.find((i: { user: { id: number } }) => i.user.id === rep.id);
    const riaOpen = (await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/followups`, headers: rep.headers })).json().items.filter(
      (f: { status: string; assignedTo: { id: number } }) => f.status === "open" && f.assignedTo.id === rep.id,
    );
    expect(ria.overdue).toBe(riaOpen.length);
    expect(ria.oldestDueDate).toBe("2026-12-04");
    expect(body.total).toBe(body.items.reduce((s: number, i: { overdue: number }) => s + i.overdue, 0));
    const own = (await t.app.inject({ method: "GET", url: "/api/followups/overdue-by-rep", headers: rep.headers })).json();
    expect(own.items.map((i: { user: { id: number } }) => i.user.id)).toEqual([rep.id]);
    const purchasing = await t.userWithRole("purchasing");
    expect((await t.app.inject({ method: "GET", url: "/api/followups/overdue-by-rep", headers: purchasing.headers })).statusCode).toBe(403);
  });

  it("offers quick due dates that respect month ends", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/followups/quick-dates?from=2027-01-31", headers: rep.headers });
    expect(res.json().choices.find((c: { choice: string }) => c.choice === "1m").date).toBe("2027-02-28");
    const today = await t.app.inject({ method: "GET", url: "/api/followups/quick-dates", headers: rep.headers });
    expect(today.json().from).toBe("2026-11-27");
  });
});
