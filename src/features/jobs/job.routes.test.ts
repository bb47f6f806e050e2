import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/kysely.js";
import { PROJECT_ROOT } from "../../server/paths.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { TEST_JOB_KINDS } from "../../test-support/job-test-kinds.js";
import { waitForJob } from "../../test-support/jobs.js";
import { JobRunner } from "./job-runner.js";

type User = { id: number; headers: Record<string, string> };

describe.each(ENGINES)("background jobs on %s", (engine) => {
  let t: TestApp;
  let rep: User;

  beforeAll(async () => {
    t = await startTestApp(engine, { jobKinds: TEST_JOB_KINDS });
    rep = await t.userWithRole("field_sales");
  });
  afterAll(async () => t?.close());

  const enqueue = async (kind: string, params: unknown, user: User = rep) => {
    const viewer = { id: user.id, role: "field_sales" as const, profitResponsible: false, rayonIds: [] };
    return (await t.ctx.jobs.enqueue(kind, params, viewer)).id;
  };
  const probes = async (jobId: number) =>
    (await t.ctx.db.selectFrom("app_settings").select("key").where("key", "like", `probe:${jobId}:%`).execute()).map((r) => r.key).sort();

  it("runs a job in a worker thread and shows its progress and result to its owner only", async () => {
    const id = await enqueue("test.batches", { batches: 3, sleepMs: 0 });
    const job = await waitForJob(t.app, rep.headers, id);
    expect(job).toMatchObject({ state: "succeeded", result: { batches: 3, probes: 3, attempt: 1 }, progress: { done: 3, total: 3 } });
    const other = await t.userWithRole("field_sales");
    expect((await t.app.inject({ method: "GET", url: `/api/jobs/${id}`, headers: other.headers })).statusCode).toBe(404);
    const admin = await t.userWithRole("admin");
    expect((await t.app.inject({ method: "GET", url: `/api/jobs/${id}`, headers: admin.headers })).statusCode).toBe(200);
    const mine = (await t.app.inject({ method: "GET", url: "/api/jobs", headers: rep.headers })).json().items;
    expect(mine.map((j: { id: number }) => j.id)).toContain(id);
    expect((await t.app.inject({ method: "GET", url: "/api/jobs", headers: other.headers })).json().items).toEqual([]);
  });

  it("keeps answering requests while a job holds its thread", async () => {
    const id = await enqueue("test.busy", { ms: 2500 });
    // Wait until the job is running, then ask the server something.
    for (let i = 0; i < 200; i++) {
      const state = (await t.app.inject({ method: "GET", url: `/api/jobs/${id}`, headers: rep.headers })).json().state;
      if (state === "running") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const health = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
    // The answer came while the job was still busy: the work is not on the event loop.
    expect((await t.app.inject({ method: "GET", url: `/api/jobs/${id}`, headers: rep.headers })).json().state).toBe("running");
    expect((await waitForJob(t.app, rep.headers, id)).state).toBe("succeeded");
  });

  it("ends a job with the problem its handler reports", async () => {
    const job = await waitForJob(t.app, rep.headers, await enqueue("test.fail", {}));
    expect(job.state).toBe("failed");
    expect(job.error).toMatchObject({ code: "validation_failed", message: "Row 3 is wrong", fields: [{ field: "row 3, Bedrag" }] });
  });

  it("stops a cancelled job after its current batch and keeps the batches already committed", async () => {
    const id = await enqueue("test.batches", { batches: 50, sleepMs: 100 });
    for (let i = 0; i < 200 && (await probes(id)).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    const cancel = await t.app.inject({ method: "POST", url: `/api/jobs/${id}/cancel`, headers: rep.headers });
    expect(cancel.json().cancelRequested).toBe(true);
    const job = await waitForJob(t.app, rep.headers, id);
    expect(job.state).toBe("cancelled");
    const kept = (await probes(id)).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(50);
  });

  it("resumes a job whose process was killed from its last committed batch, with no batch twice", async () => {
    // Another process claims it (this app's runner is stopped first) and is killed with SIGKILL mid-job.
    await t.ctx.jobs.stop();
    const id = await enqueue("test.batches", { batches: 8, sleepMs: 150 });
    const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "src/test-support/job-crash-child.ts"), t.database.url, String(id)], {
      cwd: PROJECT_ROOT,
      stdio: "ignore",
    });
    try {
      for (let i = 0; i < 600 && (await probes(id)).length < 3; i++) await new Promise((r) => setTimeout(r, 25));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const afterKill = (await probes(id)).length;
      expect(afterKill).toBeGreaterThanOrEqual(3);
      expect(afterKill).toBeLessThan(8);
      expect((await t.app.inject({ method: "GET", url: `/api/jobs/${id}`, headers: rep.headers })).json().state).toBe("running");
      // A minute later its heartbeat is stale: this instance takes it over and finishes it.
      t.setNow(new Date("2026-11-27T08:01:00.000Z"));
      t.ctx.jobs.start();
      const job = await waitForJob(t.app, rep.headers, id);
      expect(job).toMatchObject({ state: "succeeded", result: { batches: 8, probes: 8, attempt: 2 } });
      expect(await probes(id)).toHaveLength(8);
    } finally {
      child.kill("SIGKILL");
      t.setNow(new Date("2026-11-27T08:00:00.000Z"));
    }
  });

  it.runIf(engine === "postgres")("runs every job exactly once when two instances share the queue", async () => {
    const config = loadConfig({ DATABASE_URL: t.database.url, KOERS_DEMO: "0", LOG_LEVEL: "silent" });
    const second = openDatabase(config.database);
    const other = new JobRunner({ db: second.db, engine: second.engine, config, now: t.ctx.now }, { kinds: TEST_JOB_KINDS, threads: 1, pollMs: 20 });
    try {
      const ids = [];
      for (let i = 0; i < 12; i++) ids.push(await enqueue("test.batches", { batches: 1, sleepMs: 30 }));
      other.start();
      const jobs = await Promise.all(ids.map((id) => waitForJob(t.app, rep.headers, id)));
      expect(jobs.every((j) => j.state === "succeeded")).toBe(true);
      // One probe per job (a second run would have failed on its key) and one attempt each.
      for (const id of ids) expect(await probes(id)).toEqual([`probe:${id}:0`]);
      const rows = await t.ctx.db.selectFrom("jobs").select(["attempts", "worker"]).where("id", "in", ids).execute();
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.worker)).size).toBe(2);
    } finally {
      await other.stop();
      await second.close();
    }
  });
});
