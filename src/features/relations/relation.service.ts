// Use cases of relations: list, read, create, update (with status and class rules, history, audit
// trail and optimistic concurrency). Routes call these; so do the CLI, demo data and imports.
import { checkClassChoice, isAccountClass } from "../../domain/account-class.js";
import { parseRequirements, type Requirement } from "../../domain/requirements.js";
import { allowedNextStatuses, checkTransition, isRelationStatus, needsManager, type RelationStatus } from "../../domain/lifecycle.js";
import { NORM_VISIT_KINDS } from "../../domain/contact-moment.js";
import { addMonthsClamped } from "../../domain/followup-dates.js";
import { normalizeDutchPostcode } from "../../domain/postcode.js";
import { can } from "../../domain/roles.js";
import { normalizeKey, queryPrefixes } from "../../domain/text.js";
import { type Db, inTransaction } from "../../db/kysely.js";
import type { Viewer } from "../../domain/access.js";
import type { Selectable, Updateable } from "kysely";
import type { RelationsTable } from "../../db/schema.js";

type RelationRow = Selectable<RelationsTable>;
import { AppError, fieldProblem, type FieldProblem, invalid, notFound } from "../../server/errors.js";
import { COUNT_CAP, decodeCursor, encodeCursor } from "../../server/http.js";
import type { AuthUser } from "../auth/auth-user.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { listPersonsOfRelation } from "../persons/person.service.js";
import { ownersInScope } from "../users/user.service.js";
import type { GeoPoint } from "../../domain/geocode.js";
import { emptyTally, type GeocodeTally, relationGeoAfter, relationGeoColumns, touchesVisitAddress } from "../geo/geo-columns.js";
import { sbiSections, unknownSbiCodes } from "../reference/reference.service.js";
import { writeAudit } from "../audit/audit.service.js";
import { clean, relationColumns } from "./relation-input.js";
import { refreshRelationTerms, relationSearchTerms } from "./relation-terms.js";
import {
  countRelations,
  cursorValues,
  findRelationRow,
  listRelations,
  loadRelationParts,
  nameOf,
  type RelationFilter,
  segmentRef,
  sortLength,
  writeSbiCodes,
  writeSearchTerms,
} from "./relation.repository.js";
import type {
  RelationCreateInput,
  RelationDetailDto,
  RelationListQueryInput,
  RelationPatchInput,
  RelationSummaryDto,
} from "./relation.schemas.js";

function postcodeBound(raw: string | undefined, end: "from" | "to"): string | null {
  if (!raw || raw.trim() === "") return null;
  const full = normalizeDutchPostcode(raw);
  if (full.ok) return full.value;
  const area = /^\s*([1-9][0-9]{0,3})\s*$/.exec(raw)?.[1];
  if (!area) throw invalid(fieldProblem(end === "from" ? "postcodeFrom" : "postcodeTo", "postcode_invalid"));
  // "10" as a lower bound means 1000 AA; as an upper bound 1099 ZZ.
  return end === "from" ? area.padEnd(4, "0") : `${area.padEnd(4, "9")} ZZ`;
}

/** The list filter of a query; `scopeOwnerIds` from ownersInScope (users service) for its `scope`. */
export function filterFromQuery(q: RelationListQueryInput, scopeOwnerIds: readonly number[] | null = null): RelationFilter {
  const owners = q.owner ?? [];
  const sbi = (q.sbi ?? []).map((s) => s.toUpperCase());
  return {
    prefixes: queryPrefixes(q.q ?? ""),
    statuses: q.status ?? [],
    classes: q.class ?? [],
    sbiSections: sbi.filter((s) => /^[A-Z]$/.test(s)),
    sbiPrefixes: sbi.filter((s) => /^[0-9]+$/.test(s)),
    cityKey: q.city && normalizeKey(q.city) !== "" ? normalizeKey(q.city) : null,
    postcodeFrom: postcodeBound(q.postcodeFrom, "from"),
    postcodeTo: postcodeBound(q.postcodeTo, "to"),
    ownerIds: owners.filter((o) => o !== "none").map(Number),
    ownerNone: owners.includes("none"),
    rayonIds: q.rayon ?? [],
    kind: q.kind ?? null,
    scopeOwnerIds,
  };
}

/**
 * A page of the relations list for `viewer` (its scope: mine, team, all). `today`: the Amsterdam date
 * the visit-norm filter counts up to when the query names none.
 */
export async function listRelationsPage(db: Db, q: RelationListQueryInput, viewer: Viewer, today: string) {
  const sort = q.sort ?? "name";
  const desc = q.order === "desc";
  const limit = q.limit ?? 50;
  const filter = filterFromQuery(q, await ownersInScope(db, viewer, q.scope));
  if (q.visitNorm) {
    const asOf = q.normAsOf ?? today;
    const { visitNorms } = await readCrmSettings(db);
    filter.visitNorm = { state: q.visitNorm, asOf, windowFrom: addMonthsClamped(asOf, -12), kinds: NORM_VISIT_KINDS, norms: visitNorms };
  }
  const after = q.cursor ? decodeCursor(q.cursor, sortLength(sort)) : null;
  const [rows, count] = await Promise.all([
    listRelations(db, filter, sort, desc, after, limit + 1),
    // The total belongs to the filter, not the page: count once, on the first page.
    after ? Promise.resolve(null) : countRelations(db, filter, COUNT_CAP + 1),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items: RelationSummaryDto[] = page.map((r) => ({
    id: r.id,
    name: r.name,
    city: r.visit_city,
    postcode: r.visit_postcode,
    status: r.status,
    accountClass: r.account_class,
    classOverride: r.class_override === 1,
    kind: r.kind,
    owner: r.owner_id !== null && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    rayon: r.rayon_id !== null && r.rayon_name !== null ? { id: r.rayon_id, name: r.rayon_name } : null,
    phone: r.phone,
    kvkNumber: r.kvk_number,
    version: r.version,
  }));
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(cursorValues(last, sort)) : null,
    total: count === null ? { count: -1, exact: false } : { count: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP },
  };
}

export async function getRelation(db: Db, id: number): Promise<RelationDetailDto> {
  const row = await findRelationRow(db, id);
  if (!row) throw notFound(`Relation ${id}`);
  const [parts, persons, owner, rayon, segment, parent] = await Promise.all([
    loadRelationParts(db, id),
    listPersonsOfRelation(db, id),
    nameOf(db, "users", row.owner_id),
    nameOf(db, "rayons", row.rayon_id),
    segmentRef(db, row.segment_id),
    nameOf(db, "relations", row.parent_id),
  ]);
  const status = row.status as RelationStatus;
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return {
    id: row.id,
    name: row.name,
    legalForm: row.legal_form,
    kvkNumber: row.kvk_number,
    debtorNumber: row.debtor_number,
    kind: row.kind,
    status,
    allowedNextStatuses: [...allowedNextStatuses(status)],
    accountClass: row.account_class,
    classOverride: row.class_override === 1,
    classOverrideReason: row.class_override_reason,
    sbiCodes: parts.sbi.map((s) => ({ code: s.code, nameNl: s.name_nl, nameEn: s.name_en })),
    visitStreet: row.visit_street,
    visitHouseNumber: row.visit_house_number,
    visitPostcode: row.visit_postcode,
    visitCity: row.visit_city,
    visitCountry: row.visit_country,
    postalStreet: row.postal_street,
    postalHouseNumber: row.postal_house_number,
    postalPostcode: row.postal_postcode,
    postalCity: row.postal_city,
    postalCountry: row.postal_country,
    phone: row.phone,
    website: row.website,
    email: row.email,
    parent,
    branches: parts.branches.map((b) => ({ id: b.id, name: b.name, city: b.visit_city })),
    owner,
    rayon,
    segment,
    revenuePotentialCents: row.revenue_potential_cents,
    currentSupplier: row.current_supplier,
    contractEndDate: row.contract_end_date,
    competitorPriceNote: row.competitor_price_note,
    productInterests: JSON.parse(row.product_interests) as string[],
    requirements: parseRequirements(row.requirements),
    notes: row.notes,
    coordinates:
      row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon, source: row.geo_source ?? "unknown", precisionM: row.geo_precision_m } : null,
    persons,
    statusHistory: parts.statusHistory.map((h) => ({
      id: h.id,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      reason: h.reason,
      changedBy: ref(h.changed_by, h.changed_by_name),
      changedAt: h.changed_at,
    })),
    classHistory: parts.classHistory.map((h) => ({
      id: h.id,
      fromClass: h.from_class,
      toClass: h.to_class,
      override: h.override === 1,
      reason: h.reason,
      changedBy: ref(h.changed_by, h.changed_by_name),
      changedAt: h.changed_at,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Checks that referenced users, rayons, segments, parent and SBI codes exist. */
async function checkReferences(db: Db, input: RelationPatchInput, selfId: number | null): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const exists = async (table: "users" | "rayons" | "market_segments" | "relations", id: number) =>
    (await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
  if (input.ownerId != null && !(await exists("users", input.ownerId))) problems.push(fieldProblem("ownerId", "user_unknown"));
  if (input.rayonId != null && !(await exists("rayons", input.rayonId))) problems.push(fieldProblem("rayonId", "rayon_unknown"));
  if (input.segmentId != null && !(await exists("market_segments", input.segmentId))) problems.push(fieldProblem("segmentId", "segment_unknown"));
  if (input.parentId != null) {
    if (!(await exists("relations", input.parentId))) problems.push(fieldProblem("parentId", "relation_unknown"));
    else if (selfId !== null) {
      // Walk up from the new parent: meeting ourselves means a cycle (group → branch → group).
      let current: number | null = input.parentId;
      for (let depth = 0; current !== null && depth < 50; depth++) {
        if (current === selfId) {
          problems.push(fieldProblem("parentId", "parent_cycle"));
          break;
        }
        const row: { parent_id: number | null } | undefined = await db.selectFrom("relations").select("parent_id").where("id", "=", current).executeTakeFirst();
        current = row?.parent_id ?? null;
      }
    }
  }
  if (input.sbiCodes && (await unknownSbiCodes(db, input.sbiCodes.map((c) => c.trim().toUpperCase()))).length > 0) {
    problems.push(fieldProblem("sbiCodes", "sbi_unknown"));
  }
  return problems;
}

async function checkUnique(db: Db, columns: Updateable<RelationsTable>, selfId: number | null): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const [column, field, code] of [
    ["kvk_number", "kvkNumber", "kvk_taken"],
    ["debtor_number", "debtorNumber", "debtor_taken"],
  ] as const) {
    const value = columns[column];
    if (value === undefined || value === null) continue;
    const other = await db.selectFrom("relations").select("id").where(column, "=", value).executeTakeFirst();
    if (other && other.id !== selfId) problems.push(fieldProblem(field, code));
  }
  return problems;
}

/** Status and class parts of an input, checked against the domain rules and the user's role. */
function checkStatusAndClass(
  user: AuthUser,
  current: Pick<RelationRow, "status" | "account_class" | "class_override" | "class_override_reason"> | null,
  input: RelationPatchInput,
): { problems: FieldProblem[]; statusChange: { from: string | null; to: RelationStatus; reason: string } | null; classChange: boolean } {
  const problems: FieldProblem[] = [];
  let statusChange: { from: string | null; to: RelationStatus; reason: string } | null = null;
  const reason = clean(input.statusReason) ?? "";
  if (current === null) {
    const to = input.status ?? "suspect";
    statusChange = { from: null, to, reason: reason || "Aangemaakt" };
  } else if (input.status !== undefined && input.status !== current.status) {
    const from = current.status;
    if (!isRelationStatus(from)) throw new AppError("internal", `stored status ${from} is unknown`);
    const check = checkTransition(from, input.status, reason);
    if (!check.ok) problems.push(fieldProblem(check.error === "status_reason_required" ? "statusReason" : "status", check.error));
    else if (needsManager(from, input.status) && !can(user.role, "relations.revive")) {
      problems.push(fieldProblem("status", "status_revive_manager_only"));
    } else statusChange = { from, to: input.status, reason };
  }

  const touchesClass = input.accountClass !== undefined || input.classOverride !== undefined || input.classOverrideReason !== undefined;
  if (!touchesClass) return { problems, statusChange, classChange: false };
  const choice = {
    accountClass: input.accountClass !== undefined ? input.accountClass : ((current?.account_class ?? null) as never),
    override: input.classOverride ?? current?.class_override === 1,
    overrideReason: input.classOverrideReason !== undefined ? input.classOverrideReason : (current?.class_override_reason ?? null),
  };
  if (choice.accountClass !== null && !isAccountClass(choice.accountClass)) problems.push(fieldProblem("accountClass", "invalid"));
  const check = checkClassChoice(choice);
  if (!check.ok) problems.push(fieldProblem(check.error === "class_override_needs_class" ? "accountClass" : "classOverrideReason", check.error));
  const changed =
    current === null
      ? choice.accountClass !== null
      : choice.accountClass !== current.account_class ||
        (choice.override ? 1 : 0) !== current.class_override ||
        (check.ok && check.value.overrideReason !== current.class_override_reason);
  return { problems, statusChange, classChange: changed };
}

export async function createRelation(db: Db, user: AuthUser, input: RelationCreateInput, now: Date): Promise<RelationDetailDto> {
  const { columns, problems } = relationColumns(input, null);
  const rules = checkStatusAndClass(user, null, input);
  problems.push(...rules.problems, ...(await checkReferences(db, input, null)), ...(await checkUnique(db, columns, null)));
  if (problems.length > 0) throw invalid(...problems);

  const id = await inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const name = columns.name as string;
    const geo = relationGeoColumns({ postcode: columns.visit_postcode, city: columns.visit_city, country: columns.visit_country });
    const row = await trx
      .insertInto("relations")
      .values({
        ...columns,
        name,
        name_key: normalizeKey(name),
        city_key: normalizeKey(columns.visit_city ?? ""),
        status: rules.statusChange?.to ?? "suspect",
        account_class: input.accountClass ?? null,
        class_override: input.classOverride ? 1 : 0,
        class_override_reason: input.classOverride ? (clean(input.classOverrideReason) ?? null) : null,
        ...geo,
        // An explicit "no owner" (an import, the VIS) stays without owner; the form makes the creator owner.
        owner_id: "owner_id" in columns ? (columns.owner_id ?? null) : user.id,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const change = rules.statusChange;
    if (change) {
      await trx
        .insertInto("relation_status_changes")
        .values({ relation_id: row.id, from_status: null, to_status: change.to, reason: change.reason, changed_by: user.id, changed_at: stamp })
        .execute();
    }
    if (rules.classChange) {
      await trx
        .insertInto("relation_class_changes")
        .values({
          relation_id: row.id,
          from_class: null,
          to_class: input.accountClass ?? null,
          override: input.classOverride ? 1 : 0,
          reason: clean(input.classOverride ? input.classOverrideReason : input.classReason) ?? null,
          changed_by: user.id,
          changed_at: stamp,
        })
        .execute();
    }
    if (input.sbiCodes) await writeSbiCodes(trx, row.id, await sbiSections(trx, normalizeCodes(input.sbiCodes)));
    await writeSearchTerms(trx, row.id, normalizeKey(name), relationSearchTerms({ name, visit_city: columns.visit_city ?? null, visit_postcode: columns.visit_postcode ?? null, kvk_number: columns.kvk_number ?? null, debtor_number: columns.debtor_number ?? null }));
    await writeAudit(trx, { entity: "relation", entityId: row.id, relationId: row.id, userId: user.id, at: stamp }, [["created", null, name]]);
    return row.id;
  });
  return getRelation(db, id);
}

function normalizeCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => c.trim().toUpperCase()))];
}

/** Columns whose changes are not worth an audit line (derived or bookkeeping). */
const NOT_AUDITED = new Set(["name_key", "city_key", "lat", "lon", "geo_source", "geo_precision_m", "updated_at", "version"]);

export async function updateRelation(
  db: Db,
  user: AuthUser,
  id: number,
  expectedVersion: number,
  input: RelationPatchInput,
  now: Date,
): Promise<RelationDetailDto> {
  const current = await findRelationRow(db, id);
  if (!current) throw notFound(`Relation ${id}`);
  if (current.version !== expectedVersion) throw versionConflict(current.version, expectedVersion);

  const { columns, problems } = relationColumns(input, current);
  const rules = checkStatusAndClass(user, current, input);
  problems.push(...rules.problems, ...(await checkReferences(db, input, id)), ...(await checkUnique(db, columns, id)));
  if (problems.length > 0) throw invalid(...problems);

  await inTransaction(db, async (trx) => {
    const stamp = now.toISOString();
    const next: Updateable<RelationsTable> = { ...columns };
    if (columns.name !== undefined) next.name_key = normalizeKey(columns.name);
    if (columns.visit_city !== undefined) next.city_key = normalizeKey(columns.visit_city ?? "");
    if (touchesVisitAddress(columns, current) && current.geo_source !== "manual") Object.assign(next, relationGeoAfter(current, columns));
    if (rules.statusChange) next.status = rules.statusChange.to;
    if (rules.classChange) {
      const override = input.classOverride ?? current.class_override === 1;
      next.account_class = input.accountClass !== undefined ? input.accountClass : current.account_class;
      next.class_override = override ? 1 : 0;
      next.class_override_reason = override ? (clean(input.classOverrideReason) ?? current.class_override_reason) : null;
    }
    const result = await trx
      .updateTable("relations")
      .set({ ...next, updated_at: stamp, version: expectedVersion + 1 })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    // Another writer got in between our read and this write.
    if (Number(result.numUpdatedRows) !== 1) throw versionConflict(-1, expectedVersion);

    if (rules.statusChange) {
      await trx
        .insertInto("relation_status_changes")
        .values({ relation_id: id, from_status: current.status, to_status: rules.statusChange.to, reason: rules.statusChange.reason, changed_by: user.id, changed_at: stamp })
        .execute();
    }
    if (rules.classChange) {
      await trx
        .insertInto("relation_class_changes")
        .values({
          relation_id: id,
          from_class: current.account_class,
          to_class: next.account_class ?? null,
          override: next.class_override ?? 0,
          reason: next.class_override === 1 ? (next.class_override_reason ?? null) : (clean(input.classReason) ?? null),
          changed_by: user.id,
          changed_at: stamp,
        })
        .execute();
    }
    if (input.sbiCodes) await writeSbiCodes(trx, id, await sbiSections(trx, normalizeCodes(input.sbiCodes)));
    const merged = { ...current, ...next };
    if (["name", "visit_city", "visit_postcode", "kvk_number", "debtor_number"].some((k) => k in columns)) {
      await refreshRelationTerms(trx, id, merged);
    }
    const changes: [string, unknown, unknown][] = Object.entries(next)
      .filter(([k, v]) => !NOT_AUDITED.has(k) && (current as unknown as Record<string, unknown>)[k] !== v)
      .map(([k, v]) => [k, (current as unknown as Record<string, unknown>)[k], v]);
    if (input.sbiCodes) changes.push(["sbi_codes", null, normalizeCodes(input.sbiCodes).join(",")]);
    await writeAudit(trx, { entity: "relation", entityId: id, relationId: id, userId: user.id, at: stamp }, changes);
  });
  return getRelation(db, id);
}

export function versionConflict(current: number, expected: number): AppError {
  const detail =
    current >= 0
      ? `You edited version ${expected}, but the relation is now at version ${current}; reload to see the changes`
      : `You edited version ${expected}, but someone saved a newer version at the same moment; reload to see the changes`;
  return new AppError("version_conflict", detail);
}

/**
 * Geocodes the next `limit` relations after `afterId` (manual coordinates are left alone): what
 * the rows get, and the writes for those whose coordinate changed. Derived data: no new version, no
 * audit line. Read here, written by writeRelationGeocodes inside the job's batch transaction (on
 * SQLite a transaction that reads before it writes can fail to take the write lock).
 */
export async function planRelationGeocodes(db: Db, afterId: number, limit: number, refine?: RefineGeocode): Promise<{ tally: GeocodeTally; writes: GeoWrite[] }> {
  const rows = await db
    .selectFrom("relations")
    .select(["id", "version", "visit_postcode", "visit_house_number", "visit_city", "visit_country", "lat", "lon", "geo_source", "geo_precision_m"])
    .where("id", ">", afterId)
    .where((eb) => eb.or([eb("geo_source", "is", null), eb("geo_source", "!=", "manual")]))
    .orderBy("id")
    .limit(limit)
    .execute();
  const tally = emptyTally();
  const writes: GeoWrite[] = [];
  for (const row of rows) {
    tally.lastId = row.id;
    // A full-address coordinate came from the live geocoder for this very address (every writer
    // that changes the address sets the offline one again): kept, not asked again.
    if (row.geo_source === "pc6") {
      tally.pc6 += 1;
      continue;
    }
    let geo = relationGeoAfter(row, {});
    if (refine) {
      const live = await refine({ postcode: row.visit_postcode, houseNumber: row.visit_house_number, country: row.visit_country });
      if (live) geo = { lat: live.lat, lon: live.lon, geo_source: live.source, geo_precision_m: live.precisionM };
    }
    tally[(geo.geo_source as "pc6" | "pc4" | "place" | null) ?? "none"] += 1;
    if (geo.lat === row.lat && geo.lon === row.lon && geo.geo_source === row.geo_source && geo.geo_precision_m === row.geo_precision_m) continue;
    writes.push({ id: row.id, version: row.version, geo });
  }
  return { tally, writes };
}

/**
 * A live geocoder's coordinate for an address (the geocode job's, never on a request path), or null
 * when it has none: the offline coordinate stays.
 */
export type RefineGeocode = (address: { postcode: string | null; houseNumber: string | null; country: string | null }) => Promise<GeoPoint | null>;

export interface GeoWrite {
  id: number;
  version: number;
  geo: ReturnType<typeof relationGeoAfter>;
}

/** Writes planned coordinates; a row edited since it was read keeps what its editor wrote. Returns the rows written. */
export async function writeRelationGeocodes(db: Db, writes: readonly GeoWrite[]): Promise<number> {
  let written = 0;
  for (const w of writes) {
    const result = await db.updateTable("relations").set(w.geo).where("id", "=", w.id).where("version", "=", w.version).executeTakeFirst();
    written += Number(result.numUpdatedRows);
  }
  return written;
}

/** The relation's current supplier as heard (null when not known or for an unknown relation). */
export async function currentSupplierOf(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom("relations").select("current_supplier").where("id", "=", id).executeTakeFirst();
  return row?.current_supplier ?? null;
}

/** The requirements heard from the customer, for the quote's arguments; [] for an unknown relation. */
export async function requirementsOfRelation(db: Db, id: number): Promise<Requirement[]> {
  const row = await db.selectFrom("relations").select("requirements").where("id", "=", id).executeTakeFirst();
  return row ? parseRequirements(row.requirements) : [];
}

/** The relation's status (the visit report's method suggestion); notFound for an unknown relation. */
export async function relationStatusOf(db: Db, id: number): Promise<string> {
  const row = await db.selectFrom("relations").select("status").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(`Relation ${id}`);
  return row.status;
}
