import { describe, expect, it } from "vitest";
import en from "../../web/features/agenda/i18n.en.json" with { type: "json" };
import nl from "../../web/features/agenda/i18n.nl.json" with { type: "json" };
import { VISIT_TYPE_NAMES } from "./visit-type-names.js";

describe("visit type names", () => {
  it("are the same in the calendar feed as in the agenda screens, in Dutch and English", () => {
    expect(VISIT_TYPE_NAMES.nl).toEqual(nl.agenda.visitType);
    expect(VISIT_TYPE_NAMES.en).toEqual(en.agenda.visitType);
  });
});
