// The field app's entry point for the rest of the web app, always loaded with a dynamic import (so
// Dexie and this code stay out of the login page's JavaScript): answers without connection, the
// stored user, refreshing the bundle, sending the outbox, clearing on logout.
import { ApiError, apiRequest, setCsrfToken } from "../../api/client.js";
import type { SessionUser } from "../auth/session.js";
import { type Bundle, offlineDb, type OutboxItem } from "./offline-db.js";
import { readOffline } from "./offline-read.js";
import { writeOffline } from "./offline-write.js";
import { type BundleMeta, clearOffline, saveBundle, storedUser } from "./offline-store.js";
import { SyncError, type SyncResult, syncOutbox } from "./outbox-sync.js";

/** What the API client hands over when the server cannot be reached. */
export async function answerOffline(request: { method: string; path: string; version: number | undefined; body: unknown }): Promise<unknown> {
  const db = offlineDb();
  if (request.method === "GET") return readOffline(db, request.path, new Date());
  const user = await storedUser(db);
  // Nothing of this user on the device: nothing to queue against.
  if (!user) return undefined;
  const answer = await writeOffline(db, request, user.id, new Date());
  if (answer !== undefined) window.dispatchEvent(new Event(OUTBOX_CHANGED));
  return answer;
}

/** Fired on window whenever the outbox changes, for the indicator. */
export const OUTBOX_CHANGED = "koers:outbox";

export function offlineUser(): Promise<SessionUser | null> {
  return storedUser(offlineDb());
}

/** A different user logged in on this device: nothing of the previous one stays (docs/architecture.md). */
export async function forgetOtherUser(userId: number): Promise<void> {
  const stored = await storedUser(offlineDb());
  if (stored && stored.id !== userId) await clearDevice();
}

export async function clearDevice(): Promise<void> {
  await clearOffline(offlineDb());
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
}

export async function refreshBundle(user: SessionUser): Promise<BundleMeta> {
  const bundle = await apiRequest<Bundle>("/api/offline/bundle", { offline: false });
  return saveBundle(offlineDb(), user, bundle, new Date());
}

const asSyncError = (error: unknown) => (error instanceof ApiError ? new SyncError(error.status, error.detail) : error);

/** Where the record of an item is read (a report's record is its sheet). */
const recordPath = (item: OutboxItem) => item.path.replace(/\/report$/, "");

export async function syncNow(): Promise<SyncResult> {
  const db = offlineDb();
  if ((await db.outbox.count()) === 0) return { sent: 0, conflicts: 0, failed: 0, interrupted: false };
  // The CSRF token of this session (the page may have opened offline, without one).
  try {
    const session = await apiRequest<{ csrfToken: string | null; user: { id: number } }>("/api/session", { offline: false });
    // Changes are sent only in the session of the rep who made them: another user's session never
    // sends (or authors) them.
    if ((await storedUser(db))?.id !== session.user.id) return { sent: 0, conflicts: 0, failed: 0, interrupted: true };
    setCsrfToken(session.csrfToken);
  } catch {
    return { sent: 0, conflicts: 0, failed: 0, interrupted: true };
  }
  const result = await syncOutbox(db, {
    send: (item) => apiRequest(item.path, { method: item.method, body: item.body, version: item.baseVersion ?? undefined, offline: false }).catch((e) => Promise.reject(asSyncError(e))),
    current: async (item) => {
      const record = await apiRequest<{ version: number }>(recordPath(item), { offline: false }).catch((e) => Promise.reject(asSyncError(e)));
      return { version: record.version, record };
    },
  });
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
  return result;
}

/** How many changes wait in the outbox (logging out asks first when there are any). */
export function pendingCount(): Promise<number> {
  return offlineDb().outbox.count();
}
