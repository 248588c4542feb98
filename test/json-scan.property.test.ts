// The scan of a JSON body before it is parsed (src/http/json-scan.ts): it refuses exactly the texts
// whose objects (as written, repeated keys counted) have too many keys or that nest too deep, at the
// path a walk of the value in text order finds first, however the text is spaced or its keys escaped.
import fc from 'fast-check';
import { FieldPath, KubeknowError } from '../src/errors';
import { scanJson } from '../src/http/json-scan';

/** A JSON value as written: an object is its list of members, so that a key may repeat. */
type Written = null | boolean | number | string | Written[] | { members: [string, Written][] };

const { value } = fc.letrec<{ value: Written }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 7 },
    fc.constantFrom(null, true, 0, -1.5e10),
    // Quotes, backslashes, brackets and colons inside strings must not be read as structure.
    fc.string({ unit: fc.constantFrom('"', '\\', '[', '{', '}', ']', ':', ',', 'a', 'é', '\n') }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.record({ members: fc.array(fc.tuple(fc.string({ maxLength: 3 }), tie('value')), { maxLength: 5 }) }),
  ),
}));

const text = (v: Written, space: string): string =>
  Array.isArray(v)
    ? `[${space}${v.map((x) => text(x, space)).join(`,${space}`)}]`
    : v !== null && typeof v === 'object'
      ? `{${v.members.map(([k, x]) => `${space}${JSON.stringify(k)}${space}:${space}${text(x, space)}`).join(',')}}`
      : JSON.stringify(v);

/** What the scan should say, found by walking the value in text order: the first refusal, or null. */
function expected(v: Written, maxKeys: number, maxDepth: number): { path: string; limit: number } | null {
  const walk = (x: Written, depth: number, steps: FieldPath[]): { path: string; limit: number } | null => {
    if (x === null || typeof x !== 'object') return null;
    if (depth > maxDepth) return { path: String(steps[Math.min(steps.length - 1, 2)]), limit: maxDepth };
    const at = steps[steps.length - 1];
    const children: [FieldPath, Written][] = Array.isArray(x)
      ? x.map((c, i) => [at.index(i), c])
      : x.members.map(([k, c]) => [at.child(k), c]);
    for (const [i, [path, child]] of children.entries()) {
      if (!Array.isArray(x) && i + 1 > maxKeys) return { path: String(at), limit: maxKeys };
      const found = walk(child, depth + 1, [...steps, path]);
      if (found) return found;
    }
    return null;
  };
  return walk(v, 1, [FieldPath.root()]);
}

function scanned(t: string, maxKeys: number, maxDepth: number): { path: string; limit: number } | null {
  try {
    scanJson(t, maxKeys, maxDepth);
    return null;
  } catch (e) {
    if (!(e instanceof KubeknowError) || e.code !== 'PAYLOAD_TOO_LARGE') throw e;
    return { path: e.problems[0].path, limit: e.details?.limit as number };
  }
}

test('a text is refused when, and where, a walk of its value finds too many keys or too deep a nesting', () => {
  fc.assert(
    fc.property(
      value,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom('', ' ', '\n  '),
      (v, maxKeys, maxDepth, space) => {
        expect(scanned(text(v, space), maxKeys, maxDepth)).toEqual(expected(v, maxKeys, maxDepth));
      },
    ),
    { numRuns: 2000 },
  );
});

test('a text of any JSON value within the limits is not refused', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
      const t = JSON.stringify(v);
      expect(() => scanJson(t, 1000, 1000)).not.toThrow();
    }),
  );
});

test('a key written with escapes is named as JSON.parse reads it', () => {
  expect(scanned('{"a\\u0062":{"x":1,"y":2}}', 1, 10)).toEqual({ path: 'ab', limit: 1 });
});
