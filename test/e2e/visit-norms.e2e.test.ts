// The visit-norm report in a real browser: a sales manager sees per rep and class how many visits
// are overdue, and a click on that number opens the relations behind it in the relations list.
import { describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const MANAGER = { email: "chef.normen@koers.test", name: "Chef Normen", password: "another horse battery" } as const;

describe("the visit-norm report in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("links the overdue visits of a rep and class to the relations below their norm", async () => {
    await addUser(suite.server.database.handle.db, { ...MANAGER, role: "sales_manager", rayonNames: [] }, new Date());
    // Owned by the seeded rep (Anna de Vries): two A relations without visits, one B relation.
    await seedRelation(suite.server, { name: "Norm A Een BV", visitPostcode: "1011 AB", visitCity: "Amsterdam", status: "customer", accountClass: "A" });
    await seedRelation(suite.server, { name: "Norm A Twee BV", visitPostcode: "1012 AB", visitCity: "Amsterdam", status: "customer", accountClass: "A" });
    await seedRelation(suite.server, { name: "Norm B BV", visitPostcode: "1013 AB", visitCity: "Amsterdam", status: "prospect", accountClass: "B" });

    const { page } = await open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.getByRole("navigation").getByRole("link", { name: "Rapportages" }).click();
    const table = page.getByRole("table", { name: "Naleving per verkoper" });
    await table.waitFor();
    // A: norm 6 a year, two relations without visits → 12 visits overdue at 2 relations.
    await table.getByRole("link", { name: `${USER.name}, A: 12 bezoeken achterstallig bij 2 relaties` }).click();
    await page.getByRole("heading", { name: "Relaties", level: 1 }).waitFor();
    await page.getByTestId("visit-norm-filter").waitFor();
    expect(await page.getByTestId("visit-norm-filter").textContent()).toContain("Relaties onder hun bezoeknorm");
    await expect.poll(() => page.getByRole("row").count()).toBe(3);
    expect(await page.getByRole("link", { name: "Norm A Een BV" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Norm A Twee BV" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Norm B BV" }).count()).toBe(0);
    await closePage();
  }, 90_000);

  it("shows per rep what preparing the visits of those norms costs against half a percent less discount", async () => {
    // Continues from the test above: the rep owns two A relations (6 visits a year each) and a B (4).
    const { page } = await open();
    await logInAs(page, MANAGER, LANDING.sales_manager);
    await page.getByRole("navigation").getByRole("link", { name: "Rapportages" }).click();
    const section = page.getByTestId("preparation-payback");
    await section.getByRole("heading", { name: "Voorbereiding loont" }).waitFor();
    const table = section.getByRole("table", { name: "Voorbereiding loont" });
    await table.waitFor();
    const row = table.getByRole("row", { name: new RegExp(USER.name) });
    // 16 visits × 60 minutes at € 65 an hour = € 1.040; no sales yet, so nothing is earned back.
    await expect.poll(() => row.textContent()).toContain("16");
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("1.040,00");
    expect(text).toContain("0×");
    expect(await section.textContent()).toContain("60 minuten per bezoek");
    await closePage();
  }, 90_000);
});
