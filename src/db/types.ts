// The column shapes every table type uses (see migrations/columns.ts). Their own small module, so
// that db/schema.ts can list the feature tables and the feature tables can use these without the
// two importing each other.

/** 0 or 1: booleans are smallints on both engines. */
export type Flag = number;
/** ISO 8601 instant in UTC, e.g. 2026-11-27T08:30:00.000Z. */
export type Instant = string;
/** Calendar date YYYY-MM-DD. */
export type IsoDate = string;
