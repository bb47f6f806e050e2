// Expected failures of pure parsing and validation (a bad spreadsheet cell, a too-short reason) are
// data, not exceptions: the caller decides whether to collect, show or reject them. The error is a
// message or a machine code (a string literal union, for translated texts), as the caller chooses.

export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** `const` keeps a literal code's type, so err("kvk_invalid") fits Result<string, "kvk_invalid">. */
export function err<const E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
