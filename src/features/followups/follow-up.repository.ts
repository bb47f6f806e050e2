// SQL of follow-ups: one, per relation, a user's open ones up to a date, and overdue counts per rep.
import type { Db } from "../../db/kysely.js";

function selectFollowUps(db: Db) {
  return db
    .selectFrom("follow_ups as f")
    .innerJoin("relations as r", "r.id", "f.relation_id")
    .innerJoin("users as a", "a.id", "f.assigned_to")
    .leftJoin("persons as p", "p.id", "f.person_id")
    .leftJoin("users as d", "d.id", "f.done_by")
    .leftJoin("users as c", "c.id", "f.created_by")
    .select([
      "f.id",
      "f.relation_id",
      "r.name as relation_name",
      "f.activity_id",
      "f.assigned_to",
      "a.name as assigned_name",
      "f.action",
      "f.due_date",
      "f.status",
      "f.done_at",
      "f.done_by",
      "d.name as done_by_name",
      "f.created_by",
      "c.name as created_by_name",
      "f.created_at",
      "f.updated_at",
      "f.version",
      "p.id as person_id",
      "p.first_name as person_first_name",
      "p.initials as person_initials",
      "p.infix as person_infix",
      "p.last_name as person_last_name",
    ]);
}

export type FollowUpRow = NonNullable<Awaited<ReturnType<typeof findFollowUp>>>;

export function findFollowUp(db: Db, id: number) {
  return selectFollowUps(db).where("f.id", "=", id).executeTakeFirst();
}

export function followUpsOfRelation(db: Db, relationId: number, limit: number) {
  // Open ones first ("open" > "done"), soonest due first.
  return selectFollowUps(db)
    .where("f.relation_id", "=", relationId)
    .orderBy("f.status", "desc")
    .orderBy("f.due_date")
    .orderBy("f.id")
    .limit(limit)
    .execute();
}

export function followUpsOfActivity(db: Db, activityIds: readonly number[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return selectFollowUps(db).where("f.activity_id", "in", [...activityIds]).orderBy("f.id").execute();
}

/** Open follow-ups of a user due in [from, to] (from null: no lower bound); index follow_ups_assigned. */
export function openFollowUpsOfUser(db: Db, userId: number, from: string | null, to: string, limit: number) {
  let q = selectFollowUps(db).where("f.assigned_to", "=", userId).where("f.status", "=", "open").where("f.due_date", "<=", to);
  if (from !== null) q = q.where("f.due_date", ">=", from);
  return q.orderBy("f.due_date").orderBy("f.id").limit(limit).execute();
}

export async function countOpenFollowUpsOfUser(db: Db, userId: number, from: string | null, to: string): Promise<number> {
  let q = db
    .selectFrom("follow_ups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assigned_to", "=", userId)
    .where("status", "=", "open")
    .where("due_date", "<=", to);
  if (from !== null) q = q.where("due_date", ">=", from);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Open follow-ups due before `today`, counted per assignee (index follow_ups_status_due). */
export function overdueCountsPerUser(db: Db, today: string, userIds: readonly number[] | null) {
  return db
    .selectFrom("follow_ups as f")
    .$if(userIds !== null, (w) => w.where("f.assigned_to", "in", [...(userIds ?? []), -1]))
    .innerJoin("users as u", "u.id", "f.assigned_to")
    .select((eb) => ["f.assigned_to", "u.name", "u.active", eb.fn.countAll<number>().as("n"), eb.fn.min("f.due_date").as("oldest")])
    .where("f.status", "=", "open")
    .where("f.due_date", "<", today)
    .groupBy(["f.assigned_to", "u.name", "u.active"])
    .execute();
}

export interface FollowUpFilter {
  /** Assignees the list's scope keeps (mine, team); null = everyone. */
  scopeUserIds: readonly number[] | null;
  assigneeIds: readonly number[];
  status: "open" | "done" | null;
  /** Due dates, inclusive (YYYY-MM-DD); null = open-ended. */
  dueFrom: string | null;
  dueTo: string | null;
}

function filteredFollowUps(db: Db, f: FollowUpFilter) {
  let q = selectFollowUps(db);
  // -1 is no user: an empty scope (a viewer who owns nothing) keeps nothing.
  if (f.scopeUserIds !== null) q = q.where("f.assigned_to", "in", [...f.scopeUserIds, -1]);
  if (f.assigneeIds.length > 0) q = q.where("f.assigned_to", "in", [...f.assigneeIds]);
  if (f.status !== null) q = q.where("f.status", "=", f.status);
  if (f.dueFrom !== null) q = q.where("f.due_date", ">=", f.dueFrom);
  if (f.dueTo !== null) q = q.where("f.due_date", "<=", f.dueTo);
  return q;
}

/** Soonest due first, keyset on (due date, id). */
export function listFollowUps(db: Db, f: FollowUpFilter, after: { dueDate: string; id: number } | null, limit: number) {
  let q = filteredFollowUps(db, f);
  if (after !== null) {
    const { dueDate, id } = after;
    q = q.where((eb) => eb.or([eb("f.due_date", ">", dueDate), eb.and([eb("f.due_date", "=", dueDate), eb("f.id", ">", id)])]));
  }
  return q.orderBy("f.due_date").orderBy("f.id").limit(limit).execute();
}

/** Matching follow-ups counted up to `cap`. */
export async function countFollowUps(db: Db, f: FollowUpFilter, cap: number): Promise<number> {
  const inner = filteredFollowUps(db, f).clearSelect().select("f.id").limit(cap);
  const row = await db.selectFrom(inner.as("t")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
