// E-mail into the timeline in a real browser: the rep makes a logging address on "Mijn account",
// a mail BCC'd to it (sent over SMTP to Koers' own receiver) that names nobody waits in the Inbox,
// which fits a phone; assigned to a relation it shows on that relation's contact moments.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { mailReceiverOf } from "../../src/server/app.js";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const DOMAIN = "mail.koers.test";
const SHOTS = join(tmpdir(), "koers-screenshots");

describe("the mail inbox in the browser", () => {
  const { suite, open, closePage } = browserSuite({ KOERS_MAIL_LOG_PORT: "0", KOERS_MAIL_LOG_DOMAIN: DOMAIN });

  const sendMail = async (to: string, subject: string, text: string) => {
    const receiver = mailReceiverOf(suite.server.app);
    if (!receiver) throw new Error("no mail receiver");
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: receiver.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from: USER.email, to: "inkoop@nog-onbekend.nl", bcc: to, subject, text });
    } finally {
      transport.close();
    }
    // The intake job reads it in a worker thread.
    await expect
      .poll(async () => (await suite.server.database.handle.db.selectFrom("mail_messages").select("id").where("state", "=", "received").execute()).length, { timeout: 20_000 })
      .toBe(0);
  };

  it("assigns a waiting mail to a relation, which then shows it among its contact moments", async () => {
    const relationId = await seedRelation(suite.server, { name: "Bakkerij De Korrel", status: "prospect", statusReason: "Eerste gesprek" });
    const { page } = await open();
    await logInAs(page, USER, LANDING.field_sales);

    await page.goto("/account");
    await page.getByRole("heading", { name: "Mail loggen" }).waitFor();
    await page.getByRole("button", { name: "Logadres maken" }).click();
    const field = page.getByRole("textbox", { name: "Je logadres" });
    await field.waitFor();
    const address = await field.inputValue();
    expect(address).toMatch(new RegExp(`^log\\+[a-z2-7]{24}@${DOMAIN.replaceAll(".", "\\.")}$`));

    await sendMail(address, "Kennismaking De Korrel", "Goedemiddag,\n\n<b>Zoals besproken</b> stuur ik de brochure.");
    await page.goto("/inbox");
    await page.getByRole("heading", { name: "Inbox", level: 1 }).waitFor();
    const card = page.getByTestId("inbox-mail");
    await card.getByRole("heading", { name: "Kennismaking De Korrel" }).waitFor();
    await card.getByText("Geen contactpersoon gevonden").waitFor();
    // Plain text: the tags are shown as typed, not rendered.
    await card.getByText("<b>Zoals besproken</b>", { exact: false }).waitFor();
    expect(await card.locator("b").count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    // Polled: the shell's navigation settles a moment after the window narrows.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, "mail-inbox-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await card.getByRole("combobox", { name: "Relatie" }).fill("Korrel");
    await page.getByRole("option", { name: /Bakkerij De Korrel/ }).click();
    await card.getByRole("button", { name: "Koppelen" }).click();
    await page.getByTestId("inbox-empty").waitFor();
    // …and is listed under "Laatst gelogd" with a link to the relation.
    await page.getByTestId("inbox-logged").getByRole("link", { name: "Bakkerij De Korrel" }).waitFor();

    await page.goto("/account");
    await page.getByRole("textbox", { name: "Je logadres" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "mail-log-address-1280.png"), fullPage: true });
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("heading", { name: "Contactmomenten", level: 2 }).waitFor();
    await page.getByText("Kennismaking De Korrel").first().waitFor();
    await closePage();
  });
});
