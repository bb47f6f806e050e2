// Rayon planning in a real browser: a sales manager picks a rep, plans his coming two weeks on the
// sub-area days, follows the job (a reload keeps the plan), accepts it, finds the visits in the rep's
// agenda, and opens a day's route with its stops; a visit falls through, the rest of the day is
// re-planned and accepted (an overlap with an appointment the route could not place is said, not
// refused), and the agenda shows the new times — and all of it fits a 390 px phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/calendar.js";
import { createApiToken } from "../../src/features/auth/session.service.js";
import { saveSubAreas, setPostcodeRanges } from "../../src/features/territories/territory.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { amsterdamDate, amsterdamInstant } from "../../src/server/time.js";
import type { Browser } from "playwright-core";
import { type E2eServer, LANDING, launchBrowser, logInAs, pageTracker, seedRelation, startServer } from "./support.js";

const MANAGER = { email: "planner@koers.test", name: "Petra Planner", password: "another horse battery" } as const;
const REP = { email: "rep.amsterdam@koers.test", name: "Ruben Rayon", password: "third horse battery" } as const;
const AREAS = ["1011", "1012", "1013", "1014", "1015", "1016", "1017", "1018", "1019", "1021", "1022", "1023", "1024", "1025", "1031", "1032", "1033", "1034", "1035", "1036"];


describe("rayon planning in the browser", () => {
  let server: E2eServer;
  let browser: Browser;
  const names: string[] = [];
  let repHeaders: Record<string, string> = {};
  let nowhereId = 0;
  const pages = pageTracker(
    () => browser,
    () => server.url,
  );

  beforeAll(async () => {
    server = await startServer();
    const db = server.database.handle.db;
    const now = new Date();
    await addUser(db, { ...MANAGER, role: "sales_manager", rayonNames: [] }, now);
    const rep = await addUser(db, { ...REP, role: "field_sales", rayonNames: ["Noord-Holland"], homePostcode: "1071 AA", homeCity: "Amsterdam" }, now);
    repHeaders = { authorization: `Bearer ${await createApiToken(db, rep.id, "e2e", now)}` };
    // A customer without an address: an appointment there is listed under a route, never routed.
    nowhereId = await seedRelation(server, { name: "Zonder Adres BV", status: "customer", accountClass: "C", statusReason: "klant" });
    const ids: number[] = [];
    for (const [i, area] of AREAS.entries()) {
      const name = `Kantoor ${area} BV`;
      const id = await seedRelation(server, { name, visitPostcode: `${area} AB`, visitCity: "Amsterdam", status: "customer", accountClass: "A", statusReason: "klant" });
      // Last visited four months ago: due again now (A: six visits a year).
      const visit = await server.app.inject({ method: "POST", url: `/api/relations/${id}/activities`, headers: server.headers, payload: { kind: "visit", occurredAt: `${addDays(amsterdamDate(now), -120 - i)}T10:00:00Z`, notes: "Bezoek" } });
      expect(visit.statusCode).toBe(201);
      ids.push(id);
      names.push(name);
    }
    const rayon = await db.selectFrom("rayons").select("id").where("name", "=", "Noord-Holland").executeTakeFirstOrThrow();
    await setPostcodeRanges(db, rayon.id, [{ from: "1000", to: "1099" }]);
    // Two relations on every day of a two-week cycle.
    const areas = Array.from({ length: 10 }, (_, i) => ({ week: Math.floor(i / 5) + 1, weekday: (i % 5) + 1, relationIds: ids.slice(i * 2, i * 2 + 2) }));
    await saveSubAreas(db, rayon.id, { cycleWeeks: 2, areas }, now);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a manager plans a rep's cycle, accepts it, sees the visits in the agenda and opens a day's route", async () => {
    const { page } = await pages.open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.getByRole("link", { name: "Planning" }).click();
    await page.getByRole("heading", { name: "Planning", level: 1 }).waitFor();
    await page.getByRole("combobox", { name: "Vertegenwoordiger" }).click();
    await page.getByRole("option", { name: REP.name }).click();
    await page.getByRole("button", { name: "Planning maken" }).click();
    const plan = page.getByTestId("cycle-plan");
    await plan.waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/plan=\d+/);
    // A reload shows the same plan (its id is in the address).
    await page.reload();
    await plan.waitFor();
    await expect.poll(() => page.getByTestId("plan-state").textContent()).toBe("Concept");
    const planned = await plan.getByRole("link", { name: /^Kantoor \d{4} BV$/ }).allTextContents();
    expect(planned.length).toBeGreaterThan(10);
    expect(new Set(planned).size).toBe(planned.length);
    await page.getByText("Wat niet past").waitFor();
    // Every visit of a day starts after the one before has ended; the first at 08:30.
    const firstTimes = await plan.locator('[data-testid^="plan-day-"]').filter({ hasText: "Kantoor" }).first().getByText(/^\d\d:\d\d–\d\d:\d\d$/).allTextContents();
    expect(firstTimes[0]?.startsWith("08:30")).toBe(true);

    await page.getByRole("button", { name: "Accepteren en in de agenda zetten" }).click();
    await expect.poll(() => page.getByTestId("plan-state").textContent()).toBe("Geaccepteerd");
    await page.getByText(`${planned.length} afspraken staan in de agenda van ${REP.name}`).waitFor();

    // A day's route: the stops in order with their times.
    await page.locator('[data-testid^="route-"]').first().click();
    const route = page.getByTestId("day-route");
    await route.waitFor({ timeout: 30_000 });
    expect(await route.getByTestId("route-stop").count()).toBeGreaterThan(0);
    await route.getByText("Vertrek van huis").waitFor();
    await route.getByText("Terug thuis").waitFor();
    // The route drawn on the map of the Netherlands.
    await route.getByTestId("day-route-map").locator("canvas").first().waitFor();
    // The same day travelling against the traffic: planned again, with the option on.
    const stopCount = await route.getByTestId("route-stop").count();
    // The switch follows the URL, which changes once the new route job has started.
    await page.getByRole("switch", { name: /Tegen de spits in rijden/ }).click({ force: true });
    await expect.poll(() => page.getByRole("switch", { name: /Tegen de spits in rijden/ }).isChecked()).toBe(true);
    await page.getByTestId("day-route").getByTestId("route-stop").first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("day-route").getByTestId("route-stop").count()).toBe(stopCount);
    // A visit falls through: cancelled from the route, the rest of the day is planned again without it.
    await page.getByTestId("day-route").getByRole("button", { name: "Afgezegd: rest van de dag opnieuw plannen" }).first().click();
    await page.getByText(/^Opnieuw gepland vanaf \d\d:\d\d/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("day-route").getByTestId("route-stop").count()).toBe(stopCount - 1);
    // The re-planned day accepted: the rest of the day's appointments get the route's new times.
    const firstStop = page.getByTestId("day-route").getByTestId("route-stop").first();
    const firstName = (await firstStop.getByRole("link").first().textContent()) as string;
    const firstStart = /Begin (\d\d:\d\d)/.exec((await firstStop.textContent()) ?? "")?.[1] as string;
    expect(firstStart).toMatch(/^\d\d:\d\d$/);
    // Meanwhile the rep books the whole working day at a customer without an address (so not on the
    // route): accepting still moves the visits, and says that they overlap it, as the agenda would.
    const db = server.database.handle.db;
    const moved = await db.selectFrom("appointments as a").innerJoin("relations as r", "r.id", "a.relation_id").select("a.starts_at").where("r.name", "=", firstName).where("a.status", "=", "planned").executeTakeFirstOrThrow();
    const day = amsterdamDate(new Date(moved.starts_at));
    const booked = await server.app.inject({ method: "POST", url: "/api/appointments", headers: repHeaders, payload: { relationId: nowhereId, visitType: "follow_up", start: amsterdamInstant(day, "08:00")?.toISOString(), durationMinutes: 600 } });
    expect(booked.statusCode).toBe(201);
    await page.getByTestId("accept-route").getByRole("button", { name: "Accepteren" }).click();
    await page.getByText(/^De agenda heeft de nieuwe tijd/).waitFor({ timeout: 30_000 });
    const warnings = page.getByTestId("accept-route-warnings");
    await warnings.getByText("Let op").waitFor();
    expect(await warnings.getByText(/Overlapt met de afspraak bij Zonder Adres BV/).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Sluiten" }).last().click();

    await page.getByTestId("to-agenda").click();
    await page.getByRole("heading", { name: "Agenda", level: 1 }).waitFor();
    await page.getByText(planned[0] as string).first().waitFor();
    await page.getByRole("button", { name: `Afspraak om ${firstStart} bij ${firstName}` }).first().waitFor();
    expect(await pages.close()).toEqual([]);
  });

  it("a rep opens his own plan on a phone: no picker, nothing wider than the screen", async () => {
    const { page } = await pages.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, REP, LANDING.field_sales);
    await page.goto("/planning");
    await page.getByRole("heading", { name: "Planning", level: 1 }).waitFor();
    expect(await page.getByRole("combobox", { name: "Vertegenwoordiger" }).count()).toBe(0);
    await page.getByRole("button", { name: /^\d\d-\d\d-\d{4} – \d\d-\d\d-\d{4}$/ }).first().click();
    await page.getByTestId("cycle-plan").waitFor();
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    // The second day: the first one has a single visit left (the manager's re-plan above).
    await page.locator('[data-testid^="route-"]').nth(1).click();
    await page.getByTestId("day-route").waitFor({ timeout: 30_000 });
    const routeWidth = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(routeWidth.scroll).toBeLessThanOrEqual(routeWidth.inner);
    // A visit cancelled on the phone: the re-planned day offers "Accepteren", still within the screen.
    await page.getByTestId("day-route").getByRole("button", { name: "Afgezegd: rest van de dag opnieuw plannen" }).first().click();
    // The route job waits its turn in the queue: on a busy machine that takes a while.
    await page.getByText(/^Opnieuw gepland vanaf \d\d:\d\d/).waitFor({ timeout: 90_000 });
    await page.getByTestId("accept-route").getByRole("button", { name: "Accepteren" }).waitFor({ timeout: 30_000 });
    const acceptWidth = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(acceptWidth.scroll).toBeLessThanOrEqual(acceptWidth.inner);
    expect(await pages.close()).toEqual([]);
  });
});
