// GDPR right of access: everything Koers holds about one person, as data (JSON) or a readable page.
import { nameForms, redactNames } from "../../domain/name-redaction.js";
import type { Db } from "../../db/kysely.js";
import { labelOf, labelsOf } from "../../labels/labels.js";
import { notFound } from "../../server/errors.js";
import { consentOverview } from "../consent/consent.service.js";
import { mailsOfAddress } from "../mail-intake/mail-inbox.service.js";
import { getPerson } from "../persons/person.service.js";
import { sheetsAboutPerson } from "../preparation/preparation.repository.js";

const LABELS = labelsOf("nl");

/**
 * Every code in the export comes with its Dutch word (`kind` and `kindLabel`, …), the words the
 * screens show (src/labels): the person reading it sees "Eerste bezoek", not first_visit.
 */
const label = (list: Readonly<Record<string, string>>, code: string | null | undefined) => labelOf(list, code);

/** An audit line's field: "consent.newsletter" reads "Toestemming: Nieuwsbrief". */
function auditFieldLabel(field: string): string {
  const consent = /^consent\.(.+)$/.exec(field);
  if (consent?.[1]) return `${LABELS.audit.consent}: ${label(LABELS.consent.purpose, consent[1])}`;
  return label(LABELS.audit.fields, field) ?? field;
}

/** An audit line's value: a consent decision by its word (with the note that an import was ignored). */
function auditValueLabel(field: string, value: string | null): string | null {
  if (value === null || !field.startsWith("consent.")) return value;
  const m = /^(\w+)( \(import ignored\))?$/.exec(value);
  if (!m?.[1]) return value;
  return `${label(LABELS.consent.state, m[1])}${m[2] ? ` ${LABELS.consent.importIgnored}` : ""}`;
}

/** Generous caps: a person takes part in hundreds of contact moments at most. */
const MAX_ROWS = 5000;

export async function gdprExport(db: Db, personId: number, now: Date) {
  const row = await db.selectFrom("persons").select(["id", "relation_id", "first_name", "initials", "infix", "last_name", "email"]).where("id", "=", personId).executeTakeFirst();
  if (!row) throw notFound(`Person ${personId}`);
  const forms = nameForms({ firstName: row.first_name, initials: row.initials, infix: row.infix, lastName: row.last_name });
  const mentions = (text: string | null) => text !== null && forms.length > 0 && redactNames(text, forms) !== text;

  const [person, relation, consents, erasure, activities, followUps, audit, mails, visits] = await Promise.all([
    getPerson(db, personId),
    db.selectFrom("relations").select(["id", "name", "visit_city"]).where("id", "=", row.relation_id).executeTakeFirstOrThrow(),
    consentOverview(db, personId),
    db
      .selectFrom("person_erasures as e")
      .leftJoin("users as u", "u.id", "e.erased_by")
      .select(["e.erased_at", "u.name as erased_by_name"])
      .where("e.person_id", "=", personId)
      .executeTakeFirst(),
    db
      .selectFrom("activity_persons as ap")
      .innerJoin("activities as a", "a.id", "ap.activity_id")
      .innerJoin("relations as r", "r.id", "a.relation_id")
      .select(["a.id", "a.kind", "a.occurred_at", "r.name as relation_name", "a.sales_method", "a.notes", "a.internal_notes", "a.outcome", "a.win_chance", "a.next_step"])
      .where("ap.person_id", "=", personId)
      .orderBy("a.occurred_at", "desc")
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom("follow_ups as f")
      .leftJoin("users as u", "u.id", "f.assigned_to")
      .select(["f.id", "f.person_id", "f.action", "f.due_date", "f.status", "u.name as assigned_to_name"])
      .where("f.relation_id", "=", row.relation_id)
      .orderBy("f.due_date", "desc")
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom("audit_log as a")
      .leftJoin("users as u", "u.id", "a.user_id")
      .select(["a.at", "a.field", "a.old_value", "a.new_value", "u.name as user_name"])
      .where("a.entity", "=", "person")
      .where("a.entity_id", "=", personId)
      .orderBy("a.id", "desc")
      .limit(MAX_ROWS)
      .execute(),
    mailsOfAddress(db, row.email),
    sheetsAboutPerson(db, personId, row.relation_id, mentions, MAX_ROWS),
  ]);

  const consentLabels = <T extends { purpose: string; state: string; source: string | null }>(c: T) => ({
    ...c,
    purposeLabel: label(LABELS.consent.purpose, c.purpose),
    stateLabel: label(LABELS.consent.state, c.state),
    sourceLabel: label(LABELS.consent.source, c.source),
  });
  return {
    generatedAt: now.toISOString(),
    person: {
      ...person,
      genderLabel: label(LABELS.gender, person.gender),
      dmuRoleLabels: person.dmuRoles.map((r) => label(LABELS.dmu, r) ?? r).sort((a, b) => a.localeCompare(b, "nl")),
    },
    relation: { id: relation.id, name: relation.name, city: relation.visit_city },
    erased: erasure ? { at: erasure.erased_at, by: erasure.erased_by_name } : null,
    consents: consents.history.map(consentLabels),
    currentConsents: consents.current.map(consentLabels),
    contactMoments: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      kindLabel: label(LABELS.activities.kind, a.kind),
      occurredAt: a.occurred_at,
      relation: a.relation_name,
      salesMethod: a.sales_method,
      salesMethodLabel: label(LABELS.activities.salesMethod, a.sales_method),
      notes: a.notes,
      internalNotes: a.internal_notes,
      outcome: a.outcome,
      winChance: a.win_chance,
      nextStep: a.next_step,
    })),
    // Follow-ups about them: linked to them, or naming them in the action text.
    followUps: followUps
      .filter((f) => f.person_id === personId || mentions(f.action))
      .map((f) => ({ id: f.id, action: f.action, dueDate: f.due_date, status: f.status, statusLabel: label(LABELS.followUpsList.status, f.status), assignedTo: f.assigned_to_name })),
    // Visits where they were met, and visit sheets whose texts name them: answers, notes, objectives.
    visits: visits.map((v) => ({
      ...v,
      visitTypeLabel: label(LABELS.agenda.visitType, v.visitType),
      objectives: v.objectives.map((o) => ({ ...o, resultLabel: label(LABELS.preparation.result, o.result) })),
    })),
    // Received mail rows from or to their address, in any state: not read yet, waiting in an inbox, or
    // handled (a logged mail's text is exported with its contact moment above).
    mails: mails.map((m) => ({ ...m, stateLabel: label(LABELS.mailState, m.state) })),
    auditTrail: audit.map((a) => ({
      at: a.at,
      field: a.field,
      fieldLabel: auditFieldLabel(a.field),
      oldValue: a.old_value,
      oldValueLabel: auditValueLabel(a.field, a.old_value),
      newValue: a.new_value,
      newValueLabel: auditValueLabel(a.field, a.new_value),
      by: a.user_name,
    })),
  };
}

export type GdprExport = Awaited<ReturnType<typeof gdprExport>>;
