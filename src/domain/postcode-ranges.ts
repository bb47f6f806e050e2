// A rayon drawn as four-digit postcode ranges ("1000"–"1099", both ends included): checked, sorted,
// and tested for overlap (two rayons must not both claim an area). Pure.
import { err, ok, type Result } from "./result.js";

export interface Pc4Range {
  from: string;
  to: string;
}

export type RangeError = { index: number; code: "pc4_invalid" | "range_reversed" | "range_overlap" };

const PC4 = /^[1-9][0-9]{3}$/;

/** The ranges trimmed and sorted by start, or the first problem (with the input index). */
export function checkPc4Ranges(ranges: readonly Pc4Range[]): Result<Pc4Range[], RangeError> {
  const clean = ranges.map((r) => ({ from: r.from.trim(), to: r.to.trim() }));
  for (const [index, r] of clean.entries()) {
    if (!PC4.test(r.from) || !PC4.test(r.to)) return err({ index, code: "pc4_invalid" });
    if (r.from > r.to) return err({ index, code: "range_reversed" });
  }
  const order = clean.map((r, index) => ({ ...r, index })).sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < order.length; i++) {
    const prev = order[i - 1] as Pc4Range;
    const cur = order[i] as Pc4Range & { index: number };
    if (cur.from <= prev.to) return err({ index: cur.index, code: "range_overlap" });
  }
  return ok(order.map(({ from, to }) => ({ from, to })));
}

/** True when the two ranges share at least one postcode area. */
export function rangesOverlap(a: Pc4Range, b: Pc4Range): boolean {
  return a.from <= b.to && b.from <= a.to;
}
