import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/session.js";
import { type Bundle, OfflineDb } from "./offline-db.js";
import { keepWrite } from "./offline-keep.js";
import { readOffline } from "./offline-read.js";
import { saveBundle } from "./offline-store.js";
import { writeOffline } from "./offline-write.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const rep = { id: 7, name: "Ria Noord", role: "field_sales" } as unknown as SessionUser;
const DAYS = ["2026-11-27", "2026-11-30"];

function appointment(id: number, date = "2026-11-27", startTime = "10:00", extra: object = {}) {
  return {
    id,
    version: 3,
    mayChange: true,
    status: "planned",
    forUser: { id: rep.id, name: rep.name },
    relation: { id: 100 + id, name: `Klant ${id}` },
    address: null,
    date,
    start: `${date}T09:00:00.000Z`,
    end: `${date}T10:00:00.000Z`,
    startTime,
    endTime: "11:00",
    durationMinutes: 60,
    warnings: [],
    ...extra,
  };
}

function bundle(): Bundle {
  return {
    generatedAt: NOW.toISOString(),
    userId: rep.id,
    days: DAYS,
    truncated: false,
    myDay: { date: "2026-11-27", agenda: { items: [] } },
    appointments: [appointment(1)],
    routes: [],
    travel: { model: "haversine", stopSeconds: 0, points: [], seconds: [], meters: [] },
    sheets: [{ appointment: appointment(1), notes: null, version: 1 }],
    relations: [{ id: 101, name: "Klant 1", version: 1 }],
    consents: [{ personId: 5, current: [], history: [] }],
    persons: [{ relationId: 101, items: [{ id: 5, displayName: "Els Bakker" }] }],
    followUps: [{ relationId: 101, items: [{ id: 40, action: "Bellen", status: "open" }] }],
    activities: [{ relationId: 101, items: [{ id: 900, notes: "Eerder gesprek" }] }],
    templates: [],
    checklist: [],
    mayPlan: true,
  } as unknown as Bundle;
}

describe("a write saved online keeps the device up to date without the whole bundle", () => {
  let db: OfflineDb;
  let n = 0;
  let reads: string[];
  let answers: Record<string, unknown>;
  const read = async (path: string) => {
    reads.push(path);
    if (!(path in answers)) throw new Error(`unexpected read ${path}`);
    return answers[path];
  };
  beforeEach(async () => {
    n += 1;
    db = new OfflineDb(`keep-${n}`);
    await saveBundle(db, rep, bundle(), NOW);
    reads = [];
    answers = { "/api/my-day": { date: "2026-11-27", agenda: { items: ["fresh"] } } };
  });
  afterEach(async () => db.delete());

  const agenda = async () => (await readOffline(db, "/api/appointments?from=2026-11-23&to=2026-11-29", NOW)) as { items: { id: number; startTime: string; pending?: boolean }[]; offline: { days: string[] } };

  it("stores a moved appointment from the server's answer (the sheet's copy too) and reads only Mijn dag again", async () => {
    const result = await keepWrite(db, { method: "PATCH", path: "/api/appointments/1", answer: appointment(1, "2026-11-27", "14:30", { version: 4 }) }, read);
    expect(result.full).toBe(false);
    expect(reads).toEqual(["/api/my-day"]);
    expect((await agenda()).items).toEqual([expect.objectContaining({ id: 1, startTime: "14:30" })]);
    expect((await db.sheets.get(1))?.appointment).toMatchObject({ version: 4 });
    expect((await db.meta.get("myDay"))?.value).toEqual({ date: "2026-11-27", agenda: { items: ["fresh"] } });
  });

  it("drops an appointment moved off the kept days or cancelled; asks for the whole bundle when one comes into them", async () => {
    await keepWrite(db, { method: "POST", path: "/api/appointments/1/cancel", answer: appointment(1, "2026-11-27", "10:00", { status: "cancelled" }) }, read);
    expect((await agenda()).items).toEqual([]);
    expect(await db.sheets.get(1)).toBeUndefined();
    // A new one on a kept day: its sheet and card are not on the device.
    expect((await keepWrite(db, { method: "POST", path: "/api/appointments", answer: appointment(2, "2026-11-30") }, read)).full).toBe(true);
    // One of another rep, or on a day not kept: nothing to do.
    expect((await keepWrite(db, { method: "POST", path: "/api/appointments", answer: appointment(3, "2026-11-30", "09:00", { forUser: { id: 8, name: "Ander" } }) }, read)).full).toBe(false);
    expect((await keepWrite(db, { method: "POST", path: "/api/appointments", answer: appointment(4, "2026-12-14") }, read)).full).toBe(false);
  });

  it("reads again only the touched parts of a kept relation: its follow-ups (open ones), persons, consents, card", async () => {
    answers["/api/relations/101/followups"] = { items: [{ id: 40, action: "Bellen", status: "done" }, { id: 41, action: "Offerte", status: "open" }] };
    await keepWrite(db, { method: "POST", path: "/api/followups/40/done", answer: {} }, read);
    expect(reads).toEqual(["/api/relations/101/followups", "/api/my-day"]);
    expect((await readOffline(db, "/api/relations/101/followups", NOW)) as unknown).toEqual({ items: [{ id: 41, action: "Offerte", status: "open" }] });

    reads = [];
    answers["/api/persons/5/consents"] = { personId: 5, current: [{ purpose: "newsletter" }], history: [] };
    await keepWrite(db, { method: "POST", path: "/api/persons/5/consents", answer: {} }, read);
    expect(reads).toEqual(["/api/persons/5/consents"]);

    reads = [];
    answers["/api/relations/101"] = { id: 101, name: "Klant Eén BV", version: 2, persons: [{ id: 5, displayName: "Els de Bakker" }] };
    await keepWrite(db, { method: "PATCH", path: "/api/relations/101", answer: {} }, read);
    expect(reads).toEqual(["/api/relations/101"]);
    expect(await readOffline(db, "/api/relations/101", NOW)).toMatchObject({ name: "Klant Eén BV", persons: [{ displayName: "Els de Bakker" }] });

    // A relation the device does not keep: nothing is read.
    reads = [];
    await keepWrite(db, { method: "PATCH", path: "/api/relations/555", answer: {} }, read);
    await keepWrite(db, { method: "PATCH", path: "/api/quotes/3", answer: {} }, read);
    expect(reads).toEqual([]);
  });

  it("never overwrites a change still waiting in the outbox", async () => {
    await writeOffline(db, { method: "PATCH", path: "/api/appointments/1", version: 3, body: { start: "2026-11-27T12:00:00.000Z" } }, rep.id, NOW);
    await keepWrite(db, { method: "PATCH", path: "/api/appointments/1", answer: appointment(1, "2026-11-27", "16:00", { version: 4 }) }, read);
    expect((await agenda()).items).toEqual([expect.objectContaining({ id: 1, startTime: "13:00", pending: true })]);
    expect(reads).toEqual([]);
  });

  it("offline, the agenda answers the kept days of any range and names them", async () => {
    expect(await agenda()).toMatchObject({ items: [{ id: 1 }], offline: { days: DAYS } });
    expect(await readOffline(db, "/api/appointments?from=2026-12-07&to=2026-12-13", NOW)).toMatchObject({ items: [], offline: { days: DAYS } });
    // Another rep's agenda is not on the device.
    expect(await readOffline(db, "/api/appointments?from=2026-11-23&to=2026-11-29&userId=8", NOW)).toBeUndefined();
  });
});
