// The printable quote: the company's own Dutch letter (sender block and logo from the company
// settings, the recipient, the lines with unit and discount, subtotal and VAT per rate, total
// including VAT, terms, closing text and an acceptance block), printed to PDF by the browser.
// Every value from the database is HTML-escaped: names and descriptions are typed by people and may
// hold "<script>".
import { argumentsOfQuote } from "./quote-arguments.js";
import { addDays } from "../../domain/calendar.js";
import { formatIban } from "../../domain/iban.js";
import { hardFirst } from "../../domain/requirements.js";
import type { Db } from "../../db/kysely.js";
import { amsterdamDate } from "../../server/time.js";
import { getLetterhead, type CompanyLetterhead } from "../company/company.service.js";
import { getPerson } from "../persons/person.service.js";
import { getRelation } from "../relations/relation.service.js";
import { letterStyle } from "./quote-letter-style.js";
import { getQuote } from "./quote-read.js";

export function escapeHtml(value: string | null | undefined): string {
  return (value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const EUROS = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const QUANTITY = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 3 });
const PERCENT = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
const LONG_DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** € 4.630,50 (display only: cents / 100 is exact for every amount Koers stores). */
export const euros = (cents: number) => EUROS.format(cents / 100);
/** 2100 basis points → "21 %". */
const percent = (basisPoints: number) => `${PERCENT.format(basisPoints / 100)}%`;
const longDate = (iso: string) => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim() !== "").map(escapeHtml).join(" ");
const lines = (...parts: string[]) => parts.filter((p) => p !== "").join("<br>\n");

/** The sender block of the letterhead: address on the left, contact and registration on the right. */
function senderBlock(c: CompanyLetterhead): string {
  const postal = c.postalStreet !== "" ? lines(join(c.postalStreet), join(c.postalPostcode, c.postalCity)) : "";
  const address = lines(`<strong>${escapeHtml(c.legalName)}</strong>`, join(c.visitStreet), join(c.visitPostcode, c.visitCity), postal);
  const contact = lines(
    c.phone ? `T ${escapeHtml(c.phone)}` : "",
    escapeHtml(c.email),
    escapeHtml(c.website.replace(/^https?:\/\//, "")),
    c.kvkNumber ? `KvK ${escapeHtml(c.kvkNumber)}` : "",
    c.vatNumber ? `Btw-id ${escapeHtml(c.vatNumber)}` : "",
    c.iban ? `IBAN ${escapeHtml(formatIban(c.iban))}` : "",
  );
  return `<div>${address}</div><div>${contact}</div>`;
}

export async function quoteDocument(db: Db, id: number, now: Date): Promise<string> {
  const quote = await getQuote(db, id, now);
  const [relation, company, person, matched] = await Promise.all([
    getRelation(db, quote.relation.id),
    getLetterhead(db),
    quote.contactPerson ? getPerson(db, quote.contactPerson.id) : Promise.resolve(null),
    argumentsOfQuote(db, quote),
  ]);
  const companyName = company.legalName.trim() || "—";
  const postal = relation.postalStreet || relation.postalPostcode;
  const address = postal
    ? [join(relation.postalStreet, relation.postalHouseNumber), join(relation.postalPostcode, relation.postalCity?.toUpperCase())]
    : [join(relation.visitStreet, relation.visitHouseNumber), join(relation.visitPostcode, relation.visitCity?.toUpperCase())];
  const country = postal ? relation.postalCountry : relation.visitCountry;
  if (country && country !== "NL") address.push(escapeHtml(country));

  // The letter's date: the day it was sent, else today (a draft printed to look at).
  const date = quote.sentOn ?? amsterdamDate(now);
  const validUntil = quote.validUntil ?? addDays(date, company.quoteValidityDays);
  // Each line carries the rate it was written with (a sent quote keeps its VAT); the totals likewise.
  const priced = quote.lines.map((l) => ({ line: l, rate: l.vatBasisPoints }));
  const totals = { ...quote.totals, groups: quote.totals.vat };

  const rows = priced
    .map(
      ({ line: l, rate }) => `<tr><td>${escapeHtml(l.description)}${l.product ? ` <small>${escapeHtml(l.product.code)}</small>` : ""}</td>
<td class="num">${QUANTITY.format(l.quantity)}</td>
<td>${escapeHtml(l.product?.unit ?? "")}</td>
<td class="num">${euros(l.unitPriceCents)}</td>
<td class="num">${l.discountBasisPoints > 0 ? percent(l.discountBasisPoints) : ""}</td>
<td class="num">${percent(rate)}</td>
<td class="num">${euros(l.amountCents)}</td></tr>`,
    )
    .join("\n");
  const vatRows = totals.groups
    .map((g) => `<tr><td>${percent(g.rateBasisPoints)}</td><td class="num">${euros(g.baseCents)}</td><td class="num">${euros(g.vatCents)}</td></tr>`)
    .join("\n");
  const closing = company.closingText
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  // Only the arguments that answer the customer's requirements, those for a hard requirement (a must)
  // first over all products; none at all leaves the section out.
  const argued = hardFirst(matched.products.flatMap((p) => p.arguments.map((a) => ({ ...a, product: p.product.name }))));
  const argumentsSection =
    argued.length === 0
      ? ""
      : `<section class="arguments">
<h2>Aansluitend op uw eisen</h2>
<ul>
${argued.map((a) => `<li><strong>${escapeHtml(a.requirement)}</strong> (${escapeHtml(a.product)}): ${escapeHtml(a.text)}</li>`).join("\n")}
</ul>
</section>
`;
  const payment = [
    `Betaling binnen ${company.paymentTermDays} dagen na factuurdatum`,
    company.iban ? ` op IBAN ${escapeHtml(formatIban(company.iban))} ten name van ${escapeHtml(companyName)}` : "",
  ]
    .join("")
    // "… B.V." ends the sentence already.
    .replace(/([^.])$/, "$1.");

  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Offerte ${escapeHtml(quote.number)} – ${escapeHtml(companyName)} aan ${escapeHtml(relation.name)}</title>
<style>${letterStyle(`${companyName} · Offerte ${quote.number}`)}</style>
</head>
<body>
<header class="letterhead">
<div>${company.logoImage ? `<img src="data:${company.logoImage.contentType};base64,${company.logoImage.data.toString("base64")}" alt="${escapeHtml(companyName)}">` : `<div class="name">${escapeHtml(companyName)}</div>`}</div>
<div class="sender">${senderBlock(company)}</div>
</header>
<address class="recipient">
${lines(escapeHtml(relation.name), person ? `t.a.v. ${escapeHtml(person.formalName)}` : "", ...address)}
</address>
<table class="meta">
<tr><td>Datum</td><td>${escapeHtml(longDate(date))}</td></tr>
<tr><td>Offertenummer</td><td><strong>${escapeHtml(quote.number)}</strong></td></tr>
${quote.title ? `<tr><td>Betreft</td><td>${escapeHtml(quote.title)}</td></tr>` : ""}
<tr><td>Uw contactpersoon</td><td>${escapeHtml(quote.rep.name)}</td></tr>
<tr><td>Geldig tot en met</td><td>${escapeHtml(longDate(validUntil))}</td></tr>
</table>
<p>${person ? escapeHtml(person.salutation) : "Geachte heer, mevrouw,"}</p>
<p>Hartelijk dank voor uw interesse. Hierbij ontvangt u onze offerte, zoals besproken.</p>
<table class="lines">
<thead><tr><th>Omschrijving</th><th class="num">Aantal</th><th>Eenheid</th><th class="num">Prijs per eenheid</th><th class="num">Korting</th><th class="num">Btw</th><th class="num">Bedrag</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="sums">
<table class="vat-spec">
<thead><tr><th>Btw-tarief</th><th class="num">Subtotaal</th><th class="num">Btw</th></tr></thead>
<tbody>
${vatRows}
</tbody>
</table>
<table class="totals">
<tr class="subtotal"><td>Totaal exclusief btw</td><td class="num">${euros(totals.subtotalCents)}</td></tr>
<tr class="vat-total"><td>Totaal btw</td><td class="num">${euros(totals.vatCents)}</td></tr>
<tr class="grand"><td>Totaal inclusief btw</td><td class="num">${euros(totals.totalCents)}</td></tr>
</table>
</div>
${argumentsSection}<section class="terms">
<p>Deze offerte is geldig tot en met ${escapeHtml(longDate(validUntil))}. Prijzen zijn in euro's; de btw is per tarief berekend over het subtotaal van dat tarief. ${payment}</p>
</section>
<section class="closing">
${closing}
</section>
<div class="signoff">
<p>Met vriendelijke groet,<br><br>${escapeHtml(quote.rep.name)}<br>${escapeHtml(companyName)}</p>
<section class="acceptance">
<h2>Voor akkoord</h2>
<p>Hierbij gaat ${escapeHtml(relation.name)} akkoord met offerte ${escapeHtml(quote.number)} en de daarin genoemde voorwaarden.</p>
<div class="fields">
<table>
<tr><td class="label">Naam</td><td class="blank"></td></tr>
<tr><td class="label">Functie</td><td class="blank"></td></tr>
<tr><td class="label">Datum</td><td class="blank"></td></tr>
</table>
<table>
<tr><td class="label">Handtekening</td></tr>
<tr><td class="signature"></td></tr>
</table>
</div>
</section>
</div>
</body>
</html>
`;
}
