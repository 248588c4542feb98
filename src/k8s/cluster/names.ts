// Generated names. Where the controllers' names hold a hash of Go structs (pod-template-hash,
// controller-revision-hash) or a random suffix (generateName), kubeknow makes a value of the same
// shape from a hash of the input, so the same input gives the same names; the result says they are
// illustrative.

// utilrand.SafeEncodeString's alphabet (apimachinery/pkg/util/rand): no vowels, no 0/1/3.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a over the text's UTF-16 code units, as a 32-bit unsigned number. */
export const fnv32a = (text: string): number => fnvOn(0x811c9dc5, text);

// FNV-1a carried on from the hash of a prefix: fnvOn(fnv32a(a), b) === fnv32a(a + b), so a seed's
// hash is taken once for every text that starts with it (thousands of replicas' suffixes).
function fnvOn(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** controller.ComputeHash's shape: the decimal hash, each digit mapped by SafeEncodeString (`7c5ddbdf54`). */
export const templateHash = (seed: string): string =>
  [...String(fnv32a(seed))].map((d) => ALPHANUMS[d.charCodeAt(0) % ALPHANUMS.length]).join('');

/** generateName's 5-character suffix (`web-7c5ddbdf54-x2k9p`), drawn from the seed instead of at random. */
export const randomSuffix = (seed: string): string => suffixOf(fnv32a(seed));

// The suffix of the seed whose hash is `seeded`: each character mixes in the hash of `<seed>/<i>`.
function suffixOf(seeded: number): string {
  let h = seeded;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = (Math.floor(h / ALPHANUMS.length) ^ fnvOn(seeded, `/${i}`)) >>> 0;
  }
  return out;
}

/** A UUID-shaped uid made from the seed (the API server draws uids at random). */
export function illustrativeUid(seed: string): string {
  const hex = [0, 1, 2, 3].map((i) => fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** count generateName suffixes for one owner, all distinct: where two draws collide the API server
 * refuses the second name and the controller asks again, so the later one is drawn again here. */
export function distinctSuffixes(seed: string, count: number): string[] {
  const taken = new Set<string>();
  const owner = fnv32a(`${seed}#`);
  return Array.from({ length: count }, (_, i) => {
    let s = suffixOf(fnvOn(owner, String(i)));
    for (let retry = 1; taken.has(s); retry++) s = randomSuffix(`${seed}#${i}~${retry}`);
    taken.add(s);
    return s;
  });
}
