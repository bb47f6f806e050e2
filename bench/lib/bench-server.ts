// The Koers server of a benchmark as a child process (bench/lib/sales-server.ts, built by
// sales-build.ts), and the HTTP session a benchmark talks to it with. A child of its own, so that the
// benchmark's own work (load generation, sampling) does not share the server's event loop, and its
// resident memory can be read from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const SERVER_SCRIPT = "bench/lib/sales-server.ts";

export interface BenchServer {
  child: ChildProcess;
  port: number;
  /** Sends `message` over IPC (none when null) and resolves with the first reply of type `reply`. */
  ask: <T>(message: unknown, reply: string) => Promise<T>;
  stop(): Promise<void>;
}

/** Starts the built server on `databaseUrl` with its clock at `now`; resolves once it listens. */
export function startBenchServer(buildDir: string, databaseUrl: string, now: string): Promise<BenchServer> {
  const script = join(buildDir, SERVER_SCRIPT.replace(/\.ts$/, ".js"));
  const profile = process.env.KOERS_BENCH_CPU_PROF;
  const args = [...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []), script];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, KOERS_BENCH_DATABASE_URL: databaseUrl, KOERS_BENCH_NOW: now } });
  const ask = <T>(message: unknown, reply: string) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        child.off("message", on);
        child.off("exit", exited);
      };
      const on = (m: { type: string; message?: string }) => {
        if (m.type === reply) {
          done();
          resolve(m as T);
        } else if (m.type === "error") {
          done();
          reject(new Error(m.message));
        }
      };
      const exited = (code: number | null, signal: string | null) => {
        done();
        reject(new Error(`the server exited (${signal ?? code}) while waiting for "${reply}"`));
      };
      child.on("message", on);
      child.on("exit", exited);
      if (message !== null) child.send(message as object);
    });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  return ask<{ port: number }>(null, "ready").then(({ port }) => ({ child, port, ask, stop }));
}

/**
 * CPU milliseconds the process has used so far (user + system, all its threads: the event loop and
 * the job workers), from /proc; null where there is no /proc. Unlike wall time, it does not grow when
 * other work shares the machine.
 */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Logs in with e-mail and password; the headers a request of that session needs (cookie, CSRF token). */
export async function benchLogin(base: string, credentials: { email: string; password: string }): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(credentials) });
  if (!res.ok) throw new Error(`login ${credentials.email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

export type ImportDto = { status: string; analysisJob: JobDto | null; commitJob: JobDto | null; analysis: unknown };
export type JobDto = { id: number; state: string; startedAt: string | null; finishedAt: string | null; error: unknown; result: unknown };

/** Polls a sales import every 100 ms until `until` holds; throws when it failed or was refused. */
export async function waitForImport(base: string, headers: Record<string, string>, id: number, until: (dto: ImportDto) => boolean): Promise<ImportDto> {
  for (;;) {
    const res = await fetch(`${base}/api/sales/imports/${id}`, { headers });
    const dto = (await res.json()) as ImportDto;
    if (until(dto)) return dto;
    if (dto.status === "failed" || dto.status === "invalid") throw new Error(`import ${id}: ${JSON.stringify(dto).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Imports a sales CSV on this machine through the server (as `koers import sales --create-missing` does): analysis, commit. */
export async function importSalesFile(server: BenchServer, base: string, headers: Record<string, string>, path: string, email: string): Promise<{ analysed: ImportDto; committed: ImportDto; analysedAtMs: number }> {
  const started = performance.now();
  const { id } = await server.ask<{ id: number }>({ type: "import", path, email }, "import");
  const analysed = await waitForImport(base, headers, id, (d) => d.status === "analysed" && d.analysisJob?.state === "succeeded");
  const analysedAtMs = performance.now() - started;
  const commit = await fetch(`${base}/api/sales/imports/${id}/commit`, { method: "POST", headers });
  if (commit.status !== 202) throw new Error(`commit: ${commit.status} ${await commit.text()}`);
  // The import row says committed just before its job row says how the job ended.
  const committed = await waitForImport(base, headers, id, (d) => d.commitJob?.state === "succeeded" || d.commitJob?.state === "failed");
  if (committed.commitJob?.state !== "succeeded") throw new Error(`commit failed: ${JSON.stringify(committed.commitJob?.error)}`);
  return { analysed, committed, analysedAtMs };
}
