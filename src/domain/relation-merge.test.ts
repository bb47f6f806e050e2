import { describe, expect, it } from "vitest";
import { FILLABLE_COLUMNS, type MergeSide, mergeOutcome } from "./relation-merge.js";

function side(id: number, values: Partial<MergeSide>): MergeSide {
  const empty = Object.fromEntries(FILLABLE_COLUMNS.map((c) => [c, null])) as unknown as MergeSide;
  return { ...empty, id, name: `R${id}`, status: "prospect", notes: null, product_interests: "[]", requirements: "[]", ...values };
}

describe("merging a duplicate into a survivor", () => {
  it("keeps the survivor's values and fills only its empty fields", () => {
    const survivor = side(1, { phone: "030 123", visit_city: "Utrecht" });
    const duplicate = side(2, { phone: "020 999", email: "info@x.nl", kvk_number: "12345678", visit_city: "Amsterdam" });
    expect(mergeOutcome(survivor, duplicate).changes).toEqual({ email: "info@x.nl", kvk_number: "12345678" });
  });

  it("keeps both notes and unites product interests", () => {
    const out = mergeOutcome(side(1, { notes: "Eigen notitie", product_interests: '["vloer"]' }), side(2, { notes: "Oude notitie", product_interests: '["vloer","glas"]' }));
    expect(out.changes.notes).toBe("Eigen notitie\n\n— R2:\nOude notitie");
    expect(JSON.parse(out.changes.product_interests as string)).toEqual(["vloer", "glas"]);
  });

  it("combines the requirements of both, each once, and changes nothing when the duplicate adds none", () => {
    const out = mergeOutcome(
      side(1, { requirements: '[{"label":"Milieuvriendelijk","kind":"product","hard":false,"willingToPay":"unknown","supplierScore":"unknown","supplierNote":null}]' }),
      side(2, { requirements: '["milieuvriendelijk", {"label":"Bereikbaar in het weekend","kind":"supplier","hard":true}]' }),
    );
    expect((JSON.parse(out.changes.requirements as string) as { label: string; hard: boolean }[]).map((r) => [r.label, r.hard])).toEqual([
      ["Milieuvriendelijk", false],
      ["Bereikbaar in het weekend", true],
    ]);
    expect(mergeOutcome(side(1, { requirements: '["HACCP"]' }), side(2, { requirements: '["haccp"]' })).changes).not.toHaveProperty("requirements");
  });

  it("makes the survivor dead when the duplicate was dead, and never revives a dead survivor", () => {
    expect(mergeOutcome(side(1, { status: "customer" }), side(2, { status: "dead" })).status).toBe("dead");
    expect(mergeOutcome(side(1, { status: "dead" }), side(2, { status: "customer" })).status).toBeNull();
    expect(mergeOutcome(side(1, { status: "prospect" }), side(2, { status: "customer" })).status).toBeNull();
  });

  it("never makes the survivor its own parent", () => {
    expect(mergeOutcome(side(1, { parent_id: 2 }), side(2, {})).changes.parent_id).toBeNull();
    expect(mergeOutcome(side(1, {}), side(2, { parent_id: 1 })).changes).not.toHaveProperty("parent_id");
    expect(mergeOutcome(side(1, { parent_id: 2 }), side(2, { parent_id: 7 })).changes.parent_id).toBe(7);
  });
});
