// Use cases of follow-ups: create (also from a contact moment), list, reassign, move, mark done,
// with an audit line for every change and optimistic concurrency on updates.
import { followUpTiming, type QuickChoice, quickDueDate } from "../../domain/followup-dates.js";
import { isIsoDate } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { personRef } from "./person-ref.js";
import { findFollowUp, type FollowUpRow, followUpsOfActivity, followUpsOfRelation } from "./follow-up.repository.js";
import type { FollowUpCreateInput, FollowUpDto, FollowUpPatchInput } from "./follow-up.schemas.js";

export function toFollowUpDto(row: FollowUpRow, today: string): FollowUpDto {
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return {
    id: row.id,
    relation: { id: row.relation_id, name: row.relation_name },
    person: personRef(row),
    activityId: row.activity_id,
    assignedTo: { id: row.assigned_to, name: row.assigned_name },
    action: row.action,
    dueDate: row.due_date,
    status: row.status,
    timing: followUpTiming(row.due_date, row.status === "done", today),
    doneAt: row.done_at,
    doneBy: ref(row.done_by, row.done_by_name),
    createdBy: ref(row.created_by, row.created_by_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function getFollowUp(db: Db, id: number, today: string): Promise<FollowUpDto> {
  const row = await findFollowUp(db, id);
  if (!row) throw notFound(`Follow-up ${id}`);
  return toFollowUpDto(row, today);
}

export async function listFollowUpsOfRelation(db: Db, relationId: number, today: string): Promise<FollowUpDto[]> {
  const relation = await db.selectFrom("relations").select("id").where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  return (await followUpsOfRelation(db, relationId, 500)).map((r) => toFollowUpDto(r, today));
}

/** The due date from an explicit date or a quick choice counted from `from`. */
function resolveDueDate(input: { dueDate?: string; quickChoice?: QuickChoice }, from: string, problems: FieldProblem[]): string | undefined {
  if (input.dueDate !== undefined && input.quickChoice !== undefined) {
    problems.push(fieldProblem("quickChoice", "due_date_twice"));
    return undefined;
  }
  if (input.quickChoice !== undefined) return quickDueDate(from, input.quickChoice);
  if (input.dueDate !== undefined && !isIsoDate(input.dueDate)) {
    problems.push(fieldProblem("dueDate", "date_invalid"));
    return undefined;
  }
  return input.dueDate;
}

async function checkAssignee(db: Db, userId: number, problems: FieldProblem[], field = "assignedTo") {
  const user = await db.selectFrom("users").select(["id", "active"]).where("id", "=", userId).executeTakeFirst();
  if (!user) problems.push(fieldProblem(field, "user_unknown"));
  else if (user.active !== 1) problems.push(fieldProblem(field, "user_inactive"));
}

async function checkPersonOfRelation(db: Db, personId: number, relationId: number, problems: FieldProblem[], field = "personId") {
  const person = await db.selectFrom("persons").select("relation_id").where("id", "=", personId).executeTakeFirst();
  if (!person || person.relation_id !== relationId) problems.push(fieldProblem(field, "person_not_of_relation"));
}

export interface NewFollowUp extends FollowUpCreateInput {
  activityId?: number;
}

/**
 * Checks a new follow-up and returns the insert; `from` is the date quick choices count from.
 * Field names in problems are prefixed (e.g. "followUp.") when it is part of a contact moment.
 */
export async function prepareFollowUp(db: Db, user: AuthUser, relationId: number, input: NewFollowUp, from: string, prefix = "") {
  const problems: FieldProblem[] = [];
  const relation = await db.selectFrom("relations").select(["id", "owner_id"]).where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  const dueDate = resolveDueDate(input, from, problems);
  if (dueDate === undefined && !problems.some((p) => p.field === "dueDate" || p.field === "quickChoice")) problems.push(fieldProblem("dueDate", "required"));
  // DOMAIN.md: a follow-up is a reminder for the relation's owner; without an owner, for its author.
  const assignedTo = input.assignedTo ?? relation.owner_id ?? user.id;
  await checkAssignee(db, assignedTo, problems);
  if (input.personId != null) await checkPersonOfRelation(db, input.personId, relationId, problems);
  if (input.action.trim() === "") problems.push(fieldProblem("action", "required"));
  const prefixed = problems.map((p) => ({ ...p, field: `${prefix}${p.field}` }));
  return { problems: prefixed, values: { relationId, assignedTo, dueDate: dueDate ?? "", action: input.action.trim(), personId: input.personId ?? null, activityId: input.activityId ?? null } };
}

/** Inserts a prepared follow-up inside the caller's transaction, with its audit line. */
export async function insertFollowUp(trx: Db, user: AuthUser, v: Awaited<ReturnType<typeof prepareFollowUp>>["values"], now: Date): Promise<number> {
  const stamp = now.toISOString();
  const row = await trx
    .insertInto("follow_ups")
    .values({
      relation_id: v.relationId,
      person_id: v.personId,
      activity_id: v.activityId,
      assigned_to: v.assignedTo,
      action: v.action,
      due_date: v.dueDate,
      status: "open",
      created_by: user.id,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(trx, { entity: "follow_up", entityId: row.id, relationId: v.relationId, userId: user.id, at: stamp }, [
    ["created", null, v.action],
    ["due_date", null, v.dueDate],
    ["assigned_to", null, v.assignedTo],
  ]);
  return row.id;
}

export async function createFollowUp(db: Db, user: AuthUser, relationId: number, input: FollowUpCreateInput, now: Date, today: string): Promise<FollowUpDto> {
  const prepared = await prepareFollowUp(db, user, relationId, input, today);
  if (prepared.problems.length > 0) throw invalid(...prepared.problems);
  const id = await db.transaction().execute((trx) => insertFollowUp(trx, user, prepared.values, now));
  return getFollowUp(db, id, today);
}

/** Reassign, move (new due date), rename, link a person, mark done or open again. */
export async function updateFollowUp(
  db: Db,
  user: AuthUser,
  id: number,
  expectedVersion: number,
  input: FollowUpPatchInput,
  now: Date,
  today: string,
): Promise<FollowUpDto> {
  const current = await db.selectFrom("follow_ups").selectAll().where("id", "=", id).executeTakeFirst();
  if (!current) throw notFound(`Follow-up ${id}`);
  if (current.version !== expectedVersion) {
    throw new AppError("version_conflict", `You edited version ${expectedVersion}, but the follow-up is now at version ${current.version}; reload to see the changes`);
  }
  const problems: FieldProblem[] = [];
  // "Move it a month" counts from today, not from the old due date.
  const dueDate = resolveDueDate(input, today, problems);
  if (input.assignedTo !== undefined && input.assignedTo !== current.assigned_to) await checkAssignee(db, input.assignedTo, problems);
  if (input.personId != null) await checkPersonOfRelation(db, input.personId, current.relation_id, problems);
  if (input.action !== undefined && input.action.trim() === "") problems.push(fieldProblem("action", "required"));
  if (problems.length > 0) throw invalid(...problems);

  const stamp = now.toISOString();
  const next: Record<string, string | number | null> = {};
  if (input.action !== undefined) next.action = input.action.trim();
  if (dueDate !== undefined) next.due_date = dueDate;
  if (input.assignedTo !== undefined) next.assigned_to = input.assignedTo;
  if (input.personId !== undefined) next.person_id = input.personId;
  if (input.status !== undefined && input.status !== current.status) {
    next.status = input.status;
    next.done_at = input.status === "done" ? stamp : null;
    next.done_by = input.status === "done" ? user.id : null;
  }
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("follow_ups")
      .set({ ...next, updated_at: stamp, version: expectedVersion + 1 })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
    const before = current as unknown as Record<string, unknown>;
    const changes = Object.entries(next)
      .filter(([k, v]) => !["done_at", "done_by"].includes(k) && before[k] !== v)
      .map(([k, v]) => [k, before[k], v] as const);
    await writeAudit(trx, { entity: "follow_up", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, changes);
  });
  return getFollowUp(db, id, today);
}

/** Follow-ups set from the given contact moments, grouped by contact moment. */
export async function followUpsOfActivities(db: Db, activityIds: readonly number[], today: string): Promise<Map<number, FollowUpDto[]>> {
  const map = new Map<number, FollowUpDto[]>();
  for (const row of await followUpsOfActivity(db, activityIds)) {
    if (row.activity_id === null) continue;
    map.set(row.activity_id, [...(map.get(row.activity_id) ?? []), toFollowUpDto(row, today)]);
  }
  return map;
}
