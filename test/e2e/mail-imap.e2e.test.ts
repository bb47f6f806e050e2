// The administrator reads how the IMAP mailbox is read, in a real browser: Koers is set to read a
// mailbox on a port where no server listens, the schedule's first run fails, and Instellingen shows
// the error in Dutch words (from its problem code), when the next try comes (the back-off), and the settings without the password.
import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, LANDING, launchBrowser, logInAs, pageTracker, startServer } from "./support.js";

const ADMIN = { email: "beheer@koers.test", name: "Bea Beheer", password: "another horse battery" } as const;
const PASSWORD = "mailbox-secret-42";

/** A loopback port nobody listens on (taken and given back). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("the IMAP mailbox's status for the administrator", () => {
  let server: E2eServer;
  let browser: Browser;
  let port: number;
  const pages = pageTracker(
    () => browser,
    () => server.url,
  );

  beforeAll(async () => {
    port = await closedPort();
    server = await startServer({
      KOERS_MAIL_LOG_DOMAIN: "mail.koers.test",
      KOERS_MAIL_IMAP_HOST: "127.0.0.1",
      KOERS_MAIL_IMAP_PORT: String(port),
      KOERS_MAIL_IMAP_TLS: "0",
      KOERS_MAIL_IMAP_USER: "koers-log",
      KOERS_MAIL_IMAP_PASSWORD: PASSWORD,
    });
    await addUser(server.database.handle.db, { ...ADMIN, role: "admin", rayonNames: [] }, new Date());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the last error and the next try in Instellingen, never the password", async () => {
    // The schedule queued a run at start; it fails (nobody listens) and backs off.
    await expect
      .poll(async () => (await server.database.handle.db.selectFrom("mail_imap_cursors").select("failures").executeTakeFirst())?.failures ?? 0, { timeout: 90_000, interval: 250 })
      .toBeGreaterThan(0);
    const { page } = await pages.open();
    await logInAs(page, ADMIN, LANDING.admin);
    const section = page.getByRole("region", { name: "E-mail uit een IMAP-mailbox" });
    await section.waitFor();
    const alert = section.getByRole("alert");
    await alert.getByText("Lezen mislukt").waitFor();
    // In Dutch, from the problem code; the server's (system's) own words only as the detail.
    await alert.getByText(`Koers kan de IMAP-server 127.0.0.1:${port} niet bereiken`, { exact: false }).waitFor();
    await alert.getByText("Melding van de server: ECONNREFUSED").waitFor();
    expect(await alert.textContent()).not.toContain("cannot reach");
    await alert.getByText(/^Volgende poging niet voor \d{2}-\d{2}-\d{4}/).waitFor();
    await section.getByText("STARTTLS verplicht (zonder STARTTLS geen aanmelding)").waitFor();
    await section.getByText(`127.0.0.1:${port}`, { exact: true }).waitFor();
    expect(await page.content()).not.toContain(PASSWORD);
    // No console error or failed request on the way.
    expect(await pages.close()).toEqual([]);
  }, 150_000);
});
