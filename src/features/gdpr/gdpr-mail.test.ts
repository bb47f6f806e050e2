// GDPR and received mail, on both engines: every mail row from or to a person's address is part of
// the access export — waiting in an inbox, not read yet by the intake job, or dropped long ago with
// its recipients still on it — and erasing the person wipes their address from all of them (text,
// subject, addresses, files, raw message). The mails come in over a real SMTP session to Koers' own
// receiver; the one not read yet and the old dropped one are set up in the tables as a crash and an
// older Koers left them.
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { mailReceiverOf } from "../../server/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newPerson, newRelation } from "../activities/crm-test-helpers.js";
import { writeJobFile } from "../jobs/job-files.js";

const DOMAIN = "mail.koers.test";
const JAN = "jan.vanderberg@zorgwest.nl";

describe.each(ENGINES)("GDPR of waiting inbox mails on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; email: string; headers: Headers };
  let manager: { headers: Headers };
  let admin: { headers: Headers };
  let personId: number;
  let onTheWay: { mailId: number; fileId: number };
  let oldDrop: number;

  const send = async (message: Mail.Options) => {
    const receiver = mailReceiverOf(t.app);
    if (!receiver) throw new Error("no mail receiver");
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: receiver.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail(message);
    } finally {
      transport.close();
    }
  };
  const intakeDone = async () => {
    const until = Date.now() + 80_000;
    while ((await t.ctx.db.selectFrom("mail_messages").select("id").where("state", "=", "received").execute()).length > 0) {
      if (Date.now() > until) throw new Error("the intake job did not finish");
      await new Promise((r) => setTimeout(r, 50));
    }
    await t.ctx.jobs.idle();
  };
  const inboxSubjects = async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { subject: string }[]).map((m) => m.subject).sort();
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { KOERS_MAIL_LOG_PORT: "0", KOERS_MAIL_LOG_DOMAIN: DOMAIN } });
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    manager = await t.userWithRole("sales_manager");
    admin = await t.userWithRole("admin");
    const address = (await t.app.inject({ method: "POST", url: "/api/mail-log-address", headers: rep.headers })).json().address as string;
    // Before Jan is in Koers: his mail waits (unknown sender), and so does the rep's answer (names nobody).
    await send({ from: `Jan van der Berg <${JAN}>`, to: address, subject: "Vraag over de offerte", messageId: "<vraag-1@zorgwest.nl>", text: "Mijn mobiel is 06-12345678.", attachments: [{ filename: "eisen.txt", content: "Jan zijn eisen" }] });
    await send({ from: rep.email, to: `Jan <${JAN.toUpperCase()}>`, bcc: address, subject: "Antwoord aan Jan", messageId: "<antwoord-1@glansrijk.nl>", text: "Beste Jan, dank voor je vraag." });
    await send({ from: "iemand@elders.nl", to: address, subject: "Iets anders", messageId: "<anders-1@elders.nl>", text: "Niet over Jan." });
    await send({ from: rep.email, to: "inkoop@elders.nl", bcc: address, subject: "Oud gesprek", messageId: "<oud-1@glansrijk.nl>", text: "Over Jan." });
    await intakeDone();
    // Dropped by an older Koers, which kept the recipients and the text of a dropped mail.
    const old = await t.ctx.db.selectFrom("mail_messages").select("id").where("subject", "=", "Oud gesprek").executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: "POST", url: `/api/mail-inbox/${old.id}/drop`, headers: rep.headers })).statusCode).toBe(204);
    await t.ctx.db.updateTable("mail_messages").set({ to_addresses: JSON.stringify(["inkoop@elders.nl"]), cc_addresses: JSON.stringify([JAN]), body_text: "Jan belt 06-12345678." }).where("id", "=", old.id).execute();
    oldDrop = old.id;
    // Stored by the receiver, not read yet by the intake job (the server stopped in between): only its raw header names Jan.
    const raw = Buffer.from(
      [`Return-Path: <${rep.email}>`, `From: ${rep.email}`, "To: inkoop@elders.nl", `Cc: "Jan" <${JAN.replace("zorgwest", "ZorgWest")}>`, "Subject: Nog onderweg", "Message-ID: <onderweg-1@glansrijk.nl>", "", "Jan zijn mobiel: 06-12345678.", ""].join("\r\n"),
    );
    const at = t.ctx.now().toISOString();
    const file = await writeJobFile(t.ctx.db, { ownerId: rep.id, jobId: null, purpose: "upload", name: "mail.eml", contentType: "message/rfc822" }, raw, at);
    const row = await t.ctx.db
      .insertInto("mail_messages")
      .values({ user_id: rep.id, dedupe_key: "mid:onderweg-1@glansrijk.nl", message_id: "onderweg-1@glansrijk.nl", state: "received", envelope_from: rep.email.toLowerCase(), size_bytes: raw.length, raw_file_id: file.id, received_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    onTheWay = { mailId: row.id, fileId: file.id };
    const relationId = await newRelation(t, rep.headers, { name: "Zorggroep West", status: "prospect", statusReason: "Gesprek" });
    personId = await newPerson(t, rep.headers, relationId, { firstName: "Jan", infix: "van der", lastName: "Berg", email: JAN });
    // The first intake job loads its modules into a worker thread: slow on a busy machine.
  }, 150_000);
  afterAll(async () => t?.close());

  it("exports every mail from and to the person's address: waiting, not read yet, and dropped with him still on it", async () => {
    expect(await inboxSubjects()).toEqual(["Antwoord aan Jan", "Iets anders", "Vraag over de offerte"]);
    const res = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    const mails = res.json().mails as { subject: string | null; state: string; from: string; to: string[]; cc: string[]; text: string; heldFor: string }[];
    expect(mails.map((m) => m.subject).sort()).toEqual(["Antwoord aan Jan", "Nog onderweg", "Oud gesprek", "Vraag over de offerte"]);
    expect(mails.find((m) => m.subject === "Vraag over de offerte")).toMatchObject({ state: "inbox", from: JAN, heldFor: "Ria Verkoper", text: expect.stringContaining("06-12345678") });
    expect(mails.find((m) => m.subject === "Antwoord aan Jan")?.to).toEqual([JAN]);
    // Not read yet: what its header says.
    expect(mails.find((m) => m.subject === "Nog onderweg")).toMatchObject({ state: "received", from: rep.email.toLowerCase(), to: ["inkoop@elders.nl"], cc: [JAN], heldFor: "Ria Verkoper" });
    // The old drop: his address and the text stayed on it.
    expect(mails.find((m) => m.subject === "Oud gesprek")).toMatchObject({ state: "dropped", cc: [JAN], text: "Jan belt 06-12345678." });
    const page = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=html`, headers: manager.headers });
    expect(page.body).toContain("Vraag over de offerte");
    expect(page.body).toContain("Ontvangen, nog niet gelezen");
    expect(page.body).toContain("Weggegooid");
    expect(page.body).not.toContain("Iets anders");
  });

  it("wipes those mails when the person is erased, and leaves the others waiting", async () => {
    const waiting = (await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).json().items as { id: number; subject: string }[];
    const his = waiting.filter((m) => m.subject !== "Iets anders").map((m) => m.id);
    const res = await t.app.inject({ method: "POST", url: `/api/persons/${personId}/erase`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mailsWiped: 3 });
    expect(await inboxSubjects()).toEqual(["Iets anders"]);
    expect((await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).json().received).toBe(0);
    const rows = await t.ctx.db.selectFrom("mail_messages").selectAll().where("id", "in", [...his, onTheWay.mailId, oldDrop]).execute();
    expect(rows.length).toBe(4);
    for (const row of rows) {
      expect(row).toMatchObject({ state: "dropped", subject: null, body_text: null, from_address: null, from_name: null, envelope_from: null, to_addresses: "[]", cc_addresses: "[]", raw_file_id: null, message_id: null });
      expect(row.dedupe_key).toMatch(/^erased:[0-9a-f]{64}$/);
    }
    const files = await t.ctx.db.selectFrom("mail_attachments").select("id").where("mail_id", "in", rows.map((r) => r.id)).execute();
    expect(files).toEqual([]);
    const everything = JSON.stringify(await t.ctx.db.selectFrom("mail_messages").selectAll().execute());
    for (const secret of ["zorgwest", "ZORGWEST", "ZorgWest", "06-12345678", "Vraag over de offerte", "Nog onderweg", "Oud gesprek"]) expect(everything).not.toContain(secret);
    // The raw message not read yet is gone; its intake job, running after all, finds nothing to read.
    expect(await t.ctx.db.selectFrom("job_files").select("id").where("id", "=", onTheWay.fileId).execute()).toEqual([]);
    const late = await t.ctx.jobs.enqueue("mail.intake", { mailId: onTheWay.mailId }, SYSTEM_VIEWER);
    await intakeDone();
    for (let i = 0; i < 1600 && (await t.ctx.db.selectFrom("jobs").select("state").where("id", "=", late.id).executeTakeFirstOrThrow()).state !== "succeeded"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse((await t.ctx.db.selectFrom("jobs").select("result").where("id", "=", late.id).executeTakeFirstOrThrow()).result ?? "null")).toMatchObject({ state: "skipped" });
    expect(await t.ctx.db.selectFrom("mail_messages").select(["state", "subject"]).where("id", "=", onTheWay.mailId).executeTakeFirstOrThrow()).toEqual({ state: "dropped", subject: null });
    // The same mail arriving again stays dropped: it does not come back with his data.
    const address = (await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: rep.headers })).json().address as string;
    await send({ from: JAN, to: address, subject: "Vraag over de offerte", messageId: "<vraag-1@zorgwest.nl>", text: "Nog eens." });
    await intakeDone();
    expect(await inboxSubjects()).toEqual(["Iets anders"]);
    const export_ = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers });
    expect(export_.json().mails).toEqual([]);
  });
});
