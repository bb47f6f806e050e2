// Sampling while the sales import runs: the server child's resident memory (from /proc) and the
// latency of GET /api/health every 50 ms, as a client sees it (a blocked event loop shows here).
import { readFileSync } from "node:fs";
import { percentile } from "./stats.js";

export interface MemorySample {
  atMs: number;
  rssMb: number;
}

const MB = 1024 * 1024;

/** VmRSS and VmHWM (peak resident set) of a process, in MB; null once it is gone. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMb: Math.round((kb("VmRSS") * 1024 * 10) / MB) / 10, peakMb: Math.round((kb("VmHWM") * 1024 * 10) / MB) / 10 };
  } catch {
    return null;
  }
}

export function sampleMemory(pid: number, everyMs = 100) {
  const started = performance.now();
  const samples: MemorySample[] = [];
  const timer = setInterval(() => {
    const m = processMemory(pid);
    if (m) samples.push({ atMs: Math.round(performance.now() - started), rssMb: m.rssMb });
  }, everyMs);
  return {
    samples,
    /** Highest sampled RSS between two moments (ms since the start of sampling). */
    peakBetween: (fromMs: number, toMs: number) => samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs).reduce((max, s) => Math.max(max, s.rssMb), 0),
    stop: () => clearInterval(timer),
  };
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests that took 100 ms or more. */
  over100Ms: number;
  failures: number;
  /** The slowest requests: when they started (ms after sampling began) and how long they took. */
  slowest: { atMs: number; ms: number }[];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** GET `url` every `everyMs` (one request at a time; a slow answer delays the next). */
export function sampleLatency(url: string, everyMs = 50) {
  const times: number[] = [];
  const at: number[] = [];
  let failures = 0;
  let running = true;
  const begin = performance.now();
  const done = (async () => {
    while (running) {
      const started = performance.now();
      at.push(started - begin);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      } catch {
        failures += 1;
      }
      const took = performance.now() - started;
      times.push(took);
      if (took < everyMs) await new Promise((r) => setTimeout(r, everyMs - took));
    }
  })();
  return {
    async stop(): Promise<LatencySummary> {
      running = false;
      await done;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        samples: sorted.length,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted.at(-1) ?? Number.NaN),
        over100Ms: sorted.filter((t) => t >= 100).length,
        failures,
        slowest: times
          .map((ms, i) => ({ atMs: Math.round(at[i] as number), ms: round(ms) }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 10),
      };
    },
  };
}
