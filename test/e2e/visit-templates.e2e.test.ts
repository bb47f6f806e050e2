// The company's visit templates in a real browser: a sales manager adds a template for first visits
// to care institutions (SBI section R) — first without the keyword of an internal objective, which is
// refused at that field — and a field rep preparing a first visit to a nursing home finds it proposed
// with its objective and keywords, while the editor stays usable at 390 px.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const MANAGER = { email: "mia.manager@koers.test", name: "Mia Manager", password: "manager horse battery" } as const;
const SHOTS = join(PROJECT_ROOT, "test-results", "visit-templates");
const NAME = "Zorginstelling — eerste bezoek";

describe("visit templates in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("a manager adds an industry template and a rep's first visit to that industry proposes it", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { server } = suite;
    await addUser(server.database.handle.db, { ...MANAGER, role: "sales_manager", rayonNames: [] }, new Date());

    const { page } = await open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("link", { name: "Bezoeksjablonen" }).click();
    await page.getByRole("heading", { name: "Bezoeksjablonen" }).waitFor();
    expect(await page.getByTestId("template-general").textContent()).toContain("Elk soort bezoek");
    expect(await page.getByTestId("template-cleaning").textContent()).toContain("Eerste bezoek");

    await page.getByRole("button", { name: "Nieuw sjabloon" }).click();
    const dialog = page.getByRole("dialog", { name: "Nieuw sjabloon" });
    await dialog.getByRole("textbox", { name: "Naam", exact: true }).fill(NAME);
    await dialog.getByRole("combobox", { name: "Soort bezoek" }).click();
    await page.getByRole("option", { name: "Eerste bezoek" }).click();
    await page.keyboard.press("Escape");
    await dialog.getByRole("combobox", { name: "Branches (SBI-secties)" }).fill("gezond");
    await page.getByRole("option", { name: /^R – Gezondheids/ }).click();
    await page.keyboard.press("Escape");
    await dialog.getByTestId("template-objective-0").getByRole("textbox", { name: "Doelstelling" }).fill("Kennismaken en de hygiëne-eisen van de instelling leren kennen");
    await dialog.getByRole("button", { name: "Doelstelling toevoegen" }).click();
    await dialog.getByTestId("template-objective-1").getByRole("textbox", { name: "Doelstelling" }).fill("Hygiëne-eisen en audits van de instelling");
    const keywords = dialog.getByRole("combobox", { name: "Trefwoorden van het bezoek" });
    await keywords.fill("HACCP");
    await keywords.press("Enter");
    await keywords.fill("afdelingen");
    await keywords.press("Enter");

    // An internal objective without its keyword is refused at that field; nothing is stored.
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.getByText("Een interne doelstelling heeft het trefwoord nodig").waitFor();
    await dialog.getByTestId("template-objective-1").getByRole("textbox", { name: "Trefwoord" }).fill("hyg");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("Opgeslagen").waitFor();
    const card = page.locator("[data-testid^=template-t]");
    await expect.poll(async () => (await card.textContent()) ?? "").toContain(NAME);
    expect(await card.textContent()).toContain("SBI-secties R");
    expect(await card.textContent()).toContain("1 interne doelstellingen · 2 trefwoorden");

    // At phone width the editor fills the screen and nothing runs off it.
    await page.setViewportSize({ width: 390, height: 844 });
    await card.getByRole("button", { name: `Sjabloon ${NAME} bewerken` }).click();
    const edit = page.getByRole("dialog", { name: "Sjabloon bewerken" });
    await edit.getByRole("textbox", { name: "Naam", exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "editor-390.png") });
    await edit.getByRole("button", { name: "Annuleren" }).click();
    await closePage();

    // The rep prepares a first visit to a nursing home (SBI 8710, section R).
    const relationId = await seedRelation(server, { name: "Zorgcentrum De Linde", status: "prospect", statusReason: "Beurs", sbiCodes: ["8710"], visitStreet: "Damrak", visitHouseNumber: "5", visitPostcode: "1012 LG", visitCity: "Amsterdam" });
    const start = new Date(Date.now() + 26 * 3_600_000);
    start.setUTCMinutes(0, 0, 0);
    const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "first_visit", start: start.toISOString(), durationMinutes: 60 } });
    expect(planned.statusCode, planned.body).toBe(201);
    const rep = await open();
    await logInAs(rep.page, USER, LANDING.field_sales);
    await rep.page.goto(`/agenda/${planned.json().id}/voorbereiding`);
    await rep.page.getByRole("heading", { name: "Voorbereiding: Zorgcentrum De Linde", level: 1 }).waitFor();
    expect(await rep.page.getByRole("checkbox", { name: NAME }).isChecked()).toBe(true);
    expect(await rep.page.getByTestId("prep-keywords").getByRole("checkbox", { name: "HACCP" }).count()).toBe(1);
    expect(await rep.page.getByTestId("prep-objectives").locator("input").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toContain("hyg");
    await rep.page.screenshot({ path: join(SHOTS, "sheet-1280.png"), fullPage: true });
    await closePage();
  }, 120_000);
});
