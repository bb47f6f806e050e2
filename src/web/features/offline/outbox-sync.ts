// Sending the outbox when the signal returns: in the order the changes were made, each with If-Match
// of the version it was based on. The rules (docs/architecture.md, "The field app"):
// - a change that succeeds moves the later changes of the same record that were built on the same
//   base onto the version the server gave (they were built on this change, not on someone else's);
// - 412 (the record changed on the server meanwhile) stops that record: the item becomes a conflict
//   with the server's version and record beside it, and its later changes wait until the rep keeps
//   theirs, takes the server's or drops the change; nothing is overwritten without the rep's choice;
// - another refusal (400, 403, 404, 409) marks the item failed with the server's message, kept
//   until the rep retries or drops it; a network error stops the run (the rest stays waiting).
import { storeAppointment } from "./offline-appointments.js";
import type { OfflineDb, OutboxItem, StoredAppointment } from "./offline-db.js";

/** The HTTP the sync needs; in the app it is the API client, in tests a fake server. */
export interface SyncTransport {
  send(item: OutboxItem): Promise<unknown>;
  /** The record as the server has it now (after a 412). */
  current(item: OutboxItem): Promise<{ version: number; record: unknown }>;
}

export interface SyncFailure {
  status: number;
  message: string;
}

/** How the transport reports a refusal; status 0 is "no connection". */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SyncResult {
  sent: number;
  conflicts: number;
  failed: number;
  /** true: the connection dropped during the run. */
  interrupted: boolean;
}

const versionOf = (body: unknown): number | null => {
  const v = (body as { version?: unknown } | null)?.version;
  return typeof v === "number" ? v : null;
};

/** Later waiting items of the same record built on `from` now stand on `to`. */
async function rebase(db: OfflineDb, after: OutboxItem, from: number | null, to: number): Promise<void> {
  if (from === null) return;
  await db.outbox
    .where("resource")
    .equals(after.resource)
    .and((i) => (i.seq ?? 0) > (after.seq ?? 0) && i.baseVersion === from)
    .modify({ baseVersion: to });
}

/** Writes the server's answer into the device's copy, unless more local changes of it still wait. */
async function storeAnswer(db: OfflineDb, item: OutboxItem, answer: unknown): Promise<void> {
  const more = await db.outbox
    .where("resource")
    .equals(item.resource)
    .and((i) => i.seq !== item.seq)
    .count();
  if (item.resource.startsWith("sheet:")) {
    if (more === 0 && answer) await db.sheets.put({ ...(answer as object), appointmentId: Number(item.resource.slice(6)) } as never);
    return;
  }
  if (item.kind === "appointment.move") {
    if (more === 0 && answer) await storeAppointment(db, answer as StoredAppointment);
    return;
  }
  if (item.kind === "consent.add") {
    if (more === 0 && answer) await db.consents.put(answer as never);
    return;
  }
  if (item.kind === "followUp.create" && answer) {
    // The stand-in (negative id, same action) gives way to the server's follow-up.
    const relationId = Number(item.resource.slice("followUps:".length));
    const row = await db.followUps.get(relationId);
    if (!row) return;
    const body = item.body as { action: string };
    const index = row.items.findIndex((f) => f.id < 0 && f.action === body.action && f.createdAt === item.madeAt);
    const items = [...row.items];
    if (index >= 0) items.splice(index, 1, answer as (typeof items)[number]);
    else items.push(answer as (typeof items)[number]);
    await db.followUps.put({ relationId, items });
  }
}

/**
 * A person made offline now has the server's id: the later items that name the stand-in (a consent
 * of that person, a follow-up with them) and the device's copies take the real one.
 */
async function replaceStandIn(db: OfflineDb, item: OutboxItem, answer: unknown): Promise<void> {
  const local = item.localId;
  const real = (answer as { id?: unknown } | null)?.id;
  if (local === undefined || typeof real !== "number") return;
  const later = await db.outbox.filter((i) => (i.seq ?? 0) > (item.seq ?? 0)).toArray();
  for (const i of later) {
    const path = i.path.replace(new RegExp(`/api/persons/${local}(?=/|$)`), `/api/persons/${real}`);
    const body = i.body && typeof i.body === "object" && (i.body as { personId?: unknown }).personId === local ? { ...(i.body as object), personId: real } : i.body;
    const resource = i.resource === `consents:${local}` ? `consents:${real}` : i.resource;
    await db.outbox.update(i.seq as number, { path, body, resource });
  }
  const relationId = Number(item.resource.slice("persons:".length));
  const swap = <T extends { id: number }>(list: T[]) => list.map((p) => (p.id === local ? (answer as T) : p));
  const persons = await db.persons.get(relationId);
  if (persons) await db.persons.put({ relationId, items: swap(persons.items) });
  const consents = await db.consents.get(local);
  if (consents) {
    await db.consents.delete(local);
    await db.consents.put({ ...consents, personId: real });
  }
}

let running: Promise<SyncResult> | null = null;

/** One run at a time: a second call while one runs waits for that one. */
export function syncOutbox(db: OfflineDb, transport: SyncTransport): Promise<SyncResult> {
  running ??= runSync(db, transport).finally(() => {
    running = null;
  });
  return running;
}

async function runSync(db: OfflineDb, transport: SyncTransport): Promise<SyncResult> {
  const result: SyncResult = { sent: 0, conflicts: 0, failed: 0, interrupted: false };
  // Records with an unresolved item: their later changes wait behind it.
  const stopped = new Set<string>();
  for (;;) {
    const items = await db.outbox.orderBy("seq").toArray();
    for (const i of items) if (i.state !== "waiting") stopped.add(i.resource);
    const item = items.find((i) => i.state === "waiting" && !stopped.has(i.resource));
    if (!item) return result;
    try {
      const answer = await transport.send(item);
      await db.transaction("rw", [db.outbox, db.sheets, db.followUps, db.persons, db.relations, db.consents, db.appointments], async () => {
        const version = versionOf(answer);
        if (version !== null && item.baseVersion !== null) await rebase(db, item, item.baseVersion, version);
        await replaceStandIn(db, item, answer);
        await storeAnswer(db, item, answer);
        await db.outbox.delete(item.seq as number);
      });
      result.sent += 1;
    } catch (error) {
      const status = error instanceof SyncError ? error.status : 0;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 0) {
        result.interrupted = true;
        return result;
      }
      if (status === 412) {
        let server: OutboxItem["server"] = null;
        try {
          server = await transport.current(item);
        } catch {
          // The conflict stands; the rep can reload the server's side from the list.
        }
        await db.outbox.update(item.seq as number, { state: "conflict", server, error: message });
        result.conflicts += 1;
      } else {
        await db.outbox.update(item.seq as number, { state: "failed", error: message });
        result.failed += 1;
      }
      stopped.add(item.resource);
    }
  }
}

/** Keep mine: send my change again, now based on the server's version (the rep saw both). */
export async function keepMine(db: OfflineDb, seq: number): Promise<void> {
  await db.transaction("rw", [db.outbox], async () => {
    const item = await db.outbox.get(seq);
    if (!item?.server) return;
    await rebase(db, item, item.baseVersion, item.server.version);
    await db.outbox.update(seq, { state: "waiting", baseVersion: item.server.version, server: null, error: null });
  });
}

/** Take the server's: my change goes, the device takes the server's record; later changes follow it. */
export async function takeTheirs(db: OfflineDb, seq: number): Promise<void> {
  await db.transaction("rw", [db.outbox, db.sheets, db.appointments], async () => {
    const item = await db.outbox.get(seq);
    if (!item?.server) return;
    await rebase(db, item, item.baseVersion, item.server.version);
    await db.outbox.delete(seq);
    if (item.kind === "appointment.move") await storeAppointment(db, item.server.record as StoredAppointment);
    if (item.resource.startsWith("sheet:")) await db.sheets.put({ ...(item.server.record as object), appointmentId: Number(item.resource.slice(6)) } as never);
  });
}

/** Drop this change only (a failed or conflicting one); the rep chose so. */
export async function dropChange(db: OfflineDb, seq: number): Promise<void> {
  await db.outbox.delete(seq);
}

/** A failed change tried again as it is. */
export async function retryChange(db: OfflineDb, seq: number): Promise<void> {
  await db.outbox.update(seq, { state: "waiting", error: null });
}
