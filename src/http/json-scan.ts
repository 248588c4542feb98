// A JSON body's nesting and keys, counted in its text before it is parsed (issue 10). JSON.parse runs
// on the event loop and takes 50-85 ms for 1 MB of 70 000 keys, and 0.4-0.9 s for 1 MB of `[[[[…`:
// five such bodies at once held /healthz for up to 1.9 s, only for the parsed value to be refused by
// the key limit. One pass over the characters (about 1-2 ms a megabyte, strings skipped by indexOf)
// refuses them first, at the same path and in the same words as a walk of the parsed value would.
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

/**
 * Fails with PAYLOAD_TOO_LARGE when the JSON text nests objects and arrays deeper than `maxDepth`, or
 * when one of its objects has more than `maxKeys` keys as written (a repeated key counts each time).
 * A text that is not JSON is left for JSON.parse to refuse, unless it is over a limit before its fault.
 */
export function scanJson(text: string, maxKeys: number, maxDepth: number): void {
  // Per open container, by depth: whether it is an object, its keys (an object) or the index of its
  // current element (an array), and where its last key is in the text. Nothing is made per key.
  // A text nests at most a level a character: a GraphQL lookup's few hundred bytes need no 1000 levels.
  const levels = Math.min(maxDepth, text.length) + 1;
  const isObject = new Uint8Array(levels);
  const counts = new Int32Array(levels);
  const keyStarts = new Int32Array(levels);
  const keyEnds = new Int32Array(levels);
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
      if (end < 0) return; // unterminated: JSON.parse says so
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
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--depth < 0) return; // unbalanced: JSON.parse says so
    } else if (c === COLON) {
      if (depth === 0 || !isObject[depth]) return;
      keyStarts[depth] = stringStart;
      keyEnds[depth] = stringEnd;
      if (++counts[depth] > maxKeys) tooManyKeysAt(pathTo(depth - 1), maxKeys);
    } else if (c === COMMA && depth > 0 && !isObject[depth]) counts[depth]++;
  }
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
