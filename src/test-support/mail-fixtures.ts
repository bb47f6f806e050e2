// Mail the intake tests send by SMTP and by IMAP alike: one copy, so both paths are tried on the
// same bytes.

/**
 * A multipart mail that is broken in three ways: its boundary never closes, its text part names a
 * charset nobody knows and is not base64 as it claims, and its PDF is cut off. `head` comes first
 * (From, To, Delivered-To … as the path needs).
 */
export function brokenMimeMail(head: readonly string[]): string {
  return [
    ...head,
    "Subject: =?utf-8?B?kapot?=",
    "Message-ID: <broken-1@glansrijk.nl>",
    'Content-Type: multipart/mixed; boundary="nooit-gesloten"',
    "",
    "--nooit-gesloten",
    "Content-Type: text/plain; charset=klingon-8",
    "Content-Transfer-Encoding: base64",
    "",
    "@@@ geen base64 !!!",
    "--nooit-gesloten",
    'Content-Type: application/pdf; name="kapot.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0",
  ].join("\r\n");
}
