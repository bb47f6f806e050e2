// Sales lines in integration tests, loaded the way users load them: a CSV through the import API.
import { expect } from "vitest";
import type { App } from "../server/context.js";
import { waitForJob } from "./jobs.js";
import { multipartFile } from "./multipart.js";

/** Uploads, analyses and commits a sales CSV; fails the test when the file has problems. */
export async function importSales(app: App, headers: Record<string, string>, csv: string, createMissing = true): Promise<void> {
  const file = multipartFile("omzet.csv", Buffer.from(csv, "utf8"));
  const res = await app.inject({ method: "POST", url: `/api/sales/imports?createMissing=${createMissing}`, headers: { ...headers, ...file.headers }, payload: file.payload });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id;
  const analysed = await salesImportSettled(app, headers, id);
  if (analysed.status !== "analysed") {
    const problems = (await app.inject({ method: "GET", url: `/api/sales/imports/${id}/problems`, headers })).json();
    throw new Error(`sales import ${analysed.status}: ${JSON.stringify(problems.items.slice(0, 5))}`);
  }
  const commit = await app.inject({ method: "POST", url: `/api/sales/imports/${id}/commit`, headers });
  const job = await waitForJob(app, headers, commit.json().commitJob.id);
  expect(job.state, JSON.stringify(job.error)).toBe("succeeded");
}

/** Waits until a sales import has been read and analysed (or stopped for a mapping or a failure). */
export async function salesImportSettled(app: App, headers: Record<string, string>, id: number) {
  for (let i = 0; i < 2400; i++) {
    const body = (await app.inject({ method: "GET", url: `/api/sales/imports/${id}`, headers })).json();
    if (!["reading", "analysing"].includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`sales import ${id} did not settle`);
}

/** CSV lines: [invoice, line, date dd-mm-yyyy, debtor, product, quantity, revenue €, cost €, rep, rayon]. */
export function salesCsv(lines: readonly (readonly (string | number)[])[]): string {
  return ["Factuur;Regel;Datum;Debiteur;Debiteurnaam;Artikel;Aantal;Omzet;Kostprijs;Verkoper;Rayon", ...lines.map((l) => l.join(";"))].join("\n");
}
