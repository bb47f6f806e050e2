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

/** The rayons of many users in one query: user id → rayon ids (a user without rayons is missing). */
export async function rayonIdsOfUsers(db: Db, userIds: readonly number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  // Chunks of 500 keep the IN list within every engine's parameter limit.
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db.selectFrom("user_rayons").select(["user_id", "rayon_id"]).where("user_id", "in", userIds.slice(i, i + 500)).execute();
    for (const r of rows) result.set(r.user_id, [...(result.get(r.user_id) ?? []), r.rayon_id]);
  }
  return result;
}
