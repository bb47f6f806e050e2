// The periodic jobs (hourly news, daily sales work, the IMAP poll) share one shape: every so often an
// instance looks whether a run is due and queues one. Whichever instance looks first queues it; two
// queueing at the same moment only repeat idempotent work.
import type { Db } from "../../db/kysely.js";

/**
 * Whether a job of `kind` was queued at or after `since` (an ISO instant), or — with `orOpen` — is
 * still queued or running whenever it was queued (a long run is never joined by a second).
 */
export async function jobQueuedSince(db: Db, kind: string, since: string | null, orOpen: boolean): Promise<boolean> {
  const found = await db
    .selectFrom("jobs")
    .select("id")
    .where("kind", "=", kind)
    .where((eb) => {
      const recent = since === null ? [] : [eb("created_at", ">=", since)];
      const open = orOpen ? [eb("state", "in", ["queued", "running"])] : [];
      return eb.or([...recent, ...open]);
    })
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/** Runs `check` now and every `everyMs` milliseconds (a failed look waits for the next); returns the stop. */
export function repeatEvery(everyMs: number, check: () => Promise<unknown>): () => void {
  const run = () => void check().catch(() => {});
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
