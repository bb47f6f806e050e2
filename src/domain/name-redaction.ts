// GDPR erasure keeps the contact history but not who it was about: the erased person's names are
// blanked out of free texts (notes of contact moments, follow-up actions) that mention them.

export const REDACTED = "[verwijderd]";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The name forms worth blanking: "Jan van der Berg", "J. van der Berg", "van der Berg", "Berg",
 * "Jan". Parts shorter than three letters alone ("Li") would blank ordinary words and are left out.
 */
export function nameForms(p: { firstName: string | null; initials: string | null; infix: string | null; lastName: string }): string[] {
  const clean = (s: string | null) => (s ?? "").trim().replace(/\s+/g, " ");
  const first = clean(p.firstName);
  const initials = clean(p.initials);
  const surname = [clean(p.infix), clean(p.lastName)].filter(Boolean).join(" ");
  const forms = [
    [first, surname].filter(Boolean).join(" "),
    [initials, surname].filter(Boolean).join(" "),
    surname,
    clean(p.lastName),
    first,
  ];
  return [...new Set(forms.filter((f) => f.replace(/[^\p{L}]/gu, "").length >= 3))].sort((a, b) => b.length - a.length);
}

/** `text` with every whole-word occurrence of a name form (any case) replaced by [verwijderd]. */
export function redactNames(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) {
    // Word edges by Unicode letters, so "Bakker" is blanked but "Bakkerij" is not.
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(form)}(?![\\p{L}\\p{N}])`, "giu");
    out = out.replace(re, REDACTED);
  }
  return out;
}
