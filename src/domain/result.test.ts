import { describe, expect, it } from "vitest";
import { err, ok, type Result } from "./result.js";

describe("Result", () => {
  it("carries a value on success and an error on failure", () => {
    const good: Result<number> = ok(3);
    const bad: Result<number> = err("not a number");
    expect(good).toEqual({ ok: true, value: 3 });
    expect(bad).toEqual({ ok: false, error: "not a number" });
  });

  it("keeps a literal error code usable as a code union", () => {
    const check = (v: string): Result<string, "empty"> => (v === "" ? err("empty") : ok(v));
    const result = check("");
    expect(result.ok ? null : result.error).toBe("empty");
  });
});
