// Row count and SHA-256 of every table of a database, to prove two databases hold the same data
// (a backup and what was restored from it). Rows are compared as sorted JSON, so the order in which
// an engine returns them does not matter.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db, Engine } from "../db/kysely.js";

export type Checksums = Record<string, { rows: number; sha256: string }>;

export async function tableChecksums(db: Db, engine: Engine): Promise<Checksums> {
  const tables =
    engine === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Checksums = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const lines = rows.rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v))).sort();
    out[name] = { rows: lines.length, sha256: createHash("sha256").update(lines.join("\n")).digest("hex") };
  }
  return out;
}
