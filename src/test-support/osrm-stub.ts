// A small stand-in for an OSRM server on loopback, speaking its table API
// (GET /table/v1/{profile}/{lon,lat;…}?sources=…&destinations=…&annotations=duration,distance),
// so the OSRM adapter is tested over real HTTP. Its roads: 1.3 × the straight line at 70 km/h, plus
// 30 s to get onto the road — numbers unlike the haversine model's, so a test sees who answered.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StubMode = "ok" | "redirect" | "slow" | "huge" | "garbage" | "no_route" | "error";

export interface OsrmStub {
  url: string;
  /** Coordinates per request of each request served, in order. */
  requests: number[];
  setMode(mode: StubMode): void;
  close(): Promise<void>;
}

const EARTH_RADIUS_M = 6_371_008.8;
function straight(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export async function startOsrmStub(options: { maxTableSize?: number } = {}): Promise<OsrmStub> {
  const maxTableSize = options.maxTableSize ?? 100;
  let mode: StubMode = "ok";
  const requests: number[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const m = /^\/table\/v1\/([a-z]+)\/(.+)$/.exec(url.pathname);
    if (!m) return send(400, { code: "InvalidUrl", message: "URL string malformed" });
    if (mode === "redirect") {
      res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
      return res.end();
    }
    if (mode === "slow") return void setTimeout(() => send(200, { code: "Ok" }), 2_000);
    if (mode === "garbage") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("<html>proxy error</html>");
    }
    if (mode === "error") return send(503, { code: "Error", message: "overloaded" });
    const coords = decodeURIComponent(m[2] as string).split(";").map((c) => c.split(",").map(Number) as [number, number]);
    if (coords.some((c) => c.length !== 2 || c.some((v) => !Number.isFinite(v)))) return send(400, { code: "InvalidQuery", message: "coordinates" });
    if (coords.length > maxTableSize) return send(400, { code: "TooBig", message: "Too many table coordinates" });
    requests.push(coords.length);
    const list = (name: string) => {
      const raw = url.searchParams.get(name);
      return raw === null || raw === "all" ? coords.map((_, i) => i) : raw.split(";").map(Number);
    };
    const sources = list("sources");
    const destinations = list("destinations");
    const metres = (i: number, j: number) => (i === j ? 0 : straight(coords[i] as [number, number], coords[j] as [number, number]) * 1.3);
    const distances = sources.map((i) => destinations.map((j) => Math.round(metres(i, j) * 10) / 10));
    const durations = sources.map((i) => destinations.map((j) => (i === j ? 0 : Math.round((30 + metres(i, j) / (70 / 3.6)) * 10) / 10)));
    if (mode === "no_route") (durations[0] as (number | null)[])[destinations.length - 1] = null;
    const body: Record<string, unknown> = { code: "Ok", durations, distances, sources: [], destinations: [] };
    if (mode === "huge") body.padding = "x".repeat(200_000);
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (m) => {
      mode = m;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
