// The audit trail: one line per changed field, with old and new value, user and time. Every feature
// writes through here, inside the transaction of the change itself.
import { agendaScope, MARGIN_AUDIT_FIELDS, seesMargin, type Viewer } from "../../domain/access.js";
import { type SqlBool, sql } from "kysely";
import type { Db } from "../../db/kysely.js";
import { agendaScopeCondition } from "../appointments/appointment.repository.js";

/**
 * Entities whose id is an appointment's: their lines are read only for the appointments in the
 * viewer's agenda scope, as the appointment and its sheet themselves (404 outside it).
 */
export const AGENDA_AUDIT_ENTITIES = ["appointment", "visit_preparation"] as const;

export interface AuditMeta {
  entity: string;
  entityId: number;
  /** The relation the change belongs to, so the relation page can show it. */
  relationId: number | null;
  userId: number | null;
  at: string;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export async function writeAudit(db: Db, meta: AuditMeta, changes: readonly (readonly [string, unknown, unknown])[]): Promise<void> {
  await writeAuditLines(db, changes.map(([field, oldValue, newValue]) => ({ meta, field, oldValue, newValue })));
}

/** One audit line per entry (each its own record), in multi-row statements: bulk moves (sales lifecycle). */
export async function writeAuditLines(db: Db, entries: readonly { meta: AuditMeta; field: string; oldValue: unknown; newValue: unknown }[]): Promise<void> {
  // 8 values a row; 500 rows a statement stay under both engines' bound-parameter limits.
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto("audit_log")
      .values(
        entries.slice(i, i + 500).map(({ meta, field, oldValue, newValue }) => ({
          entity: meta.entity,
          entity_id: meta.entityId,
          relation_id: meta.relationId,
          field,
          old_value: text(oldValue),
          new_value: text(newValue),
          user_id: meta.userId,
          at: meta.at,
        })),
      )
      .execute();
  }
}

/**
 * Audit lines as the viewer may read them: lines of cost and margin fields are not read at all for
 * a viewer without margin rights (their old and new values are the secret), and lines of
 * appointments and visit sheets only within the viewer's agenda scope.
 */
function scopedAudit(db: Db, viewer: Viewer) {
  const agenda = agendaScope(viewer);
  return db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.entity", "a.entity_id", "a.field", "a.old_value", "a.new_value", "a.at", "a.user_id", "u.name as user_name"])
    .$if(!seesMargin(viewer), (q) => q.where("a.field", "not in", [...MARGIN_AUDIT_FIELDS]))
    .$if(!agenda.all, (q) =>
      q.where((eb) =>
        eb.or([
          eb("a.entity", "not in", [...AGENDA_AUDIT_ENTITIES]),
          eb("a.entity_id", "in", eb.selectFrom("appointments as ap").select("ap.id").where(agenda.all ? sql<SqlBool>`false` : agendaScopeCondition("ap", agenda))),
        ]),
      ),
    );
}

/** The latest audit lines of a relation and everything hanging off it. */
export function auditOfRelation(db: Db, viewer: Viewer, relationId: number, limit = 200) {
  return scopedAudit(db, viewer).where("a.relation_id", "=", relationId).orderBy("a.id", "desc").limit(limit).execute();
}

/** The latest audit lines of one record that belongs to no relation (a product). */
export function auditOfEntity(db: Db, viewer: Viewer, entity: string, entityId: number, limit = 200) {
  return scopedAudit(db, viewer).where("a.entity", "=", entity).where("a.entity_id", "=", entityId).orderBy("a.id", "desc").limit(limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof auditOfRelation>>[number];

/** The API shape of an audit line. */
export function toAuditLine(r: AuditRow) {
  return {
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    at: r.at,
    user: r.user_id !== null && r.user_name !== null ? { id: r.user_id, name: r.user_name } : null,
  };
}
