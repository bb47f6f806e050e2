// The Dutch VAT identification number (btw-identificatienummer): NL, nine digits, B, two digits
// ("NL123456789B01"). People write it with spaces or dots; those are removed. Two check rules are in
// use: numbers issued before 2020 pass the eleven test (elfproef) on the nine digits, the numbers of
// sole proprietors issued since 2020 pass ISO 7064 mod 97-10 over the whole text. Either will do.
import { mod97 } from "./iban.js";
import { type Result, err, ok } from "./result.js";

const SHAPE = /^NL([0-9]{9})B([0-9]{2})$/;

/** Eleven test with weights 9…2 and −1 on the last digit: the sum must be a multiple of 11. */
function elevenTest(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

export function normalizeVatNumber(input: string): Result<string, "vat_number_invalid"> {
  const vat = input.replace(/[\s.-]/g, "").toUpperCase();
  const m = SHAPE.exec(vat);
  if (!m) return err("vat_number_invalid");
  const digits = m[1] as string;
  // "B00" and an all-zero number are never issued.
  if (m[2] === "00" || /^0+$/.test(digits)) return err("vat_number_invalid");
  return elevenTest(digits) || mod97(vat) === 1 ? ok(vat) : err("vat_number_invalid");
}
