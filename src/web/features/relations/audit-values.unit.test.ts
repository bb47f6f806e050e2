import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditLine } from "../../api/types.js";
import { TEXTS } from "../../i18n/texts.js";
import { auditSentence } from "./audit-values.js";

const line = (l: Partial<AuditLine>): AuditLine => ({
  id: 1,
  entity: "relation",
  entityId: 1,
  field: "visit_city",
  oldValue: null,
  newValue: null,
  at: "2026-11-27T09:30:00.000Z",
  user: { id: 3, name: "Anna de Vries" },
  ...l,
});

describe("the change log in Dutch sentences", () => {
  let t: typeof i18next.t;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { nl: { translation: TEXTS.nl } }, lng: "nl", interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it("says who changed which field from what to what, with labels instead of codes", () => {
    expect(auditSentence(t, line({ field: "visit_city", oldValue: "Amsterdam", newValue: "Utrecht" }))).toBe(
      "Anna de Vries veranderde Plaats van de relatie van Amsterdam in Utrecht.",
    );
    expect(auditSentence(t, line({ field: "status", oldValue: "prospect", newValue: "customer" }))).toBe("Anna de Vries veranderde Status van de relatie van Prospect in Klant.");
    expect(auditSentence(t, line({ entity: "quote", field: "status", oldValue: "sent", newValue: "won" }))).toBe("Anna de Vries veranderde Status van de offerte van Verstuurd in Gewonnen.");
  });

  it("names people instead of ids and shows times in Amsterdam and dates as dd-mm-jjjj", () => {
    expect(auditSentence(t, line({ entity: "follow_up", field: "assigned_to", oldValue: "3", newValue: "7", oldName: "Anna de Vries", newName: "Piet Jansen" }))).toBe(
      "Anna de Vries veranderde Toegewezen aan van de vervolgactie van Anna de Vries in Piet Jansen.",
    );
    expect(auditSentence(t, line({ entity: "activity", field: "occurred_at", oldValue: "2026-11-20T09:30:00.000Z", newValue: "2026-06-20T09:30:00.000Z" }))).toBe(
      "Anna de Vries veranderde Datum en tijd van het contactmoment van 20-11-2026, 10:30 in 20-06-2026, 11:30.",
    );
    expect(auditSentence(t, line({ entity: "follow_up", field: "due_date", oldValue: null, newValue: "2026-12-10" }))).toBe("Anna de Vries zette Datum van de vervolgactie op 10-12-2026.");
  });

  it("words creation, clearing and work without a user", () => {
    expect(auditSentence(t, line({ entity: "activity", field: "created", newValue: "quote_meeting" }))).toBe("Anna de Vries legde het contactmoment vast: Offertebespreking.");
    expect(auditSentence(t, line({ field: "phone", oldValue: "030-1234567", newValue: null, user: null }))).toBe("Koers maakte Telefoon van de relatie leeg (was 030-1234567).");
  });
});
