// The access matrix, generated from the registered routes: every role × every route that returns
// figures, with secret cost and margin figures and another rayon's debtor, product and rep planted
// in the data. No response may show cost or margin to a user without profit responsibility, nor
// another rayon's debtor, product or rep to a field or inside rep on a sales path. A registered route
// without an entry in ROUTES below fails the test: every new route is classified when it is added.
// Who may call a route at all (per role and per relationship to the record) is the other half:
// src/test-support/access-expectations.ts, checked by access-records.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARGIN_MEASURES, SALES_DIMENSIONS, seesMargin, type Viewer } from "../domain/access.js";
import type { Role } from "../domain/roles.js";
import { startTestApp, type TestApp } from "../test-support/app.js";
import { ENGINES } from "../test-support/databases.js";
import { waitForJob } from "../test-support/jobs.js";
import { importSales, salesCsv } from "../test-support/sales.js";
import { registeredRoutes } from "./app.js";

type User = { id: number; headers: Record<string, string>; viewer: Viewer };
type Ids = { noordDebtor: number; zuidDebtor: number; noordProduct: number; zuidProduct: number; zuidRayon: number; noordRayon: number; quote: number; activity: number; person: number; followUp: number; job: number; appointment: number };
type Call = { method: "GET" | "POST"; url: string; payload?: unknown };

/** Figures that only margin viewers may see (cents), and keys that carry cost or margin. */
const MARGIN_NUMBERS = ["272727", "242424", "131313", "292929", "7777", "7878", "8888"];
const MARGIN_KEYS = /"(margin|marginPct|costPriceCents|costCents|cost_cents|c_co|c_cr)"\s*:|cost_price_cents/;
/** Names that only viewers with detail of rayon Zuid may see on a sales path. */
const ZUID_NAMES = ["Geheim Zuid Vertrouwelijk", "GEHEIM-ZUID", "Sem Geheimzuid"];

/**
 * How each route is checked. `calls` gives the requests to make (null: the route returns no figures,
 * with the reason); `sales` marks a VIS path, where rayon detail is secret too.
 */
type Entry = { figures: false; why: string } | { figures: true; sales: boolean; calls: (ids: Ids) => Call[] };
const none = (why: string): Entry => ({ figures: false, why });
const get = (url: string): Call => ({ method: "GET", url });

const REPORT_VARIANTS = (ids: Ids): Call[] => {
  const out: Call[] = [];
  const measureSets = [["revenue"], ["revenue", "margin"], ["marginPct"], ["volume", "customers", "invoices"]];
  for (const d of SALES_DIMENSIONS) {
    for (const measures of measureSets) {
      for (const compare of [undefined, "previousYear"]) out.push({ method: "POST", url: "/api/reports/sales", payload: { measures, dimensions: [d], from: "2025-01", to: "2025-12", ...(compare ? { compare } : {}) } });
    }
  }
  const base = { measures: ["revenue"], from: "2025-01", to: "2025-12" };
  out.push(
    { method: "POST", url: "/api/reports/sales", payload: { ...base, dimensions: ["product"], filters: { rayon: [ids.zuidRayon] } } },
    { method: "POST", url: "/api/reports/sales", payload: { ...base, dimensions: ["month"], filters: { debtor: [ids.zuidDebtor] } } },
    { method: "POST", url: "/api/reports/sales", payload: { ...base, dimensions: ["rayon"], filters: { product: [ids.zuidProduct] } } },
    { method: "POST", url: "/api/reports/sales", payload: { ...base, dimensions: ["rayon"], sort: [{ key: "margin" }] } },
    { method: "POST", url: "/api/reports/sales", payload: { ...base, measures: ["revenue", "margin"], dimensions: ["month"], mat: true } },
    { method: "POST", url: "/api/reports/sales", payload: { ...base, dimensions: ["debtor", "product", "rep"] } },
    { method: "POST", url: "/api/reports/sales/export", payload: { request: { ...base, dimensions: ["debtor", "product"] }, format: "csv" } },
    { method: "POST", url: "/api/reports/sales/export", payload: { request: { ...base, measures: ["revenue", "margin"], dimensions: ["rayon"] }, format: "csv" } },
  );
  return out;
};

const ROUTES: Record<string, Entry> = {
  "GET /api/health": none("liveness only"),
  "GET /api/openapi.json": none("the API description"),
  "GET /api/docs": none("API documentation"),
  "GET /api/docs/json": none("API documentation"),
  "GET /api/docs/yaml": none("API documentation"),
  "GET /api/docs/static/*": none("API documentation"),
  "GET /api/docs/static/index.html": none("API documentation"),
  "GET /api/docs/static/swagger-initializer.js": none("API documentation"),
  "GET /api/session": none("the user's own session"),
  "POST /api/session": none("login"),
  "DELETE /api/session": none("logout"),
  "GET /api/users": none("names and roles of colleagues (the CRM is open)"),
  "GET /api/admin/users": none("user accounts, users.manage (user-admin tests)"),
  "POST /api/admin/users": none("write, users.manage"),
  "GET /api/admin/users/:id": none("a user account, users.manage"),
  "PATCH /api/admin/users/:id": none("write, users.manage"),
  "POST /api/admin/users/:id/password-reset": none("write, users.manage"),
  "POST /api/password-reset/lookup": none("public: the name and e-mail of a password link's user, with its secret token"),
  "POST /api/password-reset": none("public write with a password link's token"),
  "POST /api/session/password": none("write: the user's own password"),
  "GET /api/session/totp": none("the user's own second-factor status"),
  "POST /api/session/totp/setup": none("write: the user's own second factor (a new secret for them only)"),
  "POST /api/session/totp": none("write: the user's own second factor"),
  "POST /api/session/totp/disable": none("write: the user's own second factor, with their password"),
  "POST /api/admin/users/:id/totp-reset": none("write, users.manage"),
  "GET /api/users/:id/api-tokens": none("token names and dates: the owner or users.manage"),
  "DELETE /api/api-tokens/:id": none("write: the owner or users.manage"),
  "GET /api/rayons": none("rayon names"),
  "GET /api/rayons/:id/territory": none("postcode ranges, rep names and homes, relation ids of sub-areas: no figures"),
  "PUT /api/rayons/:id/postcode-ranges": none("write (territories.manage)"),
  "PUT /api/rayons/:id/regions": none("write (territories.manage)"),
  "PUT /api/rayons/:id/relations": none("write (territories.manage)"),
  "POST /api/rayons/:id/sub-areas/moves": none("write (territories.manage)"),
  "PATCH /api/rayons/:id/sub-areas/:areaId": none("write (territories.manage)"),
  "GET /api/territories/regions": none("province and municipality names (CBS): reference data"),
  "GET /api/map/relations": none("names, class, status and coordinates of relations: the CRM is open to every role"),
  "POST /api/rayons/:id/sub-areas/proposal": none("relation ids and visit workloads by class norm: no sales figures"),
  "PUT /api/rayons/:id/sub-areas": none("write (territories.manage)"),
  "GET /api/market-segments": none("segment names"),
  "GET /api/sbi-codes": none("reference data"),
  "GET /api/relations": { figures: true, sales: false, calls: () => [get("/api/relations?limit=200"), get("/api/relations?q=geheim"), get("/api/relations?scope=mine")] },
  "POST /api/relations": none("write"),
  "GET /api/relations/:id": { figures: true, sales: false, calls: (ids) => [get(`/api/relations/${ids.noordDebtor}`), get(`/api/relations/${ids.zuidDebtor}`)] },
  "PATCH /api/relations/:id": none("write"),
  "GET /api/relations/:id/audit": { figures: true, sales: false, calls: (ids) => [get(`/api/relations/${ids.zuidDebtor}/audit`)] },
  "GET /api/relations/:id/sales": { figures: true, sales: true, calls: (ids) => [get(`/api/relations/${ids.noordDebtor}/sales`), get(`/api/relations/${ids.zuidDebtor}/sales`)] },
  "GET /api/relations/:id/nearby": { figures: true, sales: false, calls: (ids) => [get(`/api/relations/${ids.noordDebtor}/nearby`)] },
  "GET /api/relations/:id/persons": none("persons of a relation (CRM)"),
  "POST /api/relations/:id/persons": none("write"),
  "GET /api/relations/:id/activities": none("contact moments (CRM)"),
  "POST /api/relations/:id/activities": none("write"),
  "GET /api/relations/:id/followups": none("follow-ups (CRM)"),
  "POST /api/relations/:id/followups": none("write"),
  "POST /api/relations/:id/merge": none("write"),
  "GET /api/relations/duplicates": none("duplicate pairs (CRM)"),
  "GET /api/persons/:id": none("a person (CRM)"),
  "PATCH /api/persons/:id": none("write"),
  "GET /api/persons/:id/consents": none("consent (CRM)"),
  "POST /api/persons/:id/consents": none("write"),
  "POST /api/persons/:id/consents/withdraw": none("write"),
  "POST /api/persons/:id/erase": none("write"),
  "GET /api/persons/:id/gdpr-export": none("personal data, persons.export"),
  "GET /api/activities/:id": none("a contact moment (CRM)"),
  "PATCH /api/activities/:id": none("write"),
  "POST /api/activities/:id/attachments": none("write"),
  "GET /api/attachments/:id": none("a file"),
  "GET /api/followups": { figures: true, sales: false, calls: () => [get("/api/followups?status=any&limit=200"), get("/api/followups?scope=team&timing=overdue")] },
  "GET /api/followups/:id": none("a follow-up (CRM)"),
  "PATCH /api/followups/:id": none("write"),
  "GET /api/followups/quick-dates": none("dates"),
  "GET /api/followups/overdue-by-rep": { figures: true, sales: false, calls: () => [get("/api/followups/overdue-by-rep")] },
  "GET /api/my-day": none("the user's own day"),
  "GET /api/my-day/route": none("the user's own day: times, places and drives, no figures"),
  "GET /api/offline/bundle": { figures: true, sales: true, calls: () => [get("/api/offline/bundle")] },
  "GET /api/appointments": none("agenda: no figures; whose agenda is read follows agendaScope, tested in appointment.routes.test.ts"),
  "GET /api/appointments/users": none("agenda: names of the users whose agenda you may see"),
  "POST /api/appointments": none("write"),
  "GET /api/appointments/:id": none("agenda: one appointment in agendaScope (404 outside it)"),
  "PATCH /api/appointments/:id": none("write"),
  "POST /api/appointments/:id/cancel": none("write"),
  "DELETE /api/appointments/:id": none("write"),
  "GET /api/visit-preparations/:id": { figures: true, sales: true, calls: (ids) => [get(`/api/visit-preparations/${ids.appointment}`)] },
  "PATCH /api/visit-preparations/:id": none("write"),
  "POST /api/visit-preparations/:id/report": none("write"),
  "GET /api/preparation-settings": none("the company's checklist of things to bring"),
  "PUT /api/preparation-settings": none("write (users.manage)"),
  "GET /api/relations/:id/customers": none("a relation's own customers: names, places, statuses and contact persons (CRM, open), no figures"),
  "POST /api/relations/:id/customers": none("write"),
  "POST /api/relations/:id/customers/remove": none("write"),
  "GET /api/relations/:id/news": none("news items of a relation's public feed (CRM), no figures"),
  "PUT /api/relations/:id/news-feed": none("write"),
  "POST /api/relations/:id/news-feed/fetch": none("write: queues a news.fetch job"),
  "GET /api/news-settings": none("the allow-list of feed hosts (users.manage)"),
  "PUT /api/news-settings": none("write (users.manage)"),
  "POST /api/my-day/news/seen": none("write: the user's own read mark"),
  "GET /api/visit-templates": none("the company's visit templates: objectives and keywords, no figures"),
  "POST /api/visit-templates": none("write (templates.manage)"),
  "PATCH /api/visit-templates/:id": none("write (templates.manage)"),
  "GET /api/calendar-feed": none("agenda: your own feed's state, no figures"),
  "POST /api/calendar-feed": none("write: your own feed"),
  "DELETE /api/calendar-feed": none("write: your own feed"),
  "GET /api/calendar/:file": none("public by its secret: the owner's own appointments only, tested in calendar-feed.routes.test.ts"),
  "GET /api/mail-log-address": none("your own logging address, no figures"),
  "POST /api/mail-log-address": none("write: your own logging address"),
  "DELETE /api/mail-log-address": none("write: your own logging address"),
  "GET /api/admin/mail-log-addresses": none("users.manage: who has a logging address, never the address"),
  "GET /api/admin/mail-imap": none("users.manage: the IMAP settings (never the password) and how the last reads went"),
  "GET /api/mail-inbox": none("your own received mails only (user_id = viewer), tested in mail-intake.routes.test.ts"),
  "GET /api/mail-inbox/:id": none("your own received mail only; another user's is a 404, tested in mail-intake.routes.test.ts"),
  "POST /api/mail-inbox/:id/assign": none("write: your own mail onto a relation's timeline"),
  "POST /api/mail-inbox/:id/drop": none("write: your own mail"),
  "GET /api/crm-settings": none("settings"),
  "PATCH /api/crm-settings": none("write"),
  "GET /api/mailing-list": none("persons with consent"),
  "GET /api/exports/relations": { figures: true, sales: false, calls: () => [get("/api/exports/relations?format=csv")] },
  "GET /api/exports/persons": none("persons (persons.export)"),
  "POST /api/exports/:dataset/job": none("starts a job; its file is read from GET /api/jobs/:id/file (owner only)"),
  "GET /api/exports/contact-moments": none("contact moments (persons.export)"),
  "POST /api/imports": none("write"),
  "GET /api/imports/:id": none("the user's own upload"),
  "PUT /api/imports/:id/mapping": none("write"),
  "GET /api/imports/:id/rejected": none("the user's own upload's rejected rows (crm.write; admin all), no figures"),
  "GET /api/imports/:id/preview": none("the user's own upload"),
  "POST /api/imports/:id/commit": none("write"),
  "GET /api/products": { figures: true, sales: false, calls: () => [get("/api/products?limit=200"), get("/api/products?q=marge")] },
  "POST /api/products": none("write (a cost price needs margin rights: products tests)"),
  "GET /api/products/:id": { figures: true, sales: false, calls: (ids) => [get(`/api/products/${ids.noordProduct}`), get(`/api/products/${ids.zuidProduct}`)] },
  "PATCH /api/products/:id": none("write (a cost price needs margin rights: products tests)"),
  "GET /api/products/:id/audit": { figures: true, sales: false, calls: (ids) => [get(`/api/products/${ids.noordProduct}/audit`)] },
  "GET /api/products/:id/arguments": none("arguments carry no figures"),
  "PUT /api/products/:id/arguments": none("write (crm.write)"),
  "POST /api/products/import": none("write (a cost column needs margin rights: products tests)"),
  "GET /api/product-groups": none("group names"),
  "POST /api/product-groups": none("write"),
  "GET /api/quotes": { figures: true, sales: false, calls: () => [get("/api/quotes?limit=100"), get("/api/quotes?scope=team&forecast=true&decisionFrom=2025-01&decisionTo=2026-12")] },
  "POST /api/quotes": none("write"),
  "GET /api/quotes/:id": { figures: true, sales: false, calls: (ids) => [get(`/api/quotes/${ids.quote}`)] },
  "PATCH /api/quotes/:id": none("write"),
  "GET /api/quotes/:id/arguments": none("arguments and requirements carry no figures"),
  "GET /api/quotes/:id/document": { figures: true, sales: false, calls: (ids) => [get(`/api/quotes/${ids.quote}/document`)] },
  "POST /api/quotes/:id/revisions": none("write"),
  "GET /api/quotes/hit-ratio": { figures: true, sales: false, calls: () => [get("/api/quotes/hit-ratio")] },
  "POST /api/quotes/import": none("write"),
  "POST /api/quote-advice": none("advice on answers the user gives"),
  "GET /api/quote-settings": none("settings"),
  "PUT /api/quote-settings": none("write"),
  "GET /api/company-settings": none("the company's own name, addresses and terms (on every letter)"),
  "PATCH /api/company-settings": none("write"),
  "GET /api/company-settings/logo": none("the company's logo image"),
  "PUT /api/company-settings/logo": none("write"),
  "DELETE /api/company-settings/logo": none("write"),
  "GET /api/forecast": { figures: true, sales: false, calls: () => [get("/api/forecast?by=rep"), get("/api/forecast?by=product"), get("/api/forecast?by=rayon")] },
  "GET /api/forecast/export": { figures: true, sales: false, calls: () => [get("/api/forecast/export?by=product&format=csv")] },
  "POST /api/forecast/as-of": none("starts a job; its result is read from GET /api/jobs/:id (owner only)"),
  "GET /api/reports/contact-moments": { figures: true, sales: false, calls: () => [get("/api/reports/contact-moments?from=2026-11-01&to=2026-11-30")] },
  "GET /api/reports/visit-norms": { figures: true, sales: false, calls: () => [get("/api/reports/visit-norms")] },
  "GET /api/reports/selling-time": { figures: true, sales: false, calls: () => [get("/api/reports/selling-time?from=2025-01-01&to=2025-03-31")] },
  "GET /api/reports/preparation-payback": { figures: true, sales: true, calls: () => [get("/api/reports/preparation-payback?year=2025"), get("/api/reports/preparation-payback")] },
  "GET /api/jobs": { figures: true, sales: true, calls: () => [get("/api/jobs")] },
  "GET /api/jobs/:id": { figures: true, sales: true, calls: (ids) => [get(`/api/jobs/${ids.job}`)] },
  "POST /api/jobs/:id/cancel": none("write"),
  "GET /api/planning/reps": none("names of the reps you may plan for (acting-for policy)"),
  "POST /api/planning/cycle-plans": none("write: starts a job for a rep you may plan for (cycle-plan.routes.test.ts)"),
  "GET /api/planning/cycle-plans": none("plans in your agenda scope: relation names and times, no figures"),
  "GET /api/planning/cycle-plans/:id": none("a plan in your agenda scope (404 outside it): no figures"),
  "POST /api/planning/cycle-plans/:id/accept": none("write (If-Match): appointments through the agenda's service"),
  "POST /api/planning/cycle-plans/:id/discard": none("write (If-Match)"),
  "POST /api/planning/routes": none("starts a job for a rep you may plan for: the day's agenda in order, no figures"),
  "POST /api/planning/routes/accept": none("write: a rep's appointments of a day get new start times through the agenda's service (versions, all or none)"),
  "GET /api/jobs/:id/file": { figures: true, sales: true, calls: (ids) => [get(`/api/jobs/${ids.job}/file`)] },
  "POST /api/reports/sales": { figures: true, sales: true, calls: REPORT_VARIANTS },
  "POST /api/reports/sales/export": { figures: true, sales: true, calls: () => [] },
  "GET /api/reports/sales/views": none("the user's own saved requests"),
  "POST /api/reports/sales/views": none("write"),
  "DELETE /api/reports/sales/views/:id": none("write"),
  "GET /api/reports/targets": { figures: true, sales: true, calls: () => [get("/api/reports/targets?from=2025-01&to=2025-12"), get("/api/reports/targets?from=2025-01&to=2025-12&by=rep")] },
  "GET /api/reports/pareto": { figures: true, sales: true, calls: () => [get("/api/reports/pareto?from=2025-01&to=2025-12")] },
  "GET /api/reports/purchasing-outlook": { figures: true, sales: true, calls: () => [get("/api/reports/purchasing-outlook")] },
  "GET /api/reports/new-customers": { figures: true, sales: true, calls: (ids) => [get("/api/reports/new-customers?from=2025-01&to=2025-12"), get(`/api/reports/new-customers?from=2025-01&to=2025-12&product=${ids.zuidProduct}`)] },
  "GET /api/sales/class-proposals": { figures: true, sales: true, calls: () => [get("/api/sales/class-proposals?from=2025-01&to=2025-12")] },
  "POST /api/sales/class-proposals/accept": none("write"),
  "GET /api/sales/class-thresholds": none("settings"),
  "PUT /api/sales/class-thresholds": none("write"),
  "GET /api/sales/salespeople": none("names of salespeople (as the CRM's users)"),
  "GET /api/sales/targets": { figures: true, sales: true, calls: () => [get("/api/sales/targets?from=2025-01&to=2025-12")] },
  "PUT /api/sales/targets": none("write"),
  "POST /api/sales/targets/import": none("write"),
  "POST /api/sales/imports": none("write"),
  "GET /api/sales/imports/:id": none("the importer's own upload (sales.import)"),
  "GET /api/sales/imports/:id/problems": none("the importer's own upload (sales.import)"),
  "PUT /api/sales/imports/:id/mapping": none("write"),
  "POST /api/sales/imports/:id/commit": none("write"),
};

const ROLES: { name: string; role: Role; profitResponsible: boolean; rayons: string[] }[] = [
  { name: "admin", role: "admin", profitResponsible: false, rayons: [] },
  { name: "manager with profit responsibility", role: "sales_manager", profitResponsible: true, rayons: [] },
  { name: "manager without", role: "sales_manager", profitResponsible: false, rayons: [] },
  { name: "field rep Noord", role: "field_sales", profitResponsible: false, rayons: ["Noord"] },
  { name: "field rep Noord with profit responsibility", role: "field_sales", profitResponsible: true, rayons: ["Noord"] },
  { name: "inside sales Noord", role: "inside_sales", profitResponsible: false, rayons: ["Noord"] },
  { name: "marketing", role: "marketing", profitResponsible: false, rayons: [] },
  { name: "purchasing", role: "purchasing", profitResponsible: false, rayons: [] },
];

describe.each(ENGINES)("access matrix on %s", (engine) => {
  let t: TestApp;
  let ids: Ids;
  const users = new Map<string, User>();

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.setNow(new Date("2026-01-15T09:00:00Z"));
    for (const r of ROLES) {
      const u = await t.userWithRole(r.role, { profitResponsible: r.profitResponsible, rayonNames: r.rayons });
      const rayonIds = (await t.ctx.db.selectFrom("user_rayons").select("rayon_id").where("user_id", "=", u.id).execute()).map((x) => x.rayon_id);
      users.set(r.name, { ...u, viewer: { id: u.id, role: r.role, profitResponsible: r.profitResponsible, rayonIds } });
    }
    const manager = users.get("manager with profit responsibility") as User;
    const post = async (url: string, payload: unknown, user = manager) => {
      const res = await t.app.inject({ method: "POST", url, headers: user.headers, payload: payload as Record<string, unknown> });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
      return res.json();
    };
    const noordProduct = (await post("/api/products", { code: "MARGE-N", name: "Marge Noord", listPriceCents: 12_000, costPriceCents: 7_777 })).id;
    const zuidProduct = (await post("/api/products", { code: "GEHEIM-ZUID", name: "Geheim product", listPriceCents: 15_000, costPriceCents: 8_888 })).id;
    const patch = await t.app.inject({ method: "PATCH", url: `/api/products/${noordProduct}`, headers: { ...manager.headers, "if-match": '"1"' }, payload: { costPriceCents: 7_878 } });
    expect(patch.statusCode).toBe(200);
    await importSales(
      t.app,
      manager.headers,
      salesCsv([
        ["F1", 1, "15-03-2025", "D-N1", "Bakkerij Noordwind", "MARGE-N", 3, "5151,51", "2727,27", "Ria Noordwind", "Noord"],
        ["F2", 1, "15-04-2025", "D-Z1", "Geheim Zuid Vertrouwelijk BV", "GEHEIM-ZUID", 2, "4242,42", "1313,13", "Sem Geheimzuid", "Zuid"],
      ]),
    );
    const relation = async (debtor: string) => (await t.ctx.db.selectFrom("relations").select("id").where("debtor_number", "=", debtor).executeTakeFirstOrThrow()).id;
    const rayon = async (name: string) => (await t.ctx.db.selectFrom("rayons").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
    const noordDebtor = await relation("D-N1");
    const zuidDebtor = await relation("D-Z1");
    const quote = (await post("/api/quotes", { relationId: zuidDebtor, probability: 50, decisionMonth: "2026-03", status: "sent", lines: [{ productId: zuidProduct, quantity: 2 }] })).id;
    const activity = (await post(`/api/relations/${zuidDebtor}/activities`, { kind: "visit", occurredAt: "2026-01-10T10:00:00Z", notes: "Bezoek" })).id;
    // A job of the manager's with a margin figure in its result: nobody else may read it.
    const started = await post("/api/forecast/as-of", { asOf: "2026-01-14", by: "month", format: "csv" });
    await waitForJob(t.app, manager.headers, started.id);
    // A first visit at the Noord debtor in the Noord rep's agenda: its sheet shows that debtor's sales.
    const repNoord = users.get("field rep Noord") as User;
    const appointment = (await post("/api/appointments", { relationId: noordDebtor, forUserId: repNoord.id, visitType: "first_visit", start: "2026-01-20T10:00:00+01:00", durationMinutes: 60 })).id;
    ids = { appointment, noordDebtor, zuidDebtor, noordProduct, zuidProduct, noordRayon: await rayon("Noord"), zuidRayon: await rayon("Zuid"), quote, activity, person: 0, followUp: 0, job: started.id };
  });
  afterAll(async () => t?.close());

  it("has an entry for every registered route", () => {
    const missing = registeredRoutes(t.app)
      .filter((r) => r.url.startsWith("/api") && r.method !== "HEAD" && r.method !== "OPTIONS")
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in ROUTES));
    expect(missing, "routes without an access-matrix entry").toEqual([]);
  });

  it("never shows cost or margin without the right, nor another rayon's detail on a sales path", async () => {
    const leaks: string[] = [];
    const seen = { marginShown: false, noordShown: false, zuidTotalShown: false };
    for (const [key, entry] of Object.entries(ROUTES)) {
      if (!entry.figures) continue;
      for (const call of entry.calls(ids)) {
        for (const [name, user] of users) {
          const res = await t.app.inject({ method: call.method, url: call.url, headers: user.headers, ...(call.payload ? { payload: call.payload as Record<string, unknown> } : {}) });
          const where = `${name}: ${call.method} ${call.url} ${call.payload ? JSON.stringify(call.payload) : ""}`;
          if (res.statusCode >= 500) leaks.push(`${where} → ${res.statusCode}`);
          if (res.statusCode !== 200) continue;
          const body = res.body;
          const marginRight = seesMargin(user.viewer);
          if (!marginRight) {
            if (MARGIN_KEYS.test(body)) leaks.push(`${where} → a cost or margin field`);
            for (const n of MARGIN_NUMBERS) if (new RegExp(`\\b${n}\\b`).test(body)) leaks.push(`${where} → the secret figure ${n}`);
          } else if (MARGIN_KEYS.test(body)) seen.marginShown = true;
          const detailOfNoordOnly = user.viewer.role === "field_sales" || user.viewer.role === "inside_sales";
          if (entry.sales && detailOfNoordOnly) {
            for (const secret of ZUID_NAMES) if (body.includes(secret)) leaks.push(`${where} → ${secret}`);
            if (body.includes("Bakkerij Noordwind")) seen.noordShown = true;
            if (body.includes("424242")) seen.zuidTotalShown = true;
          }
        }
      }
      expect(key).toBeTruthy();
    }
    expect(leaks).toEqual([]);
    // The secrets were there to find: margin viewers see margin, reps see their own debtor and the other rayon's total.
    expect(seen).toEqual({ marginShown: true, noordShown: true, zuidTotalShown: true });
  });

  it("refuses margin measures to every role without the right with 403 margin_hidden", async () => {
    for (const [name, user] of users) {
      for (const m of MARGIN_MEASURES) {
        const res = await t.app.inject({ method: "POST", url: "/api/reports/sales", headers: user.headers, payload: { measures: [m], dimensions: ["rayon"], from: "2025-01", to: "2025-12" } });
        expect(res.statusCode, name).toBe(seesMargin(user.viewer) ? 200 : 403);
        if (!seesMargin(user.viewer)) expect(res.json().code, name).toBe("margin_hidden");
      }
    }
  });
});
