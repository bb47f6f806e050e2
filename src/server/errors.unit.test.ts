import { describe, expect, it } from "vitest";
import { ERROR_CATALOGUE, FIELD_MESSAGES, problemBody } from "./errors.js";

describe("error catalogue", () => {
  it("gives every code a 4xx or 5xx status and a title", () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.title.length, code).toBeGreaterThan(5);
    }
  });
  it("gives every field code a message", () => {
    for (const [code, message] of Object.entries(FIELD_MESSAGES)) expect(message.length, code).toBeGreaterThan(3);
  });
  it("builds RFC 9457 bodies with a type per code", () => {
    expect(problemBody("version_conflict", "stale", [])).toMatchObject({ type: "/problems/version-conflict", status: 412, code: "version_conflict" });
  });
});
