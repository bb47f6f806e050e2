import { describe, expect, it } from "vitest";
import { listStateToParams, readListState } from "./list-state.js";

describe("the relations list in the URL", () => {
  it("reads search, filters and sort back from the query string it wrote", () => {
    const state = readListState(new URLSearchParams("q=zonne&status=prospect&status=customer&class=none&owner=3&postcodeFrom=1000&sort=city&order=desc&scope=team"));
    expect(state).toMatchObject({ q: "zonne", status: ["prospect", "customer"], class: ["none"], owner: ["3"], postcodeFrom: "1000", sort: "city", order: "desc", scope: "team" });
    expect(readListState(listStateToParams(state))).toEqual(state);
  });

  it("leaves defaults out and ignores an unknown sort", () => {
    const state = readListState(new URLSearchParams("sort=bogus&order=up&scope=mijn"));
    expect(state.sort).toBe("name");
    expect(state.scope).toBeNull();
    expect(state.order).toBe("asc");
    expect(listStateToParams(state).toString()).toBe("");
  });
});
