// The built-in SMTP receiver for logging addresses (smtp-server), meant to sit behind the company's
// own mail relay on the internal network: plain SMTP, no AUTH, no STARTTLS. It only checks and
// stores: RCPT TO is answered from mail_log_addresses, the size is announced (SIZE) and enforced
// while the data streams in (552), and an accepted mail is written to job_files in 1 MiB chunks
// before we answer 250, so a crash afterwards loses nothing. Parsing MIME, converting HTML and
// matching persons run in the mail.intake job in a worker thread: decoding a 25 MB message and its
// base64 attachments is CPU work that would hold the event loop for long stretches.
import { createHash } from "node:crypto";
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { MailLogConfig } from "../../config.js";
import type { BaseContext } from "../../server/context.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { checkRecipient } from "./mail-address.service.js";
import { storeReceivedMail } from "./mail-store.service.js";

/** More recipients in one transaction is not someone logging their mail. */
const MAX_RECIPIENTS = 20;

export interface MailReceiver {
  readonly port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode: number };

/** An SMTP reply: `status` is the enhanced code (RFC 3463) put in front of the text. */
function smtpError(code: number, status: string, message: string): SmtpError {
  return Object.assign(new Error(`${status} ${message}`), { responseCode: code });
}

/** The owner (user id) of each address RCPT TO accepted, per connection, by lower-case address. */
const ownersOf = new WeakMap<SMTPServerSession, Map<string, number>>();

function ownerOf(session: SMTPServerSession, address: SMTPServerAddress): number | undefined {
  return ownersOf.get(session)?.get(address.address.toLowerCase());
}

export async function startMailReceiver(ctx: BaseContext & { jobs: JobRunner }, config: MailLogConfig): Promise<MailReceiver> {
  const receiver = config.receiver;
  if (receiver === null) throw new Error("the SMTP receiver is not configured (KOERS_MAIL_LOG_PORT)");
  const megabytes = Math.round((config.maxBytes / 1024 / 1024) * 10) / 10;
  const server = new SMTPServer({
    name: config.domain,
    banner: "Koers mail log",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    // Our own enhanced codes go in front of each text (5.1.1 unknown, 5.1.6 revoked, 5.3.4 too big).
    hideENHANCEDSTATUSCODES: true,
    size: config.maxBytes,
    // Each connection holds at most one message in memory (≤ maxBytes): 10 × 25 MiB at the defaults.
    maxClients: 10,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        callback(smtpError(452, "4.5.3", `At most ${MAX_RECIPIENTS} logging addresses per message`));
        return;
      }
      checkRecipient(ctx.db, config.domain, address.address).then(
        (check) => {
          if (!check.ok) return callback(smtpError(check.code, check.status, check.message));
          const owners = ownersOf.get(session) ?? new Map<string, number>();
          owners.set(address.address.toLowerCase(), check.userId);
          ownersOf.set(session, owners);
          callback();
        },
        () => callback(smtpError(451, "4.3.0", "Koers cannot check the address just now; try again later")),
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      // Hashed as the data arrives, so no single step hashes the whole message on the event loop.
      const hash = createHash("sha256");
      stream.on("data", (chunk: Buffer) => {
        // Past the limit we keep reading (the client expects us to) but keep nothing.
        if (stream.sizeExceeded) {
          chunks.length = 0;
          return;
        }
        chunks.push(chunk);
        hash.update(chunk);
      });
      stream.on("error", () => callback(smtpError(451, "4.3.0", "The message broke off")));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, "5.3.4", `Message too big: Koers takes at most ${megabytes} MB`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const owners = [...new Set(session.envelope.rcptTo.map((r) => ownerOf(session, r)).filter((id): id is number => id !== undefined))];
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        storeReceivedMail(ctx, { raw, sha256: hash.digest("hex"), owners, envelopeFrom }).then(
          (outcome) => {
            if (outcome === "not_a_message") return callback(smtpError(554, "5.6.0", "This is not an e-mail message: it has no header lines"));
            callback(null, outcome === "duplicate" ? "2.0.0 Already logged (same Message-ID)" : "2.0.0 Received by Koers");
          },
          () => callback(smtpError(451, "4.3.0", "Koers could not store the message just now; try again later")),
        );
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(receiver.port, receiver.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("the mail receiver has no TCP address");
  return {
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
