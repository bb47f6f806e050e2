// The personal calendar feed: a secret URL per user that calendar apps (Outlook, Google, Apple)
// subscribe to, holding that user's own appointments from 90 days back to a year ahead as ICS
// (ical-generator). The token is shown once when made; only its SHA-256 is kept, so a leaked table
// gives no working feed. Regenerating replaces it, revoking removes it: the old URL then answers 404.
import icalGenerator, { ICalEventStatus } from "ical-generator";
import { addDays } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { amsterdamDate, startOfAmsterdamDay } from "../../server/time.js";
import { randomSecret, secretHash } from "../auth/session.service.js";
import { findUserById } from "../users/user.repository.js";
import { toAuthUser } from "../users/user.service.js";
import { listAppointments } from "./appointment.service.js";
import { visitTypeName } from "./visit-type-names.js";

/** Days of the past and the future a feed holds (calendars keep what they read before). */
const DAYS_BACK = 90;
const DAYS_AHEAD = 366;

export interface FeedStatus {
  active: boolean;
  createdAt: string | null;
  lastReadAt: string | null;
}

export async function feedStatus(db: Db, userId: number): Promise<FeedStatus> {
  const row = await db.selectFrom("calendar_feeds").selectAll().where("user_id", "=", userId).executeTakeFirst();
  return { active: row !== undefined, createdAt: row?.created_at ?? null, lastReadAt: row?.last_read_at ?? null };
}

/** Makes (or replaces) the user's feed; returns its secret token, shown this once. */
export async function createFeed(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomSecret();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
    await trx.insertInto("calendar_feeds").values({ user_id: userId, token_hash: secretHash(token), created_at: now.toISOString(), last_read_at: null }).execute();
  });
  return token;
}

export async function revokeFeed(db: Db, userId: number): Promise<boolean> {
  const result = await db.deleteFrom("calendar_feeds").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The ICS text of the feed with this token, or null when there is none (revoked, or the user is inactive). */
export async function feedCalendar(db: Db, token: string, now: Date, baseUrl: string): Promise<string | null> {
  const feed = await db.selectFrom("calendar_feeds").select("user_id").where("token_hash", "=", secretHash(token)).executeTakeFirst();
  if (!feed) return null;
  const row = await findUserById(db, feed.user_id);
  if (row?.active !== 1) return null;
  const user = await toAuthUser(db, row);
  const today = amsterdamDate(now);
  const from = addDays(today, -DAYS_BACK);
  const to = addDays(today, DAYS_AHEAD);
  const appointments = await listAppointments(db, user, {
    from,
    to,
    fromIso: startOfAmsterdamDay(from),
    toIso: startOfAmsterdamDay(addDays(to, 1)),
    userId: user.id,
    includeCancelled: true,
  });
  await db.updateTable("calendar_feeds").set({ last_read_at: now.toISOString() }).where("user_id", "=", user.id).execute();

  const lang = user.locale;
  const calendar = icalGenerator({ name: lang === "en" ? `Koers — ${user.name}` : `Koers — agenda van ${user.name}`, prodId: { company: "Koers", product: "agenda", language: lang.toUpperCase() } });
  // Times are written in UTC (…Z): every calendar shows them in its own zone; the feed says where they were planned.
  calendar.x([{ key: "X-WR-TIMEZONE", value: "Europe/Amsterdam" }]);
  for (const a of appointments) {
    // The preparation sheet of the visit: what a rep opens in the car park before going in.
    const link = `${baseUrl}/agenda/${a.id}/voorbereiding`;
    const met = a.persons.map((p) => p.name).join(", ");
    const lines = [
      met ? `${lang === "en" ? "Meeting" : "Gesprek met"}: ${met}` : null,
      a.createdBy && a.createdBy.id !== user.id ? `${lang === "en" ? "Planned by" : "Gepland door"}: ${a.createdBy.name}` : null,
      a.notes,
      `${lang === "en" ? "Preparation sheet" : "Voorbereiding"}: ${link}`,
    ].filter((l): l is string => l !== null && l !== "");
    calendar.createEvent({
      id: `appointment-${a.id}@koers`,
      start: new Date(a.start),
      end: new Date(a.end),
      summary: `${visitTypeName(a.visitType, lang)}: ${a.relation.name}`,
      location: a.address,
      description: lines.join("\n"),
      url: link,
      status: a.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: a.version,
      stamp: new Date(a.updatedAt),
    });
  }
  return calendar.toString();
}
