// The parts of mail intake that need no server: the header peek of the receiver, MIME parsing to
// plain text, the date and notes of the contact moment, and which attachments it can take.
import { describe, expect, it } from "vitest";
import { newToken } from "./mail-address.service.js";
import { checkMailFiles, notesOf, occurredAtOf } from "./mail-log.service.js";
import { htmlToPlainText, MAX_BODY_CHARS, parseMail } from "./mail-parse.js";
import { loggingAddressesIn, returnPathOf } from "./mail-recipients.js";
import { dedupeKeyOf, headerBlock, messageIdOf } from "./mail-store.service.js";

const mime = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe("the receiver's look at the header block", () => {
  it("finds a folded Message-ID without its angle brackets, and keys a mail without one by its bytes", () => {
    const header = headerBlock(mime(["From: a@b.nl", "Message-ID:", " <abc.123@glansrijk.nl>", "Subject: x", "", "Message-ID: <in-body@x>"]));
    expect(header).not.toBeNull();
    expect(messageIdOf(header ?? "")).toBe("abc.123@glansrijk.nl");
    expect(messageIdOf(headerBlock(mime(["From: a@b.nl", "", "body"])) ?? "")).toBeNull();
    expect(dedupeKeyOf(null, "ff00")).toBe("sha256:ff00");
    expect(dedupeKeyOf("abc@x", "ff00")).toBe("mid:abc@x");
  });

  it("says that data without header lines is no message", () => {
    expect(headerBlock(Buffer.from("dit is geen e-mail\r\n"))).toBeNull();
    expect(headerBlock(Buffer.from(""))).toBeNull();
  });
});

describe("a mail as plain data", () => {
  it("turns an HTML-only mail into text: no tags, no scripts, links with their address, images left out", () => {
    const text = htmlToPlainText('<p>Beste <b>Piet</b>,</p><script>alert(1)</script><p><a href="https://x.nl/a">de offerte</a></p><img src="cid:logo" alt="logo">');
    expect(text).toContain("Beste Piet,");
    expect(text).toContain("de offerte [https://x.nl/a]");
    expect(text).not.toMatch(/<|alert|logo/);
  });

  it("reads addresses in lower case from From, To, Cc and groups, and keeps only real attachments", async () => {
    const parsed = await parseMail(
      mime([
        'From: "Ria Noord" <Ria@Glansrijk.NL>',
        "To: Team: piet@kantoor.nl, anna@korrel.nl;",
        "Cc: Jan <JAN@elders.nl>",
        "Subject: =?utf-8?Q?Offerte_schoonmaak_=E2=82=AC?=",
        "Date: Thu, 26 Nov 2026 10:00:00 +0100",
        "Message-ID: <m1@glansrijk.nl>",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hallo",
        "--b",
        'Content-Type: text/plain; name="notities.txt"',
        'Content-Disposition: attachment; filename="notities.txt"',
        "",
        "m2: 1200",
        "--b--",
      ]),
    );
    expect(parsed).toMatchObject({ messageId: "m1@glansrijk.nl", fromAddress: "ria@glansrijk.nl", fromName: "Ria Noord", to: ["piet@kantoor.nl", "anna@korrel.nl"], cc: ["jan@elders.nl"], subject: "Offerte schoonmaak €", text: "Hallo", sentAt: "2026-11-26T09:00:00.000Z" });
    expect(parsed.attachments.map((a) => a.fileName)).toEqual(["notities.txt"]);
  });

  it("cuts a very long text with a marker, so the notes stay within their limit", async () => {
    const parsed = await parseMail(mime(["From: a@b.nl", "Subject: lang", "", "x".repeat(MAX_BODY_CHARS + 500)]));
    expect(parsed.text.length).toBeLessThan(MAX_BODY_CHARS + 10);
    expect(parsed.text.endsWith("[…]")).toBe(true);
  });
});

describe("the contact moment a mail becomes", () => {
  const base = { subject: "Offerte", text: "Hallo", receivedAt: "2026-11-27T08:00:00.000Z" };
  it("happens at the mail's date when that is plausible, else when it arrived", () => {
    expect(occurredAtOf({ ...base, sentAt: "2026-11-26T09:00:00.000Z" })).toBe("2026-11-26T09:00:00.000Z");
    expect(occurredAtOf({ ...base, sentAt: "2031-01-01T00:00:00.000Z" })).toBe(base.receivedAt);
    expect(occurredAtOf({ ...base, sentAt: "1990-01-01T00:00:00.000Z" })).toBe(base.receivedAt);
    expect(occurredAtOf({ ...base, sentAt: null })).toBe(base.receivedAt);
  });

  it("has the subject as the first line of its notes", () => {
    expect(notesOf({ ...base, sentAt: null })).toBe("Offerte\n\nHallo");
    expect(notesOf({ ...base, subject: null, text: "", sentAt: null })).toBe("(geen onderwerp / no subject)");
  });

  it("takes only attachments that pass the type checks, and says why the others were left out", () => {
    const { accepted, problems } = checkMailFiles([
      { fileName: "offerte.pdf", content: Buffer.from("%PDF-1.4\n") },
      { fileName: "factuur.pdf", content: Buffer.from("MZ\x90\x00") },
      { fileName: "setup.exe", content: Buffer.from("MZ") },
      { fileName: "a\u202Efdp.exe", content: Buffer.from("MZ") },
    ]);
    expect(accepted.map((f) => f.fileName)).toEqual(["offerte.pdf"]);
    expect(problems.map((p) => p.fileName)).toEqual(["factuur.pdf", "setup.exe", "afdp.exe"]);
  });
});

describe("logging addresses", () => {
  it("have 24 lower-case base32 characters, different every time", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken()));
    expect(tokens.size).toBe(50);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{24}$/);
  });
});

describe("whose a message read from the logging mailbox is", () => {
  const token = "abcdefghijklmnopqrstuvwx";
  const other = "zyxwvutsrqponmlkjihgfedc";
  it("finds logging addresses of our domain in the recipient and delivery lines only, each once", () => {
    const raw = mime([
      "Return-Path: <Ria@Glansrijk.nl>",
      `Delivered-To: LOG+${token.toUpperCase()}@Mail.Koers.Test`,
      `X-Original-To: log+${token}@mail.koers.test`,
      "To: Piet <piet@kantoor.nl>,",
      `  Kopie <log+${other}@mail.koers.test>`,
      `Subject: log+${"q".repeat(24)}@mail.koers.test in the subject counts for nothing`,
      `Reply-To: log+${"r".repeat(24)}@mail.koers.test`,
      `Cc: log+${"s".repeat(24)}@elders.nl`,
      "",
      `Body: log+${"t".repeat(24)}@mail.koers.test`,
    ]);
    expect(loggingAddressesIn(raw, "mail.koers.test")).toEqual([`log+${token}@mail.koers.test`, `log+${other}@mail.koers.test`]);
    expect(returnPathOf(raw)).toBe("ria@glansrijk.nl");
  });
  it("finds nothing in data without header lines, and at most 20 addresses", () => {
    expect(loggingAddressesIn(Buffer.from("geen e-mail\r\n"), "mail.koers.test")).toEqual([]);
    const many = Array.from({ length: 25 }, () => `log+${newToken()}@mail.koers.test`).join(", ");
    expect(loggingAddressesIn(mime([`To: ${many}`, "", "x"]), "mail.koers.test").length).toBe(20);
  });
});
