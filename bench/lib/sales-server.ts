// The Koers server of the sales benchmark, in a child process of its own so that the benchmark can
// read this process's resident memory while the import runs in its worker threads. It is the real
// thing: buildApp on the benchmark's database, listening on a port, with a job runner. The parent
// talks to it over HTTP (health, import state, commit, reports) and over the IPC channel for what
// HTTP has no route for: starting an import of a file on this machine (as `koers import sales`
// does) and the event-loop delay this process measured.
//
//   parent → { type: "import", path, email }      child → { type: "import", id } | { type: "error", message }
//   parent → { type: "loop", reset: boolean }     child → { type: "loop", …histogram in ms }
//   child → { type: "ready", port } once it listens
import { basename } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/kysely.js";
import { pathSource } from "../../src/features/imports/import-source.js";
import { JobRunner } from "../../src/features/jobs/job-runner.js";
import { startSalesImport } from "../../src/features/sales/sales-import.service.js";
import { findUserByEmail } from "../../src/features/users/user.repository.js";
import { toAuthUser } from "../../src/features/users/user.service.js";
import { buildApp } from "../../src/server/app.js";
import { JOB_KINDS } from "../../src/server/job-kinds.js";

export interface LoopDelay {
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

const send = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
  const databaseUrl = process.env.KOERS_BENCH_DATABASE_URL;
  const clockStart = Date.parse(process.env.KOERS_BENCH_NOW ?? "");
  if (!databaseUrl || Number.isNaN(clockStart)) throw new Error("KOERS_BENCH_DATABASE_URL and KOERS_BENCH_NOW are required");
  const config = loadConfig({ DATABASE_URL: databaseUrl, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
  const handle = openDatabase(config.database);
  // The benchmark's clock starts at KOERS_BENCH_NOW and runs: job rows get real durations.
  const startedAt = Date.now();
  const now = () => new Date(clockStart + (Date.now() - startedAt));
  const base = { db: handle.db, engine: handle.engine, config, now };
  // The runner buildApp would make (default poll and heartbeat), made here to start the import on it.
  const jobs = new JobRunner(base, { kinds: JOB_KINDS, threads: config.jobThreads });
  // No daily schedule: the benchmark's clock must not start maintenance jobs of its own.
  const app = await buildApp({ ...base, jobs }, { schedule: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  process.on("message", (raw) => {
    const message = raw as { type: string; path?: string; email?: string; reset?: boolean };
    if (message.type === "loop") {
      const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
      const delay: LoopDelay = { minMs: ms(loop.min), meanMs: ms(loop.mean), p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max), samples: loop.count };
      if (message.reset) loop.reset();
      send({ type: "loop", ...delay });
      return;
    }
    if (message.type === "import") {
      void (async () => {
        const user = await findUserByEmail(handle.db, message.email as string);
        if (!user) throw new Error(`no user ${message.email}`);
        const viewer = await toAuthUser(handle.db, user);
        const path = message.path as string;
        const started = await startSalesImport(handle.db, jobs, viewer, { fileName: basename(path), fileId: null, path, source: pathSource(path), createMissing: true }, now());
        send({ type: "import", id: started.id, status: started.status, mapping: started.mapping });
      })().catch((error: unknown) => send({ type: "error", message: error instanceof Error ? error.stack : String(error) }));
    }
  });

  const stop = async () => {
    loop.disable();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("disconnect", () => void stop());
  send({ type: "ready", port: (app.server.address() as { port: number }).port });
}

main().catch((error: unknown) => {
  send({ type: "error", message: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
