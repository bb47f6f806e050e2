// Who claims which postcode area: a rayon is drawn from postcode ranges, whole provinces or
// municipalities (each a set of PC4 areas) and chosen relations. Two rayons must not both claim an
// area, and a chosen relation must not lie in another rayon's area: every relation has one rayon to
// be planned in. Pure: the caller passes the claims of the other rayons.
import { type Pc4Range, rangesOverlap } from "./postcode-ranges.js";

export interface RayonClaim {
  readonly rayonId: number;
  readonly ranges: readonly Pc4Range[];
  /** PC4 areas of the rayon's provinces and municipalities. */
  readonly regionPc4s: ReadonlySet<string>;
}

export type ClaimClash = { readonly rayonId: number; readonly pc4: string } | { readonly rayonId: number; readonly range: Pc4Range };

const inRange = (pc4: string, r: Pc4Range) => r.from <= pc4 && pc4 <= r.to;

/** The first other rayon that claims a postcode area of `range`, with what it claims; null when free. */
export function rangeClash(range: Pc4Range, others: readonly RayonClaim[]): ClaimClash | null {
  for (const o of others) {
    const r = o.ranges.find((x) => rangesOverlap(range, x));
    if (r) return { rayonId: o.rayonId, range: r };
    for (const pc4 of o.regionPc4s) if (inRange(pc4, range)) return { rayonId: o.rayonId, pc4 };
  }
  return null;
}

/** The first other rayon that claims one of `pc4s` (the areas of a province or municipality); null when free. */
export function areasClash(pc4s: Iterable<string>, others: readonly RayonClaim[]): ClaimClash | null {
  for (const pc4 of pc4s) {
    for (const o of others) {
      if (o.regionPc4s.has(pc4)) return { rayonId: o.rayonId, pc4 };
      const r = o.ranges.find((x) => inRange(pc4, x));
      if (r) return { rayonId: o.rayonId, range: r };
    }
  }
  return null;
}

/** The rayon whose area holds a visiting postcode ("3511 AB", or null), or null. */
export function claimOfPostcode(postcode: string | null, claims: readonly RayonClaim[]): number | null {
  const pc4 = postcode?.trim().slice(0, 4) ?? "";
  if (!/^[1-9][0-9]{3}$/.test(pc4)) return null;
  for (const c of claims) if (c.regionPc4s.has(pc4) || c.ranges.some((r) => inRange(pc4, r))) return c.rayonId;
  return null;
}
