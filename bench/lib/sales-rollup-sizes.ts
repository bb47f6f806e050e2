// Rows and bytes of the sales lines and each rollup after the import (bytes from SQLite's dbstat
// table, or pg_total_relation_size; both include the table's indexes).
import { sql } from "kysely";
import type { DatabaseHandle } from "../../src/db/kysely.js";

export interface RollupSize {
  table: string;
  rows: number;
  bytes: number | null;
}

export const SALES_TABLES = ["sales_lines", "sales_by_group", "sales_by_product", "sales_by_debtor", "sales_debtor_periods"] as const;

export async function measureRollups(handle: DatabaseHandle): Promise<RollupSize[]> {
  const { db } = handle;
  const out: RollupSize[] = [];
  for (const table of SALES_TABLES) {
    const rows = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
    let bytes: number | null = null;
    try {
      if (handle.engine === "sqlite") {
        // dbstat names each index by itself: sum the table and the indexes on it.
        const r = await sql<{ b: number }>`select sum(pgsize) as b from dbstat where name = ${table} or name in (select name from sqlite_master where type = 'index' and tbl_name = ${table})`.execute(db);
        bytes = Number(r.rows[0]?.b ?? 0);
      } else {
        const r = await sql<{ b: number }>`select pg_total_relation_size(${table}::regclass) as b`.execute(db);
        bytes = Number(r.rows[0]?.b ?? 0);
      }
    } catch {
      bytes = null;
    }
    out.push({ table, rows, bytes });
  }
  return out;
}
