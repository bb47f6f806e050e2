// HTTP shapes of the logging address and the mail inbox. Mail text is plain text, never HTML.
import { Type } from "typebox";
import { IMAP_PROBLEMS, type ImapProblemCode } from "../../server/errors.js";
import { Id, literals, Nullable } from "../../server/schema-helpers.js";

export const AddressStatus = Type.Object({
  enabled: Type.Boolean({ description: "whether this Koers takes mail (KOERS_MAIL_LOG_DOMAIN with KOERS_MAIL_LOG_PORT or KOERS_MAIL_IMAP_HOST)" }),
  address: Nullable(Type.String({ description: "your logging (BCC) address, log+<secret>@<domain>" })),
  createdAt: Nullable(Type.String()),
});

export const AdminAddresses = Type.Array(Type.Object({ userId: Type.Integer(), createdAt: Type.String() }), { description: "users with a live logging address" });

export const MailImapStatus = Type.Object({
  configured: Type.Boolean({ description: "whether Koers reads an IMAP mailbox (KOERS_MAIL_IMAP_HOST)" }),
  host: Nullable(Type.String()),
  port: Nullable(Type.Integer()),
  user: Nullable(Type.String()),
  mailbox: Nullable(Type.String()),
  moveTo: Nullable(Type.String()),
  security: Nullable(Type.Union([Type.Literal("tls"), Type.Literal("starttls"), Type.Literal("plain_allowed")], { description: "tls: TLS from the first byte; starttls: upgraded with STARTTLS or not read at all; plain_allowed: STARTTLS when offered, else plain text" })),
  pollSeconds: Nullable(Type.Integer()),
  lastSuccessAt: Nullable(Type.String({ description: "the last run that read the mailbox" })),
  failures: Type.Integer({ description: "failed runs in a row" }),
  lastError: Nullable(
    Type.Object(
      {
        code: literals(Object.keys(IMAP_PROBLEMS) as ImapProblemCode[]),
        detail: Nullable(Type.String({ description: "what the server said, as it wrote it" })),
      },
      { description: "the last failure (kept after a later success): a problem code the UI translates, and the server's words" },
    ),
  ),
  lastErrorAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String({ description: "while runs fail: no run starts before this moment (the wait doubles per failure, at most an hour)" })),
});

export const InboxMail = Type.Object({
  id: Type.Integer(),
  state: Type.String({ description: "inbox (waits), problem (could not be read), logged, dropped, received (being read)" }),
  reason: Nullable(Type.String({ description: "no_match: named no known person; unknown_sender: sent by someone Koers does not know" })),
  from: Type.Object({ address: Nullable(Type.String()), name: Nullable(Type.String()) }),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  subject: Nullable(Type.String()),
  text: Nullable(Type.String({ description: "plain text; an HTML mail converted to text" })),
  sentAt: Nullable(Type.String()),
  receivedAt: Type.String(),
  sizeBytes: Type.Integer(),
  attachments: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), sizeBytes: Type.Integer() })),
  attachmentProblems: Type.Array(Type.Object({ fileName: Type.String(), reason: Type.String() })),
  problem: Nullable(Type.String()),
});

export const LoggedMail = Type.Object({
  id: Type.Integer(),
  subject: Nullable(Type.String()),
  from: Nullable(Type.String()),
  receivedAt: Type.String(),
  relations: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), activityId: Type.Integer() })),
});

export const Inbox = Type.Object({
  items: Type.Array(InboxMail),
  received: Type.Integer({ description: "mails still being read" }),
  logged: Type.Array(LoggedMail, { description: "your last 10 mails that went onto timelines" }),
});

export const AssignBody = Type.Object(
  {
    relationId: Id({ description: "the relation whose timeline gets the mail" }),
    personIds: Type.Optional(Type.Array(Id(), { maxItems: 50, uniqueItems: true, description: "persons of that relation the mail was with" })),
  },
  { additionalProperties: false },
);
