// Account class (klantindeling): key account above A, then A, B, C. The system may propose a class
// from revenue; a person decides. A class set higher than the figures justify for strategic value
// (a demanding reference customer) is an override and needs a written reason.
import { type Result, err, ok } from "./result.js";

export const ACCOUNT_CLASSES = ["key", "A", "B", "C"] as const;
export type AccountClass = (typeof ACCOUNT_CLASSES)[number];

export function isAccountClass(value: string): value is AccountClass {
  return (ACCOUNT_CLASSES as readonly string[]).includes(value);
}

/** Importance order: key = 0 (most important) … C = 3. */
export function classRank(c: AccountClass): number {
  return ACCOUNT_CLASSES.indexOf(c);
}

export interface ClassChoice {
  accountClass: AccountClass | null;
  override: boolean;
  overrideReason: string | null;
}

export function checkClassChoice(choice: ClassChoice): Result<ClassChoice, "class_override_reason_required" | "class_override_needs_class"> {
  if (!choice.override) return ok({ ...choice, overrideReason: null });
  if (choice.accountClass === null) return err("class_override_needs_class");
  const reason = choice.overrideReason?.trim() ?? "";
  if (reason === "") return err("class_override_reason_required");
  return ok({ ...choice, overrideReason: reason });
}
