// Shared steps of the CRM-memory integration tests: relations, persons, contact moments, uploads.
import type { TestApp } from "../../test-support/app.js";

export type Headers = Record<string, string>;

/** POST as a user who may; anything but a 2xx fails the test with the server's answer. */
export async function postOk(t: TestApp, user: { headers: Headers }, url: string, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: "POST", url, headers: user.headers, payload });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
  return res.json();
}

export async function newRelation(t: TestApp, headers: Headers, body: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: "/api/relations", headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`relation not created: ${res.body}`);
  return res.json().id as number;
}

export async function newPerson(t: TestApp, headers: Headers, relationId: number, body: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: `/api/relations/${relationId}/persons`, headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`person not created: ${res.body}`);
  return res.json().id as number;
}

export function postActivity(t: TestApp, headers: Headers, relationId: number, body: Record<string, unknown>) {
  return t.app.inject({ method: "POST", url: `/api/relations/${relationId}/activities`, headers, payload: body });
}

/** A multipart/form-data body with one file in the field "file". */
export function multipartFile(fileName: string, content: Buffer, contentType = "application/octet-stream") {
  const boundary = "----koers-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** 09:00 in Amsterdam (winter time, UTC+1) on the given date. */
export const morningOf = (date: string) => new Date(`${date}T08:00:00.000Z`);
