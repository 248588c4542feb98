// Text the store can keep as it was sent. PostgreSQL's text type refuses the character U+0000 ("invalid
// byte sequence for encoding UTF8: 0x00"), and a lone UTF-16 surrogate is no character at all: encoded
// as UTF-8 for the database it silently becomes U+FFFD, so what is read back is not what was written.
// Every input is checked here once, before its schema, whatever field the text is in.
// Spec: https://www.postgresql.org/docs/current/datatype-character.html ("The character with the code zero
// (sometimes called NUL) cannot be stored").
import { fail } from '../errors';

/** A string of an input the store cannot keep, at its path (segments, as zod's issue.path). */
export interface UnstorableText {
  path: PropertyKey[];
  message: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why this text cannot be stored, or null when it can. */
export function unstorable(text: string): string | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `must not contain the character U+0000 (NUL), found at index ${nul}: it cannot be stored`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone)
    return `must not contain a lone UTF-16 surrogate (\\u${lone[0].charCodeAt(0).toString(16)} at index ${lone.index}): it is not valid Unicode`;
  return null;
}

// A text may be unstorable only if it holds a NUL or a surrogate: two scans pass the rest (nearly all).
const SURROGATE = /[\ud800-\udfff]/;
const suspect = (text: string): boolean => text.includes('\u0000') || SURROGATE.test(text);

// An object or array being walked: its keys (none for an array), the next one to look at, and where
// it is (its parent and its key there), from which a hit's path is made.
interface Frame {
  value: object;
  keys: string[] | null;
  next: number;
  up: Frame | null;
  key: PropertyKey;
  depth: number;
}
const frameOf = (value: object, up: Frame | null, key: PropertyKey, maxDepth: number): Frame => {
  const depth = (up?.depth ?? 0) + 1;
  if (depth > maxDepth) fail('PAYLOAD_TOO_LARGE', `input nesting is deeper than ${maxDepth} levels`);
  return { value, keys: Array.isArray(value) ? null : Object.keys(value), next: 0, up, key, depth };
};
const pathOf = (frame: Frame | null, key: PropertyKey): PropertyKey[] => {
  const out: PropertyKey[] = [key];
  for (let f = frame; f?.up; f = f.up) out.push(f.key);
  return out.reverse();
};

/**
 * Every string of an input (values, and the keys of its objects) that cannot be stored, in input order
 * (a key before its value, a value before what follows it). Walked without recursion, one frame per
 * object or array and none per string or number, and never deeper than `maxDepth` (PAYLOAD_TOO_LARGE
 * past it): its callers' inputs are not all checked for depth first (a field a schema does not know,
 * a value decoded from YAML that contains itself), and such an input must neither overflow the call
 * stack nor walk without end.
 */
export function unstorableTexts(value: unknown, maxDepth: number): UnstorableText[] {
  const found: UnstorableText[] = [];
  const check = (text: string, frame: Frame | null, key: PropertyKey | null, what = '') => {
    const message = suspect(text) ? unstorable(text) : null;
    if (message) found.push({ path: key === null ? [] : pathOf(frame, key), message: what + message });
  };
  if (typeof value === 'string') check(value, null, null);
  let frame = typeof value === 'object' && value !== null ? frameOf(value, null, '', maxDepth) : null;
  while (frame) {
    const { value: container, keys } = frame;
    const length = keys ? keys.length : (container as unknown[]).length;
    if (frame.next === length) {
      frame = frame.up;
      continue;
    }
    const i = frame.next++;
    const key = keys ? keys[i] : i;
    if (keys) check(keys[i], frame, key, 'its key ');
    const v = (container as Record<PropertyKey, unknown>)[key];
    if (typeof v === 'string') check(v, frame, key);
    else if (typeof v === 'object' && v !== null) frame = frameOf(v, frame, key, maxDepth);
  }
  return found;
}
