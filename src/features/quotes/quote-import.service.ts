// Importing quote lists kept in spreadsheets, all or nothing: every row is checked first, then the
// whole file is written in one transaction; any conflict found while writing rolls everything back.
// Quotes are matched by quote number, so importing the same file again changes nothing. A quote that
// exists is only brought up to date in chance, decision month or lost status; other lines or amounts
// for an existing number are an error (a new price is a new revision), never a silent overwrite.
import { type IsoDate, isIsoDate } from "../../domain/calendar.js";
import { compareQuoteNumbers, formatQuoteNumber, nextRevision } from "../../domain/quote-number.js";
import { isFinal, revisionEffect } from "../../domain/quote-status.js";
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import { fieldProblem, invalid } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import type { ImportProblem } from "../../files/import-columns.js";
import type { ImportTable } from "../../server/table-file.js";
import { codeKeyOf, findOrCreateProduct } from "../products/product.service.js";
import { createRelation } from "../relations/relation.service.js";
import { listUsers } from "../users/user.service.js";
import { recordChanges, recordCreated } from "./quote-events.js";
import { type ImportQuote, readQuoteRows } from "./quote-import-rows.js";
import { unitPriceOf } from "./quote-line.js";
import { findLines, findQuoteByNumber, findRevisions, findRelationByNameKey, insertQuote, type QuoteRow, replaceLines, updateQuoteRow } from "./quote.repository.js";
import { stateOf } from "./quote.service.js";

export interface QuoteImportSummary {
  ok: boolean;
  quotesCreated: number;
  quotesUpdated: number;
  quotesUnchanged: number;
  relationsCreated: number;
  productsCreated: number;
  errors: ImportProblem[];
}

const LOST_REASON = "Verloren volgens geïmporteerd offerteoverzicht";

class ImportAborted extends Error {}

/**
 * createRelation opens its own transaction; inside the import's transaction it must join that one
 * (Kysely refuses nested transactions, and a second connection would not see the import's rows).
 */
export async function importQuotes(db: Db, user: AuthUser, table: ImportTable, options: { asOf: IsoDate; now: Date }): Promise<QuoteImportSummary> {
  if (!isIsoDate(options.asOf)) throw invalid(fieldProblem("asOf", "date_invalid"));
  const summary: QuoteImportSummary = { ok: false, quotesCreated: 0, quotesUpdated: 0, quotesUnchanged: 0, relationsCreated: 0, productsCreated: 0, errors: [] };
  const { quotes, problems } = readQuoteRows(table, options.asOf);
  const users = await listUsers(db);
  const repIds = new Map<string, number>();
  for (const u of users) {
    repIds.set(normalizeKey(u.name), u.id);
    repIds.set(u.email.toLowerCase(), u.id);
  }
  for (const q of quotes) {
    if (q.rep !== null && !repIds.has(normalizeKey(q.rep)) && !repIds.has(q.rep.trim().toLowerCase())) {
      problems.push({ row: q.row, column: q.columns.rep ?? "rep", message: `'${q.rep}' is not a known user (name or e-mail address)` });
    }
  }
  if (problems.length > 0) return { ...summary, errors: sortProblems(problems) };

  // Earlier revisions first, so that OV87-2 finds OV87-1 of the same file.
  const ordered = [...quotes].sort((a, b) => compareQuoteNumbers(a.number, b.number));
  try {
    await db.transaction().execute(async (tx) => {
      const relations = new Map<string, { id: number; owner_id: number | null }>();
      for (const q of ordered) {
        const existing = await findQuoteByNumber(tx, q.number.base, q.number.revision);
        if (existing) await updateExisting(tx, user, q, existing, options, summary, problems);
        else await createNew(tx, user, q, relations, repIds, options, summary, problems);
      }
      if (problems.length > 0) throw new ImportAborted();
    });
  } catch (error) {
    if (error instanceof ImportAborted) {
      return { ok: false, quotesCreated: 0, quotesUpdated: 0, quotesUnchanged: 0, relationsCreated: 0, productsCreated: 0, errors: sortProblems(problems) };
    }
    throw error;
  }
  return { ...summary, ok: true };
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

async function createNew(
  tx: Db,
  user: AuthUser,
  q: ImportQuote,
  relations: Map<string, { id: number; owner_id: number | null }>,
  repIds: Map<string, number>,
  options: { asOf: IsoDate; now: Date },
  summary: QuoteImportSummary,
  problems: ImportProblem[],
): Promise<void> {
  const number = formatQuoteNumber(q.number);
  const stamp = options.now.toISOString();
  const previous = q.number.revision > 1 ? await findQuoteByNumber(tx, q.number.base, q.number.revision - 1) : undefined;
  if (q.number.revision > 1 && !previous) {
    // A list from another system holds only each quote's current revision (OV87-3): with no revision
    // of that number in Koers it comes in as that revision; one that skips a revision Koers has is wrong.
    const known = await findRevisions(tx, q.number.base);
    if (known.length > 0) {
      const have = known.map((k) => formatQuoteNumber({ base: k.base_number, revision: k.revision })).join(", ");
      problems.push({ row: q.row, column: q.columns.number ?? "number", message: `${number} does not follow on the revisions in Koers (${have}); ${formatQuoteNumber({ base: q.number.base, revision: q.number.revision - 1 })} is missing` });
      return;
    }
  }
  if (previous) {
    const effect = revisionEffect(previous.status as never);
    if (!effect.ok) {
      problems.push({ row: q.row, column: q.columns.number ?? "number", message: `${number}: ${formatQuoteNumber({ base: q.number.base, revision: q.number.revision - 1 })} is ${previous.status}: ${effect.error}` });
      return;
    }
    if (effect.value.previousBecomes !== previous.status) {
      await updateQuoteRow(tx, previous.id, previous.version, { status: effect.value.previousBecomes, decided_on: options.asOf, updated_at: stamp });
      await recordChanges(tx, previous.id, stateOf(previous), stateOf({ ...previous, status: effect.value.previousBecomes }), user.id, options.now);
    }
  }

  const nameKey = normalizeKey(q.relationName);
  let relation = relations.get(nameKey) ?? (await findRelationByNameKey(tx, nameKey));
  if (!relation) {
    // `as never`: relation.schemas' literal unions come out as never in their static type (to be fixed there).
    const input = { name: q.relationName, status: "prospect" as never, statusReason: "Aangemaakt bij het importeren van offertes" };
    const created = await createRelation(tx, user, input, options.now);
    relation = { id: created.id, owner_id: created.owner?.id ?? null };
    summary.relationsCreated += 1;
  }
  relations.set(nameKey, relation);

  const lines = [];
  for (const [i, line] of q.lines.entries()) {
    const unitPrice = unitPriceOf(line.amountCents, line.quantityMilli);
    let productId: number | null = null;
    if (line.product !== null) {
      const product = await findOrCreateProduct(tx, line.product, unitPrice, options.now);
      if (product.created) summary.productsCreated += 1;
      productId = product.id;
    }
    lines.push({
      position: i + 1,
      product_id: productId,
      description: line.product ?? `Offerte ${number}`,
      quantity_milli: line.quantityMilli,
      unit_price_cents: unitPrice,
      discount_bp: 0,
      // The file's amount is the agreed price; the unit price is derived from it, not the reverse.
      amount_cents: line.amountCents,
    });
  }
  const repId = q.rep !== null ? (repIds.get(normalizeKey(q.rep)) ?? repIds.get(q.rep.trim().toLowerCase()) ?? user.id) : (relation.owner_id ?? user.id);
  const values = {
    base_number: q.number.base,
    revision: q.number.revision,
    relation_id: relation.id,
    contact_person_id: null,
    rep_id: repId,
    title: null,
    status: q.lost ? "lost" : "sent",
    probability: q.probability,
    decision_month: q.decisionMonth,
    decision_date: null,
    valid_until: null,
    total_cents: lines.reduce((sum, l) => sum + l.amount_cents, 0),
    units_milli: lines.reduce((sum, l) => sum + l.quantity_milli, 0),
    lost_reason: q.lost ? LOST_REASON : null,
    competitor_won: null,
    sent_on: null,
    decided_on: q.lost ? options.asOf : null,
    notes: null,
    created_by: user.id,
    created_at: stamp,
    updated_at: stamp,
  };
  const id = await insertQuote(tx, values);
  await replaceLines(tx, id, lines);
  await recordCreated(tx, id, values, user.id, options.now);
  await writeAudit(tx, { entity: "quote", entityId: id, relationId: relation.id, userId: user.id, at: stamp }, [["imported", null, number]]);
  summary.quotesCreated += 1;
}

async function sameLines(tx: Db, existing: QuoteRow, q: ImportQuote): Promise<boolean> {
  const lines = await findLines(tx, existing.id);
  if (lines.length !== q.lines.length) return false;
  return lines.every((l, i) => {
    const line = q.lines[i];
    if (!line || l.quantity_milli !== line.quantityMilli || l.amount_cents !== line.amountCents) return false;
    if (line.product === null) return l.product_id === null;
    return l.product_code !== null && (codeKeyOf(l.product_code) === codeKeyOf(line.product) || normalizeKey(l.product_name ?? "") === normalizeKey(line.product));
  });
}

async function updateExisting(
  tx: Db,
  user: AuthUser,
  q: ImportQuote,
  existing: QuoteRow,
  options: { asOf: IsoDate; now: Date },
  summary: QuoteImportSummary,
  problems: ImportProblem[],
): Promise<void> {
  const number = formatQuoteNumber(q.number);
  const column = q.columns.number ?? "number";
  if (normalizeKey(existing.relation_name) !== normalizeKey(q.relationName)) {
    problems.push({ row: q.row, column, message: `${number} exists in Koers for ${existing.relation_name}, not for ${q.relationName}` });
    return;
  }
  if (!(await sameLines(tx, existing, q))) {
    problems.push({
      row: q.row,
      column,
      message: `${number} exists in Koers with other products, quantities or amounts; a new price is a new revision (${formatQuoteNumber(nextRevision(q.number))})`,
    });
    return;
  }
  const status = existing.status as Parameters<typeof isFinal>[0];
  const fileSays = q.lost ? { status: "lost", probability: 0 } : { status, probability: q.probability, decision_month: q.decisionMonth };
  if (isFinal(status)) {
    if (!(q.lost && status === "lost")) {
      problems.push({ row: q.row, column: q.columns.chance ?? "chance", message: `${number} is ${status} in Koers; the file cannot reopen or change it` });
    } else summary.quotesUnchanged += 1;
    return;
  }
  const changed = Object.entries(fileSays).some(([k, v]) => (existing as unknown as Record<string, unknown>)[k] !== v);
  if (!changed) {
    summary.quotesUnchanged += 1;
    return;
  }
  const next = q.lost ? { status: "lost", probability: 0, lost_reason: LOST_REASON, decided_on: options.asOf } : { probability: q.probability, decision_month: q.decisionMonth };
  await updateQuoteRow(tx, existing.id, existing.version, { ...next, updated_at: options.now.toISOString() });
  await recordChanges(tx, existing.id, stateOf(existing), stateOf({ ...existing, ...next }), user.id, options.now);
  summary.quotesUpdated += 1;
}
