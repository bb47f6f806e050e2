// Fixed lists of a relation's legal form and kind, shared by the API schemas and the web app.

/** Dutch legal forms (rechtsvormen) as the KvK registers them, plus government and foreign. */
export const LEGAL_FORMS = [
  "bv",
  "nv",
  "vof",
  "cv",
  "eenmanszaak",
  "maatschap",
  "stichting",
  "vereniging",
  "cooperatie",
  "overheid",
  "buitenlands",
  "other",
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Customer side (may buy) or influencer (advisory firm, consultant: never orders, steers orders). */
export const RELATION_KINDS = ["customer_side", "influencer"] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];
