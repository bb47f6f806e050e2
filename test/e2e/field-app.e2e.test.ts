// The field app in Chromium with the network switched off (playwright's offline mode): the rep logs
// in with signal (the device keeps the bundle and the service worker the app), loses the signal,
// reloads, opens today's visit from "Mijn dag", ticks keywords and writes the report offline, reloads
// again offline, and when the signal returns the outbox sends it: the report is on the server. And a
// sheet edited both on the road and at the office: the 412 is shown side by side to choose from.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite, type E2eServer, LANDING, logInAs, seedRelation, USER } from "./support.js";

async function planVisitNow(server: E2eServer, name: string): Promise<number> {
  const relationId = await seedRelation(server, { name, status: "prospect", statusReason: "Beurs", visitStreet: "Damrak", visitHouseNumber: "1", visitPostcode: "1012 LG", visitCity: "Amsterdam" });
  // Started a quarter of an hour ago: today's, and reportable now.
  const start = new Date(Math.floor((Date.now() - 15 * 60_000) / 60_000) * 60_000);
  const planned = await server.app.inject({ method: "POST", url: "/api/appointments", headers: server.headers, payload: { relationId, visitType: "first_visit", start: start.toISOString(), durationMinutes: 60 } });
  expect(planned.statusCode, planned.body).toBe(201);
  return planned.json().id as number;
}

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
});
