// The logging mailbox is read every KOERS_MAIL_IMAP_POLL_SECONDS: an instance queues a mail.imap job
// when none is waiting or running. Two instances queueing at the same moment only read the mailbox
// twice (the unique Message-ID per owner keeps each mail once). Finished runs are kept a day, failed
// ones a week (what the administrator looks at), so a poll a minute does not fill the jobs table.
import { SYSTEM_VIEWER } from "../../domain/access.js";
import type { AppContext } from "../../server/context.js";
import { jobQueuedSince, repeatEvery } from "../jobs/job-schedule.js";
import { deleteFinishedJobs } from "../jobs/job.service.js";

const KEEP_SUCCEEDED_MS = 24 * 60 * 60 * 1000;
const KEEP_FAILED_MS = 7 * 24 * 60 * 60 * 1000;

export function scheduleMailImap(ctx: AppContext): () => void {
  const imap = ctx.config.mailLog?.imap;
  if (!imap) return () => {};
  const check = async () => {
    if (await jobQueuedSince(ctx.db, "mail.imap", null, true)) return;
    const now = ctx.now().getTime();
    await deleteFinishedJobs(ctx.db, "mail.imap", "succeeded", new Date(now - KEEP_SUCCEEDED_MS).toISOString());
    await deleteFinishedJobs(ctx.db, "mail.imap", "failed", new Date(now - KEEP_FAILED_MS).toISOString());
    await ctx.jobs.enqueue("mail.imap", {}, SYSTEM_VIEWER);
  };
  return repeatEvery(imap.pollSeconds * 1000, check);
}
