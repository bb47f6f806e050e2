// "Mine", "my team" or everyone: the view a list of relations, quotes or follow-ups opens on. This
// is not access control (the CRM is open to every role, DOMAIN.md "Visibility"): it narrows a list
// to the work a person is answerable for. A rep opens on their own; a sales manager on the team.
import type { Viewer } from "./access.js";
import type { Role } from "./roles.js";

export const LIST_SCOPES = ["mine", "team", "all"] as const;
export type ListScope = (typeof LIST_SCOPES)[number];

/** Roles whose work fills the lists: the team of a manager consists of them. */
export const SALES_ROLES: readonly Role[] = ["field_sales", "inside_sales"];

/** The view a list opens on when the address names none. */
export function defaultListScope(role: Role): ListScope {
  if (role === "field_sales" || role === "inside_sales") return "mine";
  if (role === "sales_manager") return "team";
  return "all";
}

/** The scopes offered to a role: reps choose between their own and everyone's. */
export function listScopesOf(role: Role): readonly ListScope[] {
  return role === "sales_manager" || role === "admin" ? LIST_SCOPES : ["mine", "all"];
}

export interface TeamCandidate {
  readonly id: number;
  readonly role: Role;
  readonly rayonIds: readonly number[];
}

/**
 * The owners (user ids) whose records a scope keeps: `null` = no restriction (everyone).
 * - mine: the viewer alone;
 * - team: the viewer and the field and inside sales reps who share one of the viewer's rayons; a
 *   viewer without rayons (a manager of the whole company) has every rep in the team.
 * Fails closed: a viewer without an id (SYSTEM_VIEWER) owns nothing, so "mine" and "team" are empty.
 */
export function ownersOfScope(viewer: Viewer, scope: ListScope, users: readonly TeamCandidate[]): readonly number[] | null {
  if (scope === "all") return null;
  if (viewer.id === null) return [];
  if (scope === "mine") return [viewer.id];
  const own = new Set(viewer.rayonIds);
  const team = users.filter((u) => SALES_ROLES.includes(u.role) && (own.size === 0 || u.rayonIds.some((r) => own.has(r)))).map((u) => u.id);
  return [...new Set([viewer.id, ...team])].sort((a, b) => a - b);
}
