// The GDPR export as one readable HTML page (Dutch, print-friendly). Every value is escaped: the page
// shows what was stored, and stored text never becomes markup. Coded values are shown by their Dutch
// words (the *Label fields of the export), never as codes.
import type { GdprExport } from "./gdpr-export.service.js";

export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return "<p><em>Geen gegevens.</em></p>";
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function gdprHtml(data: GdprExport): string {
  const p = data.person;
  const fields: [string, unknown][] = [
    ["Naam", p.displayName],
    ["Aanhef", p.salutation],
    ["Geslacht", p.genderLabel],
    ["Titel", p.title],
    ["Functie", p.jobTitle],
    ["Afdeling", p.department],
    ["Telefoon direct", p.phoneDirect],
    ["Mobiel", p.phoneMobile],
    ["E-mail", p.email],
    ["LinkedIn", p.linkedinUrl],
    ["DMU-rollen", p.dmuRoleLabels.join(", ")],
    ["Actief", p.active ? "ja" : "nee"],
    ["Vertrokken op", p.leftOn],
    ["Notities", p.notes],
    ["Relatie", `${data.relation.name}${data.relation.city ? `, ${data.relation.city}` : ""}`],
  ];
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzageverzoek: ${escapeHtml(p.displayName)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}th{background:#f3f3f3}</style>
</head><body>
<h1>Gegevens over ${escapeHtml(p.displayName)}</h1>
<p>Overzicht van alle gegevens die Koers over deze persoon bewaart, opgesteld op ${escapeHtml(data.generatedAt)}.${data.erased ? ` Deze persoon is gewist op ${escapeHtml(data.erased.at)}.` : ""}</p>
<h2>Persoonsgegevens</h2>
${table(["Veld", "Waarde"], fields)}
<h2>Toestemming voor mailings</h2>
${table(["Doel", "Stand", "Sinds", "Bron", "Tekstversie"], data.currentConsents.map((c) => [c.purposeLabel, c.stateLabel, c.since, c.sourceLabel, c.textVersion]))}
${table(["Datum", "Doel", "Besluit", "Bron", "Tekstversie", "Bewijs", "Vastgelegd door", "Vastgelegd op"], data.consents.map((c) => [c.date, c.purposeLabel, c.stateLabel, c.sourceLabel, c.textVersion, c.proof, c.recordedBy?.name, c.recordedAt]))}
<h2>Contactmomenten waaraan deze persoon deelnam</h2>
${table(["Moment", "Soort", "Relatie", "Verslag", "Interne notities", "Resultaat", "Volgende stap"], data.contactMoments.map((a) => [a.occurredAt, a.kindLabel, a.relation, a.notes, a.internalNotes, a.outcome, a.nextStep]))}
<h2>Vervolgacties over deze persoon</h2>
${table(["Datum", "Actie", "Status", "Voor"], data.followUps.map((f) => [f.dueDate, f.action, f.statusLabel, f.assignedTo]))}
<h2>Bezoeken en voorbereidingen</h2>
${table(
  ["Afspraak", "Soort bezoek", "Ontmoet", "Notities afspraak", "Notities voorbereiding", "Onderzoek", "Trefwoorden en antwoorden", "Doelstellingen", "Verslag op"],
  data.visits.map((v) => [
    v.startsAt,
    v.visitTypeLabel,
    v.met ? "ja" : "nee",
    v.appointmentNotes,
    v.sheetNotes,
    Object.values(v.research).join("\n"),
    v.keywords.map((k) => `${k.ticked ? "✓ " : ""}${k.keyword}${k.answer ? `: ${k.answer}` : ""}`).join("\n"),
    v.objectives.map((o) => `${o.keyword ? `${o.keyword}: ` : ""}${o.text}${o.answer ? ` — ${o.answer}` : ""}${o.resultLabel ? ` (${o.resultLabel})` : ""}`).join("\n"),
    v.reportedAt,
  ]),
)}
<h2>Ontvangen e-mails van of aan deze persoon</h2>
${table(["Ontvangen", "Stand", "Van", "Aan", "Cc", "Onderwerp", "Tekst", "In de inbox van"], data.mails.map((m) => [m.receivedAt, m.stateLabel, m.from, m.to.join(", "), m.cc.join(", "), m.subject, m.text, m.heldFor]))}
<h2>Wijzigingen (audit trail)</h2>
${table(["Moment", "Veld", "Oud", "Nieuw", "Door"], data.auditTrail.map((a) => [a.at, a.fieldLabel, a.oldValueLabel, a.newValueLabel, a.by]))}
</body></html>
`;
}
