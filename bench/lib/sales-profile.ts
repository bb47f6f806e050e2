// Profiling aid for the sales import (not part of `npm run bench`): runs the analysis and the commit
// job of one generated file on the main thread of this process (the same handlers the worker
// threads run), so `node --cpu-prof` sees all of it. Run from a build (see sales-build.ts):
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof <build>/bench/lib/sales-profile.js sqlite /tmp/sales-1000000.csv 1000000
import { loadavg } from "node:os";
import { basename } from "node:path";
import { loadConfig } from "../../src/config.js";
import type { Engine } from "../../src/db/kysely.js";
import { pathSource } from "../../src/features/imports/import-source.js";
import { JobRunner } from "../../src/features/jobs/job-runner.js";
import runJobTask from "../../src/features/jobs/job-worker.js";
import { findJobRow } from "../../src/features/jobs/job.repository.js";
import { commitSalesImport, startSalesImport } from "../../src/features/sales/sales-import.service.js";
import { findUserByEmail } from "../../src/features/users/user.repository.js";
import { toAuthUser } from "../../src/features/users/user.service.js";
import { JOB_KINDS } from "../../src/server/job-kinds.js";
import { createBenchDatabase } from "./database.js";
import { DEFAULT_SHAPE, masterData } from "./sales-generator.js";
import { ADMIN, loadMasterData } from "./sales-setup.js";

const [engine, path, lines] = process.argv.slice(2) as [Engine, string, string];
const NOW = new Date("2025-12-31T08:00:00.000Z");
const shape = { ...DEFAULT_SHAPE, lines: Number(lines) };
const database = await createBenchDatabase(engine, `sales_profile_${lines}`);
try {
  await loadMasterData(database.handle, shape, masterData(shape), NOW);
  const config = loadConfig({ DATABASE_URL: database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
  const db = database.handle.db;
  const jobs = new JobRunner({ db, engine, config, now: () => new Date() }, { kinds: JOB_KINDS, threads: 1 });
  const viewer = await toAuthUser(db, (await findUserByEmail(db, ADMIN.email))!);
  const run = async (jobId: number) => {
    const rssAtStart = process.memoryUsage.rss();
    const row = (await findJobRow(db, jobId))!;
    const kind = JOB_KINDS[row.kind]!;
    const started = performance.now();
    const cpu = process.cpuUsage();
    // Peak resident memory of this process during the job, sampled every 50 ms (the job yields often).
    let peak = process.memoryUsage.rss();
    let atPeak = process.memoryUsage();
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss > peak) {
        peak = rss;
        // What the resident memory is made of at its peak: V8's heap (used of total), buffers outside it.
        atPeak = process.memoryUsage();
      }
    }, 50);
    const outcome = await runJobTask({
      jobId, kind: row.kind, module: kind.module, exportName: kind.exportName, params: JSON.parse(row.params).input, viewer, checkpoint: null, attempt: 1,
      worker: "profile", config, startedAtMs: NOW.getTime(), cancelFlag: new SharedArrayBuffer(4),
    });
    // CPU seconds beside wall seconds: on a shared machine the CPU time of this process compares runs better.
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    const mb = (n: number) => Math.round(n / 2 ** 20);
    console.log(row.kind, ((performance.now() - started) / 1000).toFixed(1), "s,", ((used.user + used.system) / 1e6).toFixed(1), "s of CPU, peak RSS", mb(peak), "MB (at the start", mb(rssAtStart), "MB; heap", mb(atPeak.heapUsed), "of", mb(atPeak.heapTotal), "MB, array buffers", mb(atPeak.arrayBuffers), "MB, external", mb(atPeak.external), "MB), load", loadavg()[0]?.toFixed(1), JSON.stringify(outcome).slice(0, 300));
  };
  const started = await startSalesImport(db, jobs, viewer, { fileName: basename(path), fileId: null, path, source: pathSource(path), createMissing: true }, NOW);
  await db.updateTable("jobs").set({ state: "running", worker: "profile" }).where("id", "=", started.analysisJob!.id).execute();
  await run(started.analysisJob!.id);
  // KOERS_PROFILE_ONLY=analyse stops after the analysis (its memory and CPU alone).
  if (process.env.KOERS_PROFILE_ONLY !== "analyse") {
    const committing = await commitSalesImport(db, jobs, viewer, started.id);
    await db.updateTable("jobs").set({ state: "running", worker: "profile" }).where("id", "=", committing.commitJob!.id).execute();
    await run(committing.commitJob!.id);
  }
} finally {
  // KOERS_BENCH_KEEP=1 leaves the database for a look at its plans.
  const keep = process.env.KOERS_BENCH_KEEP === "1";
  if (keep) console.log(`kept: ${database.url}`);
  await database.close(keep);
}
