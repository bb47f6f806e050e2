// Timing helpers: run a request repeatedly and summarise it as p50 / p95 / max in milliseconds.
import type { Timing } from "./plugin.js";

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Warms up, then times `runs` calls of `once(i)` (i lets a case rotate through its inputs, e.g.
 * different search prefixes). `once` returns the number of rows the answer held.
 */
export async function measure(name: string, request: string, runs: number, once: (i: number) => Promise<number>, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await once(i);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    rows = await once(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { name, request, runs, p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), maxMs: round(samples.at(-1) as number), rows };
}

/** A plain-text table with right-aligned numbers. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === "number" ? c.toLocaleString("en", { maximumFractionDigits: 2 }) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  const line = (r: (string | number)[]) =>
    r.map((c, i) => (typeof rows[0]?.[i] === "number" ? String(c).padStart(widths[i] as number) : String(c).padEnd(widths[i] as number))).join("  ");
  return [line(cells[0] as string[]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
