// Users and access in a real browser: an administrator adds a field rep, starts a password link
// (no mail server here, so the link is shown to pass on), the rep opens it, chooses a password and
// logs in; deactivating the rep ends the rep's open session at once. Screenshots at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/features/auth/session.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { type E2eServer, LANDING, launchBrowser, logInAs, openPage, startServer } from "./support.js";

const ADMIN = { email: "beheer@koers.test", name: "Bea Beheer", password: "another horse battery" } as const;
const REP = { email: "rob.rep@koers.test", name: "Rob Rep", password: "rob zijn eigen wachtwoord" } as const;
const SHOTS = join(tmpdir(), "koers-screenshots");

/** Types a time into a 24-hour picker (hours and minutes fields). */
async function setTime(scope: Locator, field: string, hours: string, minutes: string): Promise<void> {
  await scope.getByLabel(`${field}: uren`).fill(hours);
  await scope.getByLabel(`${field}: minuten`).fill(minutes);
}

/** No element sticks out to the right of the window (phone width). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("users and access in the browser", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const { id } = await addUser(server.database.handle.db, { ...ADMIN, role: "admin", rayonNames: [] }, new Date());
    await createApiToken(server.database.handle.db, id, "Boekhouding-koppeling", new Date());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin adds a rep and gives a password link; the rep chooses a password, logs in, and is logged out by a deactivation", async () => {
    const admin = await openPage(browser, server.url);
    const page = admin.page;
    await logInAs(page, ADMIN, LANDING.admin);
    await page.getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("link", { name: "Gebruikers en toegang" }).click();
    await page.getByRole("heading", { name: "Gebruikers", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    const dialog = page.getByRole("dialog", { name: "Nieuwe gebruiker" });
    await dialog.getByLabel("Naam").fill(REP.name);
    await dialog.getByLabel("E-mailadres").fill(REP.email);
    await dialog.getByLabel("Rayons").click();
    await page.getByRole("option", { name: "Noord-Holland" }).click();
    await dialog.getByLabel("Postcode").fill("1621 AB");
    await dialog.getByLabel("Plaats").fill("Hoorn");
    await setTime(dialog, "Werkdag begint", "17", "00");
    await setTime(dialog, "Werkdag eindigt", "08", "00");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.getByText("Het einde van de werkdag moet na het begin liggen").waitFor();
    await setTime(dialog, "Werkdag begint", "07", "30");
    await setTime(dialog, "Werkdag eindigt", "16", "30");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByRole("row", { name: new RegExp(REP.name) });
    await row.getByText("Nog geen wachtwoord").waitFor();
    await row.getByText("Noord-Holland").waitFor();
    await row.getByText("07:30–16:30").waitFor();

    // The same e-mail address twice is refused with a Dutch message on the field.
    await page.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    await dialog.getByLabel("Naam").fill("Rob de Tweede");
    await dialog.getByLabel("E-mailadres").fill(REP.email.toUpperCase());
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.getByText("Dit e-mailadres is al in gebruik").waitFor();
    await dialog.getByRole("button", { name: "Annuleren" }).click();

    await page.screenshot({ path: join(SHOTS, "users-1280.png"), fullPage: true });

    await row.getByRole("button", { name: `Acties voor ${REP.name}` }).click();
    await page.getByRole("menuitem", { name: "Wachtwoordlink maken" }).click();
    const linkDialog = page.getByRole("dialog", { name: `Wachtwoordlink voor ${REP.name}` });
    await linkDialog.getByText("Er is geen mailserver ingesteld").waitFor();
    const link = await linkDialog.getByLabel("Wachtwoordlink").inputValue();
    expect(link).toMatch(/\/wachtwoord-kiezen#token=[\w-]{40,}$/);
    await page.screenshot({ path: join(SHOTS, "users-link-1280.png") });
    await linkDialog.getByRole("button", { name: "Sluiten" }).click();

    // The rep, in a browser of their own, at phone width.
    const rep = await openPage(browser, server.url);
    await rep.page.setViewportSize({ width: 390, height: 844 });
    await rep.page.goto(link);
    await rep.page.getByRole("heading", { name: "Kies je wachtwoord" }).waitFor();
    await rep.page.getByText(`Voor ${REP.name} (${REP.email}).`).waitFor();
    await rep.page.getByLabel("Nieuw wachtwoord").fill("kort");
    await rep.page.getByLabel("Herhaal wachtwoord").fill("kort");
    await rep.page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await rep.page.getByText("Gebruik minstens 8 tekens").waitFor();
    await rep.page.screenshot({ path: join(SHOTS, "password-link-390.png"), fullPage: true });
    expect(await horizontalOverflow(rep.page)).toBeLessThanOrEqual(0);
    await rep.page.getByLabel("Nieuw wachtwoord").fill(REP.password);
    await rep.page.getByLabel("Herhaal wachtwoord").fill(REP.password);
    await rep.page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
    await rep.page.getByText("Je wachtwoord is opgeslagen").waitFor();
    await rep.page.getByRole("link", { name: "Naar inloggen" }).click();
    await logInAs(rep.page, REP, LANDING.field_sales);

    // The link works once.
    const again = await openPage(browser, server.url);
    await again.page.goto(link);
    await again.page.getByText("Deze link is verlopen of al gebruikt").waitFor();
    await again.context.close();

    // The admin list now shows the rep with a password; the phone layout shows cards, nothing sticks out.
    await page.reload();
    await row.getByText("Buitendienst").waitFor();
    expect(await row.getByText("Nog geen wachtwoord").count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText(REP.email).last().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "users-390.png"), fullPage: true });
    await page.getByRole("button", { name: `Acties voor ${REP.name}` }).last().click();
    await page.getByRole("menuitem", { name: "Bewerken" }).click();
    const edit = page.getByRole("dialog", { name: `${REP.name} bewerken` });
    expect(await edit.getByLabel("Postcode").inputValue()).toBe("1621 AB");
    await page.screenshot({ path: join(SHOTS, "user-form-390.png") });
    await edit.getByRole("button", { name: "Annuleren" }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    await row.getByRole("button", { name: `Acties voor ${REP.name}` }).click();
    await page.getByRole("menuitem", { name: "Deactiveren" }).click();
    const confirm = page.getByRole("dialog", { name: `${REP.name} deactiveren?` });
    await confirm.getByRole("button", { name: "Deactiveren" }).click();
    await page.getByText(`${REP.name} is gedeactiveerd`).waitFor();
    await row.getByText("Gedeactiveerd").waitFor();

    // The rep's open page (Mijn dag, where a rep lands): the next request is refused and Koers asks to log in again.
    await rep.page.getByRole("button", { name: "Navigatie tonen of verbergen" }).click();
    await rep.page.getByRole("link", { name: "Relaties" }).click();
    await rep.page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    const refused = await rep.page.evaluate(async () => (await fetch("/api/session")).status);
    expect(refused).toBe(401);

    expect(admin.problems).toEqual([]);
    expect(rep.problems).toEqual([]);
    await rep.context.close();
    await admin.context.close();
  }, 120_000);

  it("the last administrator cannot deactivate themself", async () => {
    const admin = await openPage(browser, server.url);
    await logInAs(admin.page, ADMIN, LANDING.admin);
    await admin.page.goto("/settings/users");
    const row = admin.page.getByRole("row", { name: new RegExp(ADMIN.name) });
    await row.getByRole("button", { name: `Acties voor ${ADMIN.name}` }).click();
    await admin.page.getByRole("menuitem", { name: "Deactiveren" }).click();
    await admin.page.getByRole("dialog").getByRole("button", { name: "Deactiveren" }).click();
    await admin.page.getByRole("dialog").getByText("Koers heeft minstens één actieve beheerder nodig").waitFor();
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  }, 60_000);

  it("a user changes their own password on Mijn account and sees their API tokens", async () => {
    const user = await openPage(browser, server.url);
    await logInAs(user.page, ADMIN, LANDING.admin);
    await user.page.getByRole("button", { name: /Gebruikersmenu/ }).click();
    await user.page.getByRole("menuitem", { name: "Mijn account" }).click();
    await user.page.getByRole("heading", { name: "Mijn account", level: 1 }).waitFor();
    await user.page.getByLabel("Huidig wachtwoord").fill("niet mijn wachtwoord");
    await user.page.getByLabel(/^Nieuw wachtwoord/).fill("een nieuw beheerwachtwoord");
    await user.page.getByLabel("Herhaal nieuw wachtwoord").fill("een nieuw beheerwachtwoord");
    await user.page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await user.page.getByText("Dit is niet je huidige wachtwoord").waitFor();
    await user.page.getByLabel("Huidig wachtwoord").fill(ADMIN.password);
    await user.page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await user.page.getByText("Je wachtwoord is gewijzigd").waitFor();
    const token = user.page.getByRole("region", { name: "Boekhouding-koppeling" }).or(user.page.locator('[aria-label="Boekhouding-koppeling"]'));
    await token.getByText("Laatst gebruikt: Nooit").waitFor();
    await user.page.setViewportSize({ width: 390, height: 844 });
    await user.page.screenshot({ path: join(SHOTS, "account-390.png"), fullPage: true });
    expect(await horizontalOverflow(user.page)).toBeLessThanOrEqual(0);
    await user.page.setViewportSize({ width: 1280, height: 900 });
    await user.page.getByRole("button", { name: "Token Boekhouding-koppeling intrekken" }).click();
    await user.page.getByText("Token Boekhouding-koppeling is ingetrokken en werkt niet meer.").waitFor();
    await token.getByText("Ingetrokken").waitFor();
    // This session stays.
    await user.page.getByRole("link", { name: "Relaties" }).click();
    await user.page.getByRole("heading", { name: "Relaties", level: 1 }).waitFor();
    expect(user.problems).toEqual([]);
    await user.context.close();
  }, 60_000);
});
