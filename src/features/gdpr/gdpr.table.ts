// Row type of GDPR erasures: which person was erased, when and by whom (no personal data).
import type { Instant } from "../../db/types.js";

export interface PersonErasuresTable {
  person_id: number;
  erased_by: number | null;
  erased_at: Instant;
}

export interface GdprTables {
  person_erasures: PersonErasuresTable;
}
