// Company settings of the CRM memory, stored in app_settings (defaults written by migration 0002):
// the proposal window before a contract ends, the visit norms per class, and the GDPR retention.
import { DEFAULT_PROPOSAL_WINDOW_DAYS } from "../../domain/contract-renewal.js";
import { DEFAULT_VISIT_NORMS, parseVisitNorms, type VisitNorms } from "../../domain/visit-norms.js";
import type { Db } from "../../db/kysely.js";

export const SETTING_KEYS = {
  proposalWindowDays: "followups.proposal_window_days",
  visitNorms: "reports.visit_norms",
  retentionMonths: "gdpr.dead_relation_retention_months",
} as const;

export const DEFAULT_RETENTION_MONTHS = 24;

export interface CrmSettings {
  /** Days before a contract's end from which a price proposal is due. */
  proposalWindowDays: number;
  visitNorms: VisitNorms;
  /** Months after a relation went dead before its persons are erased. */
  deadRelationRetentionMonths: number;
}

function wholeNumber(raw: string | undefined, fallback: number, max: number): number {
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : fallback;
}

export async function readCrmSettings(db: Db): Promise<CrmSettings> {
  const rows = await db.selectFrom("app_settings").select(["key", "value"]).where("key", "in", Object.values(SETTING_KEYS)).execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  let norms: VisitNorms = DEFAULT_VISIT_NORMS;
  try {
    norms = parseVisitNorms(JSON.parse(map.get(SETTING_KEYS.visitNorms) ?? "null"));
  } catch {
    // A hand-edited value that is not JSON keeps the defaults.
  }
  return {
    proposalWindowDays: wholeNumber(map.get(SETTING_KEYS.proposalWindowDays), DEFAULT_PROPOSAL_WINDOW_DAYS, 730),
    visitNorms: norms,
    deadRelationRetentionMonths: wholeNumber(map.get(SETTING_KEYS.retentionMonths), DEFAULT_RETENTION_MONTHS, 1200),
  };
}

async function upsert(db: Db, key: string, value: string) {
  const updated = await db.updateTable("app_settings").set({ value }).where("key", "=", key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto("app_settings").values({ key, value }).execute();
}

/** Stores the given settings (already validated by the route schema). */
export async function writeCrmSettings(db: Db, changes: Partial<CrmSettings>): Promise<CrmSettings> {
  await db.transaction().execute(async (trx) => {
    if (changes.proposalWindowDays !== undefined) await upsert(trx, SETTING_KEYS.proposalWindowDays, String(changes.proposalWindowDays));
    if (changes.visitNorms !== undefined) await upsert(trx, SETTING_KEYS.visitNorms, JSON.stringify(parseVisitNorms(changes.visitNorms)));
    if (changes.deadRelationRetentionMonths !== undefined) {
      await upsert(trx, SETTING_KEYS.retentionMonths, String(changes.deadRelationRetentionMonths));
    }
  });
  return readCrmSettings(db);
}
