// A small stand-in for the PDOK Locatieserver on loopback, speaking its "free" endpoint
// (GET {prefix}/free?q=…&fq=type:adres → {"response":{"numFound":n,"docs":[{centroide_ll:"POINT(lon lat)",
// postcode, huisnummer, huisletter?, weergavenaam}, …]}}), so the live geocoder is tested over real
// HTTP. Its addresses are a few made-up points; like the real search it is fuzzy (an unknown number
// of a known postcode answers that postcode's other numbers). Some house numbers answer badly, so
// one job run meets every failure: 500 → HTTP 500, 666 → not JSON, 301 → a redirect to another host,
// 999 → an answer after `slowMs`; mode "down" answers 503 to everything.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const PDOK_PREFIX = "/bzk/locatieserver/search/v3_1";

export interface StubAddress {
  postcode: string;
  huisnummer: number;
  huisletter?: string;
  lat: number;
  lon: number;
  weergavenaam: string;
}

export interface PdokStub {
  /** Base address to set as KOERS_GEOCODER_URL. */
  url: string;
  /** The q of every request served, in order. */
  requests: string[];
  setMode(mode: "ok" | "down"): void;
  close(): Promise<void>;
}

export async function startPdokStub(addresses: readonly StubAddress[], options: { redirectTo: string; slowMs?: number }): Promise<PdokStub> {
  let mode: "ok" | "down" = "ok";
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (url.pathname !== `${PDOK_PREFIX}/free`) return send(404, { message: "not found" });
    const q = url.searchParams.get("q") ?? "";
    requests.push(q);
    if (mode === "down") return send(503, { message: "Service Unavailable" });
    if (!url.searchParams.getAll("fq").includes("type:adres")) return send(400, { message: "expected fq=type:adres" });
    const m = /^(\d{4}[A-Z]{2}) (\d+)([A-Z]?)/.exec(q);
    const number = m ? Number(m[2]) : 0;
    if (number === 500) return send(500, { message: "Internal Server Error" });
    if (number === 666) return send(200, "<html><body>Bad gateway</body></html>");
    if (number === 301) {
      res.writeHead(302, { location: `${options.redirectTo}${PDOK_PREFIX}/free?${url.searchParams.toString()}` });
      return res.end();
    }
    const hits = m ? addresses.filter((a) => a.postcode === m[1]) : [];
    const exact = hits.filter((a) => a.huisnummer === number);
    const docs = [...exact, ...hits.filter((a) => a.huisnummer !== number)].map((a) => ({
      type: "adres",
      weergavenaam: a.weergavenaam,
      postcode: a.postcode,
      huisnummer: a.huisnummer,
      ...(a.huisletter ? { huisletter: a.huisletter } : {}),
      centroide_ll: `POINT(${a.lon} ${a.lat})`,
      centroide_rd: "POINT(136013.1 455889.3)",
      score: 12.3,
    }));
    const body = { response: { numFound: docs.length, start: 0, maxScore: 12.3, numFoundExact: true, docs } };
    if (number === 999) return void setTimeout(() => send(200, body), options.slowMs ?? 1_500);
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PDOK_PREFIX}`,
    requests,
    setMode: (m) => {
      mode = m;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
