// Product import from CSV/XLSX: every row is checked first; any error → nothing is imported and all
// errors are reported with row and column. Products are matched by code (case-insensitive), so
// importing the same file again changes nothing.
import { parseAmount } from "../../domain/dutch-input.js";
import { parseVatCategory, type VatCategory, type VatRates } from "../../domain/vat.js";
import { getCompanySettings } from "../company/company.service.js";
import { normalizeKey } from "../../domain/text.js";
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { parseDutchDate, parseYesNo } from "../../domain/import-values.js";
import { cellOf, explained, type ImportProblem, matchColumns } from "../../files/import-columns.js";

const parseDate = explained(parseDutchDate, (t) => `expected a date such as 15-03-2027 or 2027-03-15, got "${t}"`);
const parseActive = explained(parseYesNo, (t) => `expected ja/nee or yes/no, got "${t}"`);
import type { ImportTable } from "../../server/table-file.js";
import { findGroup, findProductByCodeKey, insertGroup, insertProduct, insertSegment, listSegmentsWithTerms, updateProductRow } from "./product.repository.js";
import type { ProductImportResultDto } from "./product.schemas.js";
import { auditProductChanges, auditProductCreated, checkCostPriceAccess, codeKeyOf, searchKeyOf } from "./product.service.js";

const FIELDS = {
  code: ["code", "artikelcode", "artikelnr", "artikelnummer", "productcode", "product code", "item code", "sku"],
  name: ["naam", "omschrijving", "productnaam", "artikel", "name", "description", "product name", "product"],
  unit: ["eenheid", "unit", "uom"],
  group: ["productgroep", "groep", "artikelgroep", "product group", "group"],
  segment: ["segment", "marktsegment", "market segment"],
  listPrice: ["prijs", "verkoopprijs", "lijstprijs", "bruto prijs", "list price", "price", "sales price"],
  costPrice: ["kostprijs", "inkoopprijs", "cost price", "cost"],
  launchDate: ["introductiedatum", "lanceerdatum", "introductie", "launch date", "launched", "introduction date"],
  active: ["actief", "active"],
  vat: ["btw", "btw-tarief", "btw tarief", "btw%", "vat", "vat rate", "tax"],
} as const;
type Field = keyof typeof FIELDS;

interface ProductRowInput {
  row: number;
  code: string;
  name: string;
  unit: string | null;
  group: string | null;
  segment: string | null;
  listPriceCents: number | null;
  costPriceCents: number | null;
  launchDate: string | null;
  active: boolean | null;
  vatCategory: VatCategory | null;
}

function readRows(table: ImportTable, rates: VatRates): { rows: ProductRowInput[]; problems: ImportProblem[] } {
  const { columns, problems } = matchColumns<Field>(table.headers, FIELDS, ["code", "name"]);
  if (problems.length > 0) return { rows: [], problems };
  const rows: ProductRowInput[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const cell = (f: Field) => cellOf(cells, columns, f);
    const fail = (f: Field, message: string) => problems.push({ row: rowNumber, column: columns[f]?.header ?? f, message });
    const optional = <T>(f: Field, parse: (t: string) => { ok: true; value: T } | { ok: false; error: string }): T | null => {
      const text = cell(f);
      if (text === "") return null;
      const r = parse(text);
      if (r.ok) return r.value;
      fail(f, r.error);
      return null;
    };
    const code = cell("code");
    const name = cell("name");
    if (code === "") fail("code", "is empty");
    else if (code.length > 50) fail("code", "is longer than 50 characters");
    if (name === "") fail("name", "is empty");
    const earlier = seen.get(codeKeyOf(code));
    if (code !== "" && earlier !== undefined) fail("code", `"${code}" is also on row ${earlier}`);
    seen.set(codeKeyOf(code), rowNumber);
    const listPriceCents = optional("listPrice", parseAmount);
    const costPriceCents = optional("costPrice", parseAmount);
    if (listPriceCents !== null && listPriceCents < 0) fail("listPrice", "is negative");
    if (costPriceCents !== null && costPriceCents < 0) fail("costPrice", "is negative");
    rows.push({
      row: rowNumber,
      code,
      name: name.slice(0, 200),
      unit: cell("unit") || null,
      group: cell("group") || null,
      segment: cell("segment") || null,
      listPriceCents,
      costPriceCents,
      launchDate: optional("launchDate", parseDate),
      active: optional("active", parseActive),
      vatCategory: optional("vat", (t) => parseVatCategory(t, rates)),
    });
  }
  return { rows, problems };
}

export async function importProducts(db: Db, viewer: Viewer, table: ImportTable, now: Date): Promise<ProductImportResultDto> {
  const result: ProductImportResultDto = { ok: false, created: 0, updated: 0, unchanged: 0, groupsCreated: 0, segmentsCreated: 0, errors: [] };
  // Refused before any row is read: the created/updated/unchanged counts would otherwise tell a
  // viewer without margin rights whether a guessed cost price is right.
  checkCostPriceAccess(viewer, matchColumns<Field>(table.headers, FIELDS, []).columns.costPrice !== undefined);
  const { rows, problems } = readRows(table, (await getCompanySettings(db)).vatRates);
  if (table.rows.length === 0 && problems.length === 0) problems.push({ row: null, column: null, message: "the file holds no product rows" });
  if (problems.length > 0) return { ...result, errors: problems };

  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const groupIds = new Map<string, number>();
    const segments = await listSegmentsWithTerms(trx);
    const segmentIds = new Map<string, number>();
    for (const s of segments) {
      segmentIds.set(normalizeKey(s.code), s.id);
      segmentIds.set(normalizeKey(s.name), s.id);
    }
    const groupOf = async (name: string): Promise<number> => {
      const key = normalizeKey(name);
      const known = groupIds.get(key) ?? (await findGroup(trx, { nameKey: key }))?.id ?? (await findGroup(trx, { code: name }))?.id;
      if (known !== undefined) return groupIds.set(key, known).get(key) as number;
      result.groupsCreated += 1;
      const id = await insertGroup(trx, { name, name_key: key, code: null });
      groupIds.set(key, id);
      return id;
    };
    const segmentOf = async (name: string): Promise<number> => {
      const key = normalizeKey(name);
      const known = segmentIds.get(key);
      if (known !== undefined) return known;
      result.segmentsCreated += 1;
      const id = await insertSegment(trx, { code: key.replaceAll(" ", "-").toUpperCase().slice(0, 30), name });
      segmentIds.set(key, id);
      return id;
    };

    for (const r of rows) {
      const values = {
        code: r.code,
        name: r.name,
        ...(r.unit !== null ? { unit: r.unit } : {}),
        ...(r.group !== null ? { group_id: await groupOf(r.group) } : {}),
        ...(r.segment !== null ? { segment_id: await segmentOf(r.segment) } : {}),
        ...(r.listPriceCents !== null ? { list_price_cents: r.listPriceCents } : {}),
        ...(r.costPriceCents !== null ? { cost_price_cents: r.costPriceCents } : {}),
        ...(r.launchDate !== null ? { launch_date: r.launchDate } : {}),
        ...(r.active !== null ? { active: r.active ? 1 : 0 } : {}),
        ...(r.vatCategory !== null ? { vat_category: r.vatCategory } : {}),
      };
      const existing = await findProductByCodeKey(trx, viewer, codeKeyOf(r.code));
      if (!existing) {
        const id = await insertProduct(trx, {
          ...values,
          code_key: codeKeyOf(r.code),
          name_key: normalizeKey(r.name),
          search_key: searchKeyOf(r.code, r.name),
          created_at: stamp,
          updated_at: stamp,
        });
        await auditProductCreated(trx, viewer.id, id, r.code, r.costPriceCents, stamp);
        result.created += 1;
        continue;
      }
      // Only cells that hold a value change the product; an empty cell keeps what is there.
      const changed = Object.entries(values).filter(([k, v]) => (existing as unknown as Record<string, unknown>)[k] !== v);
      if (changed.length === 0) {
        result.unchanged += 1;
        continue;
      }
      await updateProductRow(trx, existing.id, existing.version, {
        ...Object.fromEntries(changed),
        name_key: normalizeKey(r.name),
        search_key: searchKeyOf(r.code, r.name),
        updated_at: stamp,
      });
      await auditProductChanges(trx, viewer.id, existing.id, existing, Object.fromEntries(changed), stamp);
      result.updated += 1;
    }
  });
  return { ...result, ok: true };
}
