// English term normalisation: identifier splitting, a light suffix stemmer and stop words.
// The stemmer only has to map the forms people type ("probes", "restarting", "scheduled") onto the
// forms the content uses; it is applied identically at index and query time, so an odd stem is
// harmless as long as it is consistent.

/** Words that carry no meaning in a question ("what does the …"); dropped from queries and index. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'do',
  'does',
  'did',
  'doing',
  'done',
  'what',
  'whats',
  'which',
  'who',
  'whom',
  'whose',
  'how',
  'why',
  'when',
  'where',
  'i',
  'me',
  'my',
  'mine',
  'we',
  'us',
  'our',
  'you',
  'your',
  'it',
  'its',
  'they',
  'them',
  'their',
  'he',
  'she',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'to',
  'of',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'into',
  'onto',
  'about',
  'as',
  'per',
  'and',
  'or',
  'but',
  'if',
  'then',
  'so',
  'than',
  'too',
  'very',
  'just',
  'also',
  'can',
  'could',
  'should',
  'would',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'has',
  'have',
  'had',
  'having',
  'get',
  'gets',
  'got',
  'vs',
  'versus',
  'please',
  'explain',
  'tell',
  'some',
  'any',
  'way',
  'ways',
  'use',
  'using',
  'used',
  's',
  't',
  'don',
  'doesn',
  'isn',
  'aren',
  'didn',
  'won',
  'wont',
  'cant',
  'cannot',
  'kubernetes',
  'k8s',
]);

// Words whose final "s" is not a plural; stripping it would merge them with unrelated stems.
const KEEP_FINAL_S = new Set([
  'dns',
  'coredns',
  'kubedns',
  'tls',
  'mtls',
  'https',
  'aws',
  'gcs',
  'status',
  'alias',
  'ingress',
  'always',
  'kubernetes',
  'k8s',
  'eks',
  'gke',
  'aks',
  'ndots',
]);
const PLURAL_ACRONYMS = new Map([
  ['ips', 'ip'],
  ['pvs', 'pv'],
  ['pvcs', 'pvc'],
]);

const VOWEL = /[aeiouy]/;

/**
 * A light suffix stemmer: plural -s/-es/-ies, -ing, -ed, then a final -e, so "schedule",
 * "scheduled" and "scheduling" share "schedul", and "probes"/"probe" share "prob".
 */
export function stem(word: string): string {
  const acronym = PLURAL_ACRONYMS.get(word);
  if (acronym) return acronym;
  if (word.length < 4 || /[^a-z]/.test(word)) return word;
  let known = STEMS.get(word);
  if (known === undefined) {
    // The vocabulary is small and queries repeat it; the cap keeps odd input from growing the cache.
    if (STEMS.size > 50_000) STEMS.clear();
    STEMS.set(word, (known = stemOf(word)));
  }
  return known;
}

const STEMS = new Map<string, string>();

function stemOf(word: string): string {
  const acronym = PLURAL_ACRONYMS.get(word);
  if (acronym) return acronym;
  if (KEEP_FINAL_S.has(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(sses|ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 5 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

// "running" → "runn" → "run", but "killed" keeps its double l ("kill"), as Porter does for l, s, z.
function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !/[lsz]/.test(w[n - 1]) && !VOWEL.test(w[n - 1]) ? w.slice(0, -1) : w;
}

/** Splits an identifier at case changes: "readinessProbe" → readiness, Probe; "podIPs" → pod, IPs. */
export function splitCamel(word: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 1; i < word.length; i++) {
    const prev = kindOf(word.charCodeAt(i - 1));
    const cur = kindOf(word.charCodeAt(i));
    // lower/digit → Upper starts a word ("pod|IP"); so does the last capital of a run before a
    // lower-case word ("IP|Family" in "IPFamily", but not in "IPv4").
    const boundary =
      cur === UPPER &&
      (prev !== UPPER || (kindOf(word.charCodeAt(i + 1)) === LOWER && kindOf(word.charCodeAt(i + 2)) === LOWER));
    if (boundary) {
      out.push(word.slice(from, i));
      from = i;
    }
  }
  out.push(word.slice(from));
  return out;
}

const UPPER = 1;
const LOWER = 2;
const OTHER = 0;
const kindOf = (c: number) => (c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LOWER : OTHER);
