import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/session.js";
import { type Bundle, OfflineDb, type OutboxItem } from "./offline-db.js";
import { readOffline } from "./offline-read.js";
import { boundBundle, clearOffline, saveBundle } from "./offline-store.js";
import { writeOffline } from "./offline-write.js";
import { keepMine, SyncError, syncOutbox, takeTheirs } from "./outbox-sync.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const rep = { id: 7, name: "Ria Noord", role: "field_sales" } as unknown as SessionUser;

function sheet(id: number, version: number) {
  return {
    appointment: { id, relation: { id: 100 + id, name: `Klant ${id}` } },
    prefill: {},
    templatesAvailable: [],
    saved: version > 0,
    method: null,
    templates: [],
    research: {},
    objectives: [{ id: 1, kind: "internal", text: "Budget weten", keyword: "budget", smart: [], ticked: false, answer: null, result: null }],
    keywords: [
      { keyword: "DMU", ticked: false, answer: null },
      { keyword: "Budget", ticked: false, answer: null },
    ],
    checklist: [],
    notes: null,
    warnings: [],
    report: null,
    mayEdit: true,
    updatedAt: null,
    version,
  };
}

function bundle(userId: number, ids: number[], version = 2): Bundle {
  return {
    generatedAt: NOW.toISOString(),
    userId,
    days: ["2026-11-27"],
    truncated: false,
    myDay: { date: "2026-11-27", agenda: { items: [] } },
    // Visit n at 07:00 + 2n Amsterdam (winter: UTC+1), an hour long; visit 2 is someone's the rep may not change.
    appointments: ids.map((id) => ({
      id,
      version: 3,
      mayChange: id !== 2,
      status: "planned",
      relation: { id: 100 + id, name: `Klant ${id}` },
      address: null,
      date: "2026-11-27",
      start: `2026-11-27T${String(6 + 2 * id - 1).padStart(2, "0")}:00:00.000Z`,
      end: `2026-11-27T${String(6 + 2 * id).padStart(2, "0")}:00:00.000Z`,
      startTime: `${String(6 + 2 * id).padStart(2, "0")}:00`,
      endTime: `${String(7 + 2 * id).padStart(2, "0")}:00`,
      durationMinutes: 60,
      warnings: [],
    })),
    routes: [{ date: "2026-11-27", stops: ids.map((id) => ({ appointmentId: id })), withoutLocation: [] }],
    // Home and each relation; 10 minutes (10 km) between any two places.
    travel: {
      model: "haversine",
      stopSeconds: 0,
      points: [{ relationId: null, lat: 52, lon: 5 }, ...ids.map((id) => ({ relationId: 100 + id, lat: 52 + id / 10, lon: 5 + id / 10 }))],
      seconds: Array.from({ length: (ids.length + 1) ** 2 }, (_, i) => (i % (ids.length + 2) === 0 ? 0 : 600)),
      meters: Array.from({ length: (ids.length + 1) ** 2 }, (_, i) => (i % (ids.length + 2) === 0 ? 0 : 10_000)),
    },
    sheets: ids.map((id) => sheet(id, version)),
    relations: ids.map((id) => ({ id: 100 + id, name: `Klant ${id}`, version: 1, persons: [] })),
    consents: [],
    persons: ids.map((id) => ({ relationId: 100 + id, items: [] })),
    followUps: ids.map((id) => ({ relationId: 100 + id, items: [] })),
    activities: ids.map((id) => ({ relationId: 100 + id, items: [{ id: 900 + id, notes: "Eerder gesprek" }] })),
    templates: [],
    checklist: ["Visitekaartjes"],
  } as unknown as Bundle;
}

/** A server that keeps a version per sheet and answers If-Match like versioned-patch.ts. */
function fakeServer(versions: Map<number, number>) {
  const seen: { path: string; ifMatch: number | null }[] = [];
  let followUpId = 500;
  return {
    seen,
    offline: false,
    transport: {
      send: async (item: OutboxItem) => {
        if (server.offline) throw new SyncError(0, "no connection");
        seen.push({ path: item.path, ifMatch: item.baseVersion });
        if (item.kind === "followUp.create") return { id: followUpId++, action: (item.body as { action: string }).action, version: 1 };
        if (item.kind === "person.create") return { id: 600, relationId: 101, ...(item.body as object), displayName: "Els Bakker", version: 1 };
        if (item.kind === "consent.add") return { personId: Number(/\/persons\/(-?\d+)\//.exec(item.path)?.[1]), current: [], history: [{ id: 1, ...(item.body as object) }] };
        const id = Number(/\/visit-preparations\/(\d+)/.exec(item.path)?.[1]);
        const current = versions.get(id) ?? 0;
        if (item.baseVersion !== current) throw new SyncError(412, "version_conflict");
        versions.set(id, current + 1);
        return { ...sheet(id, current + 1), ...(item.body as object) };
      },
      current: async (item: OutboxItem) => {
        const id = Number(/\/visit-preparations\/(\d+)/.exec(item.path)?.[1]);
        const version = versions.get(id) ?? 0;
        return { version, record: { ...sheet(id, version), notes: "Van kantoor" } };
      },
    },
  };
}
let server: ReturnType<typeof fakeServer>;

describe("the field app's store and outbox", () => {
  let db: OfflineDb;
  let n = 0;
  beforeEach(async () => {
    n += 1;
    db = new OfflineDb(`test-${n}`);
    await saveBundle(db, rep, bundle(rep.id, [1, 2]), NOW);
  });
  afterEach(async () => db.delete());

  it("answers the pages' reads from the device and forgets everything on logout", async () => {
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ version: 2, appointment: { id: 1 } });
    expect(await readOffline(db, "/api/relations/102", NOW)).toMatchObject({ name: "Klant 2" });
    expect(await readOffline(db, "/api/preparation-settings", NOW)).toEqual({ checklist: ["Visitekaartjes"] });
    expect(await readOffline(db, "/api/my-day", NOW)).toMatchObject({ date: "2026-11-27" });
    expect(await readOffline(db, "/api/relations/999", NOW)).toBeUndefined();
    expect(await readOffline(db, "/api/relations/101/activities?limit=20", NOW)).toEqual({ items: [{ id: 901, notes: "Eerder gesprek" }], nextCursor: null });
    expect(await readOffline(db, "/api/relations/101/activities?limit=20&cursor=abc", NOW)).toBeUndefined();
    await clearOffline(db);
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toBeUndefined();
    expect(await db.meta.count()).toBe(0);
  });

  it("stays within its size bound by leaving out the last appointments whole", () => {
    const big = bundle(rep.id, [1, 2, 3, 4]);
    const size = JSON.stringify(big).length;
    const { bundle: cut, truncated } = boundBundle(big, size - 10);
    expect(truncated).toBe(true);
    expect(cut.appointments.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(cut.relations.map((r) => r.id)).toEqual([101, 102, 103]);
    expect(cut.routes[0]?.stops.map((x) => x.appointmentId)).toEqual([1, 2, 3]);
  });

  it("moves an appointment offline: the route is laid anew at once with the move marked, queued on the version it was based on", async () => {
    const before = (await readOffline(db, "/api/my-day/route?date=2026-11-27", NOW)) as { stops: { appointmentId: number; arrival: string; travelMinutes: number; pending?: boolean }[]; leaveHome: string; returnHome: string };
    expect(before.stops.map((x) => [x.appointmentId, x.arrival, x.travelMinutes])).toEqual([
      [1, "08:00", 10],
      [2, "09:10", 10],
    ]);
    expect([before.leaveHome, before.returnHome]).toEqual(["07:50", "11:10"]);
    // 13:00 Amsterdam, sent with its offset as the agenda's fields make it.
    const moved = await writeOffline(db, { method: "PATCH", path: "/api/appointments/1", version: 3, body: { start: "2026-11-27T13:00:00+01:00" } }, rep.id, NOW);
    expect(moved).toMatchObject({ id: 1, startTime: "13:00", endTime: "14:00", date: "2026-11-27", start: "2026-11-27T12:00:00.000Z", version: 3 });
    const after = (await readOffline(db, "/api/my-day/route?date=2026-11-27", NOW)) as typeof before;
    expect(after.stops.map((x) => [x.appointmentId, x.pending ?? false])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await readOffline(db, "/api/appointments/1", NOW)).toMatchObject({ startTime: "13:00" });
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ appointment: { startTime: "13:00" } });
    expect(((await readOffline(db, "/api/my-day", NOW)) as { agenda: { items: { id: number }[] } }).agenda.items.map((a) => a.id)).toEqual([2, 1]);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ kind: "appointment.move", resource: "appointment:1", method: "PATCH", path: "/api/appointments/1", baseVersion: 3, body: { start: "2026-11-27T13:00:00+01:00" } })]);
    // Not the rep's to change, or more than a move: it needs a connection.
    expect(await writeOffline(db, { method: "PATCH", path: "/api/appointments/2", version: 3, body: { start: "2026-11-27T15:00:00+01:00" } }, rep.id, NOW)).toBeUndefined();
    expect(await writeOffline(db, { method: "PATCH", path: "/api/appointments/1", version: 3, body: { notes: "Andere ingang" } }, rep.id, NOW)).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
    // A new bundle keeps the moved time until the move is sent.
    await saveBundle(db, rep, bundle(rep.id, [1, 2]), NOW);
    expect(await readOffline(db, "/api/appointments/1", NOW)).toMatchObject({ startTime: "13:00" });
    // A day that is not on the device is not answered (the page says there is no connection).
    expect(await readOffline(db, "/api/my-day/route?date=2026-12-01", NOW)).toBeUndefined();
  });

  it("sends ticks and the report in order, each on the version the one before gave", async () => {
    server = fakeServer(new Map([[1, 2]]));
    const keywords = [
      { keyword: "DMU", ticked: true, answer: null },
      { keyword: "Budget", ticked: false, answer: null },
    ];
    await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/1", version: 2, body: { keywords } }, rep.id, NOW);
    const shown = await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/1", version: 2, body: { notes: "Parkeren achter" } }, rep.id, NOW);
    expect(shown).toMatchObject({ version: 2, notes: "Parkeren achter", keywords });
    await writeOffline(db, { method: "POST", path: "/api/visit-preparations/1/report", version: 2, body: { objectives: [{ id: 1, result: "achieved", answer: "€ 20.000" }], notes: "Goed gesprek" } }, rep.id, NOW);
    await writeOffline(db, { method: "POST", path: "/api/relations/102/followups", version: undefined, body: { action: "Offerte sturen", dueDate: "2026-12-04" } }, rep.id, NOW);
    // What the rep sees offline: the ticks, the report and the follow-up.
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ keywords, report: { reportedAt: NOW.toISOString() }, objectives: [{ result: "achieved" }] });
    expect(await readOffline(db, "/api/relations/102/followups", NOW)).toMatchObject({ items: [{ action: "Offerte sturen", dueDate: "2026-12-04" }] });
    expect(await db.outbox.count()).toBe(4);

    const result = await syncOutbox(db, server.transport);
    expect(result).toEqual({ sent: 4, conflicts: 0, failed: 0, interrupted: false });
    expect(server.seen).toEqual([
      { path: "/api/visit-preparations/1", ifMatch: 2 },
      { path: "/api/visit-preparations/1", ifMatch: 3 },
      { path: "/api/visit-preparations/1/report", ifMatch: 4 },
      { path: "/api/relations/102/followups", ifMatch: null },
    ]);
    expect(await db.outbox.count()).toBe(0);
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ version: 5 });
    expect(await readOffline(db, "/api/relations/102/followups", NOW)).toEqual({ items: [expect.objectContaining({ id: 500, action: "Offerte sturen" })] });
  });

  it("holds a change that met a newer version as a conflict, sends the rest, and keeps mine when asked", async () => {
    // Someone at the office saved sheet 1 twice since the bundle (version 4, not 2).
    server = fakeServer(new Map([[1, 4], [2, 2]]));
    await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/1", version: 2, body: { notes: "Mijn notitie" } }, rep.id, NOW);
    await writeOffline(db, { method: "POST", path: "/api/visit-preparations/1/report", version: 2, body: { objectives: [] } }, rep.id, NOW);
    await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/2", version: 2, body: { notes: "Ander bezoek" } }, rep.id, NOW);

    const first = await syncOutbox(db, server.transport);
    expect(first).toMatchObject({ sent: 1, conflicts: 1 });
    const [conflict, blocked] = await db.outbox.orderBy("seq").toArray();
    expect(conflict).toMatchObject({ state: "conflict", body: { notes: "Mijn notitie" }, server: { version: 4, record: { notes: "Van kantoor" } } });
    // The report waits behind the conflict of its own sheet: nothing was sent over the office's work.
    expect(blocked).toMatchObject({ kind: "sheet.report", state: "waiting", baseVersion: 2 });
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ notes: "Mijn notitie" });

    await keepMine(db, conflict?.seq as number);
    const second = await syncOutbox(db, server.transport);
    expect(second).toMatchObject({ sent: 2, conflicts: 0 });
    expect(server.seen.slice(-2)).toEqual([
      { path: "/api/visit-preparations/1", ifMatch: 4 },
      { path: "/api/visit-preparations/1/report", ifMatch: 5 },
    ]);
  });

  it("takes the server's version when the rep chooses it, and keeps everything while the signal is gone", async () => {
    server = fakeServer(new Map([[1, 3]]));
    await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/1", version: 2, body: { notes: "Mijn notitie" } }, rep.id, NOW);
    server.offline = true;
    expect(await syncOutbox(db, server.transport)).toMatchObject({ sent: 0, interrupted: true });
    expect(await db.outbox.count()).toBe(1);
    server.offline = false;
    await syncOutbox(db, server.transport);
    const [conflict] = await db.outbox.toArray();
    await takeTheirs(db, conflict?.seq as number);
    expect(await db.outbox.count()).toBe(0);
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ version: 3, notes: "Van kantoor" });
  });

  it("adds a person and their consent offline, the consent dated when it was given, and sends it to the person's real id", async () => {
    server = fakeServer(new Map());
    const person = (await writeOffline(db, { method: "POST", path: "/api/relations/101/persons", version: undefined, body: { firstName: "Els", lastName: "Bakker", gender: "v" } }, rep.id, NOW)) as { id: number; displayName: string };
    expect(person.id).toBeLessThan(0);
    expect(person.displayName).toBe("Els Bakker");
    expect(await readOffline(db, "/api/relations/101", NOW)).toMatchObject({ persons: [{ id: person.id, lastName: "Bakker" }] });
    const overview = await writeOffline(db, { method: "POST", path: `/api/persons/${person.id}/consents`, version: undefined, body: { purpose: "newsletter", state: "given", source: "visit", textVersion: "v1" } }, rep.id, NOW);
    expect(overview).toMatchObject({ current: [{ purpose: "newsletter", state: "given", since: "2026-11-27", mayMail: true }, { purpose: "product_mailings", state: "none" }] });

    // Sent a day later: the consent still says the 27th, and goes to the person's real id.
    await syncOutbox(db, server.transport);
    expect(server.seen).toEqual([
      { path: "/api/relations/101/persons", ifMatch: null },
      { path: "/api/persons/600/consents", ifMatch: null },
    ]);
    expect(await db.outbox.count()).toBe(0);
    expect(await readOffline(db, "/api/relations/101/persons", NOW)).toMatchObject({ items: [{ id: 600 }] });
    expect(await readOffline(db, "/api/persons/600/consents", NOW)).toMatchObject({ personId: 600, history: [{ date: "2026-11-27", state: "given" }] });
    expect(await readOffline(db, `/api/persons/${person.id}/consents`, NOW)).toBeUndefined();

    // Withdrawn offline the next day, for every purpose: the device says so at once.
    const next = new Date("2026-11-28T09:00:00Z");
    const withdrawn = await writeOffline(db, { method: "POST", path: "/api/persons/600/consents/withdraw", version: undefined, body: {} }, rep.id, next);
    expect(withdrawn).toMatchObject({ current: [{ purpose: "newsletter", state: "withdrawn", since: "2026-11-28", mayMail: false }, { purpose: "product_mailings", state: "withdrawn" }] });
    expect((await db.outbox.toArray())[0]).toMatchObject({ path: "/api/persons/600/consents/withdraw", body: { date: "2026-11-28" } });

    // Given again and withdrawn again the same day, both offline: each time the later statement counts.
    const given = await writeOffline(db, { method: "POST", path: "/api/persons/600/consents", version: undefined, body: { purpose: "newsletter", state: "given", source: "visit", textVersion: "v1" } }, rep.id, next);
    expect((given as { current: unknown[] }).current[0]).toMatchObject({ purpose: "newsletter", state: "given", mayMail: true });
    const again = await writeOffline(db, { method: "POST", path: "/api/persons/600/consents/withdraw", version: undefined, body: {} }, rep.id, next);
    expect((again as { current: unknown[] }).current[0]).toMatchObject({ purpose: "newsletter", state: "withdrawn", mayMail: false });
  });

  it("keeps the sheets with waiting changes when a new bundle arrives, and clears all for another user", async () => {
    await writeOffline(db, { method: "PATCH", path: "/api/visit-preparations/1", version: 2, body: { notes: "Nog niet verstuurd" } }, rep.id, NOW);
    await saveBundle(db, rep, bundle(rep.id, [1, 2], 3), NOW);
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toMatchObject({ notes: "Nog niet verstuurd", version: 2 });
    expect(await readOffline(db, "/api/visit-preparations/2", NOW)).toMatchObject({ version: 3 });
    await saveBundle(db, { ...rep, id: 8 }, bundle(8, [3]), NOW);
    expect(await db.outbox.count()).toBe(0);
    expect(await readOffline(db, "/api/visit-preparations/1", NOW)).toBeUndefined();
  });
});
