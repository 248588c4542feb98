// The passage a hit is shown with: the window of at most SNIPPET_CHARS that holds the most (and
// most specific) matched terms, widened or narrowed to whole sentences (to words when a sentence is
// longer than a snippet), with the matched spans as offsets.
import { analyze, type Unit } from './analyze';
import { SEARCH_FIELDS, type Passage, type SearchField } from './fields';
import { sentenceEnds, sentenceStarts } from '../../util/sentences';

export const SNIPPET_CHARS = 200;
const LEAD = 40; // context shown before the first match, so the snippet does not start mid-thought
const ELLIPSIS = '…';

// A passage's analysis, redone the first time a snippet is looked for in it: an index holds
// thousands of passages and shows a few, so keeping every analysis would only cost memory and
// indexing time.
const analysed = new WeakMap<Passage, { units: readonly Unit[]; terms: ReadonlySet<string> }>();
function analysisOf(p: Passage): { units: readonly Unit[]; terms: ReadonlySet<string> } {
  let a = analysed.get(p);
  if (!a) {
    const { units } = analyze(p.text, 'index', p.pairs);
    const terms = new Set<string>();
    for (const u of units) for (const t of u.terms) terms.add(t.text);
    analysed.set(p, (a = { units, terms }));
  }
  return a;
}

// A passage's sentences, found the first time a snippet is cut from it: finding them anew for
// every snippet read the whole passage three times, one string a letter (Korean letters are not
// shared), which was much of what a search allocates.
interface Sentences {
  starts: readonly number[];
  /** Sentence ends before the passage's end, then the passage's end. */
  ends: readonly number[];
}
const sentences = new WeakMap<Passage, Sentences>();
function sentencesOf(p: Passage): Sentences {
  let s = sentences.get(p);
  if (!s) {
    const { text } = p;
    s = { starts: sentenceStarts(text), ends: [...sentenceEnds(text).filter((e) => e < text.length), text.length] };
    sentences.set(p, s);
  }
  return s;
}

// Where the snippet comes from: the passage that matches most of the query, a name winning a tie.
// (Ranking's field boosts would let a two-word title beat a fact that answers the whole question.)
const SNIPPET_PREFERENCE: Record<SearchField, number> = { title: 1.5, aliases: 1.4, summary: 1.2, facts: 1.1, body: 1 };

export interface Snippet {
  snippet: string;
  highlights: [number, number][];
  /** Sum of the weights of the distinct matched terms inside the snippet. */
  score: number;
}

interface Hit {
  start: number;
  end: number;
  term: string;
  weight: number;
  partial: boolean;
}

// A concept's passages in one language in snippet order (fields as SEARCH_FIELDS lists them), and
// for each term the passages that contain it: a hit's few matched terms then bound only the
// passages they occur in, instead of every passage being asked about every term. Built with the
// passages' analyses, the first time a snippet is looked for among them.
interface Located {
  passages: { passage: Passage; field: SearchField }[];
  /** Term → indexes into `passages`, ascending. */
  byTerm: Map<string, number[]>;
}
const located = new WeakMap<Record<SearchField, Passage[]>, Located>();
function locatedOf(fields: Record<SearchField, Passage[]>): Located {
  let l = located.get(fields);
  if (!l) {
    const passages = SEARCH_FIELDS.flatMap((field) => fields[field].map((passage) => ({ passage, field })));
    const byTerm = new Map<string, number[]>();
    passages.forEach(({ passage }, i) => {
      for (const t of analysisOf(passage).terms) {
        const at = byTerm.get(t);
        if (at) at.push(i);
        else byTerm.set(t, [i]);
      }
    });
    located.set(fields, (l = { passages, byTerm }));
  }
  return l;
}

/**
 * The passage whose snippet explains most of the query. A passage's matched terms bound what its
 * snippet can score, so passages are tried best bound first and the rest skipped once none can win.
 */
export function bestSnippet(
  fields: Record<SearchField, Passage[]>,
  matched: readonly string[],
  weightOf: (t: string) => number,
): (Snippet & { field: SearchField }) | null {
  const { passages, byTerm } = locatedOf(fields);
  // By passage: the summed weight of the matched terms it contains, times its field's preference.
  // An array, not a Map of the passages touched and a sorted list of candidates: this runs for each
  // hit shown, and those were a tenth of what a search allocated.
  const bounds = new Float64Array(passages.length);
  for (const t of matched) {
    const at = byTerm.get(t);
    if (!at) continue;
    const w = weightOf(t);
    for (const i of at) bounds[i] += w;
  }
  for (let i = 0; i < bounds.length; i++) bounds[i] *= SNIPPET_PREFERENCE[passages[i].field];
  let best: { snippet: Snippet; field: SearchField; rank: number } | null = null;
  for (;;) {
    // The best bound left; on a tie, the passage first in snippet order. Few are tried before the
    // rest are skipped, so looking for the next one each time costs less than sorting them all.
    let at = -1;
    for (let i = 0; i < bounds.length; i++) if (bounds[i] > 0 && (at < 0 || bounds[i] > bounds[at])) at = i;
    if (at < 0 || (best && bounds[at] <= best.rank)) break;
    bounds[at] = 0;
    const { passage, field } = passages[at];
    const snippet = snippetOf(passage, weightOf);
    if (!snippet) continue;
    const rank = snippet.score * SNIPPET_PREFERENCE[field];
    if (!best || rank > best.rank) best = { snippet, field, rank };
  }
  // Named, not spread: V8's object spread was the slowest line of this function.
  if (!best) return null;
  const { snippet, highlights, score } = best.snippet;
  return { snippet, highlights, score, field: best.field };
}

/** The best snippet of a passage, or null when no term of the passage matched. */
export function snippetOf(passage: Passage, weightOf: (term: string) => number, max = SNIPPET_CHARS): Snippet | null {
  const hits = matchedSpans(analysisOf(passage).units, weightOf);
  if (!hits.length) return null;
  const { text } = passage;
  if (text.length <= max)
    return { snippet: text, highlights: merge(shown(hits), 0, text.length, 0), score: distinctWeight(hits) };
  const start = bestWindow(hits, text.length, max);
  const end = Math.min(text.length, start + max);
  // The matches inside the window: where the first starts and the last ends.
  let firstMatch = -1;
  let lastEnd = start;
  for (const h of hits) {
    if (h.start < start || h.end > end) continue;
    if (firstMatch < 0) firstMatch = h.start;
    lastEnd = Math.max(lastEnd, h.end);
  }
  if (firstMatch < 0) firstMatch = end;
  const bounds = sentencesOf(passage);
  const [from, to] =
    sentenceBounds(bounds, text.length, firstMatch, lastEnd, max) ?? wordBounds(text, start, end, firstMatch, lastEnd);
  // "…" marks where the passage goes on; after a whole sentence it stands apart ("… 빠진다. …").
  const lead = from === 0 ? '' : bounds.starts.includes(from) ? `${ELLIPSIS} ` : ELLIPSIS;
  const body = text.slice(from, to);
  const trimmed = body.trim();
  // The test reads the end only, which trimming the start leaves as it is.
  const tail = to >= text.length ? '' : /[.?!。]["'”’)]*$/.test(trimmed) ? ` ${ELLIPSIS}` : ELLIPSIS;
  const inside = hits.filter((h) => h.start >= from && h.end <= to);
  return {
    snippet: lead + trimmed + tail,
    highlights: merge(shown(inside), from + body.length - body.trimStart().length, to, lead.length),
    score: distinctWeight(inside),
  };
}

// The start of the window (anchored a little before some match) whose matches weigh most, each
// distinct term counted once. Windows only move right, so one pass with two pointers does.
function bestWindow(hits: readonly Hit[], length: number, max: number): number {
  const counts = new Map<string, number>();
  let sum = 0;
  let lo = 0;
  let hi = 0;
  let best = { from: 0, score: -1 };
  for (const anchor of hits) {
    const from = Math.max(0, Math.min(anchor.start - LEAD, length - max));
    for (; hi < hits.length && hits[hi].end <= from + max; hi++) {
      const n = counts.get(hits[hi].term) ?? 0;
      if (!n) sum += hits[hi].weight;
      counts.set(hits[hi].term, n + 1);
    }
    for (; lo < hi && hits[lo].start < from; lo++) {
      const n = counts.get(hits[lo].term)!;
      if (n === 1) sum -= hits[lo].weight;
      counts.set(hits[lo].term, n - 1);
    }
    if (sum > best.score + 1e-9) best = { from, score: sum };
  }
  return best.from;
}

function matchedSpans(units: readonly Unit[], weightOf: (term: string) => number): Hit[] {
  const hits: Hit[] = [];
  for (const u of units) {
    let best: Hit | null = null;
    for (const t of u.terms) {
      const weight = weightOf(t.text);
      if (weight > 0 && (!best || weight > best.weight))
        best = { start: u.start, end: u.end, term: t.text, weight, partial: t.kind === 'bigram' };
    }
    if (best) hits.push(best);
  }
  // Units nearly always come in this order already; sorting anyway copied the hits for every passage tried.
  return inOrder(hits) ? hits : hits.sort(byPosition);
}

const byPosition = (a: Hit, b: Hit) => a.start - b.start || b.end - a.end;

function inOrder(hits: readonly Hit[]): boolean {
  for (let i = 1; i < hits.length; i++) if (byPosition(hits[i - 1], hits[i]) > 0) return false;
  return true;
}

// A lone matched bigram ("드포" inside "노드 포트") is how bigrams find spacing variants, but
// highlighting it would mark half-words; it is shown only as part of a longer matched stretch.
function shown(hits: readonly Hit[]): Hit[] {
  const touches = (h: Hit, o: Hit | undefined) => o !== undefined && o.start <= h.end && h.start <= o.end;
  return hits.filter((h, i) => !h.partial || touches(h, hits[i - 1]) || touches(h, hits[i + 1]));
}

function distinctWeight(hits: readonly Hit[]): number {
  const seen = new Map<string, number>();
  for (const h of hits) seen.set(h.term, h.weight);
  let sum = 0;
  for (const w of seen.values()) sum += w;
  return sum;
}

// The whole sentences around the matches (firstMatch..lastEnd), then as many following and preceding
// sentences as still fit in max; null when the sentences the matches are in are longer than that.
function sentenceBounds(
  { starts, ends }: Sentences,
  length: number,
  firstMatch: number,
  lastEnd: number,
  max: number,
): [number, number] | null {
  // The last start at or before the first match.
  let a = 0;
  for (const s of starts) if (s <= firstMatch) a = s;
  let b = ends.find((e) => e >= lastEnd) ?? length;
  // The ellipses take room too: at most "… " before and " …" after.
  const fits = (from: number, to: number) => to - from + 4 <= max;
  if (!fits(a, b)) return null;
  for (const e of ends) if (e > b && fits(a, e)) b = e;
  for (let i = starts.length - 1; i >= 0; i--) if (starts[i] < a && fits(starts[i], b)) a = starts[i];
  return [a, b];
}

// Moves the window's ends inward to whitespace (when there is some nearby), so no word is cut,
// but never past the matches it was chosen for (firstMatch..lastEnd).
function wordBounds(text: string, from: number, to: number, firstMatch: number, lastEnd: number): [number, number] {
  let a = from;
  if (a > 0 && !/\s/.test(text[a - 1])) {
    const space = text.slice(a, Math.min(a + 20, firstMatch)).search(/\s/);
    if (space >= 0) a += space + 1;
  }
  let b = to;
  if (b < text.length && !/\s/.test(text[b])) {
    const lo = Math.max(a, b - 20, lastEnd);
    const space = text.slice(lo, b).search(/\s[^\s]*$/);
    if (space >= 0) b = lo + space;
  }
  return [a, b];
}

// Overlapping or touching spans become one; offsets are shifted into the snippet's coordinates.
function merge(hits: readonly Hit[], from: number, to: number, shift: number): [number, number][] {
  const out: [number, number][] = [];
  for (const h of hits) {
    const s = Math.max(h.start, from) - from + shift;
    const e = Math.min(h.end, to) - from + shift;
    if (e <= s) continue;
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
