// Answers to the pages' GET requests from the device, used by the API client only when the
// server cannot be reached. Each path answers the shape its route does online; a path the store
// does not hold answers undefined (the page then shows "no connection").
import { quickDueDates } from "../../../domain/followup-dates.js";
import { appointmentsOffline, myDayOffline, routeOffline } from "./offline-appointments.js";
import type { OfflineDb } from "./offline-db.js";

/** Today's date in Europe/Amsterdam (where a rep plans), from the device's clock. */
export function amsterdamToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const ROUTES: { pattern: RegExp; read: (db: OfflineDb, m: RegExpExecArray, query: URLSearchParams, now: Date) => Promise<unknown> }[] = [
  { pattern: /^\/api\/my-day$/, read: (db) => myDayOffline(db) },
  { pattern: /^\/api\/my-day\/route$/, read: (db, _m, query, now) => routeOffline(db, query.get("date") ?? amsterdamToday(now)) },
  { pattern: /^\/api\/appointments$/, read: (db, _m, query) => appointmentsOffline(db, query) },
  {
    // Whose agenda: offline only the rep's own, planning in it as far as their rights go (the
    // bundle says; a bundle from before it said so plans nothing: fails closed).
    pattern: /^\/api\/appointments\/users$/,
    read: async (db) => {
      const user = (await db.meta.get("user"))?.value as { id: number; name: string; role: string } | undefined;
      const mayPlan = (await db.meta.get("mayPlan"))?.value === true;
      return user ? { items: [{ id: user.id, name: user.name, role: user.role, mayPlan }] } : undefined;
    },
  },
  { pattern: /^\/api\/visit-preparations\/(\d+)$/, read: async (db, m) => stripKey(await db.sheets.get(Number(m[1]))) },
  {
    // The card with its persons, which the device keeps once (in persons, where offline additions go).
    pattern: /^\/api\/relations\/(\d+)$/,
    read: async (db, m) => {
      const relation = await db.relations.get(Number(m[1]));
      if (!relation) return undefined;
      return { ...relation, persons: (await db.persons.get(relation.id))?.items ?? [] };
    },
  },
  {
    pattern: /^\/api\/relations\/(\d+)\/persons$/,
    read: async (db, m) => {
      const row = await db.persons.get(Number(m[1]));
      return row ? { items: row.items } : undefined;
    },
  },
  {
    pattern: /^\/api\/relations\/(\d+)\/followups$/,
    read: async (db, m) => {
      const row = await db.followUps.get(Number(m[1]));
      return row ? { items: row.items } : undefined;
    },
  },
  {
    // The newest contact moments only: no "load more" without signal.
    pattern: /^\/api\/relations\/(\d+)\/activities$/,
    read: async (db, m, query) => {
      if (query.get("cursor")) return undefined;
      const row = await db.activities.get(Number(m[1]));
      return row ? { items: row.items, nextCursor: null } : undefined;
    },
  },
  { pattern: /^\/api\/persons\/(-?\d+)\/consents$/, read: (db, m) => db.consents.get(Number(m[1])) },
  {
    // Whom a follow-up can be given to: offline only the rep themself.
    pattern: /^\/api\/users$/,
    read: async (db) => {
      const user = (await db.meta.get("user"))?.value as { id: number; name: string; email: string; role: string } | undefined;
      return user ? { items: [{ id: user.id, name: user.name, email: user.email, role: user.role }] } : undefined;
    },
  },
  {
    pattern: /^\/api\/appointments\/(\d+)$/,
    read: async (db, m) => (await db.appointments.get(Number(m[1]))) ?? (await db.sheets.get(Number(m[1])))?.appointment,
  },
  {
    pattern: /^\/api\/preparation-settings$/,
    read: async (db) => {
      const checklist = (await db.meta.get("checklist"))?.value;
      return checklist ? { checklist } : undefined;
    },
  },
  {
    // Pure date arithmetic: the same rule as the server's.
    pattern: /^\/api\/followups\/quick-dates$/,
    read: async (_db, _m, query, now) => {
      const from = query.get("from") ?? amsterdamToday(now);
      return { from, choices: quickDueDates(from) };
    },
  },
];

function stripKey<T extends { appointmentId: number }>(row: T | undefined): Omit<T, "appointmentId"> | undefined {
  if (!row) return undefined;
  const { appointmentId: _key, ...sheet } = row;
  return sheet;
}

export async function readOffline(db: OfflineDb, url: string, now: Date): Promise<unknown> {
  const parsed = new URL(url, "http://koers.invalid");
  for (const route of ROUTES) {
    const m = route.pattern.exec(parsed.pathname);
    if (m) return route.read(db, m, parsed.searchParams, now);
  }
  return undefined;
}
