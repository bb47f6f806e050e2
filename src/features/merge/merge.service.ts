// Merging duplicate relations, in one transaction: everything that points at the duplicate (persons,
// contact moments, follow-ups, quotes, sales, status and class history, audit lines, branches, and
// whatever later features add) moves to the survivor; the survivor's empty fields are filled, its
// requirements combined with the duplicate's (domain/relation-merge.ts); the
// duplicate's name, KvK, postcode and debtor number stay as an alias of the survivor (found by search
// and matched by imports); the duplicate row is deleted; the merge is logged in the audit trail.
import { type MergeSide, mergeOutcome } from "../../domain/relation-merge.js";
import { normalizeKey } from "../../domain/text.js";
import { relationGeoAfter } from "../geo/geo-columns.js";
import type { Db, Engine } from "../../db/kysely.js";
import { AppError, fieldProblem, invalid, notFound } from "../../server/errors.js";
import type { AuthUser } from "../auth/auth-user.js";
import { writeAudit } from "../audit/audit.service.js";
import { refreshRelationTerms, type TermSource } from "../relations/relation-terms.js";
import { findRelationRow } from "../relations/relation.repository.js";
import { mergeNewsOf } from "../news/news.service.js";
import { mergeCustomerLinksOf } from "../customer-links/customer-link.service.js";
import { getRelation, versionConflict } from "../relations/relation.service.js";
import { salesAfterMerge } from "../sales/sales-merge.service.js";
import { duplicatePairs, moveReferences, relationReferences, relationSummaries } from "./merge.repository.js";

/** References with their own handling; every other (table, column) is simply re-pointed. */
const SPECIAL = new Set([
  "relations.parent_id",
  "relation_search_terms.relation_id",
  "relation_search_prefixes.relation_id",
  "relation_sbi_codes.relation_id",
  "relation_feeds.relation_id",
  "relation_news_items.relation_id",
  "relation_customers.relation_id",
  "relation_customers.customer_id",
]);

export interface MergeInput {
  duplicateId: number;
  version: number;
  duplicateVersion: number;
}

export async function findDuplicates(db: Db, limit: number) {
  const pairs = await duplicatePairs(db, limit);
  const summaries = new Map((await relationSummaries(db, pairs.flatMap((p) => [p.a_id, p.b_id]))).map((r) => [r.id, r]));
  const dto = (id: number) => {
    const r = summaries.get(id);
    if (!r) throw notFound(`Relation ${id}`);
    return { id: r.id, name: r.name, city: r.visit_city, postcode: r.visit_postcode, kvkNumber: r.kvk_number, status: r.status, accountClass: r.account_class, version: r.version };
  };
  return { items: pairs.map((p) => ({ reason: p.reason, a: dto(p.a_id), b: dto(p.b_id) })) };
}

export async function mergeRelations(db: Db, engine: Engine, user: AuthUser, survivorId: number, input: MergeInput, now: Date) {
  if (survivorId === input.duplicateId) throw invalid(fieldProblem("duplicateId", "merge_same_relation"));
  const stamp = now.toISOString();
  const result = await db.transaction().execute(async (trx) => {
    const survivor = await findRelationRow(trx, survivorId);
    const duplicate = await findRelationRow(trx, input.duplicateId);
    if (!survivor) throw notFound(`Relation ${survivorId}`);
    if (!duplicate) throw notFound(`Relation ${input.duplicateId}`);
    if (survivor.version !== input.version) throw versionConflict(survivor.version, input.version);
    if (duplicate.version !== input.duplicateVersion) throw versionConflict(duplicate.version, input.duplicateVersion);
    const outcome = mergeOutcome(survivor as unknown as MergeSide, duplicate as unknown as MergeSide);

    const moved: Record<string, number> = {};
    const survivorHasSbi = (await trx.selectFrom("relation_sbi_codes").select("sbi_code").where("relation_id", "=", survivorId).executeTakeFirst()) !== undefined;
    for (const ref of await relationReferences(trx, engine)) {
      const key = `${ref.table}.${ref.column}`;
      let count = 0;
      if (key === "relations.parent_id") {
        const r = await trx.updateTable("relations").set({ parent_id: survivorId }).where("parent_id", "=", duplicate.id).where("id", "!=", survivorId).executeTakeFirst();
        count = Number(r.numUpdatedRows);
      } else if (key === "relation_sbi_codes.relation_id") {
        // The survivor's own SBI codes win; without any it takes the duplicate's.
        if (!survivorHasSbi) count = await moveReferences(trx, ref, duplicate.id, survivorId);
      } else if (key === "relation_feeds.relation_id") {
        // One feed a relation and items unique per relation: the news feature combines them.
        count = await mergeNewsOf(trx, survivorId, duplicate.id);
      } else if (key === "relation_customers.relation_id") {
        // Both columns at once: the customer-links feature combines them, each link once.
        count = await mergeCustomerLinksOf(trx, survivorId, duplicate.id);
      } else if (!SPECIAL.has(key)) {
        try {
          count = await moveReferences(trx, ref, duplicate.id, survivorId);
        } catch (error) {
          throw new AppError("conflict", `${ref.table} holds rows for both relations that cannot be combined (${error instanceof Error ? error.message : String(error)}); nothing was merged`);
        }
      }
      if (count > 0) moved[key] = count;
    }
    // The sales rollups are keyed by debtor outside the discovered columns: the sales feature moves them.
    if (moved["sales_lines.relation_id"]) await salesAfterMerge(trx, survivorId, duplicate.id);

    await trx
      .insertInto("relation_aliases")
      .values({
        relation_id: survivorId,
        merged_relation_id: duplicate.id,
        name: duplicate.name,
        name_key: duplicate.name_key,
        visit_postcode: duplicate.visit_postcode,
        kvk_number: duplicate.kvk_number,
        debtor_number: duplicate.debtor_number,
        created_at: stamp,
      })
      .execute();
    // Deleted before the survivor takes over its KvK and debtor numbers, which are unique.
    await trx.deleteFrom("relations").where("id", "=", duplicate.id).execute();

    const next: Record<string, unknown> = { ...outcome.changes };
    if ("visit_city" in next) next.city_key = normalizeKey((next.visit_city as string | null) ?? "");
    if (survivor.geo_source !== "manual" && ("visit_postcode" in next || "visit_house_number" in next)) {
      // The duplicate's coordinate comes with its postcode; a live geocoder's address point (pc6)
      // only when the whole visiting address is the duplicate's, else the offline one of the result.
      const after = { ...survivor, ...next } as Record<string, unknown>;
      const duplicateAddress = ["visit_postcode", "visit_house_number", "visit_city", "visit_country"].every((k) => (after[k] ?? null) === ((duplicate as Record<string, unknown>)[k] ?? null));
      if ("visit_postcode" in next && (duplicate.geo_source !== "pc6" || duplicateAddress)) Object.assign(next, { lat: duplicate.lat, lon: duplicate.lon, geo_source: duplicate.geo_source, geo_precision_m: duplicate.geo_precision_m });
      else if (survivor.geo_source === "pc6" || duplicate.geo_source === "pc6") Object.assign(next, relationGeoAfter(survivor, next));
    }
    if (outcome.status) next.status = outcome.status;
    const updated = await trx
      .updateTable("relations")
      .set({ ...next, updated_at: stamp, version: survivor.version + 1 })
      .where("id", "=", survivorId)
      .where("version", "=", survivor.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict(-1, input.version);

    if (outcome.status) {
      await trx
        .insertInto("relation_status_changes")
        .values({ relation_id: survivorId, from_status: survivor.status, to_status: outcome.status, reason: `Samengevoegd met dode relatie ${duplicate.name} (#${duplicate.id})`, changed_by: user.id, changed_at: stamp })
        .execute();
    }
    if ("account_class" in next) {
      await trx
        .insertInto("relation_class_changes")
        .values({ relation_id: survivorId, from_class: null, to_class: next.account_class as string, reason: `Overgenomen van ${duplicate.name} (#${duplicate.id})`, override: 0, changed_by: user.id, changed_at: stamp })
        .execute();
    }

    // Search finds the survivor under its own words and under those of every relation merged into it.
    await refreshRelationTerms(trx, survivorId, { ...survivor, ...(next as object) } as TermSource);

    const audit: [string, unknown, unknown][] = [["merged", `${duplicate.name} (#${duplicate.id})`, `${survivor.name} (#${survivorId})`]];
    for (const [field, value] of Object.entries(next)) {
      if (["city_key", "lat", "lon", "geo_source", "geo_precision_m"].includes(field)) continue;
      audit.push([field, (survivor as unknown as Record<string, unknown>)[field], value]);
    }
    await writeAudit(trx, { entity: "relation", entityId: survivorId, relationId: survivorId, userId: user.id, at: stamp }, audit);
    return { moved, becameDead: outcome.status === "dead" };
  });
  return { relation: await getRelation(db, survivorId), ...result };
}
