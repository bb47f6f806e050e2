// Exports of relations, persons and contact moments with the filter of the relation list, as rows
// for CSV or XLSX. Every matching relation is exported, page by page (keyset), so memory stays flat
// at any size. Headers are the Dutch ones the importer recognises: an export can be edited in Excel
// and imported again (and unchanged rows stay unchanged).
import { formatDutchAmount } from "../../domain/dutch-input.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import type { Db } from "../../db/kysely.js";
import type { CellInput } from "../../files/table-writer.js";
import { filterFromQuery } from "../relations/relation.service.js";
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

const STATUS_LABELS: Record<RelationStatus, string> = {
  suspect: "Suspect",
  prospect: "Prospect",
  customer: "Klant",
  former_customer: "Oud-klant",
  dead: "Dood",
};
const classLabel = (c: string | null) => (c === null ? null : c === "key" ? "Key account" : c);

/** The filter is checked here, before streaming starts, so a bad filter is a 400 and not a broken download. */
function relationPages(db: Db, q: ExportQuery): () => AsyncGenerator<ListedRelation[]> {
  const filter: RelationFilter = filterFromQuery(q);
  const sort: SortKey = q.sort ?? "name";
  const desc = q.order === "desc";
  return async function* pages() {
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

export const RELATION_HEADERS = [
  "Bedrijfsnaam", "KvK-nummer", "Debiteurnummer", "Rechtsvorm", "Straat", "Huisnummer", "Postcode", "Plaats", "Land", "Telefoon", "E-mail",
  "Website", "Status", "Klasse", "SBI-codes", "Omzetpotentieel", "Huidige leverancier", "Einddatum contract", "Accountmanager", "Rayon", "Koers-id",
];

export function exportRelations(db: Db, q: ExportQuery): PreparedExport {
  const pages = relationPages(db, q);
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
          r.phone, r.email, r.website, STATUS_LABELS[r.status as RelationStatus] ?? r.status, classLabel(r.account_class),
          (codes.get(r.id) ?? []).map((s) => s.sbi_code).join("; "),
          r.revenue_potential_cents === null ? null : formatDutchAmount(r.revenue_potential_cents),
          r.current_supplier, r.contract_end_date, listed.owner_name, listed.rayon_name, r.id,
        ];
      }
    }
  }
  return { headers: RELATION_HEADERS, rows: rows() };
}

export const PERSON_HEADERS = [
  "Bedrijfsnaam", "KvK-nummer", "Postcode", "Plaats", "Titel", "Voorletters", "Voornaam", "Tussenvoegsel", "Achternaam", "Geslacht",
  "Functie", "Afdeling", "Telefoon", "Mobiel", "E-mail", "DMU-rollen", "Actief", "Koers-id",
];

export function exportPersons(db: Db, q: ExportQuery): PreparedExport {
  const pages = relationPages(db, q);
  async function* rows(): AsyncGenerator<Row> {
    for await (const page of pages()) {
      const persons = await personsOfRelations(db, page.map((r) => r.id));
      const roles = groupBy(await dmuRolesOf(db, persons.map((p) => p.id)), (r) => r.person_id);
      const byRelation = groupBy(persons, (p) => p.relation_id);
      for (const r of page) {
        for (const p of byRelation.get(r.id) ?? []) {
          yield [
            r.name, r.kvk_number, r.visit_postcode, r.visit_city, p.title, p.initials, p.first_name, p.infix, p.last_name, p.gender,
            p.job_title, p.department, p.phone_direct, p.phone_mobile, p.email,
            (roles.get(p.id) ?? []).map((x) => x.role).sort().join(", "), p.active === 1, p.id,
          ];
        }
      }
    }
  }
  return { headers: PERSON_HEADERS, rows: rows() };
}

export const ACTIVITY_HEADERS = [
  "Datum", "Tijd", "Soort", "Bedrijfsnaam", "KvK-nummer", "Plaats", "Onze deelnemers", "Contactpersonen", "Verkoopmethode", "Notities",
  "Interne notities", "Uitkomst", "Kans (%)", "Volgende stap", "Vastgelegd door",
];

const AMSTERDAM_TIME = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });

export function exportActivities(db: Db, q: ExportQuery & { from?: string; to?: string }): PreparedExport {
  const pages = relationPages(db, q);
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
            a.occurred_on, AMSTERDAM_TIME.format(new Date(a.occurred_at)), a.kind, r.name, r.kvk_number, r.visit_city,
            (users.get(a.id) ?? []).map((u) => u.name).join(", "), personNames.join(", "), a.sales_method, a.notes, a.internal_notes,
            a.outcome, a.win_chance, a.next_step, a.created_by_name,
          ];
        }
      }
    }
  }
  return { headers: ACTIVITY_HEADERS, rows: rows() };
}
