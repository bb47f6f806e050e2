// What Koers already knows for a visit sheet, read live from the features that own it, through their
// services and for the viewer: the company (relations), sales history and cross-selling (sales, in
// the viewer scope; margin only for margin viewers), CRM history (activities, follow-ups, quotes),
// the persons met (persons, consent), the references (customer-links), the route (agenda + the planner's travel model) and the
// alternative addresses (nearby). Nothing here is stored by the preparation feature.
import type { Viewer } from "../../domain/access.js";
import { thresholdsFor } from "../../domain/abc.js";
import { OPEN_QUOTE_STATUSES } from "../../domain/quote-status.js";
import type { RelationStatus } from "../../domain/lifecycle.js";
import { leaveAtMs, suggestMethod } from "../../domain/visit-preparation.js";
import type { VisitType } from "../../domain/agenda.js";
import type { AppContext } from "../../server/context.js";
import { AppError } from "../../server/errors.js";
import { amsterdamDate, amsterdamTime, startOfAmsterdamDay } from "../../server/time.js";
import { addDays } from "../../domain/calendar.js";
import { listActivitiesPage } from "../activities/activity.service.js";
import type { AppointmentDto } from "../appointments/appointment.schemas.js";
import { listAppointments } from "../appointments/appointment.service.js";
import { currentConsentsOf } from "../consent/consent.service.js";
import { listFollowUpsOfRelation } from "../followups/follow-up.service.js";
import { DEFAULT_NEARBY_STATUSES, nearbyRelations } from "../nearby/nearby.service.js";
import { travelModelFor } from "../planning/travel.js";
import { listDecidedQuotesPage, listQuotesPage } from "../quotes/quote-read.js";
import { getRelation, relationStatusOf } from "../relations/relation.service.js";
import { referencesOf } from "../customer-links/customer-link.service.js";
import { readThresholds } from "../sales/sales-abc.service.js";
import { runSalesTask } from "../sales/sales-tasks.js";
import { homeOf } from "../users/user.service.js";

/** Earlier contact moments shown on the sheet; lost quotes whose reason is read. */
const ACTIVITY_LIMIT = 5;
const LOST_LIMIT = 3;
const NEARBY_LIMIT = 5;
/** Cross-selling looks at the last two years of sales lines (yyyymm months). */
const CROSS_SELL_MONTHS = 24;

function monthsBack(today: string, months: number): number {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const total = y * 12 + (m - 1) - months;
  return Math.floor(total / 12) * 100 + (total % 12) + 1;
}

/** Cross-selling as the viewer may see it: nothing for a role without debtor detail (purchasing). */
async function crossSellSection(ctx: AppContext, viewer: Viewer, relationId: number, today: string) {
  try {
    return await runSalesTask(ctx, "crossSell", viewer, relationId, monthsBack(today, CROSS_SELL_MONTHS));
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return { sbiCode: null, peers: 0, groups: [] };
    throw error;
  }
}

async function salesSection(ctx: AppContext, viewer: Viewer, relationId: number) {
  try {
    const sales = await runSalesTask(ctx, "relation", viewer, relationId);
    if (!sales.visible) return { state: "other_rayon" as const, data: null };
    if (sales.years.length === 0) return { state: "none" as const, data: null };
    return { state: "shown" as const, data: sales };
  } catch (error) {
    // A role without debtor detail (purchasing) sees that there are figures it may not read.
    if (error instanceof AppError && error.code === "forbidden") return { state: "hidden" as const, data: null };
    throw error;
  }
}

async function crmSection(ctx: AppContext, viewer: Viewer, relationId: number, today: string) {
  const [activities, followUps, open, lost] = await Promise.all([
    listActivitiesPage(ctx.db, relationId, { limit: ACTIVITY_LIMIT }, today),
    listFollowUpsOfRelation(ctx.db, relationId, today),
    // Every rep's quotes of this relation (scope all): "why no deal earlier" is history, not ownership.
    listQuotesPage(ctx.db, { relation: relationId, status: [...OPEN_QUOTE_STATUSES], limit: 20, scope: "all" }, ctx.now(), viewer),
    // With the lost reason from the same rows: one query, not one per quote.
    listDecidedQuotesPage(ctx.db, { relation: relationId, status: ["lost"], limit: LOST_LIMIT, scope: "all" }, ctx.now(), viewer),
  ]);
  const met = new Map<number, string>();
  for (const a of activities.items) for (const p of a.persons) met.set(p.id, p.name);
  return {
    activities: activities.items.map((a) => ({ id: a.id, kind: a.kind, occurredOn: a.occurredOn, users: a.users, persons: a.persons, notes: a.notes, outcome: a.outcome, nextStep: a.nextStep })),
    moreActivities: activities.nextCursor !== null,
    personsMet: [...met].map(([id, name]) => ({ id, name })),
    openFollowUps: followUps.filter((f) => f.status === "open").map((f) => ({ id: f.id, action: f.action, dueDate: f.dueDate, timing: f.timing, assignedTo: f.assignedTo })),
    openQuotes: open.items.map((q) => ({ id: q.id, number: q.number, title: q.title, status: q.status, probability: q.probability, decisionMonth: q.decisionMonth, totalCents: q.totalCents })),
    lostQuotes: lost.items.map((q) => ({ id: q.id, number: q.number, title: q.title, decidedOn: q.decidedOn, lostReason: q.lostReason, competitorWon: q.competitorWon, totalCents: q.totalCents })),
  };
}

/**
 * Travel to the visit: from the end of the rep's previous planned appointment that day, else from
 * home; driving time from the planner's travel model, said as a straight-line estimate when that is
 * what answered (the haversine model), and the time to leave.
 */
async function routeSection(ctx: AppContext, viewer: Viewer, appointment: AppointmentDto, destination: { lat: number; lon: number } | null) {
  if (destination === null) return { state: "no_destination" as const };
  const day = appointment.date;
  const sameDay = await listAppointments(ctx.db, viewer, {
    from: day,
    to: day,
    fromIso: startOfAmsterdamDay(day),
    toIso: startOfAmsterdamDay(addDays(day, 1)),
    userId: appointment.forUser.id,
    includeCancelled: false,
  });
  const start = Date.parse(appointment.start);
  const previous = sameDay.filter((a) => a.id !== appointment.id && Date.parse(a.end) <= start).sort((a, b) => Date.parse(b.end) - Date.parse(a.end))[0];
  let origin: { lat: number; lon: number } | null = null;
  let from: { kind: "appointment"; appointment: { id: number; relation: string; endTime: string } } | { kind: "home"; place: string | null };
  if (previous) {
    const coords = (await getRelation(ctx.db, previous.relation.id)).coordinates;
    origin = coords ? { lat: coords.lat, lon: coords.lon } : null;
    from = { kind: "appointment", appointment: { id: previous.id, relation: previous.relation.name, endTime: previous.endTime } };
  } else {
    const home = await homeOf(ctx.db, appointment.forUser.id);
    origin = home && home.lat !== null && home.lon !== null ? { lat: home.lat, lon: home.lon } : null;
    from = { kind: "home", place: home?.city ?? null };
  }
  if (origin === null) return { state: "no_origin" as const, from };
  const model = travelModelFor(ctx.config);
  const matrix = await model.matrix([origin, destination]);
  const seconds = Math.round(matrix.durations[1] ?? 0);
  const leave = new Date(leaveAtMs(start, seconds + model.stopSeconds));
  return {
    state: "shown" as const,
    from,
    minutes: Math.round(seconds / 60),
    km: Math.round((matrix.distances[1] ?? 0) / 100) / 10,
    /** true: the haversine model answered — a straight-line estimate with a detour factor, not a road route. */
    estimate: matrix.model === "haversine",
    leaveAt: leave.toISOString(),
    leaveTime: amsterdamTime(leave),
    leaveDate: amsterdamDate(leave),
  };
}

async function nearbySection(ctx: AppContext, relationId: number) {
  try {
    const found = await nearbyRelations(ctx.db, relationId, DEFAULT_NEARBY_STATUSES, NEARBY_LIMIT);
    return { state: "shown" as const, items: found.items };
  } catch (error) {
    if (error instanceof AppError && error.code === "rule_violation") return { state: "no_coordinates" as const, items: [] };
    throw error;
  }
}

/** The sales method the sheet suggests, from the same facts as the sheet (status, contact moments, open quotes), without the rest of the prefill. */
export async function suggestedMethodOf(ctx: AppContext, viewer: Viewer, appointment: AppointmentDto) {
  const today = amsterdamDate(ctx.now());
  const relationId = appointment.relation.id;
  const [status, activities, open] = await Promise.all([
    relationStatusOf(ctx.db, relationId),
    listActivitiesPage(ctx.db, relationId, { limit: ACTIVITY_LIMIT }, today),
    listQuotesPage(ctx.db, { relation: relationId, status: [...OPEN_QUOTE_STATUSES], limit: 20, scope: "all" }, ctx.now(), viewer),
  ]);
  return suggestMethod({ visitType: appointment.visitType as VisitType, status: status as RelationStatus, contactMoments: activities.items.length, openQuotes: open.items.length });
}

export async function prefillSheet(ctx: AppContext, viewer: Viewer, appointment: AppointmentDto) {
  const today = amsterdamDate(ctx.now());
  const relation = await getRelation(ctx.db, appointment.relation.id);
  const metIds = new Set(appointment.persons.map((p) => p.id));
  const [sales, crm, route, nearby, crossSell, consents, thresholds, references] = await Promise.all([
    salesSection(ctx, viewer, relation.id),
    crmSection(ctx, viewer, relation.id, today),
    routeSection(ctx, viewer, appointment, relation.coordinates ? { lat: relation.coordinates.lat, lon: relation.coordinates.lon } : null),
    nearbySection(ctx, relation.id),
    crossSellSection(ctx, viewer, relation.id, today),
    // One query for every person met, not one each.
    currentConsentsOf(ctx.db, [...metIds]),
    readThresholds(ctx.db),
    referencesOf(ctx.db, relation.id),
  ]);
  const method = suggestMethod({
    visitType: appointment.visitType as VisitType,
    status: relation.status as RelationStatus,
    contactMoments: crm.activities.length,
    openQuotes: crm.openQuotes.length,
  });
  return {
    company: {
      id: relation.id,
      name: relation.name,
      legalForm: relation.legalForm,
      kvkNumber: relation.kvkNumber,
      debtorNumber: relation.debtorNumber,
      status: relation.status,
      accountClass: relation.accountClass,
      classOverride: relation.classOverride,
      // The thresholds of its segment, for the class the visit proposes (domain/visit-answers.ts classAfterVisit).
      classThresholds: thresholdsFor(thresholds, relation.segment?.id ?? null),
      sbiCodes: relation.sbiCodes,
      segment: relation.segment,
      website: relation.website,
      phone: relation.phone,
      email: relation.email,
      parent: relation.parent,
      branches: relation.branches,
      owner: relation.owner,
      rayon: relation.rayon,
      revenuePotentialCents: relation.revenuePotentialCents,
      currentSupplier: relation.currentSupplier,
      contractEndDate: relation.contractEndDate,
      competitorPriceNote: relation.competitorPriceNote,
      productInterests: relation.productInterests,
      requirements: relation.requirements,
      notes: relation.notes,
      // The version the report's changes to the relation are based on (If-Match semantics: 412 when stale).
      version: relation.version,
    },
    sales,
    crm,
    persons: relation.persons
      .filter((p) => metIds.has(p.id))
      .map((p) => ({
        id: p.id,
        name: p.displayName,
        formalName: p.formalName,
        jobTitle: p.jobTitle,
        department: p.department,
        dmuRoles: p.dmuRoles,
        phoneDirect: p.phoneDirect,
        phoneMobile: p.phoneMobile,
        email: p.email,
        linkedinUrl: p.linkedinUrl,
        notes: p.notes,
        consents: (consents.get(p.id) ?? []).map((c) => ({ purpose: c.purpose, state: c.state, since: c.since })),
      })),
    otherPersons: relation.persons.filter((p) => !metIds.has(p.id) && p.active && !p.erased).map((p) => ({ id: p.id, name: p.displayName, jobTitle: p.jobTitle, dmuRoles: p.dmuRoles })),
    route,
    crossSell,
    nearby,
    // The relation's customers that are our customers too, with who may be called (CRM data, open to all).
    references,
    suggestedMethod: method,
  };
}

export type Prefill = Awaited<ReturnType<typeof prefillSheet>>;
