// A person or a consent added without signal. The person gets a negative stand-in id (replaced by
// the server's when it is sent, in the outbox's later items too); a consent keeps the date the person
// said it (the body's `date`, set to the day it was recorded when the rep gave none), never the day
// of the sync — that is its proof.
import { CONSENT_PURPOSES, type ConsentDecision, type ConsentSource, currentConsent } from "../../../domain/consent.js";
import { displayName, formalName, type Gender, normalizeInfix, normalizeInitials, normalizeTitle, type PersonName, salutation } from "../../../domain/person-name.js";
import type { OfflineDb, OutboxItem, StoredConsents, StoredPerson } from "./offline-db.js";
import { amsterdamToday } from "./offline-read.js";

type PersonBody = Partial<Record<"firstName" | "initials" | "infix" | "title" | "jobTitle" | "department" | "phoneDirect" | "phoneMobile" | "email" | "linkedinUrl" | "notes" | "leftOn", string | null>> & {
  lastName: string;
  gender?: Gender;
  dmuRoles?: string[];
  active?: boolean;
};
type ConsentBody = { purpose: string; state: ConsentDecision; date?: string; source: ConsentSource; textVersion?: string | null; proof?: string | null };

const text = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

export async function addPersonOffline(db: OfflineDb, relationId: number, body: PersonBody, now: Date): Promise<StoredPerson | undefined> {
  return db.transaction("rw", [db.relations, db.persons, db.consents, db.outbox], async () => {
    const relation = await db.relations.get(relationId);
    if (!relation) return undefined;
    const name: PersonName = {
      firstName: text(body.firstName),
      initials: body.initials ? normalizeInitials(body.initials) : null,
      infix: body.infix ? normalizeInfix(body.infix) : null,
      lastName: body.lastName.trim(),
      gender: body.gender ?? "x",
      title: body.title ? normalizeTitle(body.title) : null,
    };
    const person: StoredPerson = {
      id: -now.getTime(),
      relationId,
      ...name,
      displayName: displayName(name),
      formalName: formalName(name),
      salutation: salutation(name),
      jobTitle: text(body.jobTitle),
      department: text(body.department),
      phoneDirect: text(body.phoneDirect),
      phoneMobile: text(body.phoneMobile),
      email: text(body.email),
      linkedinUrl: text(body.linkedinUrl),
      dmuRoles: body.dmuRoles ?? [],
      active: body.active ?? true,
      erased: false,
      leftOn: body.leftOn ?? null,
      notes: text(body.notes),
      version: 0,
    };
    const row = (await db.persons.get(relationId)) ?? { relationId, items: [] };
    // Kept once, with the relation's persons (the card reads them from there).
    await db.persons.put({ relationId, items: [...row.items, person] });
    await db.consents.put(overviewOf(person.id, []));
    const item: OutboxItem = { kind: "person.create", resource: `persons:${relationId}`, method: "POST", path: `/api/relations/${relationId}/persons`, body, baseVersion: null, madeAt: now.toISOString(), label: `${person.displayName} · ${relation.name}`, state: "waiting", localId: person.id };
    await db.outbox.add(item);
    return person;
  });
}

type HistoryItem = StoredConsents["history"][number];

function overviewOf(personId: number, history: HistoryItem[]): StoredConsents {
  return {
    personId,
    history,
    current: CONSENT_PURPOSES.map((purpose) => {
      const c = currentConsent(history.filter((h) => h.purpose === purpose).map((h) => ({ seq: h.id, state: h.state as ConsentDecision, date: h.date, source: h.source as ConsentSource, textVersion: h.textVersion })));
      return { purpose, state: c.state, since: c.since, source: c.source, textVersion: c.textVersion, mayMail: c.state === "given", importOverruled: c.importOverruled };
    }),
  };
}

type WithdrawBody = { purpose?: string; source?: ConsentSource; date?: string; proof?: string | null };

/** "Intrekken" (POST …/consents/withdraw): without a purpose every purpose, by e-mail unless said. */
export async function withdrawConsentOffline(db: OfflineDb, personId: number, body: WithdrawBody, user: { id: number; name: string }, now: Date): Promise<StoredConsents | undefined> {
  const purposes = body.purpose ? [body.purpose] : [...CONSENT_PURPOSES];
  const records = purposes.map((purpose) => ({ purpose, state: "withdrawn" as const, source: body.source ?? "email", date: body.date, proof: body.proof ?? null }));
  return recordConsents(db, personId, records, { ...body, date: body.date ?? amsterdamToday(now) }, `/api/persons/${personId}/consents/withdraw`, user, now);
}

export function addConsentOffline(db: OfflineDb, personId: number, body: ConsentBody, user: { id: number; name: string }, now: Date): Promise<StoredConsents | undefined> {
  const sent: ConsentBody = { ...body, date: body.date ?? amsterdamToday(now) };
  return recordConsents(db, personId, [sent], sent, `/api/persons/${personId}/consents`, user, now);
}

async function recordConsents(db: OfflineDb, personId: number, records: ConsentBody[], sent: unknown, path: string, user: { id: number; name: string }, now: Date): Promise<StoredConsents | undefined> {
  return db.transaction("rw", [db.consents, db.persons, db.outbox], async () => {
    const stored = await db.consents.get(personId);
    if (!stored) return undefined;
    const owner = await db.persons.filter((p) => p.items.some((x) => x.id === personId)).first();
    const person = owner?.items.find((x) => x.id === personId);
    const waiting = await db.outbox.count();
    // The statement's date goes with the change: sent later, it still says when the person decided.
    const made: HistoryItem[] = records.map((r, i) => ({
      // Above every server id and rising with each change, so the latest offline record sorts last
      // among those of its date (domain/consent.ts: the last one counts).
      id: Number.MAX_SAFE_INTEGER - 1_000_000 + waiting * 10 + i,
      purpose: r.purpose,
      state: r.state,
      date: r.date ?? amsterdamToday(now),
      source: r.source,
      textVersion: r.textVersion ?? null,
      proof: r.proof ?? null,
      recordedBy: user,
      recordedAt: now.toISOString(),
    }));
    const next = overviewOf(personId, [...made, ...stored.history]);
    await db.consents.put(next);
    await db.outbox.add({ kind: "consent.add", resource: `consents:${personId}`, method: "POST", path, body: sent, baseVersion: null, madeAt: now.toISOString(), label: person?.displayName ?? "", state: "waiting" });
    return next;
  });
}
