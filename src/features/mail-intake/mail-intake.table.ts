// Row types of mail intake (migration 0024): logging addresses, received mails, their waiting
// attachments and the contact moments a mail became.
import type { Generated } from "kysely";
import type { Instant } from "../../db/types.js";

export interface MailLogAddressesTable {
  id: Generated<number>;
  user_id: number;
  /** The secret part of log+<token>@<domain>: 24 lower-case base32 characters (case-folding relays keep it). */
  token: string;
  created_at: Instant;
  /** Set when revoked or renewed: the receiver then refuses the address with 550 5.1.6. */
  revoked_at: Instant | null;
}

/**
 * received: stored, waiting for the intake job · logged: on one or more relations' timelines ·
 * inbox: matched nobody (or came from an unknown sender), waits for its owner · dropped: the owner
 * threw it away · problem: could not be read as a mail (kept so the owner sees what came in).
 */
export type MailState = "received" | "logged" | "inbox" | "dropped" | "problem";
/** Why a mail waits in the inbox. */
export type InboxReason = "no_match" | "unknown_sender";

export interface MailMessagesTable {
  id: Generated<number>;
  /** The owner: the user whose logging address received it. Nobody else ever reads it. */
  user_id: number;
  /** "mid:<Message-ID>", or "sha256:<hash of the raw mail>" when it has none; unique per user. */
  dedupe_key: string;
  message_id: string | null;
  state: MailState;
  reason: InboxReason | null;
  envelope_from: string | null;
  from_address: string | null;
  from_name: string | null;
  /** JSON arrays of lower-case addresses. */
  to_addresses: Generated<string>;
  cc_addresses: Generated<string>;
  subject: string | null;
  /** Plain text (HTML converted by html-to-text); never HTML. */
  body_text: string | null;
  size_bytes: number;
  /** The raw message in job_files until the intake job has read it. */
  raw_file_id: number | null;
  problem: string | null;
  /** JSON array of { fileName, reason } for attachments that were refused (type checks). */
  attachment_problems: Generated<string>;
  handled_by: number | null;
  sent_at: Instant | null;
  received_at: Instant;
  handled_at: Instant | null;
}

export interface MailAttachmentsTable {
  id: Generated<number>;
  mail_id: number;
  file_name: string;
  size_bytes: number;
  content: Buffer;
}

export interface MailMessageActivitiesTable {
  mail_id: number;
  activity_id: number;
}

/** Where the mail.imap job stopped in a mailbox (migration 0032), and how its last runs went (0039). */
export interface MailImapCursorsTable {
  mailbox_key: string;
  /** 0: never read (the row only records failures); IMAP's UIDVALIDITY is never 0. */
  uid_validity: number;
  last_uid: number;
  updated_at: Instant;
  /** Failed runs in a row; 0 after a run that read the mailbox. */
  failures: Generated<number>;
  /** The last failure in words for the administrator (never the password), kept after a success. */
  last_error: string | null;
  last_error_at: Instant | null;
  /** No poll queues a run before this moment (the back-off); null: the next poll does. */
  retry_at: Instant | null;
  last_success_at: Instant | null;
}

export interface MailIntakeTables {
  mail_imap_cursors: MailImapCursorsTable;
  mail_log_addresses: MailLogAddressesTable;
  mail_messages: MailMessagesTable;
  mail_attachments: MailAttachmentsTable;
  mail_message_activities: MailMessageActivitiesTable;
}
