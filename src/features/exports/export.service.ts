// Exports of relations, persons and contact moments with the filter of the relation list, as rows
// for CSV or XLSX. Every matching relation is exported, page by page (keyset), so memory stays flat
// at any size. Headers are the Dutch ones the importer recognises: an export can be edited in Excel
// and imported again (and unchanged rows stay unchanged). Coded values (status, kind of contact
// moment, DMU role …) are written as the UI names them, from the shared label catalogue; amounts
// and dates as typed cells, which the writer turns into Dutch CSV text or real XLSX numbers and dates.
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import type { CellInput } from "../../files/table-writer.js";
import { type LabelLanguage, labelOf, labelsOf } from "../../labels/labels.js";
import { filterFromQuery } from "../relations/relation.service.js";
import { ownersInScope } from "../users/user.service.js";
import { cursorValues, type ListedRelation, listRelations, type RelationFilter, type SortKey } from "../relations/relation.repository.js";
import type { RelationListQueryInput } from "../relations/relation.schemas.js";
import { activitiesOfRelations, dmuRolesOf, participantsOf, personsOfRelations, relationRowsByIds, sbiCodesByRelation } from "./export.repository.js";

/** Relations read per page while exporting. */
const PAGE = 1000;

export type ExportQuery = Omit<RelationListQueryInput, "limit" | "cursor">;
export type Row = CellInput[];

export interface PreparedExport {
  headers: string[];
  rows: AsyncGenerator<Row>;
}


/** The filter is checked here, before streaming starts, so a bad filter is a 400 and not a broken download. */
function relationPages(db: Db, q: ExportQuery, viewer: Viewer): () => AsyncGenerator<ListedRelation[]> {
  const checked: RelationFilter = filterFromQuery(q);
  const sort: SortKey = q.sort ?? "name";
  const desc = q.order === "desc";
  return async function* pages() {
    // The list's scope (mine, team) as the list showed it to this viewer.
    const filter: RelationFilter = { ...checked, scopeOwnerIds: await ownersInScope(db, viewer, q.scope) };
    let after = null;
    for (;;) {
      const rows = await listRelations(db, filter, sort, desc, after, PAGE);
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = cursorValues(rows.at(-1) as ListedRelation, sort);
    }
  };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

const RELATION_COLUMNS = [
  "name", "kvkNumber", "debtorNumber", "legalForm", "street", "houseNumber", "postcode", "city", "country", "phone", "email",
  "website", "status", "accountClass", "sbi", "revenuePotential", "currentSupplier", "contractEndDate", "owner", "rayon", "id",
] as const;

export function exportRelations(db: Db, q: ExportQuery, viewer: Viewer, language: LabelLanguage = "nl"): PreparedExport {
  const pages = relationPages(db, q, viewer);
  const labels = labelsOf(language);
  async function* rows(): AsyncGenerator<Row> {
    for await (const page of pages()) {
      const ids = page.map((r) => r.id);
      const [full, sbi] = await Promise.all([relationRowsByIds(db, ids), sbiCodesByRelation(db, ids)]);
      const byId = new Map(full.map((r) => [r.id, r]));
      const codes = groupBy(sbi, (s) => s.relation_id);
      for (const listed of page) {
        const r = byId.get(listed.id);
        if (!r) continue; // deleted (merged) between the two reads
        yield [
          r.name, r.kvk_number, r.debtor_number, r.legal_form, r.visit_street, r.visit_house_number, r.visit_postcode, r.visit_city, r.visit_country,
          r.phone, r.email, r.website, labelOf(labels.status, r.status), labelOf(labels.accountClass, r.account_class),
          (codes.get(r.id) ?? []).map((s) => s.sbi_code).join("; "),
          r.revenue_potential_cents === null ? null : { cents: r.revenue_potential_cents },
          r.current_supplier, r.contract_end_date === null ? null : { date: r.contract_end_date }, listed.owner_name, listed.rayon_name, r.id,
        ];
      }
    }
  }
  return { headers: RELATION_COLUMNS.map((c) => labels.exportFile.columns.relations[c]), rows: rows() };
}

const PERSON_COLUMNS = [
  "name", "kvkNumber", "postcode", "city", "title", "initials", "firstName", "infix", "lastName", "gender",
  "jobTitle", "department", "phone", "mobile", "email", "dmuRoles", "active", "id",
] as const;

export function exportPersons(db: Db, q: ExportQuery, viewer: Viewer, language: LabelLanguage = "nl"): PreparedExport {
  const pages = relationPages(db, q, viewer);
  const labels = labelsOf(language);
  async function* rows(): AsyncGenerator<Row> {
    for await (const page of pages()) {
      const persons = await personsOfRelations(db, page.map((r) => r.id));
      const roles = groupBy(await dmuRolesOf(db, persons.map((p) => p.id)), (r) => r.person_id);
      const byRelation = groupBy(persons, (p) => p.relation_id);
      for (const r of page) {
        for (const p of byRelation.get(r.id) ?? []) {
          yield [
            r.name, r.kvk_number, r.visit_postcode, r.visit_city, p.title, p.initials, p.first_name, p.infix, p.last_name,
            labelOf(labels.exportFile.genderShort, p.gender), p.job_title, p.department, p.phone_direct, p.phone_mobile, p.email,
            (roles.get(p.id) ?? []).map((x) => labelOf(labels.dmu, x.role) ?? x.role).sort((a, b) => a.localeCompare(b, language)).join(", "), p.active === 1, p.id,
          ];
        }
      }
    }
  }
  return { headers: PERSON_COLUMNS.map((c) => labels.exportFile.columns.persons[c]), rows: rows() };
}

const ACTIVITY_COLUMNS = [
  "date", "time", "kind", "name", "kvkNumber", "city", "ourParticipants", "persons", "salesMethod", "notes",
  "internalNotes", "outcome", "winChance", "nextStep", "createdBy",
] as const;

const AMSTERDAM_TIME = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });

export function exportActivities(db: Db, q: ExportQuery & { from?: string; to?: string }, viewer: Viewer, language: LabelLanguage = "nl"): PreparedExport {
  const pages = relationPages(db, q, viewer);
  const labels = labelsOf(language);
  async function* rows(): AsyncGenerator<Row> {
    for await (const page of pages()) {
      const activities = await activitiesOfRelations(db, page.map((r) => r.id), q.from ?? null, q.to ?? null);
      const people = await participantsOf(db, activities.map((a) => a.id));
      const users = groupBy(people.users, (u) => u.activity_id);
      const persons = groupBy(people.persons, (p) => p.activity_id);
      const byRelation = groupBy(activities, (a) => a.relation_id);
      for (const r of page) {
        for (const a of byRelation.get(r.id) ?? []) {
          const personNames = (persons.get(a.id) ?? []).map((p) => [p.first_name ?? p.initials, p.infix, p.last_name].filter(Boolean).join(" "));
          yield [
            { date: a.occurred_on }, AMSTERDAM_TIME.format(new Date(a.occurred_at)), labelOf(labels.activities.kind, a.kind), r.name, r.kvk_number, r.visit_city,
            (users.get(a.id) ?? []).map((u) => u.name).join(", "), personNames.join(", "), labelOf(labels.activities.salesMethod, a.sales_method), a.notes, a.internal_notes,
            a.outcome, a.win_chance, a.next_step, a.created_by_name,
          ];
        }
      }
    }
  }
  return { headers: ACTIVITY_COLUMNS.map((c) => labels.exportFile.columns.contactMoments[c]), rows: rows() };
}
