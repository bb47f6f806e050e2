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

export async function upload(t: TestApp, headers: Headers, kind: "relations" | "persons", fileName: string, content: Buffer) {
  const body = multipart(fileName, content, { kind });
  return t.app.inject({ method: "POST", url: "/api/imports", headers: { ...headers, ...body.headers }, payload: body.payload });
}

/** Uploads and commits; throws with the response body when a step fails. */
export async function importFile(t: TestApp, headers: Headers, kind: "relations" | "persons", fileName: string, content: Buffer) {
  const up = await upload(t, headers, kind, fileName, content);
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.body}`);
  const commit = await t.app.inject({ method: "POST", url: `/api/imports/${up.json().id}/commit`, headers });
  if (commit.statusCode !== 200) throw new Error(`commit failed: ${commit.body}`);
  return commit.json() as { id: number; counts: Record<string, number> };
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
