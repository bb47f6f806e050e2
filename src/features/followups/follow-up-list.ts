// The follow-ups list (/api/followups): everyone's or a scope's (mine, team), open or done, by
// timing on today's Amsterdam date (overdue, today, upcoming), soonest due first, keyset-paged.
import type { Viewer } from "../../domain/access.js";
import { addDays } from "../../domain/calendar.js";
import type { Db } from "../../db/kysely.js";
import { COUNT_CAP, decodeCursor, encodeCursor } from "../../server/http.js";
import { ownersInScope } from "../users/user.service.js";
import { countFollowUps, type FollowUpFilter, listFollowUps } from "./follow-up.repository.js";
import type { FollowUpListQueryInput } from "./follow-up.schemas.js";
import { toFollowUpDto } from "./follow-up.service.js";

/** The due-date window of a timing: overdue = before today, today, upcoming = after today. */
function timingWindow(timing: FollowUpListQueryInput["timing"], today: string): { dueFrom: string | null; dueTo: string | null } {
  if (timing === "overdue") return { dueFrom: null, dueTo: addDays(today, -1) };
  if (timing === "today") return { dueFrom: today, dueTo: today };
  if (timing === "upcoming") return { dueFrom: addDays(today, 1), dueTo: null };
  return { dueFrom: null, dueTo: null };
}

export async function listFollowUpsPage(db: Db, viewer: Viewer, q: FollowUpListQueryInput, today: string) {
  const limit = q.limit ?? 50;
  const window = timingWindow(q.timing, today);
  const filter: FollowUpFilter = {
    scopeUserIds: await ownersInScope(db, viewer, q.scope),
    assigneeIds: q.assignee ?? [],
    // A timing is about open follow-ups; without one the list shows open ones unless asked otherwise.
    status: q.timing !== undefined ? "open" : q.status === "any" ? null : (q.status ?? "open"),
    ...window,
  };
  const raw = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const after = raw ? { dueDate: String(raw[0]), id: Number(raw[1]) } : null;
  const [rows, count] = await Promise.all([
    listFollowUps(db, filter, after, limit + 1),
    after === null ? countFollowUps(db, filter, COUNT_CAP + 1) : Promise.resolve(null),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toFollowUpDto(r, today)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.due_date, last.id]) : null,
    total: count === null ? { count: -1, exact: false } : { count: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP },
  };
}
