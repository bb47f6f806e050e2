// The access matrix over records: every role × every registered route that names a record × its
// method × the viewer's relationship to that record (its own, a colleague's in the same rayon,
// another rayon's, of nobody it relates to), against the one table of expected outcomes in
// src/test-support/access-expectations.ts. Fails on any mismatch, on any 5xx, and on any registered
// route without a line in that table. Every refused write (403/404 on POST/PUT/PATCH/DELETE) is
// checked to have changed nothing: every table's rows and checksum are the same before and after.
// Routes without a record are asked per role too: every read, and the writes ASK says how to send.
// One server and one dataset per engine; requests in-process (inject): about 30 s on SQLite and a
// minute on PostgreSQL. Set KOERS_MATRIX_OUT=/tmp/x to get the mismatches (and the allowed writes
// the data refused) in a file per engine.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../domain/roles.js";
import { createApiToken } from "../features/auth/session.service.js";
import { ACCESS, type Outcome, type Person, RELATIONSHIPS, type Relationship, type Target } from "../test-support/access-expectations.js";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { waitForJob } from "../test-support/jobs.js";
import { multipartFile } from "../test-support/multipart.js";
import { salesCsv } from "../test-support/sales.js";
import { registeredRoutes } from "./app.js";

type User = Person & { key: string; headers: Record<string, string> };
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** One cell of the matrix: who asks, whose record it is, the record's id. */
type Cell = { viewer: User; owner: User; id: number; record: (target: Target, owner: User, fresh?: boolean) => Promise<number> };
/** How a route is asked (beside its method and `:id`): a body, a query, the version to send in If-Match, a file. */
type Ask = { body?: (c: Cell) => unknown | Promise<unknown>; query?: string; ifMatch?: string; file?: string; usesUp?: boolean; param?: string; fields?: Record<string, string> };

/** Versioned tables, for If-Match: the version the user read. */
const VERSIONED: Partial<Record<Target, string>> = { relation: "relations", person: "persons", activity: "activities", followUp: "follow_ups", quote: "quotes", appointment: "appointments", plan: "planning_plans", user: "users", product: "products" };

/** What each write (and the odd read) sends; routes not named here are sent with no body and no query. */
const ASK: Record<string, Ask> = {
  "PATCH /api/admin/users/:id": { ifMatch: "user", body: () => ({ homeCity: "Zwolle" }) },
  "PUT /api/rayons/:id/postcode-ranges": { body: () => ({ ranges: [] }) },
  "POST /api/rayons/:id/sub-areas/proposal": { body: () => ({ cycleWeeks: 2 }) },
  "PUT /api/rayons/:id/sub-areas": { body: () => ({ cycleWeeks: 2, areas: [] }) },
  "PUT /api/rayons/:id/regions": { body: () => ({ regions: [] }) },
  "PUT /api/relations/:id/news-feed": { body: () => ({ url: null }) },
  "POST /api/relations/:id/customers": { body: async (c) => ({ customerId: await c.record("relation", c.owner, true) }) },
  "POST /api/relations/:id/customers/remove": { body: async (c) => ({ customerId: await c.record("relation", c.owner, true) }) },
  "PUT /api/news-settings": { body: () => ({ allowedHosts: [] }) },
  "PUT /api/rayons/:id/relations": { body: () => ({ relationIds: [] }) },
  "POST /api/visit-templates": { body: () => ({ name: { nl: "Matrix" }, objectives: [{ kind: "external", text: "Kennismaken", keyword: null }] }) },
  "PATCH /api/relations/:id": { ifMatch: "relation", body: () => ({ notes: "Gesprek gehad" }) },
  "POST /api/relations/:id/persons": { body: () => ({ lastName: "Jansen" }) },
  // Recorded for the relation's owner: acting for them.
  "POST /api/relations/:id/activities": { body: (c) => ({ kind: "phone_call", occurredAt: "2026-11-20T10:00:00Z", userIds: [c.owner.id], notes: "Gebeld" }) },
  "POST /api/relations/:id/followups": { body: () => ({ action: "Terugbellen", dueDate: "2026-12-10" }) },
  "POST /api/relations/:id/merge": {
    body: async (c) => {
      const duplicate = await c.record("relation", c.owner, true);
      return { duplicateId: duplicate, version: await versionOf("relations", c.id), duplicateVersion: await versionOf("relations", duplicate) };
    },
  },
  "PATCH /api/persons/:id": { ifMatch: "person", body: () => ({ jobTitle: "Inkoper" }) },
  "POST /api/persons/:id/consents": { body: () => ({ purpose: "newsletter", state: "given", source: "visit", textVersion: "2026-1" }) },
  "POST /api/persons/:id/consents/withdraw": { body: () => ({}) },
  "PATCH /api/activities/:id": { ifMatch: "activity", body: () => ({ notes: "Aangevuld" }) },
  "POST /api/activities/:id/attachments": { file: "verslag.txt" },
  "PATCH /api/followups/:id": { ifMatch: "followUp", body: () => ({ action: "Later terugbellen" }) },
  "PATCH /api/appointments/:id": { ifMatch: "appointment", body: () => ({ notes: "Parkeren achter" }) },
  "POST /api/appointments/:id/cancel": { ifMatch: "appointment", body: () => ({ reason: "Ziek" }) },
  "DELETE /api/appointments/:id": { ifMatch: "appointment", usesUp: true },
  "DELETE /api/api-tokens/:id": { usesUp: true },
  "DELETE /api/reports/sales/views/:id": { usesUp: true },
  "PATCH /api/visit-preparations/:id": { ifMatch: "preparation", body: () => ({ notes: "Vragen voorbereid" }) },
  "POST /api/visit-preparations/:id/report": { ifMatch: "preparation", body: () => ({ objectives: [], notes: "Goed gesprek" }) },
  "PUT /api/imports/:id/mapping": { body: () => ({ mapping: { name: 0, city: 1 } }) },
  "GET /api/imports/:id/rejected": { query: "format=csv" },
  "PATCH /api/products/:id": { ifMatch: "product", body: () => ({ name: "Vloerreiniger" }) },
  "PUT /api/products/:id/arguments": { body: () => ({ items: [{ requirement: "Milieuvriendelijk", text: "Ecolabel-gecertificeerd" }] }) },
  "PATCH /api/quotes/:id": { ifMatch: "quote", body: () => ({ notes: "Nagebeld" }) },
  "POST /api/quotes/:id/revisions": { body: () => ({}) },
  "POST /api/planning/cycle-plans/:id/accept": { ifMatch: "plan", body: () => ({}) },
  "POST /api/planning/cycle-plans/:id/discard": { ifMatch: "plan", body: () => ({}) },
  // Made for the owner: acting for them (docs/security.md, "Acting for others").
  "POST /api/quotes": { body: async (c) => ({ relationId: await c.record("relation", c.owner), repId: c.owner.id, probability: 40, decisionMonth: "2027-02", lines: [{ productId, quantity: 1 }] }) },
  "POST /api/appointments": { body: async (c) => ({ relationId: await c.record("relation", c.owner), forUserId: c.owner.id, visitType: "follow_up", start: "2027-01-12T14:00:00+01:00", durationMinutes: 30 }) },
  "POST /api/planning/cycle-plans": { body: (c) => ({ userId: c.owner.id, startDate: "2027-01-04", weeks: 2 }) },
  "POST /api/planning/routes": { body: (c) => ({ userId: c.owner.id, date: "2027-01-12" }) },
  "POST /api/planning/routes/accept": { body: (c) => ({ userId: c.owner.id, date: "2027-01-12", stops: [{ appointmentId: 1, version: 1, start: "09:00" }] }) },
  // Writes that name no record, asked as every role.
  "POST /api/relations": { body: () => ({ name: "Nieuwe relatie" }) },
  "POST /api/products": { body: () => ({ code: `N-${Math.floor(performance.now() * 1000)}`, name: "Nieuw product" }) },
  "POST /api/product-groups": { body: () => ({ name: `Groep ${Math.floor(performance.now() * 1000)}` }) },
  "POST /api/exports/:dataset/job": { param: "persons", query: "format=csv" },
  "POST /api/forecast/as-of": { body: () => ({ asOf: "2026-11-20", by: "month", format: "csv" }) },
  "POST /api/reports/sales": { body: () => ({ measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12" }) },
  "POST /api/reports/sales/views": { body: () => ({ name: "Per rayon", request: { measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12" } }) },
  "POST /api/quote-advice": { body: async (c) => ({ relationId: await c.record("relation", c.owner), solution: "yes", budget: "yes", chance: 50, decisionMonth: "2027-01" }) },
  "POST /api/sales/class-proposals/accept": { body: async (c) => ({ from: "2025-01", to: "2025-12", relationIds: [await c.record("relation", c.owner)] }) },
  "POST /api/imports": { file: "relaties.csv", fields: { kind: "relations" } },
  "POST /api/sales/imports": { file: "omzet.csv" },
  "GET /api/appointments": { query: "from=2026-12-01&to=2026-12-31" },
  "GET /api/mailing-list": { query: "purpose=newsletter" },
  "GET /api/reports/contact-moments": { query: "from=2026-11-01&to=2026-11-30" },
  "GET /api/reports/selling-time": { query: "from=2026-11-01&to=2026-11-30" },
  "GET /api/sales/targets": { query: "from=2025-01&to=2025-12" },
  "GET /api/reports/targets": { query: "from=2025-01&to=2025-12" },
  "GET /api/reports/pareto": { query: "from=2025-01&to=2025-12" },
  "GET /api/sales/class-proposals": { query: "from=2025-01&to=2025-12" },
  "GET /api/reports/new-customers": { query: "from=2025-01&to=2025-12" },
  "PUT /api/sales/imports/:id/mapping": { body: () => ({ mapping: { invoice: 0 } }) },
};

/** Set per engine in beforeAll: the version a user would have read, and the one product quotes are made of. */
/** Contents of the files the writes upload. */
const FILES: Record<string, string> = {
  "relaties.csv": "Bedrijfsnaam;Plaats\nBakkerij Matrix;Zwolle\n",
  "omzet.csv": salesCsv([["M0", 1, "15-03-2025", "D-M0", "Bakkerij Matrix", "MATRIX", 1, "100,00", "60,00", "Ria Noordwind", "Noord"]]),
};

let versionOf: (table: string, id: number) => Promise<number>;
let productId = 0;

/** Every table's row count and checksum; columns that every request touches (a token's last use) left out. */
const VOLATILE: Record<string, readonly string[]> = { api_tokens: ["last_used_at"] };
/** Reference data (thousands of rows that no route writes): compared once, before and after the whole matrix, instead of around every refused write. */
const REFERENCE = ["postcode_areas", "sbi_codes"];

describe.each(ENGINES)("access to records on %s", (engine) => {
  let t: TestApp;
  let admin: User;
  const users = new Map<string, User>();
  const cache = new Map<string, number>();
  let seq = 0;
  let oostRayon = 0;
  let tables: string[] = [];
  /** Set when a record was made: the last snapshot no longer holds. */
  let dirty = true;
  const timing = { snapshot: 0, settle: 0, make: 0 };

  const inject = (user: User, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...user.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const must = async (method: Method, url: string, payload?: unknown, headers?: Record<string, string>) => {
    const res = await inject(admin, method, url, payload, headers);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const db = () => t.ctx.db;

  const snapshot = async (): Promise<Record<string, string>> => {
    const started = performance.now();
    try {
      return await snapshotNow();
    } finally {
      timing.snapshot += performance.now() - started;
    }
  };
  const snapshotNow = async (only: readonly string[] = tables.filter((name) => !REFERENCE.includes(name))): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    if (engine === "postgres") {
      // One round trip: per table its row count and an order-independent hash of its rows, computed in the database.
      const parts = only.map((name) => {
        const drop = (VOLATILE[name] ?? []).map((c) => `'${c}'`).join(", ");
        const row = drop ? `(to_jsonb(t) - array[${drop}]::text[])::text` : "to_jsonb(t)::text";
        return `select '${name}' as name, count(*)::int as n, coalesce(md5(string_agg(md5(${row}), '' order by md5(${row}))), '') as h from "${name}" t`;
      });
      const rows = (await sql<{ name: string; n: number; h: string }>`${sql.raw(parts.join(" union all "))}`.execute(db())).rows;
      for (const r of rows) out[r.name] = `${r.n}:${r.h}`;
      return out;
    }
    for (const name of only) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db())).rows;
      const drop = VOLATILE[name] ?? [];
      const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !drop.includes(k)), (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v))).sort();
      out[name] = `${lines.length}:${createHash("sha256").update(lines.join("\n")).digest("hex")}`;
    }
    return out;
  };

  /** Waits until no background job is queued or running (an allowed write may have started one). */
  const settle = async () => {
    const started = performance.now();
    try {
      await settleNow();
    } finally {
      timing.settle += performance.now() - started;
    }
  };
  const settleNow = async () => {
    for (let i = 0; i < 800; i++) {
      const busy = await db().selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).executeTakeFirst();
      if (!busy) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("background jobs did not settle");
  };

  const settledImport = async (url: string) => {
    for (let i = 0; i < 800; i++) {
      const body = await must("GET", url);
      if (!["reading", "analysing", "committing"].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${url} did not settle`);
  };

  /** Makes a record of `target` belonging to `owner` (made by the administrator, then handed over in the database, so every role can own one). */
  const make = async (target: Target, owner: User): Promise<number> => {
    seq += 1;
    dirty = true;
    const rayonId = owner.rayonIds[0] ?? null;
    switch (target) {
      case "relation": {
        const id = (await must("POST", "/api/relations", { name: `Matrix ${owner.key} ${seq}` })).id;
        await db().updateTable("relations").set({ owner_id: owner.id, rayon_id: rayonId }).where("id", "=", id).execute();
        return id;
      }
      case "person":
        return (await must("POST", `/api/relations/${await record("relation", owner)}/persons`, { lastName: `Persoon ${seq}` })).id;
      case "activity": {
        const id = (await must("POST", `/api/relations/${await record("relation", owner)}/activities`, { kind: "visit", occurredAt: "2026-11-19T10:00:00Z", userIds: [admin.id], notes: "Bezoek" })).id;
        await db().updateTable("activity_users").set({ user_id: owner.id }).where("activity_id", "=", id).execute();
        await db().updateTable("activities").set({ created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "attachment": {
        const file = multipartFile("notitie.txt", Buffer.from("Notitie van het bezoek\n"));
        return (await must("POST", `/api/activities/${await record("activity", owner)}/attachments`, file.payload, file.headers)).id;
      }
      case "followUp": {
        const id = (await must("POST", `/api/relations/${await record("relation", owner)}/followups`, { action: "Offerte nabellen", dueDate: "2026-12-01" })).id;
        await db().updateTable("follow_ups").set({ assigned_to: owner.id, created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "quote": {
        const id = (await must("POST", "/api/quotes", { relationId: await record("relation", owner), probability: 50, decisionMonth: "2027-03", status: "sent", lines: [{ productId, quantity: 2 }] })).id;
        await db().updateTable("quotes").set({ rep_id: owner.id, created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "appointment": {
        // One a day apart each, on weekdays in December 2026, so none overlaps another.
        const day = new Date(Date.UTC(2026, 11, 1) + seq * 86_400_000).toISOString().slice(0, 10);
        const payload = { relationId: await record("relation", owner), forUserId: admin.id, visitType: "first_visit", start: `${day}T10:00:00+01:00`, durationMinutes: 60 };
        const id = (await must("POST", "/api/appointments", payload)).id;
        await db().updateTable("appointments").set({ for_user_id: owner.id, created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "plan": {
        const stamp = t.ctx.now().toISOString();
        const settings = { forUserId: owner.id, startDate: "2026-12-07", weeks: 2, lastStart: "16:00", visitMinutes: { first_visit: 60, follow_up: 45 }, daysOff: [] };
        const summary = { dueVisits: 0, plannedVisits: 0, unplaced: [], withoutLocation: [], normConflicts: [], travelNote: null };
        const row = await db()
          .insertInto("planning_plans")
          .values({ for_user_id: owner.id, created_by: owner.id, job_id: null, start_date: "2026-12-07", end_date: "2026-12-18", weeks: 2, cycle_weeks: 2, settings: JSON.stringify(settings), summary: JSON.stringify(summary), travel_model: "haversine", created_at: stamp, updated_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow();
        return row.id;
      }
      case "import": {
        const file = multipartFile("relaties.csv", Buffer.from("Bedrijfsnaam;Plaats\nBakkerij Matrix;Zwolle\n;\n"));
        const boundary = file.headers["content-type"].split("boundary=")[1];
        const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrelations\r\n`), file.payload]);
        const id = (await must("POST", "/api/imports", payload, file.headers)).id;
        await settledImport(`/api/imports/${id}`);
        await db().updateTable("import_jobs").set({ created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "salesImport": {
        const csv = salesCsv([[`M${seq}`, 1, "15-03-2025", "D-N1", "Bakkerij Noordwind", "MATRIX", 1, "100,00", "60,00", "Ria Noordwind", "Noord"]]);
        const file = multipartFile("omzet.csv", Buffer.from(csv));
        const id = (await must("POST", "/api/sales/imports?createMissing=true", file.payload, file.headers)).id;
        await settledImport(`/api/sales/imports/${id}`);
        await db().updateTable("import_jobs").set({ created_by: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "job": {
        const id = (await must("POST", "/api/forecast/as-of", { asOf: "2026-11-20", by: "month", format: "csv" })).id;
        await waitForJob(t.app, admin.headers, id);
        await db().updateTable("jobs").set({ owner_id: owner.id }).where("id", "=", id).execute();
        await db().updateTable("job_files").set({ owner_id: owner.id }).where("job_id", "=", id).execute();
        return id;
      }
      case "salesView": {
        const id = (await must("POST", "/api/reports/sales/views", { name: `Overzicht ${seq}`, request: { measures: ["revenue"], dimensions: ["rayon"], from: "2025-01", to: "2025-12" } })).id;
        await db().updateTable("sales_views").set({ user_id: owner.id }).where("id", "=", id).execute();
        return id;
      }
      case "apiToken": {
        await createApiToken(db(), owner.id, `matrix ${seq}`, t.ctx.now());
        return (await db().selectFrom("api_tokens").select("id").where("user_id", "=", owner.id).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
      }
      case "user":
        return owner.id;
      case "rayon":
        return rayonId ?? oostRayon;
      case "product":
        return productId;
    }
  };
  /** The record of `target` of `owner`, made once (fresh: a new one, for a request that may use it up). */
  const record = async (target: Target, owner: User, fresh = false): Promise<number> => {
    const key = `${target}:${owner.id}`;
    if (fresh) return make(target, owner);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const started = performance.now();
    const id = await make(target, owner);
    timing.make += performance.now() - started;
    cache.set(key, id);
    return id;
  };

  /** Whose record the cell is about: the viewer's own, the Noord colleague's, the Zuid rep's, or a rep without a rayon. */
  const ownerFor = (viewer: User, rel: Relationship): User => {
    if (rel === "own") return viewer;
    return users.get(rel === "sameRayon" ? "field rep Noord (colleague)" : rel === "otherRayon" ? "field rep Zuid" : "field rep without rayon") as User;
  };

  const VIEWERS: { key: string; role: Role; rayons: string[] }[] = [
    { key: "admin", role: "admin", rayons: [] },
    { key: "sales manager", role: "sales_manager", rayons: [] },
    { key: "field rep Noord", role: "field_sales", rayons: ["Noord"] },
    { key: "inside sales Noord", role: "inside_sales", rayons: ["Noord"] },
    { key: "marketing", role: "marketing", rayons: [] },
    { key: "purchasing", role: "purchasing", rayons: [] },
  ];
  const OTHERS: { key: string; role: Role; rayons: string[] }[] = [
    { key: "field rep Noord (colleague)", role: "field_sales", rayons: ["Noord"] },
    { key: "field rep Zuid", role: "field_sales", rayons: ["Zuid"] },
    { key: "field rep without rayon", role: "field_sales", rayons: [] },
  ];

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const v of [...VIEWERS, ...OTHERS]) {
      // A home with a known location, so that planning for them gets past the check of their home.
      const u = await t.userWithRole(v.role, { rayonNames: v.rayons, name: v.key, profitResponsible: v.role === "admin", homePostcode: "3511 AB", homeCity: "Utrecht" });
      const rayonIds = (await t.ctx.db.selectFrom("user_rayons").select("rayon_id").where("user_id", "=", u.id).execute()).map((x) => x.rayon_id);
      users.set(v.key, { key: v.key, id: u.id, role: v.role, rayonIds, headers: u.headers });
    }
    admin = users.get("admin") as User;
    oostRayon = (await db().insertInto("rayons").values({ name: "Oost" }).returning("id").executeTakeFirstOrThrow()).id;
    // A logo, so that reading it answers for every role.
    const logo = multipartFile("logo.png", Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));
    await must("PUT", "/api/company-settings/logo", logo.payload, logo.headers);
    productId = (await must("POST", "/api/products", { code: "MATRIX", name: "Matrixreiniger", listPriceCents: 1_000 })).id;
    versionOf = async (table, id) => Number((await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(db())).rows[0]?.version ?? 0);
    tables =
      engine === "sqlite"
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db())).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db())).rows.map((r) => r.name);
  });
  afterAll(async () => t?.close());

  const apiRoutes = () => registeredRoutes(t.app).filter((r) => r.url.startsWith("/api") && r.method !== "HEAD" && r.method !== "OPTIONS");

  it("has an expected outcome for every registered route", () => {
    const missing = apiRoutes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in ACCESS));
    expect(missing, "routes without a line in src/test-support/access-expectations.ts").toEqual([]);
  });

  /** Asks one cell; returns what went wrong (nothing when the answer is the expected one and a refused write changed nothing). */
  const mismatches: string[] = [];
  const counts = { requests: 0, refusedWrites: 0, allowedWrites: 0, allowedWritesDone: 0 };
  let before: Record<string, string> | null = null;
  /** Allowed writes that the data refused (for a look with KOERS_MATRIX_OUT set). */
  const notDone: string[] = [];
  const askCell = async (key: string, method: Method, path: string, viewer: User, owner: User, rel: Relationship | "—") => {
    const rule = ACCESS[key] as (typeof ACCESS)[string];
    const ask = ASK[key] ?? {};
    const write = method !== "GET";
    const expected: Outcome = rule.outcome(viewer, owner);
    const id = rule.target ? await record(rule.target, owner) : 0;
    const body = ask.body ? await ask.body({ viewer, owner, id, record }) : undefined;
    const headers: Record<string, string> = {};
    if (ask.ifMatch) headers["if-match"] = `"${ask.ifMatch === "preparation" ? await preparationVersion(id) : await versionOf(VERSIONED[ask.ifMatch as Target] as string, id)}"`;
    let payload: unknown = body;
    if (ask.file) {
      const file = multipartFile(ask.file, Buffer.from(FILES[ask.file] ?? "Verslag\n"));
      const boundary = file.headers["content-type"].split("boundary=")[1];
      const fields = Object.entries(ask.fields ?? {}).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      payload = Buffer.concat([...fields, file.payload]);
      Object.assign(headers, file.headers);
    }
    if (dirty) {
      // Making a record may have started background work (an import is read): let it end first.
      await settle();
      before = null;
      dirty = false;
    }
    if (write && expected !== "allowed" && before === null) before = await snapshot();
    const url = `${path.replace(/:[A-Za-z]+/, ask.param ?? String(id))}${ask.query ? `?${ask.query}` : ""}`;
    const res = await inject(viewer, method, url, payload, headers);
    counts.requests += 1;
    const denied = res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404;
    // A read is carried out when it answers, or when it says why the record has nothing to show (409/422: not committed yet, no coordinates).
    const ok = write ? !denied && res.statusCode < 500 : (res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 409 || res.statusCode === 422;
    const where = `${key} · ${viewer.key} · ${rel} (${rule.name})`;
    if ((ok ? "allowed" : res.statusCode) !== expected) mismatches.push(`${where}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
    if (write && denied) {
      counts.refusedWrites += 1;
      const after = await snapshot();
      const changed = before === null ? [] : Object.keys(after).filter((name) => after[name] !== before?.[name]);
      if (changed.length > 0) mismatches.push(`${where}: refused with ${res.statusCode} but changed ${changed.join(", ")}`);
      before = after;
    } else if (write) {
      counts.allowedWrites += 1;
      if (res.statusCode < 300) counts.allowedWritesDone += 1;
      else if (process.env.KOERS_MATRIX_OUT) notDone.push(`${key} ${res.statusCode} ${res.body.slice(0, 140)}`);
      // Carried out: background work may have started, and a deletion used the record up.
      if (ask.usesUp && rule.target) cache.delete(`${rule.target}:${owner.id}`);
      await settle();
      before = null;
    }
  };

  it("answers every role × route × relationship as the table says, and a refused write changes nothing", { timeout: 300_000 }, async () => {
    const referenceBefore = await snapshotNow(REFERENCE);
    const cells = VIEWERS.flatMap((v) => RELATIONSHIPS.map((rel) => ({ viewer: users.get(v.key) as User, rel, owner: ownerFor(users.get(v.key) as User, rel) })));
    const routes = apiRoutes()
      .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method as Method, url: r.url }))
      .filter((r) => ACCESS[r.key]?.target);
    // Every record made first, so that refused writes follow each other with one snapshot between them.
    for (const r of routes) for (const c of cells) await record(ACCESS[r.key]?.target as Target, c.owner);
    for (const r of routes) {
      const rule = ACCESS[r.key] as (typeof ACCESS)[string];
      // Refusals first: they leave the data as it was, so each one's "after" is the next one's "before".
      const ordered = [...cells].sort((a, b) => Number(rule.outcome(a.viewer, a.owner) === "allowed") - Number(rule.outcome(b.viewer, b.owner) === "allowed"));
      for (const c of ordered) await askCell(r.key, r.method, r.url, c.viewer, c.owner, c.rel);
    }
    if (process.env.KOERS_MATRIX_OUT) (await import("node:fs")).writeFileSync(`${process.env.KOERS_MATRIX_OUT}.${engine}`, [...mismatches, "--- allowed, not carried out:", ...notDone].join("\n"));
    console.log(`access matrix on ${engine}: ${counts.requests} requests; ${counts.refusedWrites} refused writes checked unchanged; ${counts.allowedWrites} allowed writes, ${counts.allowedWritesDone} of them 2xx (the rest a rule of the data, e.g. 409 already committed)`, timing);
    expect(mismatches).toEqual([]);
    expect(await snapshotNow(REFERENCE)).toEqual(referenceBefore);
  });

  it("answers every role on the writes that name no record as the table says, and a refused one changes nothing", { timeout: 120_000 }, async () => {
    mismatches.length = 0;
    const writes = apiRoutes().filter((r) => r.method !== "GET" && !ACCESS[`${r.method} ${r.url}`]?.target && ASK[`${r.method} ${r.url}`]);
    expect(writes.length).toBeGreaterThan(10);
    for (const r of writes) for (const v of VIEWERS) await askCell(`${r.method} ${r.url}`, r.method as Method, r.url, users.get(v.key) as User, users.get(v.key) as User, "—");
    if (process.env.KOERS_MATRIX_OUT) (await import("node:fs")).writeFileSync(`${process.env.KOERS_MATRIX_OUT}.writes.${engine}`, mismatches.join("\n"));
    expect(mismatches).toEqual([]);
  });

  it("answers every role on the reads that name no record as the table says", { timeout: 120_000 }, async () => {
    mismatches.length = 0;
    const reads = apiRoutes().filter((r) => r.method === "GET" && !r.url.includes(":") && !r.url.startsWith("/api/docs") && ACCESS[`${r.method} ${r.url}`]);
    for (const r of reads) for (const v of VIEWERS) await askCell(`${r.method} ${r.url}`, "GET", r.url, users.get(v.key) as User, users.get(v.key) as User, "—");
    if (process.env.KOERS_MATRIX_OUT) (await import("node:fs")).writeFileSync(`${process.env.KOERS_MATRIX_OUT}.reads.${engine}`, mismatches.join("\n"));
    expect(mismatches).toEqual([]);
  });

  const preparationVersion = async (appointmentId: number) =>
    Number((await db().selectFrom("visit_preparations").select("version").where("appointment_id", "=", appointmentId).executeTakeFirst())?.version ?? 0);
});
