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

/** Every string of an input (values, and the keys of its objects) that cannot be stored, in input order. */
export function unstorableTexts(value: unknown, path: PropertyKey[] = []): UnstorableText[] {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message ? [{ path, message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableTexts(v, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const message = unstorable(k);
    return [
      ...(message ? [{ path: [...path, k], message: `its key ${message}` }] : []),
      ...unstorableTexts(v, [...path, k]),
    ];
  });
}
