// The audit trail: one line per changed field, with old and new value, user and time. Every feature
// writes through here, inside the transaction of the change itself.
import type { Db } from "../../db/kysely.js";

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
  if (changes.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      changes.map(([field, oldValue, newValue]) => ({
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

/** The latest audit lines of a relation and everything hanging off it. */
export function auditOfRelation(db: Db, relationId: number, limit = 200) {
  return db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.entity", "a.entity_id", "a.field", "a.old_value", "a.new_value", "a.at", "a.user_id", "u.name as user_name"])
    .where("a.relation_id", "=", relationId)
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}
