// The product import as a background job: the stored file is read and imported, all or nothing.
import { readStoredTable, type FileImportParams } from "../imports/file-import.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { importProducts } from "./product-import.js";

export const productImportJob: JobHandler<FileImportParams> = async (ctx) => importProducts(ctx.db, ctx.viewer, await readStoredTable(ctx.db, ctx.params), ctx.now());
