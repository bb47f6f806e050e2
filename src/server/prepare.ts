// What happens before serving or running a command: schema up to date, reference data loaded, and
// on a first start (no users yet) the demo company when demo mode is on.
import type { DatabaseHandle } from "../db/kysely.js";
import { migrateToLatest } from "../db/migrate.js";
import { type DemoLogin, type DemoSummary, demoLogins, seedDemo } from "../features/demo/demo.service.js";
import { ensureReferenceData } from "../features/reference/reference-data.js";
import { type SalesLinesDemoSummary, seedSalesLinesDemo } from "../features/demo/sales-lines-demo.js";
import type { Config } from "../config.js";

export interface Prepared {
  migrations: string[];
  demo: (DemoSummary & { salesLines: SalesLinesDemoSummary }) | null;
  /** In demo mode: the demo users present, printed on every start so anyone can log in. */
  demoLogins: DemoLogin[];
}

export async function prepareDatabase(handle: DatabaseHandle, options: { demo: boolean; now: Date; config: Config }): Promise<Prepared> {
  const migrations = await migrateToLatest(handle.db);
  await ensureReferenceData(handle.db);
  let demo: Prepared["demo"] = null;
  if (options.demo) {
    const anyUser = await handle.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    const anyRelation = await handle.db.selectFrom("relations").select("id").limit(1).executeTakeFirst();
    if (!anyUser && !anyRelation) {
      const company = await seedDemo(handle.db, { relations: 2000, seed: 1 }, options.now);
      demo = { ...company, salesLines: await seedSalesLinesDemo(handle, options.config, { seed: 1, now: options.now }) };
    }
  }
  return { migrations, demo, demoLogins: options.demo ? await demoLogins(handle.db) : [] };
}
