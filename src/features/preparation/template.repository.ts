// SQL of the company's visit templates (migration 0029); the only writer of visit_templates.
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";

export function listTemplateRows(db: Db, onlyActive: boolean) {
  let q = db.selectFrom("visit_templates").selectAll().orderBy("position").orderBy("id");
  if (onlyActive) q = q.where("active", "=", 1);
  return q.execute();
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplateRows>>[number];

export function findTemplateRow(db: Db, id: number) {
  return db.selectFrom("visit_templates").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface TemplateColumns {
  name_nl: string;
  name_en: string;
  visit_types: string;
  sbi_sections: string;
  objectives: string;
  keywords: string;
  active: 0 | 1;
}

/** A new template at the end of the list; its key is "t<id>", known once the row has its id. */
export async function insertTemplate(db: Db, values: TemplateColumns, userId: number, stamp: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("visit_templates").select((eb) => eb.fn.max("position").as("p")).executeTakeFirst();
    const position = Number(last?.p ?? -1) + 1;
    // A key nobody uses until the id is known (unique column); replaced in the same transaction.
    const placeholder = `new-${stamp}-${userId}-${position}`;
    const row = await trx
      .insertInto("visit_templates")
      .values({ key: placeholder, ...values, position, updated_by: userId, created_at: stamp, updated_at: stamp, version: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("visit_templates").set({ key: `t${row.id}` }).where("id", "=", row.id).execute();
    return row.id;
  });
}

/** One conditional UPDATE at the version the user read: 412 when someone saved first. */
export async function updateTemplate(db: Db, id: number, expectedVersion: number, values: Partial<TemplateColumns>, userId: number, stamp: string): Promise<void> {
  const result = await db
    .updateTable("visit_templates")
    .set({ ...values, updated_by: userId, updated_at: stamp, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict", "Someone else saved this template first; reload to see it");
}
