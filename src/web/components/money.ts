// Euros typed by a user ↔ integer cents of the API, without floating-point arithmetic on amounts.

/** 1234.5 or "1234,50" → 123450; "" → null; anything else (three decimals, letters) → undefined. */
export function eurosToCents(value: number | string | null | undefined): number | null | undefined {
  if (value === null || value === undefined) return null;
  let text = typeof value === "number" ? numberText(value) : value.trim().replace(/\s/g, "");
  if (text === "") return null;
  // A typed string may use the Dutch comma; thousands dots only when a comma decides the decimals.
  if (typeof value === "string" && text.includes(",")) text = text.replaceAll(".", "").replace(",", ".");
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return undefined;
  const cents = BigInt(m[1] ?? "0") * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(cents);
}

/** A number as plain decimal text (no exponent): 1e21 → "1000000000000000000000". */
function numberText(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "x";
  const text = String(n);
  return text.includes("e") ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

/** 123450 → "1234.50", the value a NumberInput starts with; null → "". */
export function centsToEuros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${whole}.${String(rest).padStart(2, "0")}`;
}
