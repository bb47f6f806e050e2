// The live geocoder: the PDOK Locatieserver "free" endpoint (GET {base}/free?q=…&fq=type:adres),
// asked by the geocode job only (never on a request path) for addresses with a full six-position
// postcode and a house number. Optional (setting KOERS_GEOCODER_URL), never required: every answer it
// cannot give — a timeout, a 5xx, a redirect, an answer that is not its JSON, no address that matches —
// comes back as a value, and the job keeps the offline coordinate for that row.
// Guarded like the OSRM adapter: a timeout per request, a cap on the answer's size, no redirects
// followed (a redirect could point anywhere: docs/security.md), and a pause between two requests so a
// public server is not hammered.
import type { GeoPoint } from "../../domain/geocode.js";
import { getWithoutRedirects, readCappedText } from "../../server/capped-body.js";

/** How far the real entrance may lie from the BAG address point (a point inside the building), metres. */
export const ADDRESS_PRECISION_M = 25;

export interface PdokOptions {
  /** Base address of the search API, e.g. https://api.pdok.nl/bzk/locatieserver/search/v3_1. */
  baseUrl: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  /** Milliseconds between the starts of two requests at least (200: 5 a second). */
  minIntervalMs?: number;
  /** Bytes of one answer at most. */
  maxResponseBytes?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

export const PDOK_DEFAULTS = { timeoutMs: 5_000, minIntervalMs: 200, maxResponseBytes: 256 * 1024 } as const;

/** Why the geocoder gave no coordinate for an address it was asked. */
export type GeocoderFailure = "timeout" | "unavailable" | "redirect" | "bad_answer";

export type GeocoderAnswer =
  | { kind: "found"; point: GeoPoint; label: string }
  | { kind: "no_match" }
  | { kind: "failed"; reason: GeocoderFailure; detail: string };

export interface AddressToAsk {
  postcode: string | null | undefined;
  houseNumber: string | null | undefined;
  country?: string | null | undefined;
}

export interface LiveGeocoder {
  /** The address point of a Dutch address with a full postcode and house number. */
  lookup(address: { postcode: string; number: number; letter: string | null; addition: string | null }): Promise<GeocoderAnswer>;
}

/**
 * The postcode ("1234AB") and house number parts of an address the geocoder can be asked about, or
 * null (not Dutch, no full postcode, no house number starting with a digit).
 */
export function askable(address: AddressToAsk): { postcode: string; number: number; letter: string | null; addition: string | null } | null {
  const country = (address.country ?? "NL").trim().toUpperCase();
  if (country !== "" && country !== "NL") return null;
  const pc = /^([1-9]\d{3})\s?([A-Za-z]{2})$/.exec((address.postcode ?? "").trim());
  if (!pc) return null;
  const hn = /^(\d{1,5})(?:\s*[-\s]?\s*([A-Za-z])(?![A-Za-z]))?(?:\s*[-\s/]?\s*([A-Za-z0-9]{1,4}))?\s*$/.exec((address.houseNumber ?? "").trim());
  if (!hn) return null;
  const number = Number(hn[1]);
  if (!(number >= 1 && number <= 99_999)) return null;
  return { postcode: `${pc[1]}${(pc[2] as string).toUpperCase()}`, number, letter: hn[2] ? hn[2].toUpperCase() : null, addition: hn[3] ? hn[3].toUpperCase() : null };
}

interface PdokDoc {
  centroide_ll?: unknown;
  postcode?: unknown;
  huisnummer?: unknown;
  huisletter?: unknown;
  huisnummertoevoeging?: unknown;
  weergavenaam?: unknown;
}

class Refused extends Error {
  constructor(
    readonly reason: GeocoderFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/** "POINT(5.1214 52.0907)" → lon, lat inside (a generous box around) the Netherlands, else null. */
function pointOf(wkt: unknown): { lat: number; lon: number } | null {
  if (typeof wkt !== "string") return null;
  const m = /^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$/i.exec(wkt);
  if (!m) return null;
  const lon = Number(m[1]);
  const lat = Number(m[2]);
  if (!(lat >= 50.5 && lat <= 53.8 && lon >= 3.0 && lon <= 7.4)) return null;
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim().toUpperCase() : "");

export function pdokGeocoder(options: PdokOptions): LiveGeocoder {
  const base = options.baseUrl.replace(/\/+$/, "");
  const o = { ...PDOK_DEFAULTS, ...options };
  const doFetch = o.fetch ?? fetch;
  let nextStart = 0;

  async function ask(address: Parameters<LiveGeocoder["lookup"]>[0]): Promise<GeocoderAnswer> {
    const wait = nextStart - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    nextStart = Date.now() + o.minIntervalMs;
    const q = `${address.postcode} ${address.number}${address.letter ?? ""}${address.addition ? `-${address.addition}` : ""}`;
    const query = new URLSearchParams({ q, fq: "type:adres", fl: "weergavenaam,postcode,huisnummer,huisletter,huisnummertoevoeging,centroide_ll", rows: "10" });
    const res = await getWithoutRedirects(doFetch, `${base}/free?${query.toString()}`, o.timeoutMs);
    if ("failure" in res) throw new Refused(res.failure === "unreachable" ? "unavailable" : res.failure, `the geocoder ${res.detail}`);
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new Refused("unavailable", `the geocoder answers HTTP ${res.status}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Refused("bad_answer", `the geocoder refuses the question (HTTP ${res.status})`);
    }
    let body: unknown;
    try {
      body = JSON.parse(await readCappedText(res, o.maxResponseBytes, (detail) => new Refused("bad_answer", `the geocoder's answer ${detail}`)));
    } catch (error) {
      if (error instanceof Refused) throw error;
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw new Refused("timeout", `the geocoder did not answer within ${o.timeoutMs} ms`);
      throw new Refused("bad_answer", "the geocoder's answer is not JSON");
    }
    const docs = (body as { response?: { docs?: unknown } } | null)?.response?.docs;
    if (!Array.isArray(docs)) throw new Refused("bad_answer", "the geocoder's answer has no response.docs list");
    // The free search is fuzzy: only a document of this very postcode and number counts.
    const same = (docs as PdokDoc[]).filter((d) => d && text(d.postcode) === address.postcode && Number(d.huisnummer) === address.number);
    const letter = address.letter ?? "";
    const addition = address.addition ?? "";
    const exact = same.find((d) => text(d.huisletter) === letter && text(d.huisnummertoevoeging) === addition);
    const sameLetter = same.find((d) => text(d.huisletter) === letter);
    // Another letter or addition of the same number is the same building, near enough.
    const doc = exact ?? sameLetter ?? same[0];
    if (!doc) return { kind: "no_match" };
    const point = pointOf(doc.centroide_ll);
    if (!point) throw new Refused("bad_answer", "the geocoder's centroide_ll is not a point in the Netherlands");
    return { kind: "found", point: { ...point, source: "pc6", precisionM: ADDRESS_PRECISION_M }, label: typeof doc.weergavenaam === "string" ? doc.weergavenaam : q };
  }

  return {
    lookup: async (address) => {
      try {
        return await ask(address);
      } catch (error) {
        if (error instanceof Refused) return { kind: "failed", reason: error.reason, detail: error.message };
        return { kind: "failed", reason: "bad_answer", detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
