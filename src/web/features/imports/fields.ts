// Names of the Koers fields a column can feed, and which of them an import cannot do without
// (the same rule as mappingProblems in src/features/imports/import.service.ts).
import type { TFunction } from "i18next";
import type { ImportKind } from "./imports.api.js";

/** A persons file names its relation with the company columns, so those read differently there. */
export function fieldLabel(t: TFunction, kind: ImportKind, field: string): string {
  if (kind === "persons") {
    const own = t(`imports.personFields.${field}`, { defaultValue: "" });
    if (own) return own;
  }
  return t(`imports.fields.${field}`, { defaultValue: field });
}

/** Column index per field → field per column index (the way the mapping table shows it). */
export function fieldByColumn(mapping: Record<string, number>): Map<number, string> {
  return new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
}

/** Fields still missing from a mapping; empty when it can be previewed. */
export function missingFields(kind: ImportKind, mapping: Record<string, number>): string[][] {
  const has = (field: string) => mapping[field] !== undefined;
  if (kind === "relations") return has("name") ? [] : [["name"]];
  const missing: string[][] = [];
  if (!has("lastName") && !has("fullName")) missing.push(["lastName", "fullName"]);
  if (!has("name") && !has("kvkNumber")) missing.push(["kvkNumber", "name"]);
  return missing;
}
