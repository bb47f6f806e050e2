// Files of jobs, in the database in chunks: an upload waiting to be imported, an export waiting to
// be downloaded. Written and read as streams, one chunk at a time, so no process holds a whole file;
// stored in the database so every instance (and every worker thread) can read them.
import { Readable } from "node:stream";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import type { JobFilesTable } from "./job.table.js";

/** Bytes per stored chunk: large enough for few rows, small enough for a short write. */
export const CHUNK_BYTES = 1024 * 1024;

export interface NewJobFile {
  ownerId: number | null;
  jobId: number | null;
  purpose: JobFilesTable["purpose"];
  name: string;
  contentType: string;
}

/** Stores `source` chunk by chunk; the file is readable only once every chunk is written. */
export async function writeJobFile(db: Db, file: NewJobFile, source: AsyncIterable<Buffer | Uint8Array | string> | Buffer, at: string): Promise<{ id: number; size: number }> {
  const row = await db
    .insertInto("job_files")
    .values({ owner_id: file.ownerId, job_id: file.jobId, purpose: file.purpose, name: file.name, content_type: file.contentType, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
      await db.insertInto("job_file_chunks").values({ file_id: row.id, seq, data: data.subarray(offset, offset + CHUNK_BYTES) }).execute();
      seq += 1;
    }
  };
  const chunks = Buffer.isBuffer(source) ? [source] : source;
  try {
    for await (const chunk of chunks) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      pending.push(buffer);
      pendingBytes += buffer.length;
      size += buffer.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  } catch (error) {
    // A source that breaks off (a cut-off upload) leaves no half file behind.
    await db.deleteFrom("job_files").where("id", "=", row.id).execute();
    throw error;
  }
  await db.updateTable("job_files").set({ size, complete: 1 }).where("id", "=", row.id).execute();
  return { id: row.id, size };
}

export function findJobFile(db: Db, id: number) {
  return db.selectFrom("job_files").selectAll().where("id", "=", id).where("complete", "=", 1).executeTakeFirst();
}

export function outputFileOfJob(db: Db, jobId: number) {
  return db.selectFrom("job_files").selectAll().where("job_id", "=", jobId).where("purpose", "=", "output").where("complete", "=", 1).orderBy("id", "desc").executeTakeFirst();
}

/** The file's bytes as a stream, read one chunk per query. */
export function readJobFile(db: Db, fileId: number): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await db.selectFrom("job_file_chunks").select("data").where("file_id", "=", fileId).where("seq", "=", seq).executeTakeFirst();
        seq += 1;
        this.push(chunk ? Buffer.from(chunk.data) : null);
      } catch (error) {
        this.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    },
  });
}

/** The first `bytes` of a file (format sniffing, previews) without reading the rest. */
export async function readJobFileHead(db: Db, fileId: number, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  for (let seq = 0; have < bytes; seq++) {
    const chunk = await db.selectFrom("job_file_chunks").select("data").where("file_id", "=", fileId).where("seq", "=", seq).executeTakeFirst();
    if (!chunk) break;
    parts.push(Buffer.from(chunk.data));
    have += chunk.data.length;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** The whole file in memory: only for files known to be small (an XLSX upload within the upload limit). */
export async function readJobFileBuffer(db: Db, fileId: number, maxBytes: number): Promise<Buffer> {
  const file = await db.selectFrom("job_files").select("size").where("id", "=", fileId).executeTakeFirst();
  if (!file) throw new AppError("not_found", `File ${fileId} does not exist`);
  if (Number(file.size) > maxBytes) throw new AppError("payload_too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  const parts: Buffer[] = [];
  for await (const chunk of readJobFile(db, fileId)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** Uploads and outputs older than `before` go (their jobs are long done). */
export async function deleteJobFilesBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom("job_files").where("created_at", "<", before).execute();
}

/** One file goes (its chunks with it), once the job that read it is done with it. */
export async function deleteJobFile(db: Db, id: number): Promise<void> {
  await db.deleteFrom("job_files").where("id", "=", id).execute();
}
