import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRecordBatches } from "./csv-records.js";

/** What csv-parse makes of the whole text at once, with the options the table reader uses. */
function csvParse(text: string, delimiter: string, fromLine: number): { records: string[][] } | { error: string } {
  try {
    return { records: parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false, bom: true, from_line: fromLine }) as string[][] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function fastRead(text: string, delimiter: string, fromLine: number, chunk: number): Promise<{ records: string[][] } | { error: string }> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const records: string[][] = [];
  try {
    for await (const batch of csvRecordBatches(chunks(), { delimiter, fromLine })) records.push(...batch);
    return { records };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const PIECES = ["a", "12,50", ";", ",", "\n", "\r\n", "\r", '"', '""', " ", "é", "€", 'x"y', "sep=;\n", "\uFEFF", "F2025-001;1;15-03-2025;D-1001\r\n"];

describe("reading CSV records", () => {
  it("reads every text exactly as csv-parse does: records, or the same error at the same line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
        fc.constantFrom(";", ","),
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 64 }),
        async (pieces, delimiter, fromLine, chunk) => {
          const text = pieces.join("");
          expect(await fastRead(text, delimiter, fromLine, chunk)).toEqual(csvParse(text, delimiter, fromLine));
        },
      ),
      { numRuns: 3000 },
    );
    // 3,000 texts: seconds on a busy machine.
  }, 60_000);

  it("splits plain lines itself and hands a quoted cell with a line break to csv-parse, keeping its line numbers", async () => {
    const text = 'Factuur;Omzet\r\nF1;10,00\r\nF2;"1\r\n2"\r\nF3;"open\r\n';
    expect(await fastRead(text, ";", 1, 7)).toEqual(csvParse(text, ";", 1));
    // csv-parse's own count: a line break inside quotes counts too (\r and \n each).
    expect(await fastRead(text, ";", 1, 7)).toEqual({ error: "Quote Not Closed: the parsing is finished with an opening quote at line 7" });
    const closed = 'Factuur;Omzet\r\nF1;10,00\r\nF2;"1\r\n2"\r\nF3;30,00\r\n';
    expect(await fastRead(closed, ";", 1, 5)).toEqual({ records: [["Factuur", "Omzet"], ["F1", "10,00"], ["F2", "1\r\n2"], ["F3", "30,00"]] });
  });
});
