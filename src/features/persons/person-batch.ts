// The batch writer of persons (imports): the rows, sort keys and audit lines the person service
// writes, in multi-row inserts inside the caller's transaction; beside the service, so they agree.
import type { Insertable, Selectable, Updateable } from "kysely";
import { personSortKey } from "../../domain/person-name.js";
import type { Db } from "../../db/kysely.js";
import type { AuditLogTable, PersonsTable } from "../../db/schema.js";
import { AppError } from "../../server/errors.js";

type AuditRow = Insertable<AuditLogTable>;

export interface PersonBatchContext {
  userId: number | null;
  at: string;
  onProgress?: (done: number) => void;
}

/** One person to create or update (or matched unchanged), as an import planned it. */
export interface PersonBatchItem {
  row: number;
  action: string;
  relationId: number;
  current: Selectable<PersonsTable> | null;
  changes: Omit<Updateable<PersonsTable>, "id" | "version" | "created_at" | "updated_at" | "relation_id">;
}

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Writes persons; returns the person id of every planned row (created or matched), for consent. */
export async function writePersons(db: Db, items: readonly PersonBatchItem[], ctx: PersonBatchContext): Promise<Map<number, number>> {
  const personIdOfRow = new Map<number, number>();
  const audit: AuditRow[] = [];
  let done = 0;
  for (const chunk of chunks(items.filter((i) => i.action === "create"))) {
    const rows = chunk.map((item) => {
      const v = item.changes;
      const lastName = v.last_name as string;
      return {
        relation_id: item.relationId, first_name: v.first_name ?? null, initials: v.initials ?? null, infix: v.infix ?? null, last_name: lastName,
        sort_key: personSortKey({ lastName, infix: v.infix ?? null, firstName: v.first_name ?? null, initials: v.initials ?? null, gender: "x", title: null }),
        gender: v.gender ?? "x", title: v.title ?? null, job_title: v.job_title ?? null, department: v.department ?? null,
        phone_direct: v.phone_direct ?? null, phone_mobile: v.phone_mobile ?? null, email: v.email ?? null, active: 1,
        created_at: ctx.at, updated_at: ctx.at,
      };
    });
    const ids = await db.insertInto("persons").values(rows).returning("id").execute();
    chunk.forEach((item, i) => {
      const id = (ids[i] as { id: number }).id;
      personIdOfRow.set(item.row, id);
      audit.push({ entity: "person", entity_id: id, relation_id: item.relationId, field: "created", old_value: null, new_value: rows[i]?.last_name ?? null, user_id: ctx.userId, at: ctx.at });
    });
    done += chunk.length;
    ctx.onProgress?.(done);
  }
  for (const item of items) {
    if (item.current && (item.action === "update" || item.action === "unchanged")) personIdOfRow.set(item.row, item.current.id);
    if (item.action !== "update" || !item.current) continue;
    const current = item.current;
    const merged = { ...current, ...item.changes };
    const result = await db
      .updateTable("persons")
      .set({
        ...item.changes,
        sort_key: personSortKey({ lastName: merged.last_name, infix: merged.infix, firstName: merged.first_name, initials: merged.initials, gender: "x", title: null }),
        updated_at: ctx.at,
        version: current.version + 1,
      })
      .where("id", "=", current.id)
      .where("version", "=", current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("version_conflict", `Person ${current.last_name} (row ${item.row}) was changed by someone else during the import; nothing was imported, run it again`);
    }
    for (const [field, value] of Object.entries(item.changes)) {
      audit.push({ entity: "person", entity_id: current.id, relation_id: current.relation_id, field, old_value: text((current as unknown as Record<string, unknown>)[field]), new_value: text(value), user_id: ctx.userId, at: ctx.at });
    }
    done += 1;
    if (done % 100 === 0) ctx.onProgress?.(done);
  }
  for (const chunk of chunks(audit)) if (chunk.length > 0) await db.insertInto("audit_log").values(chunk).execute();
  ctx.onProgress?.(items.length);
  return personIdOfRow;
}
