// A write made online brings up to date only what the device keeps of that record, instead of
// downloading the whole bundle again: the server's answer is stored as it is (a moved appointment),
// or the few records the write touched are read again (a sheet, a relation's persons, follow-ups,
// contact moments or consents, "Mijn dag"). Records with changes still waiting in the outbox keep
// the rep's copy. Only a write that brings something new into the kept days (an appointment planned
// or moved into them, whose sheet and relation the device does not have) asks for the whole bundle.
// What a write changes elsewhere (a quote's effect on a sheet's figures) the full refresh brings:
// when the signal returns and every 15 minutes (field-app.ts), as for changes made by others.
import type { OfflineDb, StoredAppointment, StoredFollowUp } from "./offline-db.js";
import type { BundleMeta } from "./offline-store.js";

/** The newest contact moments a relation keeps, as many as the bundle gives (OFFLINE_ACTIVITIES_PER_RELATION). */
const OFFLINE_ACTIVITIES = 10;

export interface KeptWrite {
  method: string;
  path: string;
  answer: unknown;
}

/** GET of one record from the server (never from the device). */
export type ReadServer = (path: string) => Promise<unknown>;

export interface KeepResult {
  /** Something new came into the kept days: the whole bundle is needed. */
  full: boolean;
  /** What was read again (for tests and the log). */
  reread: string[];
}

const pinned = async (db: OfflineDb, resource: string) => (await db.outbox.where("resource").equals(resource).count()) > 0;

async function relationOfPerson(db: OfflineDb, personId: number): Promise<number | undefined> {
  const row = await db.persons.filter((p) => p.items.some((x) => x.id === personId)).first();
  return row?.relationId;
}

async function relationOfFollowUp(db: OfflineDb, id: number): Promise<number | undefined> {
  return (await db.followUps.filter((f) => f.items.some((x) => x.id === id)).first())?.relationId;
}

async function relationOfActivity(db: OfflineDb, id: number): Promise<number | undefined> {
  return (await db.activities.filter((f) => f.items.some((x) => (x as { id: number }).id === id)).first())?.relationId;
}

/**
 * Brings the device's copy up to date after `write` was accepted by the server. Does nothing when
 * the device keeps no bundle.
 */
export async function keepWrite(db: OfflineDb, write: KeptWrite, read: ReadServer): Promise<KeepResult> {
  const result: KeepResult = { full: false, reread: [] };
  const meta = (await db.meta.get("bundle"))?.value as BundleMeta | undefined;
  if (!meta) return result;
  const path = write.path.split("?")[0] as string;
  const again = async (p: string) => {
    result.reread.push(p);
    return read(p);
  };
  const myDay = async () => {
    const day = await again("/api/my-day");
    await db.meta.put({ key: "myDay", value: day });
  };
  const relationParts = async (relationId: number, parts: readonly ("card" | "persons" | "followUps" | "activities")[]) => {
    if (!(await db.relations.get(relationId))) return;
    for (const part of parts) {
      if (part === "card" && !(await pinned(db, `persons:${relationId}`))) {
        const { persons, ...card } = (await again(`/api/relations/${relationId}`)) as { persons: never[] } & { id: number };
        await db.relations.put(card as never);
        await db.persons.put({ relationId, items: persons });
      }
      if (part === "persons" && !(await pinned(db, `persons:${relationId}`))) {
        const { items } = (await again(`/api/relations/${relationId}/persons`)) as { items: never[] };
        await db.persons.put({ relationId, items });
      }
      if (part === "followUps" && !(await pinned(db, `followUps:${relationId}`))) {
        const { items } = (await again(`/api/relations/${relationId}/followups`)) as { items: StoredFollowUp[] };
        await db.followUps.put({ relationId, items: items.filter((f) => f.status === "open") });
      }
      if (part === "activities") {
        const { items } = (await again(`/api/relations/${relationId}/activities?limit=${OFFLINE_ACTIVITIES}`)) as { items: never[] };
        await db.activities.put({ relationId, items });
      }
    }
  };

  const appointment = /^\/api\/appointments(?:\/(\d+)(\/cancel)?)?$/.exec(path);
  if (appointment && (appointment[1] !== undefined || write.method === "POST")) {
    const me = ((await db.meta.get("user"))?.value as { id: number } | undefined)?.id;
    const answer = write.answer as StoredAppointment | undefined;
    const id = appointment[1] !== undefined ? Number(appointment[1]) : answer?.id;
    if (id === undefined || (await pinned(db, `appointment:${id}`))) return result;
    const kept = await db.appointments.get(id);
    const inKeptDays = answer !== undefined && answer.status === "planned" && answer.forUser.id === me && meta.days.includes(answer.date);
    if (inKeptDays && kept) {
      await db.appointments.put(answer);
      const sheet = await db.sheets.get(id);
      if (sheet && !(await pinned(db, `sheet:${id}`))) await db.sheets.put({ ...sheet, appointment: answer });
    } else if (inKeptDays) {
      // New on the kept days: its sheet and relation card come with the bundle.
      result.full = true;
      return result;
    } else if (kept) {
      // Cancelled, deleted, given to someone else or moved off the kept days.
      await db.appointments.delete(id);
      if (!(await pinned(db, `sheet:${id}`))) await db.sheets.delete(id);
    } else return result;
    await myDay();
    return result;
  }

  const sheet = /^\/api\/visit-preparations\/(\d+)(\/report)?$/.exec(path);
  if (sheet) {
    const id = Number(sheet[1]);
    const kept = await db.sheets.get(id);
    if (!kept || (await pinned(db, `sheet:${id}`))) return result;
    const fresh = (await again(`/api/visit-preparations/${id}`)) as object;
    await db.sheets.put({ ...(fresh as typeof kept), appointmentId: id });
    // The report makes a contact moment and maybe a follow-up; "Mijn dag" lists the visit as done.
    if (sheet[2]) {
      await relationParts((kept.appointment as { relation: { id: number } }).relation.id, ["followUps", "activities"]);
      await myDay();
    }
    return result;
  }

  // Its persons, follow-ups or contact moments; any other write to a relation (status, class,
  // addresses …) reads the card again.
  const relation = /^\/api\/relations\/(\d+)(?:\/([a-z-]+)(?:\/.*)?)?$/.exec(path);
  if (relation) {
    const relationId = Number(relation[1]);
    const part = relation[2];
    if (!(await db.relations.get(relationId))) return result;
    if (part === "persons") await relationParts(relationId, ["persons"]);
    else if (part === "followups") {
      await relationParts(relationId, ["followUps"]);
      await myDay();
    } else if (part === "activities") await relationParts(relationId, ["activities"]);
    else await relationParts(relationId, ["card"]);
    return result;
  }

  const person = /^\/api\/persons\/(\d+)(\/consents(?:\/.*)?)?$/.exec(path);
  if (person) {
    const personId = Number(person[1]);
    const relationId = await relationOfPerson(db, personId);
    if (relationId === undefined) return result;
    if (person[2]) {
      if (await pinned(db, `consents:${personId}`)) return result;
      await db.consents.put((await again(`/api/persons/${personId}/consents`)) as never);
    } else await relationParts(relationId, ["persons"]);
    return result;
  }

  const followUp = /^\/api\/followups\/(\d+)(?:\/.*)?$/.exec(path);
  if (followUp) {
    const relationId = await relationOfFollowUp(db, Number(followUp[1]));
    if (relationId !== undefined) await relationParts(relationId, ["followUps"]);
    await myDay();
    return result;
  }

  const activity = /^\/api\/activities\/(\d+)(?:\/.*)?$/.exec(path);
  if (activity) {
    const relationId = await relationOfActivity(db, Number(activity[1]));
    if (relationId !== undefined) await relationParts(relationId, ["activities"]);
    return result;
  }
  return result;
}
