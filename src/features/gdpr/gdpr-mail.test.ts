// GDPR and received mail, on both engines: mails from or to a person's address that still wait in a
// user's inbox are part of the access export, and erasing the person wipes them (text, subject,
// addresses, files). The mails come in over a real SMTP session to Koers' own receiver.
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailReceiverOf } from "../../server/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { type Headers, newPerson, newRelation } from "../activities/crm-test-helpers.js";

const DOMAIN = "mail.koers.test";
const JAN = "jan.vanderberg@zorgwest.nl";

describe.each(ENGINES)("GDPR of waiting inbox mails on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; email: string; headers: Headers };
  let manager: { headers: Headers };
  let admin: { headers: Headers };
  let personId: number;

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
    await intakeDone();
    const relationId = await newRelation(t, rep.headers, { name: "Zorggroep West", status: "prospect", statusReason: "Gesprek" });
    personId = await newPerson(t, rep.headers, relationId, { firstName: "Jan", infix: "van der", lastName: "Berg", email: JAN });
    // The first intake job loads its modules into a worker thread: slow on a busy machine.
  }, 150_000);
  afterAll(async () => t?.close());

  it("exports the mails from and to the person's address that wait in an inbox", async () => {
    expect(await inboxSubjects()).toEqual(["Antwoord aan Jan", "Iets anders", "Vraag over de offerte"]);
    const res = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    const mails = res.json().waitingMails as { subject: string; from: string; to: string[]; text: string; heldFor: string }[];
    expect(mails.map((m) => m.subject).sort()).toEqual(["Antwoord aan Jan", "Vraag over de offerte"]);
    expect(mails.find((m) => m.subject === "Vraag over de offerte")).toMatchObject({ from: JAN, heldFor: "Ria Verkoper", text: expect.stringContaining("06-12345678") });
    expect(mails.find((m) => m.subject === "Antwoord aan Jan")?.to).toEqual([JAN]);
    const page = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=html`, headers: manager.headers });
    expect(page.body).toContain("Vraag over de offerte");
    expect(page.body).not.toContain("Iets anders");
  });

  it("wipes those mails when the person is erased, and leaves the others waiting", async () => {
    const waiting = (await t.app.inject({ method: "GET", url: "/api/mail-inbox", headers: rep.headers })).json().items as { id: number; subject: string }[];
    const his = waiting.filter((m) => m.subject !== "Iets anders").map((m) => m.id);
    const res = await t.app.inject({ method: "POST", url: `/api/persons/${personId}/erase`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mailsWiped: 2 });
    expect(await inboxSubjects()).toEqual(["Iets anders"]);
    const rows = await t.ctx.db.selectFrom("mail_messages").selectAll().where("id", "in", his).execute();
    expect(rows.length).toBe(2);
    for (const row of rows) {
      expect(row).toMatchObject({ state: "dropped", subject: null, body_text: null, from_address: null, from_name: null, envelope_from: null, to_addresses: "[]", cc_addresses: "[]", raw_file_id: null, message_id: null });
      expect(row.dedupe_key).toMatch(/^erased:[0-9a-f]{64}$/);
    }
    const files = await t.ctx.db.selectFrom("mail_attachments").select("id").where("mail_id", "in", rows.map((r) => r.id)).execute();
    expect(files).toEqual([]);
    const everything = JSON.stringify(await t.ctx.db.selectFrom("mail_messages").selectAll().execute());
    for (const secret of ["zorgwest", "ZORGWEST", "06-12345678", "Vraag over de offerte"]) expect(everything).not.toContain(secret);
    // The same mail arriving again stays dropped: it does not come back with his data.
    const address = (await t.app.inject({ method: "GET", url: "/api/mail-log-address", headers: rep.headers })).json().address as string;
    await send({ from: JAN, to: address, subject: "Vraag over de offerte", messageId: "<vraag-1@zorgwest.nl>", text: "Nog eens." });
    await intakeDone();
    expect(await inboxSubjects()).toEqual(["Iets anders"]);
    const export_ = await t.app.inject({ method: "GET", url: `/api/persons/${personId}/gdpr-export?format=json`, headers: manager.headers });
    expect(export_.json().waitingMails).toEqual([]);
  });
});
