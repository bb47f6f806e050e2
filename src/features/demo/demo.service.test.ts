import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Engine } from "../../db/kysely.js";
import { allowedNextStatuses, RELATION_STATUSES, type RelationStatus } from "../../domain/lifecycle.js";
import { type Gender, personSortKey } from "../../domain/person-name.js";
import { normalizeDutchPostcode } from "../../domain/postcode.js";
import { PROJECT_ROOT } from "../../server/paths.js";
import { startTestApp, type TestApp } from "../../test-support/app.js";
import { createTestDatabase, ENGINES } from "../../test-support/databases.js";
import { DEMO_PASSWORD } from "./company.js";
import { type DemoSummary, demoLogins, seedDemo } from "./demo.service.js";

const NOW = new Date("2026-11-27T08:00:00.000Z");
const SIZE = 300;
const SEED = 7;

/** A fingerprint of everything generated: relations, persons and history, in id order. */
async function digest(db: Db): Promise<string> {
  const hash = createHash("sha256");
  const relations = await db.selectFrom("relations").selectAll().orderBy("id").execute();
  const persons = await db.selectFrom("persons").selectAll().orderBy("id").execute();
  const terms = await db.selectFrom("relation_search_terms").selectAll().orderBy("relation_id").orderBy("term").execute();
  const history = await db.selectFrom("relation_status_changes").select(["relation_id", "from_status", "to_status", "reason", "changed_at"]).orderBy("id").execute();
  for (const part of [relations, persons, terms, history]) hash.update(JSON.stringify(part));
  return hash.digest("hex");
}

const digests = new Map<Engine, string>();

describe.each(ENGINES)("demo company on %s", (engine) => {
  let t: TestApp;
  let summary: DemoSummary;

  beforeAll(async () => {
    t = await startTestApp(engine);
    summary = await seedDemo(t.ctx.db, { relations: SIZE, seed: SEED }, NOW);
  });
  afterAll(async () => t?.close());

  it("creates the sales team with its documented logins", async () => {
    const roles = summary.users.map((u) => u.role).sort();
    expect(roles).toEqual(["admin", "field_sales", "field_sales", "field_sales", "field_sales", "field_sales", "inside_sales", "inside_sales", "marketing", "purchasing", "sales_manager"]);
    expect(summary.users.every((u) => u.password === DEMO_PASSWORD && u.email.endsWith("@glansrijk.nl"))).toBe(true);
    expect(await demoLogins(t.ctx.db)).toEqual(summary.users);
    const manager = await t.ctx.db.selectFrom("users").select(["profit_responsible"]).where("email", "=", "manager@glansrijk.nl").executeTakeFirstOrThrow();
    expect(manager.profit_responsible).toBe(1);
    const login = await t.app.inject({ method: "POST", url: "/api/session", payload: { email: "manager@glansrijk.nl", password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.role).toBe("sales_manager");
  });

  it("gives every rayon one field rep, who lives in it and owns the relations there", async () => {
    const reps = await t.ctx.db
      .selectFrom("users as u")
      .innerJoin("user_rayons as ur", "ur.user_id", "u.id")
      .innerJoin("rayons as r", "r.id", "ur.rayon_id")
      .select(["u.id", "r.id as rayon_id", "r.name"])
      .where("u.role", "=", "field_sales")
      .execute();
    expect(reps.map((r) => r.name).sort()).toEqual(["Midden", "Noord", "Oost", "West", "Zuid"]);
    const mismatched = await t.ctx.db
      .selectFrom("relations as rel")
      .leftJoin("user_rayons as ur", (j) => j.onRef("ur.user_id", "=", "rel.owner_id").onRef("ur.rayon_id", "=", "rel.rayon_id"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ur.user_id", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(mismatched.n)).toBe(0);
  });

  it("fills every field rep's agenda around today, some visits planned by inside sales", async () => {
    const rows = await t.ctx.db
      .selectFrom("appointments as a")
      .innerJoin("users as f", "f.id", "a.for_user_id")
      .innerJoin("users as c", "c.id", "a.created_by")
      .select(["a.for_user_id", "f.role as for_role", "c.role as maker_role", "a.starts_at"])
      .execute();
    const reps = await t.ctx.db.selectFrom("users").select("id").where("role", "=", "field_sales").execute();
    for (const rep of reps) expect(rows.some((r) => r.for_user_id === rep.id), `rep ${rep.id}`).toBe(true);
    expect(rows.every((r) => r.for_role === "field_sales")).toBe(true);
    expect(rows.some((r) => r.maker_role === "inside_sales")).toBe(true);
    const week = rows.filter((r) => Math.abs(Date.parse(r.starts_at) - NOW.getTime()) <= 8 * 86_400_000);
    expect(week.length).toBe(rows.length);
  });

  it("draws every rep's rayon from postcode ranges with sub-areas on a two-week cycle, so /planning can plan him", async () => {
    const reps = await t.ctx.db.selectFrom("users as u").innerJoin("user_rayons as ur", "ur.user_id", "u.id").select(["u.id", "ur.rayon_id", "u.home_lat"]).where("u.role", "=", "field_sales").execute();
    expect(reps.length).toBe(5);
    for (const rep of reps) {
      expect(rep.home_lat, `home of rep ${rep.id}`).not.toBeNull();
      const ranges = await t.ctx.db.selectFrom("rayon_postcode_ranges").select("from_pc4").where("rayon_id", "=", rep.rayon_id).execute();
      expect(ranges.length, `ranges of rayon ${rep.rayon_id}`).toBeGreaterThan(0);
      const areas = await t.ctx.db.selectFrom("sub_areas").select(["id", "cycle_weeks"]).where("rayon_id", "=", rep.rayon_id).execute();
      expect(areas.length).toBe(10);
      expect(areas.every((a) => a.cycle_weeks === 2)).toBe(true);
      const members = await t.ctx.db.selectFrom("sub_area_relations").select("relation_id").where("sub_area_id", "in", areas.map((a) => a.id)).execute();
      expect(members.length).toBeGreaterThan(0);
    }
  });

  it("places every relation at a valid Dutch postcode of a known postcode area, with its coordinates", async () => {
    const rows = await t.ctx.db
      .selectFrom("relations as r")
      .leftJoin("postcode_areas as p", (j) => j.on((eb) => eb("p.pc4", "=", eb.fn<string>("substr", ["r.visit_postcode", eb.val(1), eb.val(4)]))))
      .select(["r.visit_postcode", "r.visit_city", "r.lat", "r.lon", "r.geo_source", "p.lat as area_lat", "p.lon as area_lon"])
      .execute();
    expect(rows).toHaveLength(SIZE);
    for (const r of rows) {
      const normal = normalizeDutchPostcode(r.visit_postcode ?? "");
      expect(normal.ok && normal.value === r.visit_postcode, `postcode ${r.visit_postcode}`).toBe(true);
      expect(r.area_lat, `area of ${r.visit_postcode}`).not.toBeNull();
      expect([r.lat, r.lon, r.geo_source]).toEqual([r.area_lat, r.area_lon, "pc4"]);
      expect(r.visit_city).toBeTruthy();
    }
    const places = new Set(rows.map((r) => r.visit_city));
    expect(places.size).toBeGreaterThan(100);
  });

  it("gives relations unique 8-digit KvK numbers (branches share their group's)", async () => {
    const rows = await t.ctx.db.selectFrom("relations").select(["kvk_number", "parent_id"]).execute();
    const numbers = rows.map((r) => r.kvk_number).filter((k): k is string => k !== null);
    expect(numbers.every((k) => /^[0-9]{8}$/.test(k))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(rows.filter((r) => r.kvk_number === null).every((r) => r.parent_id !== null)).toBe(true);
    expect(rows.some((r) => r.parent_id !== null)).toBe(true);
  });

  it("mixes statuses realistically, each with a history of allowed steps that ends in it", async () => {
    const relations = await t.ctx.db.selectFrom("relations").select(["id", "status", "account_class", "class_override", "class_override_reason"]).execute();
    const count = (s: RelationStatus) => relations.filter((r) => r.status === s).length;
    expect(relations.every((r) => (RELATION_STATUSES as readonly string[]).includes(r.status))).toBe(true);
    expect(count("customer") / SIZE).toBeGreaterThan(0.15);
    expect(count("customer") / SIZE).toBeLessThan(0.4);
    expect((count("suspect") + count("prospect")) / SIZE).toBeGreaterThan(0.45);
    expect(count("former_customer")).toBeGreaterThan(0);
    expect(count("dead")).toBeGreaterThan(0);

    const history = await t.ctx.db.selectFrom("relation_status_changes").select(["relation_id", "from_status", "to_status", "reason"]).orderBy("id").execute();
    const byRelation = new Map<number, typeof history>();
    for (const h of history) byRelation.set(h.relation_id, [...(byRelation.get(h.relation_id) ?? []), h]);
    for (const r of relations) {
      const steps = byRelation.get(r.id) ?? [];
      expect(steps[0]?.from_status).toBeNull();
      expect(steps.at(-1)?.to_status).toBe(r.status);
      for (const s of steps.slice(1)) expect(allowedNextStatuses(s.from_status as RelationStatus)).toContain(s.to_status);
      expect(steps.every((s) => s.reason.trim() !== "")).toBe(true);
    }
  });

  it("classes every customer, with a couple of strategic overrides that carry a reason", async () => {
    const customers = await t.ctx.db.selectFrom("relations").select(["id", "account_class", "class_override", "class_override_reason"]).where("status", "=", "customer").execute();
    expect(customers.every((c) => c.account_class !== null)).toBe(true);
    const overrides = customers.filter((c) => c.class_override === 1);
    expect(overrides.length).toBeGreaterThanOrEqual(2);
    expect(overrides.every((c) => (c.class_override_reason ?? "").length > 10)).toBe(true);
    const classes = new Set(customers.map((c) => c.account_class));
    expect([...classes].every((c) => c !== null && ["key", "A", "B", "C"].includes(c))).toBe(true);
    expect(classes.has("C") && classes.has("B") && classes.has("A")).toBe(true);
    const last = await t.ctx.db.selectFrom("relation_class_changes").select(["relation_id", "to_class", "override"]).orderBy("id").execute();
    const latest = new Map(last.map((h) => [h.relation_id, h.to_class]));
    for (const c of customers) expect(latest.get(c.id)).toBe(c.account_class);
  });

  it("gives each relation 1 to 4 persons with Dutch names, sort keys and DMU roles", async () => {
    const persons = await t.ctx.db.selectFrom("persons").selectAll().execute();
    const perRelation = new Map<number, number>();
    for (const p of persons) perRelation.set(p.relation_id, (perRelation.get(p.relation_id) ?? 0) + 1);
    expect(perRelation.size).toBe(SIZE);
    expect([...perRelation.values()].every((n) => n >= 1 && n <= 4)).toBe(true);
    expect(summary.persons).toBe(persons.length);
    for (const p of persons) {
      expect(p.sort_key).toBe(personSortKey({ firstName: p.first_name, initials: p.initials, infix: p.infix, lastName: p.last_name, gender: p.gender as Gender, title: p.title }));
      expect(["m", "v", "x"]).toContain(p.gender);
    }
    expect(persons.some((p) => p.infix !== null)).toBe(true);
    const withoutRole = await t.ctx.db
      .selectFrom("persons as p")
      .leftJoin("person_dmu_roles as d", "d.person_id", "p.id")
      .select("p.id")
      .where("d.person_id", "is", null)
      .execute();
    expect(withoutRole).toEqual([]);
  });

  it("makes demo relations findable by type-ahead search on name and city", async () => {
    const headers = (await t.userWithRole("inside_sales")).headers;
    const target = await t.ctx.db.selectFrom("relations").select(["id", "name", "visit_city"]).where("parent_id", "is", null).orderBy("id").offset(17).limit(1).executeTakeFirstOrThrow();
    const q = `${target.name.split(" ")[0]} ${(target.visit_city ?? "").slice(0, 3)}`;
    const res = await t.app.inject({ method: "GET", url: `/api/relations?limit=200&q=${encodeURIComponent(q)}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { id: number }) => r.id)).toContain(target.id);
  });

  it("gives the same data for the same seed in a second database", async () => {
    const other = await createTestDatabase(engine);
    try {
      await seedDemo(other.handle.db, { relations: SIZE, seed: SEED }, NOW);
      const first = await digest(t.ctx.db);
      expect(await digest(other.handle.db)).toBe(first);
      digests.set(engine, first);
    } finally {
      await other.drop();
    }
  });

  it("refuses to load into a database that holds relations, in the service and in `koers demo`", async () => {
    await expect(seedDemo(t.ctx.db, { relations: 10, seed: 1 }, NOW)).rejects.toMatchObject({ status: 409 });
    const run = promisify(execFile);
    const result = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", "demo", "--size", "10"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: t.database.url, KOERS_DEMO: "0" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in result ? result.code : 0).toBe(1);
    expect(result.stderr).toContain("already holds relations");
    const count = await t.ctx.db.selectFrom("relations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(SIZE);
  });

  it("answers a search alike whether a common word is probed per relation or a rare one drives", async () => {
    // 5,100 extra terms "zzq…" on every third relation: more than the 5,000 below which a word drives.
    const all = await t.ctx.db.selectFrom("relations").select(["id", "name", "status"]).orderBy("name_key").orderBy("id").execute();
    const relations = all.filter((_, i) => i % 3 === 0);
    const extra = Array.from({ length: 5_100 }, (_, i) => ({ term: `zzq${String(i).padStart(4, "0")}`, relation_id: (relations[i % relations.length] as { id: number }).id }));
    for (let i = 0; i < extra.length; i += 500) await t.ctx.db.insertInto("relation_search_terms").values(extra.slice(i, i + 500)).execute();
    // Their 3-character prefix as writeSearchTerms keeps it ("z" and "zz" exist already and are not searched here).
    const keyed = await t.ctx.db.selectFrom("relations").select(["id", "name_key"]).where("id", "in", relations.map((r) => r.id)).execute();
    const prefixes = keyed.map((r) => ({ prefix: "zzq", name_key: r.name_key, relation_id: r.id }));
    for (let i = 0; i < prefixes.length; i += 500) await t.ctx.db.insertInto("relation_search_prefixes").values(prefixes.slice(i, i + 500)).execute();
    try {
      const headers = (await t.userWithRole("inside_sales")).headers;
      const list = async (query: string) => (await t.app.inject({ method: "GET", url: `/api/relations?limit=200&${query}`, headers })).json();
      const common = await list("q=zzq");
      expect(common.items.map((r: { id: number }) => r.id)).toEqual(relations.map((r) => r.id));
      expect(common.total).toEqual({ count: relations.length, exact: true });
      const customers = relations.filter((r) => r.status === "customer");
      const filtered = await list("q=zzq&status=customer");
      expect(filtered.items.map((r: { id: number }) => r.id)).toEqual(customers.map((r) => r.id));
      expect(filtered.total.count).toBe(customers.length);
      // A rarer word drives; the common one is probed: exactly the relations with both words.
      const word = (relations.map((r) => r.name.split(" ").at(-1) ?? "").find((w) => /^[A-Za-z]{6,}$/.test(w)) ?? "").toLowerCase();
      const withWord = await t.ctx.db
        .selectFrom("relation_search_terms")
        .select("relation_id")
        .distinct()
        .where("term", ">=", word)
        .where("term", "<", `${word}~`)
        .where("relation_id", "in", relations.map((r) => r.id))
        .execute();
      const both = await list(`q=${encodeURIComponent(`zzq ${word}`)}`);
      expect(word).not.toBe("");
      expect(both.items.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b)).toEqual(withWord.map((r) => r.relation_id).sort((a, b) => a - b));
      expect(both.total.count).toBe(withWord.length);
    } finally {
      await t.ctx.db.deleteFrom("relation_search_terms").where("term", ">=", "zzq").where("term", "<", "zzq~").execute();
      await t.ctx.db.deleteFrom("relation_search_prefixes").where("prefix", "=", "zzq").execute();
    }
  });
});

describe("demo company on both engines", () => {
  it.runIf(ENGINES.length > 1)("is the same data on SQLite and PostgreSQL", () => {
    expect(digests.size).toBe(2);
    expect(digests.get("sqlite")).toBe(digests.get("postgres"));
  });
});
