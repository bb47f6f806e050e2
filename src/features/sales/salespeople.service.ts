// Salespeople as the ERP names them: many never log in, so a salesperson need not be a user. Matched
// by e-mail address or name; a user with that e-mail or name is linked, so that rep's own figures
// are theirs when they log in.
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";

export const emailKeyOf = (text: string) => (text.includes("@") ? text.trim().toLowerCase() : null);

/** Salespeople by the text of a rep column: an e-mail address or a name. */
export async function matchSalespeople(db: Db, texts: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const people = await db.selectFrom("salespeople").select(["id", "name_key", "email_key"]).execute();
  const byEmail = new Map(people.filter((p) => p.email_key).map((p) => [p.email_key as string, p.id]));
  const byName = new Map(people.map((p) => [p.name_key, p.id]));
  for (const t of texts) {
    const email = emailKeyOf(t);
    const id = email ? byEmail.get(email) : byName.get(normalizeKey(t));
    if (id !== undefined) found.set(normalizeKey(t), id);
  }
  return found;
}

/** Creates a salesperson for a rep text, linked to the user with that e-mail or name if there is one. */
export async function createSalesperson(db: Db, text: string, rayonId: number | null, now: Date): Promise<number> {
  const email = emailKeyOf(text);
  const user = email
    ? await db.selectFrom("users").select(["id", "name", "email"]).where("email", "=", email).executeTakeFirst()
    : await db.selectFrom("users").select(["id", "name", "email"]).where("name", "=", text.trim()).where("role", "in", ["field_sales", "inside_sales", "sales_manager"]).executeTakeFirst();
  const linked = user ? await db.selectFrom("salespeople").select("id").where("user_id", "=", user.id).executeTakeFirst() : undefined;
  if (linked) return linked.id;
  const name = user?.name ?? (email ? email.split("@")[0] ?? text : text.trim()).slice(0, 200);
  const row = await db
    .insertInto("salespeople")
    .values({ name, name_key: normalizeKey(name), email: user?.email ?? email, email_key: user?.email.toLowerCase() ?? email, user_id: user?.id ?? null, rayon_id: rayonId, created_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The salesperson a user is (null when the ERP never named them). */
export async function salespersonOfUser(db: Db, userId: number | null): Promise<number | null> {
  if (userId === null) return null;
  return (await db.selectFrom("salespeople").select("id").where("user_id", "=", userId).executeTakeFirst())?.id ?? null;
}

export function listSalespeople(db: Db) {
  return db
    .selectFrom("salespeople as s")
    .leftJoin("rayons as r", "r.id", "s.rayon_id")
    .select(["s.id", "s.name", "s.email", "s.user_id", "s.rayon_id", "r.name as rayon_name", "s.active"])
    .orderBy("s.name_key")
    .execute();
}
