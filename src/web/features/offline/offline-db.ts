// The field app's IndexedDB (Dexie): the bundle of GET /api/offline/bundle split per record, so the
// API client can answer the pages' reads from it without network, and the outbox of changes made
// offline. One database per browser profile; it holds one user's data (cleared on logout and when
// another user's bundle arrives).
import { Dexie, type EntityTable } from "dexie";
import type { Static } from "typebox";
import type { OfflineBundle } from "../../../features/offline/offline.schemas.js";

export type Bundle = Static<typeof OfflineBundle>;
export type StoredSheet = Bundle["sheets"][number];
export type StoredRelation = Bundle["relations"][number];
export type StoredFollowUp = Bundle["followUps"][number]["items"][number];
export type StoredPerson = Bundle["persons"][number]["items"][number];
export type StoredActivity = Bundle["activities"][number]["items"][number];
export type StoredConsents = Bundle["consents"][number];
export type StoredAppointment = Bundle["appointments"][number];

/** One row per key: "bundle" (when, for whom, which days), "myDay", "user", "checklist", "templates", "travel". */
export interface MetaRow {
  key: string;
  value: unknown;
}

export type OutboxKind = "sheet.save" | "sheet.report" | "followUp.create" | "person.create" | "consent.add" | "appointment.move";
export type OutboxState = "waiting" | "conflict" | "failed";

/**
 * A change made without signal, sent in `seq` order. `resource` names what it changes
 * ("sheet:12", "relation:4", "appointment:7"); `baseVersion` is the version the rep's change was built on (sent as
 * If-Match; null for a create).
 */
export interface OutboxItem {
  seq?: number;
  kind: OutboxKind;
  resource: string;
  method: "PATCH" | "POST";
  path: string;
  body: unknown;
  baseVersion: number | null;
  /** ISO instant the rep made the change (the time the change stands for, not the time of the sync). */
  madeAt: string;
  /** Short text for the list: "Voorbereiding Kantoor Centrum BV". */
  label: string;
  state: OutboxState;
  /** Conflict: the server's version and record when the 412 came; failure: its message. */
  server?: { version: number; record: unknown } | null;
  error?: string | null;
  /** A create's stand-in id (negative) on the device, replaced by the server's when it is sent. */
  localId?: number;
}

export class OfflineDb extends Dexie {
  meta!: EntityTable<MetaRow, "key">;
  sheets!: EntityTable<StoredSheet & { appointmentId: number }, "appointmentId">;
  relations!: EntityTable<StoredRelation, "id">;
  persons!: EntityTable<{ relationId: number; items: StoredPerson[] }, "relationId">;
  followUps!: EntityTable<{ relationId: number; items: StoredFollowUp[] }, "relationId">;
  activities!: EntityTable<{ relationId: number; items: StoredActivity[] }, "relationId">;
  consents!: EntityTable<StoredConsents, "personId">;
  /** The bundled appointments, as moved on the device (the day's route is laid from them). */
  appointments!: EntityTable<StoredAppointment, "id">;
  outbox!: EntityTable<OutboxItem, "seq">;

  constructor(name = "koers-offline") {
    super(name);
    this.version(1).stores({
      meta: "key",
      sheets: "appointmentId",
      relations: "id",
      persons: "relationId",
      followUps: "relationId",
      activities: "relationId",
      consents: "personId",
      outbox: "++seq, resource",
    });
    // 2: appointments of their own (moving one offline), the travel table in meta.
    this.version(2).stores({ appointments: "id, date" });
  }
}

let instance: OfflineDb | null = null;

/** The app's one database (tests make their own with `new OfflineDb(name)`). */
export function offlineDb(): OfflineDb {
  instance ??= new OfflineDb();
  return instance;
}
