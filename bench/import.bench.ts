// Benchmark: importing 100,000 relations with a contact person each (the layout other CRMs export:
// one row per contact with the company columns), on both engines. Measured steps, each one
// all-or-nothing transaction as in production: reading the CSV, importing the relations (all new),
// importing the persons of the same file (all new; every 10th row with newsletter consent), and
// importing the relations file again (all unchanged: the idempotent re-import).
//
//   npx tsx bench/import.bench.ts                                  both engines, 100,000 rows
//   KOERS_BENCH_ENGINES=sqlite KOERS_BENCH_IMPORT_ROWS=10000 npx tsx bench/import.bench.ts
//
// Also usable as a plug-in: `import { benchmark } from "./import.bench.js"; await benchmark.run(options)`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Engine } from "../src/db/kysely.js";
import { proposeMapping } from "../src/files/dutch-headers.js";
import { readTable, type Table } from "../src/files/table-reader.js";
import { writeCsv } from "../src/files/table-writer.js";
import { commitImport, type ImportKind } from "../src/features/imports/import-run.js";
import { fieldsOf } from "../src/features/imports/import.service.js";
import { PROJECT_ROOT } from "../src/server/paths.js";
import { createTestDatabase } from "../src/test-support/databases.js";

export interface ImportBenchOptions {
  engines: Engine[];
  rows: number;
}

interface Step {
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportBenchResult {
  engine: Engine;
  rows: number;
  fileMegabytes: number;
  read: Step;
  relations: Step;
  persons: Step;
  reimport: Step;
}

const CITIES = ["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen", "Zwolle", "Enschede"];
const FIRST = ["Jan", "Els", "Pieter", "Fatima", "Sanne", "Mohamed", "Anouk", "Kees", "Lotte", "Daan"];
const LAST = [["", "Jansen"], ["de", "Vries"], ["van der", "Berg"], ["", "Bakker"], ["van", "Dijk"], ["", "Visser"], ["de", "Boer"], ["", "Smit"]];
const LETTERS = "ABCEGHJKLMNPRTVWXZ";

/** A deterministic file: row i always holds the same company and contact. */
export function benchFile(rows: number): Buffer {
  const headers = ["Bedrijfsnaam", "KvK-nummer", "Straat", "Huisnummer", "Postcode", "Plaats", "Telefoon", "E-mail bedrijf", "Status", "Voornaam", "Tussenvoegsel", "Achternaam", "Functie", "E-mail", "Nieuwsbrief"];
  const data = Array.from({ length: rows }, (_, i) => {
    const [infix, last] = LAST[i % LAST.length] as [string, string];
    const first = FIRST[(i * 7) % FIRST.length] as string;
    const pc = `${1000 + (i % 9000)} ${LETTERS[i % LETTERS.length]}${LETTERS[Math.floor(i / LETTERS.length) % LETTERS.length]}`;
    return [
      `Bedrijf ${i} ${last} B.V.`, String(10_000_000 + i), "Industrieweg", String(1 + (i % 200)), pc, CITIES[i % CITIES.length] as string,
      `030-${String(1_000_000 + i).slice(-7)}`, `info@bedrijf${i}.nl`, i % 3 === 0 ? "Klant" : "Prospect",
      first, infix, last, i % 2 === 0 ? "Inkoper" : "Directeur", `${first.toLowerCase()}.${last.toLowerCase()}@bedrijf${i}.nl`, i % 10 === 0 ? "ja" : "",
    ];
  });
  return writeCsv(headers, data);
}

function mappingFor(kind: ImportKind, table: Table) {
  const allowed = fieldsOf(kind);
  const proposed = Object.entries(proposeMapping(table.headers)).filter(([field]) => allowed.includes(field as never));
  // "E-mail bedrijf" is the company's address; "E-mail" the person's.
  const mapping = Object.fromEntries(proposed) as Record<string, number>;
  mapping.email = table.headers.indexOf(kind === "relations" ? "E-mail bedrijf" : "E-mail");
  return mapping;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const step = (seconds: number, rows: number): Step => ({ seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds) });

async function runEngine(engine: Engine, rows: number, file: Buffer): Promise<ImportBenchResult> {
  const database = await createTestDatabase(engine);
  const db = database.handle.db;
  try {
    const read = await timed(async () => {
      const result = await readTable(file, "bench.csv");
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    const table = read.value;
    const options = { userId: null, now: new Date("2026-11-27T08:00:00.000Z"), fileName: "bench.csv" };
    const relations = await timed(() => commitImport(db, "relations", table, mappingFor("relations", table), options));
    if (relations.value.created !== rows) throw new Error(`expected ${rows} relations created, got ${JSON.stringify(relations.value)}`);
    const persons = await timed(() => commitImport(db, "persons", table, mappingFor("persons", table), options));
    if (persons.value.created !== rows) throw new Error(`expected ${rows} persons created, got ${JSON.stringify(persons.value)}`);
    const again = await timed(() => commitImport(db, "relations", table, mappingFor("relations", table), options));
    if (again.value.unchanged !== rows) throw new Error(`expected ${rows} unchanged, got ${JSON.stringify(again.value)}`);
    return {
      engine,
      rows,
      fileMegabytes: Math.round((file.length / 1024 / 1024) * 10) / 10,
      read: step(read.seconds, rows),
      relations: step(relations.seconds, rows),
      persons: step(persons.seconds, rows),
      reimport: step(again.seconds, rows),
    };
  } finally {
    await database.drop();
  }
}

export const benchmark = {
  name: "import",
  description: "Import of 100,000 relations with persons (rows per second)",
  defaults: (): ImportBenchOptions => ({
    engines: (process.env.KOERS_BENCH_ENGINES ?? "sqlite,postgres").split(",").filter((e): e is Engine => e === "sqlite" || e === "postgres"),
    rows: Number(process.env.KOERS_BENCH_IMPORT_ROWS ?? 100_000),
  }),
  async run(options: ImportBenchOptions = benchmark.defaults()): Promise<ImportBenchResult[]> {
    const file = benchFile(options.rows);
    const results: ImportBenchResult[] = [];
    for (const engine of options.engines) {
      console.log(`import on ${engine}: ${options.rows.toLocaleString("en")} rows …`);
      results.push(await runEngine(engine, options.rows, file));
    }
    console.table(
      results.flatMap((r) =>
        (["read", "relations", "persons", "reimport"] as const).map((s) => ({ engine: r.engine, step: s, rows: r.rows, seconds: r[s].seconds, "rows/s": r[s].rowsPerSecond })),
      ),
    );
    const dir = join(PROJECT_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "import.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
    return results;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchmark.run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
