// Row types of import jobs and remembered column mappings (migration 0003).
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface ImportJobsTable {
  id: Generated<number>;
  /** "relations" | "persons" */
  kind: string;
  file_name: string;
  /** "csv" | "xlsx" */
  format: string;
  encoding: string | null;
  delimiter: string | null;
  /** JSON string[] */
  headers: string;
  /** JSON [rowNumber, cells][] */
  rows: string;
  row_count: number;
  layout_key: string;
  /** JSON Partial<Record<ImportField, number>> */
  mapping: string | null;
  /** "uploaded" | "committed" */
  status: Generated<string>;
  /** JSON ImportCounts */
  counts: string | null;
  created_by: number | null;
  created_at: Instant;
  committed_at: Instant | null;
  /** Sales imports: the uploaded (or CLI) file in job_files, and the jobs that analyse and commit it. */
  file_id: number | null;
  /** JSON, per kind (sales: { createMissing, path? }). */
  options: string | null;
  analysis_job_id: number | null;
  commit_job_id: number | null;
  /** JSON [rowNumber, cells][]: the first rows, for the mapping step (migration 0009). */
  sample: string | null;
}

export interface ImportRowsTable {
  job_id: number;
  row_number: number;
  action: string;
  name: string;
  relation_id: number | null;
  person_id: number | null;
  /** JSON string[]. */
  changes: string;
  /** JSON string[]. */
  notes: string;
}

export interface ImportMappingsTable {
  kind: string;
  layout_key: string;
  mapping: string;
  updated_by: number | null;
  updated_at: Instant;
}

export interface ImportTables {
  import_jobs: ImportJobsTable;
  import_rows: ImportRowsTable;
  import_mappings: ImportMappingsTable;
}
