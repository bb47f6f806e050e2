// The logging mailbox is read every KOERS_MAIL_IMAP_POLL_SECONDS: an instance queues a mail.imap job
// when none is waiting or running. Two instances queueing at the same moment only read the mailbox
// twice (the unique Message-ID per owner keeps each mail once). Finished runs are kept a day, failed
// ones a week (what the administrator looks at), so a poll a minute does not fill the jobs table.
// After failed runs the polls back off (mail-imap-status.ts): no run is queued before the mailbox's
// retry moment, which doubles with every failure in a row up to an hour.
import { SYSTEM_VIEWER } from "../../domain/access.js";
import type { AppContext } from "../../server/context.js";
import { jobQueuedSince, repeatEvery } from "../jobs/job-schedule.js";
import { deleteFinishedJobs } from "../jobs/job.service.js";
import { imapRunDue } from "./mail-imap-status.js";

const KEEP_SUCCEEDED_MS = 24 * 60 * 60 * 1000;
const KEEP_FAILED_MS = 7 * 24 * 60 * 60 * 1000;

/** One poll: queues a mail.imap run unless one is open or the back-off after failures still lasts. True when it queued one. */
export async function pollMailImap(ctx: AppContext): Promise<boolean> {
  const imap = ctx.config.mailLog?.imap;
  if (!imap) return false;
  if (await jobQueuedSince(ctx.db, "mail.imap", null, true)) return false;
  if (!(await imapRunDue(ctx.db, imap, ctx.now()))) return false;
  const now = ctx.now().getTime();
  await deleteFinishedJobs(ctx.db, "mail.imap", "succeeded", new Date(now - KEEP_SUCCEEDED_MS).toISOString());
  await deleteFinishedJobs(ctx.db, "mail.imap", "failed", new Date(now - KEEP_FAILED_MS).toISOString());
  await ctx.jobs.enqueue("mail.imap", {}, SYSTEM_VIEWER);
  return true;
}

export function scheduleMailImap(ctx: AppContext): () => void {
  const imap = ctx.config.mailLog?.imap;
  if (!imap) return () => {};
  return repeatEvery(imap.pollSeconds * 1000, () => pollMailImap(ctx));
}
