// Opens the configured database for one CLI command and closes it afterwards.
import { loadConfig, readEnvironment, type Config } from "../config.js";
import { type DatabaseHandle, openDatabase } from "../db/kysely.js";
import { migrateToLatest } from "../db/migrate.js";
import { ensureReferenceData } from "../features/reference/reference-data.js";

export async function withDatabase<T>(work: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(readEnvironment());
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    await ensureReferenceData(handle.db);
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}
