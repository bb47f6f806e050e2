// Personal logging (BCC) addresses: log+<token>@<KOERS_MAIL_LOG_DOMAIN>. A user puts it in BCC (or
// forwards to it) and Koers logs the mail on the relations of the persons it names. One live address
// a user; renewing revokes the old one, revoking leaves none. The token is kept in clear text, unlike
// the calendar feed's: the address must be shown again whenever the user looks it up (it goes into a
// mail client's contacts), and it grants no reading — only putting mail into its owner's Koers.
import { randomBytes } from "node:crypto";
import type { MailLogConfig } from "../../config.js";
import type { Db } from "../../db/kysely.js";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 120 random bits as 24 lower-case base32 characters: mail relays may fold the case of a local part. */
export function newToken(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const addressOf = (token: string, domain: string) => `log+${token}@${domain}`;

export interface AddressStatus {
  /** Whether mail is taken at all: the SMTP receiver (KOERS_MAIL_LOG_PORT) or the IMAP mailbox (KOERS_MAIL_IMAP_HOST), with _DOMAIN. */
  enabled: boolean;
  address: string | null;
  createdAt: string | null;
}

export async function addressStatus(db: Db, mailLog: MailLogConfig | null, userId: number): Promise<AddressStatus> {
  const row = await db.selectFrom("mail_log_addresses").select(["token", "created_at"]).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return { enabled: mailLog !== null, address: row && mailLog ? addressOf(row.token, mailLog.domain) : null, createdAt: row?.created_at ?? null };
}

/** Makes the user's address, or renews it: the old one is revoked in the same transaction. */
export async function renewAddress(db: Db, userId: number, now: Date): Promise<string> {
  const token = newToken();
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("mail_log_addresses").set({ revoked_at: stamp }).where("user_id", "=", userId).where("revoked_at", "is", null).execute();
    await trx.insertInto("mail_log_addresses").values({ user_id: userId, token, created_at: stamp, revoked_at: null }).execute();
  });
  return token;
}

export async function revokeAddress(db: Db, userId: number, now: Date): Promise<boolean> {
  const result = await db.updateTable("mail_log_addresses").set({ revoked_at: now.toISOString() }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** For the administrator: which users have a live address, and since when (never the address). */
export async function addressesByUser(db: Db): Promise<{ userId: number; createdAt: string }[]> {
  const rows = await db.selectFrom("mail_log_addresses").select(["user_id", "created_at"]).where("revoked_at", "is", null).orderBy("user_id").execute();
  return rows.map((r) => ({ userId: r.user_id, createdAt: r.created_at }));
}

export type RecipientCheck =
  | { ok: true; userId: number }
  | { ok: false; code: 550; status: string; message: string };

/**
 * What the receiver answers to RCPT TO: the owner of a live address, or why not. Unknown and revoked
 * addresses are told apart (5.1.1 against 5.1.6) so the sender's bounce says what happened.
 */
export async function checkRecipient(db: Db, domain: string, address: string): Promise<RecipientCheck> {
  const m = /^log\+([a-z2-7]{24})@(.+)$/.exec(address.trim().toLowerCase());
  if (!m || m[2] !== domain) return { ok: false, code: 550, status: "5.1.1", message: "No such Koers logging address" };
  const row = await db
    .selectFrom("mail_log_addresses")
    .innerJoin("users", "users.id", "mail_log_addresses.user_id")
    .select(["mail_log_addresses.user_id", "mail_log_addresses.revoked_at", "users.active"])
    .where("mail_log_addresses.token", "=", m[1] as string)
    .executeTakeFirst();
  if (!row) return { ok: false, code: 550, status: "5.1.1", message: "No such Koers logging address" };
  if (row.revoked_at !== null) return { ok: false, code: 550, status: "5.1.6", message: "This Koers logging address was revoked; look up the current one in Koers" };
  if (row.active !== 1) return { ok: false, code: 550, status: "5.2.1", message: "The owner of this Koers logging address is no longer active" };
  return { ok: true, userId: row.user_id };
}
