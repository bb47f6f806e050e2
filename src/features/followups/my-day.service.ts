// "Mijn dag / My day": what a user should act on today. Every part is one index range (follow_ups by
// assignee, activity_users by user and time, relations by owner and contract end), so it stays fast
// with millions of contact moments: it never scans activities.
import { addDays, daysBetween } from "../../domain/calendar.js";
import { proposalWindow, proposeFrom } from "../../domain/contract-renewal.js";
import type { Db } from "../../db/kysely.js";
import type { AuthUser } from "../auth/auth-user.js";
import { startOfAmsterdamDay } from "../../server/time.js";
import { listAppointments } from "../appointments/appointment.service.js";
import { newsForOwner } from "../news/news.service.js";
import { readCrmSettings } from "./crm-settings.service.js";
import { countOpenFollowUpsOfUser, openFollowUpsOfUser, overdueCountsPerUser } from "./follow-up.repository.js";
import { toFollowUpDto } from "./follow-up.service.js";

/** Lists show at most this many items; counts are complete. */
const SECTION_LIMIT = 200;
/** Planned contact moments shown as appointments: the coming two weeks. */
const APPOINTMENT_DAYS = 14;
/** Follow-ups of the coming days shown beside today's: the coming week. */
const UPCOMING_DAYS = 7;

export async function myDay(db: Db, user: AuthUser, now: Date, today: string) {
  const yesterday = addDays(today, -1);
  const settings = await readCrmSettings(db);
  const window = proposalWindow(today, settings.proposalWindowDays);
  const until = new Date(now.getTime() + APPOINTMENT_DAYS * 86_400_000).toISOString();

  const tomorrow = addDays(today, 1);
  const upcomingTo = addDays(today, UPCOMING_DAYS);
  const [overdue, overdueCount, dueToday, dueTodayCount, upcoming, upcomingCount, agenda, planned, renewals, news] = await Promise.all([
    openFollowUpsOfUser(db, user.id, null, yesterday, SECTION_LIMIT),
    countOpenFollowUpsOfUser(db, user.id, null, yesterday),
    openFollowUpsOfUser(db, user.id, today, today, SECTION_LIMIT),
    countOpenFollowUpsOfUser(db, user.id, today, today),
    openFollowUpsOfUser(db, user.id, tomorrow, upcomingTo, SECTION_LIMIT),
    countOpenFollowUpsOfUser(db, user.id, tomorrow, upcomingTo),
    // The user's own agenda only (not the reps an inside-sales user plans for).
    listAppointments(db, user, { from: today, to: today, fromIso: startOfAmsterdamDay(today), toIso: startOfAmsterdamDay(tomorrow), userId: user.id, includeCancelled: false }),
    db
      .selectFrom("activity_users as au")
      .innerJoin("activities as a", "a.id", "au.activity_id")
      .innerJoin("relations as r", "r.id", "a.relation_id")
      .select(["a.id", "a.relation_id", "r.name as relation_name", "a.kind", "a.occurred_at", "a.occurred_on", "a.next_step"])
      .where("au.user_id", "=", user.id)
      .where("au.occurred_at", ">=", now.toISOString())
      .where("au.occurred_at", "<", until)
      .orderBy("au.occurred_at")
      .limit(SECTION_LIMIT)
      .execute(),
    db
      .selectFrom("relations")
      .select(["id", "name", "visit_city", "phone", "status", "account_class", "current_supplier", "contract_end_date"])
      .where("owner_id", "=", user.id)
      .where("contract_end_date", ">=", window.from)
      .where("contract_end_date", "<=", window.to)
      .where("status", "!=", "dead")
      .orderBy("contract_end_date")
      .orderBy("id")
      // Counted in full up to 1,000; a rep never has more contracts ending in one window.
      .limit(1000)
      .execute(),
    // New items of the news feeds of the user's own relations (relation_news_items by relation and time).
    newsForOwner(db, user.id, now),
  ]);

  return {
    date: today,
    user: { id: user.id, name: user.name },
    overdue: { items: overdue.map((r) => toFollowUpDto(r, today)), count: overdueCount },
    dueToday: { items: dueToday.map((r) => toFollowUpDto(r, today)), count: dueTodayCount },
    upcoming: { days: UPCOMING_DAYS, items: upcoming.map((r) => toFollowUpDto(r, today)), count: upcomingCount },
    agenda: { items: agenda },
    news,
    appointments: {
      source: "planned_contact_moments" as const,
      items: planned.map((a) => ({
        activityId: a.id,
        relation: { id: a.relation_id, name: a.relation_name },
        kind: a.kind,
        occurredAt: a.occurred_at,
        occurredOn: a.occurred_on,
        nextStep: a.next_step,
      })),
    },
    contractRenewals: {
      windowDays: settings.proposalWindowDays,
      count: renewals.length,
      items: renewals.slice(0, SECTION_LIMIT).map((r) => {
        const end = r.contract_end_date as string;
        return {
          relation: { id: r.id, name: r.name },
          city: r.visit_city,
          phone: r.phone,
          status: r.status,
          accountClass: r.account_class,
          currentSupplier: r.current_supplier,
          contractEndDate: end,
          daysLeft: daysBetween(today, end),
          proposeFrom: proposeFrom(end, settings.proposalWindowDays),
        };
      }),
    },
  };
}

/** The manager's view: open follow-ups past their date, per rep, most first. */
export async function overdueByRep(db: Db, today: string, repIds: readonly number[] | null) {
  const rows = await overdueCountsPerUser(db, today, repIds);
  const items = rows
    .map((r) => ({ user: { id: r.assigned_to, name: r.name }, active: r.active === 1, overdue: Number(r.n), oldestDueDate: String(r.oldest) }))
    .sort((a, b) => b.overdue - a.overdue || a.user.name.localeCompare(b.user.name));
  return { date: today, items, total: items.reduce((sum, i) => sum + i.overdue, 0) };
}
