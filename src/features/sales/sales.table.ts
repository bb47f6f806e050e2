// Row types of the sales information system (migration 0007). Months are keys yyyymm; 0 means
// "none" in the rayon, salesperson and product-group columns.
import type { Generated } from "kysely";
import type { Flag, Instant, IsoDate } from "../../db/types.js";

export interface SalespeopleTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  email: string | null;
  email_key: string | null;
  user_id: number | null;
  rayon_id: number | null;
  active: Generated<Flag>;
  created_at: Instant;
}

export interface SalesTargetsTable {
  month: number;
  rayon_id: Generated<number>;
  salesperson_id: Generated<number>;
  product_group_id: Generated<number>;
  revenue_cents: Generated<number>;
  quantity_milli: Generated<number>;
}

export interface SalesLinesTable {
  id: Generated<number>;
  invoice_number: string;
  line_number: number;
  invoice_date: IsoDate;
  month: number;
  relation_id: number;
  product_id: number;
  product_group_id: Generated<number>;
  salesperson_id: Generated<number>;
  rayon_id: Generated<number>;
  quantity_milli: number;
  revenue_cents: number;
  cost_cents: number | null;
  credit: Generated<Flag>;
  import_job_id: number | null;
  source_row: number | null;
}

interface Measures {
  quantity_milli: Generated<number>;
  revenue_cents: Generated<number>;
  cost_cents: Generated<number>;
  costed_revenue_cents: Generated<number>;
  lines: Generated<number>;
}

export interface SalesByGroupTable extends Measures {
  month: number;
  rayon_id: number;
  salesperson_id: number;
  product_group_id: number;
}

export interface SalesByProductTable extends Measures {
  month: number;
  rayon_id: number;
  product_id: number;
  product_group_id: number;
}

export interface SalesByDebtorTable extends Measures {
  month: number;
  rayon_id: number;
  salesperson_id: number;
  debtor_id: number;
}

export interface SalesDebtorPeriodsTable extends Measures {
  as_of_month: number;
  period: string;
  rayon_id: number;
  debtor_id: number;
}

/** A batch of staged lines of a sales import, packed (sales-staging.ts; migration 0020). */
export interface SalesImportBatchesTable {
  job_id: number;
  first_row: number;
  last_row: number;
  lines: number;
  data: Uint8Array;
}

export interface SalesImportKeysTable {
  job_id: number;
  kind: "debtor" | "product" | "rep" | "rayon";
  key: string;
  data: string;
  resolved_id: number | null;
  first_row: number;
  rows: number;
}

export interface ImportProblemsTable {
  job_id: number;
  row_number: number;
  column_name: string;
  code: string;
  message: string;
  /** The field the problem is about, where the import names fields (migration 0009). */
  field: string | null;
  /** The company the row names, where the import has one (migration 0022). */
  company: string | null;
}

export interface SalesViewsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  request: string;
  created_at: Instant;
}

export interface SalesTables {
  sales_views: SalesViewsTable;
  salespeople: SalespeopleTable;
  sales_targets: SalesTargetsTable;
  sales_lines: SalesLinesTable;
  sales_by_group: SalesByGroupTable;
  sales_by_product: SalesByProductTable;
  sales_by_debtor: SalesByDebtorTable;
  sales_debtor_periods: SalesDebtorPeriodsTable;
  sales_import_batches: SalesImportBatchesTable;
  sales_import_keys: SalesImportKeysTable;
  import_problems: ImportProblemsTable;
}
