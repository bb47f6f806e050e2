// Drawing a rayon from a municipality and editing its sub-areas in a real browser, at phone width:
// a sales manager picks the municipality of Utrecht (and is told when another rayon holds Zeist),
// then gives a sub-area another weekday and moves a postcode area from one sub-area to another,
// and sees the workloads follow.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { saveSubAreas, setRegions } from "../../src/features/territories/territory.service.js";
import { addUser } from "../../src/features/users/user.service.js";
import { browserSuite, LANDING, logInAs, seedRelation } from "./support.js";

const MANAGER = { email: "gebieden@koers.test", name: "Gert Gebieden", password: "territory horse battery" } as const;

async function sticksOut(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth);
}

describe("territories from municipalities and sub-area editing in the browser", () => {
  const { suite, open, closePage } = browserSuite();
  const ids: Record<string, number> = {};
  let rayonId = 0;

  beforeAll(async () => {
    const db = suite.server.database.handle.db;
    await addUser(db, { ...MANAGER, role: "sales_manager", rayonNames: ["Oost"] }, new Date());
    for (const [key, postcode] of [
      ["domA", "3511 AB"],
      ["domB", "3511 CD"],
      ["neude", "3512 AA"],
      ["uithof", "3584 AA"],
      ["zeist", "3701 AA"],
    ] as const) {
      ids[key] = await seedRelation(suite.server, { name: `Klant ${key}`, visitPostcode: postcode, visitCity: "Utrecht", status: "customer", accountClass: "A", statusReason: "test" });
    }
    const rayons = await db.selectFrom("rayons").select(["id", "name"]).execute();
    rayonId = (rayons.find((r) => r.name === "Noord-Holland") as { id: number }).id;
    await setRegions(db, (rayons.find((r) => r.name === "Oost") as { id: number }).id, [{ kind: "municipality", name: "Zeist" }]);
  });

  it("a manager draws a rayon from a municipality, changes a sub-area's day and moves a postcode area, at 390 px", async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.goto("/settings");
    await page.getByRole("heading", { name: "Rayons en deelgebieden" }).waitFor();
    await page.getByRole("combobox", { name: "Rayon" }).click();
    await page.getByRole("option", { name: "Noord-Holland" }).click();

    const municipalities = page.getByRole("combobox", { name: "Gemeenten" });
    for (const name of ["Utrecht (Utrecht)", "Zeist (Utrecht)"]) {
      await municipalities.fill(name.split(" ")[0] as string);
      await page.getByRole("option", { name, exact: true }).click();
    }
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Provincies en gemeenten opslaan" }).click();
    // Zeist is Oost's: refused, and the message says which municipality.
    await page.getByText(/Zeist \(Utrecht\): ligt \(deels\) in het gebied van een ander rayon/).waitFor();
    // Backspace in the empty search removes the last municipality chosen: Zeist.
    await municipalities.fill("");
    await municipalities.press("Backspace");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Provincies en gemeenten opslaan" }).click();
    await page.getByTestId("territory-summary").getByText("4 relaties in dit rayon").waitFor();
    expect(await sticksOut(page)).toBeLessThanOrEqual(0);

    // Two sub-areas, saved as a proposal would be: Monday 3511, Tuesday 3512 and 3584.
    await saveSubAreas(suite.server.database.handle.db, rayonId, { cycleWeeks: 2, areas: [{ week: 1, weekday: 1, relationIds: [ids.domA as number, ids.domB as number] }, { week: 1, weekday: 2, relationIds: [ids.neude as number, ids.uithof as number] }] }, new Date());
    await page.reload();
    await page.getByRole("combobox", { name: "Rayon" }).click();
    await page.getByRole("option", { name: "Noord-Holland" }).click();
    const table = page.getByTestId("sub-areas");
    await table.waitFor();
    const workloads = () => table.getByTestId("sub-area-workload").allTextContents();
    expect(await workloads()).toEqual(["12", "12"]);

    // Monday's sub-area moves to Wednesday.
    await page.getByRole("combobox", { name: "Dag van Week 1, maandag" }).click();
    await page.getByRole("option", { name: "woensdag" }).click();
    await page.getByRole("combobox", { name: "Dag van Week 1, woensdag" }).waitFor();

    // 3512 moves from Tuesday to Wednesday: 18 against 6 visits a year.
    await page.getByRole("textbox", { name: "Postcodegebied", exact: true }).fill("3512");
    await page.getByRole("combobox", { name: "Naar deelgebied" }).click();
    await page.getByRole("option", { name: "Week 1, woensdag (12)" }).click();
    await page.getByRole("button", { name: "Verplaatsen", exact: true }).click();
    await page.getByText("Verplaatst; de werklast is bijgewerkt").waitFor();
    await expect.poll(workloads).toEqual(["6", "18"]);
    expect(await sticksOut(page)).toBeLessThanOrEqual(0);
    await closePage();
  }, 120_000);
});
