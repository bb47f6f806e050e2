// The shapes the API sends and accepts, taken (types only, nothing bundled) from the server's
// TypeBox schemas so that the web app and the API cannot drift apart unnoticed.
import type { AccountClass } from "../../domain/account-class.js";
import type { DmuRole } from "../../domain/dmu.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import type { Gender } from "../../domain/person-name.js";
import type { PersonCreateInput as ServerPersonCreate } from "../../features/persons/person.schemas.js";
import type { LEGAL_FORMS, RELATION_KINDS, RelationCreateInput as ServerRelationCreate } from "../../features/relations/relation.schemas.js";

export type { RelationDetailDto as RelationDetail, RelationSummaryDto as RelationSummary } from "../../features/relations/relation.schemas.js";
export type { PersonDto as Person } from "../../features/persons/person.schemas.js";
export type { AuthUser } from "../../features/auth/auth-user.js";

// The server builds its literal unions with Type.Union(values.map(...)), which TypeBox types as
// never; the fields that use them are typed here from the domain lists instead.
export type RelationCreateInput = Omit<ServerRelationCreate, "legalForm" | "kind" | "accountClass" | "status"> & {
  legalForm?: (typeof LEGAL_FORMS)[number] | null;
  kind?: (typeof RELATION_KINDS)[number];
  accountClass?: AccountClass | null;
  status?: RelationStatus;
};
export type RelationPatchInput = Partial<RelationCreateInput>;

export type PersonCreateInput = Omit<ServerPersonCreate, "gender" | "dmuRoles"> & { gender?: Gender; dmuRoles?: DmuRole[] };
export type PersonPatchInput = Partial<PersonCreateInput>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** `exact` is false when counting stopped at the cap (shown as "10.000+"). */
  total: { count: number; exact: boolean };
}

export interface Ref {
  id: number;
  name: string;
}

export interface UserOption {
  id: number;
  name: string;
  email: string;
  role: string;
}

export interface RayonOption {
  id: number;
  name: string;
  description: string | null;
}

export interface SbiCode {
  code: string;
  level: string;
  parent: string | null;
  section: string;
  name_nl: string;
  name_en: string;
}

export interface AuditLine {
  id: number;
  entity: string;
  entityId: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  at: string;
  user: Ref | null;
  /** Names behind id-valued values (owner, rayon, persons), given by the server. */
  oldName?: string | null;
  newName?: string | null;
}
