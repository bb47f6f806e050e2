// Visit preparation in a real browser: the rep opens today's first visit from "Mijn dag", finds the
// sheet filled in from what Koers knows, adds an objective with its keyword and SMART letters, ticks a
// keyword, saves, prints it (Chromium's page.pdf: one or two A4 pages that carry the relation and the
// objectives, read back from the PDF's text) and afterwards reports the visit, which makes the
// contact moment on the relation and a follow-up on "Mijn dag" — also at 390 px.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/calendar.js";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { amsterdamDate } from "../../src/server/time.js";
import { pdfText } from "./pdf-text.js";
import { browserSuite, logIn, seedRelation } from "./support.js";

const RELATION = "Kantoorpand De Vaart BV";
const SHOTS = join(PROJECT_ROOT, "test-results", "preparation");

function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

describe("visit preparation in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("prepares a first visit, prints it on A4 and reports it afterwards", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { server } = suite;
    const relationId = await seedRelation(server, { name: RELATION, status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam", website: "https://devaart.example" });
    const person = await server.app.inject({ method: "POST", url: `/api/relations/${relationId}/persons`, headers: server.headers, payload: { firstName: "Jan", lastName: "Jansen", gender: "m", jobTitle: "Office manager", dmuRoles: ["decider"] } });
    // One of its own customers is our customer too: a reference, with the person who may be called.
    const referenceId = await seedRelation(server, { name: "Bakkerij Referentie", status: "customer", statusReason: "Eerste factuur", visitCity: "Haarlem" });
    const caller = await server.app.inject({ method: "POST", url: `/api/relations/${referenceId}/persons`, headers: server.headers, payload: { firstName: "Els", lastName: "Bakker", phoneDirect: "023 555 1234" } });
    const linked = await server.app.inject({ method: "POST", url: `/api/relations/${relationId}/customers`, headers: server.headers, payload: { customerId: referenceId, referencePersonId: caller.json().id } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(person.statusCode).toBe(201);
    // Started half an hour ago, so it is today's and can be reported now.
    const start = new Date(Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000);
    const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "first_visit", personIds: [person.json().id], start: start.toISOString(), durationMinutes: 60 } });
    expect(planned.statusCode, planned.body).toBe(201);
    const appointmentId = planned.json().id as number;
    const today = amsterdamDate(new Date());

    const { page } = await open();
    await logIn(page);
    if (amsterdamDate(start) === today) {
      await page.getByRole("link", { name: "Mijn dag" }).click();
      await page.getByTestId(`myday-appointment-${appointmentId}`).getByRole("link", { name: "Voorbereiden" }).click();
    } else {
      await page.goto(`/agenda/${appointmentId}/voorbereiding`);
    }
    await page.getByRole("heading", { name: `Voorbereiding: ${RELATION}`, level: 1 }).waitFor();
    await expect.poll(async () => (await page.getByTestId("prep-sales").textContent()) ?? "").toContain("Nog geen verkoopcijfers");
    expect(await page.getByTestId("prep-persons").textContent()).toContain("Office manager");
    expect(await page.getByTestId("prep-method").textContent()).toContain("Behoeftegericht");
    expect(await page.getByTestId("prep-company").textContent()).toContain("https://devaart.example");
    const references = (await page.getByTestId("prep-references").textContent()) ?? "";
    expect(references).toContain("Bakkerij Referentie");
    expect(references).toContain("Bellen: Els Bakker");
    expect(references).toContain("023 555 1234");

    // An objective of our own, beside the templates', with its keyword and all of SMART.
    await page.getByRole("button", { name: "Interne doelstelling toevoegen" }).click();
    const objectives = page.getByTestId("prep-objectives");
    const last = objectives.locator("[data-testid^=objective-]").last();
    await last.getByRole("textbox", { name: /— Doelstelling$/ }).fill("Aantal vestigingen in de regio");
    await last.getByRole("textbox", { name: /— Trefwoord$/ }).fill("vest. regio");
    for (const letter of ["S", "M", "A", "R", "T"]) await last.getByText(letter, { exact: true }).click();
    await page.getByTestId("prep-keywords").getByRole("checkbox", { name: "pres-bedr" }).check();
    await expect.poll(async () => (await page.getByTestId("prep-warnings").textContent()) ?? "").toContain("Nog niet alle letters van SMART");
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByText("Voorbereiding opgeslagen").waitFor();
    await page.screenshot({ path: join(SHOTS, "sheet-1280.png"), fullPage: true });

    // "Afdrukken" opens the browser's print dialog; here the sheet is printed to PDF as Ctrl+P would.
    await page.evaluate(() => {
      (window as unknown as { printed: boolean }).printed = false;
      window.print = () => {
        (window as unknown as { printed: boolean }).printed = true;
      };
    });
    await page.getByRole("button", { name: "Afdrukken" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Voorbereiding opslaan" }).isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    const printed = pdfText(pdf);
    expect(printed).toContain(RELATION);
    expect(printed).toContain("Interne doelstellingen");
    expect(printed).toContain("vest. regio");
    expect(printed).toContain("Aantal vestigingen in de regio");
    expect(printed).toContain("m2 / freq");
    expect(printed).toContain("Visitekaartjes");
    expect(printed).not.toContain("Relaties");
    await page.emulateMedia({ media: "screen" });

    // After the visit: the report, from the sheet.
    await page.getByRole("link", { name: "Verslag na het bezoek" }).click();
    await page.getByRole("heading", { name: `Bezoekverslag: ${RELATION}`, level: 1 }).waitFor();
    const ours = page.locator("[data-testid^=report-objective-]").filter({ hasText: "Aantal vestigingen in de regio" });
    await ours.getByText("Behaald", { exact: true }).click();
    await ours.getByRole("textbox", { name: "Antwoord" }).fill("Drie: Amsterdam, Haarlem, Zaandam");
    await page.getByRole("textbox", { name: "Antwoord bij eisen product" }).fill("Milieuvriendelijke middelen");
    // The cleaning template sends these answers to the relation and the win chance: proposed, ticked.
    const answer = (keyword: string) => page.locator("[data-testid^=report-objective-]").filter({ hasText: `${keyword}:` }).getByRole("textbox", { name: "Antwoord" });
    await answer("lev").fill("Schoon & Co");
    await answer("afl. contr.").fill("31-03-2027");
    await answer("vk%").fill("60%");
    const transfer = page.getByTestId("report-transfer");
    expect(await transfer.getByRole("checkbox", { name: "Huidige leverancier: Schoon & Co" }).isChecked()).toBe(true);
    expect(await transfer.getByRole("checkbox", { name: "Einddatum contract: 31-03-2027" }).isChecked()).toBe(true);
    await page.getByText("Uit het antwoord bij vk%").waitFor();
    // The requirement heard goes onto the relation, where the quote's arguments are matched on it.
    expect(await page.getByTestId("report-requirements").getByRole("checkbox", { name: "Milieuvriendelijke middelen", exact: true }).isChecked()).toBe(true);
    // Heard as a must: a hard requirement, whose arguments come first on the quote.
    await page.getByRole("checkbox", { name: "Milieuvriendelijke middelen is een harde eis" }).check();
    await page.getByLabel("Wat is besproken").fill("Kennismaking, rondleiding door het pand");
    await page.getByLabel("Volgende stap").fill("Offerte voorbereiden");
    await page.getByLabel("Vervolgactie", { exact: true }).fill("Schoonmaakplan opsturen");
    const due = addDays(today, 3);
    await page.getByLabel("Datum vervolgactie").fill(`${due.slice(8, 10)}-${due.slice(5, 7)}-${due.slice(0, 4)}`);
    await page.getByLabel("Datum vervolgactie").press("Tab");
    await page.getByRole("button", { name: "Verslag opslaan" }).click();
    await page.getByTestId("report-done").waitFor();
    expect(await page.getByText("Drie: Amsterdam, Haarlem, Zaandam").count()).toBeGreaterThan(0);
    // The requirements heard go with a new quote (after its advice step) as its notes.
    const quoteLink = await page.getByRole("link", { name: "Offerte starten" }).getAttribute("href");
    const quoteParams = new URL(quoteLink ?? "", "http://koers.test").searchParams;
    expect(quoteParams.get("notes")).toContain("eisen product: Milieuvriendelijke middelen");
    // The chance heard (vk%: 60%) starts the quote advice.
    expect(quoteParams.get("chance")).toBe("60");

    // The contact moment is on the relation, the follow-up on "Mijn dag".
    await page.getByTestId("report-done").getByRole("link", { name: RELATION }).click();
    await page.getByRole("heading", { name: RELATION, level: 1 }).waitFor();
    await expect.poll(() => page.getByText(/vest\. regio: Aantal vestigingen in de regio — behaald/).count()).toBeGreaterThan(0);
    const relation = (await server.app.inject({ method: "GET", url: `/api/relations/${relationId}`, headers: server.headers })).json();
    expect(relation).toMatchObject({ currentSupplier: "Schoon & Co", contractEndDate: "2027-03-31", requirements: [expect.objectContaining({ label: "Milieuvriendelijke middelen", hard: true, kind: "product" })] });
    await page.getByRole("link", { name: "Mijn dag" }).click();
    await expect.poll(() => page.getByText("Schoonmaakplan opsturen").count()).toBeGreaterThan(0);

    // On a phone the sheet and the report fit the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/agenda/${appointmentId}/voorbereiding`, `/agenda/${appointmentId}/verslag`]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.screenshot({ path: join(SHOTS, `${path.split("/").pop()}-390.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await closePage();
  });

  it("asks before leaving a sheet with objectives typed but not saved, and keeps them when the rep stays", async () => {
    const { server } = suite;
    const relationId = await seedRelation(server, { name: "Vergeetachtig BV", status: "prospect", statusReason: "Beurs", visitCity: "Utrecht" });
    const start = new Date(Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000);
    const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "first_visit", start: start.toISOString(), durationMinutes: 60 } });
    expect(planned.statusCode, planned.body).toBe(201);
    const appointmentId = planned.json().id as number;
    const { page } = await open();
    await logIn(page);
    await page.goto(`/agenda/${appointmentId}/voorbereiding`);
    await page.getByRole("heading", { name: "Voorbereiding: Vergeetachtig BV", level: 1 }).waitFor();

    // Typed, not saved: following a link asks first; staying keeps what was typed.
    await page.getByRole("button", { name: "Interne doelstelling toevoegen" }).click();
    const last = page.getByTestId("prep-objectives").locator("[data-testid^=objective-]").last();
    await last.getByRole("textbox", { name: /— Doelstelling$/ }).fill("Wie beslist over de schoonmaak");
    await last.getByRole("textbox", { name: /— Trefwoord$/ }).fill("wie beslist");
    await page.getByRole("link", { name: "Naar de agenda" }).click();
    const dialog = page.getByRole("dialog", { name: "Voorbereiding niet opgeslagen" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("nog niet zijn opgeslagen");
    await dialog.getByRole("button", { name: "Blijven" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(`/agenda/${appointmentId}/voorbereiding`);
    expect(await last.getByRole("textbox", { name: /— Doelstelling$/ }).inputValue()).toBe("Wie beslist over de schoonmaak");

    // Saved, the same link leaves at once, and the objective is on the sheet when the rep comes back.
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByText("Voorbereiding opgeslagen").waitFor();
    await page.getByRole("link", { name: "Naar de agenda" }).click();
    await page.waitForURL((url) => url.pathname === "/agenda");
    await page.goto(`/agenda/${appointmentId}/voorbereiding`);
    await page.getByRole("heading", { name: "Voorbereiding: Vergeetachtig BV", level: 1 }).waitFor();
    const texts = await page.getByTestId("prep-objectives").getByRole("textbox", { name: /— Doelstelling$/ }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(texts).toContain("Wie beslist over de schoonmaak");

    // Typed again and left on purpose: nothing of it is kept.
    await page.getByTestId("prep-objectives").getByRole("textbox", { name: /— Doelstelling$/ }).last().fill("Weggegooid");
    await page.getByRole("link", { name: "Naar de agenda" }).click();
    await page.getByRole("dialog", { name: "Voorbereiding niet opgeslagen" }).getByRole("button", { name: "Weggaan zonder opslaan" }).click();
    await page.waitForURL((url) => url.pathname === "/agenda");
    const sheet = (await server.app.inject({ method: "GET", url: `/api/visit-preparations/${appointmentId}`, headers: server.headers })).json();
    expect(sheet.objectives.map((o: { text: string }) => o.text)).toContain("Wie beslist over de schoonmaak");
    expect(sheet.objectives.map((o: { text: string }) => o.text)).not.toContain("Weggegooid");
    await closePage();
  });

  it("reports a visit for a relation a merge left with more than 30 requirements, saying why the ones heard are not added", async () => {
    const { server } = suite;
    const labels = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Eis ${from + i}`);
    const survivor = await seedRelation(server, { name: "Vol Kantoor BV", status: "prospect", statusReason: "Beurs", visitCity: "Utrecht", requirements: labels(1, 20) });
    const duplicate = await seedRelation(server, { name: "VOL KANTOOR BV", visitCity: "Utrecht", requirements: labels(16, 35) });
    const versionOf = async (id: number) => (await server.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: server.headers })).json().version as number;
    const merged = await server.app.inject({ method: "POST", url: `/api/relations/${survivor}/merge`, headers: server.headers, payload: { duplicateId: duplicate, version: await versionOf(survivor), duplicateVersion: await versionOf(duplicate) } });
    expect(merged.statusCode, merged.body).toBe(200);
    const start = new Date(Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000);
    const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId: survivor, visitType: "first_visit", start: start.toISOString(), durationMinutes: 60 } });
    expect(planned.statusCode, planned.body).toBe(201);
    const appointmentId = planned.json().id as number;

    const { page } = await open();
    await logIn(page);
    await page.goto(`/agenda/${appointmentId}/verslag`);
    await page.getByRole("heading", { name: "Bezoekverslag: Vol Kantoor BV", level: 1 }).waitFor();
    // Never prepared: the sheet is stored first, so the objectives have their place in the report.
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).waitFor({ state: "detached" });
    await page.getByRole("textbox", { name: "Antwoord bij eisen product" }).fill("Snelle service");
    const full = page.getByTestId("report-requirements-full");
    await full.waitFor();
    expect(await full.textContent()).toContain("De relatie heeft al 35 eisen (hoogstens 30");
    expect(await page.getByTestId("report-requirements").getByRole("checkbox", { name: "Snelle service", exact: true }).isDisabled()).toBe(true);
    await page.getByLabel("Wat is besproken").fill("Kennismaking");
    await page.getByRole("button", { name: "Verslag opslaan" }).click();
    await page.getByTestId("report-done").waitFor();
    // The relation keeps its 35; what was heard is in the contact moment.
    const relation = (await server.app.inject({ method: "GET", url: `/api/relations/${survivor}`, headers: server.headers })).json();
    expect(relation.requirements).toHaveLength(35);
    const sheet = (await server.app.inject({ method: "GET", url: `/api/visit-preparations/${appointmentId}`, headers: server.headers })).json();
    const moment = (await server.app.inject({ method: "GET", url: `/api/activities/${sheet.report.activityId}`, headers: server.headers })).json();
    expect(moment.notes).toContain("Snelle service");
    await closePage();
  });
});
