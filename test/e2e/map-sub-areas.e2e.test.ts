// Moving a relation between sub-areas on the map, in a real browser, on a desktop and at 390 px: a
// sales manager colours the map of a rayon by sub-area, clicks a relation's point, and in the panel
// that opens moves that relation (desktop) or its whole postcode area (phone) to another sub-area's
// day; the workloads follow and the sub-areas are stored so.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { saveSubAreas, setRegions } from "../../src/features/territories/territory.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { browserSuite, LANDING, logInAs, seedRelation } from "./support.js";

const MANAGER = { email: "kaartgebied@koers.test", name: "Karin Kaart", password: "map territory battery" } as const;

async function sticksOut(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth);
}

describe("moving relations between sub-areas on the map in the browser", () => {
  const { suite, open, closePage } = browserSuite();
  const ids: Record<string, number> = {};
  let rayonId = 0;
  const areaOf = async (relationId: number) => {
    const row = await suite.server.database.handle.db
      .selectFrom("sub_area_relations as sar")
      .innerJoin("sub_areas as a", "a.id", "sar.sub_area_id")
      .select(["a.week", "a.weekday"])
      .where("sar.relation_id", "=", relationId)
      .executeTakeFirst();
    return row ? `${row.week}-${row.weekday}` : null;
  };

  beforeAll(async () => {
    const db = suite.server.database.handle.db;
    await addUser(db, { ...MANAGER, role: "sales_manager", rayonNames: ["Noord-Holland"] }, new Date());
    const rayons = await db.selectFrom("rayons").select(["id", "name"]).execute();
    rayonId = (rayons.find((r) => r.name === "Noord-Holland") as { id: number }).id;
    // One A customer at the Dom (the only point when the map shows class A), two B customers beside it.
    for (const [key, postcode, accountClass] of [
      ["domA", "3511 AB", "A"],
      ["domB", "3511 CD", "B"],
      ["neude", "3512 AA", "B"],
    ] as const) {
      ids[key] = await seedRelation(suite.server, { name: `Kaartklant ${key}`, visitPostcode: postcode, visitCity: "Utrecht", status: "customer", accountClass, statusReason: "test", rayonId });
    }
    await setRegions(db, rayonId, [{ kind: "municipality", name: "Utrecht" }]);
    // Monday: 3511 (A 6 + B 4 = 10 visits a year by the default norms); Tuesday: 3512 (B: 4).
    await saveSubAreas(db, rayonId, { cycleWeeks: 2, areas: [{ week: 1, weekday: 1, relationIds: [ids.domA as number, ids.domB as number] }, { week: 1, weekday: 2, relationIds: [ids.neude as number] }] }, new Date());
  });

  /** Opens the map of the rayon coloured by sub-area, class A only, and clicks its one point. */
  async function pickTheDom(page: Page) {
    await page.goto(`/map?rayon=${rayonId}&colour=subArea&class=A`);
    await page.getByRole("heading", { name: "Kaart", level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId("map-summary").textContent()).toBe("1 relatie op de kaart");
    await page.getByRole("heading", { name: "Deelgebieden" }).waitFor();
    const box = await page.getByTestId("nl-map").boundingBox();
    if (!box) throw new Error("the map has no box");
    // The map fits itself to its one point: it lies in the middle (clicked until ECharts has drawn it).
    const panel = page.getByTestId("move-relation");
    await expect
      .poll(async () => {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        return panel.count();
      })
      .toBe(1);
    // A click picks the relation instead of opening it.
    expect(new URL(page.url()).pathname).toBe("/map");
    return panel;
  }

  it("on a desktop, a click on a relation's point opens the move panel; the relation moves to Tuesday and the workloads follow", async () => {
    const { page } = await open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    const panel = await pickTheDom(page);
    await panel.getByText("Kaartklant domA · 3511 AB").waitFor();
    await panel.getByText("Nu in Week 1, maandag").waitFor();
    const workloads = () => page.getByTestId("sub-area-workload").allTextContents();
    expect(await workloads()).toEqual(["10", "4"]);

    await panel.getByRole("combobox", { name: "Naar deelgebied" }).click();
    await page.getByRole("option", { name: "Week 1, dinsdag (4)" }).click();
    await panel.getByRole("button", { name: "Deze relatie verplaatsen" }).click();
    await page.getByText("Verplaatst; de werklast is bijgewerkt").waitFor();
    // The panel closes; Monday keeps the B customer, Tuesday has both.
    await expect.poll(() => page.getByTestId("move-relation").count()).toBe(0);
    await expect.poll(workloads).toEqual(["4", "10"]);
    expect(await areaOf(ids.domA as number)).toBe("1-2");
    expect(await areaOf(ids.domB as number)).toBe("1-1");
    await closePage();
  }, 120_000);

  // Goes on from the test before: the Dom A customer is on Tuesday now.
  it("at 390 px, the panel fits the screen and moves the whole postcode area 3511 back to Monday", async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, MANAGER, LANDING.sales_manager);
    const panel = await pickTheDom(page);
    await panel.getByText("Nu in Week 1, dinsdag").waitFor();
    expect(await sticksOut(page)).toBeLessThanOrEqual(0);
    const box = await panel.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);

    await panel.getByRole("combobox", { name: "Naar deelgebied" }).click();
    await page.getByRole("option", { name: "Week 1, maandag (4)" }).click();
    await panel.getByRole("button", { name: "Heel 3511 verplaatsen" }).click();
    await page.getByText("Verplaatst; de werklast is bijgewerkt").waitFor();
    // Both Dom customers are on Monday again; Neude stays on Tuesday.
    await expect.poll(() => page.getByTestId("sub-area-workload").allTextContents()).toEqual(["10", "4"]);
    expect(await areaOf(ids.domA as number)).toBe("1-1");
    expect(await areaOf(ids.domB as number)).toBe("1-1");
    expect(await areaOf(ids.neude as number)).toBe("1-2");
    expect(await sticksOut(page)).toBeLessThanOrEqual(0);
    await closePage();
  }, 120_000);
});
