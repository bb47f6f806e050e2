// Use cases of the agenda: plan, read, move or change, cancel and delete an appointment. Who may plan
// for whom follows the acting-for policy (domain/acting.ts); who reads whose agenda follows
// agendaScope (domain/access.ts). Overlaps and hours outside the working day are warnings returned
// with the appointment, never refusals (the overlap policy: domain/agenda.ts overlappingAppointments,
// also for a cycle plan or day route accepted); a dead relation and impossible times are refused.
import { agendaScope, type Viewer } from "../../domain/access.js";
import { mayActFor, mayActForAnyone } from "../../domain/acting.js";
import { MAX_DAYS_AHEAD, MAX_DAYS_BACK, minutesOfDay, outsideWorkingHours, overlappingAppointments, type PlaceKind } from "../../domain/agenda.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import { AppError, type FieldProblem, fieldProblem, invalid, notFound } from "../../server/errors.js";
import { can } from "../../domain/roles.js";
import { amsterdamDate, amsterdamTime } from "../../server/time.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { personRef } from "../followups/person-ref.js";
import { actorOf } from "../users/user.service.js";
import { type AppointmentRow, appointmentsInRange, findAppointment, personsOf, plannedOverlapping } from "./appointment.repository.js";
import type { AppointmentCreateInput, AppointmentDto, AppointmentPatchInput } from "./appointment.schemas.js";

type Warning = AppointmentDto["warnings"][number];

function addressLine(street: string | null, number: string | null, postcode: string | null, city: string | null): string | null {
  const first = [street, number].filter(Boolean).join(" ");
  const second = [postcode, city].filter(Boolean).join(" ");
  const line = [first, second].filter((s) => s !== "").join(", ");
  return line === "" ? null : line;
}

function placeAddress(row: AppointmentRow): string | null {
  if (row.place_kind === "other") return row.place_text;
  if (row.place_kind === "postal_address") return addressLine(row.postal_street, row.postal_house_number, row.postal_postcode, row.postal_city);
  return addressLine(row.visit_street, row.visit_house_number, row.visit_postcode, row.visit_city);
}

/** Overlap and working-hour warnings of planned appointments, from one query over their users and span. */
async function warningsOf(db: Db, rows: readonly AppointmentRow[]): Promise<Map<number, Warning[]>> {
  const result = new Map<number, Warning[]>();
  const planned = rows.filter((r) => r.status === "planned");
  if (planned.length === 0) return result;
  const from = new Date(Math.min(...planned.map((r) => Date.parse(r.starts_at)))).toISOString();
  const to = new Date(Math.max(...planned.map((r) => Date.parse(r.ends_at)))).toISOString();
  const others = (await plannedOverlapping(db, [...new Set(planned.map((r) => r.for_user_id))], from, to)).map((o) => ({ ...o, startMs: Date.parse(o.starts_at), endMs: Date.parse(o.ends_at) }));
  for (const r of planned) {
    const warnings: Warning[] = [];
    const self = { id: r.id, startMs: Date.parse(r.starts_at), endMs: Date.parse(r.ends_at) };
    const sameUser = others.filter((o) => o.for_user_id === r.for_user_id);
    for (const o of overlappingAppointments(self, sameUser)) {
      const start = new Date(o.starts_at);
      warnings.push({
        code: "overlap",
        message: `Overlaps with the appointment at ${o.relation_name} on ${amsterdamDate(start)} at ${amsterdamTime(start)}`,
        other: { id: o.id, relation: { id: o.relation_id, name: o.relation_name }, start: new Date(o.starts_at).toISOString(), end: new Date(o.ends_at).toISOString() },
      });
    }
    const start = new Date(r.starts_at);
    const end = new Date(r.ends_at);
    const crossesMidnight = amsterdamDate(start) !== amsterdamDate(new Date(end.getTime() - 1));
    const startMinute = minutesOfDay(amsterdamTime(start)) ?? 0;
    if (crossesMidnight || outsideWorkingHours(startMinute, r.duration_minutes, r.work_start, r.work_end)) {
      warnings.push({
        code: "outside_working_hours",
        message: `Lies outside ${r.for_user_name}'s working hours (${r.work_start}–${r.work_end})`,
        workStart: r.work_start,
        workEnd: r.work_end,
      });
    }
    result.set(r.id, warnings);
  }
  return result;
}

/**
 * Whether `viewer` may move or change appointments in `owner`'s agenda (null: a user who left). The
 * write paths (currentForWrite) and the `mayChange` flag the screens read use this one rule, so no
 * screen offers a move the server refuses.
 */
function mayWriteAgendaOf(viewer: Viewer, owner: Awaited<ReturnType<typeof actorOf>>): boolean {
  // An appointment of a user who left may still be tidied up by a manager.
  return owner ? mayActFor(viewer, owner) : mayActForAnyone(viewer);
}

async function mayChangeOf(db: Db, viewer: Viewer, rows: readonly AppointmentRow[]): Promise<Map<number, boolean>> {
  const result = new Map<number, boolean>();
  if (!can(viewer.role, "crm.write")) return result;
  const owners = new Map<number, boolean>();
  for (const id of new Set(rows.map((r) => r.for_user_id))) owners.set(id, mayWriteAgendaOf(viewer, await actorOf(db, id)));
  for (const r of rows) result.set(r.id, r.status === "planned" && owners.get(r.for_user_id) === true);
  return result;
}

async function toDtos(db: Db, viewer: Viewer, rows: readonly AppointmentRow[]): Promise<AppointmentDto[]> {
  const [persons, warnings, mayChange] = await Promise.all([personsOf(db, rows.map((r) => r.id)), warningsOf(db, rows), mayChangeOf(db, viewer, rows)]);
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return rows.map((r) => {
    const start = new Date(r.starts_at);
    const end = new Date(r.ends_at);
    return {
      id: r.id,
      relation: { id: r.relation_id, name: r.relation_name, status: r.relation_status },
      forUser: { id: r.for_user_id, name: r.for_user_name },
      createdBy: ref(r.created_by, r.created_by_name),
      visitType: r.visit_type,
      persons: persons.filter((p) => p.appointment_id === r.id).flatMap((p) => personRef(p) ?? []),
      placeKind: r.place_kind,
      placeText: r.place_text,
      address: placeAddress(r),
      start: start.toISOString(),
      end: end.toISOString(),
      date: amsterdamDate(start),
      startTime: amsterdamTime(start),
      endTime: amsterdamTime(end),
      durationMinutes: r.duration_minutes,
      notes: r.notes,
      status: r.status,
      cancelReason: r.cancel_reason,
      cancelledAt: r.cancelled_at,
      cancelledBy: ref(r.cancelled_by, r.cancelled_by_name),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      warnings: warnings.get(r.id) ?? [],
      mayChange: mayChange.get(r.id) ?? false,
    };
  });
}

export async function getAppointment(db: Db, viewer: Viewer, id: number): Promise<AppointmentDto> {
  // Outside the viewer's scope it does not exist for them (404, not 403: no confirmation it is there).
  const row = await findAppointment(db, id, agendaScope(viewer));
  if (!row) throw notFound(`Appointment ${id}`);
  return (await toDtos(db, viewer, [row]))[0] as AppointmentDto;
}

export interface AgendaRange {
  /** Amsterdam calendar dates, both included. */
  from: string;
  to: string;
  fromIso: string;
  toIso: string;
  userId?: number;
  relationId?: number;
  includeCancelled: boolean;
}

export async function listAppointments(db: Db, viewer: Viewer, range: AgendaRange): Promise<AppointmentDto[]> {
  return toDtos(db, viewer, await appointmentsInRange(db, agendaScope(viewer), range));
}

const text = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());

function checkStart(raw: string, now: Date, problems: FieldProblem[]): Date | null {
  const t = Date.parse(raw);
  // A date-time without an offset would be read in the server's zone: refuse it instead of guessing.
  if (Number.isNaN(t) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(raw.trim())) {
    problems.push(fieldProblem("start", "instant_invalid"));
    return null;
  }
  if (t > now.getTime() + MAX_DAYS_AHEAD * 86_400_000 || t < now.getTime() - MAX_DAYS_BACK * 86_400_000) {
    problems.push(fieldProblem("start", "date_out_of_range"));
    return null;
  }
  return new Date(t);
}

async function relationOf(db: Db, relationId: number) {
  return db
    .selectFrom("relations")
    .select(["id", "name", "status", "visit_street", "visit_city", "postal_street", "postal_city"])
    .where("id", "=", relationId)
    .executeTakeFirst();
}

/** A dead relation is not visited (DOMAIN.md: the company will not do business with it). */
function refuseDead(relation: { name: string; status: string }): void {
  if (relation.status === "dead") {
    throw new AppError("rule_violation", `${relation.name} is a dead relation (status "dead"): no appointments are planned with it`, [fieldProblem("relationId", "relation_dead")]);
  }
}

async function checkForUser(db: Db, viewer: Viewer, userId: number, problems: FieldProblem[]) {
  const target = await actorOf(db, userId);
  if (!target) {
    problems.push(fieldProblem("forUserId", "user_unknown"));
    return;
  }
  if (!mayActFor(viewer, target)) throw new AppError("forbidden", `You may not plan appointments for ${target.name}`);
}

async function checkPersons(db: Db, relationId: number, personIds: readonly number[], problems: FieldProblem[]) {
  if (personIds.length === 0) return;
  const found = await db.selectFrom("persons").select("id").where("id", "in", [...personIds]).where("relation_id", "=", relationId).execute();
  if (found.length !== personIds.length) problems.push(fieldProblem("personIds", "person_not_of_relation"));
}

function checkPlace(kind: PlaceKind, placeText: string | null, relation: { visit_street: string | null; visit_city: string | null; postal_street: string | null; postal_city: string | null }, problems: FieldProblem[]) {
  if (kind === "other" && !placeText) problems.push(fieldProblem("placeText", "required"));
  if (kind === "postal_address" && !relation.postal_street && !relation.postal_city) problems.push(fieldProblem("placeKind", "address_missing"));
}

export async function createAppointment(db: Db, user: AuthUser, input: AppointmentCreateInput, now: Date): Promise<AppointmentDto> {
  const relation = await relationOf(db, input.relationId);
  if (!relation) throw invalid(fieldProblem("relationId", "relation_unknown"));
  refuseDead(relation);
  const problems: FieldProblem[] = [];
  const forUserId = input.forUserId ?? user.id;
  await checkForUser(db, user, forUserId, problems);
  const start = checkStart(input.start, now, problems);
  const personIds = input.personIds ?? [];
  await checkPersons(db, relation.id, personIds, problems);
  const placeKind = input.placeKind ?? "visit_address";
  const placeText = text(input.placeText) ?? null;
  checkPlace(placeKind, placeText, relation, problems);
  if (problems.length > 0 || start === null) throw invalid(...problems);

  const stamp = now.toISOString();
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  // Joins the caller's transaction when handed one (a cycle plan accepted creates all or nothing).
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("appointments")
      .values({
        relation_id: relation.id,
        for_user_id: forUserId,
        created_by: user.id,
        visit_type: input.visitType,
        place_kind: placeKind,
        place_text: placeText,
        starts_at: start.toISOString(),
        ends_at: end.toISOString(),
        duration_minutes: input.durationMinutes,
        notes: text(input.notes) ?? null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (personIds.length > 0) await trx.insertInto("appointment_persons").values(personIds.map((p) => ({ appointment_id: row.id, person_id: p }))).execute();
    await writeAudit(trx, { entity: "appointment", entityId: row.id, relationId: relation.id, userId: user.id, at: stamp }, [
      ["created", null, input.visitType],
      ["starts_at", null, start.toISOString()],
      ["for_user_id", null, forUserId],
    ]);
    return row.id;
  });
  return getAppointment(db, user, id);
}

/** The current row for a write: in the viewer's scope, at the version edited, for a user the viewer may act for. */
async function currentForWrite(db: Db, user: AuthUser, id: number, expectedVersion: number) {
  const row = await findAppointment(db, id, agendaScope(user));
  if (!row) throw notFound(`Appointment ${id}`);
  if (row.version !== expectedVersion) {
    throw new AppError("version_conflict", `You edited version ${expectedVersion}, but the appointment is now at version ${row.version}; reload to see the changes`);
  }
  if (!mayWriteAgendaOf(user, await actorOf(db, row.for_user_id))) throw new AppError("forbidden", `You may not change ${row.for_user_name}'s appointments`);
  return row;
}

/** One conditional UPDATE: a writer who read an older version changes nothing (412). */
async function updateVersioned(trx: Db, id: number, expectedVersion: number, set: Record<string, string | number | null>, stamp: string) {
  const result = await trx
    .updateTable("appointments")
    .set({ ...set, updated_at: stamp, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError("version_conflict");
}

export async function updateAppointment(db: Db, user: AuthUser, id: number, expectedVersion: number, input: AppointmentPatchInput, now: Date): Promise<AppointmentDto> {
  const current = await currentForWrite(db, user, id, expectedVersion);
  if (current.status === "cancelled") throw new AppError("rule_violation", "A cancelled appointment cannot be changed; plan a new one", [fieldProblem("status", "appointment_cancelled")]);
  const relationId = input.relationId ?? current.relation_id;
  const relation = await relationOf(db, relationId);
  if (!relation) throw invalid(fieldProblem("relationId", "relation_unknown"));
  refuseDead(relation);

  const problems: FieldProblem[] = [];
  if (input.forUserId !== undefined && input.forUserId !== current.for_user_id) await checkForUser(db, user, input.forUserId, problems);
  const start = input.start === undefined ? new Date(current.starts_at) : checkStart(input.start, now, problems);
  const duration = input.durationMinutes ?? current.duration_minutes;
  const personIds = input.personIds;
  // Persons belong to the relation: a new relation without new persons drops the old ones.
  const keptPersons = personIds ?? (relationId === current.relation_id ? undefined : []);
  if (keptPersons) await checkPersons(db, relationId, keptPersons, problems);
  const placeKind = (input.placeKind ?? current.place_kind) as PlaceKind;
  const placeText = input.placeText === undefined ? current.place_text : (text(input.placeText) ?? null);
  checkPlace(placeKind, placeText, relation, problems);
  if (problems.length > 0 || start === null) throw invalid(...problems);

  const next: Record<string, string | number | null> = {};
  if (relationId !== current.relation_id) next.relation_id = relationId;
  if (input.forUserId !== undefined) next.for_user_id = input.forUserId;
  if (input.visitType !== undefined) next.visit_type = input.visitType;
  if (input.placeKind !== undefined) next.place_kind = placeKind;
  if (input.placeText !== undefined) next.place_text = placeText;
  if (input.notes !== undefined) next.notes = text(input.notes) ?? null;
  if (input.start !== undefined || input.durationMinutes !== undefined) {
    next.starts_at = start.toISOString();
    next.ends_at = new Date(start.getTime() + duration * 60_000).toISOString();
    next.duration_minutes = duration;
  }
  const stamp = now.toISOString();
  // Inside the caller's transaction when there is one (a route accepted: all its moves or none).
  await inTransaction(db, async (trx) => {
    await updateVersioned(trx, id, expectedVersion, next, stamp);
    if (keptPersons) {
      await trx.deleteFrom("appointment_persons").where("appointment_id", "=", id).execute();
      if (keptPersons.length > 0) await trx.insertInto("appointment_persons").values(keptPersons.map((p) => ({ appointment_id: id, person_id: p }))).execute();
    }
    const before = current as unknown as Record<string, unknown>;
    const changes = Object.entries(next)
      .filter(([k, v]) => before[k] !== v && !(k.endsWith("_at") && Date.parse(String(before[k])) === Date.parse(String(v))))
      .map(([k, v]) => [k, before[k], v] as const);
    await writeAudit(trx, { entity: "appointment", entityId: id, relationId, userId: user.id, at: stamp }, changes);
  });
  return getAppointment(db, user, id);
}

export async function cancelAppointment(db: Db, user: AuthUser, id: number, expectedVersion: number, reason: string | null | undefined, now: Date): Promise<AppointmentDto> {
  const current = await currentForWrite(db, user, id, expectedVersion);
  if (current.status === "cancelled") throw new AppError("rule_violation", "The appointment is already cancelled", [fieldProblem("status", "appointment_cancelled")]);
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await updateVersioned(trx, id, expectedVersion, { status: "cancelled", cancel_reason: text(reason) ?? null, cancelled_at: stamp, cancelled_by: user.id }, stamp);
    await writeAudit(trx, { entity: "appointment", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, [["status", "planned", "cancelled"]]);
  });
  return getAppointment(db, user, id);
}

/** Removes an appointment made by mistake; the audit trail keeps that it existed. */
export async function deleteAppointment(db: Db, user: AuthUser, id: number, expectedVersion: number, now: Date): Promise<void> {
  const current = await currentForWrite(db, user, id, expectedVersion);
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("appointments").where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw new AppError("version_conflict");
    await writeAudit(trx, { entity: "appointment", entityId: id, relationId: current.relation_id, userId: user.id, at: stamp }, [
      ["deleted", `${current.visit_type} ${current.starts_at}`, null],
    ]);
  });
}

/**
 * The appointment, for a feature that writes beside it (the visit sheet and report): in the viewer's
 * scope (else 404) and of a user the viewer may act for (else 403), whatever its version.
 */
export async function appointmentForChange(db: Db, user: AuthUser, id: number): Promise<AppointmentDto> {
  const row = await findAppointment(db, id, agendaScope(user));
  if (!row) throw notFound(`Appointment ${id}`);
  return currentForWrite(db, user, id, row.version).then(async () => (await toDtos(db, user, [row]))[0] as AppointmentDto);
}

/**
 * The Amsterdam date of each relation's latest planned appointment starting before `beforeIso` (any
 * user's): when it was last visited, for the visit norms of the cycle planner.
 */
export async function lastAppointmentDates(db: Db, relationIds: readonly number[], beforeIso: string): Promise<Map<number, string>> {
  const result = new Map<number, string>();
  for (let i = 0; i < relationIds.length; i += 500) {
    const rows = await db
      .selectFrom("appointments")
      .select((eb) => ["relation_id", eb.fn.max("starts_at").as("last")])
      .where("relation_id", "in", relationIds.slice(i, i + 500))
      .where("status", "=", "planned")
      .where("starts_at", "<", beforeIso)
      .groupBy("relation_id")
      .execute();
    for (const r of rows) if (r.last !== null) result.set(r.relation_id, amsterdamDate(new Date(String(r.last))));
  }
  return result;
}
