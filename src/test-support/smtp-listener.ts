// A minimal SMTP server on loopback for tests (smtp-server is not among the packages): it speaks
// just enough RFC 5321 to take a message, and keeps each one with its envelope and decoded body.
import net from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Headers and body as sent after DATA. */
  raw: string;
  subject: string;
  /** The body, base64 or 8-bit decoded to text. */
  text: string;
}

export interface SmtpListener {
  port: number;
  mails: ReceivedMail[];
  /** Resolves with the next mail to arrive (or the first not yet taken). */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function decode(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const subject = header("Subject").replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_m, b64: string) => Buffer.from(b64, "base64").toString("utf8"));
  const text = /base64/i.test(header("Content-Transfer-Encoding")) ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  return { subject, text };
}

export async function startSmtpListener(): Promise<SmtpListener> {
  const mails: ReceivedMail[] = [];
  let taken = 0;
  const waiters: ((mail: ReceivedMail) => void)[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let from = "";
    let to: string[] = [];
    const say = (line: string) => socket.write(`${line}\r\n`);
    say("220 localhost test SMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf("\r\n");
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\r\n");
        if (inData) {
          if (line === ".") {
            inData = false;
            const raw = data.join("\r\n");
            const mail = { from, to, raw, ...decode(raw) };
            mails.push(mail);
            const waiter = waiters.shift();
            if (waiter) {
              taken += 1;
              waiter(mail);
            }
            data = [];
            say("250 OK queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") {
          socket.write("250-localhost\r\n250 8BITMIME\r\n");
        } else if (verb === "MAIL") {
          from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          to = [];
          say("250 OK");
        } else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          say("250 OK");
        } else if (verb === "DATA") {
          inData = true;
          say("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          say("221 Bye");
          socket.end();
        } else say("502 Command not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
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
