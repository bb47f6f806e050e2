// Dutch postcodes: four digits (the first not 0), a space, two capital letters; SA, SD and SS are
// never issued. Input such as "1234ab" or "1234  AB" is normalised to "1234 AB".
import { type Result, err, ok } from "./result.js";

const DUTCH = /^([1-9][0-9]{3})\s*([A-Za-z]{2})$/;

export function normalizeDutchPostcode(input: string): Result<string> {
  const m = DUTCH.exec(input.trim());
  if (!m) return err("postcode_invalid");
  const letters = (m[2] as string).toUpperCase();
  if (letters === "SA" || letters === "SD" || letters === "SS") return err("postcode_invalid");
  return ok(`${m[1]} ${letters}`);
}

/** A postcode for any country: Dutch ones are validated and normalised, others only trimmed. */
export function normalizePostcode(input: string, country: string): Result<string> {
  if (country.toUpperCase() === "NL") return normalizeDutchPostcode(input);
  const trimmed = input.trim().toUpperCase().replace(/\s+/g, " ");
  return trimmed.length >= 2 && trimmed.length <= 12 ? ok(trimmed) : err("postcode_invalid");
}

/** The four-digit area of a Dutch postcode ("1234 AB" → "1234"), used for coordinates. */
export function postcodeArea(postcode: string): string | null {
  const m = /^([1-9][0-9]{3})/.exec(postcode);
  return m ? (m[1] as string) : null;
}
