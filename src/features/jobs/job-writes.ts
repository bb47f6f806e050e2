// The job runner's own writes (claims, heartbeats, requeues, end states) without holding the event
// loop. better-sqlite3 is synchronous: a write that finds SQLite's write lock taken (a job's batch in
// a worker thread) waits in SQLite's busy handler, and the whole server's event loop with it — for
// seconds under load. So on SQLite the runner writes through a connection of its own with a busy
// timeout of 0: a taken lock fails at once (SQLITE_BUSY), and the write is tried again a few
// milliseconds later from a timer, while the event loop serves requests. On PostgreSQL (row locks,
// asynchronous driver) the writes go through the server's pool as they are.
import type { DatabaseConfig } from "../../config.js";
import { type Db, type DatabaseHandle, type Engine, openDatabase } from "../../db/kysely.js";

/** Waits between tries (ms); a bulk job leaves the lock free about 20 ms between its transactions. */
const RETRY_MS = [1, 2, 4, 8, 12, 16, 20, 25];

export interface RunnerWrites {
  /** Runs `work` on the writing connection; a busy SQLite database is tried again for up to `patienceMs`. */
  run<T>(work: (db: Db) => Promise<T>, patienceMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export function runnerWrites(deps: { db: Db; engine: Engine; database: DatabaseConfig }): RunnerWrites {
  const config = deps.database;
  if (deps.engine !== "sqlite" || config.engine !== "sqlite" || config.file === ":memory:") {
    return { run: (work) => work(deps.db), close: async () => {} };
  }
  let handle: DatabaseHandle | null = null;
  const connection = () => {
    if (!handle) {
      handle = openDatabase(config);
      handle.sqlite?.pragma("busy_timeout = 0");
    }
    return handle.db;
  };
  return {
    async run(work, patienceMs = 60_000) {
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        try {
          return await work(connection());
        } catch (error) {
          if (!isBusy(error) || performance.now() - started > patienceMs) throw error;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
        }
      }
    },
    async close() {
      const open = handle;
      handle = null;
      await open?.close();
    },
  };
}
