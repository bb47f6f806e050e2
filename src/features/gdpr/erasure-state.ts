// Whether a person has been erased (GDPR): other features refuse to record new data about them.
import type { Db } from "../../db/kysely.js";

export async function isPersonErased(db: Db, personId: number): Promise<boolean> {
  return (await db.selectFrom("person_erasures").select("person_id").where("person_id", "=", personId).executeTakeFirst()) !== undefined;
}
