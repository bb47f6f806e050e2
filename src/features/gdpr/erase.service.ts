// GDPR right to erasure. The person row stays (contact moments and follow-ups keep their links) but
// carries no personal data: name "Verwijderd", contact details and notes gone, DMU roles gone. Their
// names are blanked from the texts of the relation's contact moments, follow-ups and audit lines,
// consents end withdrawn without proof, every received mail row from or to their address loses it
// (mail-intake: unhandled ones are dropped and wiped, raw message included), the texts of the
// relation's appointments and visit sheets (keyword answers, research, notes, objectives) lose their
// names too (agenda and preparation features; the persons met stay linked to the anonymised row, like
// contact moments), and the erasure is logged with who and when only.
// Persons are written here directly, not through the persons service: its updates write the old
// values to the audit trail, which is exactly what an erasure must not do.
import { addMonthsClamped } from "../../domain/followup-dates.js";
import { nameForms, redactNames } from "../../domain/name-redaction.js";
import type { Db } from "../../db/kysely.js";
import { AppError, notFound } from "../../server/errors.js";
import { amsterdamDate } from "../../server/time.js";
import { writeAudit } from "../audit/audit.service.js";
import { redactAppointmentsOfRelation } from "../appointments/appointment.repository.js";
import { anonymiseConsentsForErasure } from "../consent/consent.service.js";
import { readCrmSettings } from "../followups/crm-settings.service.js";
import { deleteJobFile } from "../jobs/job-files.js";
import { eraseMailsOfAddress } from "../mail-intake/mail-inbox.service.js";
import { redactSheetsOfRelation } from "../preparation/preparation.repository.js";
import { isPersonErased } from "./erasure-state.js";

export const ERASED_NAME = "Verwijderd";

/** Audit fields of a person that keep their values: they hold no personal data. */
const KEEP_AUDIT_VALUES = (field: string) => field.startsWith("consent.") || field === "erased";

export interface ErasureResult {
  personId: number;
  erasedAt: string;
  contactMomentsKept: number;
  textsRedacted: number;
  /** Mails from or to the person's address not handled yet (received, waiting in an inbox) that were dropped and wiped. */
  mailsWiped: number;
}

export async function erasePerson(db: Db, userId: number | null, personId: number, now: Date): Promise<ErasureResult> {
  const person = await db.selectFrom("persons").selectAll().where("id", "=", personId).executeTakeFirst();
  if (!person) throw notFound(`Person ${personId}`);
  if (await isPersonErased(db, personId)) throw new AppError("conflict", `Person ${personId} has already been erased`);
  const forms = nameForms({ firstName: person.first_name, initials: person.initials, infix: person.infix, lastName: person.last_name });
  const redact = (text: string | null) => (text === null ? null : redactNames(text, forms));
  const stamp = now.toISOString();
  const relationId = person.relation_id;

  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("persons")
      .set({
        first_name: null,
        initials: null,
        infix: null,
        last_name: ERASED_NAME,
        sort_key: ERASED_NAME.toLowerCase(),
        gender: "x",
        title: null,
        job_title: null,
        department: null,
        phone_direct: null,
        phone_mobile: null,
        email: null,
        linkedin_url: null,
        notes: null,
        active: 0,
        updated_at: stamp,
        version: person.version + 1,
      })
      .where("id", "=", personId)
      .execute();
    await trx.deleteFrom("person_dmu_roles").where("person_id", "=", personId).execute();

    let redacted = 0;
    // Contact moments of the relation keep their content, minus the person's names.
    const activities = await trx
      .selectFrom("activities")
      .select(["id", "notes", "internal_notes", "outcome", "next_step", "version"])
      .where("relation_id", "=", relationId)
      .execute();
    for (const a of activities) {
      const next = { notes: redact(a.notes), internal_notes: redact(a.internal_notes), outcome: redact(a.outcome), next_step: redact(a.next_step) };
      if (next.notes === a.notes && next.internal_notes === a.internal_notes && next.outcome === a.outcome && next.next_step === a.next_step) continue;
      await trx.updateTable("activities").set({ ...next, updated_at: stamp, version: a.version + 1 }).where("id", "=", a.id).execute();
      redacted += 1;
    }
    const followUps = await trx.selectFrom("follow_ups").select(["id", "action", "version"]).where("relation_id", "=", relationId).execute();
    for (const f of followUps) {
      const action = redactNames(f.action, forms);
      if (action === f.action) continue;
      await trx.updateTable("follow_ups").set({ action, updated_at: stamp, version: f.version + 1 }).where("id", "=", f.id).execute();
      redacted += 1;
    }
    // Appointments and the visit sheets prepared for them: answers, research, notes, objectives.
    const byNames = (text: string) => redactNames(text, forms);
    redacted += await redactAppointmentsOfRelation(trx, relationId, byNames, stamp);
    redacted += await redactSheetsOfRelation(trx, relationId, byNames, stamp);
    // The audit trail keeps who changed what when, not the person's data.
    await trx
      .updateTable("audit_log")
      .set({ old_value: null, new_value: null })
      .where("entity", "=", "person")
      .where("entity_id", "=", personId)
      .where("field", "not like", "consent.%")
      .execute();
    const lines = await trx
      .selectFrom("audit_log")
      .select(["id", "field", "old_value", "new_value"])
      .where("relation_id", "=", relationId)
      .where((eb) => eb.or([eb("old_value", "is not", null), eb("new_value", "is not", null)]))
      .execute();
    for (const l of lines) {
      if (KEEP_AUDIT_VALUES(l.field)) continue;
      const next = { old_value: redact(l.old_value), new_value: redact(l.new_value) };
      if (next.old_value !== l.old_value || next.new_value !== l.new_value) await trx.updateTable("audit_log").set(next).where("id", "=", l.id).execute();
    }

    const mails = await eraseMailsOfAddress(trx, person.email, userId, now);
    for (const id of mails.rawFileIds) await deleteJobFile(trx, id);
    await anonymiseConsentsForErasure(trx, personId, relationId, { userId, now, today: amsterdamDate(now) });
    await trx.insertInto("person_erasures").values({ person_id: personId, erased_by: userId, erased_at: stamp }).execute();
    await writeAudit(trx, { entity: "person", entityId: personId, relationId, userId, at: stamp }, [["erased", null, null]]);
    const kept = await trx
      .selectFrom("activity_persons")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    return { personId, erasedAt: stamp, contactMomentsKept: Number(kept.n), textsRedacted: redacted, mailsWiped: mails.mails };
  });
}

/**
 * Retention: erases the persons of relations that have been dead for longer than the configured
 * number of months (the moment of the last change to "dead"). Returns what it erased.
 */
export async function purgeExpiredPersons(db: Db, today: string, options: { dryRun?: boolean; now?: Date } = {}) {
  const { deadRelationRetentionMonths: months } = await readCrmSettings(db);
  const cutoff = `${addMonthsClamped(today, -months)}T00:00:00.000Z`;
  const persons = await db
    .selectFrom("persons as p")
    .innerJoin("relations as r", "r.id", "p.relation_id")
    .select(["p.id", "p.relation_id"])
    .where("r.status", "=", "dead")
    .where((eb) =>
      eb(
        eb.fn.coalesce(
          eb
            .selectFrom("relation_status_changes as h")
            .select((s) => s.fn.max("h.changed_at").as("m"))
            .whereRef("h.relation_id", "=", "r.id")
            .where("h.to_status", "=", "dead"),
          "r.updated_at",
        ),
        "<",
        cutoff,
      ),
    )
    .where("p.id", "not in", (eb) => eb.selectFrom("person_erasures").select("person_id"))
    .orderBy("p.id")
    .execute();
  if (!options.dryRun) {
    const now = options.now ?? new Date();
    for (const p of persons) await erasePerson(db, null, p.id, now);
  }
  return { retentionMonths: months, deadBefore: cutoff.slice(0, 10), persons: persons.length, relations: new Set(persons.map((p) => p.relation_id)).size };
}
