// A deterministic B2B sales history for the sales benchmark: invoice lines of 2016–2025 for 50,000
// debtors, 5,000 products in 200 groups, 12 rayons and 40 reps, skewed as B2B sales are (a Zipf-like
// weight per debtor: the top 20 % of debtors buy about 73 % of the revenue). The same size and seed
// give the same lines, byte for byte; the lines come in invoice order (date, then invoice number).
//
// `salesLines` hands out one line at a time (the benchmark's bare insert uses it directly);
// `writeSalesCsv` streams them to a CSV file with the Dutch headers of an ERP export (";" and
// decimal commas), a megabyte at a time, so even 10 million lines (about 1 GB) never sit in memory.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

export const SALES_CSV_HEADER = "Factuur;Regel;Datum;Debiteur;Artikel;Aantal;Omzet;Kostprijs;Verkoper;Rayon";

export interface SalesShape {
  lines: number;
  debtors: number;
  products: number;
  groups: number;
  rayons: number;
  reps: number;
  firstYear: number;
  lastYear: number;
  seed: number;
}

export const DEFAULT_SHAPE: Omit<SalesShape, "lines"> = { debtors: 50_000, products: 5_000, groups: 200, rayons: 12, reps: 40, firstYear: 2016, lastYear: 2025, seed: 20_160_101 };

/** Bumped whenever the lines change, so a cached file of an older generator is made anew. */
const GENERATOR_VERSION = 1;

export const RAYON_NAMES = [
  "Groningen-Drenthe",
  "Friesland",
  "Overijssel",
  "Gelderland-Noord",
  "Gelderland-Zuid",
  "Utrecht",
  "Noord-Holland-Noord",
  "Amsterdam",
  "Zuid-Holland-Noord",
  "Rotterdam-Rijnmond",
  "Brabant",
  "Limburg-Zeeland",
];
const FIRST = ["Jan-Willem", "Annelies", "Pieter", "Fatima", "Sanne", "Mohamed", "Anouk", "Kees", "Lotte", "Daan", "Marloes", "Joost", "Esther", "Ruud", "Ilse", "Bram", "Naima", "Thijs", "Femke", "Gerrit"];
const LAST = ["van den Berg", "de Vries", "Jansen", "Bakker", "van Dijk", "Visser", "de Boer", "Smit", "Mulder", "Hendriks", "Dekker", "van Leeuwen", "Kuipers", "Brouwer", "Verhoeven"];

export const repName = (r: number) => `${FIRST[r % FIRST.length]} ${LAST[(r * 7 + Math.floor(r / FIRST.length)) % LAST.length]}`;
export const debtorNumber = (d: number) => `D${100_001 + d}`;
export const productCode = (p: number) => `ART-${String(10_001 + p).padStart(6, "0")}`;
export const groupCode = (g: number) => `PG${String(g + 1).padStart(3, "0")}`;

/** sfc32: small, fast and deterministic. */
function random(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Cumulative weights 1/(rank + offset)^exponent over a shuffled order: index → share of picks. */
function zipf(n: number, exponent: number, offset: number, rnd: () => number): { cumulative: Float64Array; weights: Float64Array } {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const weights = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    const w = 1 / (rank + 1 + offset) ** exponent;
    weights[order[rank] as number] = w;
    total += w;
  }
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = (weights[i] as number) / total;
    sum += weights[i] as number;
    cumulative[i] = sum;
  }
  return { cumulative, weights };
}

function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The fixed attributes of the debtors and products (what the database knows before the import). */
export interface SalesMasterData {
  /** Per debtor: its rayon and its usual rep. */
  debtorRayon: Uint8Array;
  debtorRep: Uint8Array;
  /** Per product: group, list price in cents, cost as a share of the price. */
  productGroup: Uint16Array;
  productPrice: Int32Array;
  productCostRatio: Float64Array;
  /** Per rep: the rayon it works in. */
  repRayon: Uint8Array;
}

/** One generated invoice line (indexes into the master data; amounts in cents and thousandths). */
export interface GeneratedLine {
  invoice: string;
  line: number;
  /** yyyy-mm-dd */
  date: string;
  debtor: number;
  product: number;
  quantityMilli: number;
  revenueCents: number;
  costCents: number;
  rep: number;
  rayon: number;
}

export function masterData(shape: SalesShape): SalesMasterData {
  const rnd = random(shape.seed);
  const repRayon = Uint8Array.from({ length: shape.reps }, (_, r) => r % shape.rayons);
  const repsOf = Array.from({ length: shape.rayons }, (_, y) => [...repRayon.keys()].filter((r) => repRayon[r] === y));
  const debtorRayon = new Uint8Array(shape.debtors);
  const debtorRep = new Uint8Array(shape.debtors);
  for (let d = 0; d < shape.debtors; d++) {
    const y = Math.floor(rnd() * shape.rayons);
    const reps = repsOf[y] as number[];
    debtorRayon[d] = y;
    debtorRep[d] = reps[Math.floor(rnd() * reps.length)] as number;
  }
  const productGroup = new Uint16Array(shape.products);
  const productPrice = new Int32Array(shape.products);
  const productCostRatio = new Float64Array(shape.products);
  for (let p = 0; p < shape.products; p++) {
    productGroup[p] = p % shape.groups;
    // List prices from € 2 to about € 400, most of them low.
    productPrice[p] = 200 + Math.floor(rnd() ** 2.2 * 40_000);
    productCostRatio[p] = 0.55 + rnd() * 0.25;
  }
  return { debtorRayon, debtorRep, productGroup, productPrice, productCostRatio, repRayon };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Weekdays of the period with their weight (a steady growth of 4 % a year). */
function invoiceDays(shape: SalesShape): { dates: string[]; weights: number[] } {
  const dates: string[] = [];
  const weights: number[] = [];
  for (let t = Date.UTC(shape.firstYear, 0, 1); t <= Date.UTC(shape.lastYear, 11, 31); t += 86_400_000) {
    const day = new Date(t);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    dates.push(`${day.getUTCFullYear()}-${pad2(day.getUTCMonth() + 1)}-${pad2(day.getUTCDate())}`);
    weights.push(1.04 ** (day.getUTCFullYear() - shape.firstYear) * (day.getUTCMonth() === 7 ? 0.7 : 1));
  }
  return { dates, weights };
}

export interface GenerationSummary {
  lines: number;
  invoices: number;
  revenueCents: number;
  /** Share of the revenue bought by the top 20 % of debtors (by revenue). */
  top20Share: number;
  /** Debtors with at least one line. */
  activeDebtors: number;
}

/**
 * Every line, in file order; the same shape gives the same lines. The yielded object is reused for
 * the next line (copy what you keep). Returns the summary when done.
 */
export function* salesLines(shape: SalesShape, master: SalesMasterData): Generator<GeneratedLine, GenerationSummary> {
  const rnd = random(shape.seed ^ 0x5a1e5);
  const debtorPick = zipf(shape.debtors, 0.95, 50, rnd);
  const productPick = zipf(shape.products, 0.8, 20, rnd);
  // A debtor's discount off list price (0–25 %), fixed per debtor.
  const discount = Float64Array.from({ length: shape.debtors }, () => rnd() * 0.25);
  const { dates, weights } = invoiceDays(shape);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const revenueOf = new Float64Array(shape.debtors);
  const repsOf = Array.from({ length: shape.rayons }, (_, y) => [...master.repRayon.keys()].filter((r) => master.repRayon[r] === y));
  let written = 0;
  let cumulative = 0;
  let invoices = 0;
  let year = 0;
  let seq = 0;
  let revenueCents = 0;
  const line: GeneratedLine = { invoice: "", line: 0, date: "", debtor: 0, product: 0, quantityMilli: 0, revenueCents: 0, costCents: 0, rep: 0, rayon: 0 };
  for (let i = 0; i < dates.length; i++) {
    cumulative += weights[i] as number;
    const target = i === dates.length - 1 ? shape.lines : Math.round((shape.lines * cumulative) / totalWeight);
    const date = dates[i] as string;
    const y = Number(date.slice(0, 4));
    if (y !== year) {
      year = y;
      seq = 0;
    }
    while (written < target) {
      seq += 1;
      invoices += 1;
      const invoice = `F${year}${String(seq).padStart(7, "0")}`;
      const debtor = pick(debtorPick.cumulative, rnd());
      // One in twenty invoices is written by another rep of the debtor's rayon (a stand-in).
      const rayon = master.debtorRayon[debtor] as number;
      let rep = master.debtorRep[debtor] as number;
      if (rnd() < 0.05) {
        const others = repsOf[rayon] as number[];
        rep = others[Math.floor(rnd() * others.length)] as number;
      }
      const count = Math.min(target - written, 1 + Math.floor(rnd() ** 1.5 * 8));
      for (let l = 1; l <= count; l++) {
        const product = pick(productPick.cumulative, rnd());
        // Mostly whole units; one line in ten in tenths (metres, kilos).
        const quantityMilli = rnd() < 0.1 ? 100 * (1 + Math.floor(rnd() * 250)) : 1000 * (1 + Math.floor(rnd() ** 2 * 40));
        const unit = (master.productPrice[product] as number) * (1 - (discount[debtor] as number));
        const revenue = Math.max(1, Math.round((unit * quantityMilli) / 1000));
        const cost = Math.round(revenue * (master.productCostRatio[product] as number) * (0.95 + rnd() * 0.1));
        line.invoice = invoice;
        line.line = l;
        line.date = date;
        line.debtor = debtor;
        line.product = product;
        line.quantityMilli = quantityMilli;
        line.revenueCents = revenue;
        line.costCents = cost;
        line.rep = rep;
        line.rayon = rayon;
        yield line;
        revenueOf[debtor] = (revenueOf[debtor] as number) + revenue;
        revenueCents += revenue;
        written += 1;
      }
    }
  }
  const sorted = Float64Array.from(revenueOf).sort().reverse();
  const top = sorted.subarray(0, Math.round(shape.debtors * 0.2)).reduce((s, v) => s + v, 0);
  return { lines: written, invoices, revenueCents, top20Share: revenueCents === 0 ? 0 : top / revenueCents, activeDebtors: revenueOf.filter((v) => v > 0).length };
}

/** 1234,56 — cents in Dutch notation, no thousands separator (as Dutch Excel writes CSV). */
function dutchAmount(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole},${rest < 10 ? `0${rest}` : rest}`;
}
function dutchQuantity(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  return `${Math.floor(milli / 1000)},${String(milli % 1000).padStart(3, "0").replace(/0+$/, "")}`;
}

export interface SalesCsv {
  path: string;
  bytes: number;
  summary: GenerationSummary;
  /** Seconds spent writing it (0 when an earlier run's file was reused). */
  seconds: number;
}

/**
 * Writes the CSV of `shape` to `path`, or reuses the file an earlier run left there for the same
 * shape and generator version (the `.json` beside it says which).
 */
export function writeSalesCsv(shape: SalesShape, path: string): SalesCsv {
  const markerPath = `${path}.json`;
  const marker = JSON.stringify({ version: GENERATOR_VERSION, shape });
  if (existsSync(path) && existsSync(markerPath)) {
    const stored = JSON.parse(readFileSync(markerPath, "utf8")) as { marker: string; bytes: number; summary: GenerationSummary };
    if (stored.marker === marker && statSync(path).size === stored.bytes) return { path, bytes: stored.bytes, summary: stored.summary, seconds: 0 };
  }
  mkdirSync(dirname(path), { recursive: true });
  const started = performance.now();
  const master = masterData(shape);
  const reps = Array.from({ length: shape.reps }, (_, r) => repName(r));
  const partial = `${path}.partial`;
  const fd = openSync(partial, "w");
  let bytes = 0;
  let chunk: string[] = [`${SALES_CSV_HEADER}\r\n`];
  let chunkChars = 0;
  const flush = () => {
    const buffer = Buffer.from(chunk.join(""), "utf8");
    writeSync(fd, buffer);
    bytes += buffer.length;
    chunk = [];
    chunkChars = 0;
  };
  let summary: GenerationSummary;
  try {
    const lines = salesLines(shape, master);
    for (;;) {
      const next = lines.next();
      if (next.done) {
        summary = next.value;
        break;
      }
      const l = next.value;
      const [y, m, d] = [l.date.slice(0, 4), l.date.slice(5, 7), l.date.slice(8, 10)];
      const text = `${l.invoice};${l.line};${d}-${m}-${y};${debtorNumber(l.debtor)};${productCode(l.product)};${dutchQuantity(l.quantityMilli)};${dutchAmount(l.revenueCents)};${dutchAmount(l.costCents)};${reps[l.rep]};${RAYON_NAMES[l.rayon]}\r\n`;
      chunk.push(text);
      chunkChars += text.length;
      if (chunkChars >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  writeFileSync(markerPath, JSON.stringify({ marker, bytes, summary }));
  return { path, bytes, summary, seconds: (performance.now() - started) / 1000 };
}
