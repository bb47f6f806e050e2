import { describe, expect, it } from "vitest";
import { displayName, formalName, normalizeInitials, normalizeTitle, type PersonName, personSortKey, salutation } from "./person-name.js";

const jan: PersonName = { firstName: "Jan", initials: "J.", infix: "van der", lastName: "Berg", gender: "m", title: "ir." };

describe("Dutch person names", () => {
  it("writes the address line with title, initials and lower-case infix", () => {
    expect(formalName(jan)).toBe("De heer ir. J. van der Berg");
    expect(formalName({ ...jan, gender: "v", title: "dr. MSc" })).toBe("Mevrouw dr. J. van der Berg MSc");
    expect(formalName({ ...jan, gender: "x", title: null })).toBe("J. van der Berg");
  });

  it("capitalises the infix when the surname stands alone in a salutation", () => {
    expect(salutation(jan)).toBe("Geachte heer Van der Berg,");
    expect(salutation({ ...jan, gender: "v" })).toBe("Geachte mevrouw Van der Berg,");
    expect(salutation({ ...jan, gender: "x" })).toBe("Geachte J. van der Berg,");
    expect(salutation(jan, "en")).toBe("Dear Mr Van der Berg,");
  });

  it("shows the first name in lists and falls back to initials", () => {
    expect(displayName(jan)).toBe("Jan van der Berg");
    expect(displayName({ ...jan, firstName: null, initials: "jp" })).toBe("J.P. van der Berg");
  });

  it("sorts on the last name without the infix", () => {
    const names = [
      { ...jan, lastName: "Dijk", infix: "van", firstName: "Piet" },
      { ...jan, lastName: "Berg", infix: "van der", firstName: "Jan" },
      { ...jan, lastName: "Aalbers", infix: null, firstName: "Ans" },
    ];
    expect(names.sort((a, b) => personSortKey(a).localeCompare(personSortKey(b))).map((n) => n.lastName)).toEqual(["Aalbers", "Berg", "Dijk"]);
  });

  it("normalises initials and titles as typed by people", () => {
    expect(normalizeInitials("jp")).toBe("J.P.");
    expect(normalizeInitials("J. P.")).toBe("J.P.");
    expect(normalizeInitials("Th.J.")).toBe("Th.J.");
    expect(normalizeTitle("Ir")).toBe("ir.");
    expect(normalizeTitle("DR. msc")).toBe("dr. MSc");
  });
});
