// A raw message as plain data (mailparser): addresses in lower case, the subject, the body as plain
// text and the attachments. An HTML-only mail is converted to text by html-to-text; HTML is never
// kept, let alone rendered. Runs in the mail.intake job's worker thread, not on the server's loop.
import { convert } from "html-to-text";
import { type AddressObject, simpleParser } from "mailparser";

/** A contact moment's notes hold at most 20,000 characters; the subject and a marker need room. */
export const MAX_BODY_CHARS = 18_000;

export interface ParsedMail {
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  text: string;
  sentAt: string | null;
  attachments: { fileName: string; content: Buffer }[];
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: { address: string; name: string }[] = [];
  const walk = (items: { address?: string; name: string; group?: unknown[] }[]) => {
    for (const item of items) {
      if (item.address) out.push({ address: item.address.trim().toLowerCase(), name: item.name });
      if (Array.isArray(item.group)) walk(item.group as { address?: string; name: string }[]);
    }
  };
  for (const object of list) walk(object.value);
  return out;
}

/** HTML as readable text: links as "text [url]", no images, no layout tables' widths. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkIfSameAsText: true } },
      { selector: "table", format: "dataTable" },
    ],
  });
}

function tidy(text: string): string {
  const clean = text.replace(/\r\n?/g, "\n").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  return clean.length > MAX_BODY_CHARS ? `${clean.slice(0, MAX_BODY_CHARS)}\n[…]` : clean;
}

/** Throws when mailparser cannot read the message at all (the job keeps it as a problem). */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  if (parsed.headers.size === 0) throw new Error("the message has no readable header lines");
  const from = addresses(parsed.from)[0] ?? null;
  const text = typeof parsed.text === "string" && parsed.text.trim() !== "" ? parsed.text : typeof parsed.html === "string" ? htmlToPlainText(parsed.html) : "";
  return {
    messageId: parsed.messageId?.replace(/^<|>$/g, "") ?? null,
    fromAddress: from?.address ?? null,
    fromName: from?.name ? from.name : null,
    to: addresses(parsed.to).map((a) => a.address),
    cc: addresses(parsed.cc).map((a) => a.address),
    subject: parsed.subject?.trim() || null,
    text: tidy(text),
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    attachments: parsed.attachments
      // Parts a HTML body refers to (cid: signature logos) are part of the layout, not attachments.
      .filter((a) => !a.related)
      .map((a, i) => ({ fileName: a.filename?.trim() || `bijlage-${i + 1}`, content: a.content })),
  };
}
