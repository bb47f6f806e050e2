// News on key relations in a real browser at phone width (390 px): the administrator lists the feed
// host, the rep gives a relation its feed address (another host is refused with a clear message),
// fetches it now, reads the items on the relation's timeline tab and on Mijn dag, marks them read;
// a feed that is not XML shows why. The feeds come from a local feed server on 127.0.0.1.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/features/users/user.service.js";
import { type FeedServer, startFeedServer } from "../../src/test-support/feed-server.js";
import { browserSuite, LANDING, logInAs, seedRelation, USER } from "./support.js";

const SHOTS = join(tmpdir(), "koers-screenshots");
const ADMIN = { email: "beheer@koers.test", name: "Bea Beheer", password: "correct horse battery" } as const;

describe("news of a relation in the browser", () => {
  const { suite, open, closePage } = browserSuite();
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(() => feeds?.close());

  const noSidewaysScroll = async (page: import("playwright-core").Page) =>
    expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  it("lets the administrator allow a host, the rep add and fetch a feed, and shows the news on Mijn dag", async () => {
    await addUser(suite.server.database.handle.db, { ...ADMIN, role: "admin", rayonNames: [] }, new Date());
    const rep = await suite.server.database.handle.db.selectFrom("users").select("id").where("email", "=", USER.email).executeTakeFirstOrThrow();
    const relationId = await seedRelation(suite.server, { name: "Schoonmaakbedrijf Glans", status: "customer", statusReason: "Klant", ownerId: rep.id });

    const admin = await open();
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await logInAs(admin.page, ADMIN, LANDING.admin);
    await admin.page.getByRole("heading", { name: "Nieuwsbronnen" }).waitFor();
    await admin.page.getByRole("textbox", { name: "Toegestane websites" }).fill("127.0.0.1");
    await admin.page.getByRole("region", { name: "Nieuwsbronnen" }).getByRole("button", { name: "Opslaan" }).click();
    await admin.page.getByText("Opgeslagen").first().waitFor();
    await closePage();

    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, USER, LANDING.field_sales);
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("heading", { name: "Nieuws", level: 2 }).waitFor();
    await page.getByRole("button", { name: "Nieuwsfeed toevoegen" }).click();
    const address = page.getByRole("textbox", { name: /Adres van de nieuwsfeed/ });
    await address.fill("https://elders.example.org/feed");
    await page.getByRole("region", { name: "Nieuws" }).getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("staat op een website die de beheerder niet heeft toegestaan").waitFor();

    await address.fill(`${feeds.base}/rss`);
    await page.getByRole("region", { name: "Nieuws" }).getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("Nog niet opgehaald", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Nu ophalen" }).click();
    await page.getByRole("link", { name: "Contract met gemeente" }).waitFor({ timeout: 20_000 });
    await page.getByRole("link", { name: "Nieuwe machines" }).waitFor();
    await noSidewaysScroll(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.getByRole("region", { name: "Nieuws" }).screenshot({ path: join(SHOTS, "relation-news-390.png") });

    await page.goto("/my-day");
    const news = page.getByRole("region", { name: "Nieuws van je relaties" });
    await news.getByRole("link", { name: "Contract met gemeente" }).waitFor();
    await news.getByRole("link", { name: "Schoonmaakbedrijf Glans" }).first().waitFor();
    await noSidewaysScroll(page);
    await news.screenshot({ path: join(SHOTS, "myday-news-390.png") });
    await news.getByRole("button", { name: "Gelezen" }).click();
    await news.waitFor({ state: "detached" });

    // An address that gives a web page instead of a feed: the reason stays on the feed.
    await page.goto(`/relations/${relationId}`);
    await page.getByRole("button", { name: "Nieuwsfeed wijzigen" }).click();
    await page.getByRole("textbox", { name: /Adres van de nieuwsfeed/ }).fill(`${feeds.base}/html`);
    await page.getByRole("region", { name: "Nieuws" }).getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("button", { name: "Nu ophalen" }).click();
    await page.getByRole("alert").getByText("Dit adres geeft geen XML", { exact: false }).waitFor({ timeout: 20_000 });
    await noSidewaysScroll(page);
    await closePage();
  });
});
