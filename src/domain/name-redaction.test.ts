import { describe, expect, it } from "vitest";
import { nameForms, REDACTED, redactNames } from "./name-redaction.js";

describe("name redaction", () => {
  const forms = nameForms({ firstName: "Jan", initials: "J.P.", infix: "van der", lastName: "Berg" });

  it("blanks full names, initials and surnames in any case", () => {
    expect(redactNames("Gesproken met Jan van der Berg en J.P. van der Berg; VAN DER BERG belt terug.", forms)).toBe(
      `Gesproken met ${REDACTED} en ${REDACTED}; ${REDACTED} belt terug.`,
    );
  });

  it("leaves words that only contain the name alone", () => {
    expect(redactNames("Bergen en Janssen", forms)).toBe("Bergen en Janssen");
  });

  it("skips name parts too short to be told from ordinary words", () => {
    expect(nameForms({ firstName: "Li", initials: null, infix: null, lastName: "Wu" })).toEqual(["Li Wu"]);
  });
});
