// One row of an import file → the normalised values of a relation or a person, or the problems of
// that row (row number, column, reason). Relations go through the same input rules as the relation
// form (relationColumns), so an imported postcode or KvK number looks exactly like a typed one.
import type { Updateable } from "kysely";
import { parseAmount } from "../../domain/dutch-input.js";
import { normalizeEmail, normalizePhone } from "../../domain/contact-details.js";
import {
  joinHouseNumber,
  parseClassText,
  parseCountry,
  parseDutchDate,
  parseGender,
  parseLegalForm,
  parseSbiList,
  parseStatusText,
  parseYesNo,
  relationNameKey,
  splitFullName,
  splitStreetAndNumber,
} from "../../domain/import-values.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import { type Gender, normalizeInfix, normalizeInitials, normalizeTitle } from "../../domain/person-name.js";
import type { Result } from "../../domain/result.js";
import type { PersonsTable, RelationsTable } from "../../db/schema.js";
import type { ImportField } from "../../files/dutch-headers.js";
import { FIELD_MESSAGES } from "../../server/errors.js";
import { relationColumns } from "../relations/relation-input.js";
import type { RelationPatchInput } from "../relations/relation.schemas.js";

export type ImportMapping = Partial<Record<ImportField, number>>;

export interface RowProblem {
  row: number;
  /** The header text of the column, as the user sees it in the file. */
  column: string;
  field: ImportField;
  code: string;
  message: string;
  /** The company the row names (its name cell), so the user finds the row at a glance. */
  company: string | null;
}

export type RelationValues = Omit<Updateable<RelationsTable>, "id" | "version" | "created_at" | "updated_at">;
export type PersonValues = Omit<Updateable<PersonsTable>, "id" | "version" | "created_at" | "updated_at" | "relation_id">;

/** How a row identifies its relation: by KvK number, else by name and postcode. */
export interface RelationIdentity {
  kvk: string | null;
  name: string;
  postcode: string | null;
  /** relationNameKey(name, postcode) */
  nameKey: string;
}

export interface RelationCandidate {
  row: number;
  identity: RelationIdentity;
  /** Only the columns whose cell was filled: an empty cell never erases what is known. */
  values: RelationValues;
  sbiCodes: string[] | null;
  status: RelationStatus | null;
  /** undefined: not in the file; null: "no class". */
  accountClass: string | null | undefined;
  /** Who serves it and its rayon as the file names them (resolved against users and rayons by the plan). */
  owner: string | null;
  rayon: string | null;
}

export interface PersonCandidate {
  row: number;
  relation: RelationIdentity;
  values: PersonValues & { last_name: string };
  newsletter: boolean | null;
}

/** Longest text accepted per field (the same limits as the API schemas). */
const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  name: 200, street: 120, houseNumber: 20, city: 80, currentSupplier: 200, notes: 10_000, debtorNumber: 30, owner: 254, rayon: 100,
  firstName: 60, initials: 20, infix: 20, lastName: 80, jobTitle: 100, department: 100, title: 40, fullName: 160,
};

/** The relation-input field names that relationColumns reports, mapped back to import fields. */
const INPUT_FIELD: Record<string, ImportField> = {
  name: "name", kvkNumber: "kvkNumber", debtorNumber: "debtorNumber", visitStreet: "street", visitHouseNumber: "houseNumber",
  visitPostcode: "postcode", visitCity: "city", phone: "phone", email: "email", website: "website", contractEndDate: "contractEndDate",
};

class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly headers: readonly string[],
    private readonly mapping: ImportMapping,
    readonly row: number,
    private readonly cells: readonly string[],
  ) {}

  /** The trimmed cell of a field, or null when the field is not mapped or the cell is empty. */
  text(field: ImportField): string | null {
    const index = this.mapping[field];
    if (index === undefined) return null;
    const raw = (this.cells[index] ?? "").trim();
    // Line breaks inside a cell only mean something in notes; elsewhere they are layout.
    const value = field === "notes" ? raw : raw.replace(/\s+/g, " ");
    if (value === "") return null;
    const max = MAX_LENGTH[field];
    if (max !== undefined && value.length > max) {
      this.problem(field, "too_long");
      return null;
    }
    return value;
  }

  has(field: ImportField): boolean {
    return this.mapping[field] !== undefined;
  }

  parsed<T>(field: ImportField, parse: (text: string) => Result<T>): T | null {
    const text = this.text(field);
    if (text === null) return null;
    const result = parse(text);
    if (result.ok) return result.value;
    this.problem(field, result.error);
    return null;
  }

  problem(field: ImportField, code: string, message?: string): void {
    const index = this.mapping[field];
    const column = index === undefined ? field : (this.headers[index] ?? field);
    this.problems.push({ row: this.row, column, field, code, message: message ?? FIELD_MESSAGES[code] ?? code.replaceAll("_", " "), company: this.company() });
  }

  /** The name cell with its spaces collapsed, or null when the row has none. */
  private company(): string | null {
    const index = this.mapping.name;
    const raw = index === undefined ? "" : (this.cells[index] ?? "").trim().replace(/\s+/g, " ");
    return raw === "" ? null : raw.slice(0, 200);
  }
}

function addressOf(r: RowReader): { street: string | null; houseNumber: string | null } {
  let street = r.text("street");
  let houseNumber = r.text("houseNumber");
  if (street !== null && houseNumber === null) ({ street, houseNumber } = splitStreetAndNumber(street));
  const addition = r.text("houseNumberAddition");
  if (houseNumber !== null && addition !== null) houseNumber = joinHouseNumber(houseNumber, addition);
  return { street, houseNumber };
}

function identityOf(r: RowReader, country: string, needName: boolean): RelationIdentity | null {
  const input: RelationPatchInput = { kvkNumber: r.text("kvkNumber"), visitPostcode: r.text("postcode"), visitCountry: country };
  const { columns, problems } = relationColumns(input, null);
  for (const p of problems) r.problem(INPUT_FIELD[p.field] ?? "name", p.code);
  const name = r.text("name");
  if (name === null && needName) r.problem("name", "import_name_required");
  if (name === null && !needName && !columns.kvk_number && problems.length === 0) r.problem(r.has("kvkNumber") ? "kvkNumber" : "name", "import_relation_not_found");
  if (problems.length > 0 || (name === null && (needName || !columns.kvk_number))) return null;
  const postcode = columns.visit_postcode ?? null;
  return { kvk: columns.kvk_number ?? null, name: name ?? "", postcode, nameKey: relationNameKey(name ?? "", postcode) };
}

/** A relation row → its candidate, or its problems. */
export function readRelationRow(
  headers: readonly string[],
  mapping: ImportMapping,
  row: number,
  cells: readonly string[],
): { candidate: RelationCandidate | null; problems: RowProblem[] } {
  const r = new RowReader(headers, mapping, row, cells);
  const country = r.parsed("country", parseCountry) ?? "NL";
  const identity = identityOf(r, country, true);
  const address = addressOf(r);
  const legalForm = r.text("legalForm");
  const revenue = r.parsed("revenuePotential", (t) => {
    const cents = parseAmount(t);
    return cents.ok ? cents : { ok: false as const, error: "import_amount_invalid" };
  });
  const input: RelationPatchInput = {
    debtorNumber: r.text("debtorNumber"),
    visitStreet: address.street,
    visitHouseNumber: address.houseNumber,
    visitCity: r.text("city"),
    phone: r.text("phone"),
    email: r.text("email"),
    website: r.text("website"),
    currentSupplier: r.text("currentSupplier"),
    contractEndDate: r.parsed("contractEndDate", parseDutchDate),
    notes: r.text("notes"),
  };
  const { columns, problems } = relationColumns(input, { visit_country: country, postal_country: null });
  for (const p of problems) r.problem(INPUT_FIELD[p.field] ?? "name", p.code);
  // Only filled cells become values: relationColumns turns absent ones into undefined or null.
  const values: RelationValues = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== null && v !== undefined));
  if (identity) {
    values.name = identity.name;
    if (identity.kvk) values.kvk_number = identity.kvk;
    if (identity.postcode) values.visit_postcode = identity.postcode;
  }
  if (mapping.country !== undefined && r.text("country") !== null) values.visit_country = country;
  if (legalForm !== null) values.legal_form = parseLegalForm(legalForm);
  if (revenue !== null) {
    if (revenue < 0) r.problem("revenuePotential", "import_amount_invalid");
    else values.revenue_potential_cents = revenue;
  }
  const sbiText = r.text("sbi");
  const status = r.parsed("status", parseStatusText);
  const classText = r.text("accountClass");
  let accountClass: string | null | undefined;
  if (classText !== null) {
    const parsed = parseClassText(classText);
    if (parsed.ok) accountClass = parsed.value;
    else r.problem("accountClass", parsed.error);
  }
  if (r.problems.length > 0 || identity === null) return { candidate: null, problems: r.problems };
  return {
    candidate: { row, identity, values, sbiCodes: sbiText === null ? null : parseSbiList(sbiText), status, accountClass, owner: r.text("owner"), rayon: r.text("rayon") },
    problems: [],
  };
}

/** A person row → its candidate (with the relation it belongs to), or its problems. */
export function readPersonRow(
  headers: readonly string[],
  mapping: ImportMapping,
  row: number,
  cells: readonly string[],
): { candidate: PersonCandidate | null; problems: RowProblem[] } {
  const r = new RowReader(headers, mapping, row, cells);
  const country = r.parsed("country", parseCountry) ?? "NL";
  const relation = identityOf(r, country, false);
  const full = r.text("fullName");
  const split = full !== null ? splitFullName(full) : null;
  const lastName = r.text("lastName") ?? split?.lastName ?? null;
  if (lastName === null) r.problem(mapping.lastName === undefined && mapping.fullName !== undefined ? "fullName" : "lastName", "required");
  const firstName = r.text("firstName") ?? split?.firstName ?? null;
  const initials = r.text("initials") ?? split?.initials ?? null;
  const infix = r.text("infix") ?? split?.infix ?? null;
  const title = r.text("title");
  const values: PersonValues = {
    first_name: firstName,
    initials: initials === null ? null : normalizeInitials(initials),
    infix: infix === null ? null : normalizeInfix(infix),
    title: title === null ? null : normalizeTitle(title),
    job_title: r.text("jobTitle"),
    department: r.text("department"),
    phone_direct: r.parsed("phone", normalizePhone),
    phone_mobile: r.parsed("mobile", normalizePhone),
    email: r.parsed("email", normalizeEmail),
  };
  const gender: Gender | null = r.parsed("gender", parseGender);
  if (gender !== null) values.gender = gender;
  const newsletter = r.parsed("newsletter", parseYesNo);
  if (r.problems.length > 0 || relation === null || lastName === null) return { candidate: null, problems: r.problems };
  const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)) as PersonValues;
  return { candidate: { row, relation, values: { ...filled, last_name: lastName }, newsletter }, problems: [] };
}
