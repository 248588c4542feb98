// A JSON body's nesting and keys, counted in its text before it is parsed (issue 10). JSON.parse runs
// on the event loop and takes 50-85 ms for 1 MB of 70 000 keys, and 0.4-0.9 s for 1 MB of `[[[[…`:
// five such bodies at once held /healthz for up to 1.9 s, only for the parsed value to be refused by
// the key limit. One pass over the characters (about 1-2 ms a megabyte, strings skipped by indexOf)
// refuses them first, at the same path and in the same words as a walk of the parsed value would.
// The same pass notes the objects that may hold a key that could set a prototype (`__proto__`, or
// `prototype` under `constructor`), so that only they are looked at once parsed: walking a whole
// parsed megabyte for them took 0.4 s on the event loop whenever the text held one \u escape.
import { fail, FieldPath } from '../errors';
import { tooManyKeysAt } from '../k8s/objects';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

// A too deep body is named by its first levels only: the whole path would be a hundred steps long.
const DEEP_PATH_STEPS = 2;

/** The objects of a text that may hold a refused key, as a tree of the steps to them (keys as
 * JSON.parse reads them, array indexes); `suspect` marks one, its children lead to others. */
export interface Suspects {
  suspect: boolean;
  children: Map<string | number, Suspects>;
}

// A key's kind, as read: the names a refused key is made of.
const OTHER = 0;
const PROTO = 1;
const CONSTRUCTOR = 2;
const PROTOTYPE = 3;
// A Map: in an object literal, `__proto__:` would set the prototype, and `constructor` is inherited.
const NAMES = new Map([
  ['__proto__', PROTO],
  ['constructor', CONSTRUCTOR],
  ['prototype', PROTOTYPE],
]);
// A name spelled with escapes is at most 6 characters (\uXXXX) a letter.
const LONGEST_NAME = 6 * 'constructor'.length;

/**
 * Fails with PAYLOAD_TOO_LARGE when the JSON text nests objects and arrays deeper than `maxDepth`, or
 * when one of its objects has more than `maxKeys` keys as written (a repeated key counts each time).
 * A text that is not JSON is left for JSON.parse to refuse, unless it is over a limit before its fault.
 * Returns the objects that may hold a refused key (null when none does): an object with a `__proto__`
 * key, or with a `constructor` key whose object has a `prototype` key, as written. A repeated key is
 * one JSON.parse keeps only the last of, so the parsed value decides (prototypeKeyAlong, json-body.ts).
 */
export function scanJson(text: string, maxKeys: number, maxDepth: number): Suspects | null {
  // Per open container, by depth: whether it is an object, its keys (an object) or the index of its
  // current element (an array), and where its last key is in the text. Nothing is made per key.
  // A text nests at most a level a character: a GraphQL lookup's few hundred bytes need no 1000 levels.
  const levels = Math.min(maxDepth, text.length) + 1;
  const isObject = new Uint8Array(levels);
  const counts = new Int32Array(levels);
  const keyStarts = new Int32Array(levels);
  const keyEnds = new Int32Array(levels);
  // The kind of each level's current key; whether a level is the object of a `constructor` key; the
  // level's node in the tree of suspects, once one is found under it.
  const keyKinds = new Uint8Array(levels);
  const underConstructor = new Uint8Array(levels);
  const nodes: (Suspects | null)[] = new Array<Suspects | null>(levels).fill(null);
  let suspects: Suspects | null = null;
  const suspect = (depth: number): void => {
    let d = depth;
    while (d > 0 && !nodes[d]) d--;
    for (d++; d <= depth; d++) {
      const step =
        d === 1 ? null : isObject[d - 1] ? decoded(text.slice(keyStarts[d - 1], keyEnds[d - 1])) : counts[d - 1];
      const parent = step === null ? null : nodes[d - 1]!;
      let node = parent ? parent.children.get(step!) : suspects;
      if (!node) {
        node = { suspect: false, children: new Map() };
        if (parent) parent.children.set(step!, node);
        else suspects = node;
      }
      nodes[d] = node;
    }
    nodes[depth]!.suspect = true;
  };
  const pathTo = (depth: number): string => {
    let path = FieldPath.root();
    for (let d = 1; d <= depth; d++)
      if (isObject[d]) {
        const key = text.slice(keyStarts[d], keyEnds[d]);
        path = path.child(decoded(key));
      } else path = path.index(counts[d]);
    return String(path);
  };
  let depth = 0;
  let stringStart = 0;
  let stringEnd = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      // A quote after an odd number of backslashes is part of the string.
      while (end > 0 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end < 0) return suspects; // unterminated: JSON.parse says so
      stringStart = i;
      stringEnd = end + 1;
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth)
        fail(
          'PAYLOAD_TOO_LARGE',
          `nesting is deeper than ${maxDepth} levels, the most a request body may have (MAX_BODY_DEPTH; a manifest may nest 100); send less deeply nested values`,
          pathTo(Math.min(depth - 1, DEEP_PATH_STEPS)),
          { limit: maxDepth },
        );
      isObject[depth] = c === OPEN_OBJECT ? 1 : 0;
      counts[depth] = 0;
      nodes[depth] = null;
      // An object opened in an object is the value of that object's current key.
      underConstructor[depth] = isObject[depth] && isObject[depth - 1] && keyKinds[depth - 1] === CONSTRUCTOR ? 1 : 0;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--depth < 0) return suspects; // unbalanced: JSON.parse says so
    } else if (c === COLON) {
      if (depth === 0 || !isObject[depth]) return suspects;
      keyStarts[depth] = stringStart;
      keyEnds[depth] = stringEnd;
      const kind = (keyKinds[depth] = kindOf(text, stringStart, stringEnd));
      if (kind === PROTO) suspect(depth);
      else if (kind === PROTOTYPE && underConstructor[depth]) suspect(depth - 1);
      if (++counts[depth] > maxKeys) tooManyKeysAt(pathTo(depth - 1), maxKeys);
    } else if (c === COMMA && depth > 0 && !isObject[depth]) counts[depth]++;
  }
  return suspects;
}

/** Whether the key written from `start` to `end` (its quotes) is one a refused key is made of. Only a
 * key of such a name's length, or one with escapes no longer than such a name escaped, is looked at. */
function kindOf(text: string, start: number, end: number): number {
  const length = end - start - 2;
  if (length < 'prototype'.length || length > LONGEST_NAME) return OTHER;
  const first = text.charCodeAt(start + 1);
  // Each name begins with one of these letters, or with an escape of it.
  if (first !== BACKSLASH && first !== 0x5f && first !== 0x63 && first !== 0x70) return OTHER;
  const written = text.slice(start + 1, end - 1);
  const name = written.includes('\\') ? decoded(text.slice(start, end)) : written;
  return NAMES.get(name) ?? OTHER;
}

function escaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
  return backslashes % 2 === 1;
}

/** A key as JSON.parse reads it (its escapes), or as written when it is not a JSON string. */
function decoded(key: string): string {
  try {
    const value: unknown = JSON.parse(key);
    return typeof value === 'string' ? value : key;
  } catch {
    return key;
  }
}
