// Sends one plain-text e-mail over SMTP (RFC 5321): EHLO, optional AUTH PLAIN, MAIL, RCPT, DATA.
// Written here because nodemailer is not among the project's packages; it covers what password
// links need (one recipient, UTF-8 text, implicit TLS or a plain relay) and should give way to
// nodemailer (STARTTLS, pooling, attachments) once that is added.
import { randomUUID } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import type { SmtpConfig } from "../../config.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export class MailError extends Error {
  override name = "MailError";
}

/** Seconds the whole exchange may take before the mail counts as not sent. */
const TIMEOUT_MS = 15_000;

/** "Koers <koers@x.nl>" → "koers@x.nl". */
export function addressOf(mailbox: string): string {
  const m = /<([^<>]+)>\s*$/.exec(mailbox);
  return (m?.[1] ?? mailbox).trim();
}

/** RFC 2047 encoded word, so a Dutch subject ("Kies je wachtwoord") survives every mail server. */
const encodedWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`);

/** The message as sent after DATA: headers, blank line, base64 body in 76-character lines. */
export function formatMessage(from: string, message: MailMessage, now: Date): string {
  const domain = addressOf(from).split("@")[1] ?? "koers.invalid";
  const body = Buffer.from(message.text.replace(/\r?\n/g, "\r\n"), "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodedWord(message.subject)}`,
    `Date: ${now.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
  ].join("\r\n");
}

export async function sendMail(config: SmtpConfig, message: MailMessage, now: Date): Promise<void> {
  if (/[\r\n<>]/.test(message.to) || !message.to.includes("@")) throw new MailError(`not a mail address: ${message.to}`);
  const socket = config.secure ? tls.connect({ host: config.host, port: config.port, servername: config.host }) : net.connect({ host: config.host, port: config.port });
  socket.setEncoding("utf8");
  let buffer = "";
  let waiting: ((reply: { code: number; text: string }) => void) | null = null;
  let failure: Error | null = null;
  const replies: { code: number; text: string }[] = [];
  const lines: string[] = [];
  const deliver = () => {
    if (waiting && replies.length > 0) {
      const next = waiting;
      waiting = null;
      next(replies.shift() as { code: number; text: string });
    }
  };
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf("\r\n");
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      // "250-…" continues a reply, "250 …" ends it.
      if (/^\d{3}(?: |$)/.test(line)) {
        replies.push({ code: Number(line.slice(0, 3)), text: lines.join("\n") });
        lines.length = 0;
      }
      end = buffer.indexOf("\r\n");
    }
    deliver();
  });
  const errorWaiters: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    failure = error;
    for (const w of errorWaiters.splice(0)) w(error);
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new MailError("the mail server closed the connection")));
  socket.setTimeout(TIMEOUT_MS, () => {
    fail(new MailError(`no answer from the mail server within ${TIMEOUT_MS / 1000} s`));
    socket.destroy();
  });
  const reply = () =>
    new Promise<{ code: number; text: string }>((resolve, reject) => {
      if (failure && replies.length === 0) return reject(failure);
      waiting = resolve;
      errorWaiters.push(reject);
      deliver();
    });
  const expect = async (codes: readonly number[], what: string) => {
    const r = await reply();
    if (!codes.includes(r.code)) throw new MailError(`the mail server refused ${what}: ${r.text}`);
    return r;
  };
  const command = async (line: string, codes: readonly number[], what = line.split(" ")[0] ?? line) => {
    socket.write(`${line}\r\n`);
    return expect(codes, what);
  };
  try {
    await expect([220], "the connection");
    await command("EHLO koers", [250]);
    if (config.user !== null) {
      const plain = Buffer.from(`\0${config.user}\0${config.password ?? ""}`, "utf8").toString("base64");
      await command(`AUTH PLAIN ${plain}`, [235], "the login");
    }
    await command(`MAIL FROM:<${addressOf(config.from)}>`, [250]);
    await command(`RCPT TO:<${message.to}>`, [250, 251], `the recipient ${message.to}`);
    await command("DATA", [354]);
    // Base64 lines never start with a dot, so no dot-stuffing is needed; the headers hold none either.
    await command(`${formatMessage(config.from, message, now)}\r\n.`, [250], "the message");
    socket.write("QUIT\r\n");
  } finally {
    socket.removeAllListeners("close");
    socket.end();
  }
}
