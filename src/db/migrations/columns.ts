// Column types written once for both engines. Conventions (see docs/architecture.md):
// - booleans are smallint 0/1 on both engines (one shape in JS);
// - calendar dates are 'YYYY-MM-DD' (PostgreSQL date, SQLite text);
// - instants are ISO 8601 UTC strings (PostgreSQL timestamptz, SQLite text);
// - money is bigint cents; search keys are byte-ordered (collate "C") so prefix ranges agree.
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  SqliteAdapter,
  sql,
} from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's table types
export type MigrationDb = Kysely<any>; // migrations are frozen in time: they must not follow today's types

export function isSqlite(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

type Tb = CreateTableBuilder<string, string>;
type Modifier = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
const same: Modifier = (c) => c;

export function columns(db: MigrationDb) {
  const sqlite = isSqlite(db);
  return {
    id: (tb: Tb) =>
      sqlite
        ? tb.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        : tb.addColumn("id", "serial", (c) => c.primaryKey()),
    date: (tb: Tb, name: string, m: Modifier = same) => tb.addColumn(name, sqlite ? "text" : "date", m),
    instant: (tb: Tb, name: string, m: Modifier = same) => tb.addColumn(name, sqlite ? "text" : "timestamptz", m),
    bool: (tb: Tb, name: string, fallback: boolean) =>
      tb.addColumn(name, "smallint", (c) => c.notNull().defaultTo(fallback ? 1 : 0)),
    key: (tb: Tb, name: string, m: Modifier = same) =>
      tb.addColumn(name, "text", (c) => m(sqlite ? c : c.modifyFront(sql`collate "C"`))),
    cents: (tb: Tb, name: string, m: Modifier = same) => tb.addColumn(name, "bigint", m),
  };
}
