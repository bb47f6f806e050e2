// A Koers process for the sales crash test: claims one queued job with Koers' own job kinds and
// runs it in a worker thread until it is killed (or done). Usage: tsx sales-crash-child.ts DATABASE_URL JOB_ID
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/kysely.js";
import { JobRunner } from "../features/jobs/job-runner.js";
import { JOB_KINDS } from "../server/job-kinds.js";

const [url, id] = process.argv.slice(2);
const config = loadConfig({ DATABASE_URL: url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
const handle = openDatabase(config.database);
const runner = new JobRunner({ db: handle.db, engine: handle.engine, config, now: () => new Date() }, { kinds: JOB_KINDS, threads: 1, heartbeatMs: 200 });
await runner.runHere(Number(id));
await runner.stop();
await handle.close();
