// The live geocoder (PDOK Locatieserver) in the geocode job, against a stub Locatieserver on
// loopback: found addresses get their address point (source pc6, ± 25 m), everything the server
// cannot answer keeps the offline coordinate, and the job says how many and why.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_VIEWER } from "../../domain/access.js";
import { loadConfig } from "../../config.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { ENGINES } from "../../test-support/databases.js";
import { waitForJob } from "../../test-support/jobs.js";
import { type PdokStub, startPdokStub } from "../../test-support/pdok-stub.js";
import type { GeocodeResult } from "./geocode.job.js";
import { askable } from "./pdok.js";

// The offline centroid of PC4 3511 (see geocode.test.ts).
const PC4_3511 = { lat: 52.088408, lon: 5.117596 };

describe("the live geocoder's setting and address parts", () => {
  it("is off by default, takes an http(s) address, and refuses anything else naming the setting", () => {
    expect(loadConfig({}).geocoder).toBeNull();
    expect(loadConfig({ KOERS_GEOCODER_URL: "https://api.pdok.nl/bzk/locatieserver/search/v3_1/" }).geocoder).toEqual({ url: "https://api.pdok.nl/bzk/locatieserver/search/v3_1", timeoutMs: 5000 });
    expect(() => loadConfig({ KOERS_GEOCODER_URL: "api.pdok.nl" })).toThrow(/KOERS_GEOCODER_URL/);
    expect(() => loadConfig({ KOERS_GEOCODER_URL: "ftp://api.pdok.nl" })).toThrow(/KOERS_GEOCODER_URL/);
    expect(() => loadConfig({ KOERS_GEOCODER_URL: "https://user:pw@api.pdok.nl" })).toThrow(/KOERS_GEOCODER_URL/);
    expect(() => loadConfig({ KOERS_GEOCODER_URL: "https://api.pdok.nl", KOERS_GEOCODER_TIMEOUT_MS: "soon" })).toThrow(/KOERS_GEOCODER_TIMEOUT_MS/);
  });

  it("asks only about Dutch addresses with a full postcode and a house number", () => {
    expect(askable({ postcode: "3511 ab", houseNumber: "12" })).toEqual({ postcode: "3511AB", number: 12, letter: null, addition: null });
    expect(askable({ postcode: "3511AB", houseNumber: "12a" })).toMatchObject({ number: 12, letter: "A" });
    expect(askable({ postcode: "3511AB", houseNumber: "12-2" })).toMatchObject({ number: 12, letter: null, addition: "2" });
    expect(askable({ postcode: "3511", houseNumber: "12" })).toBeNull();
    expect(askable({ postcode: "3511AB", houseNumber: null })).toBeNull();
    expect(askable({ postcode: "3511AB", houseNumber: "bij de kerk" })).toBeNull();
    expect(askable({ postcode: "2000", houseNumber: "1", country: "BE" })).toBeNull();
  });
});

describe.each(ENGINES)("geocoding with a live geocoder on %s", (engine) => {
  let t: TestApp;
  let stub: PdokStub;
  let elsewhere: Server;
  let elsewhereHits = 0;
  let rep: { id: number; headers: Record<string, string> };
  let admin: { id: number; headers: Record<string, string> };

  beforeAll(async () => {
    // The host a redirect points at: another host name; it must never be asked.
    elsewhere = createServer((_req, res) => {
      elsewhereHits += 1;
      res.end("{}");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const redirectTo = `http://localhost:${(elsewhere.address() as AddressInfo).port}`;
    stub = await startPdokStub(
      [
        { postcode: "3511AB", huisnummer: 1, lat: 52.09211, lon: 5.11942, weergavenaam: "Voorstraat 1, 3511AB Utrecht" },
        { postcode: "3511AB", huisnummer: 3, huisletter: "A", lat: 52.09233, lon: 5.11977, weergavenaam: "Voorstraat 3A, 3511AB Utrecht" },
        { postcode: "9401HL", huisnummer: 12, lat: 52.99412, lon: 6.56218, weergavenaam: "Markt 12, 9401HL Assen" },
      ],
      { redirectTo, slowMs: 1_500 },
    );
    t = await startTestApp(engine, { env: { KOERS_GEOCODER_URL: stub.url, KOERS_GEOCODER_TIMEOUT_MS: "300" } });
    rep = await t.userWithRole("field_sales");
    admin = await t.userWithRole("admin");
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
    await new Promise((resolve) => elsewhere?.close(resolve));
  });

  const create = async (name: string, body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: "POST", url: "/api/relations", headers: rep.headers, payload: { name, ...body } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; coordinates: { lat: number; lon: number; source: string; precisionM: number } | null };
  };
  const coordinatesOf = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: rep.headers })).json().coordinates;
  const runJob = async () => {
    const job = await waitForJob(t.app, admin.headers, (await t.ctx.jobs.enqueue("geo.geocode", {}, SYSTEM_VIEWER)).id);
    expect(job.state).toBe("succeeded");
    return job.result as GeocodeResult;
  };

  let ids: Record<string, number> = {};

  it("places addresses the geocoder knows at their address point, and keeps the offline one for every bad answer", async () => {
    const utrecht = { visitPostcode: "3511 AB", visitCity: "Utrecht" };
    ids = {
      found: (await create("Gevonden", { ...utrecht, visitHouseNumber: "1" })).id,
      serverError: (await create("Serverfout", { ...utrecht, visitHouseNumber: "500" })).id,
      letter: (await create("Met letter", { ...utrecht, visitHouseNumber: "3a" })).id,
      garbage: (await create("Onzin", { ...utrecht, visitHouseNumber: "666" })).id,
      redirect: (await create("Doorverwijzing", { ...utrecht, visitHouseNumber: "301" })).id,
      slow: (await create("Traag", { ...utrecht, visitHouseNumber: "999" })).id,
      unknown: (await create("Onbekend nummer", { ...utrecht, visitHouseNumber: "7" })).id,
      assen: (await create("Assen", { visitPostcode: "9401 HL", visitCity: "Assen", visitHouseNumber: "12" })).id,
      noNumber: (await create("Zonder nummer", utrecht)).id,
      belgian: (await create("Antwerpen", { visitPostcode: "2000", visitCity: "Antwerpen", visitCountry: "BE", visitHouseNumber: "1" })).id,
    };
    // Creating a relation never asks the geocoder (not on the request path): offline coordinates.
    expect(stub.requests).toEqual([]);
    expect(await coordinatesOf(ids.found as number)).toMatchObject({ source: "pc4", ...PC4_3511 });

    const result = await runJob();
    expect(result.geocoder).toMatchObject({ asked: 8, found: 3, noMatch: 1, failed: { timeout: 1, unavailable: 1, redirect: 1, bad_answer: 1 }, skipped: 0, gaveUp: false });
    expect(result.geocoder?.summary).toBe(
      "8 addresses asked, 3 found; 1 not known to the geocoder; 4 not answered (1 timed out, 1 server unavailable or error, 1 redirected (not followed), 1 unreadable answer); every address without an answer keeps its offline coordinate",
    );
    expect(result.relations).toMatchObject({ pc6: 3, changed: 3, none: 1 });
    expect(stub.requests).toHaveLength(8);
    expect(elsewhereHits).toBe(0);

    expect(await coordinatesOf(ids.found as number)).toEqual({ lat: 52.09211, lon: 5.11942, source: "pc6", precisionM: 25 });
    expect(await coordinatesOf(ids.letter as number)).toEqual({ lat: 52.09233, lon: 5.11977, source: "pc6", precisionM: 25 });
    expect(await coordinatesOf(ids.assen as number)).toMatchObject({ lat: 52.99412, source: "pc6" });
    for (const key of ["serverError", "garbage", "redirect", "slow", "unknown", "noNumber"]) {
      expect({ key, ...(await coordinatesOf(ids[key] as number)) }).toMatchObject({ key, source: "pc4", ...PC4_3511 });
    }
    expect(await coordinatesOf(ids.belgian as number)).toBeNull();
  });

  it("keeps the address point through an edit that leaves the address alone, and drops it for another house number", async () => {
    const id = ids.found as number;
    const same = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { name: "Gevonden BV", visitPostcode: "3511 AB", visitHouseNumber: "1", visitCity: "Utrecht" } });
    expect(same.statusCode).toBe(200);
    expect(same.json().coordinates).toMatchObject({ source: "pc6", lat: 52.09211 });
    const moved = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"2"' }, payload: { visitHouseNumber: "2" } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().coordinates).toMatchObject({ source: "pc4", ...PC4_3511 });
  });

  it("merges take the duplicate's address point only together with its whole address", async () => {
    const merge = async (survivorId: number, duplicateId: number) => {
      const versionOf = async (id: number) => (await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: rep.headers })).json().version;
      const res = await t.app.inject({ method: "POST", url: `/api/relations/${survivorId}/merge`, headers: rep.headers, payload: { duplicateId, version: await versionOf(survivorId), duplicateVersion: await versionOf(duplicateId) } });
      expect(res.statusCode).toBe(200);
    };
    // Takes postcode, number and city of the Assen relation: its address point comes along.
    const empty = await create("Leeg", {});
    await merge(empty.id, ids.assen as number);
    expect(await coordinatesOf(empty.id)).toMatchObject({ source: "pc6", lat: 52.99412, precisionM: 25 });
    // Takes the postcode of "3511AB 3a" but keeps its own number 5: the postcode area, not 3a's point.
    const ownNumber = await create("Eigen nummer", { visitCity: "Utrecht", visitHouseNumber: "5" });
    await merge(ownNumber.id, ids.letter as number);
    expect(await coordinatesOf(ownNumber.id)).toMatchObject({ source: "pc4", ...PC4_3511 });
    delete ids.assen;
    delete ids.letter;
  });

  it("stops asking a geocoder that is down after five failures in a row, and still finishes with offline coordinates", async () => {
    stub.setMode("down");
    const fresh = await create("Nieuw", { visitPostcode: "3511 AB", visitCity: "Utrecht", visitHouseNumber: "1" });
    const before = stub.requests.length;
    const result = await runJob();
    // Asked again in id order: the edited one (now number 2) and the four failures; then no more (the
    // unknown number, the merged "Eigen nummer" and the new one are skipped); address points are not asked again.
    expect(result.geocoder).toMatchObject({ asked: 5, found: 0, failed: { unavailable: 5 }, skipped: 3, gaveUp: true });
    expect(result.geocoder?.summary).toContain("3 not asked after 5 failures in a row");
    expect(result.geocoder?.lastProblem).toContain("503");
    expect(stub.requests.length - before).toBe(5);
    expect(await coordinatesOf(fresh.id)).toMatchObject({ source: "pc4", ...PC4_3511 });
    expect(await coordinatesOf(ids.noNumber as number)).toMatchObject({ source: "pc4" });
    stub.setMode("ok");
  });
});
