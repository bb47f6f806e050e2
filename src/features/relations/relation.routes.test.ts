import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test-support/databases.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";

describe.each(ENGINES)("relations API on %s", (engine) => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let manager: { id: number; headers: Record<string, string> };

  beforeAll(async () => {
    t = await startTestApp(engine);
    rep = await t.userWithRole("field_sales", { name: "Ria Verkoper" });
    manager = await t.userWithRole("sales_manager");
  });
  afterAll(async () => t?.close());

  const create = (body: Record<string, unknown>, headers = rep.headers) =>
    t.app.inject({ method: "POST", url: "/api/relations", headers, payload: body });

  it("creates a relation with normalised postcode, KvK number and coordinates", async () => {
    const res = await create({ name: "Schoonmaakbedrijf De Vries B.V.", kvkNumber: "12.345.678", visitPostcode: "3511ab", visitCity: "Utrecht", status: "prospect", statusReason: "Eerste gesprek gehad" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.visitPostcode).toBe("3511 AB");
    expect(body.kvkNumber).toBe("12345678");
    expect(body.status).toBe("prospect");
    expect(body.owner).toEqual({ id: rep.id, name: "Ria Verkoper" });
    expect(body.coordinates?.source).toBe("pc4");
    expect(body.statusHistory[0]).toMatchObject({ fromStatus: null, toStatus: "prospect", reason: "Eerste gesprek gehad" });
    expect(res.headers.etag).toBe('"1"');
  });

  it("rejects malformed postcode, KvK number and e-mail with a message per field, and stores nothing", async () => {
    const before = await t.app.inject({ method: "GET", url: "/api/relations?q=kapot", headers: rep.headers });
    const res = await create({ name: "Kapot BV", visitPostcode: "12345", kvkNumber: "1234", email: "geen-mail" });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["email", "kvkNumber", "visitPostcode"]);
    const after = await t.app.inject({ method: "GET", url: "/api/relations?q=kapot", headers: rep.headers });
    expect(after.json().total.count).toBe(before.json().total.count);
  });

  it("rejects unknown fields, wrong types and overlong names", async () => {
    const unknown = await create({ name: "X", colour: "red" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "colour", code: "unknown_field" });
    const wrongType = await create({ name: 12 });
    expect(wrongType.statusCode).toBe(400);
    const long = await create({ name: "x".repeat(201) });
    expect(long.json().errors[0]).toMatchObject({ field: "name", code: "too_long" });
  });

  it("stores HTML in names as text", async () => {
    const res = await create({ name: "<script>alert(1)</script> BV" });
    expect(res.statusCode).toBe(201);
    const got = await t.app.inject({ method: "GET", url: `/api/relations/${res.json().id}`, headers: rep.headers });
    expect(got.json().name).toBe("<script>alert(1)</script> BV");
  });

  it("refuses a second relation with the same KvK number", async () => {
    await create({ name: "Eerste", kvkNumber: "87654321" });
    const res = await create({ name: "Tweede", kvkNumber: "87654321" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "kvkNumber", code: "kvk_taken" });
  });

  it("finds relations by the start of any word of the name, city or postcode, safe from SQL metacharacters", async () => {
    await create({ name: "Kantoorartikelen Jansen", visitCity: "Zwolle", visitPostcode: "8011 AA" });
    await create({ name: "Jansen & Zonen Facilitair", visitCity: "Groningen" });
    const byWord = await t.app.inject({ method: "GET", url: "/api/relations?q=jans", headers: rep.headers });
    expect(byWord.json().items.map((r: { name: string }) => r.name)).toEqual(["Jansen & Zonen Facilitair", "Kantoorartikelen Jansen"]);
    const twoWords = await t.app.inject({ method: "GET", url: "/api/relations?q=jansen%20zwol", headers: rep.headers });
    expect(twoWords.json().items.map((r: { name: string }) => r.name)).toEqual(["Kantoorartikelen Jansen"]);
    const byPostcode = await t.app.inject({ method: "GET", url: "/api/relations?q=8011", headers: rep.headers });
    expect(byPostcode.json().items).toHaveLength(1);
    const hostile = await t.app.inject({ method: "GET", url: `/api/relations?q=${encodeURIComponent("' OR 1=1 --%_")}`, headers: rep.headers });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.json().items).toEqual([]);
  });

  it("pages through a filtered list with a cursor, without gaps or repeats", async () => {
    for (let i = 0; i < 7; i++) await create({ name: `Pagina Test ${i}`, visitCity: "Pagedorp", status: "customer" });
    const seen: string[] = [];
    let url = "/api/relations?city=pagedorp&status=customer&limit=3&sort=name";
    for (let page = 0; page < 5; page++) {
      const res = await t.app.inject({ method: "GET", url, headers: rep.headers });
      const body = res.json();
      if (page === 0) expect(body.total).toEqual({ count: 7, exact: true });
      seen.push(...body.items.map((r: { name: string }) => r.name));
      if (!body.nextCursor) break;
      url = `/api/relations?city=pagedorp&status=customer&limit=3&sort=name&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Pagina Test ${i}`));
    const desc = await t.app.inject({ method: "GET", url: "/api/relations?city=pagedorp&sort=name&order=desc&limit=2", headers: rep.headers });
    expect(desc.json().items.map((r: { name: string }) => r.name)).toEqual(["Pagina Test 6", "Pagina Test 5"]);
  });

  it("filters on postcode range, class and owner", async () => {
    await create({ name: "Range Binnen", visitPostcode: "9712 AB", accountClass: "A" });
    await create({ name: "Range Buiten", visitPostcode: "1012 AB", accountClass: "B" });
    const res = await t.app.inject({ method: "GET", url: "/api/relations?q=range&postcodeFrom=97&postcodeTo=9799", headers: rep.headers });
    expect(res.json().items.map((r: { name: string }) => r.name)).toEqual(["Range Binnen"]);
    const byClass = await t.app.inject({ method: "GET", url: "/api/relations?q=range&class=B", headers: rep.headers });
    expect(byClass.json().items.map((r: { name: string }) => r.name)).toEqual(["Range Buiten"]);
    const byOwner = await t.app.inject({ method: "GET", url: `/api/relations?q=range&owner=${manager.id}`, headers: rep.headers });
    expect(byOwner.json().items).toEqual([]);
  });

  it("updates with If-Match and answers 412 to a stale version, keeping the newer data", async () => {
    const id = (await create({ name: "Versie BV" })).json().id;
    const first = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { phone: "030-1234567" } });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { phone: "010-7654321" } });
    expect(stale.statusCode).toBe(412);
    const missing = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: rep.headers, payload: { phone: "010-7654321" } });
    expect(missing.statusCode).toBe(428);
    const now = await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: rep.headers });
    expect(now.json().phone).toBe("030-1234567");
  });

  it("keeps every status change with reason, refuses jumps the lifecycle does not allow, and lets only a manager revive a dead relation", async () => {
    const id = (await create({ name: "Levensloop BV" })).json().id;
    const patch = (version: number, payload: Record<string, unknown>, headers = rep.headers) =>
      t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...headers, "if-match": `"${version}"` }, payload });
    expect((await patch(1, { status: "former_customer", statusReason: "x" })).json().errors[0].code).toBe("status_transition_not_allowed");
    expect((await patch(1, { status: "prospect" })).json().errors[0].code).toBe("status_reason_required");
    expect((await patch(1, { status: "prospect", statusReason: "Interesse getoond" })).statusCode).toBe(200);
    expect((await patch(2, { status: "dead", statusReason: "Slechte betaler" })).statusCode).toBe(200);
    const revive = await patch(3, { status: "prospect", statusReason: "Nieuwe directie" });
    expect(revive.json().errors[0].code).toBe("status_revive_manager_only");
    expect((await patch(3, { status: "prospect", statusReason: "Nieuwe directie" }, manager.headers)).statusCode).toBe(200);
    const detail = (await t.app.inject({ method: "GET", url: `/api/relations/${id}`, headers: rep.headers })).json();
    expect(detail.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(["prospect", "dead", "prospect", "suspect"]);
  });

  it("requires a reason for a strategic class override and keeps the class history", async () => {
    const id = (await create({ name: "Referentieklant BV", accountClass: "B" })).json().id;
    const noReason = await t.app.inject({ method: "PATCH", url: `/api/relations/${id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { accountClass: "key", classOverride: true } });
    expect(noReason.json().errors[0]).toMatchObject({ field: "classOverrideReason", code: "class_override_reason_required" });
    const ok = await t.app.inject({
      method: "PATCH",
      url: `/api/relations/${id}`,
      headers: { ...rep.headers, "if-match": '"1"' },
      payload: { accountClass: "key", classOverride: true, classOverrideReason: "Veeleisende referentieklant in de zorg" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().classHistory[0]).toMatchObject({ fromClass: "B", toClass: "key", override: true, reason: "Veeleisende referentieklant in de zorg" });
    const audit = await t.app.inject({ method: "GET", url: `/api/relations/${id}/audit`, headers: rep.headers });
    expect(audit.json().items.some((a: { field: string; newValue: string }) => a.field === "account_class" && a.newValue === "key")).toBe(true);
  });

  it("refuses a relation as its own group parent", async () => {
    const group = (await create({ name: "Groep Holding" })).json();
    const branch = (await create({ name: "Groep Vestiging Noord", parentId: group.id })).json();
    const cycle = await t.app.inject({ method: "PATCH", url: `/api/relations/${group.id}`, headers: { ...rep.headers, "if-match": '"1"' }, payload: { parentId: branch.id } });
    expect(cycle.json().errors[0].code).toBe("parent_cycle");
    const detail = (await t.app.inject({ method: "GET", url: `/api/relations/${group.id}`, headers: rep.headers })).json();
    expect(detail.branches.map((b: { name: string }) => b.name)).toEqual(["Groep Vestiging Noord"]);
  });

  it("answers 401 without credentials and 403 to a role that may not write", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/relations" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("unauthenticated");
    const purchasing = await t.userWithRole("purchasing");
    expect((await t.app.inject({ method: "GET", url: "/api/relations", headers: purchasing.headers })).statusCode).toBe(200);
    expect((await create({ name: "Mag Niet" }, purchasing.headers)).statusCode).toBe(403);
  });
});
