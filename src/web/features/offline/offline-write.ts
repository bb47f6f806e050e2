// Changes the rep makes without signal: written to the device's copy at once (so the page shows
// them) and queued in the outbox with the version they were based on. Only these changes can be made
// offline; any other write says that it needs a connection.
import { followUpTiming } from "../../../domain/followup-dates.js";
import type { OfflineDb, OutboxItem, StoredFollowUp, StoredSheet } from "./offline-db.js";
import { amsterdamToday } from "./offline-read.js";
import { moveAppointmentOffline } from "./offline-appointments.js";
import { addConsentOffline, addPersonOffline, withdrawConsentOffline } from "./offline-write-persons.js";

type PatchBody = Partial<Pick<StoredSheet, "method" | "templates" | "research" | "keywords" | "checklist" | "notes">> & {
  objectives?: { kind: string; text: string; keyword: string | null; smart: string[]; ticked?: boolean; answer?: string | null }[];
};
type ReportBody = {
  objectives: { id: number; result: string | null; answer?: string | null; ticked?: boolean }[];
  keywords?: StoredSheet["keywords"];
  followUp?: { action: string; dueDate?: string };
};
type FollowUpBody = { action: string; dueDate?: string; personId?: number | null };

export interface OfflineWrite {
  method: string;
  path: string;
  version: number | undefined;
  body: unknown;
}

/** The sheet as the rep left it: the patch's fields over the stored copy. */
function applyPatch(sheet: StoredSheet, patch: PatchBody): StoredSheet {
  const { objectives, ...rest } = patch;
  return {
    ...sheet,
    ...rest,
    saved: true,
    ...(objectives
      ? {
          objectives: objectives.map((o, i) => {
            const before = sheet.objectives[i];
            // Same objective at the same place keeps its id (the report names objectives by id).
            const id = before && before.text === o.text && before.kind === o.kind ? before.id : null;
            return { id, kind: o.kind, text: o.text, keyword: o.keyword, smart: o.smart, ticked: o.ticked ?? false, answer: o.answer ?? null, result: before && id !== null ? before.result : null };
          }),
        }
      : {}),
  };
}

function applyReport(sheet: StoredSheet, report: ReportBody, userId: number | null, madeAt: string): StoredSheet {
  const byId = new Map(report.objectives.map((o) => [o.id, o]));
  return {
    ...sheet,
    saved: true,
    keywords: report.keywords ?? sheet.keywords,
    objectives: sheet.objectives.map((o) => {
      const r = o.id === null ? undefined : byId.get(o.id);
      return r ? { ...o, result: r.result, answer: r.answer ?? o.answer, ticked: r.ticked ?? o.ticked } : o;
    }),
    // The contact moment and follow-up get their ids when the server makes them.
    report: { activityId: null, followUpId: null, quoteId: null, reportedAt: madeAt, reportedBy: userId },
  };
}

/** A stand-in id for a follow-up made offline: negative, so it never meets a server id. */
function localId(now: Date): number {
  return -now.getTime();
}

/**
 * Applies the write to the device's copy and queues it; returns what the route would have answered
 * (with the base version: the server gives the new one when the change is sent). Undefined: this
 * write cannot be made offline.
 */
export async function writeOffline(db: OfflineDb, write: OfflineWrite, userId: number | null, now: Date): Promise<unknown> {
  const madeAt = now.toISOString();
  const sheetMatch = /^\/api\/visit-preparations\/(\d+)(\/report)?$/.exec(write.path);
  if (sheetMatch && write.version !== undefined) {
    const id = Number(sheetMatch[1]);
    const isReport = sheetMatch[2] !== undefined;
    if ((isReport && write.method !== "POST") || (!isReport && write.method !== "PATCH")) return undefined;
    return db.transaction("rw", [db.sheets, db.outbox], async () => {
      const stored = await db.sheets.get(id);
      if (!stored) return undefined;
      const next = isReport ? applyReport(stored, write.body as ReportBody, userId, madeAt) : applyPatch(stored, write.body as PatchBody);
      await db.sheets.put({ ...next, appointmentId: id });
      const relation = (stored.appointment as { relation: { name: string } }).relation.name;
      const item: OutboxItem = {
        kind: isReport ? "sheet.report" : "sheet.save",
        resource: `sheet:${id}`,
        method: write.method as "PATCH" | "POST",
        path: write.path,
        body: write.body,
        baseVersion: write.version ?? null,
        madeAt,
        label: relation,
        state: "waiting",
      };
      await db.outbox.add(item);
      const { appointmentId: _key, ...sheet } = { ...next, appointmentId: id };
      return sheet;
    });
  }
  const followUpMatch = /^\/api\/relations\/(\d+)\/followups$/.exec(write.path);
  if (followUpMatch && write.method === "POST") {
    const relationId = Number(followUpMatch[1]);
    const body = write.body as FollowUpBody;
    return db.transaction("rw", [db.relations, db.followUps, db.outbox, db.meta], async () => {
      const relation = await db.relations.get(relationId);
      if (!relation) return undefined;
      const user = (await db.meta.get("user"))?.value as { id: number; name: string } | undefined;
      const me = { id: user?.id ?? 0, name: user?.name ?? "" };
      const today = amsterdamToday(now);
      const dueDate = body.dueDate ?? today;
      const followUp: StoredFollowUp = {
        id: localId(now),
        relation: { id: relationId, name: relation.name },
        person: null,
        activityId: null,
        assignedTo: me,
        action: body.action,
        dueDate,
        status: "open",
        timing: followUpTiming(dueDate, false, today),
        doneAt: null,
        doneBy: null,
        createdBy: me,
        createdAt: madeAt,
        updatedAt: madeAt,
        version: 0,
      };
      const row = (await db.followUps.get(relationId)) ?? { relationId, items: [] };
      await db.followUps.put({ relationId, items: [...row.items, followUp] });
      await db.outbox.add({ kind: "followUp.create", resource: `followUps:${relationId}`, method: "POST", path: write.path, body, baseVersion: null, madeAt, label: relation.name, state: "waiting" });
      return followUp;
    });
  }
  const appointmentMatch = /^\/api\/appointments\/(\d+)$/.exec(write.path);
  if (appointmentMatch && write.method === "PATCH" && write.version !== undefined) return moveAppointmentOffline(db, Number(appointmentMatch[1]), write.version, write.body, now);
  const personMatch = /^\/api\/relations\/(\d+)\/persons$/.exec(write.path);
  if (personMatch && write.method === "POST") return addPersonOffline(db, Number(personMatch[1]), write.body as Parameters<typeof addPersonOffline>[2], now);
  const consentMatch = /^\/api\/persons\/(-?\d+)\/consents(\/withdraw)?$/.exec(write.path);
  if (consentMatch && write.method === "POST") {
    const user = ((await db.meta.get("user"))?.value as { id: number; name: string } | undefined) ?? { id: userId ?? 0, name: "" };
    const me = { id: user.id, name: user.name };
    if (consentMatch[2]) return withdrawConsentOffline(db, Number(consentMatch[1]), write.body as Parameters<typeof withdrawConsentOffline>[2], me, now);
    return addConsentOffline(db, Number(consentMatch[1]), write.body as Parameters<typeof addConsentOffline>[2], me, now);
  }
  return undefined;
}
