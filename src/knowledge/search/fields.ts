// The parts of a concept the search indexes, and a passage of one: what documents.ts builds and
// snippet.ts quotes, kept apart so that neither file needs the other.

/** The fields of a concept the index searches, in the order snippets prefer them on a tie. */
export const SEARCH_FIELDS = ['title', 'aliases', 'summary', 'facts', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface Passage {
  text: string;
  /** Whether adjacent Korean words also index as one compound (names and short fields). */
  pairs: boolean;
}
