import { describe, expect, it } from "vitest";
import { SYSTEM_VIEWER, type Viewer } from "./access.js";
import { defaultListScope, listScopesOf, ownersOfScope, type TeamCandidate } from "./list-scope.js";

const USERS: TeamCandidate[] = [
  { id: 1, role: "sales_manager", rayonIds: [] },
  { id: 2, role: "field_sales", rayonIds: [10] },
  { id: 3, role: "field_sales", rayonIds: [20] },
  { id: 4, role: "inside_sales", rayonIds: [10, 20] },
  { id: 5, role: "marketing", rayonIds: [] },
];
const viewer = (id: number, role: Viewer["role"], rayonIds: number[] = []): Viewer => ({ id, role, profitResponsible: false, rayonIds });

describe("list scope", () => {
  it("opens a rep's lists on their own work, a manager's on the team and everyone else's on all", () => {
    expect(defaultListScope("field_sales")).toBe("mine");
    expect(defaultListScope("inside_sales")).toBe("mine");
    expect(defaultListScope("sales_manager")).toBe("team");
    expect(defaultListScope("marketing")).toBe("all");
    expect(listScopesOf("field_sales")).toEqual(["mine", "all"]);
    expect(listScopesOf("sales_manager")).toEqual(["mine", "team", "all"]);
  });

  it("keeps only the viewer for mine and nobody for a viewer without an id", () => {
    expect(ownersOfScope(viewer(2, "field_sales", [10]), "mine", USERS)).toEqual([2]);
    expect(ownersOfScope(SYSTEM_VIEWER, "mine", USERS)).toEqual([]);
    expect(ownersOfScope(SYSTEM_VIEWER, "team", USERS)).toEqual([]);
    expect(ownersOfScope(viewer(2, "field_sales"), "all", USERS)).toBeNull();
  });

  it("makes the team of a manager without rayons every rep, and of a rayon's people those who share it", () => {
    expect(ownersOfScope(viewer(1, "sales_manager"), "team", USERS)).toEqual([1, 2, 3, 4]);
    expect(ownersOfScope(viewer(9, "sales_manager", [20]), "team", USERS)).toEqual([3, 4, 9]);
    expect(ownersOfScope(viewer(2, "field_sales", [10]), "team", USERS)).toEqual([2, 4]);
  });
});
