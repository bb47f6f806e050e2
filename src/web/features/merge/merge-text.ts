// Comparing texts of two relations as the duplicate finder does: case, accents, punctuation and
// spacing do not make two values different ("DELTA B.V." = "Delta BV").
export function normalizedText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** "persons.relation_id" → "persons"; the label key of what moved. */
export function movedTable(key: string): string {
  return key.split(".")[0] ?? key;
}
