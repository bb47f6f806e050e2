// A real Koers server on a real database for integration tests, driven with app.inject().
import type { KyselyPlugin } from "kysely";
import type { Engine } from "../db/kysely.js";
import { loadConfig } from "../config.js";
import type { Role } from "../domain/roles.js";
import { createApiToken } from "../features/auth/session.service.js";
import { addUser } from "../features/users/user.service.js";
import { JobRunner, type JobKinds } from "../features/jobs/job-runner.js";
import { buildApp } from "../server/app.js";
import { JOB_KINDS } from "../server/job-kinds.js";
import type { App, AppContext } from "../server/context.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export interface TestApp {
  app: App;
  ctx: AppContext;
  database: TestDatabase;
  /** Moves the clock used by the server (starts at 2026-11-27 09:00 Amsterdam). */
  setNow(date: Date): void;
  /** Creates a user with `role` and returns headers that authenticate as them (API token). */
  userWithRole(role: Role, extra?: { profitResponsible?: boolean; rayonNames?: string[]; name?: string; homePostcode?: string; homeCity?: string }): Promise<{ id: number; email: string; headers: Record<string, string> }>;
  close(): Promise<void>;
  /**
   * The SQL statements the server's request handlers send while `work` runs (the job runner keeps
   * its own handle, so its polling is not counted): for tests that a use case costs the same number
   * of queries however many rows it touches.
   */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
}

let counter = 0;

export interface TestAppOptions {
  /** Job kinds beside Koers' own (test handlers). */
  jobKinds?: JobKinds;
  /** Settings beside the test database's (KOERS_SMTP_HOST, …). */
  env?: Record<string, string>;
}

export async function startTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  let now = new Date("2026-11-27T08:00:00.000Z");
  const config = loadConfig({ ...options.env, DATABASE_URL: database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
  const base = { db: database.handle.db, engine, config, now: () => now };
  // Polls fast: a test waits for its jobs.
  const jobs = new JobRunner(base, { kinds: { ...JOB_KINDS, ...options.jobKinds }, threads: 1, pollMs: 100, heartbeatMs: 500 });
  // The app's handle counts statements while a test asks it to (transactions inherit the plugin).
  const state: { counting: { queries: number } | null } = { counting: null };
  const statementCounter: KyselyPlugin = {
    transformQuery: (args) => {
      if (state.counting) state.counting.queries += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const ctx: AppContext = { ...base, db: database.handle.db.withPlugin(statementCounter), jobs };
  const app = await buildApp(ctx, { schedule: false });
  return {
    app,
    ctx,
    database,
    setNow: (date) => {
      now = date;
    },
    userWithRole: async (role, extra = {}) => {
      counter += 1;
      const email = `${role.replace("_", "-")}-${counter}@test.koers`;
      const { id } = await addUser(
        database.handle.db,
        { email, name: extra.name ?? `${role} ${counter}`, role, password: "correct horse battery", profitResponsible: extra.profitResponsible ?? false, rayonNames: extra.rayonNames ?? [], homePostcode: extra.homePostcode, homeCity: extra.homeCity },
        now,
      );
      const token = await createApiToken(database.handle.db, id, "test", now);
      return { id, email, headers: { authorization: `Bearer ${token}` } };
    },
    countQueries: async (work) => {
      const tally = { queries: 0 };
      state.counting = tally;
      try {
        const result = await work();
        return { result, queries: tally.queries };
      } finally {
        state.counting = null;
      }
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
