// A local news feed server for the feed tests (node:http on 127.0.0.1): RSS, Atom, an HTML page, a
// 50 MB body (streamed, announced or not), feeds in ISO-8859-1 and windows-1252, redirects to the same and to another host name, and a
// path that never answers. `rssItems` may be changed between fetches.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";

export interface FeedServer {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  rssItems: { guid?: string; link: string; title: string; pubDate?: string }[];
  /** How many bytes the big feed sent before the client cut it. */
  bigBytesSent: number;
  close(): Promise<void>;
}

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Bakkerij Nieuws</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-26T10:00:00Z</updated>
  <entry><title>Nieuwe vestiging in Zwolle</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><link href="https://bakkerij.example/zwolle"/><updated>2026-11-26T10:00:00Z</updated><summary>De bakkerij opent een filiaal.</summary></entry>
  <entry><title>Directeur stopt</title><id>urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6a</id><link href="https://bakkerij.example/directeur"/><updated>2026-11-25T10:00:00Z</updated></entry>
</feed>`;

function rss(items: FeedServer["rssItems"]): string {
  const body = items
    .map((i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid>${i.guid}</guid>` : ""}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ""}<description>Over ${i.title}</description></item>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Schoonmaak Nieuws</title><link>https://schoon.example</link><description>Nieuws</description>${body}</channel></rss>`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const state: FeedServer = {
    base: "",
    port: 0,
    bigBytesSent: 0,
    rssItems: [
      { guid: "schoon-1", link: "https://schoon.example/1", title: "Contract met gemeente", pubDate: "Wed, 25 Nov 2026 09:00:00 GMT" },
      { link: "https://schoon.example/2", title: "Nieuwe machines" },
    ],
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/rss") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(rss(state.rssItems));
    }
    if (path === "/atom") {
      res.writeHead(200, { "content-type": "application/atom+xml" });
      return res.end(atom);
    }
    if (path === "/html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("Welkom op onze website! <html><body>Geen feed</body></html>");
    }
    if (path === "/latin1") {
      // A Dutch regional site's feed as it is served: ISO-8859-1 bytes, declared in the XML only.
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Streekbladen Oost</title><item><guid>oost-1</guid><link>https://oost.example/1</link><title>Café De Zwaan opent filiaal in Enschedé</title><description>Geïnteresseerd? Lees verder.</description></item></channel></rss>`;
      return res.end(Buffer.from(xml, "latin1"));
    }
    if (path === "/cp1252-header") {
      // windows-1252 named only in the Content-Type header (€ is 0x80 there).
      res.writeHead(200, { "content-type": "application/rss+xml; charset=windows-1252" });
      const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Prijzen</title><item><guid>p-1</guid><link>https://prijs.example/1</link><title>Prijs € 25 — “actie”</title></item></channel></rss>`;
      return res.end(iconv.encode(xml, "windows-1252"));
    }
    if (path === "/bogus-charset") {
      // A server default no decoder knows by that name; the feed itself is UTF-8.
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf8mb4" });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Zuid</title><item><guid>z-1</guid><link>https://zuid.example/1</link><title>Crèche geopend</title></item></channel></rss>`);
    }
    if (path === "/unknown-encoding") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(`<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel><title>?</title></channel></rss>`);
    }
    if (path === "/xml-not-feed") {
      res.writeHead(200, { "content-type": "application/xml" });
      return res.end("<?xml version=\"1.0\"?><catalogus><product>Zeep</product></catalogus>");
    }
    if (path === "/big" || path === "/big-unannounced") {
      // 50 MB of one feed that never ends its first item; sent in 64 KiB chunks, with backpressure.
      const total = 50 * 1024 * 1024;
      res.writeHead(200, path === "/big" ? { "content-type": "application/rss+xml", "content-length": String(total) } : { "content-type": "application/rss+xml" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      res.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>");
      const pump = () => {
        while (state.bigBytesSent < total) {
          state.bigBytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => undefined);
      return pump();
    }
    if (path === "/redirect-same") {
      res.writeHead(302, { location: "/rss" });
      return res.end();
    }
    if (path === "/redirect-other") {
      // The same server under another name: the fetcher must not follow it.
      res.writeHead(301, { location: `http://localhost:${state.port}/rss` });
      return res.end();
    }
    if (path === "/never") return; // no answer at all: the time limit ends it
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
