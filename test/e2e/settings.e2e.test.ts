// The administrator's settings page in a real browser: an admin changes the chance threshold of the
// quote advice, saves, reloads the page and reads the stored value back; a rep gets no nav entry.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, LANDING, launchBrowser, logIn, logInAs, pageTracker, startServer } from "./support.js";

const ADMIN = { email: "beheer@koers.test", name: "Bea Beheer", password: "another horse battery" } as const;

describe("settings in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  const pages = pageTracker(
    () => browser,
    () => server.url,
  );

  beforeAll(async () => {
    server = await startServer();
    // The seeded e2e user is a field rep; settings are for administrators.
    await addUser(server.database.handle.db, { ...ADMIN, role: "admin", rayonNames: [] }, new Date());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin changes the chance threshold and sees it again after a reload", async () => {
    const { page } = await pages.open();
    await logInAs(page, ADMIN, LANDING.admin);
    await page.getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("heading", { name: "Instellingen", level: 1 }).waitFor();
    const threshold = page.getByLabel("Drempel slagingskans");
    await threshold.fill("150");
    await page.getByRole("button", { name: "Offerteadvies opslaan" }).click();
    await page.getByText("Vul een heel getal van 0 tot en met 100 in").waitFor();
    await threshold.fill("42");
    await page.getByRole("button", { name: "Offerteadvies opslaan" }).click();
    await page.getByText("Opgeslagen").waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel("Drempel slagingskans").inputValue()).toBe("42 %");
    expect(await pages.close()).toEqual([]);
  }, 60_000);

  it("a field rep has no settings entry and reads a refusal on /settings", async () => {
    const { page } = await pages.open();
    await logIn(page);
    expect(await page.getByRole("link", { name: "Instellingen" }).count()).toBe(0);
    await page.goto("/settings");
    await page.getByText("Je rol staat dit niet toe.").waitFor();
    expect(await pages.close()).toEqual([]);
  }, 60_000);
});
