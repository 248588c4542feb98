// The one "did you mean": for an unknown slug, field, enum value or option, the known names nearest
// to what was given. A candidate may have aliases (a concept's other names), which are matched too
// and stand for the candidate. Typos are judged as graphql-js's suggestionList judges them (an edit
// distance, a swap of two letters being one edit, within 40% of the input; a difference of case
// alone is no difference), and ranked by the share of the input they change, so one slip in a long
// name comes before two in a short one. A name the input begins (`oom` for `oomkilled`) or whose words
// the input all has (`service-clusterip` for `service-type-clusterip`) comes after a one-in-three typo;
// then names containing the input or contained in it; then names sharing a word with it.
import { editDistance } from './distance';

/** A name that can be suggested, with the other names it is known by. */
export interface Candidate {
  value: string;
  aliases?: readonly string[];
}

// Words of a name as people type them: "headless svc", "headless-svc" and "Headless_Svc" compare equal.
const normal = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
const wordsOf = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);

// Lower is nearer; Infinity is not a suggestion. A typo scores its edits per letter of the input
// (at most about 0.4 + one letter); the kinds of match after it score from 0.5 up.
function scoreOf(want: string, name: string, words: readonly string[]): number {
  if (name === want) return 0;
  const threshold = Math.floor(want.length * 0.4) + 1;
  const d = editDistance(want, name, threshold);
  const typo = d <= threshold ? d / want.length : Infinity;
  if (typo <= 1 / 3) return typo;
  const long = want.length >= 3 && name.length >= 3;
  if (long && name.startsWith(want)) return Math.min(typo, 0.5);
  const tokens = name.split('-');
  if (words.length > 1 && words.every((w) => tokens.includes(w))) return Math.min(typo, 0.6);
  if (typo < Infinity) return typo;
  if (long && (name.includes(want) || want.includes(name))) return 1.5;
  const shared = words.filter((w) => name.includes(w)).length;
  return shared ? 2 + 1 / shared : Infinity;
}

/** Up to `max` candidates nearest to the input, nearest first (ties in alphabetical order). */
export function suggestions(input: string, candidates: readonly (string | Candidate)[], max = 3): string[] {
  const want = normal(input);
  if (!want) return [];
  const words = wordsOf(want);
  return candidates
    .map((c) => {
      const { value, aliases = [] } = typeof c === 'string' ? { value: c } : c;
      return { value, score: Math.min(...[value, ...aliases].map((n) => scoreOf(want, normal(n), words))) };
    })
    .filter((x) => x.score < Infinity)
    .sort((a, b) => a.score - b.score || a.value.localeCompare(b.value))
    .slice(0, max)
    .map((x) => x.value);
}

/** The one candidate nearest to the input, if any is near enough to be a likely typo or short form. */
export const didYouMean = (input: string, candidates: readonly (string | Candidate)[]): string | undefined =>
  suggestions(input, candidates, 1)[0];

/** ` Did you mean "x"?` (with the sentence's leading punctuation) when a candidate is near, else ''. */
export function didYouMeanText(input: string, candidates: readonly (string | Candidate)[]): string {
  const hint = didYouMean(input, candidates);
  return hint === undefined ? '' : `. Did you mean ${JSON.stringify(hint)}?`;
}
