// Every main screen at phone width (390 px), as a field rep and as a sales manager: nothing may
// stick out sideways — neither the page (document.scrollingElement.scrollWidth > innerWidth) nor any
// element wider than the screen or reaching past its right edge (a table too wide for its box, a
// badge cut off, an action column off-screen). Screenshots of every screen land in the temp folder.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/calendar.js";
import { addUser } from "../../src/features/users/user.service.js";
import { amsterdamDate } from "../../src/server/time.js";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const SHOTS = join(tmpdir(), "koers-screenshots", "phone");
const MANAGER = { email: "marco.manager@koers.test", name: "Marco Verhoeven-Van den Hoogenband", password: "manager horse battery" } as const;
/** A long Dutch compound name and city, the kind that pushes a phone screen wide. */
const LONG = "Schoonmaakonderhoudsbedrijfsvoeringsmaatschappij Noordwijkerhout-Zuid B.V.";


/** What sticks out sideways on the page now: empty when nothing does. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > width) found.push(`page: scrollWidth ${root.scrollWidth} > ${width}`);
    const describe = (el: Element) => {
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""} “${text}”`;
    };
    const reported: Element[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      // The outermost offender says enough; its children repeat it.
      if (reported.some((r) => r.contains(el))) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      // Off-canvas (the closed navigation slides out to the left): not on screen.
      if (box.right <= 0) continue;
      if (box.width > width + 1) found.push(`${describe(el)}: ${Math.round(box.width)} px wide`);
      else if (box.right > width + 1) found.push(`${describe(el)}: reaches ${Math.round(box.right)} px`);
      else continue;
      reported.push(el);
    }
    return found;
  });
}

describe("every main screen at 390 px", () => {
  const { suite, open, closePage } = browserSuite();
  const today = amsterdamDate(new Date());
  let relationId = 0;
  let quoteId = 0;

  const api = async (method: "POST" | "PATCH", url: string, payload: unknown) => {
    const res = await suite.server.app.inject({ method, url, headers: suite.server.headers, payload: payload as Record<string, unknown> });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number };
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await addUser(suite.server.database.handle.db, { ...MANAGER, role: "sales_manager", profitResponsible: true, rayonNames: [] }, new Date());
    relationId = await seedRelation(suite.server, {
      name: LONG,
      visitStreet: "Burgemeester van Nispen tot Sevenaerstraat",
      visitHouseNumber: "1234",
      visitPostcode: "2204 AB",
      visitCity: "Noordwijkerhout",
      status: "prospect",
      statusReason: "Eerste gesprek gehad",
      email: "inkoop.facilitairemiddelen@schoonmaakonderhoudsbedrijfsvoering.nl",
    });
    await api("POST", `/api/relations/${relationId}/persons`, { initials: "J.P.M.", infix: "van den", lastName: "Hoogenband-Zwanenburg", gender: "m", jobTitle: "Hoofd facilitaire dienstverlening", dmuRoles: ["decider", "buyer"] });
    const product = await api("POST", "/api/products", { code: "SCH-KANTOOR-DAGELIJKS", name: "Dagelijkse kantoorschoonmaak inclusief sanitair", unit: "uur", listPriceCents: 3495 });
    quoteId = (
      await api("POST", "/api/quotes", {
        relationId,
        title: "Dagelijkse schoonmaak hoofdkantoor en nevenvestigingen",
        probability: 60,
        status: "sent",
        decisionMonth: `${today.slice(0, 7)}`,
        lines: [{ productId: product.id, quantity: 1250.5, discountPercent: 2.5 }],
      })
    ).id;
    await api("POST", `/api/relations/${relationId}/activities`, {
      kind: "visit",
      notes: "Rondleiding gehad door alle verdiepingen; de sanitaire voorzieningen op de derde verdieping vragen extra aandacht.",
      nextStep: "Offerte nabellen na de begrotingsvergadering",
      followUp: { action: "Offerte nabellen bij de heer Van den Hoogenband-Zwanenburg", dueDate: addDays(today, -3) },
    });
    await api("POST", `/api/relations/${relationId}/followups`, { action: "Contractverlenging bespreken", dueDate: today });
    await api("POST", `/api/relations/${relationId}/followups`, { action: "Referentiebezoek plannen", dueDate: addDays(today, 2) });
    await api("POST", "/api/appointments", { relationId, visitType: "first_visit", start: `${today}T13:00:00+01:00`, durationMinutes: 60, placeText: "Hoofdingang, melden bij de receptie op de begane grond" });
  });

  const screens = (): { path: string; heading: RegExp | string }[] => [
    { path: "/my-day", heading: "Mijn dag" },
    { path: "/relations", heading: "Relaties" },
    { path: `/relations/${relationId}`, heading: LONG },
    { path: "/quotes", heading: "Offertes" },
    { path: `/quotes/${quoteId}`, heading: /OV\d+-1/ },
    { path: "/quotes/forecast", heading: "Forecast" },
    { path: "/quotes/hit-ratio", heading: /Scoringsratio|Hit ratio/ },
    { path: "/follow-ups", heading: "Vervolgacties" },
    { path: "/agenda", heading: "Agenda" },
    { path: "/reports", heading: "Rapportages" },
    { path: "/sales", heading: /^Verkoop/ },
    { path: "/settings", heading: "Instellingen" },
  ];

  const walk = async (who: { email: string; password: string }, landing: string, role: string) => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, who, landing);
    const problems: string[] = [];
    for (const screen of screens()) {
      await page.goto(screen.path);
      await page.getByRole("heading", { level: 1, name: screen.heading }).first().waitFor();
      // Lazy sections and charts settle: no request in flight.
      await page.waitForLoadState("networkidle");
      const name = screen.path.replaceAll("/", "_").replace(/^_/, "") || "home";
      await page.screenshot({ path: join(SHOTS, `${role}-${name}.png`), fullPage: true });
      for (const p of await overflow(page)) problems.push(`${screen.path}: ${p}`);
    }
    await closePage();
    return problems;
  };

  it("a field rep lands on Mijn dag and no screen sticks out sideways", async () => {
    expect(await walk(USER, LANDING.field_sales, "rep")).toEqual([]);
  }, 180_000);

  it("a sales manager lands on the team's sales figures and no screen sticks out sideways", async () => {
    expect(await walk(MANAGER, LANDING.sales_manager, "manager")).toEqual([]);
  }, 180_000);

  it("without signal the header shows OFFLINE and still the whole language switch (NL and EN) and the user menu", async () => {
    const { page, context } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, USER, LANDING.field_sales);
    await context.setOffline(true);
    await page.getByTestId("offline-badge").waitFor();
    await page.screenshot({ path: join(SHOTS, "rep-offline-header.png") });
    const cut = await page.evaluate(() => {
      const header = document.querySelector("header");
      if (!header) return ["no header"];
      const found: string[] = [];
      const width = window.innerWidth;
      // Cut off by a box that hides its overflow (the switch's own), or pushed past the screen.
      for (const el of Array.from(header.querySelectorAll("span[lang], [data-testid='offline-badge'], button"))) {
        const box = el.getBoundingClientRect();
        const name = (el.textContent ?? "").trim() || el.getAttribute("aria-label") || el.tagName;
        if (box.right > width + 0.5 || box.left < -0.5) found.push(`${name}: off screen (${Math.round(box.left)}–${Math.round(box.right)})`);
        for (let up = el.parentElement; up && up !== header; up = up.parentElement) {
          if (getComputedStyle(up).overflowX === "visible") continue;
          const clip = up.getBoundingClientRect();
          if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) found.push(`${name}: cut off (${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(clip.left)}–${Math.round(clip.right)})`);
          if (up.scrollWidth > up.clientWidth + 1 && el.tagName === "SPAN") found.push(`${name}: its box scrolls (${up.scrollWidth} > ${up.clientWidth})`);
        }
      }
      return [...new Set(found)];
    });
    expect(cut).toEqual([]);
    await expect.poll(() => page.getByText("EN", { exact: true }).isVisible()).toBe(true);
    await context.setOffline(false);
    await closePage();
  }, 120_000);
});
