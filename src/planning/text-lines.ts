// Shared reading of whitespace-separated numeric text files (the benchmark formats): lines with
// their 1-based number, and numbers that must be finite (no "NaN", no "1e999").

export interface NumberLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** Non-empty lines split on whitespace (CRLF files included), with their original line numbers. */
export function splitLines(text: string): NumberLine[] {
  const out: NumberLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] as string).trim();
    if (trimmed !== "") out.push({ line: i + 1, fields: trimmed.split(/\s+/) });
  }
  return out;
}

/** The number in `field`, or undefined when it is not a plain finite decimal number. */
export function parseNumber(field: string | undefined): number | undefined {
  if (field === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(field)) return undefined;
  const value = Number(field);
  return Number.isFinite(value) ? value : undefined;
}

/** True when every field is a number. */
export function allNumeric(fields: readonly string[]): boolean {
  return fields.every((f) => parseNumber(f) !== undefined);
}
