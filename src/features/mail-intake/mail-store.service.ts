// Storing what the SMTP receiver accepted or the mail.imap job read: one mail row per owner (the users
// whose logging addresses were in RCPT TO, or in the copy's recipient headers), the raw message in
// job_files, and a mail.intake job per row that reads it. The same
// mail again (same Message-ID, or the same bytes when it has none) is recognised per owner and not
// stored twice. Only the header block is looked at here (at most 64 KB); the body waits for the job.
import type { Db } from "../../db/kysely.js";
import type { Viewer } from "../../domain/access.js";
import { createHash } from "node:crypto";
import { deleteJobFile, writeJobFile } from "../jobs/job-files.js";
import { findUserById } from "../users/user.repository.js";
import { toAuthUser } from "../users/user.service.js";

export const MAX_HEADER_BYTES = 64 * 1024;
/** Bytes written per step; the loop runs other work between steps. */
const SLICE_BYTES = 1024 * 1024;

/**
 * The message in 1 MiB slices with a turn of the event loop between them: better-sqlite3 writes
 * synchronously, and a 23 MB message written in one go held the loop for 200–400 ms (measured).
 */
async function* slices(raw: Buffer): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < raw.length; offset += SLICE_BYTES) {
    if (offset > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    yield raw.subarray(offset, offset + SLICE_BYTES);
  }
}

export interface ReceivedMail {
  raw: Buffer;
  /** SHA-256 of `raw`, hex. */
  sha256: string;
  owners: readonly number[];
  envelopeFrom: string | null;
}

/** What storing needs: the database, the clock and a queue for the intake jobs (the server's runner, or a job's own insert). */
export interface MailStoreContext {
  readonly db: Db;
  now(): Date;
  readonly jobs: { enqueue(kind: string, params: unknown, viewer: Viewer): Promise<unknown> };
}

export type StoreOutcome = "stored" | "duplicate" | "not_a_message";

/** The header block (unfolded), or null when the message does not open with a header line. */
export function headerBlock(raw: Buffer): string | null {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const ends = [crlf, lf].filter((i) => i >= 0);
  const end = ends.length > 0 ? Math.min(...ends) : raw.length;
  const head = raw.subarray(0, Math.min(end, MAX_HEADER_BYTES)).toString("latin1");
  if (!/^[!-9;-~]+:/.test(head)) return null;
  return head.replace(/\r?\n[ \t]+/g, " ");
}

/** The Message-ID without its angle brackets, or null. */
export function messageIdOf(header: string): string | null {
  const m = /^message-id:[ \t]*(.*)$/im.exec(header);
  const value = m?.[1]?.trim() ?? "";
  const id = (/<([^<>\s]+)>/.exec(value)?.[1] ?? value).slice(0, 500);
  return id === "" ? null : id;
}

export const dedupeKeyOf = (messageId: string | null, sha256: string) => (messageId ? `mid:${messageId}` : `sha256:${sha256}`);

/**
 * The key of a mail whose person was erased (GDPR): a hash, so the Message-ID (which may carry a
 * name or address) is gone while the same mail arriving again is still known.
 */
export const erasedKeyOf = (key: string) => `erased:${createHash("sha256").update(key).digest("hex")}`;

async function ownersHaving(db: Db, owners: readonly number[], key: string): Promise<Set<number>> {
  if (owners.length === 0) return new Set();
  const rows = await db.selectFrom("mail_messages").select("user_id").where("user_id", "in", [...owners]).where("dedupe_key", "in", [key, erasedKeyOf(key)]).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function storeReceivedMail(ctx: MailStoreContext, mail: ReceivedMail): Promise<StoreOutcome> {
  const header = headerBlock(mail.raw);
  if (header === null) return "not_a_message";
  const messageId = messageIdOf(header);
  const key = dedupeKeyOf(messageId, mail.sha256);
  const known = await ownersHaving(ctx.db, mail.owners, key);
  const fresh = mail.owners.filter((id) => !known.has(id));
  if (fresh.length === 0) return "duplicate";
  let stored = 0;
  for (const owner of fresh) {
    const at = ctx.now().toISOString();
    const file = await writeJobFile(ctx.db, { ownerId: owner, jobId: null, purpose: "upload", name: "mail.eml", contentType: "message/rfc822" }, slices(mail.raw), at);
    // A second delivery racing this one loses on the unique (user_id, dedupe_key) index. The envelope
    // sender is kept in lower case: erasure and export find a person's mail by exact address.
    const row = await ctx.db
      .insertInto("mail_messages")
      .values({ user_id: owner, dedupe_key: key, message_id: messageId, state: "received", envelope_from: mail.envelopeFrom?.toLowerCase() ?? null, size_bytes: mail.raw.length, raw_file_id: file.id, received_at: at })
      .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      await deleteJobFile(ctx.db, file.id);
      continue;
    }
    const user = await findUserById(ctx.db, owner);
    if (!user) continue;
    try {
      await ctx.jobs.enqueue("mail.intake", { mailId: row.id }, await toAuthUser(ctx.db, user));
    } catch (error) {
      // Without its job the row would wait forever: take it back, the sender's relay tries again.
      await ctx.db.deleteFrom("mail_messages").where("id", "=", row.id).execute();
      await deleteJobFile(ctx.db, file.id);
      throw error;
    }
    stored += 1;
  }
  return stored > 0 ? "stored" : "duplicate";
}
