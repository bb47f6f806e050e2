// The quote-list import as a background job: the stored file is read and imported, all or nothing,
// recorded for the user who started it.
import type { IsoDate } from "../../domain/calendar.js";
import { AppError } from "../../server/errors.js";
import { readStoredTable, type FileImportParams } from "../imports/file-import.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { findUserById } from "../users/user.repository.js";
import { toAuthUser } from "../users/user.service.js";
import { importQuotes } from "./quote-import.service.js";

export const quoteImportJob: JobHandler<FileImportParams & { asOf: IsoDate }> = async (ctx) => {
  const row = ctx.viewer.id === null ? undefined : await findUserById(ctx.db, ctx.viewer.id);
  if (!row) throw new AppError("forbidden", "The user who started this import no longer exists");
  const user = await toAuthUser(ctx.db, row);
  return importQuotes(ctx.db, user, await readStoredTable(ctx.db, ctx.params), { asOf: ctx.params.asOf, now: ctx.now() });
};
