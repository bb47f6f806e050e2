// A second Koers process for the crash test: runs one job on the given database until it is killed.
// Usage: tsx job-crash-child.ts DATABASE_URL JOB_ID
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/kysely.js";
import { JobRunner } from "../features/jobs/job-runner.js";
import { TEST_JOB_KINDS } from "./job-test-kinds.js";

const [url, id] = process.argv.slice(2);
const config = loadConfig({ DATABASE_URL: url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
const handle = openDatabase(config.database);
const runner = new JobRunner({ db: handle.db, engine: handle.engine, config, now: () => new Date("2026-11-27T08:00:00.000Z") }, { kinds: TEST_JOB_KINDS, threads: 1, heartbeatMs: 200 });
console.log("claiming");
await runner.runHere(Number(id));
console.log("finished");
