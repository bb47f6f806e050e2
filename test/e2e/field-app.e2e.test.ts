// The field app in Chromium with the network switched off (playwright's offline mode): the rep logs
// in with signal (the device keeps the bundle and the service worker the app), loses the signal,
// reloads, opens today's visit from "Mijn dag", ticks keywords and writes the report offline, reloads
// again offline, and when the signal returns the outbox sends it: the report is on the server. And a
// sheet edited both on the road and at the office: the 412 is shown side by side to choose from.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/server/paths.js";
import { browserSuite, type E2eServer, LANDING, logInAs, seedRelation, USER } from "./support.js";

async function planVisitNow(server: E2eServer, name: string): Promise<number> {
  const relationId = await seedRelation(server, { name, status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam" });
  // Started a quarter of an hour ago: today's, and reportable now.
  const start = new Date(Math.floor((Date.now() - 15 * 60_000) / 60_000) * 60_000);
  const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "first_visit", start: start.toISOString(), durationMinutes: 60 } });
  expect(planned.statusCode, planned.body).toBe(201);
  return planned.json().id as number;
}

const SHOTS = join(PROJECT_ROOT, "test-results", "field-app");

/** Today's date on the Amsterdam clock, and the next working day after it (both in the bundle). */
function amsterdamDay(offset = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  if (offset === 0) return today;
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

/** An appointment on `date` at `time` Amsterdam (the offset of that day: winter +01:00, summer +02:00). */
async function planAt(server: E2eServer, relationId: number, date: string, time: string, durationMinutes = 60): Promise<{ id: number; version: number }> {
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", timeZoneName: "longOffset" }).formatToParts(new Date(`${date}T12:00:00Z`)).find((p) => p.type === "timeZoneName")?.value.replace("GMT", "") || "+00:00";
  const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "follow_up", start: `${date}T${time}:00${offset}`, durationMinutes } });
  expect(planned.statusCode, planned.body).toBe(201);
  return planned.json() as { id: number; version: number };
}

const appointmentOnServer = async (server: E2eServer, id: number) => (await server.app.inject({ method: "GET", url: `/api/appointments/${id}`, headers: server.headers })).json() as { startTime: string; endTime: string; version: number };

/** Logged in with signal, the app cached by its service worker and today's work on the device. */
async function readyForTheRoad(page: Page): Promise<void> {
  await logInAs(page, USER, LANDING.field_sales);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  // The header's button shows once the bundle is kept.
  await page.getByTestId("outbox-button").waitFor();
}

async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId("offline-badge").waitFor();
}

const sheetOnServer = async (server: E2eServer, id: number) => {
  const res = await server.app.inject({ method: "GET", url: `/api/visit-preparations/${id}`, headers: server.headers });
  const body = res.json();
  return { ...body, relationId: body.appointment.relation.id } as { relationId: number; version: number; notes: string | null; keywords: { keyword: string; ticked: boolean }[]; report: { activityId: number | null } | null };
};

describe("the field app without signal", () => {
  const { suite, open, closePage } = browserSuite();

  it("offers itself for installing: a Dutch manifest with icons and a service worker that caches no API answer", async () => {
    const { server } = suite;
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get("content-type")).toContain("manifest+json");
    const body = (await manifest.json()) as { name: string; short_name: string; lang: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(body).toMatchObject({ name: "Koers — verkoop onderweg", short_name: "Koers", lang: "nl", display: "standalone" });
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of body.icons) {
      const png = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      const size = Number(icon.sizes.split("x")[0]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const worker = await fetch(`${server.url}/sw.js`);
    // Checked at every load, so a new release's worker is found.
    expect(worker.headers.get("cache-control")).toBe("no-cache");
    const script = await worker.text();
    expect(script).toContain("index.html");
    // Precached: the app's own files only (relative URLs), never an API address.
    expect(script).not.toMatch(/url:"\/?api\//);
  });

  it("prepares and reports a visit offline, survives a reload offline, and sends it when the signal returns", async () => {
    const { server } = suite;
    const appointmentId = await planVisitNow(server, "Garage Zonder Bereik BV");
    const { context, page } = await open();
    await readyForTheRoad(page);
    await goOffline(context, page);

    // Mijn dag and the sheet come from the device.
    await page.getByRole("heading", { name: "Mijn dag", level: 1 }).waitFor();
    await page.getByTestId(`myday-appointment-${appointmentId}`).getByRole("link", { name: "Voorbereiden" }).click();
    await page.getByRole("heading", { name: "Voorbereiding: Garage Zonder Bereik BV", level: 1 }).waitFor();
    await page.getByTestId("prep-keywords").getByRole("checkbox", { name: "pres-bedr" }).check();
    await page.getByLabel("Notities").fill("Parkeren achter het pand");
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByText("Voorbereiding opgeslagen").waitFor();
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (1)");

    // The report, offline.
    await page.getByRole("link", { name: "Verslag na het bezoek" }).click();
    await page.getByRole("heading", { name: "Bezoekverslag: Garage Zonder Bereik BV", level: 1 }).waitFor();
    await page.getByLabel("Wat is besproken").fill("Kennismaking in de werkplaats");
    await page.getByLabel("Vervolgactie", { exact: true }).fill("Prijsopgave banden sturen");
    await page.getByRole("button", { name: "Verslag opslaan" }).click();
    await page.getByTestId("report-done").waitFor();
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (2)");

    // The relation card from the device, and a follow-up added to it.
    await page.getByTestId("report-done").getByRole("link", { name: "Garage Zonder Bereik BV" }).click();
    await page.getByRole("heading", { name: "Garage Zonder Bereik BV", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Vervolgactie toevoegen" }).click();
    const dialog = page.getByRole("dialog", { name: "Vervolgactie toevoegen" });
    await dialog.getByLabel("Volgende actie").fill("Bandenmaten doorgeven");
    await dialog.getByRole("button", { name: "Over 1 week" }).click();
    await dialog.getByRole("button", { name: "Toevoegen" }).click();
    await page.getByText("Vervolgactie toegevoegd").waitFor();
    await expect.poll(() => page.getByText("Bandenmaten doorgeven").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (3)");

    // A reload without signal: the app still opens, with the rep's work and the waiting list.
    await page.goto(`/agenda/${appointmentId}/verslag`);
    await page.reload();
    await page.getByTestId("report-done").waitFor();
    await page.getByTestId("outbox-button").click();
    const list = page.getByTestId("outbox-list");
    await expect.poll(() => list.textContent()).toContain("Voorbereiding opgeslagen · Garage Zonder Bereik BV");
    expect(await list.textContent()).toContain("Bezoekverslag · Garage Zonder Bereik BV");
    expect(await list.textContent()).toContain("Nieuwe vervolgactie · Garage Zonder Bereik BV");
    await page.keyboard.press("Escape");
    // Nothing reached the server meanwhile.
    expect((await sheetOnServer(server, appointmentId)).report).toBeNull();

    // The signal returns: the outbox sends both, in order.
    await context.setOffline(false);
    await expect.poll(async () => (await sheetOnServer(server, appointmentId)).report?.activityId ?? null, { timeout: 30_000 }).not.toBeNull();
    const sheet = await sheetOnServer(server, appointmentId);
    expect(sheet.notes).toBe("Parkeren achter het pand");
    expect(sheet.keywords.find((k) => k.keyword === "pres-bedr")?.ticked).toBe(true);
    const activity = await server.app.inject({ method: "GET", url: `/api/activities/${sheet.report?.activityId}`, headers: server.headers });
    expect(activity.body).toContain("Kennismaking in de werkplaats");
    await expect.poll(() => page.getByTestId("outbox-button").getAttribute("aria-label"), { timeout: 15_000 }).toBe("Onderweg");
    const followUps = await server.app.inject({ method: "GET", url: `/api/relations/${sheet.relationId}/followups`, headers: server.headers });
    expect(followUps.json().items.map((f: { action: string }) => f.action).sort()).toEqual(["Bandenmaten doorgeven", "Prijsopgave banden sturen"]);

    // Logging out leaves nothing of the rep on the device.
    await page.getByRole("button", { name: /^Gebruikersmenu/ }).click();
    await page.getByRole("menuitem", { name: "Uitloggen" }).click();
    await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("koers-offline");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const names = [...db.objectStoreNames];
            const tx = db.transaction(names, "readonly");
            let total = 0;
            for (const name of names) tx.objectStore(name).count().onsuccess = (e) => {
              total += (e.target as IDBRequest<number>).result;
            };
            tx.oncomplete = () => resolve(total);
          };
        }),
    );
    expect(left).toBe(0);
    await closePage();
  });

  it("shows a sheet edited on the road and at the office side by side, and keeps mine when chosen", async () => {
    const { server } = suite;
    const appointmentId = await planVisitNow(server, "Bakkerij Twee Kanten BV");
    const { context, page } = await open();
    await readyForTheRoad(page);
    await goOffline(context, page);
    await page.goto(`/agenda/${appointmentId}/voorbereiding`);
    await page.getByRole("heading", { name: "Voorbereiding: Bakkerij Twee Kanten BV", level: 1 }).waitFor();
    await page.getByLabel("Notities").fill("Onderweg: ingang aan de zijkant");
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByText("Voorbereiding opgeslagen").waitFor();

    // Meanwhile at the office the same sheet is saved (it was version 0, now 1).
    const office = await server.app.inject({ method: "PATCH", url: `/api/visit-preparations/${appointmentId}`, headers: { ...server.headers, "if-match": '"0"' }, payload: { notes: "Kantoor: vraag naar Els" } });
    expect(office.statusCode, office.body).toBe(200);

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("outbox-button").textContent(), { timeout: 30_000 }).toContain("Wacht op verzenden (1)");
    await page.getByTestId("outbox-button").click();
    const conflict = page.getByTestId("conflict");
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.getByTestId("mine-notes").textContent()).toContain("Onderweg: ingang aan de zijkant");
    expect(await conflict.getByTestId("server-notes").textContent()).toContain("Kantoor: vraag naar Els");
    // Nothing was overwritten while the rep had not chosen.
    expect((await sheetOnServer(server, appointmentId)).notes).toBe("Kantoor: vraag naar Els");

    await conflict.getByRole("button", { name: "Mijn versie houden" }).click();
    await expect.poll(async () => (await sheetOnServer(server, appointmentId)).notes, { timeout: 30_000 }).toBe("Onderweg: ingang aan de zijkant");
    expect((await sheetOnServer(server, appointmentId)).version).toBe(2);
    await closePage();
  });

  it("adds a person and their consent offline, sent to the person's real id with the day the consent was given", async () => {
    const { server } = suite;
    const appointmentId = await planVisitNow(server, "Drukkerij Nieuw Gezicht BV");
    const relationId = (await sheetOnServer(server, appointmentId)).relationId;
    const { context, page } = await open();
    await readyForTheRoad(page);
    await goOffline(context, page);
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("heading", { name: "Drukkerij Nieuw Gezicht BV", level: 1 }).waitFor();
    await page.getByRole("tab", { name: /^Contactpersonen/ }).click();
    await page.getByRole("button", { name: "Contactpersoon toevoegen" }).click();
    const form = page.getByRole("dialog", { name: "Contactpersoon toevoegen" });
    await form.getByLabel("Voornaam").fill("Els");
    await form.getByLabel("Achternaam").fill("Bakker");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await form.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Toestemming vastleggen: Nieuwsbrief, Els Bakker" }).click();
    const consent = page.getByRole("dialog", { name: /^Toestemming Nieuwsbrief/ });
    await consent.getByLabel("Tekstversie").fill("nieuwsbrief-2026");
    await consent.getByRole("button", { name: "Toestemming vastleggen" }).click();
    await consent.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (2)");

    await context.setOffline(false);
    await expect.poll(async () => (await server.app.inject({ method: "GET", url: `/api/relations/${relationId}/persons`, headers: server.headers })).json().items.length, { timeout: 30_000 }).toBe(1);
    const personId = (await server.app.inject({ method: "GET", url: `/api/relations/${relationId}/persons`, headers: server.headers })).json().items[0].id as number;
    await expect.poll(async () => (await server.app.inject({ method: "GET", url: `/api/persons/${personId}/consents`, headers: server.headers })).json().history.length, { timeout: 30_000 }).toBe(1);
    const overview = (await server.app.inject({ method: "GET", url: `/api/persons/${personId}/consents`, headers: server.headers })).json();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    expect(overview.history[0]).toMatchObject({ purpose: "newsletter", state: "given", source: "visit", textVersion: "nieuwsbrief-2026", date: today });
    await closePage();
  });

  it("ends the server's session after a logout made without signal, once the signal returns", async () => {
    const { page, context } = await open();
    await readyForTheRoad(page);
    await goOffline(context, page);
    await page.getByRole("button", { name: /^Gebruikersmenu/ }).click();
    await page.getByRole("menuitem", { name: "Uitloggen" }).click();
    await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    // Offline the app opens on the login page, not for the rep who logged out.
    await page.reload();
    await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    await context.setOffline(false);
    await page.reload();
    await page.getByRole("heading", { name: "Inloggen bij Koers" }).waitFor();
    // The session the browser still held is gone on the server.
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    await expect.poll(async () => (await suite.server.app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode).toBe(401);
    await closePage();
  });

  it("moves an appointment offline: the day's route and map show the new time at once and after a reload, and the server gets it when the signal returns", async () => {
    const { server } = suite;
    const day = amsterdamDay(1);
    const first = await planAt(server, await seedRelation(server, { name: "Haven Eerst BV", status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam" }), day, "10:00");
    const second = await planAt(server, await seedRelation(server, { name: "Dom Daarna BV", status: "prospect", statusReason: "Beurs", visitStreet: "Domplein", visitHouseNumber: "2", visitPostcode: "3512 JC", visitCity: "Utrecht" }), day, "12:00");
    const { context, page } = await open();
    await readyForTheRoad(page);
    // On a phone (the outbox button shows there once something waits).
    await page.setViewportSize({ width: 390, height: 844 });
    await goOffline(context, page);

    // The day's route and its map, from the device.
    await page.goto(`/my-day/route?date=${day}`);
    await page.getByRole("heading", { name: "Dagroute", level: 1 }).waitFor();
    const stops = page.getByRole("list", { name: "Stops van de dag" }).getByRole("listitem");
    await expect.poll(() => stops.allTextContents()).toEqual([expect.stringContaining("10:00–11:00"), expect.stringContaining("12:00–13:00")]);
    expect(await stops.nth(0).textContent()).toContain("Haven Eerst BV");
    expect(await stops.nth(1).textContent()).toContain("min rijden vanaf de vorige");
    // The map is drawn offline (ECharts and the boundaries come from the service worker's cache) with both stops.
    const map = page.getByTestId("day-route-map").getByTestId("nl-map");
    await expect.poll(() => map.getAttribute("aria-label")).toBe("Kaart van de dagroute: 1. Haven Eerst BV, 2. Dom Daarna BV");
    await expect.poll(() => map.locator("canvas").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "day-route-offline-390.png"), fullPage: true });

    // Move the first visit to the afternoon, offline.
    await stops.nth(0).getByRole("button", { name: "Verplaatsen: Haven Eerst BV" }).click();
    const form = page.getByTestId("move-form");
    await form.getByLabel("Begintijd").fill("14:30");
    await page.screenshot({ path: join(SHOTS, "day-route-move-390.png"), fullPage: true });
    await form.getByRole("button", { name: "Verplaats" }).click();
    await page.getByText("Afspraak verplaatst").waitFor();
    // At once: the route is laid anew (Dom Daarna BV first now), the moved visit marked as waiting.
    await expect.poll(() => stops.allTextContents()).toEqual([expect.stringContaining("12:00–13:00"), expect.stringContaining("14:30–15:30")]);
    expect(await page.getByTestId(`route-stop-${first.id}`).getByTestId("route-stop-pending").textContent()).toBe("Wacht op verzenden");
    await expect.poll(() => map.getAttribute("aria-label")).toBe("Kaart van de dagroute: 1. Dom Daarna BV, 2. Haven Eerst BV");
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (1)");
    await page.screenshot({ path: join(SHOTS, "day-route-moved-390.png"), fullPage: true });

    // Still so after a reload without signal; nothing reached the server yet.
    await page.reload();
    await page.getByTestId(`route-stop-${first.id}`).getByText("14:30–15:30").waitFor();
    expect(await page.getByTestId(`route-stop-${first.id}`).getByTestId("route-stop-pending").count()).toBe(1);
    expect((await appointmentOnServer(server, first.id)).startTime).toBe("10:00");
    await page.getByTestId("outbox-button").click();
    await expect.poll(() => page.getByTestId("outbox-list").textContent()).toContain("Afspraak verplaatst · Haven Eerst BV");
    await page.keyboard.press("Escape");

    // The signal returns: the move is sent with If-Match of the version it was made on.
    await context.setOffline(false);
    await expect.poll(async () => (await appointmentOnServer(server, first.id)).startTime, { timeout: 30_000 }).toBe("14:30");
    expect(await appointmentOnServer(server, first.id)).toMatchObject({ endTime: "15:30", version: first.version + 1 });
    expect((await appointmentOnServer(server, second.id)).startTime).toBe("12:00");
    await expect.poll(() => page.getByTestId("outbox-button").getAttribute("aria-label"), { timeout: 15_000 }).toBe("Onderweg");
    await page.reload();
    await page.getByTestId(`route-stop-${first.id}`).getByText("14:30–15:30").waitFor();
    expect(await page.getByTestId("route-stop-pending").count()).toBe(0);
    await closePage();
  });

  it("shows an appointment moved on the road and at the office side by side (412), and takes the office's time when chosen", async () => {
    const { server } = suite;
    const day = amsterdamDay(1);
    const planned = await planAt(server, await seedRelation(server, { name: "Dubbel Verzet BV", status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "5", visitPostcode: "1012 LG", visitCity: "Amsterdam" }), day, "09:00");
    const { context, page } = await open();
    await readyForTheRoad(page);
    await goOffline(context, page);
    await page.goto(`/my-day/route?date=${day}`);
    const stop = page.getByTestId(`route-stop-${planned.id}`);
    await stop.getByRole("button", { name: "Verplaatsen: Dubbel Verzet BV" }).click();
    await page.getByTestId("move-form").getByLabel("Begintijd").fill("11:00");
    await page.getByTestId("move-form").getByRole("button", { name: "Verplaats" }).click();
    await stop.getByText("11:00–12:00").waitFor();

    // Meanwhile the office moves the same appointment to the afternoon.
    const office = await server.app.inject({ method: "GET", url: `/api/appointments/${planned.id}`, headers: server.headers });
    const start = office.json().start as string;
    const moved = await server.app.inject({ method: "PATCH", url: `/api/appointments/${planned.id}`, headers: { ...server.headers, "if-match": `"${planned.version}"` }, payload: { start: new Date(Date.parse(start) + 6 * 3_600_000).toISOString() } });
    expect(moved.statusCode, moved.body).toBe(200);

    await context.setOffline(false);
    await page.getByTestId("outbox-button").click();
    const conflict = page.getByTestId("conflict");
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.getByTestId("mine-start").textContent()).toContain("11:00");
    expect(await conflict.getByTestId("server-start").textContent()).toContain("15:00");
    await page.screenshot({ path: join(SHOTS, "appointment-conflict-1280.png"), fullPage: true });
    // Nothing was overwritten while the rep had not chosen.
    expect((await appointmentOnServer(server, planned.id)).startTime).toBe("15:00");

    await conflict.getByRole("button", { name: "Versie van de server nemen" }).click();
    await expect.poll(() => page.getByTestId("outbox-button").getAttribute("aria-label"), { timeout: 15_000 }).toBe("Onderweg");
    await page.keyboard.press("Escape");
    // Without signal again, the device shows the office's time.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("offline-badge").waitFor();
    await page.getByTestId(`route-stop-${planned.id}`).getByText("15:00–16:00").waitFor();
    expect((await appointmentOnServer(server, planned.id)).startTime).toBe("15:00");
    await closePage();
  });

  it("reads the agenda's week offline (the kept days, a move waiting, the rest said to be not on the device) at 1280 and 390 px, and a change saved online reaches the device without downloading the bundle again", async () => {
    const { server } = suite;
    const day = amsterdamDay(1);
    const place = (name: string) => ({ name, status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "9", visitPostcode: "1012 LG", visitCity: "Amsterdam" });
    const early = await planAt(server, await seedRelation(server, place("Week Vroeg BV")), day, "09:00");
    const later = await planAt(server, await seedRelation(server, place("Week Verzet BV")), day, "11:00");
    const office = await planAt(server, await seedRelation(server, place("Week Kantoor BV")), day, "15:00");
    // Two weeks on: never among the kept days.
    const farDay = new Date(Date.parse(`${day}T12:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const far = await planAt(server, await seedRelation(server, place("Week Ver Weg BV")), farDay, "10:00");

    const { context, page } = await open();
    let bundleReads = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/offline/bundle") bundleReads += 1;
    });
    await readyForTheRoad(page);
    expect(bundleReads).toBeGreaterThan(0);
    // Opening the app with signal reads the bundle (as it should); from then on the rep works in it.
    const opened = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/offline/bundle");
    await page.goto(`/agenda?view=week&date=${day}`);
    await opened;
    const readsBefore = bundleReads;

    // With signal: a move in the agenda and a saved sheet.
    await page.getByRole("button", { name: "Afspraak om 15:00 bij Week Kantoor BV" }).click();
    const details = page.getByRole("dialog", { name: "Afspraak" });
    await details.getByRole("button", { name: "Verplaatsen" }).click();
    await details.getByLabel("Begintijd").fill("16:00");
    await details.getByRole("button", { name: "Verplaats", exact: true }).click();
    await page.getByText("Afspraak verplaatst").first().waitFor();
    await details.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Afspraak om 09:00 bij Week Vroeg BV" }).click();
    await details.getByRole("link", { name: "Voorbereiden" }).click();
    await page.getByRole("heading", { name: "Voorbereiding: Week Vroeg BV", level: 1 }).waitFor();
    await page.getByLabel("Notities").fill("Online genoteerd: bel aan bij de zijdeur");
    await page.getByRole("button", { name: "Voorbereiding opslaan" }).click();
    await page.getByText("Voorbereiding opgeslagen").waitFor();
    // The device has both at once (the moved appointment from the server's answer, the sheet read again) …
    const onDevice = () =>
      page.evaluate(
        (ids) =>
          new Promise<{ start: string | undefined; notes: string | undefined }>((resolve, reject) => {
            const req = indexedDB.open("koers-offline");
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const tx = req.result.transaction(["appointments", "sheets"], "readonly");
              const a = tx.objectStore("appointments").get(ids.office);
              const s = tx.objectStore("sheets").get(ids.early);
              tx.oncomplete = () => resolve({ start: a.result?.startTime, notes: s.result?.notes });
            };
          }),
        { office: office.id, early: early.id },
      );
    await expect.poll(onDevice, { timeout: 15_000 }).toEqual({ start: "16:00", notes: "Online genoteerd: bel aan bij de zijdeur" });
    // … and the bundle was not downloaded again for them (not even after the 5 seconds it used to wait).
    await page.waitForTimeout(6_000);
    expect(bundleReads).toBe(readsBefore);

    // Without signal: the week from the device.
    await goOffline(context, page);
    await page.goto(`/agenda?view=week&date=${day}`);
    const notice = page.getByTestId("agenda-offline");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Dit apparaat bewaart je afspraken van");
    expect(await notice.textContent()).toContain("Andere dagen en andermans agenda's zijn zonder verbinding niet beschikbaar.");
    await page.getByTestId(`appointment-${early.id}`).getByText("09:00–10:00").waitFor();
    await page.getByTestId(`appointment-${later.id}`).getByText("11:00–12:00").waitFor();
    await page.getByTestId(`appointment-${office.id}`).getByText("16:00–17:00").waitFor();
    // The Sunday of that week is never kept: its column says so.
    expect(await page.getByText("niet offline").count()).toBeGreaterThan(0);

    // Moved offline: at its new time, marked as waiting, also after a reload.
    await page.getByRole("button", { name: "Afspraak om 11:00 bij Week Verzet BV" }).click();
    await details.getByRole("button", { name: "Verplaatsen" }).click();
    await details.getByLabel("Begintijd").fill("13:30");
    await details.getByRole("button", { name: "Verplaats", exact: true }).click();
    await page.getByText("Afspraak verplaatst").first().waitFor();
    const moved = page.getByTestId(`appointment-${later.id}`);
    await moved.getByText("13:30–14:30").waitFor();
    expect(await moved.getByTestId("appointment-pending").textContent()).toBe("Wacht op verzenden");
    await expect.poll(() => page.getByTestId("outbox-button").textContent()).toContain("Wacht op verzenden (1)");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "agenda-week-offline-1280.png"), fullPage: true });
    await page.reload();
    await moved.getByText("13:30–14:30").waitFor();
    expect(await moved.getByTestId("appointment-pending").count()).toBe(1);
    expect(await page.getByTestId(`appointment-${early.id}`).getByTestId("appointment-pending").count()).toBe(0);

    // The sheet saved online is on the device too.
    await page.goto(`/agenda/${early.id}/voorbereiding`);
    await expect.poll(() => page.getByLabel("Notities").inputValue()).toBe("Online genoteerd: bel aan bij de zijdeur");

    // Two weeks on: nothing kept, said so rather than shown as an empty week.
    await page.goto(`/agenda?view=week&date=${farDay}`);
    await notice.waitFor();
    expect(await page.getByText("niet offline").count()).toBe(7);
    expect(await page.getByTestId(`appointment-${far.id}`).count()).toBe(0);
    expect(await page.getByText("Geen afspraken in deze periode.").count()).toBe(0);

    // On a phone: the week as a list of days, no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/agenda?view=week&date=${day}`);
    await notice.waitFor();
    await moved.getByText("13:30–14:30").waitFor();
    expect(await moved.getByTestId("appointment-pending").count()).toBe(1);
    await page.getByTestId(`appointment-${office.id}`).getByText("16:00–17:00").waitFor();
    expect(await page.getByText("Niet beschikbaar zonder verbinding.").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "agenda-week-offline-390.png"), fullPage: true });
    // The list view too.
    await page.goto(`/agenda?view=list&date=${day}`);
    await moved.getByText("13:30–14:30").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // The signal returns: the move is sent and the whole bundle read again.
    await context.setOffline(false);
    await expect.poll(async () => (await appointmentOnServer(server, later.id)).startTime, { timeout: 30_000 }).toBe("13:30");
    expect((await appointmentOnServer(server, office.id)).startTime).toBe("16:00");
    await expect.poll(() => bundleReads, { timeout: 15_000 }).toBeGreaterThan(readsBefore);
    await closePage();
  });
});
