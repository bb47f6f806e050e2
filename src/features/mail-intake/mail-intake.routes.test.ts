// E-mail into the timeline over a real SMTP session on loopback, on both engines: nodemailer sends
// to Koers' own receiver (smtp-server on a free port), the mail.intake job logs what it can, and the
// owner's inbox holds the rest. Refusals are read from the SMTP replies a relay would get.
import { connect } from "node:net";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { mailReceiverOf } from "../../server/app.js";
import { type Headers, morningOf, newPerson, newRelation } from "../activities/crm-test-helpers.js";
import { brokenMimeMail } from "../../test-support/mail-fixtures.js";

const DOMAIN = "mail.koers.test";
const MAX_BYTES = 200_000;
const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

type User = { id: number; email: string; headers: Headers };
type Sent = { ok: true; response: string } | { ok: false; code: number | undefined; response: string };

describe.each(ENGINES)("e-mail into the timeline on %s", (engine) => {
  let t: TestApp;
  let rep: User;
  let colleague: User;
  let admin: User;
  let kantoor: number;
  let bakkerij: number;
  let jansen: number;
  let devries: number;
  let repAddress: string;

  const send = async (message: Mail.Options): Promise<Sent> => {
    const receiver = mailReceiverOf(t.app);
    if (!receiver) throw new Error("no mail receiver");
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: receiver.port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail(message);
      return { ok: true, response: info.response };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; message: string };
      return { ok: false, code: e.responseCode, response: e.response ?? e.message };
    } finally {
      transport.close();
    }
  };

  /** A raw SMTP conversation: the greeting, then the reply to each line. */
  const converse = (lines: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const receiver = mailReceiverOf(t.app);
      if (!receiver) throw new Error("no mail receiver");
      const socket = connect(receiver.port, "127.0.0.1");
      const replies: string[] = [];
      let buffer = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        buffer += chunk;
        // A reply ends with a line "NNN text" (a space after the code, not a dash).
        while (/^\d{3} .*\r\n/m.test(buffer)) {
          const end = buffer.search(/^\d{3} .*\r\n/m);
          const lineEnd = buffer.indexOf("\r\n", end) + 2;
          replies.push(buffer.slice(0, lineEnd));
          buffer = buffer.slice(lineEnd);
          const next = lines[replies.length - 1];
          if (next === undefined) socket.end();
          else socket.write(`${next}\r\n`);
        }
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(replies));
    });

  /** Waits until the intake job has read every received mail. */
  const intakeDone = async () => {
    const until = Date.now() + 30_000;
    for (;;) {
      const waiting = await t.ctx.db.selectFrom("mail_messages").select("id").where("state", "=", "received").execute();
      if (waiting.length === 0) {
        await t.ctx.jobs.idle();
        return;
      }
      if (Date.now() > until) throw new Error("the intake job did not finish");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const timeline = async (relationId: number) => {
    const res = await t.app.inject({ method: "GET", url: `/api/relations/${relationId}/activities`, headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; kind: string; notes: string; persons: { id: number }[]; users: { id: number }[]; attachments: { fileName: string; contentType: string }[] }[];
  };
  const inbox = async (user: User) => {
    const res = await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: user.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; state: string; reason: string | null; subject: string | null; text: string | null; from: { address: string }; attachments: { fileName: string }[]; problem: string | null }[];
  };
  const addressOf = async (user: User) => {
    const res = await t.app.inject({ method: "POST", url: "/api/mail-log-address", headers: user.headers });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().address as string;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { KOERS_MAIL_LOG_PORT: "0", KOERS_MAIL_LOG_DOMAIN: DOMAIN, KOERS_MAIL_LOG_MAX_BYTES: String(MAX_BYTES) } });
    t.setNow(morningOf("2026-11-27"));
    rep = await t.userWithRole("field_sales", { name: "Ria Noord" });
    colleague = await t.userWithRole("field_sales", { name: "Sem Zuid" });
    admin = await t.userWithRole("admin", { name: "Bea Beheer" });
    kantoor = await newRelation(t, rep.headers, { name: "Kantoor Centrum BV", status: "prospect", statusReason: "Gesprek" });
    bakkerij = await newRelation(t, rep.headers, { name: "Bakkerij De Korrel", status: "prospect", statusReason: "Gesprek" });
    jansen = await newPerson(t, rep.headers, kantoor, { lastName: "Jansen", firstName: "Piet", email: "Piet.Jansen@kantoorcentrum.nl" });
    devries = await newPerson(t, rep.headers, bakkerij, { lastName: "Vries", infix: "de", firstName: "Anna", email: "anna@dekorrel.nl" });
    repAddress = await addressOf(rep);
  });
  afterAll(async () => t?.close());

  it("gives each user a personal logging address to see again, and tells the administrator who has one", async () => {
    expect(repAddress).toMatch(new RegExp(`^log\\+[a-z2-7]{24}@${DOMAIN.replaceAll(".", "\\.")}$`));
    const again = await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: rep.headers });
    expect(again.json()).toMatchObject({ enabled: true, address: repAddress });
    const none = await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: colleague.headers });
    expect(none.json()).toMatchObject({ enabled: true, address: null });
    const overview = await t.app.inject({ method: "GET", url: "/api/admin/mail-log-addresses", headers: admin.headers });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().map((r: { userId: number }) => r.userId)).toEqual([rep.id]);
    expect(overview.body).not.toContain(repAddress.split("@")[0]);
    const notAdmin = await t.app.inject({ method: "GET", url: "/api/admin/mail-log-addresses", headers: rep.headers });
    expect(notAdmin.statusCode).toBe(403);
  });

  it("logs a BCC'd mail on the relations of the persons it names, as plain text with its checked attachments", async () => {
    const sent = await send({
      from: `Ria Noord <${rep.email}>`,
      to: "Piet Jansen <piet.jansen@kantoorcentrum.nl>",
      cc: "anna@dekorrel.nl, iemand@elders.nl",
      bcc: repAddress,
      subject: "Offerte schoonmaak kantoor",
      messageId: "<offerte-1@glansrijk.nl>",
      html: '<p>Beste Piet,</p><p>Hierbij de <b>offerte</b>. <script>alert("x")</script><a href="https://glansrijk.nl/o/1">Bekijk online</a></p><img src="cid:logo">',
      attachments: [
        { filename: "offerte.pdf", content: PDF_BYTES },
        { filename: "setup.exe", content: Buffer.from("MZ\x90\x00binary") },
      ],
    });
    expect(sent.ok, sent.response).toBe(true);
    await intakeDone();
    const [moment] = await timeline(kantoor);
    expect(moment).toMatchObject({ kind: "email", persons: [{ id: jansen }], users: [{ id: rep.id }] });
    expect(moment?.notes.split("\n")[0]).toBe("Offerte schoonmaak kantoor");
    expect(moment?.notes).toContain("Hierbij de offerte.");
    expect(moment?.notes).toContain("[https://glansrijk.nl/o/1]");
    expect(moment?.notes).not.toMatch(/<[a-z]|alert/i);
    expect(moment?.attachments.map((a) => [a.fileName, a.contentType])).toEqual([["offerte.pdf", "application/pdf"]]);
    const [other] = await timeline(bakkerij);
    expect(other).toMatchObject({ kind: "email", persons: [{ id: devries }] });
    expect(await inbox(rep)).toEqual([]);
    const recent = (await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).json().logged;
    expect(recent[0]).toMatchObject({ subject: "Offerte schoonmaak kantoor", relations: [{ id: kantoor, name: "Kantoor Centrum BV" }, { id: bakkerij, name: "Bakkerij De Korrel" }] });
    expect((await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: colleague.headers })).json().logged).toEqual([]);
  });

  it("logs the same mail once when it arrives twice (same Message-ID)", async () => {
    const again = await send({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", bcc: repAddress, subject: "Offerte schoonmaak kantoor", messageId: "<offerte-1@glansrijk.nl>", text: "Beste Piet" });
    expect(again.ok, again.response).toBe(true);
    expect(again.response).toContain("Already logged");
    await intakeDone();
    expect((await timeline(kantoor)).length).toBe(1);
    expect((await timeline(bakkerij)).length).toBe(1);
  });

  it("keeps a mail that names nobody in its owner's inbox until it is assigned to a relation", async () => {
    const sent = await send({ from: rep.email, to: "inkoop@onbekend.nl", bcc: repAddress, subject: "Kennismaking", text: "Goedemiddag,\n\nZoals besproken.", attachments: [{ filename: "notities.txt", content: "m2: 1200" }] });
    expect(sent.ok, sent.response).toBe(true);
    await intakeDone();
    const [waiting] = await inbox(rep);
    expect(waiting).toMatchObject({ state: "inbox", reason: "no_match", subject: "Kennismaking", attachments: [{ fileName: "notities.txt" }] });
    expect(waiting?.text).toContain("Zoals besproken.");

    // Nobody else sees it: not a colleague, not an administrator.
    expect(await inbox(colleague)).toEqual([]);
    expect(await inbox(admin)).toEqual([]);
    for (const user of [colleague, admin]) {
      expect((await t.app.inject({ method: "GET", url: `/api/mail-inbox/${waiting?.id}`, headers: user.headers })).statusCode).toBe(404);
      const steal = await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/assign`, headers: user.headers, payload: { relationId: bakkerij } });
      expect(steal.statusCode).toBe(404);
    }

    const wrongPerson = await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/assign`, headers: rep.headers, payload: { relationId: bakkerij, personIds: [jansen] } });
    expect(wrongPerson.statusCode).toBe(400);
    const assigned = await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/assign`, headers: rep.headers, payload: { relationId: bakkerij, personIds: [devries] } });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const [logged] = await timeline(bakkerij);
    expect(logged).toMatchObject({ id: assigned.json().activityId, kind: "email", persons: [{ id: devries }], attachments: [{ fileName: "notities.txt" }] });
    expect(logged?.notes).toContain("Kennismaking\n\nGoedemiddag,");
    expect(await inbox(rep)).toEqual([]);
    const twice = await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/assign`, headers: rep.headers, payload: { relationId: bakkerij } });
    expect(twice.statusCode).toBe(409);
  });

  it("never logs mail from an unknown sender by itself, and a dropped mail stays away", async () => {
    const before = (await timeline(kantoor)).length;
    const spam = { from: "verkoop@spam.test", to: repAddress, cc: "piet.jansen@kantoorcentrum.nl", subject: "Goedkope leads", messageId: "<spam-1@spam.test>", text: "Koop nu" };
    expect((await send(spam)).ok).toBe(true);
    await intakeDone();
    expect((await timeline(kantoor)).length).toBe(before);
    const [waiting] = await inbox(rep);
    expect(waiting).toMatchObject({ reason: "unknown_sender", from: { address: "verkoop@spam.test" } });
    expect(await inbox(colleague)).toEqual([]);
    const drop = await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/drop`, headers: rep.headers });
    expect(drop.statusCode).toBe(204);
    expect(await inbox(rep)).toEqual([]);
    // A dropped mail keeps neither its text nor whom it named; dropping it twice is a conflict.
    const row = await t.ctx.db.selectFrom("mail_messages").select(["body_text", "to_addresses", "cc_addresses"]).where("id", "=", waiting?.id as number).executeTakeFirstOrThrow();
    expect(row).toEqual({ body_text: null, to_addresses: "[]", cc_addresses: "[]" });
    expect((await t.app.inject({ method: "POST", url: `/api/mail-inbox/${waiting?.id}/drop`, headers: rep.headers })).statusCode).toBe(409);
    expect((await send(spam)).ok).toBe(true);
    await intakeDone();
    expect(await inbox(rep)).toEqual([]);
  });

  it("refuses an oversize mail at SMTP level with 552, and stores nothing", async () => {
    const count = async () => (await t.ctx.db.selectFrom("mail_messages").select("id").execute()).length;
    const before = await count();
    const big = await send({ from: rep.email, to: "piet.jansen@kantoorcentrum.nl", bcc: repAddress, subject: "Groot", text: "x".repeat(MAX_BYTES + 10_000) });
    expect(big).toMatchObject({ ok: false, code: 552 });
    expect(big.response).toContain("5.3.4");
    // The limit is announced (SIZE), and a client that declares a larger size hears no at MAIL FROM.
    const [greeting, ehlo, mailFrom] = await converse(["EHLO relay.glansrijk.nl", `MAIL FROM:<${rep.email}> SIZE=${MAX_BYTES * 2}`, "QUIT"]);
    expect(greeting).toMatch(/^220 /);
    expect(ehlo).toContain(`SIZE ${MAX_BYTES}`);
    expect(mailFrom).toMatch(/^552 /);
    expect(await count()).toBe(before);
  });

  it("refuses unknown addresses (550 5.1.1) and revoked ones (550 5.1.6)", async () => {
    const unknown = await send({ from: rep.email, to: `log+${"a".repeat(24)}@${DOMAIN}`, subject: "x", text: "x" });
    expect(unknown).toMatchObject({ ok: false, code: 550 });
    expect(unknown.response).toContain("5.1.1");
    const otherDomain = await send({ from: rep.email, to: `${repAddress.split("@")[0]}@elders.nl`, subject: "x", text: "x" });
    expect(otherDomain).toMatchObject({ ok: false, code: 550 });

    const renewed = await addressOf(rep);
    expect(renewed).not.toBe(repAddress);
    const old = await send({ from: rep.email, to: repAddress, subject: "x", text: "x" });
    expect(old).toMatchObject({ ok: false, code: 550 });
    expect(old.response).toContain("5.1.6");
    expect((await send({ from: rep.email, to: renewed, subject: "Nieuw adres", text: "werkt" })).ok).toBe(true);
    await intakeDone();

    expect((await t.app.inject({ method: "DELETE", url: "/api/mail-log-address", headers: rep.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: rep.headers })).json().address).toBeNull();
    const revoked = await send({ from: rep.email, to: renewed, subject: "x", text: "x" });
    expect(revoked).toMatchObject({ ok: false, code: 550 });
    expect(revoked.response).toContain("revoked");
    expect((await t.app.inject({ method: "GET", url: "/api/admin/mail-log-addresses", headers: admin.headers })).json()).toEqual([]);
    repAddress = await addressOf(rep);
    // The inbox holds the mail to the renewed address (it named nobody); clear it for the next test.
    for (const m of await inbox(rep)) await t.app.inject({ method: "POST", url: `/api/mail-inbox/${m.id}/drop`, headers: rep.headers });
  });

  it("refuses data that is no e-mail at all, and keeps broken MIME as a problem or a readable mail without failing", async () => {
    const garbage = await send({ envelope: { from: rep.email, to: [repAddress] }, raw: "dit is geen e-mail\r\nzonder kopregels\r\n" });
    expect(garbage).toMatchObject({ ok: false, code: 554 });
    const broken = brokenMimeMail([`From: ${rep.email}`, "To: piet.jansen@kantoorcentrum.nl"]);
    const sent = await send({ envelope: { from: rep.email, to: [repAddress] }, raw: broken });
    expect(sent.ok, sent.response).toBe(true);
    await intakeDone();
    const row = await t.ctx.db.selectFrom("mail_messages").select(["state", "problem", "attachment_problems"]).where("message_id", "=", "broken-1@glansrijk.nl").executeTakeFirstOrThrow();
    expect(["logged", "inbox", "problem"]).toContain(row.state);
    // The server still answers.
    expect((await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).statusCode).toBe(200);
  });

  it("refuses mail for a user who was deactivated (550 5.2.1)", async () => {
    const leaver = await t.userWithRole("field_sales", { name: "Vera Vertrokken" });
    const address = await addressOf(leaver);
    await t.ctx.db.updateTable("users").set({ active: 0 }).where("id", "=", leaver.id).execute();
    const sent = await send({ from: rep.email, to: address, subject: "x", text: "x" });
    expect(sent).toMatchObject({ ok: false, code: 550 });
    expect(sent.response).toContain("5.2.1");
  });

  it("is for users who log contact moments: purchasing gets no address", async () => {
    const buyer = await t.userWithRole("purchasing");
    expect((await t.app.inject({ method: "POST", url: "/api/mail-log-address", headers: buyer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: buyer.headers })).statusCode).toBe(403);
  });
});
