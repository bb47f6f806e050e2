// Shared steps of the import, export and merge integration tests.
import iconv from "iconv-lite";
import type { TestApp } from "../../test-support/app.js";

export type Headers = Record<string, string>;

/** A multipart/form-data body with the fields and one file in the field "file". */
export function multipart(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = "----koers-import-boundary";
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([...parts, head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A ;-separated CSV in Windows-1252, as Dutch Excel saves it. */
export function dutchCsv(lines: readonly (readonly string[])[]): Buffer {
  return iconv.encode(`${lines.map((l) => l.join(";")).join("\r\n")}\r\n`, "win1252");
}

/** Waits until the import's background work (reading, planning, committing) has ended. */
export async function settled(t: TestApp, headers: Headers, id: number) {
  for (let i = 0; i < 1200; i++) {
    const res = await t.app.inject({ method: "GET", url: `/api/imports/${id}`, headers });
    const status = res.json().status;
    if (res.statusCode !== 200 || !["reading", "analysing", "committing"].includes(status)) return res;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not settle`);
}

/**
 * Uploads a file and waits for its header (and, with a complete mapping, its plan). Answers like the
 * upload when it was refused, else like GET /api/imports/:id afterwards.
 */
export async function upload(t: TestApp, headers: Headers, kind: "relations" | "persons", fileName: string, content: Buffer) {
  const body = multipart(fileName, content, { kind });
  const res = await t.app.inject({ method: "POST", url: "/api/imports", headers: { ...headers, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 201) return res;
  const done = await settled(t, headers, res.json().id);
  return { statusCode: res.statusCode, json: () => done.json(), body: done.body };
}

/** Starts the commit and waits for it: the import as it then stands (status committed, counts), or the refusal. */
export async function commit(t: TestApp, headers: Headers, id: number) {
  const res = await t.app.inject({ method: "POST", url: `/api/imports/${id}/commit`, headers });
  if (res.statusCode !== 200) return res;
  return settled(t, headers, id);
}

/** Uploads and commits; throws with the response body when a step fails. */
export async function importFile(t: TestApp, headers: Headers, kind: "relations" | "persons", fileName: string, content: Buffer) {
  const up = await upload(t, headers, kind, fileName, content);
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.body}`);
  const done = await commit(t, headers, up.json().id);
  if (done.json().status !== "committed") throw new Error(`commit failed: ${done.body}`);
  return done.json() as { id: number; counts: Record<string, number> };
}

export async function tableCounts(t: TestApp) {
  const db = t.database.handle.db;
  const count = async (table: "relations" | "persons" | "audit_log" | "relation_status_changes" | "consents") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return {
    relations: await count("relations"),
    persons: await count("persons"),
    audit: await count("audit_log"),
    statusChanges: await count("relation_status_changes"),
    consents: await count("consents"),
  };
}
