// Saved views of the sales report: a user keeps the questions they ask often under a name.
import type { Db } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";

export const MAX_VIEWS = 100;

export async function listViews(db: Db, userId: number) {
  const rows = await db.selectFrom("sales_views").select(["id", "name", "request", "created_at"]).where("user_id", "=", userId).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, request: JSON.parse(r.request) as unknown, createdAt: r.created_at }));
}

export async function saveView(db: Db, userId: number, name: string, request: unknown, now: Date) {
  const clean = name.trim();
  if (clean === "") throw invalid(fieldProblem("name", "required"));
  const existing = await db.selectFrom("sales_views").select("id").where("user_id", "=", userId).where("name", "=", clean).executeTakeFirst();
  if (existing) {
    await db.updateTable("sales_views").set({ request: JSON.stringify(request) }).where("id", "=", existing.id).execute();
    return (await listViews(db, userId)).find((v) => v.id === existing.id);
  }
  const count = await db.selectFrom("sales_views").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_VIEWS) throw new AppError("rule_violation", `At most ${MAX_VIEWS} saved views; delete one first`);
  const row = await db.insertInto("sales_views").values({ user_id: userId, name: clean, request: JSON.stringify(request), created_at: now.toISOString() }).returning("id").executeTakeFirstOrThrow();
  return (await listViews(db, userId)).find((v) => v.id === row.id);
}

export async function deleteView(db: Db, userId: number, id: number): Promise<void> {
  const result = await db.deleteFrom("sales_views").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound(`View ${id}`);
}
