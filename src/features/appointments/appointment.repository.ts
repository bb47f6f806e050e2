// SQL of the agenda. Every read is built for a Viewer through agendaScope (domain/access.ts): rows
// outside the scope are not read. Instants are compared as ISO strings on SQLite (all written by
// toISOString, so text order is time order) and as timestamptz on PostgreSQL.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { AgendaScope } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";

function selectAppointments(db: Db) {
  return db
    .selectFrom("appointments as a")
    .innerJoin("relations as r", "r.id", "a.relation_id")
    .innerJoin("users as u", "u.id", "a.for_user_id")
    .leftJoin("users as c", "c.id", "a.created_by")
    .leftJoin("users as x", "x.id", "a.cancelled_by")
    .select([
      "a.id",
      "a.relation_id",
      "r.name as relation_name",
      "r.status as relation_status",
      "r.visit_street",
      "r.visit_house_number",
      "r.visit_postcode",
      "r.visit_city",
      "r.postal_street",
      "r.postal_house_number",
      "r.postal_postcode",
      "r.postal_city",
      "a.for_user_id",
      "u.name as for_user_name",
      "u.work_start",
      "u.work_end",
      "a.created_by",
      "c.name as created_by_name",
      "a.visit_type",
      "a.place_kind",
      "a.place_text",
      "a.starts_at",
      "a.ends_at",
      "a.duration_minutes",
      "a.notes",
      "a.status",
      "a.cancel_reason",
      "a.cancelled_at",
      "a.cancelled_by",
      "x.name as cancelled_by_name",
      "a.created_at",
      "a.updated_at",
      "a.version",
    ]);
}

type Select = ReturnType<typeof selectAppointments>;
export type AppointmentRow = Awaited<ReturnType<Select["executeTakeFirstOrThrow"]>>;

/** Limits a query to the appointments the scope may read (for-user, maker, served field reps). */
/**
 * The agenda scope (domain/access.ts) as one condition on a table with `for_user_id` and
 * `created_by` under `alias`: the viewer's own and what they made, and with rayons the field reps
 * of those rayons (inside sales). Appointments and cycle plans share it, so both hold one rule.
 */
export function agendaScopeCondition(alias: string, scope: Extract<AgendaScope, { all: false }>): RawBuilder<SqlBool> {
  const forUser = sql.ref(`${alias}.for_user_id`);
  const own = sql<SqlBool>`(${forUser} = ${scope.userId} or ${sql.ref(`${alias}.created_by`)} = ${scope.userId})`;
  if (scope.fieldRepsOfRayons.length === 0) return own;
  return sql<SqlBool>`(${own} or ${forUser} in (select ur.user_id from user_rayons ur inner join users fr on fr.id = ur.user_id where fr.role = 'field_sales' and ur.rayon_id in (${sql.join([...scope.fieldRepsOfRayons])})))`;
}

export function inScope(q: Select, scope: AgendaScope): Select {
  return scope.all ? q : q.where(agendaScopeCondition("a", scope));
}

export function findAppointment(db: Db, id: number, scope: AgendaScope) {
  return inScope(selectAppointments(db).where("a.id", "=", id), scope).executeTakeFirst();
}

export interface RangeFilter {
  /** UTC instants (ISO): appointments that start in [fromIso, toIso). */
  fromIso: string;
  toIso: string;
  userId?: number;
  relationId?: number;
  includeCancelled: boolean;
}

/** At most this many appointments per list: a year of a busy team still fits. */
export const LIST_LIMIT = 2_000;

export function appointmentsInRange(db: Db, scope: AgendaScope, f: RangeFilter) {
  let q = selectAppointments(db).where("a.starts_at", ">=", f.fromIso).where("a.starts_at", "<", f.toIso);
  if (f.userId !== undefined) q = q.where("a.for_user_id", "=", f.userId);
  if (f.relationId !== undefined) q = q.where("a.relation_id", "=", f.relationId);
  if (!f.includeCancelled) q = q.where("a.status", "=", "planned");
  return inScope(q, scope).orderBy("a.starts_at").orderBy("a.id").limit(LIST_LIMIT).execute();
}

/**
 * Planned appointments of these users that overlap [fromIso, toIso) — the candidates for overlap
 * warnings. Index appointments_user_start: starts before the window ends; the end is checked after.
 */
export function plannedOverlapping(db: Db, userIds: readonly number[], fromIso: string, toIso: string) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("appointments as a")
    .innerJoin("relations as r", "r.id", "a.relation_id")
    .select(["a.id", "a.for_user_id", "a.starts_at", "a.ends_at", "a.relation_id", "r.name as relation_name"])
    .where("a.for_user_id", "in", [...userIds])
    .where("a.status", "=", "planned")
    .where("a.starts_at", "<", toIso)
    .where("a.ends_at", ">", fromIso)
    .orderBy("a.starts_at")
    .orderBy("a.id")
    .limit(LIST_LIMIT)
    .execute();
}

/** Persons met per appointment, with their name columns. */
export function personsOf(db: Db, appointmentIds: readonly number[]) {
  if (appointmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("appointment_persons as ap")
    .innerJoin("persons as p", "p.id", "ap.person_id")
    .select(["ap.appointment_id", "p.id as person_id", "p.first_name as person_first_name", "p.initials as person_initials", "p.infix as person_infix", "p.last_name as person_last_name"])
    .where("ap.appointment_id", "in", [...appointmentIds])
    .orderBy("p.sort_key")
    .execute();
}

/** Users whose agenda the scope reads (active ones), for the user picker. */
export function agendaUsers(db: Db, scope: AgendaScope) {
  let q = db.selectFrom("users as u").select(["u.id", "u.name", "u.role"]).where("u.active", "=", 1);
  if (!scope.all) {
    const { userId, fieldRepsOfRayons } = scope;
    q = q.where((eb) =>
      fieldRepsOfRayons.length === 0
        ? eb("u.id", "=", userId)
        : eb.or([
            eb("u.id", "=", userId),
            eb.and([eb("u.role", "=", "field_sales"), eb("u.id", "in", eb.selectFrom("user_rayons").select("user_id").where("rayon_id", "in", [...fieldRepsOfRayons]))]),
          ]),
    );
  }
  return q.orderBy("u.name").orderBy("u.id").execute();
}

/**
 * GDPR erasure (called by features/gdpr inside its transaction): the texts of the relation's
 * appointments (notes, a typed place, a cancel reason) with `redact` applied; one read, a write per
 * changed appointment. Returns how many changed.
 */
export async function redactAppointmentsOfRelation(trx: Db, relationId: number, redact: (text: string) => string, stamp: string): Promise<number> {
  const rows = await trx.selectFrom("appointments").select(["id", "notes", "place_text", "cancel_reason", "version"]).where("relation_id", "=", relationId).execute();
  const orNull = (v: string | null) => (v === null ? null : redact(v));
  let changed = 0;
  for (const a of rows) {
    const next = { notes: orNull(a.notes), place_text: orNull(a.place_text), cancel_reason: orNull(a.cancel_reason) };
    if (next.notes === a.notes && next.place_text === a.place_text && next.cancel_reason === a.cancel_reason) continue;
    await trx.updateTable("appointments").set({ ...next, updated_at: stamp, version: a.version + 1 }).where("id", "=", a.id).execute();
    changed += 1;
  }
  return changed;
}
