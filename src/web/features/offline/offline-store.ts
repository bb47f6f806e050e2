// Keeping the bundle on the device and reading it back. Bounded: a bundle larger than
// MAX_BUNDLE_CHARS of JSON drops its last appointments (sheets, route stops and the relations only
// they need) until it fits, and the server sends at most 40 appointments of 4 days; so the store holds a few
// MB at most. Saving replaces everything but the outbox, in one transaction.
import type { SessionUser } from "../auth/session.js";
import type { Bundle, OfflineDb } from "./offline-db.js";

/** About 8 MB of UTF-16 in memory; IndexedDB keeps it as structured clones of similar size. */
export const MAX_BUNDLE_CHARS = 4_000_000;

export interface BundleMeta {
  userId: number;
  savedAt: string;
  generatedAt: string;
  days: string[];
  appointments: number;
  /** Appointments left out to stay within the bound (by the server's 40 or by size here). */
  truncated: boolean;
}

/** The bundle cut to the size bound: whole appointments are dropped from the end. */
export function boundBundle(bundle: Bundle, maxChars = MAX_BUNDLE_CHARS): { bundle: Bundle; truncated: boolean } {
  let current = bundle;
  let truncated = bundle.truncated;
  while (JSON.stringify(current).length > maxChars && current.appointments.length > 0) {
    const appointments = current.appointments.slice(0, -1);
    const keep = new Set(appointments.map((a) => a.id));
    const relationIds = new Set(appointments.map((a) => a.relation.id));
    current = {
      ...current,
      appointments,
      routes: current.routes.map((r) => ({ ...r, stops: r.stops.filter((x) => keep.has(x.appointmentId)), withoutLocation: r.withoutLocation.filter((x) => keep.has(x.appointmentId)) })),
      sheets: current.sheets.filter((s) => keep.has((s.appointment as { id: number }).id)),
      relations: current.relations.filter((r) => relationIds.has(r.id)),
      persons: current.persons.filter((p) => relationIds.has(p.relationId)),
      followUps: current.followUps.filter((f) => relationIds.has(f.relationId)),
      activities: current.activities.filter((f) => relationIds.has(f.relationId)),
      consents: current.consents.filter((c) => current.persons.some((p) => relationIds.has(p.relationId) && p.items.some((x) => x.id === c.personId))),
    };
    truncated = true;
  }
  return { bundle: current, truncated };
}

/**
 * Replaces the stored bundle with a new one read for `user`. Sheets and follow-ups with changes
 * still waiting in the outbox keep their local copy (the rep's work is not overwritten before it is
 * sent). Another user's bundle first clears everything, outbox included.
 */
export async function saveBundle(db: OfflineDb, user: SessionUser, raw: Bundle, now: Date): Promise<BundleMeta> {
  const { bundle, truncated } = boundBundle(raw);
  const meta: BundleMeta = { userId: user.id, savedAt: now.toISOString(), generatedAt: bundle.generatedAt, days: bundle.days, appointments: bundle.appointments.length, truncated };
  await db.transaction("rw", [db.meta, db.sheets, db.relations, db.persons, db.followUps, db.activities, db.consents, db.appointments, db.outbox], async () => {
    const previous = (await db.meta.get("bundle"))?.value as BundleMeta | undefined;
    if (previous && previous.userId !== user.id) await db.outbox.clear();
    const waiting = await db.outbox.toArray();
    const pinned = new Set(waiting.map((w) => w.resource));
    const keptSheets = await db.sheets.filter((s) => pinned.has(`sheet:${s.appointmentId}`)).toArray();
    const keptFollowUps = await db.followUps.filter((f) => pinned.has(`followUps:${f.relationId}`)).toArray();
    // Persons made offline (negative ids) and consents still to be sent stay as the rep left them.
    const keptPersons = await db.persons.filter((p) => pinned.has(`persons:${p.relationId}`)).toArray();
    const keptRelations = await db.relations.filter((r) => pinned.has(`persons:${r.id}`)).toArray();
    const keptConsents = await db.consents.filter((c) => pinned.has(`consents:${c.personId}`)).toArray();
    // An appointment moved offline keeps the time the rep gave it until the move is sent.
    const keptAppointments = await db.appointments.filter((a) => pinned.has(`appointment:${a.id}`)).toArray();
    await Promise.all([db.sheets.clear(), db.relations.clear(), db.persons.clear(), db.followUps.clear(), db.activities.clear(), db.consents.clear(), db.appointments.clear(), db.meta.clear()]);
    await db.appointments.bulkPut(bundle.appointments);
    await db.appointments.bulkPut(keptAppointments);
    await db.sheets.bulkPut(bundle.sheets.map((s) => ({ ...s, appointmentId: (s.appointment as { id: number }).id })));
    await db.sheets.bulkPut(keptSheets);
    await db.relations.bulkPut(bundle.relations);
    await db.persons.bulkPut(bundle.persons);
    await db.followUps.bulkPut(bundle.followUps);
    await db.followUps.bulkPut(keptFollowUps);
    await db.activities.bulkPut(bundle.activities);
    await db.consents.bulkPut(bundle.consents);
    await db.persons.bulkPut(keptPersons);
    await db.relations.bulkPut(keptRelations);
    await db.consents.bulkPut(keptConsents);
    await db.meta.bulkPut([
      { key: "bundle", value: meta },
      { key: "user", value: user },
      { key: "myDay", value: bundle.myDay },
      { key: "checklist", value: bundle.checklist },
      { key: "templates", value: bundle.templates },
      { key: "travel", value: bundle.travel },
      { key: "mayPlan", value: bundle.mayPlan },
    ]);
  });
  return meta;
}

/** Everything of the user off the device (logout). */
export async function clearOffline(db: OfflineDb): Promise<void> {
  await db.transaction("rw", [db.meta, db.sheets, db.relations, db.persons, db.followUps, db.activities, db.consents, db.appointments, db.outbox], async () => {
    await Promise.all([db.meta.clear(), db.sheets.clear(), db.relations.clear(), db.persons.clear(), db.followUps.clear(), db.activities.clear(), db.consents.clear(), db.appointments.clear(), db.outbox.clear()]);
  });
}

export async function storedUser(db: OfflineDb): Promise<SessionUser | null> {
  return ((await db.meta.get("user"))?.value as SessionUser | undefined) ?? null;
}

export async function bundleMeta(db: OfflineDb): Promise<BundleMeta | null> {
  return ((await db.meta.get("bundle"))?.value as BundleMeta | undefined) ?? null;
}
