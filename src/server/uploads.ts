// The one way a route receives a file: multipart/form-data with one file part. A body that is not
// multipart, a broken multipart body, a missing file and a file over the limit are each a clear 4xx
// problem (never a 500), whichever route it is.
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { Db } from "../db/kysely.js";
import { writeJobFile } from "../features/jobs/job-files.js";
import { AppError } from "./errors.js";

/** Upload limit for imports (bytes); attachments and logos have their own, smaller ones. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Sales lines from the web: an ERP export of a few million lines (larger files go through the CLI). */
export const MAX_SALES_UPLOAD_BYTES = 500 * 1024 * 1024;

function broken(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === "FST_REQ_FILE_TOO_LARGE" || e.statusCode === 413) return new AppError("payload_too_large", "The file is larger than allowed");
  if (e.code === "FST_INVALID_MULTIPART_CONTENT_TYPE") return new AppError("unsupported_media_type", "Send the file as multipart/form-data (field: file)");
  return new AppError("bad_request", `The multipart body cannot be read (${e.message ?? "malformed"}); send the file again`);
}

/** Direction overrides and isolates (invoice‮fdp.txt shows as invoicetxt.pdf), NUL and control characters. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The file name as kept: without any folder part; refused when it could disguise what the file is. */
export function safeFileName(name: string): string {
  if (UNSAFE_NAME.test(name)) {
    throw new AppError("validation_failed", "The file name holds control or text-direction characters; rename the file", [{ field: "file", code: "file_name_invalid", message: "holds control or text-direction characters" }]);
  }
  const base = name.split(/[\\/]/).pop()?.trim() ?? "";
  if (base === "" || base === "." || base === "..") return "bestand";
  if (base.length <= 200) return base;
  // Too long: cut the name, keep the extension (it says what the file is).
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, 200 - ext.length) + ext;
}

async function filePart(request: FastifyRequest, maxBytes: number): Promise<MultipartFile> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Send the file as multipart/form-data (field: file)");
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (error) {
    throw broken(error);
  }
  if (!file) throw new AppError("bad_request", "The request holds no file");
  // Drained before refusing, so the connection is left in order.
  if (UNSAFE_NAME.test(file.filename)) {
    await file.toBuffer().catch(() => undefined);
    safeFileName(file.filename);
  }
  return file;
}

/** A text field of the form, sent before the file. */
export function formField(file: MultipartFile, name: string): string | undefined {
  const field = file.fields[name];
  return field && !Array.isArray(field) && field.type === "field" ? String(field.value) : undefined;
}

/** The one uploaded file, read into memory (for files that are small by their limit). */
export async function uploadedFile(request: FastifyRequest, maxBytes = MAX_UPLOAD_BYTES): Promise<{ buffer: Buffer; fileName: string; part: MultipartFile }> {
  const file = await filePart(request, maxBytes);
  let buffer: Buffer;
  try {
    buffer = await file.toBuffer();
  } catch (error) {
    throw broken(error);
  }
  if (file.file.truncated) throw new AppError("payload_too_large", `The file may be at most ${Math.round(maxBytes / 1024 / 1024)} MB`);
  return { buffer, fileName: safeFileName(file.filename), part: file };
}

/** The one uploaded file, streamed into job_files chunk by chunk (large imports). */
export async function uploadedFileToStore(request: FastifyRequest, db: Db, ownerId: number | null, maxBytes: number, at: string): Promise<{ fileId: number; size: number; fileName: string; fields: Record<string, string | undefined> }> {
  const file = await filePart(request, maxBytes);
  let stored: { id: number; size: number };
  try {
    stored = await writeJobFile(db, { ownerId, jobId: null, purpose: "upload", name: safeFileName(file.filename), contentType: file.mimetype }, file.file, at);
  } catch (error) {
    throw broken(error);
  }
  if (file.file.truncated) {
    await db.deleteFrom("job_files").where("id", "=", stored.id).execute();
    throw new AppError("payload_too_large", `The file may be at most ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
  const fields = Object.fromEntries(Object.keys(file.fields).map((name) => [name, formField(file, name)]));
  return { fileId: stored.id, size: stored.size, fileName: safeFileName(file.filename), fields };
}
