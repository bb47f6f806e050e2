// An open-loop load generator: requests leave on a fixed schedule, one every 1/rate seconds, whatever
// the answers' speed, and each latency is counted from the moment its request was due — not from when
// a free connection sent it. So a server that falls behind shows its queue in the percentiles instead
// of slowing the generator down (coordinated omission, Gil Tene).
//
// Why not autocannon's `overallRate`: it gives each connection a quota per second and a one-second
// timer that resets it, so every connection sends its whole quota at the start of each second. At 25
// req/s that is 25 requests arriving together once a second: the last waits for the 24 before it, and
// p99 measured ~25 × (one request's time). That is a burst test, not a rate (see docs/performance.md).
import { Agent, request } from "node:http";
import * as hdr from "hdr-histogram-js";

export interface LoadRequest {
  /** What the request is, for the per-kind latencies (the mix entry's name). */
  name: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  /** Requests per second, spread evenly. */
  rate: number;
  seconds: number;
  /** Keep-alive connections the agent may open; requests due while all are busy wait (and that counts). */
  connections: number;
  /** An answer slower than this counts as a timeout, ms. */
  timeoutMs: number;
}

export interface OpenLoopResult {
  /** Requests due in the step (rate × seconds). */
  due: number;
  /** Answers received (any status), including those that came in after the step's last request was due. */
  answered: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Latency from the moment each request was due to its last byte, ms (all answers, any status). */
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  maxMs: number;
  /** A few of the non-2xx answers and errors, to say why a step failed. */
  samples: string[];
  /** p50 and p99 per kind of request, ms: which part of the mix is slow under load. */
  byName: { name: string; answered: number; p50Ms: number; p99Ms: number }[];
}

/** Runs one step: `rate × seconds` requests from `next`, due at even intervals; resolves when all are answered or timed out. */
export async function openLoop(base: string, next: () => LoadRequest, o: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  // Microseconds, up to a minute, 3 significant digits.
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const due = Math.round(o.rate * o.seconds);
  const intervalMs = 1000 / o.rate;
  const result = { due, answered: 0, non2xx: 0, errors: 0, timeouts: 0, samples: [] as string[] };
  const sample = (s: string) => {
    if (result.samples.length < 5) result.samples.push(s);
  };
  const pending = new Set<Promise<void>>();
  const perName = new Map<string, ReturnType<typeof hdr.build>>();
  const record = (name: string, us: number) => {
    histogram.recordValue(us);
    let h = perName.get(name);
    if (!h) {
      h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 2 });
      perName.set(name, h);
    }
    h.recordValue(us);
  };

  const send = (r: LoadRequest, dueAt: number) => {
    const done = new Promise<void>((resolve) => {
      const req = request(
        { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.body === undefined ? r.headers : { ...r.headers, "content-length": Buffer.byteLength(r.body) }, agent, timeout: o.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          res.on("data", (c: Buffer) => {
            if (!ok) chunks.push(c);
          });
          res.on("end", () => {
            record(r.name, Math.max(1, Math.round((performance.now() - dueAt) * 1000)));
            result.answered += 1;
            if (!ok) {
              result.non2xx += 1;
              sample(`${r.method} ${r.path} → ${res.statusCode} ${Buffer.concat(chunks).toString("utf8").slice(0, 200)}`);
            }
            resolve();
          });
          res.on("error", (e) => {
            result.errors += 1;
            sample(`${r.method} ${r.path} → ${e.message}`);
            resolve();
          });
        },
      );
      req.on("timeout", () => {
        result.timeouts += 1;
        sample(`${r.method} ${r.path} → no answer within ${o.timeoutMs} ms`);
        req.destroy(new Error("timeout"));
      });
      req.on("error", (e) => {
        if (e.message !== "timeout") {
          result.errors += 1;
          sample(`${r.method} ${r.path} → ${e.message}`);
        }
        resolve();
      });
      req.end(r.body);
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };

  // A 1 ms ticker sends every request whose time has come (timers are not exact; a late tick sends the
  // ones it missed at once, and their latency still counts from when they were due).
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < due && start + sent * intervalMs <= now) {
        send(next(), start + sent * intervalMs);
        sent += 1;
      }
      if (sent >= due) resolve();
      else setTimeout(tick, Math.max(0, Math.min(intervalMs, start + sent * intervalMs - now)));
    };
    tick();
  });
  while (pending.size > 0) await Promise.all([...pending]);
  agent.destroy();
  const ms = (us: number) => Math.round(us / 100) / 10;
  const out: OpenLoopResult = {
    ...result,
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p97_5Ms: ms(histogram.getValueAtPercentile(97.5)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    maxMs: ms(histogram.maxValue),
    byName: [...perName].map(([name, h]) => ({ name, answered: h.totalCount, p50Ms: ms(h.getValueAtPercentile(50)), p99Ms: ms(h.getValueAtPercentile(99)) })),
  };
  histogram.destroy();
  for (const h of perName.values()) h.destroy();
  return out;
}
