// The YAML readers' shortcut (src/http/json-body.ts): a text that mayHavePrototypeKey says has no
// refused key has none once parsed, however its keys are spelled (letters written as \u escapes too,
// which YAML's double-quoted keys take as JSON's do); and the JSON body parser refuses such keys.
import fc from 'fast-check';
import { mayHavePrototypeKey, parseJsonBody, prototypeKeyAt } from '../src/http/json-body';

/** A JSON value as written: objects are lists of pairs, so "__proto__" is a key like any other. */
type Json = null | number | string | Json[] | { pairs: [string, Json][] };

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'query', 'variables'), fc.string());
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.integer(),
    fc.string(),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.record({ pairs: fc.array(fc.tuple(key, tie('json')), { maxLength: 4 }) }),
  ),
}));

/** The text of a value, with each letter or underscore of its strings escaped where `escape` says. */
function spell(value: Json, escape: boolean[]): string {
  let i = 0;
  const str = (s: string) =>
    JSON.stringify(s).replace(/[a-z_]/g, (c) =>
      escape[i++ % escape.length] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
    );
  const write = (v: Json): string =>
    Array.isArray(v)
      ? `[${v.map(write).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${v.pairs.map(([k, x]) => `${str(k)}:${write(x)}`).join(',')}}`
        : typeof v === 'string'
          ? str(v)
          : JSON.stringify(v);
  return write(value);
}

test('a text without a refused key in plain sight or a backslash has none once parsed', () => {
  fc.assert(
    fc.property(json, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (value, escape) => {
      const text = spell(value, escape);
      if (!mayHavePrototypeKey(text)) expect(prototypeKeyAt(JSON.parse(text))).toBeNull();
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['a plain key', '{"variables":{"__proto__":{}}}', 'variables.__proto__'],
  ['a key spelled with escapes', '{"a":[{"__pr\\u006fto__":1}]}', 'a[0].__proto__'],
  ['constructor.prototype', '{"constructor":{"prototype":{}}}', 'constructor.prototype'],
])('%s is still refused, with its path', (_name, text, path) => {
  expect(() => parseJsonBody(text)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path })] }));
});

test('a body without such keys parses as JSON.parse reads it', () => {
  const text = '{"query":"{ concept(slug: \\"pod\\") { slug } }","variables":{"slug":"pod"}}';
  expect(parseJsonBody(text)).toEqual(JSON.parse(text));
});
