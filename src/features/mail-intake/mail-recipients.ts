// Whose a message read from the logging mailbox is. Over SMTP the envelope says it (RCPT TO); a copy
// in a mailbox only has its header lines. A BCC recipient is in none of the visible ones, so the
// delivering server's own lines count too: Delivered-To (Postfix, Exim, Gmail, Dovecot LDA),
// X-Original-To (Postfix), Envelope-To / X-Envelope-To (Exim, cPanel, many hosts), X-Forwarded-To and
// Resent-To/-Cc (forwarded copies). Anyone could write a logging address into a header, exactly as
// anyone could send to it: the secret token is what counts, and it is checked like RCPT TO.
import { headerBlock } from "./mail-store.service.js";

const RECIPIENT_HEADERS = new Set(["to", "cc", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to", "x-forwarded-to", "resent-to", "resent-cc"]);

/** More logging addresses in one message is not someone logging their mail (the SMTP limit). */
export const MAX_LOGGING_RECIPIENTS = 20;

/** The logging addresses of `domain` in the recipient header lines, lower case, each once, at most 20. */
export function loggingAddressesIn(raw: Buffer, domain: string): string[] {
  const header = headerBlock(raw);
  if (header === null) return [];
  const found = new Set<string>();
  const suffix = `@${domain}`;
  for (const line of header.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0 || !RECIPIENT_HEADERS.has(line.slice(0, colon).trim().toLowerCase())) continue;
    for (const m of line.slice(colon + 1).matchAll(/log\+[a-z2-7]{24}@[a-z0-9.-]+/gi)) {
      const address = m[0].toLowerCase().replace(/\.+$/, "");
      if (address.endsWith(suffix) && address.length === `log+`.length + 24 + suffix.length) found.add(address);
    }
  }
  return [...found].slice(0, MAX_LOGGING_RECIPIENTS);
}

/** The envelope sender the delivering server wrote down (Return-Path), or null. */
export function returnPathOf(raw: Buffer): string | null {
  const header = headerBlock(raw);
  const m = header === null ? null : /^return-path:[ \t]*<?([^<>\s]+@[^<>\s]+)>?/im.exec(header);
  return m?.[1]?.toLowerCase() ?? null;
}
