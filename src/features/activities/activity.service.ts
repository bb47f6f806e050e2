// Use cases of contact moments: the timeline of a relation, log one (with its follow-up in the same
// transaction), read and change one with If-Match. Every change writes audit lines.
import { type Db, inTransaction } from "../../db/kysely.js";
import { mayActFor } from "../../domain/acting.js";
import { can } from "../../domain/roles.js";
import { actorOf, mayActForUser } from "../users/user.service.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { decodeCursor, encodeCursor } from "../../server/http.js";
import { amsterdamDate } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { personRef } from "../followups/person-ref.js";
import { followUpsOfActivities, insertFollowUp, prepareFollowUp } from "../followups/follow-up.service.js";
import { type ActivityRow, activitiesOfRelation, attachmentsOf, findActivity, participantsOf, writeParticipants } from "./activity.repository.js";
import type { ActivityCreateInput, ActivityDto, ActivityPatchInput } from "./activity.schemas.js";

/** Planned contact moments may lie ahead, but not beyond this many days. */
const MAX_DAYS_AHEAD = 2 * 366;
const EARLIEST = "2000-01-01T00:00:00.000Z";

/** The contact moments as DTOs; with a viewer each carries whether that viewer may change it (mayChangeActivity). */
async function toDtos(db: Db, rows: readonly ActivityRow[], today: string, viewer?: AuthUser): Promise<ActivityDto[]> {
  const ids = rows.map((r) => r.id);
  const [parts, files, followUps] = await Promise.all([participantsOf(db, ids), attachmentsOf(db, ids), followUpsOfActivities(db, ids, today)]);
  const mayChange = new Map<number, boolean>();
  if (viewer) {
    const actFor = actingFor(db, viewer);
    for (const r of rows) {
      const participants = parts.users.filter((u) => u.activity_id === r.id).map((u) => u.id);
      mayChange.set(r.id, await mayChangeActivity(viewer, participants, r.created_by, actFor));
    }
  }
  return rows.map((r) => ({
    id: r.id,
    relation: { id: r.relation_id, name: r.relation_name },
    kind: r.kind,
    occurredAt: r.occurred_at,
    occurredOn: r.occurred_on,
    users: parts.users.filter((u) => u.activity_id === r.id).map((u) => ({ id: u.id, name: u.name })),
    persons: parts.persons.filter((p) => p.activity_id === r.id).flatMap((p) => personRef(p) ?? []),
    salesMethod: r.sales_method,
    notes: r.notes,
    internalNotes: r.internal_notes,
    outcome: r.outcome,
    winChance: r.win_chance,
    nextStep: r.next_step,
    attachments: files
      .filter((f) => f.activity_id === r.id)
      .map((f) => ({
        id: f.id,
        fileName: f.file_name,
        contentType: f.content_type,
        sizeBytes: f.size_bytes,
        uploadedBy: f.uploaded_by !== null && f.uploaded_by_name !== null ? { id: f.uploaded_by, name: f.uploaded_by_name } : null,
        uploadedAt: f.uploaded_at,
        url: `/api/attachments/${f.id}`,
      })),
    followUps: followUps.get(r.id) ?? [],
    createdBy: r.created_by !== null && r.created_by_name !== null ? { id: r.created_by, name: r.created_by_name } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    ...(viewer ? { mayChange: mayChange.get(r.id) ?? false } : {}),
  }));
}

export async function getActivity(db: Db, id: number, today: string, viewer?: AuthUser): Promise<ActivityDto> {
  const row = await findActivity(db, id);
  if (!row) throw notFound(`Contact moment ${id}`);
  return (await toDtos(db, [row], today, viewer))[0] as ActivityDto;
}

/** The relation's timeline, newest first, in keyset pages. */
export async function listActivitiesPage(db: Db, relationId: number, q: { limit?: number; cursor?: string }, today: string, viewer?: AuthUser) {
  const relation = await db.selectFrom("relations").select("id").where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  const limit = q.limit ?? 30;
  const after = q.cursor ? (decodeCursor(q.cursor, 2) as [string, number]) : null;
  if (after && (typeof after[0] !== "string" || typeof after[1] !== "number")) throw new AppError("bad_request", "The cursor is not valid; start again from the first page");
  const rows = await activitiesOfRelation(db, relationId, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await toDtos(db, page, today, viewer),
    nextCursor: rows.length > limit && last ? encodeCursor([last.occurred_at, last.id]) : null,
  };
}

/** The instant in UTC ISO form, or a field problem when it is unreadable or out of range. */
function checkInstant(raw: string, now: Date, problems: FieldProblem[]): string | undefined {
  const t = Date.parse(raw);
  if (Number.isNaN(t)) {
    problems.push(fieldProblem("occurredAt", "invalid"));
    return undefined;
  }
  const iso = new Date(t).toISOString();
  if (iso < EARLIEST || t > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
    problems.push(fieldProblem("occurredAt", "date_out_of_range"));
    return undefined;
  }
  return iso;
}

async function checkParticipants(db: Db, relationId: number, userIds: readonly number[] | undefined, personIds: readonly number[] | undefined, problems: FieldProblem[]) {
  if (userIds && userIds.length > 0) {
    const found = await db.selectFrom("users").select("id").where("id", "in", [...userIds]).execute();
    if (found.length !== new Set(userIds).size) problems.push(fieldProblem("userIds", "user_unknown"));
  }
  if (personIds && personIds.length > 0) {
    const found = await db.selectFrom("persons").select("id").where("id", "in", [...personIds]).where("relation_id", "=", relationId).execute();
    if (found.length !== new Set(personIds).size) problems.push(fieldProblem("personIds", "person_not_of_relation"));
  }
}

/** Text fields as stored: trimmed, empty → null, kept as plain text (no HTML processing). */
const text = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());

function textColumns(input: ActivityPatchInput) {
  const columns: Record<string, string | number | null> = {};
  const set = (k: string, v: string | number | null | undefined) => {
    if (v !== undefined) columns[k] = v;
  };
  set("kind", input.kind);
  set("sales_method", input.salesMethod === undefined ? undefined : input.salesMethod);
  set("notes", text(input.notes));
  set("internal_notes", text(input.internalNotes));
  set("outcome", text(input.outcome));
  set("win_chance", input.winChance);
  set("next_step", text(input.nextStep));
  return columns;
}

/**
 * A contact moment is the report of those who were there: it is changed by one of them, by whoever
 * recorded it, or by someone who may act for every one of them. Fails closed: one without
 * participants or recorder is changed only by those who act for anyone. The PATCH and the
 * `mayChange` flag of every contact moment read use this one rule; `actFor` lets a page of them
 * share the look-ups of the same colleague.
 */
export async function mayChangeActivity(
  user: AuthUser,
  participants: readonly number[],
  createdBy: number | null,
  actFor: (userId: number | null) => Promise<boolean>,
): Promise<boolean> {
  if (!can(user.role, "crm.write")) return false;
  if (participants.includes(user.id) || createdBy === user.id) return true;
  const owners = participants.length > 0 ? participants : [createdBy];
  for (const owner of owners) if (!(await actFor(owner))) return false;
  return true;
}

/** mayActForUser, asked once per colleague: a timeline page names the same reps again and again. */
function actingFor(db: Db, user: AuthUser): (userId: number | null) => Promise<boolean> {
  const known = new Map<number | null, Promise<boolean>>();
  return (userId) => {
    let answer = known.get(userId);
    if (!answer) {
      answer = mayActForUser(db, user, userId);
      known.set(userId, answer);
    }
    return answer;
  };
}

async function checkMayChange(db: Db, user: AuthUser, id: number, createdBy: number | null): Promise<void> {
  const participants = (await db.selectFrom("activity_users").select("user_id").where("activity_id", "=", id).execute()).map((r) => r.user_id);
  if (!(await mayChangeActivity(user, participants, createdBy, actingFor(db, user)))) {
    throw new AppError("forbidden", "This contact moment is another rep's report; only a manager (or inside sales for that rep) changes it");
  }
}

/**
 * A contact moment the user took part in may name the colleagues who were there too; one the user was
 * not at is recorded for others, which only someone allowed to act for each of them may do.
 */
async function checkActingFor(db: Db, user: AuthUser, userIds: readonly number[]): Promise<void> {
  if (userIds.includes(user.id)) return;
  for (const id of userIds) {
    const other = await actorOf(db, id);
    if (other && !mayActFor(user, other)) throw new AppError("forbidden", `You may not record contact moments for ${other.name}`);
  }
}

export async function createActivity(db: Db, user: AuthUser, relationId: number, input: ActivityCreateInput, now: Date): Promise<ActivityDto> {
  const relation = await db.selectFrom("relations").select("id").where("id", "=", relationId).executeTakeFirst();
  if (!relation) throw notFound(`Relation ${relationId}`);
  const problems: FieldProblem[] = [];
  const occurredAt = input.occurredAt === undefined ? now.toISOString() : checkInstant(input.occurredAt, now, problems);
  const occurredOn = occurredAt ? amsterdamDate(new Date(occurredAt)) : amsterdamDate(now);
  const userIds = input.userIds ?? [user.id];
  await checkActingFor(db, user, userIds);
  await checkParticipants(db, relationId, userIds, input.personIds, problems);
  // "Call again in six months" counts from the day of the contact moment.
  const followUp = input.followUp ? await prepareFollowUp(db, user, relationId, input.followUp, occurredOn, "followUp.") : null;
  if (followUp) problems.push(...followUp.problems);
  if (problems.length > 0 || occurredAt === undefined) throw invalid(...problems);

  const today = amsterdamDate(now);
  // Joins the caller's transaction when handed one (the visit report writes its own rows beside it).
  const id = await inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const row = await trx
      .insertInto("activities")
      .values({
        ...textColumns(input),
        kind: input.kind,
        relation_id: relationId,
        occurred_at: occurredAt,
        occurred_on: occurredOn,
        created_by: user.id,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeParticipants(trx, row.id, occurredAt, userIds, input.personIds ?? []);
    await writeAudit(trx, { entity: "activity", entityId: row.id, relationId, userId: user.id, at: stamp }, [
      ["created", null, input.kind],
      ["occurred_at", null, occurredAt],
      ...(input.winChance != null ? [["win_chance", null, input.winChance] as const] : []),
    ]);
    if (followUp) await insertFollowUp(trx, user, { ...followUp.values, activityId: row.id }, now);
    return row.id;
  });
  return getActivity(db, id, today, user);
}

export async function updateActivity(db: Db, user: AuthUser, id: number, expectedVersion: number, input: ActivityPatchInput, now: Date): Promise<ActivityDto> {
  const current = await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst();
  if (!current) throw notFound(`Contact moment ${id}`);
  await checkMayChange(db, user, id, current.created_by);
  if (current.version !== expectedVersion) {
    throw new AppError("version_conflict", `You edited version ${expectedVersion}, but the contact moment is now at version ${current.version}; reload to see the changes`);
  }
  const problems: FieldProblem[] = [];
  const occurredAt = input.occurredAt === undefined ? current.occurred_at : checkInstant(input.occurredAt, now, problems);
  if (input.userIds !== undefined) await checkActingFor(db, user, input.userIds);
  await checkParticipants(db, current.relation_id, input.userIds, input.personIds, problems);
  if (problems.length > 0 || occurredAt === undefined) throw invalid(...problems);

  const columns = textColumns(input);
  if (input.occurredAt !== undefined) {
    columns.occurred_at = occurredAt;
    columns.occurred_on = amsterdamDate(new Date(occurredAt));
  }
  await db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    const result = await trx
      .updateTable("activities")
      .set({ ...columns, updated_at: stamp, version: expectedVersion + 1 })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
    const before = current as unknown as Record<string, unknown>;
    const changes: (readonly [string, unknown, unknown])[] = Object.entries(columns)
      .filter(([k, v]) => k !== "occurred_on" && before[k] !== v)
      .map(([k, v]) => [k, before[k], v] as const);
    if (input.userIds !== undefined || input.personIds !== undefined) {
      const old = await participantsOf(trx, [id]);
      if (input.userIds !== undefined) changes.push(["user_ids", old.users.map((u) => u.id).sort((a, b) => a - b).join(","), [...input.userIds].sort((a, b) => a - b).join(",")]);
      if (input.personIds !== undefined) changes.push(["person_ids", old.persons.map((p) => p.person_id).sort((a, b) => a - b).join(","), [...input.personIds].sort((a, b) => a - b).join(",")]);
    }
    await writeParticipants(trx, id, occurredAt, input.userIds, input.personIds);
    // Users keep a copy of the time for "My day": move it along.
    if (input.occurredAt !== undefined && input.userIds === undefined) {
      await trx.updateTable("activity_users").set({ occurred_at: occurredAt }).where("activity_id", "=", id).execute();
    }
    await writeAudit(trx, { entity: "activity", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, changes.filter(([, o, n]) => o !== n));
  });
  return getActivity(db, id, amsterdamDate(now), user);
}

/** The relation of each contact moment, by its id: what a list elsewhere links to (the mail inbox's "logged"). */
export async function relationsOfActivities(db: Db, ids: readonly number[]): Promise<Map<number, { id: number; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("activities as a").innerJoin("relations as r", "r.id", "a.relation_id").select(["a.id", "r.id as relation_id", "r.name"]).where("a.id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.relation_id, name: r.name }]));
}
