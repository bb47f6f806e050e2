// Where an import reads its file from: an upload kept in job_files (web), or a path on this
// machine (the koers CLI, so a gigabyte file is never copied into the database first).
import { createReadStream, openSync, readSync, closeSync, statSync, readFileSync } from "node:fs";
import type { Db } from "../../db/kysely.js";
import { AppError } from "../../server/errors.js";
import type { ByteSource } from "../../files/table-stream.js";
import { MAX_TABLE_FILE_BYTES } from "../../files/table.js";
import { findJobFile, readJobFile, readJobFileBuffer, readJobFileHead } from "../jobs/job-files.js";

export async function jobFileSource(db: Db, fileId: number): Promise<ByteSource> {
  const file = await findJobFile(db, fileId);
  if (!file) throw new AppError("not_found", "The uploaded file is no longer there; upload it again");
  return {
    size: Number(file.size),
    head: (n) => readJobFileHead(db, fileId, n),
    stream: () => readJobFile(db, fileId),
    buffer: () => readJobFileBuffer(db, fileId, MAX_TABLE_FILE_BYTES),
  };
}

export function pathSource(path: string): ByteSource {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new AppError("not_found", `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    size,
    head: async (n) => {
      const fd = openSync(path, "r");
      try {
        const buffer = Buffer.alloc(Math.min(n, size));
        const read = readSync(fd, buffer, 0, buffer.length, 0);
        return buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
    stream: () => createReadStream(path, { highWaterMark: 1024 * 1024 }),
    buffer: async () => {
      if (size > MAX_TABLE_FILE_BYTES) throw new AppError("payload_too_large", `${path} is larger than ${MAX_TABLE_FILE_BYTES / 1024 / 1024} MB`);
      return readFileSync(path);
    },
  };
}
