import fc from 'fast-check';
import { jsonByteLength } from './json-size';

const exact = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');

// Strings of every kind JSON escapes or encodes differently: quotes, backslashes, control characters,
// two-, three- and four-byte UTF-8, and lone surrogates (which JSON.stringify writes as \uXXXX).
const tricky = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u001f', 'é', '한', '😀', '\ud800', '\udc00', 'a') }),
  fc.string({ minLength: 60, maxLength: 200 }),
);
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 5 }),
  ),
})).value;

test('counts the bytes JSON.stringify would write, for any value', () => {
  fc.assert(
    fc.property(values, (v) => {
      expect(jsonByteLength(v)).toBe(exact(v));
    }),
    { numRuns: 500 },
  );
});

test('stops once over the limit: above it exactly when the whole is, exact when not', () => {
  fc.assert(
    fc.property(values, fc.nat(400), (v, limit) => {
      const counted = jsonByteLength(v, limit);
      if (exact(v) > limit) expect(counted).toBeGreaterThan(limit);
      else expect(counted).toBe(exact(v));
    }),
    { numRuns: 500 },
  );
});

test('a value that shares one large object many times is not read past the limit', () => {
  const template = { env: [{ name: 'A', value: 'x'.repeat(200_000) }] };
  const pods = Array.from({ length: 5000 }, (_, i) => ({ name: `web-${i}`, spec: template }));
  // A gigabyte as JSON; counting stops after about 16 MB of it.
  expect(jsonByteLength(pods, 16 * 1024 * 1024)).toBeLessThan(17 * 1024 * 1024);
  expect(jsonByteLength({ date: new Date(0), n: NaN, f: () => 1 })).toBe(
    exact({ date: new Date(0), n: NaN, f: () => 1 }),
  );
});
