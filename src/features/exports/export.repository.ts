// SQL of exports: the full rows behind one page of the relation list, and what hangs off them.
import type { Db } from "../../db/kysely.js";

export function relationRowsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("relations").selectAll().where("id", "in", [...ids]).execute();
}

export function sbiCodesByRelation(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("relation_sbi_codes").select(["relation_id", "sbi_code"]).where("relation_id", "in", [...ids]).orderBy("relation_id").orderBy("position").execute();
}

export function personsOfRelations(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("persons").selectAll().where("relation_id", "in", [...ids]).orderBy("relation_id").orderBy("active", "desc").orderBy("sort_key").orderBy("id").execute();
}

export function dmuRolesOf(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("person_dmu_roles").select(["person_id", "role"]).where("person_id", "in", [...personIds]).execute();
}

export function activitiesOfRelations(db: Db, ids: readonly number[], from: string | null, to: string | null) {
  if (ids.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom("activities as a")
    .leftJoin("users as u", "u.id", "a.created_by")
    .select(["a.id", "a.relation_id", "a.kind", "a.occurred_at", "a.occurred_on", "a.sales_method", "a.notes", "a.internal_notes", "a.outcome", "a.win_chance", "a.next_step", "u.name as created_by_name"])
    .where("a.relation_id", "in", [...ids]);
  if (from) q = q.where("a.occurred_on", ">=", from);
  if (to) q = q.where("a.occurred_on", "<=", to);
  return q.orderBy("a.relation_id").orderBy("a.occurred_at", "desc").orderBy("a.id", "desc").execute();
}

export async function participantsOf(db: Db, activityIds: readonly number[]) {
  if (activityIds.length === 0) return { users: [], persons: [] };
  const [users, persons] = await Promise.all([
    db.selectFrom("activity_users as au").innerJoin("users as u", "u.id", "au.user_id").select(["au.activity_id", "u.name"]).where("au.activity_id", "in", [...activityIds]).execute(),
    db
      .selectFrom("activity_persons as ap")
      .innerJoin("persons as p", "p.id", "ap.person_id")
      .select(["ap.activity_id", "p.first_name", "p.initials", "p.infix", "p.last_name"])
      .where("ap.activity_id", "in", [...activityIds])
      .execute(),
  ]);
  return { users, persons };
}
