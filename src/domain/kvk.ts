// KvK (Kamer van Koophandel) numbers have 8 digits. People write them with spaces or dots
// ("12 34 56 78", "12.345.678"); those are removed. There is no public check digit.
import { type Result, err, ok } from "./result.js";

export function normalizeKvkNumber(input: string): Result<string> {
  const digits = input.trim().replace(/[\s.]/g, "");
  return /^[0-9]{8}$/.test(digits) ? ok(digits) : err("kvk_invalid");
}
