// Sales questions that read many rows, as query tasks: on SQLite they run in a worker thread
// (JobRunner.runQuery), on PostgreSQL directly (its queries do not block the event loop).
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import type { AppContext } from "../../server/context.js";
import { jobKind } from "../jobs/job-runner.js";
import { classProposals, paretoReport } from "./sales-abc.service.js";
import { newCustomers } from "./sales-customers.service.js";
import { purchasingOutlook } from "./sales-outlook.service.js";
import { crossSellGroups } from "./sales-cross-sell.service.js";
import { relationSales } from "./sales-relation.service.js";

export const TASKS = {
  pareto: (db: Db, v: Viewer, from: string, to: string, nowMs: number) => paretoReport(db, v, from, to, new Date(nowMs)),
  proposals: (db: Db, v: Viewer, from: string, to: string, nowMs: number) => classProposals(db, v, from, to, new Date(nowMs)),
  outlook: (db: Db, v: Viewer, months: number, nowMs: number) => purchasingOutlook(db, v, months, new Date(nowMs)),
  newCustomers: (db: Db, v: Viewer, from: string, to: string, productId: number | null) => newCustomers(db, v, from, to, productId),
  relation: (db: Db, v: Viewer, relationId: number) => relationSales(db, v, relationId),
  crossSell: (db: Db, v: Viewer, relationId: number, fromMonth: number) => crossSellGroups(db, v, relationId, fromMonth),
} as const;

type Tasks = typeof TASKS;
type Rest<F> = F extends (db: Db, v: Viewer, ...args: infer A) => unknown ? A : never;

const plain = ({ id, role, profitResponsible, rayonIds }: Viewer): Viewer => ({ id, role, profitResponsible, rayonIds: [...rayonIds] });

/** Runs a sales task off the event loop for `viewer`. */
export function runSalesTask<K extends keyof Tasks>(ctx: AppContext, name: K, viewer: Viewer, ...args: Rest<Tasks[K]>): Promise<Awaited<ReturnType<Tasks[K]>>> {
  const fn = TASKS[name] as (db: Db, v: Viewer, ...a: unknown[]) => Promise<Awaited<ReturnType<Tasks[K]>>>;
  if (ctx.engine !== "sqlite") return fn(ctx.db, plain(viewer), ...args);
  return ctx.jobs.runQuery(jobKind(import.meta.url, "./sales-tasks", "runTask"), [name, plain(viewer), ...args]);
}

/** The export the worker thread calls: a task by name. */
export function runTask(db: Db, name: keyof Tasks, viewer: Viewer, ...args: unknown[]): Promise<unknown> {
  return (TASKS[name] as (db: Db, v: Viewer, ...a: unknown[]) => Promise<unknown>)(db, viewer, ...args);
}
