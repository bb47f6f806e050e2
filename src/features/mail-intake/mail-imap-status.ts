// How the reads of the IMAP mailbox went, kept on its cursor row (mail_imap_cursors, migration 0039):
// failed runs in a row, the last error, when the next run may start, the last good run. After a failed
// run the poll waits one interval, then two, four… at most an hour (or the interval, when that is
// longer): a wrong password or a server that is down is not tried on every poll. A run that reads the
// mailbox resets the count. The administrator reads it all in GET /api/admin/mail-imap. The last error
// is kept as a problem code of the one catalogue (IMAP_PROBLEMS, translated by the web app) with what
// the server said as its detail, JSON in last_error; a row written before holds prose (read as
// imap_failed with that text as detail).
import type { MailImapConfig, MailLogConfig } from "../../config.js";
import type { Db } from "../../db/kysely.js";
import { IMAP_PROBLEMS, type ImapProblemCode } from "../../server/errors.js";

/** A failed read: its code, and the server's own words (or a system error code) when there are any. */
export interface ImapProblem {
  code: ImapProblemCode;
  detail: string | null;
}

const isImapProblemCode = (code: unknown): code is ImapProblemCode => typeof code === "string" && Object.hasOwn(IMAP_PROBLEMS, code);

/** The stored last error read back; older rows hold prose. */
export function imapProblemOf(stored: string | null): ImapProblem | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as { code?: unknown; detail?: unknown };
    if (isImapProblemCode(value.code)) return { code: value.code, detail: typeof value.detail === "string" ? value.detail : null };
  } catch {
    // prose of an older Koers
  }
  return { code: "imap_failed", detail: stored };
}

const HOUR_SECONDS = 60 * 60;

/** Seconds from a run's failure to the next run after `failures` failures in a row (1, 2, 3…). */
export function imapBackoffSeconds(failures: number, pollSeconds: number): number {
  const cap = Math.max(HOUR_SECONDS, pollSeconds);
  if (failures <= 0) return 0;
  return Math.min(pollSeconds * 2 ** Math.min(failures - 1, 20), cap);
}

/** The mailbox's identity for its cursor: another account or folder starts at its own first message. */
export const mailboxKeyOf = (imap: MailImapConfig) => `${imap.user.toLowerCase()}@${imap.host.toLowerCase()}:${imap.port}/${imap.mailbox}`;

export async function recordImapFailure(db: Db, imap: MailImapConfig, problem: ImapProblem, now: Date): Promise<void> {
  const key = mailboxKeyOf(imap);
  const row = await db.selectFrom("mail_imap_cursors").select("failures").where("mailbox_key", "=", key).executeTakeFirst();
  const failures = Number(row?.failures ?? 0) + 1;
  const stamp = now.toISOString();
  const retryAt = new Date(now.getTime() + imapBackoffSeconds(failures, imap.pollSeconds) * 1000).toISOString();
  const status = { failures, last_error: JSON.stringify({ code: problem.code, detail: problem.detail?.slice(0, 800) ?? null }), last_error_at: stamp, retry_at: retryAt };
  await db
    .insertInto("mail_imap_cursors")
    // Never read yet: UIDVALIDITY 0 stands for "unknown" (a real one is never 0).
    .values({ mailbox_key: key, uid_validity: 0, last_uid: 0, updated_at: stamp, ...status })
    .onConflict((oc) => oc.column("mailbox_key").doUpdateSet(status))
    .execute();
}

export async function recordImapSuccess(db: Db, imap: MailImapConfig, now: Date): Promise<void> {
  const stamp = now.toISOString();
  const status = { failures: 0, retry_at: null, last_success_at: stamp };
  await db
    .insertInto("mail_imap_cursors")
    .values({ mailbox_key: mailboxKeyOf(imap), uid_validity: 0, last_uid: 0, updated_at: stamp, ...status })
    .onConflict((oc) => oc.column("mailbox_key").doUpdateSet(status))
    .execute();
}

/** Whether a poll at `now` may queue a run (false while the back-off after failures lasts). */
export async function imapRunDue(db: Db, imap: MailImapConfig, now: Date): Promise<boolean> {
  const row = await db.selectFrom("mail_imap_cursors").select("retry_at").where("mailbox_key", "=", mailboxKeyOf(imap)).executeTakeFirst();
  return !row?.retry_at || new Date(row.retry_at).getTime() <= now.getTime();
}

export type ImapSecurity = "tls" | "starttls" | "plain_allowed";

export interface MailImapStatusDto {
  configured: boolean;
  host: string | null;
  port: number | null;
  user: string | null;
  mailbox: string | null;
  moveTo: string | null;
  /** tls: TLS from the first byte · starttls: plain, upgraded with STARTTLS or refused · plain_allowed: STARTTLS when offered, else plain text (KOERS_MAIL_IMAP_ALLOW_PLAIN). */
  security: ImapSecurity | null;
  pollSeconds: number | null;
  lastSuccessAt: string | null;
  failures: number;
  /** The last failure (kept after a later success): a code of IMAP_PROBLEMS, the server's words as detail. */
  lastError: ImapProblem | null;
  lastErrorAt: string | null;
  /** While failures last: no run starts before this moment. */
  nextAttemptAt: string | null;
}

export const imapSecurityOf = (imap: MailImapConfig): ImapSecurity => (imap.tls ? "tls" : imap.allowPlain ? "plain_allowed" : "starttls");

/** For the administrator: the settings (never the password) and how the last runs went. */
export async function mailImapStatus(db: Db, mailLog: MailLogConfig | null): Promise<MailImapStatusDto> {
  const imap = mailLog?.imap ?? null;
  if (imap === null) {
    return { configured: false, host: null, port: null, user: null, mailbox: null, moveTo: null, security: null, pollSeconds: null, lastSuccessAt: null, failures: 0, lastError: null, lastErrorAt: null, nextAttemptAt: null };
  }
  const row = await db.selectFrom("mail_imap_cursors").select(["failures", "last_error", "last_error_at", "retry_at", "last_success_at"]).where("mailbox_key", "=", mailboxKeyOf(imap)).executeTakeFirst();
  const failures = Number(row?.failures ?? 0);
  return {
    configured: true,
    host: imap.host,
    port: imap.port,
    user: imap.user,
    mailbox: imap.mailbox,
    moveTo: imap.moveTo,
    security: imapSecurityOf(imap),
    pollSeconds: imap.pollSeconds,
    lastSuccessAt: row?.last_success_at ?? null,
    failures,
    lastError: imapProblemOf(row?.last_error ?? null),
    lastErrorAt: row?.last_error_at ?? null,
    nextAttemptAt: failures > 0 ? (row?.retry_at ?? null) : null,
  };
}
