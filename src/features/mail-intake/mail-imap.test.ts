// Reading the logging mailbox over a real IMAP session on loopback, on both engines: hoodiecrow-imap
// is the company's mailbox (in memory, spoken to over TCP), the test drops messages into it with
// APPEND as the mail server would deliver them, and the mail.imap job reads them into the same
// pipeline the SMTP receiver feeds (mail.intake job, timeline or the owner's inbox).
import { createRequire } from "node:module";
import type { AddressInfo, Server } from "node:net";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, morningOf, newPerson, newRelation } from "../activities/crm-test-helpers.js";
import type { MailImapResult } from "./mail-imap.job.js";
import { pollMailImap } from "./mail-imap-schedule.js";
import { brokenMimeMail } from "../../test-support/mail-fixtures.js";

// hoodiecrow-imap is CommonJS without types: what the test uses of it.
/** The server's command handlers: (connection, parsed command, raw data, done). */
type CommandHandler = (connection: { send(response: unknown, description: string, parsed: unknown, data: unknown): void }, parsed: { tag: string; attributes?: { value?: unknown }[] }, data: unknown, done: () => void) => void;
interface Hoodiecrow {
  server: Server;
  getCommandHandler(command: string): CommandHandler;
  setCommandHandler(command: string, handler: CommandHandler): void;
  users: Record<string, { password: string }>;
  listen(port: number, host: string, done: () => void): void;
  close(done: () => void): void;
}
type HoodiecrowOptions = { plugins: string[]; storage: Record<string, unknown>; users: Record<string, { password: string }> };
const hoodiecrow = createRequire(import.meta.url)("hoodiecrow-imap") as (options: HoodiecrowOptions) => Hoodiecrow;

const DOMAIN = "mail.koers.test";
const MAX_BYTES = 20_000;
const USER = "koers-log";
const PASSWORD = "mailbox-secret-42";

type User = { id: number; email: string; headers: Headers };
type JobView = { state: string; result: MailImapResult | null; error: { code: string; message: string } | null };

/** A mailbox server: INBOX empty at first; `uidValidity` tells a restarted server from the first. */
async function startMailbox(port: number, uidValidity: number, messages: { raw: string; flags: string[] }[] = []): Promise<Hoodiecrow> {
  const server = hoodiecrow({
    plugins: ["IDLE", "UIDPLUS"],
    storage: { INBOX: { uidvalidity: uidValidity, messages }, "": { separator: "/", folders: {} } },
    users: { [USER]: { password: PASSWORD } },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

const stopMailbox = (server: Hoodiecrow) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Waits for a mail.imap job to end and for the intake jobs it queued. */
async function finished(t: TestApp, jobId: number): Promise<JobView> {
  // The first run loads the job modules into the worker thread: slow on a busy machine.
  const until = Date.now() + 140_000;
  for (;;) {
    const row = await t.ctx.db.selectFrom("jobs").select(["state", "result", "error"]).where("id", "=", jobId).executeTakeFirstOrThrow();
    const waiting = await t.ctx.db.selectFrom("mail_messages").select("id").where("state", "=", "received").execute();
    if ((row.state === "succeeded" || row.state === "failed") && waiting.length === 0) {
      await t.ctx.jobs.idle();
      return { state: row.state, result: row.result === null ? null : JSON.parse(row.result), error: row.error === null ? null : JSON.parse(row.error) };
    }
    if (Date.now() > until) throw new Error(`the mail.imap job did not finish (${row.state})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The IMAP commands the mailbox server received (tag stripped, upper-case name first), to see what Koers asked. */
function recordCommands(mailbox: Hoodiecrow): string[] {
  const seen: string[] = [];
  mailbox.server.on("connection", (socket: import("node:net").Socket) => {
    socket.on("data", (data: Buffer) => {
      for (const line of data.toString("latin1").split("\r\n")) {
        const m = /^\S+ ((?:UID )?[A-Z]+)(.*)$/i.exec(line);
        if (m?.[1]) seen.push(`${m[1].toUpperCase()}${m[2] ?? ""}`);
      }
    });
  });
  return seen;
}

/** A message as the company's mail server delivers it into the logging mailbox. */
function message(lines: { from: string; to: string; cc?: string; deliveredTo?: string; subject: string; id?: string; body?: string; extra?: string[] }): string {
  return [
    `Return-Path: <${lines.from}>`,
    ...(lines.deliveredTo ? [`Delivered-To: ${lines.deliveredTo}`] : []),
    `From: ${lines.from}`,
    `To: ${lines.to}`,
    ...(lines.cc ? [`Cc: ${lines.cc}`] : []),
    `Subject: ${lines.subject}`,
    ...(lines.id ? [`Message-ID: <${lines.id}>`] : []),
    "Date: Thu, 26 Nov 2026 14:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    ...(lines.extra ?? []),
    "",
    lines.body ?? "Beste Piet,\r\n\r\nZoals besproken.",
    "",
  ].join("\r\n");
}

describe.each(ENGINES)("reading the logging mailbox over IMAP on %s", (engine) => {
  let t: TestApp;
  let mailbox: Hoodiecrow;
  let port: number;
  let rep: User;
  let colleague: User;
  let admin: User;
  let kantoor: number;
  let jansen: number;
  let repAddress: string;

  /** A second IMAP client: what the test (or a person) sees in the mailbox. */
  const withMailbox = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, disableAutoIdle: true });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };
  const deliver = (raw: string) => withMailbox((c) => c.append("INBOX", raw, []));
  /** Flags of every message in INBOX by subject. */
  const flagsBySubject = () =>
    withMailbox(async (c) => {
      const lock = await c.getMailboxLock("INBOX");
      try {
        const out: Record<string, string[]> = {};
        if (!c.mailbox || c.mailbox.exists === 0) return out;
        for (const m of await c.fetchAll("1:*", { envelope: true, flags: true })) out[m.envelope?.subject ?? ""] = [...(m.flags ?? [])];
        return out;
      } finally {
        lock.release();
      }
    });

  /** One run, queued by hand (whatever the back-off says): waits for it and for the intake jobs it queued. */
  const poll = async (): Promise<JobView> => finished(t, (await t.ctx.jobs.enqueue("mail.imap", {}, SYSTEM_VIEWER)).id);
  /** One poll of the schedule: null when it queued nothing (a run is open, or the back-off lasts). */
  const scheduled = async (): Promise<JobView | null> => {
    if (!(await pollMailImap(t.ctx))) return null;
    const job = await t.ctx.db.selectFrom("jobs").select("id").where("kind", "=", "mail.imap").orderBy("id", "desc").executeTakeFirstOrThrow();
    return finished(t, job.id);
  };
  const status = async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/admin/mail-imap", headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { failures: number; lastError: { code: string; detail: string | null } | null; lastErrorAt: string | null; nextAttemptAt: string | null; lastSuccessAt: string | null; security: string };
  };

  const timeline = async (relationId: number) => {
    const res = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities`, headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; kind: string; notes: string; persons: { id: number }[]; users: { id: number }[] }[];
  };
  const inbox = async (user: User) => {
    const res = await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: user.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; state: string; reason: string | null; subject: string | null; from: { address: string } }[];
  };
  const addressOf = async (user: User) => {
    const res = await t.app.inject({ method: "POST", url: "/api/mail-log-address", headers: user.headers });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().address as string;
  };

  beforeAll(async () => {
    mailbox = await startMailbox(0, 1001);
    port = (mailbox.server.address() as AddressInfo).port;
    t = await startTestApp(engine, {
      env: {
        KOERS_MAIL_LOG_DOMAIN: DOMAIN,
        KOERS_MAIL_LOG_MAX_BYTES: String(MAX_BYTES),
        KOERS_MAIL_IMAP_HOST: "127.0.0.1",
        KOERS_MAIL_IMAP_PORT: String(port),
        KOERS_MAIL_IMAP_TLS: "0",
        // The test's mailbox server speaks no STARTTLS: plain text on loopback, allowed in so many words.
        KOERS_MAIL_IMAP_ALLOW_PLAIN: "1",
        KOERS_MAIL_IMAP_USER: USER,
        KOERS_MAIL_IMAP_PASSWORD: PASSWORD,
      },
    });
    t.setNow(morningOf("2026-11-27"));
    rep = await t.userWithRole("field_sales", { name: "Ria Noord" });
    colleague = await t.userWithRole("field_sales", { name: "Sem Zuid" });
    admin = await t.userWithRole("admin");
    kantoor = await newRelation(t, rep.headers, { name: "Kantoor Centrum BV", status: "prospect", statusReason: "Gesprek" });
    jansen = await newPerson(t, rep.headers, kantoor, { lastName: "Jansen", firstName: "Piet", email: "piet.jansen@kantoorcentrum.nl" });
    repAddress = await addressOf(rep);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (mailbox) await stopMailbox(mailbox);
  });

  // The first run loads the job modules into worker threads: slow on a busy machine.
  it("logs a BCC'd copy on the relation (the owner from Delivered-To), then marks it read", { timeout: 150_000 }, async () => {
    // Needs no SMTP receiver: the address is given out with IMAP alone.
    expect((await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: rep.headers })).json()).toMatchObject({ enabled: true, address: repAddress });
    await deliver(message({ from: rep.email, to: "Piet Jansen <piet.jansen@kantoorcentrum.nl>", deliveredTo: repAddress, subject: "Offerte schoonmaak", id: "offerte-1@glansrijk.nl" }));
    const run = await poll();
    expect(run.state, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.result).toMatchObject({ examined: 1, stored: 1, duplicates: 0, restarted: false });
    const [moment] = await timeline(kantoor);
    expect(moment).toMatchObject({ kind: "email", persons: [{ id: jansen }], users: [{ id: rep.id }] });
    expect(moment?.notes).toContain("Offerte schoonmaak\n\nBeste Piet,");
    expect((await flagsBySubject())["Offerte schoonmaak"]).toContain("\\Seen");
  });

  it("logs the same mail once: a second poll reads nothing new, another copy with the same Message-ID is known", async () => {
    const again = await poll();
    expect(again.result).toMatchObject({ examined: 0, stored: 0 });
    // The same mail delivered once more (a second copy, the logging address now visible in Cc).
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", cc: repAddress, subject: "Offerte schoonmaak (kopie)", id: "offerte-1@glansrijk.nl" }));
    const copy = await poll();
    expect(copy.result).toMatchObject({ examined: 1, stored: 0, duplicates: 1 });
    expect((await timeline(kantoor)).length).toBe(1);
    // Known already is handled too: marked read, not read again.
    expect((await flagsBySubject())["Offerte schoonmaak (kopie)"]).toContain("\\Seen");
  });

  it("reads a restarted mailbox (another UIDVALIDITY) from the start without logging anything twice", async () => {
    const kept = await flagsBySubject();
    expect(Object.keys(kept).length).toBe(2);
    const raws = await withMailbox(async (c) => {
      const lock = await c.getMailboxLock("INBOX");
      try {
        return (await c.fetchAll("1:*", { source: true })).map((m) => ({ raw: m.source?.toString("binary") ?? "", flags: [] as string[] }));
      } finally {
        lock.release();
      }
    });
    await stopMailbox(mailbox);
    // The same messages, unread again, under a new UIDVALIDITY: as after a server migration.
    mailbox = await startMailbox(port, 2002, raws);
    const run = await poll();
    expect(run.state, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.result).toMatchObject({ restarted: true, examined: 2, stored: 0, duplicates: 2 });
    expect((await timeline(kantoor)).length).toBe(1);
    expect((await poll()).result).toMatchObject({ restarted: false, examined: 0 });
  });

  it("keeps mail from an unknown sender in its owner's inbox, and nobody else's", async () => {
    await deliver(message({ from: "verkoop@spam.test", to: repAddress, cc: "piet.jansen@kantoorcentrum.nl", subject: "Goedkope leads", id: "spam-1@spam.test", body: "Koop nu" }));
    const run = await poll();
    expect(run.result).toMatchObject({ examined: 1, stored: 1 });
    expect((await timeline(kantoor)).length).toBe(1);
    const [waiting] = await inbox(rep);
    expect(waiting).toMatchObject({ state: "inbox", reason: "unknown_sender", subject: "Goedkope leads", from: { address: "verkoop@spam.test" } });
    expect(await inbox(colleague)).toEqual([]);
  });

  it("logs nothing for anyone through a revoked logging address, and leaves that message unread", async () => {
    const old = repAddress;
    expect((await t.app.inject({ method: "DELETE", url: "/api/mail-log-address", headers: rep.headers })).statusCode).toBe(204);
    const count = async () => (await t.ctx.db.selectFrom("mail_messages").select("id").execute()).length;
    const before = await count();
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", deliveredTo: old, subject: "Via oud adres", id: "oud-1@glansrijk.nl" }));
    const run = await poll();
    expect(run.state).toBe("succeeded");
    expect(run.result).toMatchObject({ examined: 1, stored: 0, skipped: { no_logging_address: 1 } });
    expect(run.result?.skippedMessages[0]?.detail).toContain("revoked");
    // The result is read by administrators: it names no logging address.
    expect(JSON.stringify(run.result)).not.toContain(old.split("@")[0]);
    expect(await count()).toBe(before);
    expect((await timeline(kantoor)).length).toBe(1);
    expect((await flagsBySubject())["Via oud adres"]).not.toContain("\\Seen");
    repAddress = await addressOf(rep);
  });

  it("keeps broken MIME as the SMTP path does (a problem or a readable mail), and skips an oversize message with its reason", async () => {
    const broken = brokenMimeMail([`Return-Path: <${rep.email}>`, `Delivered-To: ${repAddress}`, `From: ${rep.email}`, "To: piet.jansen@kantoorcentrum.nl"]);
    await deliver(broken);
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", deliveredTo: repAddress, subject: "Groot", id: "groot-1@glansrijk.nl", body: "x".repeat(MAX_BYTES + 5_000) }));
    const run = await poll();
    expect(run.state, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.result).toMatchObject({ examined: 2, stored: 1, skipped: { too_big: 1 } });
    expect(run.result?.skippedMessages.find((s) => s.reason === "too_big")?.detail).toMatch(/^2\d\.\d KB is above KOERS_MAIL_LOG_MAX_BYTES \(19\.5 KB\)$/);
    const row = await t.ctx.db.selectFrom("mail_messages").select(["state"]).where("message_id", "=", "broken-1@glansrijk.nl").executeTakeFirstOrThrow();
    expect(["logged", "inbox", "problem"]).toContain(row.state);
    expect(await t.ctx.db.selectFrom("mail_messages").select("id").where("message_id", "=", "groot-1@glansrijk.nl").executeTakeFirst()).toBeUndefined();
    const flags = await flagsBySubject();
    expect(flags.Groot).not.toContain("\\Seen");
    // The server still answers, and the next poll goes on after both.
    expect((await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).statusCode).toBe(200);
    expect((await poll()).result).toMatchObject({ examined: 0 });
  });

  it("skips and reports a message the server will not hand out, reads the rest, and does not back the mailbox off", async () => {
    const before = (await timeline(kantoor)).length;
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", deliveredTo: repAddress, subject: "Kapot op de server", id: "kapot-1@glansrijk.nl" }));
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", deliveredTo: repAddress, subject: "Na het kapotte bericht", id: "na-kapot-1@glansrijk.nl" }));
    const bad = await withMailbox(async (c) => {
      const lock = await c.getMailboxLock("INBOX");
      try {
        return (await c.fetchAll("1:*", { envelope: true, uid: true })).find((m) => m.envelope?.subject === "Kapot op de server")?.uid;
      } finally {
        lock.release();
      }
    });
    // The mail server cannot read that one message's file (as Dovecot answers for a corrupt one).
    const fetch = mailbox.getCommandHandler("UID FETCH");
    mailbox.setCommandHandler("UID FETCH", (connection, parsed, data, done) => {
      const [range, items] = parsed.attributes ?? [];
      if (String(range?.value) === String(bad) && JSON.stringify(items).includes("BODY")) {
        connection.send({ tag: parsed.tag, command: "NO", attributes: [{ type: "TEXT", value: "[SERVERBUG] Message file is corrupt" }] }, "UID FETCH FAILED", parsed, data);
        return done();
      }
      return fetch(connection, parsed, data, done);
    });
    try {
      const run = await scheduled();
      expect(run?.state, JSON.stringify(run?.error)).toBe("succeeded");
      expect(run?.result).toMatchObject({ examined: 2, stored: 1, skipped: { unreadable: 1 } });
      expect(run?.result?.skippedMessages).toEqual([expect.objectContaining({ uid: bad, reason: "unreadable", detail: expect.stringContaining("Message file is corrupt") })]);
      expect((await timeline(kantoor)).length).toBe(before + 1);
      // No failure on the mailbox: the next poll reads it straight away, and goes on after both.
      expect(await status()).toMatchObject({ failures: 0, nextAttemptAt: null });
      const next = await scheduled();
      expect(next?.result).toMatchObject({ examined: 0 });
    } finally {
      mailbox.setCommandHandler("UID FETCH", fetch);
    }
    // Left where it was, unread, for a person to look at; the good one is marked read.
    const flags = await flagsBySubject();
    expect(flags["Kapot op de server"]).not.toContain("\\Seen");
    expect(flags["Na het kapotte bericht"]).toContain("\\Seen");
  });

  it("after a refused login waits longer before each next try (a poll, then two), shows the administrator why, and reads again once the password is right", async () => {
    const before = (await timeline(kantoor)).length;
    await deliver(message({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", deliveredTo: repAddress, subject: "Na het wachtwoord", id: "na-1@glansrijk.nl" }));
    // The company changed the mailbox's password; Koers still has the old one.
    mailbox.users[USER] = { password: "a-new-password" };
    const t0 = new Date("2026-11-27T09:00:00.000Z");
    t.setNow(t0);
    const failed = await scheduled();
    expect(failed?.state).toBe("failed");
    expect(failed?.error?.message).toMatch(/refused the login of koers-log/);
    expect(failed?.error?.message).not.toContain(PASSWORD);
    const first = await status();
    expect(first).toMatchObject({ failures: 1, security: "plain_allowed" });
    // A code the screen says in Dutch, with the server's own words only as the detail.
    expect(first.lastError).toMatchObject({ code: "imap_login_refused" });
    expect(first.lastError?.detail ?? "").not.toMatch(/refused the login|KOERS_MAIL_IMAP/);
    expect(first.lastSuccessAt).not.toBeNull();
    expect(JSON.stringify(first)).not.toContain(PASSWORD);
    // One poll interval (60 s) after the failure.
    const failedAt = Date.parse(first.lastErrorAt ?? "");
    expect(Date.parse(first.nextAttemptAt ?? "") - failedAt).toBe(60_000);
    // Within the wait a poll queues nothing: the server is not asked again.
    t.setNow(new Date(failedAt + 30_000));
    expect(await scheduled()).toBeNull();
    t.setNow(new Date(failedAt + 61_000));
    expect((await scheduled())?.state).toBe("failed");
    // Twice the wait after the second failure.
    const second = await status();
    expect(second.failures).toBe(2);
    const failedAgain = Date.parse(second.lastErrorAt ?? "");
    expect(Date.parse(second.nextAttemptAt ?? "") - failedAgain).toBe(120_000);
    t.setNow(new Date(failedAgain + 119_000));
    expect(await scheduled()).toBeNull();
    mailbox.users[USER] = { password: PASSWORD };
    t.setNow(new Date(failedAgain + 121_000));
    const next = await scheduled();
    expect(next?.state).toBe("succeeded");
    expect(next?.result).toMatchObject({ examined: 1, stored: 1 });
    expect((await timeline(kantoor)).length).toBe(before + 1);
    // Reset by the good run; the last error stays readable with its time.
    const after = await status();
    expect(after).toMatchObject({ failures: 0, nextAttemptAt: null, lastErrorAt: second.lastErrorAt });
    expect(Date.parse(after.lastSuccessAt ?? "")).toBeGreaterThan(failedAgain + 120_000);
    expect(after.lastError).toMatchObject({ code: "imap_login_refused" });
    // Only an administrator reads it.
    expect((await t.app.inject({ method: "GET", url: "/api/admin/mail-imap", headers: rep.headers })).statusCode).toBe(403);
  });

  it("ends with a readable job error when the server cannot be reached", async () => {
    await stopMailbox(mailbox);
    const failed = await poll();
    expect(failed.state).toBe("failed");
    expect(failed.error?.message).toMatch(/cannot reach the IMAP server 127\.0\.0\.1:\d+/);
    expect((await status()).lastError).toEqual({ code: "imap_unreachable", detail: "ECONNREFUSED" });
    mailbox = await startMailbox(port, 3003);
  });
});

describe.each(ENGINES)("the IMAP connection's safety and folders on %s", (engine) => {
  let mailbox: Hoodiecrow;
  let commands: string[];
  let port: number;
  let strict: TestApp;
  let moving: TestApp;
  let rep: User;
  let admin: User;
  let address: string;

  const env = (extra: Record<string, string>) => ({
    KOERS_MAIL_LOG_DOMAIN: DOMAIN,
    KOERS_MAIL_IMAP_HOST: "127.0.0.1",
    KOERS_MAIL_IMAP_PORT: String(port),
    KOERS_MAIL_IMAP_TLS: "0",
    KOERS_MAIL_IMAP_USER: USER,
    KOERS_MAIL_IMAP_PASSWORD: PASSWORD,
    ...extra,
  });
  /** Listing every folder and making one (the lookups a run without anything to move must not need). */
  const folderCommands = () => commands.filter((c) => c.startsWith('LIST "" "*"') || c.startsWith("CREATE"));
  const run = async (t: TestApp) => finished(t, (await t.ctx.jobs.enqueue("mail.imap", {}, SYSTEM_VIEWER)).id);
  const deliver = async (subject: string, id: string) => {
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, disableAutoIdle: true });
    await client.connect();
    try {
      await client.append("INBOX", message({ from: rep.email, to: "iemand@elders.nl", deliveredTo: address, subject, id }), []);
    } finally {
      await client.logout();
    }
  };
  const folder = async (path: string) => {
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, disableAutoIdle: true });
    await client.connect();
    try {
      const list = await client.list();
      if (!list.some((box) => box.path === path)) return null;
      const lock = await client.getMailboxLock(path);
      try {
        if (!client.mailbox || client.mailbox.exists === 0) return [];
        return (await client.fetchAll("1:*", { envelope: true })).map((m) => m.envelope?.subject ?? "");
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  };

  beforeAll(async () => {
    mailbox = await startMailbox(0, 4004);
    commands = recordCommands(mailbox);
    port = (mailbox.server.address() as AddressInfo).port;
    // TLS off and plain text not allowed: STARTTLS is required (this server has none).
    strict = await startTestApp(engine, { env: env({}) });
    moving = await startTestApp(engine, { env: env({ KOERS_MAIL_IMAP_ALLOW_PLAIN: "1", KOERS_MAIL_IMAP_MOVE_TO: "Koers/Verwerkt" }) });
    rep = await moving.userWithRole("field_sales", { name: "Ria Noord" });
    admin = await strict.userWithRole("admin");
  }, 120_000);
  afterAll(async () => {
    await strict?.close();
    await moving?.close();
    if (mailbox) await stopMailbox(mailbox);
  });

  it("without TLS requires STARTTLS: a server without it gets no login, and the administrator reads why", { timeout: 150_000 }, async () => {
    commands.length = 0;
    const failed = await run(strict);
    expect(failed.state).toBe("failed");
    expect(failed.error?.message).toMatch(/offers no STARTTLS.*KOERS_MAIL_IMAP_TLS=1.*KOERS_MAIL_IMAP_ALLOW_PLAIN=1/);
    // The password never crossed the wire.
    expect(commands.filter((c) => c.startsWith("LOGIN") || c.startsWith("AUTHENTICATE"))).toEqual([]);
    const res = await strict.app.inject({ method: "GET", url: "/api/admin/mail-imap", headers: admin.headers });
    expect(res.json()).toMatchObject({ configured: true, security: "starttls", failures: 1, lastError: { code: "imap_starttls_missing" } });
  });

  it("lists the folders only when a message has to be moved and the folder is missing, not on every run", { timeout: 150_000 }, async () => {
    address = (await moving.app.inject({ method: "POST", url: "/api/mail-log-address", headers: rep.headers })).json().address as string;
    commands.length = 0;
    expect((await run(moving)).state).toBe("succeeded");
    // Nothing to move: no folder list, no folder made.
    expect(folderCommands()).toEqual([]);
    await deliver("Eerste", "eerste-1@glansrijk.nl");
    commands.length = 0;
    expect((await run(moving)).result).toMatchObject({ examined: 1, stored: 1 });
    // The first move found no folder: made once, and the message is in it.
    expect(folderCommands()).toEqual(['LIST "" "*"', "CREATE Koers/Verwerkt"]);
    expect(await folder("Koers/Verwerkt")).toEqual(["Eerste"]);
    expect(await folder("INBOX")).toEqual([]);
    await deliver("Tweede", "tweede-1@glansrijk.nl");
    commands.length = 0;
    expect((await run(moving)).result).toMatchObject({ examined: 1, stored: 1 });
    // The folder is there now: moved straight away, no list.
    expect(folderCommands()).toEqual([]);
    expect((await folder("Koers/Verwerkt"))?.sort()).toEqual(["Eerste", "Tweede"]);
  });
});
