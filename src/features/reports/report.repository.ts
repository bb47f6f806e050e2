// SQL of the management reports. Both read indexed date ranges of activities and group in the
// database, so what reaches JavaScript is small (rep × day × class, or one row per visited relation).
import type { Db } from "../../db/kysely.js";

/** Contact moments per taking-part user, Amsterdam date and current class of the relation. */
export function contactMomentCounts(db: Db, from: string, to: string, userIds: readonly number[] | null) {
  return db
    .selectFrom("activities as a")
    .innerJoin("activity_users as au", "au.activity_id", "a.id")
    .$if(userIds !== null, (w) => w.where("au.user_id", "in", [...(userIds ?? []), -1]))
    .innerJoin("relations as r", "r.id", "a.relation_id")
    .select((eb) => ["au.user_id", "a.occurred_on", "r.account_class", eb.fn.countAll<number>().as("n")])
    .where("a.occurred_on", ">=", from)
    .where("a.occurred_on", "<=", to)
    .groupBy(["au.user_id", "a.occurred_on", "r.account_class"])
    .execute();
}

export function userNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("users").select(["id", "name"]).where("id", "in", [...ids]).execute();
}

/** Visits per relation with after < date <= until (index activities_kind_on). */
export function visitCounts(db: Db, kinds: readonly string[], after: string, until: string) {
  return db
    .selectFrom("activities")
    .select((eb) => ["relation_id", eb.fn.countAll<number>().as("n"), eb.fn.max("occurred_on").as("last")])
    .where("kind", "in", [...kinds])
    .where("occurred_on", ">", after)
    .where("occurred_on", "<=", until)
    .groupBy("relation_id")
    .execute();
}

/** Relations with a class that are not dead: the ones a visit norm applies to. */
export function classedRelations(db: Db, ownerId: number | undefined) {
  let q = db
    .selectFrom("relations as r")
    .leftJoin("users as u", "u.id", "r.owner_id")
    .select(["r.id", "r.name", "r.visit_city", "r.account_class", "r.owner_id", "u.name as owner_name"])
    .where("r.account_class", "is not", null)
    .where("r.status", "!=", "dead");
  if (ownerId !== undefined) q = q.where("r.owner_id", "=", ownerId);
  return q.execute();
}
