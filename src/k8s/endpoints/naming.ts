// EndpointSlice names without randomness. The controllers create slices with generateName `<service>-`,
// and the API server appends five random characters from its own alphabet. Here the five characters come
// from an FNV-1a hash of what the slice is (namespace, owner, address type, port set, position), so the
// same input always yields the same names, and names look like the ones a cluster shows.

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // apimachinery's utilrand alphabet: no vowels, no confusables
const SUFFIX_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = 63 - SUFFIX_LENGTH; // names.SimpleNameGenerator truncates the base to this

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function suffix(seed: string): string {
  let h = fnv1a(seed);
  let out = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) {
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length);
  }
  return out;
}

/** Hands out slice names unique within a namespace, avoiding the names already taken by given slices. */
export class SliceNamer {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<{ namespace: string; name: string }> = []) {
    for (const e of existing) this.taken.add(`${e.namespace}/${e.name}`);
  }

  /** `<owner>-<suffix>` for the slice described by `seed`; a clash re-hashes with a counter. */
  next(namespace: string, owner: string, seed: string): string {
    const base = `${owner}-`.slice(0, MAX_GENERATED_NAME_LENGTH);
    for (let attempt = 0; ; attempt++) {
      const name = base + suffix(`${namespace}/${owner}/${seed}#${attempt}`);
      if (!this.taken.has(`${namespace}/${name}`)) {
        this.taken.add(`${namespace}/${name}`);
        return name;
      }
    }
  }
}
