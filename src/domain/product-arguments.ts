// The quote's arguments: a product's arguments (unique selling points) are each tagged with the
// requirement they answer; a quote shows only those whose requirement the customer has. An argument
// that answers no requirement of theirs is noise, and can count against us, so it is left out.
import { normalizeKey } from "./text.js";

export interface ProductArgument {
  requirement: string;
  text: string;
}

/** The key two requirement labels are compared on: case, accents, punctuation and spacing do not count. */
export const requirementKey = (label: string): string => normalizeKey(label);

/**
 * The arguments whose requirement matches one of `requirements`, in their own order. A requirement
 * that normalises to nothing ("—") matches nothing.
 */
export function matchingArguments<A extends ProductArgument>(args: readonly A[], requirements: readonly string[]): A[] {
  const wanted = new Set(requirements.map(requirementKey).filter((k) => k !== ""));
  return args.filter((a) => {
    const key = requirementKey(a.requirement);
    return key !== "" && wanted.has(key);
  });
}
