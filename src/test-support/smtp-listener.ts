// A real SMTP server on loopback for tests (smtp-server), keeping each message it takes with its
// envelope, parsed by mailparser (subject decoded, body as text).
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Headers and body as sent after DATA. */
  raw: string;
  subject: string;
  /** The body as text. */
  text: string;
}

export interface SmtpListener {
  port: number;
  mails: ReceivedMail[];
  /** Resolves with the next mail to arrive (or the first not yet taken). */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpListener(): Promise<SmtpListener> {
  const mails: ReceivedMail[] = [];
  let taken = 0;
  const waiters: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const mail: ReceivedMail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: raw.toString("utf8"),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
            };
            mails.push(mail);
            const waiter = waiters.shift();
            if (waiter) {
              taken += 1;
              waiter(mail);
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("the SMTP listener has no TCP address");
  return {
    port: address.port,
    mails,
    next: () =>
      new Promise((resolve) => {
        if (taken < mails.length) {
          taken += 1;
          resolve(mails[taken - 1] as ReceivedMail);
        } else waiters.push(resolve);
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
