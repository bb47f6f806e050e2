// The planning jobs: a cycle plan (planning.cycle) and a day's route (planning.route). Both run the
// pure planner in a worker thread; the cycle plan is written as a draft in one transaction and the
// job's result names it, the route is the job's result itself (nothing is changed in the agenda).
import type { JobHandler } from "../jobs/job-handler.js";
import { type CycleParams, makeCyclePlan, planOfJob, storeCyclePlan } from "./cycle-plan.service.js";
import { makeDayRoute, type RouteParams } from "./day-route.service.js";
import { travelModelFor } from "./travel.js";

const CYCLE_STEPS = ["relaties", "agenda", "reistijden", "plannen"];

export const cyclePlanJob: JobHandler<CycleParams, { planned: boolean }> = async (ctx) => {
  // Written by an attempt that crashed after its commit: the same plan, not a second one.
  const earlier = await planOfJob(ctx.db, ctx.jobId);
  if (earlier !== null) return { planId: earlier };
  const total = CYCLE_STEPS.length + 1;
  const made = await makeCyclePlan(ctx.db, ctx.viewer, ctx.params, travelModelFor(ctx.config), (note) => ctx.progress(CYCLE_STEPS.indexOf(note), total, note));
  const planId = await ctx.commitBatch({ planned: true }, (trx) => storeCyclePlan(trx, ctx.viewer, ctx.jobId, made, ctx.now()));
  await ctx.progress(total, total, "klaar");
  return { planId, plannedVisits: made.plan.plannedVisits, unplaced: made.plan.unplaced.length };
};

export const dayRouteJob: JobHandler<RouteParams> = async (ctx) => {
  await ctx.progress(0, 1, "route");
  const route = await makeDayRoute(ctx.db, ctx.viewer, ctx.params, travelModelFor(ctx.config));
  await ctx.progress(1, 1, "klaar");
  return route;
};
