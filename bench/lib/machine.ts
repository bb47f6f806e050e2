// The machine a result was measured on: timings only compare within one machine (and one load).
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import type { MachineInfo } from "./plugin.js";

export async function machineInfo(versions: { sqlite?: string; postgres?: string } = {}): Promise<MachineInfo> {
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    ...versions,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
