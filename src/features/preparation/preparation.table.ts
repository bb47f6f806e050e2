// Row types of visit preparation (migration 0017): only what the rep adds to an appointment's sheet.
import type { Generated } from "kysely";
import type { Flag, Instant } from "../../db/types.js";

export interface VisitPreparationsTable {
  appointment_id: number;
  method: string | null;
  /** JSON string[] of template ids. */
  templates: Generated<string>;
  /** JSON { keyword, ticked, answer }[]. */
  keywords: Generated<string>;
  /** JSON { item, ticked }[]. */
  checklist: Generated<string>;
  /** JSON object of research fields. */
  research: Generated<string>;
  notes: string | null;
  updated_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface VisitObjectivesTable {
  id: Generated<number>;
  appointment_id: number;
  position: number;
  kind: string;
  text: string;
  keyword: string | null;
  smart: Generated<string>;
  ticked: Generated<Flag>;
  answer: string | null;
  result: string | null;
}

export interface VisitReportsTable {
  appointment_id: number;
  activity_id: number | null;
  follow_up_id: number | null;
  quote_id: number | null;
  reported_by: number | null;
  reported_at: Instant;
}

export interface PreparationTables {
  visit_preparations: VisitPreparationsTable;
  visit_objectives: VisitObjectivesTable;
  visit_reports: VisitReportsTable;
  visit_templates: VisitTemplatesTable;
}

/** The company's visit templates (migration 0029); JSON columns as in domain/visit-templates.ts. */
export interface VisitTemplatesTable {
  id: Generated<number>;
  /** What a sheet's `templates` names: "general", "cleaning", or "t<id>" for the company's own. */
  key: string;
  name_nl: string;
  name_en: string;
  visit_types: Generated<string>;
  sbi_sections: Generated<string>;
  objectives: Generated<string>;
  keywords: Generated<string>;
  position: number;
  active: Generated<Flag>;
  updated_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}
