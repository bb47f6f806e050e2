// Roles in the Decision Making Unit (DMU) of a relation. A person may hold several.
export const DMU_ROLES = ["decider", "buyer", "influencer", "user", "gatekeeper", "initiator"] as const;
export type DmuRole = (typeof DMU_ROLES)[number];

export function isDmuRole(value: string): value is DmuRole {
  return (DMU_ROLES as readonly string[]).includes(value);
}

/** The roles held by active persons of a relation, and the ones nobody holds yet. */
export function dmuCoverage(persons: readonly { active: boolean; roles: readonly DmuRole[] }[]): {
  known: DmuRole[];
  missing: DmuRole[];
} {
  const held = new Set(persons.filter((p) => p.active).flatMap((p) => p.roles));
  return { known: DMU_ROLES.filter((r) => held.has(r)), missing: DMU_ROLES.filter((r) => !held.has(r)) };
}
