// SQL of contact moments: the keyset-paged timeline of a relation, one by id, and their parts.
import type { Db } from "../../db/kysely.js";

function selectActivities(db: Db) {
  return db
    .selectFrom("activities as a")
    .innerJoin("relations as r", "r.id", "a.relation_id")
    .leftJoin("users as c", "c.id", "a.created_by")
    .select([
      "a.id",
      "a.relation_id",
      "r.name as relation_name",
      "a.kind",
      "a.occurred_at",
      "a.occurred_on",
      "a.sales_method",
      "a.notes",
      "a.internal_notes",
      "a.outcome",
      "a.win_chance",
      "a.next_step",
      "a.created_by",
      "c.name as created_by_name",
      "a.created_at",
      "a.updated_at",
      "a.version",
    ]);
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export function findActivity(db: Db, id: number) {
  return selectActivities(db).where("a.id", "=", id).executeTakeFirst();
}

/** Newest first; `after` is the (occurred_at, id) of the last row of the previous page. */
export function activitiesOfRelation(db: Db, relationId: number, after: [string, number] | null, limit: number) {
  let q = selectActivities(db).where("a.relation_id", "=", relationId);
  if (after) {
    const [at, id] = after;
    q = q.where((eb) => eb.or([eb("a.occurred_at", "<", at), eb.and([eb("a.occurred_at", "=", at), eb("a.id", "<", id)])]));
  }
  return q.orderBy("a.occurred_at", "desc").orderBy("a.id", "desc").limit(limit).execute();
}

export async function participantsOf(db: Db, activityIds: readonly number[]) {
  if (activityIds.length === 0) return { users: [], persons: [] };
  const ids = [...activityIds];
  const [users, persons] = await Promise.all([
    db
      .selectFrom("activity_users as au")
      .innerJoin("users as u", "u.id", "au.user_id")
      .select(["au.activity_id", "u.id", "u.name"])
      .where("au.activity_id", "in", ids)
      .orderBy("u.name")
      .execute(),
    db
      .selectFrom("activity_persons as ap")
      .innerJoin("persons as p", "p.id", "ap.person_id")
      .select([
        "ap.activity_id",
        "p.id as person_id",
        "p.first_name as person_first_name",
        "p.initials as person_initials",
        "p.infix as person_infix",
        "p.last_name as person_last_name",
        "p.sort_key",
      ])
      .where("ap.activity_id", "in", ids)
      .orderBy("p.sort_key")
      .execute(),
  ]);
  return { users, persons };
}

export function attachmentsOf(db: Db, activityIds: readonly number[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("activity_attachments as t")
    .leftJoin("users as u", "u.id", "t.uploaded_by")
    .select(["t.id", "t.activity_id", "t.file_name", "t.content_type", "t.size_bytes", "t.uploaded_by", "u.name as uploaded_by_name", "t.uploaded_at"])
    .where("t.activity_id", "in", [...activityIds])
    .orderBy("t.id")
    .execute();
}

/** Replaces the participants of a contact moment (users carry a copy of its time). */
export async function writeParticipants(db: Db, activityId: number, occurredAt: string, userIds: readonly number[] | undefined, personIds: readonly number[] | undefined) {
  if (userIds !== undefined) {
    await db.deleteFrom("activity_users").where("activity_id", "=", activityId).execute();
    if (userIds.length > 0) {
      await db.insertInto("activity_users").values(userIds.map((user_id) => ({ activity_id: activityId, user_id, occurred_at: occurredAt }))).execute();
    }
  }
  if (personIds !== undefined) {
    await db.deleteFrom("activity_persons").where("activity_id", "=", activityId).execute();
    if (personIds.length > 0) {
      await db.insertInto("activity_persons").values(personIds.map((person_id) => ({ activity_id: activityId, person_id }))).execute();
    }
  }
}
