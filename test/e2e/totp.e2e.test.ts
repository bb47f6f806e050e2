// Two-step verification in a real browser: an administrator sets it up on "Mijn account" from the
// key under the QR code, logs in again with password and code (a wrong code is refused), requires it
// of every administrator, and a second administrator is then kept on the set-up page until done.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { browserSuite } from "./support.js";

const BOSS = { email: "bea.beheer@koers.test", name: "Bea Beheer", password: "another horse battery" } as const;
const SECOND = { email: "ben.beheer@koers.test", name: "Ben Beheer", password: "yet another horse" } as const;
const SHOTS = join(tmpdir(), "koers-screenshots");

/** The code the app shows half a minute from now: a step ahead, which the server allows for drift. */
const nextCode = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + 30_000 });

async function fillLogin(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

describe("two-step verification in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("is set up on the account page, asked at login, and required of administrators by the company", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const now = new Date();
    await addUser(suite.server.database.handle.db, { ...BOSS, role: "admin", rayonNames: [] }, now);
    await addUser(suite.server.database.handle.db, { ...SECOND, role: "admin", rayonNames: [] }, now);

    let { page } = await open();
    await fillLogin(page, BOSS);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto("/account");
    await page.getByRole("heading", { name: "Tweestapsverificatie" }).waitFor();
    await page.getByRole("button", { name: "Tweestapsverificatie instellen" }).click();
    await page.getByRole("img", { name: "QR-code voor de authenticator-app" }).waitFor();
    const secret = ((await page.locator("code").first().textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: join(SHOTS, "totp-setup-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "totp-setup-390.png"), fullPage: true });
    // Polled: the shell's navigation settles a moment after the window narrows.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Code uit de app").fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
    await page.getByRole("button", { name: "Bevestigen en aanzetten" }).click();
    await page.getByText(/^Aan sinds /).waitFor();
    await closePage();

    // Logging in again: the password alone is not enough any more.
    ({ page } = await open());
    await fillLogin(page, BOSS);
    const codeField = page.getByLabel("Code uit je authenticator-app");
    await codeField.waitFor();
    const good = nextCode(secret);
    await codeField.fill(good === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("alert").filter({ hasText: "Die code klopt niet" }).waitFor();
    await codeField.fill(good);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");

    // The company now requires it of every administrator.
    await page.goto("/settings/company");
    await page.getByLabel("Statutaire naam").fill("Glansrijk Schoonmaak B.V.");
    await page.getByLabel("Tweestapsverificatie verplicht voor beheerders").check();
    await page.getByRole("button", { name: "Bedrijfsgegevens opslaan" }).click();
    await page.getByText("Opgeslagen").first().waitFor();
    await closePage();

    // The second administrator has none: only the set-up page works until it is done.
    ({ page } = await open());
    await fillLogin(page, SECOND);
    await page.waitForURL((url) => url.pathname === "/account");
    await page.getByRole("alert").filter({ hasText: "Het bedrijf verplicht tweestapsverificatie" }).waitFor();
    await page.goto("/relations");
    await page.waitForURL((url) => url.pathname === "/account");
    await page.getByRole("button", { name: "Tweestapsverificatie instellen" }).click();
    const secondSecret = ((await page.locator("code").first().textContent()) ?? "").replace(/\s+/g, "");
    await page.getByLabel("Code uit de app").fill(TOTP.generate({ secret: Secret.fromBase32(secondSecret) }));
    await page.getByRole("button", { name: "Bevestigen en aanzetten" }).click();
    await page.getByText(/^Aan sinds /).waitFor();
    await page.getByText("uitzetten kan niet").waitFor();
    await page.goto("/relations");
    await page.getByRole("heading", { name: "Relaties", level: 1 }).waitFor();
    await closePage();
  });
});
