import { describe, expect, it } from "vitest";
import { checkConsentRecord, type ConsentRecord, currentConsent, mayMail } from "./consent.js";

let seq = 0;
const rec = (state: ConsentRecord["state"], date: string, source: ConsentRecord["source"], textVersion: string | null = "nb-2026-1"): ConsentRecord => ({
  seq: ++seq,
  state,
  date,
  source,
  textVersion: state === "given" ? textVersion : null,
});

describe("current mailing consent", () => {
  it("is none without records and the latest record otherwise", () => {
    expect(currentConsent([]).state).toBe("none");
    const given = rec("given", "2026-01-10", "web_form");
    expect(currentConsent([given])).toMatchObject({ state: "given", since: "2026-01-10", source: "web_form", textVersion: "nb-2026-1" });
    expect(currentConsent([given, rec("withdrawn", "2026-03-01", "phone")])).toMatchObject({ state: "withdrawn", since: "2026-03-01" });
  });

  it("keeps a withdrawal when a later import says yes", () => {
    const records = [rec("given", "2025-05-01", "visit"), rec("withdrawn", "2026-02-01", "email"), rec("given", "2026-06-01", "import")];
    expect(currentConsent(records)).toMatchObject({ state: "withdrawn", since: "2026-02-01", importOverruled: true });
    expect(mayMail(records)).toBe(false);
  });

  it("keeps a withdrawal when an import with an older date is recorded after it", () => {
    const records = [rec("withdrawn", "2026-02-01", "phone"), rec("given", "2025-01-01", "import")];
    expect(currentConsent(records).state).toBe("withdrawn");
  });

  it("lets an explicit yes after a withdrawal grant consent again, and an import confirm it", () => {
    const records = [rec("withdrawn", "2026-02-01", "phone"), rec("given", "2026-04-01", "web_form", "nb-2026-2")];
    expect(currentConsent(records)).toMatchObject({ state: "given", textVersion: "nb-2026-2" });
    expect(currentConsent([...records, rec("given", "2026-05-01", "import")]).state).toBe("given");
  });

  it("lets an import grant consent where nobody ever withdrew", () => {
    expect(mayMail([rec("given", "2026-01-01", "import")])).toBe(true);
  });

  it("orders records of the same date by recording order", () => {
    expect(currentConsent([rec("given", "2026-01-01", "visit"), rec("withdrawn", "2026-01-01", "visit")]).state).toBe("withdrawn");
  });

  it("does not depend on the order records are passed in", () => {
    const records = [rec("given", "2025-05-01", "visit"), rec("withdrawn", "2026-02-01", "email"), rec("given", "2026-06-01", "import")];
    expect(currentConsent([...records].reverse())).toEqual(currentConsent(records));
  });

  it("asks a text version for a yes and refuses dates after today", () => {
    expect(checkConsentRecord({ state: "given", date: "2026-11-27", textVersion: " " }, "2026-11-27")).toEqual(["consent_text_version_required"]);
    expect(checkConsentRecord({ state: "withdrawn", date: "2026-11-28", textVersion: null }, "2026-11-27")).toEqual(["consent_date_in_future"]);
    expect(checkConsentRecord({ state: "withdrawn", date: "2026-11-27", textVersion: null }, "2026-11-27")).toEqual([]);
  });
});
