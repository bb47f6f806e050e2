// The mail.imap job: reads the logging mailbox (KOERS_MAIL_IMAP_*) with imapflow, the alternative to
// the SMTP receiver. Each message above the stored UID checkpoint goes, raw, into the same pipeline
// the receiver uses (storeReceivedMail → mail.intake job); only once it is stored (or known already)
// is it marked \Seen or moved. The checkpoint (UIDVALIDITY + last UID, table mail_imap_cursors)
// advances after every message, so a restart resumes where it stopped; when the server reports
// another UIDVALIDITY the job reads the mailbox from the start and the Message-ID dedupe keeps every
// mail once. Messages it does not take (too big, no live logging address, no header lines) stay
// where they are, unread, and are counted with their reason in the result (and in the log).
// Without TLS the connection must be upgraded with STARTTLS (the password never crosses the wire in
// plain text) unless KOERS_MAIL_IMAP_ALLOW_PLAIN says otherwise. How each run went is kept on the
// cursor row (mail-imap-status.ts): after a failure the polls back off, and the administrator sees
// the last error. The folders are listed only when a message has to be moved and the move fails.
import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import type { MailImapConfig } from "../../config.js";
import { AppError } from "../../server/errors.js";
import type { JobContext, JobHandler } from "../jobs/job-handler.js";
import { insertJobRow } from "../jobs/job.repository.js";
import { checkRecipient } from "./mail-address.service.js";
import { type ImapProblem, mailboxKeyOf, recordImapFailure, recordImapSuccess } from "./mail-imap-status.js";
import { loggingAddressesIn, returnPathOf } from "./mail-recipients.js";
import { headerBlock, type MailStoreContext, storeReceivedMail } from "./mail-store.service.js";

/** Skipped messages listed one by one in the result; the counts go on. */
const MAX_LISTED = 50;

/** unreadable: the server would not hand the message out (it answered NO or BAD to fetching it). */
export type ImapSkipReason = "too_big" | "no_logging_address" | "not_a_message" | "gone" | "unreadable";

export interface MailImapResult {
  mailbox: string;
  /** The mailbox started again from its first message (another UIDVALIDITY than the checkpoint's). */
  restarted: boolean;
  examined: number;
  stored: number;
  /** Known already (same Message-ID or bytes for every owner): marked as handled, nothing stored. */
  duplicates: number;
  skipped: Record<ImapSkipReason, number>;
  /** The first skipped messages: their UID, size in bytes and why. */
  skippedMessages: { uid: number; sizeBytes: number; reason: ImapSkipReason; detail: string }[];
  lastUid: number;
}


/** A size as people read it: "25.4 KB", "3.2 MB". */
const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round((bytes / 1024) * 10) / 10} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`);

/** A failed run: the English words for the job's error and the log, and the problem for the administrator's status. */
export interface ImapFailure extends ImapProblem {
  message: string;
}

/** A run that failed for the mailbox as a whole (connection, login, TLS, folder): the polls back off. */
class ImapRunFailed extends AppError {
  constructor(readonly problem: ImapFailure) {
    super("unavailable", problem.message);
  }
}

/** What went wrong with the IMAP server, in words an administrator can act on (never the password). */
export function imapFailure(imap: MailImapConfig, error: unknown): ImapFailure {
  const where = `${imap.host}:${imap.port}`;
  const e = (error ?? {}) as { authenticationFailed?: boolean; tlsFailed?: boolean; responseText?: string; code?: string; message?: string };
  const code = e.code ?? "";
  // What the server (or the system) said, as it said it: the detail beside the code.
  const said = (e.responseText ?? e.message ?? (code || String(error))).slice(0, 500) || null;
  if (e.tlsFailed && !imap.tls) {
    return {
      code: "imap_starttls_missing",
      detail: said,
      message: `The IMAP server ${where} offers no STARTTLS, and Koers does not send the password in plain text: use its TLS port with KOERS_MAIL_IMAP_TLS=1, or allow plain text with KOERS_MAIL_IMAP_ALLOW_PLAIN=1 (only on a network you trust)`,
    };
  }
  if (e.authenticationFailed) {
    return {
      code: "imap_login_refused",
      detail: e.responseText ?? null,
      message: `The IMAP server ${where} refused the login of ${imap.user}${e.responseText ? ` (${e.responseText})` : ""}: check KOERS_MAIL_IMAP_USER and the password`,
    };
  }
  if (code === "ECONNREFUSED") return { code: "imap_unreachable", detail: code, message: `Koers cannot reach the IMAP server ${where}: the connection was refused (is KOERS_MAIL_IMAP_HOST/_PORT right?)` };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { code: "imap_unreachable", detail: code, message: `Koers cannot reach the IMAP server: the host name ${imap.host} is unknown` };
  if (code.includes("TIMEOUT") || code === "ETIMEDOUT") return { code: "imap_unreachable", detail: code, message: `The IMAP server ${where} did not answer in time` };
  if (code.startsWith("ERR_SSL") || code.includes("CERT") || /certificate|ssl|tls/i.test(e.message ?? "")) {
    return { code: "imap_tls_failed", detail: e.message ?? code, message: `The TLS connection to the IMAP server ${where} failed (${e.message ?? code}): is KOERS_MAIL_IMAP_TLS right for this port?` };
  }
  if (code === "NotFound" || /mailbox.*(not|doesn)/i.test(e.responseText ?? "")) {
    return { code: "imap_mailbox_missing", detail: said, message: `The IMAP server ${where} has no mailbox ${imap.mailbox} (KOERS_MAIL_IMAP_MOVE_TO or _MAILBOX)` };
  }
  return { code: "imap_failed", detail: said, message: `Reading the IMAP mailbox ${imap.mailbox} on ${where} failed: ${said ?? ""}`.slice(0, 500) };
}

/**
 * Whether a command's failure concerns one message only: the server answered NO or BAD to it (a
 * message it cannot hand out, a flag it cannot set) while the connection stays usable. Anything
 * else — the connection gone, our own database — fails the run, and the message is tried again.
 */
function isMessageFailure(client: ImapFlow, error: unknown): boolean {
  const status = (error as { responseStatus?: string } | null)?.responseStatus;
  return client.usable && (status === "NO" || status === "BAD");
}

/** The checkpoint; a row with UIDVALIDITY 0 only records failures of a mailbox never read (none yet). */
async function readCursor(ctx: JobContext, key: string) {
  const row = await ctx.db.selectFrom("mail_imap_cursors").select(["uid_validity", "last_uid"]).where("mailbox_key", "=", key).executeTakeFirst();
  return row && Number(row.uid_validity) !== 0 ? row : undefined;
}

export const mailImapJob: JobHandler<Record<string, never>> = async (ctx) => {
  const mailLog = ctx.config.mailLog;
  const imap = mailLog?.imap;
  if (!mailLog || !imap) throw new AppError("unavailable", "No IMAP mailbox is configured (KOERS_MAIL_IMAP_HOST)");
  try {
    const result = await readMailbox(ctx, mailLog, imap);
    await recordImapSuccess(ctx.db, imap, ctx.now());
    return result;
  } catch (error) {
    // Kept for the back-off and the administrator; a failing write must not hide the failure itself.
    const problem = error instanceof ImapRunFailed ? error.problem : error instanceof AppError ? { code: "imap_failed" as const, detail: error.message } : imapFailure(imap, error);
    await recordImapFailure(ctx.db, imap, problem, ctx.now()).catch(() => {});
    throw error;
  }
};

async function readMailbox(ctx: JobContext<Record<string, never>>, mailLog: NonNullable<JobContext["config"]["mailLog"]>, imap: MailImapConfig): Promise<MailImapResult> {
  const key = mailboxKeyOf(imap);
  // Intake jobs are queued by a row of their own: this worker has no runner; the server's polls it.
  const store: MailStoreContext = {
    db: ctx.db,
    now: ctx.now,
    jobs: {
      enqueue: (kind, params, viewer) =>
        insertJobRow(ctx.db, { kind, params: JSON.stringify({ input: params, viewer }), owner_id: viewer.id, created_at: ctx.now().toISOString() }),
    },
  };
  const result: MailImapResult = {
    mailbox: imap.mailbox,
    restarted: false,
    examined: 0,
    stored: 0,
    duplicates: 0,
    skipped: { too_big: 0, no_logging_address: 0, not_a_message: 0, gone: 0, unreadable: 0 },
    skippedMessages: [],
    lastUid: 0,
  };
  const skip = (uid: number, sizeBytes: number, reason: ImapSkipReason, detail: string) => {
    result.skipped[reason] += 1;
    if (result.skippedMessages.length < MAX_LISTED) result.skippedMessages.push({ uid, sizeBytes, reason, detail });
    // The service log says it too: an administrator looking for a missing mail finds it there.
    console.warn(`Koers mail.imap: left UID ${uid} in ${imap.mailbox} unread: ${detail}`);
  };

  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.tls,
    // Without TLS: STARTTLS or no login at all, unless plain text is allowed (then STARTTLS when offered).
    ...(imap.tls || imap.allowPlain ? {} : { doSTARTTLS: true }),
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
  });
  // Failures reach us through the awaited commands; the event would otherwise end the thread.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    // A refused login leaves the socket open: closed here, not left for the server to time out.
    client.close();
    throw new ImapRunFailed(imapFailure(imap, error));
  }
  try {
    // The folder to move to is looked up only when a move fails (made once when missing).
    let folderChecked = false;
    const moveAway = async (uid: number, moveTo: string) => {
      if (await client.messageMove(String(uid), moveTo, { uid: true })) return;
      if (!folderChecked) {
        folderChecked = true;
        const list = await client.list();
        if (!list.some((box) => box.path === moveTo)) {
          await client.mailboxCreate(moveTo);
          if (await client.messageMove(String(uid), moveTo, { uid: true })) return;
        }
      }
      // Stored all the same: marked read, so a person sees it was handled.
      console.warn(`Koers mail.imap: could not move UID ${uid} to ${moveTo}; marked it read instead`);
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    };
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`the mailbox ${imap.mailbox} could not be opened`);
      const uidValidity = Number(box.uidValidity);
      const cursor = await readCursor(ctx, key);
      result.restarted = cursor !== undefined && Number(cursor.uid_validity) !== uidValidity;
      let last = cursor && !result.restarted ? Number(cursor.last_uid) : 0;
      result.lastUid = last;
      // Sizes first (RFC822.SIZE), so a message too big is never downloaded. "n:*" also answers the
      // highest message when n is above it: anything at or below the checkpoint is left out.
      const listed = box.exists === 0 ? [] : await client.fetchAll(`${last + 1}:*`, { uid: true, size: true }, { uid: true });
      const todo = listed.filter((m) => m.uid > last).sort((a, b) => a.uid - b.uid);
      let done = 0;
      for (const listedMessage of todo) {
        if (ctx.cancelled()) break;
        const { uid } = listedMessage;
        const size = listedMessage.size ?? 0;
        result.examined += 1;
        let handled = false;
        if (size > mailLog.maxBytes) {
          skip(uid, size, "too_big", `${sizeText(size)} is above KOERS_MAIL_LOG_MAX_BYTES (${sizeText(mailLog.maxBytes)})`);
        } else {
          // One message the server will not hand out is skipped and reported, not a failed run: a
          // failed run would back the whole mailbox off and stop at this message every time.
          const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true }).catch((error: unknown) => {
            if (!isMessageFailure(client, error)) throw error;
            skip(uid, size, "unreadable", `the IMAP server would not hand the message out: ${imapFailure(imap, error).detail ?? "no reason given"}`);
            return null;
          });
          if (message !== null) {
            const raw = (message ? message.source : undefined) ?? null;
            if (raw === null) skip(uid, size, "gone", "the message was removed from the mailbox while Koers read it");
            else if (raw.length > mailLog.maxBytes) skip(uid, raw.length, "too_big", `${sizeText(raw.length)} is above KOERS_MAIL_LOG_MAX_BYTES (${sizeText(mailLog.maxBytes)})`);
            else handled = await take(uid, raw);
          }
        }
        if (handled) {
          try {
            if (imap.moveTo !== null) await moveAway(uid, imap.moveTo);
            else await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
          } catch (error) {
            // Stored already: a flag or move the server refuses leaves it where it is, and the run goes on.
            if (!isMessageFailure(client, error)) throw error;
            console.warn(`Koers mail.imap: stored UID ${uid} but could not mark or move it: ${imapFailure(imap, error).detail ?? ""}`);
          }
        }
        last = uid;
        result.lastUid = uid;
        const stamp = ctx.now().toISOString();
        await ctx.commitBatch({ lastUid: uid }, (trx) =>
          trx
            .insertInto("mail_imap_cursors")
            .values({ mailbox_key: key, uid_validity: uidValidity, last_uid: uid, updated_at: stamp })
            .onConflict((oc) => oc.column("mailbox_key").doUpdateSet({ uid_validity: uidValidity, last_uid: uid, updated_at: stamp }))
            .execute(),
        );
        done += 1;
        await ctx.progress(done, todo.length, null);
      }
      if (todo.length === 0 && (cursor === undefined || result.restarted)) {
        // An empty mailbox still records its UIDVALIDITY: a later change is then seen as one.
        const stamp = ctx.now().toISOString();
        await ctx.commitBatch({ lastUid: last }, (trx) =>
          trx
            .insertInto("mail_imap_cursors")
            .values({ mailbox_key: key, uid_validity: uidValidity, last_uid: last, updated_at: stamp })
            .onConflict((oc) => oc.column("mailbox_key").doUpdateSet({ uid_validity: uidValidity, last_uid: last, updated_at: stamp }))
            .execute(),
        );
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new ImapRunFailed(imapFailure(imap, error));
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;

  /** Hands one message to the intake pipeline; true when it is stored or known already. */
  async function take(uid: number, raw: Buffer): Promise<boolean> {
    const domain = mailLog?.domain ?? "";
    if (headerBlock(raw) === null) {
      skip(uid, raw.length, "not_a_message", "this is not an e-mail message: it has no header lines");
      return false;
    }
    const addresses = loggingAddressesIn(raw, domain);
    const owners = new Set<number>();
    const refusals = new Set<string>();
    for (const address of addresses) {
      const check = await checkRecipient(ctx.db, domain, address);
      if (check.ok) owners.add(check.userId);
      else refusals.add(check.message);
    }
    if (owners.size === 0) {
      const why = addresses.length === 0 ? `no logging address (log+…@${domain}) in To, Cc, Delivered-To, X-Original-To or Envelope-To` : [...refusals].join("; ");
      skip(uid, raw.length, "no_logging_address", why);
      return false;
    }
    const outcome = await storeReceivedMail(store, { raw, sha256: createHash("sha256").update(raw).digest("hex"), owners: [...owners], envelopeFrom: returnPathOf(raw) });
    if (outcome === "not_a_message") return false;
    if (outcome === "duplicate") result.duplicates += 1;
    else result.stored += 1;
    return true;
  }
}
