// The access policy written down once per route, as the access-matrix tests check it
// (src/server/access-records.test.ts): for every registered route a rule that gives, for each role
// and each relationship of the viewer to the record the route names (its own, a colleague's in the
// same rayon, another rayon's, or nobody it is related to), the status the server must answer.
// This is the specification, written from docs/security.md, deliberately apart from the code it
// checks (src/domain/access.ts, src/domain/acting.ts): a change of policy is a change here too.
// One line per route, keyed "METHOD /path" as Fastify registers it; a route without a line fails.
import { can, type Permission, type Role } from "../domain/roles.js";

/** How the viewer is related to the record: the record is theirs, a colleague's in their rayon, another rayon's, or of nobody they relate to. */
export const RELATIONSHIPS = ["own", "sameRayon", "otherRayon", "none"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** allowed: the request is carried out (any status but 401/403/404, never 5xx); 403 refused; 404 not shown to exist. */
export type Outcome = "allowed" | 403 | 404;

export interface Person {
  readonly id: number;
  readonly role: Role;
  readonly rayonIds: readonly number[];
}

/** What a route's `:id` names, so the test can make one for each owner ("user" on a route without `:id`: the user the request is for). */
export type Target =
  | "relation"
  | "person"
  | "activity"
  | "attachment"
  | "followUp"
  | "quote"
  | "appointment"
  | "plan"
  | "import"
  | "salesImport"
  | "job"
  | "salesView"
  | "apiToken"
  | "user"
  | "rayon"
  | "product";

export interface Rule {
  /** Short name, as in docs/security.md's table of policies. */
  readonly name: string;
  /** The record kind the route's `:id` names; none: the route names no record (relationship does not apply). */
  readonly target: Target | null;
  outcome(viewer: Person, owner: Person): Outcome;
}

/** The acting-for policy (docs/security.md, "Acting for others"): oneself; managers and admins anyone; inside sales the field reps of its rayons. */
export function actsFor(viewer: Person, owner: Person): boolean {
  if (viewer.id === owner.id) return true;
  if (viewer.role === "admin" || viewer.role === "sales_manager") return true;
  return viewer.role === "inside_sales" && owner.role === "field_sales" && owner.rayonIds.some((r) => viewer.rayonIds.includes(r));
}

const rule = (name: string, target: Target | null, outcome: Rule["outcome"]): Rule => ({ name, target, outcome });

/** Anyone may (the login, a password link's token, the API description). */
const PUBLIC: Rule = rule("public", null, () => "allowed");
/** Every signed-in role, on the signed-in user's own things (session, account, own feed, own saved views list). */
const SELF: Rule = rule("self", null, () => "allowed");
/** Open to every role (the CRM is open: DOMAIN.md), whoever the record belongs to; figures inside follow the figure rules of access-matrix.test.ts. */
const open = (target: Target | null = null): Rule => rule("open", target, () => "allowed");
/** The role's permission, whoever the record belongs to; 403 without it. */
const perm = (p: Permission, target: Target | null = null): Rule => rule(`permission ${p}`, target, (v) => (can(v.role, p) ? "allowed" : 403));
/** The permission, and the right to act for the record's owner (403 otherwise): quotes and contact moments are someone's work. */
const actFor = (p: Permission, target: Target): Rule => rule(`act-for (${p})`, target, (v, o) => (!can(v.role, p) ? 403 : actsFor(v, o) ? "allowed" : 403));
/** A report of figures per rep (TEAM_REPORTS): managers and admins every rep, field and inside sales their own line; marketing and purchasing 403. */
const TEAM_REPORT: Rule = rule("team report", null, (v) => (v.role === "marketing" || v.role === "purchasing" ? 403 : "allowed"));
/** Sales per relation (debtor detail): every role but purchasing, whose VIS has no debtor dimension (403); the rayon limits inside follow access-matrix.test.ts. */
const debtorSales = (target: Target | null = null): Rule => rule("sales per relation", target, (v) => (v.role === "purchasing" ? 403 : "allowed"));
/** The owner's agenda: read by whoever may act for the owner, else 404 (docs/security.md, "Whose agenda"). */
const agenda = (target: Target): Rule => rule("agenda", target, (v, o) => (actsFor(v, o) ? "allowed" : 404));
/** Writing in the owner's agenda: the permission (403), then the agenda scope (404 outside it). */
const agendaWrite = (p: Permission, target: Target): Rule => rule(`agenda write (${p})`, target, (v, o) => (!can(v.role, p) ? 403 : actsFor(v, o) ? "allowed" : 404));
/** The permission (403), then the owner's own (administrators: everyone's); another's does not exist for the viewer (404). */
const ownerOnly = (p: Permission, target: Target): Rule => rule(`owner or admin (${p})`, target, (v, o) => (!can(v.role, p) ? 403 : v.id === o.id || v.role === "admin" ? "allowed" : 404));
/** The owner's own, or a user administrator's; another's is refused with `denied`. */
const ownerOrUserAdmin = (target: Target, denied: 403 | 404): Rule => rule(`owner or users.manage`, target, (v, o) => (v.id === o.id || can(v.role, "users.manage") ? "allowed" : denied));

export const ACCESS: Record<string, Rule> = {
  "GET /api/health": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  "GET /api/docs": PUBLIC,
  "GET /api/docs/json": PUBLIC,
  "GET /api/docs/yaml": PUBLIC,
  "GET /api/docs/static/*": PUBLIC,
  "GET /api/docs/static/index.html": PUBLIC,
  "GET /api/docs/static/swagger-initializer.js": PUBLIC,
  "GET /api/session": SELF,
  "POST /api/session": PUBLIC,
  "DELETE /api/session": SELF,
  "GET /api/users": open(),
  "GET /api/admin/users": perm("users.manage"),
  "POST /api/admin/users": perm("users.manage"),
  "GET /api/admin/users/:id": perm("users.manage", "user"),
  "PATCH /api/admin/users/:id": perm("users.manage", "user"),
  "POST /api/admin/users/:id/password-reset": perm("users.manage", "user"),
  "POST /api/password-reset/lookup": PUBLIC,
  "POST /api/password-reset": PUBLIC,
  "POST /api/session/password": SELF,
  "GET /api/session/totp": SELF,
  "POST /api/session/totp/setup": SELF,
  "POST /api/session/totp": SELF,
  "POST /api/session/totp/disable": SELF,
  "POST /api/admin/users/:id/totp-reset": perm("users.manage", "user"),
  "GET /api/users/:id/api-tokens": ownerOrUserAdmin("user", 403),
  "DELETE /api/api-tokens/:id": ownerOrUserAdmin("apiToken", 404),
  "GET /api/rayons": open(),
  "GET /api/rayons/:id/territory": open("rayon"),
  "PUT /api/rayons/:id/postcode-ranges": perm("territories.manage", "rayon"),
  "GET /api/map/relations": open(),
  "POST /api/rayons/:id/sub-areas/proposal": perm("territories.manage", "rayon"),
  "PUT /api/rayons/:id/sub-areas": perm("territories.manage", "rayon"),
  "GET /api/territories/regions": open(),
  "PUT /api/rayons/:id/regions": perm("territories.manage", "rayon"),
  "PUT /api/rayons/:id/relations": perm("territories.manage", "rayon"),
  // A sub-area of the rayon is named in the body or a second parameter: tested in sub-area-edit.routes.test.ts.
  "POST /api/rayons/:id/sub-areas/moves": perm("territories.manage"),
  "PATCH /api/rayons/:id/sub-areas/:areaId": perm("territories.manage"),
  "GET /api/market-segments": open(),
  "GET /api/sbi-codes": open(),
  "GET /api/relations": open(),
  "POST /api/relations": perm("crm.write"),
  "GET /api/relations/:id": open("relation"),
  "PATCH /api/relations/:id": perm("crm.write", "relation"),
  "GET /api/relations/:id/audit": open("relation"),
  "GET /api/relations/:id/sales": debtorSales("relation"),
  "GET /api/relations/:id/nearby": open("relation"),
  "GET /api/relations/:id/customers": open("relation"),
  "POST /api/relations/:id/customers": perm("crm.write", "relation"),
  "POST /api/relations/:id/customers/remove": perm("crm.write", "relation"),
  "GET /api/relations/:id/news": open("relation"),
  "PUT /api/relations/:id/news-feed": perm("crm.write", "relation"),
  "POST /api/relations/:id/news-feed/fetch": perm("crm.write", "relation"),
  "GET /api/news-settings": perm("users.manage"),
  "PUT /api/news-settings": perm("users.manage"),
  "POST /api/my-day/news/seen": open(),
  "GET /api/relations/:id/persons": open("relation"),
  "POST /api/relations/:id/persons": perm("crm.write", "relation"),
  "GET /api/relations/:id/activities": open("relation"),
  "POST /api/relations/:id/activities": actFor("crm.write", "relation"),
  "GET /api/relations/:id/followups": open("relation"),
  "POST /api/relations/:id/followups": perm("crm.write", "relation"),
  "POST /api/relations/:id/merge": perm("crm.write", "relation"),
  "GET /api/relations/duplicates": open(),
  "GET /api/persons/:id": open("person"),
  "PATCH /api/persons/:id": perm("crm.write", "person"),
  "GET /api/persons/:id/consents": open("person"),
  "POST /api/persons/:id/consents": perm("crm.write", "person"),
  "POST /api/persons/:id/consents/withdraw": perm("crm.write", "person"),
  "POST /api/persons/:id/erase": perm("persons.erase", "person"),
  "GET /api/persons/:id/gdpr-export": perm("persons.export", "person"),
  "GET /api/activities/:id": open("activity"),
  "PATCH /api/activities/:id": actFor("crm.write", "activity"),
  "POST /api/activities/:id/attachments": perm("crm.write", "activity"),
  "GET /api/attachments/:id": open("attachment"),
  "GET /api/followups": open(),
  "GET /api/followups/:id": open("followUp"),
  "PATCH /api/followups/:id": perm("crm.write", "followUp"),
  "GET /api/followups/quick-dates": open(),
  "GET /api/followups/overdue-by-rep": TEAM_REPORT,
  "GET /api/my-day": SELF,
  "GET /api/my-day/route": SELF,
  // The field app's bundle: the viewer's own coming days (every figure inside through the viewer scope).
  "GET /api/offline/bundle": SELF,
  "GET /api/appointments": open(),
  "GET /api/appointments/users": open(),
  "POST /api/appointments": actFor("crm.write", "user"),
  "GET /api/appointments/:id": agenda("appointment"),
  "PATCH /api/appointments/:id": agendaWrite("crm.write", "appointment"),
  "POST /api/appointments/:id/cancel": agendaWrite("crm.write", "appointment"),
  "DELETE /api/appointments/:id": agendaWrite("crm.write", "appointment"),
  "GET /api/visit-preparations/:id": agenda("appointment"),
  "PATCH /api/visit-preparations/:id": agendaWrite("crm.write", "appointment"),
  "POST /api/visit-preparations/:id/report": agendaWrite("crm.write", "appointment"),
  "GET /api/preparation-settings": open(),
  "PUT /api/preparation-settings": perm("users.manage"),
  "GET /api/visit-templates": open(),
  "POST /api/visit-templates": perm("templates.manage"),
  "PATCH /api/visit-templates/:id": perm("templates.manage"),
  // The logging address and inbox are the user's own (another's mail: 404), tested in mail-intake.routes.test.ts.
  "GET /api/mail-log-address": perm("crm.write"),
  "POST /api/mail-log-address": perm("crm.write"),
  "DELETE /api/mail-log-address": perm("crm.write"),
  "GET /api/admin/mail-log-addresses": perm("users.manage"),
  "GET /api/admin/mail-imap": perm("users.manage"),
  "GET /api/mail-inbox": perm("crm.write"),
  "GET /api/mail-inbox/:id": perm("crm.write"),
  "POST /api/mail-inbox/:id/assign": perm("crm.write"),
  "POST /api/mail-inbox/:id/drop": perm("crm.write"),
  "GET /api/calendar-feed": SELF,
  "POST /api/calendar-feed": SELF,
  "DELETE /api/calendar-feed": SELF,
  "GET /api/calendar/:file": PUBLIC,
  "GET /api/crm-settings": open(),
  "PATCH /api/crm-settings": perm("users.manage"),
  "GET /api/mailing-list": perm("persons.export"),
  "GET /api/exports/relations": open(),
  "GET /api/exports/persons": perm("persons.export"),
  // The file of relations is open to every role; persons and contact moments are personal data (the test asks for persons).
  "POST /api/exports/:dataset/job": rule("relations open; persons and contact moments persons.export", null, (v) => (can(v.role, "persons.export") ? "allowed" : 403)),
  "GET /api/exports/contact-moments": perm("persons.export"),
  "POST /api/imports": perm("crm.write"),
  "GET /api/imports/:id": ownerOnly("crm.write", "import"),
  "PUT /api/imports/:id/mapping": ownerOnly("crm.write", "import"),
  "GET /api/imports/:id/rejected": ownerOnly("crm.write", "import"),
  "GET /api/imports/:id/preview": ownerOnly("crm.write", "import"),
  "POST /api/imports/:id/commit": ownerOnly("crm.write", "import"),
  "GET /api/products": open(),
  "POST /api/products": perm("crm.write"),
  "GET /api/products/:id": open("product"),
  "PATCH /api/products/:id": perm("crm.write", "product"),
  "GET /api/products/:id/audit": open("product"),
  "GET /api/products/:id/arguments": open("product"),
  "PUT /api/products/:id/arguments": perm("crm.write", "product"),
  "POST /api/products/import": perm("crm.write"),
  "GET /api/product-groups": open(),
  "POST /api/product-groups": perm("crm.write"),
  "GET /api/quotes": open(),
  "POST /api/quotes": actFor("quotes.write", "user"),
  "GET /api/quotes/:id": open("quote"),
  "PATCH /api/quotes/:id": actFor("quotes.write", "quote"),
  "GET /api/quotes/:id/arguments": open("quote"),
  "GET /api/quotes/:id/document": open("quote"),
  "POST /api/quotes/:id/revisions": actFor("quotes.write", "quote"),
  "GET /api/quotes/hit-ratio": TEAM_REPORT,
  "POST /api/quotes/import": perm("quotes.write"),
  "POST /api/quote-advice": open(),
  "GET /api/quote-settings": open(),
  "PUT /api/quote-settings": perm("users.manage"),
  "GET /api/company-settings": open(),
  "PATCH /api/company-settings": perm("users.manage"),
  "GET /api/company-settings/logo": open(),
  "PUT /api/company-settings/logo": perm("users.manage"),
  "DELETE /api/company-settings/logo": perm("users.manage"),
  "GET /api/forecast": open(),
  "GET /api/forecast/export": open(),
  "POST /api/forecast/as-of": open(),
  "GET /api/reports/contact-moments": TEAM_REPORT,
  "GET /api/reports/visit-norms": TEAM_REPORT,
  "GET /api/reports/selling-time": TEAM_REPORT,
  "GET /api/reports/preparation-payback": TEAM_REPORT,
  "GET /api/jobs": SELF,
  "GET /api/jobs/:id": ownerOnly("crm.read", "job"),
  "POST /api/jobs/:id/cancel": ownerOnly("crm.read", "job"),
  "GET /api/planning/reps": open(),
  "POST /api/planning/cycle-plans": actFor("crm.write", "user"),
  "GET /api/planning/cycle-plans": open(),
  "GET /api/planning/cycle-plans/:id": agenda("plan"),
  "POST /api/planning/cycle-plans/:id/accept": agendaWrite("crm.write", "plan"),
  "POST /api/planning/cycle-plans/:id/discard": agendaWrite("crm.write", "plan"),
  "POST /api/planning/routes": actFor("crm.read", "user"),
  "POST /api/planning/routes/accept": actFor("crm.write", "user"),
  "GET /api/jobs/:id/file": ownerOnly("crm.read", "job"),
  "POST /api/reports/sales": open(),
  "POST /api/reports/sales/export": open(),
  "GET /api/reports/sales/views": SELF,
  "POST /api/reports/sales/views": SELF,
  "DELETE /api/reports/sales/views/:id": rule("owner only", "salesView", (v, o) => (v.id === o.id ? "allowed" : 404)),
  "GET /api/reports/targets": open(),
  "GET /api/reports/pareto": debtorSales(),
  "GET /api/reports/purchasing-outlook": rule("every rayon's detail", null, (v) => (v.role === "field_sales" || v.role === "inside_sales" ? 403 : "allowed")),
  "GET /api/reports/new-customers": debtorSales(),
  "GET /api/sales/class-proposals": perm("reports.team"),
  "POST /api/sales/class-proposals/accept": perm("reports.team"),
  "GET /api/sales/class-thresholds": open(),
  "PUT /api/sales/class-thresholds": perm("reports.team"),
  "GET /api/sales/salespeople": open(),
  "GET /api/sales/targets": open(),
  "PUT /api/sales/targets": perm("sales.import"),
  "POST /api/sales/targets/import": perm("sales.import"),
  "POST /api/sales/imports": perm("sales.import"),
  "GET /api/sales/imports/:id": ownerOnly("sales.import", "salesImport"),
  "GET /api/sales/imports/:id/problems": ownerOnly("sales.import", "salesImport"),
  "PUT /api/sales/imports/:id/mapping": ownerOnly("sales.import", "salesImport"),
  "POST /api/sales/imports/:id/commit": ownerOnly("sales.import", "salesImport"),
};
