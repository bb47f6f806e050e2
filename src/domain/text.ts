// Normalised keys for sorting and searching: lower case, diacritics removed, only letters and
// digits, words separated by one space. Byte-ordered in the database, so both engines agree.

export function normalizeKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The distinct words of `texts` as search terms (normalised, at most 40 characters each). */
export function searchTerms(texts: readonly (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of normalizeKey(text).split(" ")) {
      if (word !== "") terms.add(word.slice(0, 40));
    }
  }
  return [...terms];
}

/**
 * The words of a search query. Every word must match the start of some term of a relation;
 * `upper` is the exclusive upper bound of the prefix range ('~' sorts after every [a-z0-9]).
 */
export function queryPrefixes(query: string): { lower: string; upper: string }[] {
  return searchTerms([query]).map((word) => ({ lower: word, upper: `${word}~` }));
}
