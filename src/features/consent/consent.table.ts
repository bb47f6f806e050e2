// Row types of mailing consent: the append-only record and the derived current state (migration 0002).
import type { Generated } from "kysely";
import type { Instant, IsoDate } from "../../db/types.js";

export interface ConsentsTable {
  id: Generated<number>;
  person_id: number;
  purpose: string;
  /** "given" | "withdrawn" */
  state: string;
  decided_on: IsoDate;
  source: string;
  text_version: string | null;
  proof: string | null;
  recorded_by: number | null;
  recorded_at: Instant;
}

export interface ConsentStatesTable {
  person_id: number;
  purpose: string;
  /** "given" | "withdrawn" | "none" */
  state: string;
  since: IsoDate | null;
  source: string | null;
  text_version: string | null;
  consent_id: number | null;
}

export interface ConsentTables {
  consents: ConsentsTable;
  consent_states: ConsentStatesTable;
}
