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

type Keyword = { keyword: string; ticked: boolean; answer: string | null };

function parsed<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/**
 * GDPR erasure (called by features/gdpr inside its transaction): the texts of the sheets of the
 * relation's appointments — keyword answers, research, notes, and the objectives' texts and answers —
 * with `redact` applied (the erased person's names blanked). Two reads; a write only per changed row.
 * Returns how many sheets and objectives changed.
 */
export async function redactSheetsOfRelation(trx: Db, relationId: number, redact: (text: string) => string, stamp: string): Promise<number> {
  const ofRelation = trx.selectFrom("appointments").select("id").where("relation_id", "=", relationId);
  const [sheets, objectives] = await Promise.all([
    trx.selectFrom("visit_preparations").select(["appointment_id", "keywords", "research", "notes", "version"]).where("appointment_id", "in", ofRelation).execute(),
    trx.selectFrom("visit_objectives").select(["id", "text", "answer"]).where("appointment_id", "in", ofRelation).execute(),
  ]);
  const orNull = (v: string | null) => (v === null ? null : redact(v));
  let changed = 0;
  for (const s of sheets) {
    const keywords = JSON.stringify(parsed<Keyword[]>(s.keywords, []).map((k) => ({ ...k, keyword: redact(k.keyword), answer: orNull(k.answer) })));
    const research = JSON.stringify(Object.fromEntries(Object.entries(parsed<Record<string, string | null>>(s.research, {})).map(([k, v]) => [k, typeof v === "string" ? redact(v) : v])));
    const notes = orNull(s.notes);
    if (keywords === JSON.stringify(parsed(s.keywords, [])) && research === JSON.stringify(parsed(s.research, {})) && notes === s.notes) continue;
    await trx.updateTable("visit_preparations").set({ keywords, research, notes, updated_at: stamp, version: s.version + 1 }).where("appointment_id", "=", s.appointment_id).execute();
    changed += 1;
  }
  for (const o of objectives) {
    const next = { text: redact(o.text), answer: orNull(o.answer) };
    if (next.text === o.text && next.answer === o.answer) continue;
    await trx.updateTable("visit_objectives").set(next).where("id", "=", o.id).execute();
    changed += 1;
  }
  return changed;
}

/**
 * GDPR access (for features/gdpr): the visits of the person's relation where they were met, and the
 * sheets of the relation whose texts name them (`mentions`), with what the sheets hold: the keyword
 * answers, research, notes and objectives. Three reads however many visits.
 */
export async function sheetsAboutPerson(db: Db, personId: number, relationId: number, mentions: (text: string | null) => boolean, limit: number) {
  const visits = await db
    .selectFrom("appointments as a")
    .leftJoin("visit_preparations as p", "p.appointment_id", "a.id")
    .leftJoin("visit_reports as r", "r.appointment_id", "a.id")
    .select((eb) => [
      "a.id",
      "a.starts_at",
      "a.visit_type",
      "a.status",
      "a.notes as appointment_notes",
      "p.keywords",
      "p.research",
      "p.notes",
      "r.reported_at",
      eb.exists(eb.selectFrom("appointment_persons as ap").select("ap.person_id").whereRef("ap.appointment_id", "=", "a.id").where("ap.person_id", "=", personId)).as("met"),
    ])
    .where("a.relation_id", "=", relationId)
    .orderBy("a.starts_at", "desc")
    .limit(limit)
    .execute();
  const ids = visits.map((v) => v.id);
  const objectives = ids.length === 0 ? [] : await db.selectFrom("visit_objectives").select(["appointment_id", "kind", "text", "keyword", "answer", "result"]).where("appointment_id", "in", ids).orderBy("appointment_id").orderBy("position").execute();
  const objectivesOf = new Map<number, typeof objectives>();
  for (const o of objectives) objectivesOf.set(o.appointment_id, [...(objectivesOf.get(o.appointment_id) ?? []), o]);
  return visits.flatMap((v) => {
    const keywords = v.keywords === null ? [] : parsed<Keyword[]>(v.keywords, []).filter((k) => k.ticked || (k.answer ?? "") !== "");
    const research = v.research === null ? {} : parsed<Record<string, string | null>>(v.research, {});
    const objs = (objectivesOf.get(v.id) ?? []).map((o) => ({ kind: o.kind, text: o.text, keyword: o.keyword, answer: o.answer, result: o.result }));
    const texts = [v.appointment_notes, v.notes, ...keywords.map((k) => k.answer), ...Object.values(research), ...objs.flatMap((o) => [o.text, o.answer])];
    const met = Boolean(v.met);
    if (!met && !texts.some((t) => mentions(t ?? null))) return [];
    return [
      {
        appointmentId: v.id,
        startsAt: new Date(v.starts_at).toISOString(),
        visitType: v.visit_type,
        status: v.status,
        met,
        appointmentNotes: v.appointment_notes,
        sheetNotes: v.notes,
        research: Object.fromEntries(Object.entries(research).filter(([, value]) => typeof value === "string" && value !== "")),
        keywords: keywords.map((k) => ({ keyword: k.keyword, ticked: k.ticked, answer: k.answer })),
        objectives: objs,
        reportedAt: v.reported_at === null ? null : new Date(v.reported_at).toISOString(),
      },
    ];
  });
}
