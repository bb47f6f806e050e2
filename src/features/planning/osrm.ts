// The OSRM table service behind the planner's TravelModel (planning/travel-model.ts): road durations
// and distances from a routing server the customer runs. Optional (setting KOERS_OSRM_URL), never
// required: without it, or when it fails, the planner uses the haversine model (travel.ts).
// Guarded like every outgoing call: a timeout per request, a cap on the answer's size, no
// redirects followed (a server that sends one is misconfigured or not OSRM), and matrices larger
// than the server's --max-table-size fetched in blocks.
import { checkPoints, type TravelMatrix, type TravelModel, TravelModelError, type TravelPoint } from "../../planning/travel-model.js";
import { getWithoutRedirects, readCappedText } from "../../server/capped-body.js";

export interface OsrmOptions {
  /** Base address of the server, e.g. http://osrm.local:5000 (http or https, no query). */
  baseUrl: string;
  /** OSRM profile in the path; "driving" for a car. */
  profile?: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  /** Coordinates per request at most: the server's --max-table-size (OSRM's default is 100). */
  maxTableSize?: number;
  /** Points per matrix at most (n² pairs come in (n / (maxTableSize / 2))² requests). */
  maxPoints?: number;
  /** Bytes of one answer at most. */
  maxResponseBytes?: number;
  /** Seconds to park and walk per visit (OSRM gives door-to-door driving only). */
  stopSeconds?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

export const OSRM_DEFAULTS = {
  profile: "driving",
  timeoutMs: 10_000,
  maxTableSize: 100,
  maxPoints: 2_000,
  maxResponseBytes: 16 * 1024 * 1024,
  stopSeconds: 240,
} as const;

/** Checks and normalises an OSRM base address; throws TravelModelError when it cannot be one. */
export function osrmBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TravelModelError("parameters_invalid", `the OSRM address "${raw}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TravelModelError("parameters_invalid", "the OSRM address must start with http:// or https://");
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new TravelModelError("parameters_invalid", "the OSRM address must not hold a query, fragment or credentials");
  }
  return url.href.replace(/\/+$/, "");
}

interface TableAnswer {
  code: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

/** A rows × cols table of non-negative finite numbers, or why not. */
function tableOf(value: unknown, rows: number, cols: number, what: string): number[][] {
  const ok =
    Array.isArray(value) &&
    value.length === rows &&
    value.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0)));
  if (!ok) throw new TravelModelError("bad_answer", `the routing server's ${what} are not a ${rows} × ${cols} table of numbers`);
  const table = value as (number | null)[][];
  for (const [i, row] of table.entries()) {
    const j = row.indexOf(null);
    if (j >= 0) throw new TravelModelError("bad_answer", `the routing server finds no road between points ${i} and ${j} of a block`);
  }
  return table as number[][];
}

export function osrmTravelModel(options: OsrmOptions): TravelModel {
  const base = osrmBaseUrl(options.baseUrl);
  const o = { ...OSRM_DEFAULTS, ...options };
  if (!/^[a-z0-9_-]{1,40}$/i.test(o.profile)) throw new TravelModelError("parameters_invalid", "the OSRM profile must be a plain name such as driving");
  if (!(Number.isInteger(o.maxTableSize) && o.maxTableSize >= 2)) throw new TravelModelError("parameters_invalid", "maxTableSize must be a whole number ≥ 2");
  const doFetch = o.fetch ?? fetch;

  /** One request: `coords` in the path, the first `sources` as sources, the rest (or all) as destinations. */
  async function table(coords: readonly TravelPoint[], sources: number[], destinations: number[]) {
    const path = coords.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(";");
    const query = new URLSearchParams({ annotations: "duration,distance", sources: sources.join(";"), destinations: destinations.join(";") });
    const url = `${base}/table/v1/${o.profile}/${path}?${query.toString().replace(/%3B/g, ";").replace(/%2C/g, ",")}`;
    const res = await getWithoutRedirects(doFetch, url, o.timeoutMs);
    if ("failure" in res) throw new TravelModelError("unavailable", `the routing server ${res.detail}`);
    const text = await readCappedText(res, o.maxResponseBytes, (detail) => new TravelModelError("bad_answer", `the routing server's answer ${detail}`));
    let answer: TableAnswer;
    try {
      answer = JSON.parse(text) as TableAnswer;
    } catch {
      throw new TravelModelError("bad_answer", `the routing server's answer (HTTP ${res.status}) is not JSON`);
    }
    if (!res.ok || answer?.code !== "Ok") {
      throw new TravelModelError(res.status >= 500 ? "unavailable" : "bad_answer", `the routing server refused the table (HTTP ${res.status}, ${String(answer?.code)}${answer?.message ? `: ${answer.message}` : ""})`);
    }
    return {
      durations: tableOf(answer.durations, sources.length, destinations.length, "durations"),
      distances: tableOf(answer.distances, sources.length, destinations.length, "distances"),
    };
  }

  return {
    name: "osrm",
    stopSeconds: o.stopSeconds,
    matrix: async (points): Promise<TravelMatrix> => {
      checkPoints(points);
      const n = points.length;
      if (n > o.maxPoints) throw new TravelModelError("too_many_points", `${n} points is more than the ${o.maxPoints} a routing matrix may hold`);
      const durations = new Float64Array(n * n);
      const distances = new Float64Array(n * n);
      if (n <= 1) return { model: "osrm", size: n, durations, distances };
      // Blocks of sources × destinations whose coordinates together fit in one request.
      const block = n <= o.maxTableSize ? n : Math.floor(o.maxTableSize / 2);
      for (let s0 = 0; s0 < n; s0 += block) {
        for (let d0 = 0; d0 < n; d0 += block) {
          const src = range(s0, Math.min(n, s0 + block));
          const dst = range(d0, Math.min(n, d0 + block));
          const same = s0 === d0;
          const coords = same ? src.map((i) => points[i] as TravelPoint) : [...src, ...dst].map((i) => points[i] as TravelPoint);
          const answer = await table(coords, src.map((_, k) => k), dst.map((_, k) => (same ? k : src.length + k)));
          for (const [a, i] of src.entries()) {
            for (const [b, j] of dst.entries()) {
              if (i === j) continue;
              durations[i * n + j] = (answer.durations[a] as number[])[b] as number;
              distances[i * n + j] = (answer.distances[a] as number[])[b] as number;
            }
          }
        }
      }
      return { model: "osrm", size: n, durations, distances };
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
