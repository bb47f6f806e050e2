// Acting for others (docs/security.md): who may record work in another user's name — a quote "for"
// a rep, a contact moment "by" a rep. "Made by" (created_by) is always the user who did it; "for"
// follows this policy. A rep acts for himself; inside sales for the field reps of the rayons it
// serves; managers and administrators for anyone.
import type { Viewer } from "./access.js";
import { can } from "./roles.js";

export interface Actor {
  readonly id: number;
  readonly role: Viewer["role"];
  readonly rayonIds: readonly number[];
}

/** Managers and administrators act for anyone, also for a user who is gone or deactivated. */
export const mayActForAnyone = (viewer: Viewer): boolean => viewer.role === "admin" || viewer.role === "sales_manager";

export function mayActFor(viewer: Viewer, target: Actor): boolean {
  if (viewer.id !== null && viewer.id === target.id) return true;
  if (mayActForAnyone(viewer)) return true;
  if (viewer.role === "inside_sales") return target.role === "field_sales" && target.rayonIds.some((r) => viewer.rayonIds.includes(r));
  return false;
}

/** A quote number typed in from paper moves the shared counter: administrators only (imports always). */
export const mayChooseQuoteNumber = (viewer: Viewer) => viewer.role === "admin";

/** May plan appointments in the target's agenda: write rights (crm.write) and acting for them. */
export const mayPlanFor = (viewer: Viewer, target: Actor): boolean => can(viewer.role, "crm.write") && mayActFor(viewer, target);
