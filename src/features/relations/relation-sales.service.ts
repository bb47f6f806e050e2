// What the sales information system asks of relations, written by the relations feature (the one
// writer of its tables): find the debtors an ERP file names, create the unknown ones as customers,
// and move the lifecycle with the invoices (first invoice → customer; none for the configured
// period → former customer), each change in the status history with source "VIS".
import { sql } from "kysely";
import type { RelationStatus } from "../../domain/lifecycle.js";
import { normalizeKey } from "../../domain/text.js";
import type { Db } from "../../db/kysely.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit, writeAuditLines } from "../audit/audit.service.js";
import { createRelation } from "./relation.service.js";

export interface DebtorLookup {
  /** The import's own key for this debtor. */
  key: string;
  number: string | null;
  kvk: string | null;
  name: string | null;
  postcode: string | null;
}

export interface MatchedDebtor {
  id: number;
  name: string;
  status: RelationStatus;
  rayonId: number | null;
}

/**
 * The relation each debtor means: by ERP debtor number, else KvK number, else normalised name and
 * postcode, else a name that only one relation has. Unmatched keys are absent from the map.
 */
export async function matchDebtors(db: Db, lookups: readonly DebtorLookup[]): Promise<Map<string, MatchedDebtor>> {
  const found = new Map<string, MatchedDebtor>();
  const cols = ["id", "name", "status", "rayon_id", "debtor_number", "kvk_number", "name_key", "visit_postcode"] as const;
  const toMatch = (r: { id: number; name: string; status: string; rayon_id: number | null }): MatchedDebtor => ({ id: r.id, name: r.name, status: r.status as RelationStatus, rayonId: r.rayon_id });
  for (let i = 0; i < lookups.length; i += 500) {
    const part = lookups.slice(i, i + 500);
    const numbers = [...new Set(part.map((l) => l.number).filter((n): n is string => n !== null))];
    if (numbers.length > 0) {
      const rows = await db.selectFrom("relations").select(cols).where("debtor_number", "in", numbers).orderBy("id").execute();
      const byNumber = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (r.debtor_number && !byNumber.has(r.debtor_number.toLowerCase())) byNumber.set(r.debtor_number.toLowerCase(), r);
      // Debtor numbers are compared case-insensitively, as ERPs are not consistent about it.
      const lower = numbers.filter((n) => !byNumber.has(n.toLowerCase()));
      if (lower.length > 0) {
        const more = await db.selectFrom("relations").select(cols).where(sql`lower(debtor_number)`, "in", lower.map((n) => n.toLowerCase())).orderBy("id").execute();
        for (const r of more) if (r.debtor_number && !byNumber.has(r.debtor_number.toLowerCase())) byNumber.set(r.debtor_number.toLowerCase(), r);
      }
      for (const l of part) {
        const r = l.number ? byNumber.get(l.number.toLowerCase()) : undefined;
        if (r) found.set(l.key, toMatch(r));
      }
    }
    const byKvk = part.filter((l) => !found.has(l.key) && l.kvk !== null);
    if (byKvk.length > 0) {
      const rows = await db.selectFrom("relations").select(cols).where("kvk_number", "in", [...new Set(byKvk.map((l) => l.kvk as string))]).orderBy("id").execute();
      for (const l of byKvk) {
        const r = rows.find((x) => x.kvk_number === l.kvk);
        if (r) found.set(l.key, toMatch(r));
      }
    }
    const byName = part.filter((l) => !found.has(l.key) && l.name !== null);
    if (byName.length > 0) {
      const keys = [...new Set(byName.map((l) => normalizeKey(l.name as string)))];
      const rows = await db.selectFrom("relations").select(cols).where("name_key", "in", keys).orderBy("id").execute();
      for (const l of byName) {
        const key = normalizeKey(l.name as string);
        const same = rows.filter((r) => r.name_key === key);
        const withPostcode = l.postcode === null ? [] : same.filter((r) => r.visit_postcode === l.postcode);
        const r = withPostcode[0] ?? (l.postcode === null && same.length === 1 ? same[0] : undefined);
        if (r) found.set(l.key, toMatch(r));
      }
    }
  }
  return found;
}

export interface NewDebtor {
  number: string | null;
  kvk: string | null;
  name: string | null;
  postcode: string | null;
  city: string | null;
  rayonId: number | null;
}

/** Creates a debtor the ERP knows and Koers did not, as a customer without owner. */
export async function createCustomerFromSales(db: Db, system: AuthUser, debtor: NewDebtor, fileName: string, now: Date): Promise<MatchedDebtor> {
  const name = debtor.name ?? (debtor.number ? `Debiteur ${debtor.number}` : `KvK ${debtor.kvk}`);
  const created = await createRelation(
    db,
    system,
    {
      name,
      debtorNumber: debtor.number,
      kvkNumber: debtor.kvk && /^\d{8}$/.test(debtor.kvk) ? debtor.kvk : null,
      visitPostcode: debtor.postcode,
      visitCity: debtor.city,
      status: "customer",
      statusReason: `Eerste factuur in ${fileName} (VIS)`,
      ownerId: null,
      rayonId: debtor.rayonId,
    },
    now,
  );
  await db.updateTable("relation_status_changes").set({ source: "VIS" }).where("relation_id", "=", created.id).execute();
  return { id: created.id, name: created.name, status: "customer", rayonId: debtor.rayonId };
}

export interface LifecycleMove {
  relationId: number;
  from: RelationStatus;
  to: RelationStatus;
  reason: string;
}

/**
 * Applies status moves that sales decided (never touching a dead relation), with history and audit.
 * In sets of the same move (from → to), 500 relations a statement: an import's first load moves
 * tens of thousands of debtors, and three statements a relation took seconds.
 */
export async function applySalesLifecycle(db: Db, moves: readonly LifecycleMove[], userId: number | null, at: string): Promise<number> {
  const sets = new Map<string, { from: RelationStatus; to: RelationStatus; moves: LifecycleMove[] }>();
  for (const move of moves) {
    if (move.from === "dead" || move.to === "dead") continue;
    const key = `${move.from}>${move.to}`;
    let set = sets.get(key);
    if (!set) {
      set = { from: move.from, to: move.to, moves: [] };
      sets.set(key, set);
    }
    set.moves.push(move);
  }
  let applied = 0;
  for (const { from, to, moves: all } of sets.values()) {
    for (let i = 0; i < all.length; i += 500) {
      const part = new Map(all.slice(i, i + 500).map((m) => [m.relationId, m.reason]));
      // Only the relations still in `from` move (RETURNING says which: SQLite ≥ 3.35 and PostgreSQL).
      // `status || ''`: SQLite would otherwise read the status index (every prospect, per statement)
      // instead of looking the 500 ids up by primary key.
      const moved = (
        await db
          .updateTable("relations")
          .set((eb) => ({ status: to, updated_at: at, version: eb("version", "+", 1) }))
          .where("id", "in", [...part.keys()])
          .where(sql<string>`${sql.ref("status")} || ''`, "=", from)
          .returning("id")
          .execute()
      )
        .map((r) => r.id)
        .sort((a, b) => a - b);
      if (moved.length === 0) continue;
      await db
        .insertInto("relation_status_changes")
        .values(moved.map((id) => ({ relation_id: id, from_status: from, to_status: to, reason: part.get(id) as string, changed_by: userId, changed_at: at, source: "VIS" })))
        .execute();
      await writeAuditLines(
        db,
        moved.map((id) => ({ meta: { entity: "relation", entityId: id, relationId: id, userId, at }, field: "status", oldValue: from, newValue: to })),
      );
      applied += moved.length;
    }
  }
  return applied;
}

/** Status and rayon of relations by id (for the lifecycle rules after an import). */
export function statusesOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("relations").select(["id", "status", "rayon_id"]).where("id", "in", [...ids]).execute();
}

/** Relations in the given statuses, with their id (the former-customer sweep). */
export function relationsWithStatus(db: Db, statuses: readonly RelationStatus[]) {
  return db.selectFrom("relations").select(["id", "status"]).where("status", "in", [...statuses]).execute();
}

/** Names of relations by id (labels of sales figures). */
export async function relationNames(db: Db, ids: readonly number[]): Promise<Map<number, { name: string; city: string | null; class: string | null }>> {
  const out = new Map<number, { name: string; city: string | null; class: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom("relations").select(["id", "name", "visit_city", "account_class"]).where("id", "in", ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, { name: r.name, city: r.visit_city, class: r.account_class });
  }
  return out;
}

export interface ClassMove {
  relationId: number;
  from: string | null;
  to: string;
}

/**
 * Sets classes accepted from the ABC analysis, with class history and audit; a relation whose class
 * or override changed since the proposal was made is left alone (the caller re-proposes).
 */
export async function applyClassProposals(db: Db, moves: readonly ClassMove[], reason: string, userId: number | null, at: string): Promise<number> {
  let applied = 0;
  for (const move of moves) {
    const result = await db
      .updateTable("relations")
      .set((eb) => ({ account_class: move.to, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", move.relationId)
      .where("class_override", "=", 0)
      .where((eb) => (move.from === null ? eb("account_class", "is", null) : eb("account_class", "=", move.from)))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    await db.insertInto("relation_class_changes").values({ relation_id: move.relationId, from_class: move.from, to_class: move.to, reason, override: 0, changed_by: userId, changed_at: at }).execute();
    await writeAudit(db, { entity: "relation", entityId: move.relationId, relationId: move.relationId, userId, at }, [["account_class", move.from, move.to]]);
    applied += 1;
  }
  return applied;
}
