import type { Db } from "../../db/kysely.js";

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function rayonIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("user_rayons").select("rayon_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.rayon_id);
}
