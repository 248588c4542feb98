// Word order as evidence. Bag-of-words scoring cannot tell "pod affinity" from "pod anti-affinity"
// or see that "the pod IP disappears from the service when the health check fails" is a sentence
// a concept's own text contains. Both checks compare word sequences with spaces removed, so
// spacing variants ("end point slice" / "EndpointSlice", "헤드리스 서비스" / "헤드리스서비스") agree.

/** A sequence of analysed words joined without spaces, with the offsets where words start and end. */
export interface KeyText {
  compact: string;
  bounds: ReadonlySet<number>;
  /** Word start offsets in order, then the end offset: the word i spans starts[i]..starts[i + 1]. */
  starts: readonly number[];
  /** The word starts by the two letters there (see pairAt): where a phrase of two or more letters may occur. */
  startsBy: ReadonlyMap<number, readonly number[]>;
}

// Separates passages in a concept's text, so no run of words crosses from one passage to the next.
const PASSAGE_BREAK = '|';

/** Joins words without spaces, so "end point slice", "endpoint slice" and "EndpointSlice" compare equal. */
export function keyText(keys: readonly string[]): KeyText {
  return keyTextOf([keys]);
}

/** Several passages' words as one searchable text; a match never spans two passages. */
export function keyTextOf(passages: readonly (readonly string[])[]): KeyText {
  const bounds = new Set<number>();
  const starts: number[] = [];
  let compact = '';
  passages.forEach((keys, i) => {
    if (i > 0) compact += PASSAGE_BREAK;
    bounds.add(compact.length);
    for (const k of keys) {
      starts.push(compact.length);
      bounds.add((compact += k).length);
    }
  });
  const startsBy = new Map<number, number[]>();
  for (const at of starts) {
    const two = pairAt(compact, at);
    const list = startsBy.get(two);
    if (list) list.push(at);
    else startsBy.set(two, [at]);
  }
  starts.push(compact.length);
  return { compact, bounds, starts, startsBy };
}

/**
 * Whether `phrase` occurs in `text` starting and ending on word boundaries. A match can only start
 * where a word does (a passage break is no letter of a phrase), so a phrase of two letters or more
 * is looked for only at the word starts with its first two letters: a concept's whole text is
 * scanned many times per query otherwise (runCoverage).
 */
export function occursIn(phrase: string, text: KeyText): boolean {
  if (!phrase) return false;
  if (phrase.length >= 2) {
    const starts = text.startsBy.get(pairAt(phrase, 0));
    if (starts === undefined) return false;
    for (const at of starts)
      if (text.compact.startsWith(phrase, at) && text.bounds.has(at + phrase.length)) return true;
    return false;
  }
  for (let at = text.compact.indexOf(phrase); at >= 0; at = text.compact.indexOf(phrase, at + 1)) {
    if (text.bounds.has(at) && text.bounds.has(at + phrase.length)) return true;
  }
  return false;
}

/**
 * The two UTF-16 units at `at` as one small integer (0 for a missing second one, which no word
 * has): a key that, unlike the two-letter string, is not allocated on every lookup. occursIn runs
 * thousands of times a query (nameCoverage for every candidate's every name).
 */
const pairAt = (text: string, at: number): number => (text.charCodeAt(at) << 16) | (text.charCodeAt(at + 1) || 0);

/** The share of the query (in characters) covered by the longest name that occurs in it whole. */
export function nameCoverage(names: readonly string[], query: KeyText): number {
  const length = query.compact.length;
  if (!length) return 0;
  let longest = 0;
  // A name longer than the query cannot occur in it.
  for (const name of names)
    if (name.length > longest && name.length <= length && occursIn(name, query)) longest = name.length;
  return longest / query.compact.length;
}

/**
 * The share of the query (in characters) covered by its longest run of two or more consecutive
 * words that a passage also has in that order. Runs only grow while they occur, so the work is
 * about one substring search per query word.
 */
export function runCoverage(text: KeyText, query: KeyText): number {
  const n = query.starts.length - 1;
  if (n < 2) return 0;
  let best = 0;
  for (let i = 0; i + 1 < n; i++) {
    let j = i + 1;
    while (j < n && occursIn(query.compact.slice(query.starts[i], query.starts[j + 1]), text)) j++;
    if (j - i >= 2) best = Math.max(best, query.starts[j] - query.starts[i]);
    if (j === n) break;
  }
  return best / query.compact.length;
}
