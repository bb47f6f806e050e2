// The map's question as a query task: at 100,000 relations its scan and grouping take a few hundred
// milliseconds, so on SQLite (synchronous) it runs in the query worker thread (JobRunner.runQuery),
// on PostgreSQL directly (its queries do not block the event loop).
import type { Db } from "../../db/kysely.js";
import type { AppContext } from "../../server/context.js";
import { jobKind } from "../jobs/job-runner.js";
import type { MapRelationsDto, MapRelationsQueryInput } from "./map.schemas.js";
import { mapRelations } from "./map.service.js";

export function runMapRelations(ctx: AppContext, q: MapRelationsQueryInput): Promise<MapRelationsDto> {
  if (ctx.engine !== "sqlite") return mapRelations(ctx.db, q);
  return ctx.jobs.runQuery(jobKind(import.meta.url, "./map-tasks", "mapRelationsTask"), [{ ...q }]);
}

/** The export the worker thread calls. */
export function mapRelationsTask(db: Db, q: MapRelationsQueryInput): Promise<MapRelationsDto> {
  return mapRelations(db, q);
}
