import { describe, expect, it } from "vitest";
import {
  QUOTE_STATUSES,
  type StatusState,
  allowedTransitions,
  canTransition,
  changeStatus,
  isDecided,
  isFinal,
  isOpen,
  isQuoteStatus,
  revisionEffect,
  validateProbability,
} from "./quote-status.js";

const sent: StatusState = { status: "sent", probability: 40, lostReason: null, competitorWon: null };

describe("quote status transitions", () => {
  it("lets a draft be sent or withdrawn, but not won or lost before the customer saw it", () => {
    expect(allowedTransitions("draft")).toEqual(["sent", "withdrawn"]);
    expect(canTransition("draft", "won")).toBe(false);
    expect(canTransition("draft", "lost")).toBe(false);
  });

  it("lets a sent quote be won, lost or withdrawn", () => {
    expect(allowedTransitions("sent")).toEqual(["won", "lost", "withdrawn"]);
  });

  it("treats won, lost and withdrawn as final", () => {
    for (const status of ["won", "lost", "withdrawn"] as const) {
      expect(isFinal(status)).toBe(true);
      for (const to of QUOTE_STATUSES) expect(canTransition(status, to)).toBe(false);
    }
  });

  it("counts draft and sent as open, won and lost as decided", () => {
    expect(QUOTE_STATUSES.filter(isOpen)).toEqual(["draft", "sent"]);
    expect(QUOTE_STATUSES.filter(isDecided)).toEqual(["won", "lost"]);
  });

  it("recognises status names", () => {
    expect(isQuoteStatus("won")).toBe(true);
    expect(isQuoteStatus("gewonnen")).toBe(false);
  });
});

describe("changeStatus", () => {
  it("sets the probability to 100 when won", () => {
    expect(changeStatus(sent, { to: "won" })).toEqual({
      ok: true,
      value: { status: "won", probability: 100, lostReason: null, competitorWon: null },
    });
  });

  it("sets the probability to 0 and keeps reason and competitor when lost", () => {
    expect(changeStatus(sent, { to: "lost", lostReason: " price too high ", competitorWon: "CleanCo" })).toEqual({
      ok: true,
      value: { status: "lost", probability: 0, lostReason: "price too high", competitorWon: "CleanCo" },
    });
  });

  it("refuses a loss without a reason", () => {
    expect(changeStatus(sent, { to: "lost", lostReason: "  " })).toEqual({
      ok: false,
      error: "a lost quote needs a lost reason",
    });
  });

  it("keeps the probability when a quote is withdrawn", () => {
    const result = changeStatus(sent, { to: "withdrawn" });
    expect(result.ok && result.value).toMatchObject({ status: "withdrawn", probability: 40 });
  });

  it("points to a new revision when a final quote is changed", () => {
    const lost: StatusState = { status: "lost", probability: 0, lostReason: "price", competitorWon: null };
    const result = changeStatus(lost, { to: "sent" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/new revision/);
  });

  it("names the allowed statuses when a step is not allowed", () => {
    const draft: StatusState = { ...sent, status: "draft" };
    const result = changeStatus(draft, { to: "won" });
    expect(result.ok ? "" : result.error).toBe("a draft quote cannot become won (allowed: sent, withdrawn)");
  });
});

describe("revisionEffect", () => {
  it("withdraws a sent quote that a new revision replaces", () => {
    expect(revisionEffect("sent")).toEqual({ ok: true, value: { previousBecomes: "withdrawn" } });
  });

  it("leaves a lost or withdrawn quote as it is when it is reopened as a new revision", () => {
    expect(revisionEffect("lost")).toEqual({ ok: true, value: { previousBecomes: "lost" } });
    expect(revisionEffect("withdrawn")).toEqual({ ok: true, value: { previousBecomes: "withdrawn" } });
  });

  it("does not revise drafts (edited instead) or won quotes (orders)", () => {
    expect(revisionEffect("draft").ok).toBe(false);
    expect(revisionEffect("won").ok).toBe(false);
  });
});

describe("validateProbability", () => {
  it("accepts whole percentages from 0 to 100", () => {
    expect(validateProbability(0)).toEqual({ ok: true, value: 0 });
    expect(validateProbability(100)).toEqual({ ok: true, value: 100 });
  });

  it.each([-1, 101, 35.5, Number.NaN])("rejects %d", (value) => {
    expect(validateProbability(value).ok).toBe(false);
  });
});
