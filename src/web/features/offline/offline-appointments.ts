// Appointments on the device: moving one without signal (a new start and/or duration, queued as
// "appointment.move" with the version it was based on, sent as PATCH /api/appointments/:id with
// If-Match), and the reads that show the moved time at once: the day's route (laid anew by the
// same planning/agenda-route.ts the server uses, from the travel table in the bundle), the agenda
// of a bundled day and "Mijn dag". Times are read and written on the Amsterdam clock.
import { type AgendaRoute, agendaRoute, legsOfRoute, type TravelTable } from "../../../planning/agenda-route.js";
import { amsterdamLocal } from "../agenda/agenda-dates.js";
import type { Bundle, OfflineDb, OutboxItem, StoredAppointment } from "./offline-db.js";
import type { BundleMeta } from "./offline-store.js";

/** The only fields a move sends; any other change of an appointment needs a connection. */
const MOVE_FIELDS = new Set(["start", "durationMinutes"]);

type MoveBody = { start?: string; durationMinutes?: number };

/** The appointment at its new time: start, end, date and clock times as the server would give them. */
export function movedAppointment(a: StoredAppointment, body: MoveBody): StoredAppointment {
  const startMs = body.start === undefined ? Date.parse(a.start) : Date.parse(body.start);
  const duration = body.durationMinutes ?? a.durationMinutes;
  const start = new Date(startMs);
  const end = new Date(startMs + duration * 60_000);
  const [date, startTime] = amsterdamLocal(start).split("T") as [string, string];
  const endTime = amsterdamLocal(end).slice(11);
  // Overlaps are the server's to tell (it knows the whole agenda): they come back with the answer.
  return { ...a, start: start.toISOString(), end: end.toISOString(), date, startTime, endTime, durationMinutes: duration, warnings: [] };
}

/**
 * PATCH /api/appointments/:id offline: only a move (start, duration) of an appointment the rep may
 * change (its `mayChange`, the server's own rule), else undefined (the page says it needs signal).
 */
export async function moveAppointmentOffline(db: OfflineDb, id: number, version: number, body: unknown, now: Date): Promise<StoredAppointment | undefined> {
  if (typeof body !== "object" || body === null) return undefined;
  const keys = Object.keys(body);
  if (keys.length === 0 || keys.some((k) => !MOVE_FIELDS.has(k))) return undefined;
  const move = body as MoveBody;
  if (move.start !== undefined && Number.isNaN(Date.parse(move.start))) return undefined;
  return db.transaction("rw", [db.appointments, db.sheets, db.outbox], async () => {
    const stored = await db.appointments.get(id);
    if (!stored?.mayChange || stored.status !== "planned") return undefined;
    const next = movedAppointment(stored, move);
    await db.appointments.put(next);
    const sheet = await db.sheets.get(id);
    if (sheet) await db.sheets.put({ ...sheet, appointment: next });
    const item: OutboxItem = {
      kind: "appointment.move",
      resource: `appointment:${id}`,
      method: "PATCH",
      path: `/api/appointments/${id}`,
      body: move,
      baseVersion: version,
      madeAt: now.toISOString(),
      label: stored.relation.name,
      state: "waiting",
    };
    await db.outbox.add(item);
    return next;
  });
}

/** The server's answer (or record, taking theirs) is what the device keeps; the sheet's copy follows. */
export async function storeAppointment(db: OfflineDb, record: StoredAppointment): Promise<void> {
  await db.appointments.put(record);
  const sheet = await db.sheets.get(record.id);
  if (sheet) await db.sheets.put({ ...sheet, appointment: record });
}

async function pendingIds(db: OfflineDb): Promise<Set<number>> {
  const items = await db.outbox.filter((i) => i.kind === "appointment.move").toArray();
  return new Set(items.map((i) => Number(i.resource.slice("appointment:".length))));
}

async function bundledDays(db: OfflineDb): Promise<string[]> {
  return ((await db.meta.get("bundle"))?.value as BundleMeta | undefined)?.days ?? [];
}

/** GET /api/my-day/route?date= offline: a bundled day only, laid from the appointments as they are on the device. */
export async function routeOffline(db: OfflineDb, date: string): Promise<AgendaRoute | undefined> {
  if (!(await bundledDays(db)).includes(date)) return undefined;
  const travel = (await db.meta.get("travel"))?.value as TravelTable | undefined;
  if (!travel) return undefined;
  const route = agendaRoute(date, await db.appointments.toArray(), travel);
  const pending = await pendingIds(db);
  return { ...route, stops: route.stops.map((s) => (pending.has(s.appointmentId) ? { ...s, pending: true } : s)) };
}

/**
 * GET /api/appointments?from&to offline: the rep's own appointments of the bundled days within the
 * range, as moved on the device (a move still in the outbox is marked `pending`), and `offline.days`:
 * which days the device keeps, so the agenda says the other days are not available offline rather
 * than showing them empty. Undefined without a bundle or for another user's agenda.
 */
export async function appointmentsOffline(db: OfflineDb, query: URLSearchParams): Promise<unknown> {
  const from = query.get("from");
  const to = query.get("to");
  if (!from || !to) return undefined;
  const days = await bundledDays(db);
  if (days.length === 0) return undefined;
  const me = ((await db.meta.get("user"))?.value as { id: number } | undefined)?.id;
  const user = query.get("userId");
  if (user !== null && Number(user) !== me) return undefined;
  const pending = await pendingIds(db);
  const kept = new Set(days);
  const items = (await db.appointments.where("date").between(from, to, true, true).toArray())
    .filter((a) => kept.has(a.date))
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((a) => (pending.has(a.id) ? { ...a, pending: true } : a));
  return { from, to, items, offline: { days } };
}

/** GET /api/my-day offline: the kept day, with today's agenda and its drives as moved on the device. */
export async function myDayOffline(db: OfflineDb): Promise<unknown> {
  const day = (await db.meta.get("myDay"))?.value as Bundle["myDay"] | undefined;
  if (!day) return undefined;
  const today = day.date;
  if ((await pendingIds(db)).size === 0) return day;
  const items = (await db.appointments.where("date").equals(today).toArray()).filter((a) => a.status === "planned").sort((a, b) => a.start.localeCompare(b.start));
  const route = await routeOffline(db, today);
  const agendaTravel = route ? legsOfRoute(route) : [];
  return { ...day, agenda: { items }, agendaTravel };
}
