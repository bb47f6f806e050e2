// The bundle a field rep's device keeps for offline work: the rep's own appointments of today and the
// next working days, with their preparation sheets, the route of each of those days (with the
// travel table to lay it anew after a move) and the relation cards, persons and open follow-ups of
// those relations. Every part is read through the owning feature's service for the
// viewer (the sheet's sales figures follow the viewer scope like GET /api/visit-preparations/:id).
import { addDays } from "../../domain/calendar.js";
import type { AuthUser } from "../auth/auth-user.js";
import type { AppContext } from "../../server/context.js";
import { amsterdamDate, startOfAmsterdamDay } from "../../server/time.js";
import { listActivitiesPage } from "../activities/activity.service.js";
import { consentOverview } from "../consent/consent.service.js";
import { listAppointments } from "../appointments/appointment.service.js";
import { listFollowUpsOfRelation } from "../followups/follow-up.service.js";
import { myDay } from "../followups/my-day.service.js";
import { mayPlanFor } from "../../domain/acting.js";
import { agendaRoute, legsOfRoute } from "../../planning/agenda-route.js";
import { travelTable } from "../planning/agenda-route.service.js";
import { getSheet, readChecklist } from "../preparation/preparation.service.js";
import { listTemplates } from "../preparation/template.service.js";
import { getRelation } from "../relations/relation.service.js";
import { actorOf } from "../users/user.service.js";

/** Today and this many working days (Monday–Friday) after it. */
export const OFFLINE_WORKING_DAYS = 3;
/**
 * At most this many appointments (and so sheets and relations) go into one bundle: a full week of a
 * busy rep is about 40; each sheet with its relation is a few tens of kB, so the bundle stays within
 * a few MB.
 */
export const OFFLINE_MAX_APPOINTMENTS = 40;
/** The newest contact moments of each relation the card shows offline (its timeline's first page online is 20). */
export const OFFLINE_ACTIVITIES_PER_RELATION = 10;

/** Day of the week of an ISO date, Monday 0 … Sunday 6 (the date read as UTC midnight). */
function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Today and the next `count` working days after it (today itself counts even on a Saturday). */
export function offlineDays(today: string, count: number): string[] {
  const days = [today];
  let d = today;
  while (days.length < count + 1) {
    d = addDays(d, 1);
    if (weekday(d) < 5) days.push(d);
  }
  return days;
}

export async function offlineBundle(ctx: AppContext, user: AuthUser) {
  const now = ctx.now();
  const today = amsterdamDate(now);
  const days = offlineDays(today, OFFLINE_WORKING_DAYS);
  const last = days[days.length - 1] as string;
  const all = await listAppointments(ctx.db, user, {
    from: today,
    to: last,
    fromIso: startOfAmsterdamDay(today),
    toIso: startOfAmsterdamDay(addDays(last, 1)),
    userId: user.id,
    includeCancelled: false,
  });
  const appointments = all.slice(0, OFFLINE_MAX_APPOINTMENTS);
  const day = await myDay(ctx.db, user, now, today);
  // One travel table over home and every bundled place (one matrix from the travel model): the days'
  // routes, today's drives on "Mijn dag", and after a move offline the device lays the route anew
  // from it (the same planning/agenda-route.ts).
  const travel = await travelTable(ctx.db, ctx.config, user.id, [...day.agenda.items, ...appointments].map((a) => a.relation.id));
  const routes = days.map((d) => agendaRoute(d, d === today ? day.agenda.items : appointments, travel));
  const myDayBody = { ...day, agendaTravel: legsOfRoute(routes[0] as (typeof routes)[number]) };
  // Whether the rep may plan in their own agenda offline: the rights GET /api/appointments/users gives.
  const actor = await actorOf(ctx.db, user.id);
  const mayPlan = actor !== null && mayPlanFor(user, actor);
  // One after the other: each sheet asks the sales worker, and two cores are shared.
  const sheets = [];
  for (const a of appointments) sheets.push(await getSheet(ctx, user, a.id));
  const relationIds = [...new Set(appointments.map((a) => a.relation.id))];
  const relations = [];
  const persons = [];
  const followUps = [];
  const activities = [];
  const consents = [];
  for (const id of relationIds) {
    // The card without its persons: they are kept once, in `persons` (the device puts them back on the card).
    const { persons: people, ...card } = await getRelation(ctx.db, id);
    relations.push(card);
    persons.push({ relationId: id, items: people });
    for (const p of people) consents.push(await consentOverview(ctx.db, p.id));
    // Open ones only: what is done is history, and the relation card reads it online.
    followUps.push({ relationId: id, items: (await listFollowUpsOfRelation(ctx.db, id, today)).filter((f) => f.status === "open") });
    activities.push({ relationId: id, items: (await listActivitiesPage(ctx.db, id, { limit: OFFLINE_ACTIVITIES_PER_RELATION }, today)).items });
  }
  return {
    generatedAt: now.toISOString(),
    userId: user.id,
    mayPlan,
    days,
    truncated: all.length > appointments.length,
    myDay: myDayBody,
    appointments,
    routes,
    travel,
    sheets,
    relations,
    persons,
    followUps,
    activities,
    consents,
    // The company's switched-on templates (each sheet also carries those it applied).
    templates: (await listTemplates(ctx.db, { all: false })).map((t) => ({ id: t.key, name: t.name, visitTypes: [...t.visitTypes] })),
    checklist: await readChecklist(ctx.db),
  };
}
