// Data exchange in a real browser against a real server: import a Dutch CSV (proposed mapping, a row
// error for a bad postcode that blocks the commit, the corrected file with the remembered mapping,
// commit, find the relation), export the filtered list as CSV, and merge two duplicate relations
// (a 412 when someone saved meanwhile, then the merge and its audit line).
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, seedRelation } from "./support.js";

const HEADER = "Bedrijfsnaam;KvK-nummer;Postcode;Plaats;Telefoon";
const csv = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join("\r\n")}\r\n`, "utf8");
const BAD_FILE = csv("Schoonmaakbedrijf Glans;12345678;3511 AB;Utrecht;030-1234567", "Hoveniersbedrijf Groen;87654321;12345;Amersfoort;033-7654321");
const GOOD_FILE = csv("Schoonmaakbedrijf Glans;12345678;3511 AB;Utrecht;030-1234567", "Hoveniersbedrijf Groen;87654321;3811 AB;Amersfoort;033-7654321");

/** Chooses a file through the "Bestand kiezen" button, as a user does in the file dialog. */
async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Bestand kiezen" }).click();
  await (await chooser).setFiles({ name, mimeType: "text/csv", buffer });
}

describe("import, export and merging in the browser", () => {
  const { suite, open, closePage } = browserSuite();

  it("imports a Dutch CSV: proposed mapping, a blocking row error, the corrected file, commit, and the relation found", async () => {
    const { page } = await open();
    await logIn(page);
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Importeren" }).click();
    await page.getByRole("heading", { name: "Importeren", level: 1 }).waitFor();
    expect(await page.getByRole("radio", { name: "Relaties" }).isChecked()).toBe(true);

    await chooseFile(page, "relaties-fout.csv", BAD_FILE);
    await page.getByText("Koppeling herkend aan de kolomkoppen").waitFor();
    await page.getByText("relaties-fout.csv").waitFor();
    const fieldFor = (column: string) => page.getByRole("combobox", { name: `Veld in Koers voor kolom ${column}` });
    await expect.poll(() => fieldFor("Bedrijfsnaam").inputValue()).toBe("name");
    expect(await fieldFor("KvK-nummer").inputValue()).toBe("kvkNumber");
    expect(await fieldFor("Postcode").inputValue()).toBe("postcode");
    expect(await fieldFor("Plaats").inputValue()).toBe("city");
    expect(await fieldFor("Telefoon").inputValue()).toBe("phone");
    await page.getByRole("button", { name: "Naar controleren" }).click();

    const problems = page.getByRole("table", { name: "Fouten per regel" });
    await problems.waitFor();
    const problemRow = problems.getByRole("row").filter({ hasText: "Geen geldige Nederlandse postcode" });
    await expect.poll(() => problemRow.count()).toBe(1);
    expect((await problemRow.getByRole("cell").allTextContents()).slice(0, 3)).toEqual(["3", "Hoveniersbedrijf Groen", "Postcode"]);
    expect(await page.getByRole("button", { name: "Importeren", exact: true }).isDisabled()).toBe(true);

    // The fix: the corrected file, which has the same columns, so the mapping is remembered.
    await page.getByRole("button", { name: "Ander bestand kiezen" }).click();
    await chooseFile(page, "relaties.csv", GOOD_FILE);
    await page.getByText("Koppeling onthouden van een eerder bestand met deze kolommen").waitFor();
    await expect.poll(() => fieldFor("Postcode").inputValue()).toBe("postcode");
    await page.getByRole("button", { name: "Naar controleren" }).click();
    await page.getByText("Geen fouten gevonden").waitFor();
    await expect.poll(() => page.locator('[data-count="created"]').textContent()).toBe("2");
    const commit = page.getByRole("button", { name: "Importeren", exact: true });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();

    await page.getByRole("status").filter({ hasText: "Import voltooid" }).first().waitFor();
    await page.getByRole("link", { name: "Naar de relaties" }).click();
    await page.getByRole("heading", { name: "Relaties", level: 1 }).waitFor();
    await page.getByRole("searchbox", { name: "Zoeken" }).fill("glans");
    await page.getByRole("link", { name: "Schoonmaakbedrijf Glans" }).click();
    await page.getByRole("heading", { name: "Schoonmaakbedrijf Glans", level: 1 }).waitFor();
    await page.getByText("12345678").waitFor();
    await page.getByText(/3511 AB\s+Utrecht/).waitFor();
    await closePage();
  });

  it("imports the good rows only when asked, and hands back the rejected row with its reason", async () => {
    const { page } = await open();
    await logIn(page);
    await page.goto("/imports");
    await page.getByRole("heading", { name: "Importeren", level: 1 }).waitFor();
    const file = csv("Drukkerij Inkt;11223344;1234 AB;Zwolle;", "Drukkerij Vlek;44332211;9999;Kampen;");
    await chooseFile(page, "drukkerijen.csv", file);
    await page.getByRole("button", { name: "Naar controleren" }).click();
    const goodOnly = page.getByRole("button", { name: "Alleen de goede regel importeren" });
    await goodOnly.click();
    await page.getByRole("alert").filter({ hasText: "1 regel is niet geïmporteerd" }).waitFor();
    expect(await page.locator('[data-count="created"]').textContent()).toBe("1");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Afgewezen regels (CSV)" }).click();
    const rejected = await download;
    expect(rejected.suggestedFilename()).toBe("drukkerijen-afgewezen.csv");
    const lines = (await readFile(await rejected.path(), "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toEqual([`${HEADER};Regel in bestand;Reden`, "Drukkerij Vlek;44332211;9999;Kampen;;3;Postcode: Geen geldige Nederlandse postcode (bijvoorbeeld 1234 AB)"]);
    await closePage();
  });

  it("exports the relations of the current filter as CSV", async () => {
    await seedRelation(suite.server, { name: "Kantoorhuis Noord", visitPostcode: "9711 AA", visitCity: "Groningen" });
    await seedRelation(suite.server, { name: "Kantoorhuis Zuid", visitPostcode: "5611 AA", visitCity: "Eindhoven" });
    const { page } = await open();
    await logIn(page);
    await page.getByRole("searchbox", { name: "Zoeken" }).fill("kantoorhuis noord");
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    await page.getByRole("button", { name: "Exporteren" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Relaties als CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^relaties-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await file.path();
    const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]?.split(";").slice(0, 2)).toEqual(["Bedrijfsnaam", "KvK-nummer"]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Kantoorhuis Noord");
    // A role without persons.export is not offered the personal-data exports.
    expect(await page.getByRole("menuitem", { name: /Contactpersonen/ }).count()).toBe(0);
    await closePage();
  });

  it("merges a duplicate after a version conflict, and shows what moved and the audit line", async () => {
    const body = { name: "Bakkerij De Korenschoof", visitPostcode: "1012 LG", visitCity: "Amsterdam" };
    const survivorId = await seedRelation(suite.server, body);
    const duplicateId = await seedRelation(suite.server, { ...body, phone: "020-1234567" });
    const person = await suite.server.app.inject({ method: "POST", url: `/api/relations/${duplicateId}/persons`, headers: suite.server.headers, payload: { firstName: "Kees", lastName: "Bakker" } });
    expect(person.statusCode).toBe(201);

    const { page } = await open();
    await logIn(page);
    await page.getByRole("link", { name: "Dubbele relaties" }).click();
    await page.getByRole("heading", { name: "Dubbele relaties", level: 1 }).waitFor();
    const pairRow = page.getByRole("row").filter({ hasText: "Zelfde naam en postcode" });
    await pairRow.getByRole("button", { name: /vergelijken/ }).click();
    await page.getByRole("table", { name: "Vergelijking van de twee relaties" }).waitFor();
    const survivorChoice = page.getByRole("radio", { name: new RegExp(`#${survivorId},`) });
    await survivorChoice.check();
    await page.getByText("1 contactpersoon").first().waitFor();
    await page.getByText("wordt aangevuld").first().waitFor(); // the phone number of the duplicate

    // Someone saves the survivor meanwhile: the merge must not go through on what was compared.
    const detail = await suite.server.app.inject({ method: "GET", url: `/api/relations/${survivorId}`, headers: suite.server.headers });
    const version = (detail.json() as { version: number }).version;
    const patched = await suite.server.app.inject({
      method: "PATCH",
      url: `/api/relations/${survivorId}`,
      headers: { ...suite.server.headers, "if-match": `"${version}"` },
      payload: { website: "https://korenschoof.example" },
    });
    expect(patched.statusCode).toBe(200);

    const confirmMerge = async () => {
      await page.getByRole("button", { name: "Samenvoegen…" }).click();
      const dialog = page.getByRole("dialog", { name: "Relaties samenvoegen" });
      await dialog.getByRole("button", { name: "Samenvoegen", exact: true }).click();
    };
    await confirmMerge();
    await page.getByText("Iemand anders heeft dit intussen gewijzigd").waitFor();
    await page.getByRole("button", { name: "Opnieuw laden" }).click();
    await page.getByText("https://korenschoof.example").waitFor();
    await confirmMerge();

    const result = page.getByRole("status").filter({ hasText: "Samengevoegd" });
    await result.waitFor();
    await result.getByText("Contactpersonen: 1").waitFor();
    await result.getByText(`samengevoegd Bakkerij De Korenschoof (#${duplicateId}) → Bakkerij De Korenschoof (#${survivorId})`).waitFor();
    await result.getByRole("link", { name: "Bakkerij De Korenschoof openen" }).click();
    await page.getByRole("heading", { name: "Bakkerij De Korenschoof", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/relations/${survivorId}`);
    await page.getByText("020-1234567").waitFor(); // filled from the duplicate
    await page.getByRole("tab", { name: /Contactpersonen \(1\)/ }).click();
    await page.getByText("Kees Bakker").first().waitFor();
    // The audit trail of the survivor says what was merged into it.
    await page.getByRole("tab", { name: "Wijzigingen" }).click();
    await page.getByText(`Anna de Vries voegde Bakkerij De Korenschoof (#${duplicateId}) samen met Bakkerij De Korenschoof (#${survivorId}).`).waitFor();
    const gone = await suite.server.app.inject({ method: "GET", url: `/api/relations/${duplicateId}`, headers: suite.server.headers });
    expect(gone.statusCode).toBe(404);
    await closePage();
  });
});
