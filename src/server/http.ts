// HTTP conventions shared by the routes: keyset cursors and optimistic concurrency by version.
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

export type CursorValue = string | number;

/** Lists count their matches up to here: "10,000+" is all a list header needs to say. */
export const COUNT_CAP = 10_000;

/** An opaque cursor: the sort values and id of the last row of a page. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "The cursor is not valid; start again from the first page");
}

export const etag = (version: number) => `"${version}"`;

/** The version the client edited, from If-Match ("3" or W/"3"); 428 without it. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers["if-match"];
  if (header === undefined) {
    throw new AppError("precondition_required", 'Send the version you edited as If-Match: "<version>" (from the ETag of GET)');
  }
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw new AppError("bad_request", `If-Match must be an ETag like "3" (got ${header})`);
  return Number(m[1]);
}

export function sendWithEtag<T extends { version: number }>(reply: FastifyReply, body: T, status = 200) {
  reply.header("etag", etag(body.version));
  return reply.status(status).send(body);
}
