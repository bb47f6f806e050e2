// Sends one plain-text e-mail through the configured SMTP server (nodemailer): implicit TLS on
// `secure`, else STARTTLS when the server offers it; AUTH when a user is set.
import nodemailer from "nodemailer";
import type { SmtpConfig } from "../../config.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export class MailError extends Error {
  override name = "MailError";
}

/** Milliseconds each step (connect, greeting, each reply) may take before the mail counts as not sent. */
const TIMEOUT_MS = 15_000;

export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<void> {
  if (/[\r\n<>]/.test(message.to) || !message.to.includes("@")) throw new MailError(`not a mail address: ${message.to}`);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? "" } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
  } catch (error) {
    throw new MailError(error instanceof Error ? error.message : String(error));
  } finally {
    transport.close();
  }
}
