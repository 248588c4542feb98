// The scan of a JSON body before it is parsed (src/http/json-scan.ts): it refuses exactly the texts
// whose objects (as written, repeated keys counted) have too many keys or that nest too deep, at the
// path a walk of the value in text order finds first, however the text is spaced or its keys escaped;
// and the objects it suspects of a key that could set a prototype lead to the one a walk finds.
import fc from 'fast-check';
import { FieldPath, KubeknowError } from '../src/errors';
import { prototypeKeyAlong, prototypeKeyAt } from '../src/http/json-body';
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

/** Keys a refused key is made of, and keys whose order Object.keys changes (indexes), or repeats. */
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '0', '7', 'a', '_'),
  fc.string({ maxLength: 3 }),
);
const { member } = fc.letrec<{ member: Written }>((tie) => ({
  member: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    fc.constantFrom(null, 1, 'x'),
    fc.array(tie('member'), { maxLength: 3 }),
    fc.record({ members: fc.array(fc.tuple(key, tie('member')), { maxLength: 4 }) }),
  ),
}));

/** The text with each letter or underscore of its strings written as a \u escape where `escape` says. */
const escaped = (t: string, escape: boolean[]): string => {
  let i = 0;
  return t.replace(/"(?:[^"\\]|\\.)*"/g, (s) =>
    s.replace(/[a-z_]/g, (c) =>
      escape[i++ % escape.length] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
    ),
  );
};

test('the objects the scan suspects lead to the key that could set a prototype a walk of the parsed value finds first', () => {
  fc.assert(
    fc.property(
      member,
      fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('', ' '),
      (v, escape, space) => {
        const t = escaped(text(v, space), escape);
        const suspects = scanJson(t, 1000, 1000);
        const parsed: unknown = JSON.parse(t);
        const found = suspects ? prototypeKeyAlong(parsed, suspects) : null;
        expect(String(found)).toBe(String(prototypeKeyAt(parsed)));
      },
    ),
    { numRuns: 3000 },
  );
});

test.each([
  ['an escaped key', '{"a":[{"\\u005f_proto__":1}]}', 'a[0].__proto__'],
  ['constructor.prototype', '{"x":1,"constructor":{"prototype":{}}}', 'constructor.prototype'],
  ['an object before what it holds', '{"a":{"__proto__":1},"__proto__":2}', '__proto__'],
  ['indexes first, as Object.keys has them', '{"b":{"__proto__":1},"1":{"__proto__":2}}', '1.__proto__'],
])('%s is found where a walk finds it', (_name, t, path) => {
  const parsed: unknown = JSON.parse(t);
  expect(String(prototypeKeyAt(parsed))).toBe(path);
  expect(String(prototypeKeyAlong(parsed, scanJson(t, 1000, 1000)!))).toBe(path);
});

test.each([
  ['a repeated key, its last value kept', '{"a":{"__proto__":1},"a":2}'],
  ['constructor without prototype once parsed', '{"constructor":{"prototype":1},"constructor":{}}'],
  ['the names as values', '["__proto__",{"k":"constructor"}]'],
])('%s is no refused key', (_name, t) => {
  const suspects = scanJson(t, 1000, 1000);
  expect(suspects && prototypeKeyAlong(JSON.parse(t), suspects)).toBeFalsy();
});
