// IBAN (ISO 13616): two letters of the country, two check digits, then the national account number
// (BBAN). People write it in groups of four ("NL91 ABNA 0417 1643 00"); spaces are removed. A Dutch
// IBAN is always 18 characters: NL, 2 check digits, 4 letters of the bank, 10 digits.
import { type Result, err, ok } from "./result.js";

const SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;
const DUTCH = /^NL[0-9]{2}[A-Z]{4}[0-9]{10}$/;

/**
 * The ISO 7064 mod-97-10 remainder of a text of digits and capital letters, letters counting as
 * 10 (A) to 35 (Z). Computed a few digits at a time so no number passes 2^53.
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    // A letter is two digits: shift by 100, a digit by 10.
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

/** The IBAN in its electronic form (capitals, no spaces) when its shape and check digits are right. */
export function normalizeIban(input: string): Result<string, "iban_invalid"> {
  const iban = input.replace(/[\s.-]/g, "").toUpperCase();
  if (!SHAPE.test(iban)) return err("iban_invalid");
  if (iban.startsWith("NL") && !DUTCH.test(iban)) return err("iban_invalid");
  // Move country and check digits to the end; a valid IBAN then leaves remainder 1.
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1 ? ok(iban) : err("iban_invalid");
}

/** The paper form, in groups of four: NL91 ABNA 0417 1643 00. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}
