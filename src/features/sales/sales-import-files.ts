// The bytes of a sales import: its upload, or (from the CLI) a file path on this machine.
import type { Db } from "../../db/kysely.js";
import type { ByteSource } from "../../files/table-stream.js";
import { AppError } from "../../server/errors.js";
import { jobFileSource, pathSource } from "../imports/import-source.js";
import type { SalesImportRow } from "./sales-import.repository.js";

export async function importSourceOf(db: Db, job: SalesImportRow): Promise<ByteSource> {
  if (job.file_id !== null) return jobFileSource(db, job.file_id);
  if (job.options.path) return pathSource(job.options.path);
  throw new AppError("not_found", `Sales import ${job.id} has no file`);
}
