// The sales report as a query task (run in a worker thread on SQLite, see JobRunner.runQuery).
import type { Viewer } from "../../domain/access.js";
import type { Db } from "../../db/kysely.js";
import { jobKind } from "../jobs/job-runner.js";
import { type SalesReportRequest, salesReport } from "./sales-report.service.js";

export const salesReportTask = (db: Db, viewer: Viewer, request: SalesReportRequest, nowMs: number) => salesReport(db, viewer, request, new Date(nowMs));

export const SALES_REPORT_TASK = jobKind(import.meta.url, "./sales-report.task", "salesReportTask");
