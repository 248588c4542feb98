// Text the store can keep as it was sent. PostgreSQL's text type refuses the character U+0000 ("invalid
// byte sequence for encoding UTF8: 0x00"), and a lone UTF-16 surrogate is no character at all: encoded
// as UTF-8 for the database it silently becomes U+FFFD, so what is read back is not what was written.
// Every input is checked here once, before its schema, whatever field the text is in.
// Spec: https://www.postgresql.org/docs/current/datatype-character.html ("The character with the code zero
// (sometimes called NUL) cannot be stored").

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

// A path as links to the parent's, so a deep input costs no copy of its path per level; made an array only for a hit.
interface At {
  up: At | null;
  key: PropertyKey;
}
const pathOf = (at: At | null): PropertyKey[] => {
  const out: PropertyKey[] = [];
  for (let a = at; a; a = a.up) out.push(a.key);
  return out.reverse();
};

/**
 * Every string of an input (values, and the keys of its objects) that cannot be stored, in input order.
 * Walked with a stack, not recursion: a body nested thousands of levels deep is refused for its depth by
 * the check after this one, and must not overflow the call stack here first.
 */
export function unstorableTexts(value: unknown): UnstorableText[] {
  const found: UnstorableText[] = [];
  // `keyed`: the last segment of `at` is an object's key, itself a text to check (before its value's).
  const stack: { value: unknown; at: At | null; keyed: boolean }[] = [{ value, at: null, keyed: false }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: v, at, keyed } = next;
    const keyMessage = keyed && at ? unstorable(String(at.key)) : null;
    if (keyMessage) found.push({ path: pathOf(at), message: `its key ${keyMessage}` });
    const message = typeof v === 'string' ? unstorable(v) : null;
    if (message) found.push({ path: pathOf(at), message });
    if (typeof v !== 'object' || v === null) continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    // Pushed last to first, so they are popped (and reported) in input order.
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i][1], at: { up: at, key: entries[i][0] }, keyed: !Array.isArray(v) });
  }
  return found;
}
