/**
 * The title search index. Firestore has no full-text search, so each film stores every prefix of every
 * word of its title (`searchPrefixes`, kept by the repository on every write). A query matches when each of
 * its words is a prefix of some title word: case, accents and word order do not matter.
 */
export const MAX_PREFIX_LENGTH = 15;

/** Lower case, accents removed, split on anything that is not a letter or digit. */
export function searchWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export function titlePrefixes(title: string): string[] {
  const prefixes = new Set<string>();
  for (const word of searchWords(title)) {
    for (let n = 1; n <= Math.min(word.length, MAX_PREFIX_LENGTH); n++) prefixes.add(word.slice(0, n));
  }
  return [...prefixes].sort();
}

/** The query's words, each cut to the longest prefix the index holds. */
export function queryWords(query: string): string[] {
  return [...new Set(searchWords(query).map((w) => w.slice(0, MAX_PREFIX_LENGTH)))];
}

/** True when every query word is a prefix of some word of the title. */
export function titleMatches(prefixes: readonly string[], words: readonly string[]): boolean {
  const set = new Set(prefixes);
  return words.every((w) => set.has(w));
}

/** The word the database filters on (the longest, the most selective); the rest are checked in memory. */
export function mostSelectiveWord(words: readonly string[]): string | undefined {
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
}
