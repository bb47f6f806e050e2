// The printable quote: a Dutch HTML page the browser prints to PDF. Every value from the database is
// HTML-escaped: names and descriptions are typed by people and may hold "<script>".
import type { Db } from "../../db/kysely.js";
import { amsterdamDate } from "../../server/time.js";
import { getPerson } from "../persons/person.service.js";
import { getRelation } from "../relations/relation.service.js";
import { getQuote } from "./quote-read.js";

const COMPANY_KEYS = ["name", "street", "postcode", "city", "phone", "email", "website", "kvk", "vat", "iban"] as const;
type Company = Record<(typeof COMPANY_KEYS)[number], string>;

/** Company details from app_settings (company.name, company.street …); only the name has a default. */
async function companyDetails(db: Db): Promise<Company> {
  const rows = await db
    .selectFrom("app_settings")
    .select(["key", "value"])
    .where("key", "in", COMPANY_KEYS.map((k) => `company.${k}`))
    .execute();
  const company = Object.fromEntries(COMPANY_KEYS.map((k) => [k, ""])) as Company;
  for (const r of rows) company[r.key.slice("company.".length) as keyof Company] = r.value;
  if (company.name.trim() === "") company.name = "Koers";
  return company;
}

export function escapeHtml(value: string | null | undefined): string {
  return (value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const EUROS = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const QUANTITY = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 3 });
const PERCENT = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
const LONG_DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** € 4.630,50 (display only: cents / 100 is exact for every amount Koers stores). */
export const euros = (cents: number) => EUROS.format(cents / 100);
const longDate = (iso: string) => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
const line = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim() !== "").map(escapeHtml).join(" ");

export async function quoteDocument(db: Db, id: number, now: Date): Promise<string> {
  const quote = await getQuote(db, id, now);
  const [relation, company, person] = await Promise.all([
    getRelation(db, quote.relation.id),
    companyDetails(db),
    quote.contactPerson ? getPerson(db, quote.contactPerson.id) : Promise.resolve(null),
  ]);
  const postal = relation.postalStreet || relation.postalPostcode;
  const address = postal
    ? [line(relation.postalStreet, relation.postalHouseNumber), line(relation.postalPostcode, relation.postalCity?.toUpperCase())]
    : [line(relation.visitStreet, relation.visitHouseNumber), line(relation.visitPostcode, relation.visitCity?.toUpperCase())];
  const country = postal ? relation.postalCountry : relation.visitCountry;
  if (country && country !== "NL") address.push(escapeHtml(country));
  const today = amsterdamDate(now);
  const rows = quote.lines
    .map(
      (l) => `<tr><td>${escapeHtml(l.description)}${l.product ? `<br><small>${escapeHtml(l.product.code)}</small>` : ""}</td>
<td class="num">${QUANTITY.format(l.quantity)} ${escapeHtml(l.product?.unit ?? "")}</td>
<td class="num">${euros(l.unitPriceCents)}</td>
<td class="num">${l.discountBasisPoints > 0 ? `${PERCENT.format(l.discountBasisPoints / 100)}%` : ""}</td>
<td class="num">${euros(l.amountCents)}</td></tr>`,
    )
    .join("\n");
  const footer = [
    line(company.street),
    line(company.postcode, company.city),
    company.phone ? `T ${escapeHtml(company.phone)}` : "",
    escapeHtml(company.email),
    escapeHtml(company.website),
    company.kvk ? `KvK ${escapeHtml(company.kvk)}` : "",
    company.vat ? `btw ${escapeHtml(company.vat)}` : "",
    company.iban ? `IBAN ${escapeHtml(company.iban)}` : "",
  ].filter((p) => p !== "");

  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Offerte ${escapeHtml(quote.number)} – ${escapeHtml(relation.name)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font: 10.5pt/1.45 "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 180mm; margin: 0 auto; }
  header { display: flex; justify-content: space-between; border-bottom: 2px solid #1c4e80; padding-bottom: 6mm; margin-bottom: 10mm; }
  header .company { font-size: 16pt; font-weight: bold; color: #1c4e80; }
  .meta td { padding: 0 6mm 0 0; }
  table.lines { width: 100%; border-collapse: collapse; margin: 6mm 0; }
  table.lines th { text-align: left; border-bottom: 1px solid #999; padding: 2mm 1mm; }
  table.lines td { border-bottom: 1px solid #e3e3e3; padding: 2mm 1mm; vertical-align: top; }
  .num { text-align: right; white-space: nowrap; }
  tfoot td { font-weight: bold; border-bottom: none; }
  footer { margin-top: 14mm; border-top: 1px solid #ccc; padding-top: 3mm; font-size: 8.5pt; color: #555; }
  @media print { .no-print { display: none; } }
</style>
</head>
<body>
<header><div class="company">${escapeHtml(company.name)}</div><div>${footer.slice(0, 2).join("<br>")}</div></header>
<address style="font-style: normal">
${[escapeHtml(relation.name), person ? escapeHtml(person.formalName) : "", ...address].filter((p) => p !== "").join("<br>\n")}
</address>
<p>${line(company.city ? `${company.city},` : "", longDate(today))}</p>
<table class="meta">
<tr><td>Offertenummer</td><td><strong>${escapeHtml(quote.number)}</strong></td></tr>
${quote.title ? `<tr><td>Betreft</td><td>${escapeHtml(quote.title)}</td></tr>` : ""}
<tr><td>Geldig tot en met</td><td>${quote.validUntil ? escapeHtml(longDate(quote.validUntil)) : "–"}</td></tr>
</table>
<p>${person ? escapeHtml(person.salutation) : "Geachte heer, mevrouw,"}</p>
<p>Hartelijk dank voor uw interesse. Hierbij ontvangt u onze offerte, zoals besproken.</p>
<table class="lines">
<thead><tr><th>Omschrijving</th><th class="num">Aantal</th><th class="num">Prijs per eenheid</th><th class="num">Korting</th><th class="num">Bedrag</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="4">Totaal (exclusief btw)</td><td class="num">${euros(quote.totalCents)}</td></tr></tfoot>
</table>
<p>Deze offerte is geldig tot en met ${quote.validUntil ? escapeHtml(longDate(quote.validUntil)) : "30 dagen na dagtekening"}. Alle bedragen zijn in euro's en exclusief btw.</p>
<p>Met vriendelijke groet,<br><br>${escapeHtml(quote.rep.name)}<br>${escapeHtml(company.name)}</p>
<footer>${footer.join(" · ")}</footer>
</body>
</html>
`;
}
