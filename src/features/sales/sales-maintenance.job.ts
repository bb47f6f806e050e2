// Maintenance of the sales figures as background jobs: rebuilding the rollups from the lines (and
// proving them equal to a scan), and the daily work — the period totals of the new month and the
// former-customer sweep.
import { monthKeyOfDate } from "../../domain/sales-period.js";
import { amsterdamDate } from "../../server/time.js";
import type { JobHandler } from "../jobs/job-handler.js";
import { formerCustomerSweep } from "./sales-lifecycle.service.js";
import { rebuildRollups, refreshDebtorPeriods, verifyRollups } from "./sales-rollups.js";

export const salesRebuildJob: JobHandler = async (ctx) => {
  await rebuildRollups(ctx.db, async (year, index, years) => ctx.progress(index, years + 1, `rollups ${year}`));
  await ctx.progress(0, 1, "vergelijken met de regels");
  const differences = await verifyRollups(ctx.db);
  await refreshDebtorPeriods(ctx.db, monthKeyOfDate(amsterdamDate(ctx.now())));
  await ctx.progress(1, 1, "klaar");
  return { differences, equal: Object.values(differences).every((n) => n === 0) };
};

export const salesDailyJob: JobHandler = async (ctx) => {
  const today = amsterdamDate(ctx.now());
  await refreshDebtorPeriods(ctx.db, monthKeyOfDate(today));
  const formerCustomers = await formerCustomerSweep(ctx.db, ctx.now(), today);
  return { date: today, formerCustomers };
};
