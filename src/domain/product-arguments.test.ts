import { describe, expect, it } from "vitest";
import { requirementKey } from "./product-arguments.js";
import { argumentsFor, requirementOf } from "./requirements.js";

/** The arguments a quote shows for a customer with these requirements (labels only: soft). */
const matchingArguments = <A extends { requirement: string }>(list: readonly A[], labels: readonly string[]) => argumentsFor(list, labels.map((l) => requirementOf(l)));

const args = [
  { requirement: "Milieuvriendelijk", text: "Ecolabel-gecertificeerde middelen" },
  { requirement: "flexibele planning", text: "Ook 's avonds en in het weekend" },
  { requirement: "Goedkoopste", text: "Laagste prijs per m2" },
];

describe("the quote's arguments", () => {
  it("shows the arguments whose requirement the customer has, regardless of case, accents and spacing", () => {
    expect(matchingArguments(args, ["MILIEUVRIENDELIJK", "  Flexibele   Planning "]).map((a) => a.text)).toEqual([
      "Ecolabel-gecertificeerde middelen",
      "Ook 's avonds en in het weekend",
    ]);
    expect(matchingArguments([{ requirement: "Hygiëne", text: "HACCP" }], ["hygiene"])).toHaveLength(1);
  });

  it("leaves out arguments that match no requirement, and shows none when the customer has none", () => {
    expect(matchingArguments(args, ["snelle levering"])).toEqual([]);
    expect(matchingArguments(args, [])).toEqual([]);
  });

  it("does not match on a requirement that is only punctuation", () => {
    expect(matchingArguments([{ requirement: "—", text: "x" }], ["-"])).toEqual([]);
    expect(requirementKey("Café-Service")).toBe("cafe service");
  });
});
