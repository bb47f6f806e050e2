// The quote's arguments: a product's arguments (unique selling points) are each tagged with the
// requirement they answer; a quote shows only those whose requirement the customer has. An argument
// that answers no requirement of theirs is noise, and can count against us, so it is left out. The
// matching itself is requirements.ts `argumentsFor` (it knows which requirements are hard); here is the
// key both sides are compared on.
import { normalizeKey } from "./text.js";

export interface ProductArgument {
  requirement: string;
  text: string;
}

/** The key two requirement labels are compared on: case, accents, punctuation and spacing do not count. */
export const requirementKey = (label: string): string => normalizeKey(label);
