// The agenda in a real browser against a real server: inside sales plans a first visit for a field
// rep of its rayon, drags it an hour later in the week view, and the rep finds it in the agenda (with
// who planned it) and on "Mijn dag" beside the follow-ups of the coming days — at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/calendar.js";
import { addUser } from "../../src/features/users/user.service.js";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { amsterdamDate } from "../../src/server/time.js";
import { type E2eServer, LANDING, launchBrowser, logInAs, seedRelation, startServer, USER } from "./support.js";

const INSIDE = { email: "ilse.binnendienst@koers.test", name: "Ilse Binnendienst", password: "correct horse battery" } as const;
const RELATION = "Schoonmaakbedrijf De Zonnebloem";
const DEAD = "Wanbetaler Oost BV";
const SHOTS = join(PROJECT_ROOT, "test-results", "agenda");

const overflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

describe("the agenda in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  const problems: string[] = [];
  /** The page of the running test, photographed when it fails. */
  let failed: Page | null = null;
  const today = amsterdamDate(new Date());

  async function open(width: number, height: number) {
    // Amsterdam time in the browser, as for the Dutch users.
    const context = await browser.newContext({ baseURL: server.url, viewport: { width, height }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    return { context, page };
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    await addUser(server.database.handle.db, { ...INSIDE, role: "inside_sales", rayonNames: ["Noord-Holland"] }, new Date());
    const relationId = await seedRelation(server, { name: RELATION, visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam", status: "prospect" });
    await seedRelation(server, { name: DEAD, visitCity: "Zwolle", status: "dead", statusReason: "Betaalt niet" });
    await server.app.inject({ method: "POST", url: `/api/relations/${relationId}/persons`, headers: server.headers, payload: { firstName: "Jan", lastName: "Jansen", gender: "m" } });
    const followUp = await server.app.inject({ method: "POST", url: `/api/relations/${relationId}/followups`, headers: server.headers, payload: { action: "Referentie opsturen", dueDate: addDays(today, 2) } });
    expect(followUp.statusCode).toBe(201);
    browser = await launchBrowser();
  });

  afterEach(async (test) => {
    if (test.task.result?.state === "fail" && failed) await failed.screenshot({ path: join(SHOTS, `failed-${test.task.name.slice(0, 20)}.png`), fullPage: true }).catch(() => {});
    failed = null;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets inside sales plan a first visit for the rep and move it by dragging", async () => {
    const { context, page } = await open(1280, 900);
    failed = page;
    await logInAs(page, INSIDE, LANDING.inside_sales);
    await page.getByRole("link", { name: "Agenda", exact: true }).click();
    await page.getByRole("heading", { name: "Agenda", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Nieuwe afspraak" }).click();
    const form = page.getByRole("form", { name: "Afspraak plannen" });
    await form.getByRole("combobox", { name: /^Relatie/ }).fill("Zonnebloem");
    await page.getByRole("option", { name: new RegExp(RELATION) }).click();
    await form.getByRole("combobox", { name: /^Agenda van/ }).click();
    await page.getByRole("option", { name: USER.name }).click();
    await form.getByLabel("Begintijd").fill("10:00");
    // The date is today's, shown as dd-mm-jjjj.
    const [y, m, d] = today.split("-");
    await expect.poll(() => form.getByRole("button", { name: /Datum/ }).textContent()).toContain(`${d}-${m}-${y}`);
    await form.getByRole("button", { name: "Plannen" }).click();
    await page.getByText("Afspraak gepland").waitFor();

    const card = page.locator("[data-testid^=appointment-]").filter({ hasText: RELATION });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain("10:00–11:00");
    await page.dragAndDrop(`[data-testid^=appointment-]:has-text("${RELATION}")`, `[data-slot="${today}T11"]`);
    await page.getByText("Afspraak verplaatst").waitFor();
    await expect.poll(() => card.textContent()).toContain("11:00–12:00");
    await page.screenshot({ path: join(SHOTS, "agenda-week-1280.png"), fullPage: true });
    await context.close();
  });

  it("shows the rep the visit in the agenda with who planned it, and on Mijn dag, also on a phone", async () => {
    const { context, page } = await open(1280, 900);
    failed = page;
    await logInAs(page, USER, LANDING.field_sales);
    await page.goto(`/agenda?view=day&date=${today}`);
    const card = page.locator("[data-testid^=appointment-]").filter({ hasText: RELATION });
    await expect.poll(() => card.textContent()).toContain("11:00–12:00");
    await card.getByRole("button").click();
    const dialog = page.getByRole("dialog", { name: "Afspraak" });
    await expect.poll(() => dialog.textContent()).toContain("gepland door Ilse Binnendienst");
    await expect.poll(() => dialog.textContent()).toContain("Damrak 1, 1012 LG Amsterdam");
    await expect.poll(() => dialog.textContent()).toContain("Eerste bezoek");
    await page.keyboard.press("Escape");

    await page.getByRole("link", { name: "Mijn dag" }).click();
    const todays = page.getByRole("region", { name: "Afspraken", exact: true });
    await expect.poll(() => todays.textContent()).toContain(RELATION);
    await expect.poll(() => todays.textContent()).toContain("11:00–12:00");
    const upcoming = page.getByRole("region", { name: /Komende 7 dagen/ });
    await expect.poll(() => upcoming.textContent()).toContain("Referentie opsturen");
    await page.screenshot({ path: join(SHOTS, "myday-1280.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => todays.textContent()).toContain(RELATION);
    let size = await overflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: join(SHOTS, "myday-390.png"), fullPage: true });

    await page.goto(`/agenda?view=week&date=${today}`);
    await expect.poll(() => page.locator("[data-testid^=appointment-]").filter({ hasText: RELATION }).textContent()).toContain("11:00–12:00");
    size = await overflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: join(SHOTS, "agenda-week-390.png"), fullPage: true });
    // On a phone the visit is moved from its details.
    await page.locator("[data-testid^=appointment-]").filter({ hasText: RELATION }).getByRole("button").click();
    await page.getByRole("button", { name: "Verplaatsen" }).click();
    await page.getByLabel("Begintijd").fill("14:30");
    await page.getByRole("button", { name: "Verplaats", exact: true }).click();
    await page.getByText("Afspraak verplaatst").waitFor();
    await expect.poll(() => page.locator("[data-testid^=appointment-]").filter({ hasText: RELATION }).textContent()).toContain("14:30–15:30");
    size = await overflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    await page.screenshot({ path: join(SHOTS, "agenda-moved-390.png"), fullPage: true });
    await context.close();
  });

  it("warns about an overlap by name and refuses a dead relation with a clear message", async () => {
    const { context, page } = await open(1280, 900);
    failed = page;
    await logInAs(page, USER, LANDING.field_sales);
    await page.goto(`/agenda?view=week&date=${today}`);
    const plan = async (relation: string, search: string, time: string) => {
      await page.getByRole("button", { name: "Nieuwe afspraak" }).click();
      const form = page.getByRole("form", { name: "Afspraak plannen" });
      await form.getByRole("combobox", { name: /^Relatie/ }).fill(search);
      await page.getByRole("option", { name: new RegExp(relation) }).click();
      await form.getByLabel("Begintijd").fill(time);
      await form.getByRole("button", { name: "Plannen" }).click();
      return form;
    };
    const form = await plan(DEAD, "Wanbetaler", "09:00");
    await form.getByText("Deze relatie is vervallen (dood): hiermee worden geen afspraken gemaakt").waitFor();
    await form.getByRole("button", { name: "Annuleren" }).click();

    // The visit moved to 14:30–15:30 above; one at 15:00 overlaps it.
    await plan(RELATION, "Zonnebloem", "15:00");
    await page.getByText(`Overlapt met de afspraak bij ${RELATION}`).first().waitFor();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.screenshot({ path: join(SHOTS, "agenda-warnings-1280.png"), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });
});
