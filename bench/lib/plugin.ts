// What a benchmark plugs into `npm run bench`: a name, a description and a run over the engines and
// sizes asked for, returning results that run.ts prints and writes to bench/results/.
import type { Engine } from "../../src/db/kysely.js";

export interface BenchOptions {
  engines: Engine[];
  /** Data sizes to measure at (for the relations benchmark: relations). */
  sizes: number[];
  /** Timed requests per measured query, after the warm-up. */
  runs: number;
  /** Keep the benchmark databases afterwards (their location is printed). */
  keep: boolean;
}

export interface Timing {
  name: string;
  /** What was asked, e.g. the URL of the request. */
  request: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Rows in the (last) answer. */
  rows: number;
}

export interface BenchResult {
  bench: string;
  engine: Engine;
  size: number;
  date: string;
  machine: MachineInfo;
  load?: { seconds: number; relationsPerSecond: number; rowsPerSecond: number; rows: number; databaseBytes: number };
  timings: Timing[];
  notes?: string[];
}

export interface MachineInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  sqlite?: string;
  postgres?: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}
