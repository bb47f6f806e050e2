// What happens before serving or running a command: schema up to date, reference data loaded, and
// on a first start (no users yet) the demo company when demo mode is on.
import type { DatabaseHandle } from "../db/kysely.js";
import { migrateToLatest } from "../db/migrate.js";
import { type DemoLogin, type DemoSummary, demoLogins, seedDemo } from "../features/demo/demo.service.js";
import { ensureReferenceData } from "../features/reference/reference-data.js";

export interface Prepared {
  migrations: string[];
  demo: DemoSummary | null;
  /** In demo mode: the demo users present, printed on every start so anyone can log in. */
  demoLogins: DemoLogin[];
}

export async function prepareDatabase(handle: DatabaseHandle, options: { demo: boolean; now: Date }): Promise<Prepared> {
  const migrations = await migrateToLatest(handle.db);
  await ensureReferenceData(handle.db);
  let demo: DemoSummary | null = null;
  if (options.demo) {
    const anyUser = await handle.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    const anyRelation = await handle.db.selectFrom("relations").select("id").limit(1).executeTakeFirst();
    if (!anyUser && !anyRelation) demo = await seedDemo(handle.db, { relations: 2000, seed: 1 }, options.now);
  }
  return { migrations, demo, demoLogins: options.demo ? await demoLogins(handle.db) : [] };
}
