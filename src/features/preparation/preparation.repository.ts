// SQL of visit preparation: the sheet row of an appointment (versioned), its objectives, its report,
// and the company's checklist of things to bring (app_settings key written only here).
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";

export const CHECKLIST_SETTING = "preparation.checklist";
/** Minutes a rep spends preparing a visit, and what an hour of a rep costs (cents): "it pays to prepare". */
export const PREPARATION_MINUTES_SETTING = "preparation.minutes";
export const HOURLY_COST_SETTING = "preparation.hourlyCostCents";

export function findPreparation(db: Db, appointmentId: number) {
  return db.selectFrom("visit_preparations").selectAll().where("appointment_id", "=", appointmentId).executeTakeFirst();
}
export type PreparationRow = NonNullable<Awaited<ReturnType<typeof findPreparation>>>;

export function findObjectives(db: Db, appointmentId: number) {
  return db.selectFrom("visit_objectives").selectAll().where("appointment_id", "=", appointmentId).orderBy("position").execute();
}
export type ObjectiveRow = Awaited<ReturnType<typeof findObjectives>>[number];

export function findReport(db: Db, appointmentId: number) {
  return db.selectFrom("visit_reports").selectAll().where("appointment_id", "=", appointmentId).executeTakeFirst();
}

export interface SheetColumns {
  method?: string | null;
  templates?: string;
  keywords?: string;
  checklist?: string;
  research?: string;
  notes?: string | null;
}

/**
 * Writes the sheet at `expectedVersion`: 0 creates it (412 when someone created it first), any other
 * version is one conditional UPDATE (412 when it moved on). Returns the new version.
 */
export async function writeSheet(trx: Db, appointmentId: number, expectedVersion: number, set: SheetColumns, userId: number, stamp: string): Promise<number> {
  if (expectedVersion === 0) {
    const inserted = await trx
      .insertInto("visit_preparations")
      .values({ appointment_id: appointmentId, ...set, updated_by: userId, created_at: stamp, updated_at: stamp, version: 1 })
      .onConflict((oc) => oc.column("appointment_id").doNothing())
      .returning("version")
      .executeTakeFirst();
    if (!inserted) throw new AppError("version_conflict", "Someone else saved this sheet first; reload to see it");
    return 1;
  }
  const result = await trx
    .updateTable("visit_preparations")
    .set({ ...set, updated_by: userId, updated_at: stamp, version: expectedVersion + 1 })
    .where("appointment_id", "=", appointmentId)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
  return expectedVersion + 1;
}

export interface ObjectiveValues {
  kind: string;
  text: string;
  keyword: string | null;
  smart: string;
  ticked: number;
  answer: string | null;
  result: string | null;
}

export async function replaceObjectives(trx: Db, appointmentId: number, rows: readonly ObjectiveValues[]): Promise<void> {
  await trx.deleteFrom("visit_objectives").where("appointment_id", "=", appointmentId).execute();
  if (rows.length > 0) await trx.insertInto("visit_objectives").values(rows.map((r, position) => ({ appointment_id: appointmentId, position, ...r }))).execute();
}

export async function updateObjectiveResult(trx: Db, id: number, values: { result: string | null; answer?: string | null; ticked?: number }): Promise<void> {
  await trx.updateTable("visit_objectives").set(values).where("id", "=", id).execute();
}

export async function insertReport(trx: Db, values: { appointment_id: number; activity_id: number; follow_up_id: number | null; quote_id: number | null; reported_by: number; reported_at: string }) {
  const inserted = await trx.insertInto("visit_reports").values(values).onConflict((oc) => oc.column("appointment_id").doNothing()).returning("appointment_id").executeTakeFirst();
  if (!inserted) throw new AppError("conflict", "This visit has been reported already");
}

/** A preparation setting of the company (app_settings keys "preparation.*", written only here). */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  const updated = await db.updateTable("app_settings").set({ value }).where("key", "=", key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto("app_settings").values({ key, value }).execute();
}
