// Which inputs are small enough to read on the event loop: any JSON value whose text is within the
// limit is small, and a small one holds no more values and characters than the limit, so reading it
// to learn its cost stays cheap; counting stops once past the limit.
import fc from 'fast-check';
import { isSmallInput, MAY_EXPAND, nestsDeeperThan } from './invoke';

/** Every value of a JSON value, and every character of its strings and keys. */
function size(v: unknown): number {
  if (typeof v === 'string') return 1 + v.length;
  if (Array.isArray(v)) return 1 + v.reduce((n: number, x) => n + size(x), 0);
  if (v && typeof v === 'object') return 1 + Object.entries(v).reduce((n, [k, x]) => n + k.length + size(x), 0);
  return 1;
}

/** Whether a value holds a long text with a YAML anchor or alias (`&name`, `*name`). */
const anchored = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.length > 64 && MAY_EXPAND.test(v)
    : !!v && typeof v === 'object' && Object.values(v).some(anchored);

test('a JSON value whose text is within the limit is small; a small one is within the limit in values and characters', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 400 }), (value, max) => {
      if (JSON.stringify(value).length <= max && !anchored(value)) expect(isSmallInput(value, max)).toBe(true);
      if (isSmallInput(value, max)) expect(size(value)).toBeLessThanOrEqual(max);
    }),
    { numRuns: 1000 },
  );
});

test('a manifest with YAML anchors or aliases is not small, whatever its length: read, it may expand', () => {
  const term = `{key: app, operator: Exists}`;
  const manifests = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aliased}\nspec:\n  a: &t [${term}]\n  b: [*t, *t, *t]\n`;
  expect(isSmallInput({ manifests }, 8192)).toBe(false);
  expect(isSmallInput({ manifests: manifests.replace(/&t|\*t/g, '[]') }, 8192)).toBe(true);
  // Short texts (a name, a wildcard) are not manifests.
  expect(isSmallInput({ name: '*web', note: 'a&b' }, 8192)).toBe(true);
});

test('a large input is found large without reading all of it', () => {
  const values = Array.from({ length: 100_000 }, (_, i) => ({ name: `web-${i}` }));
  const read: number[] = [];
  const watched = new Proxy(values, {
    get: (target, key, receiver) => {
      if (typeof key === 'string' && /^\d+$/.test(key)) read.push(Number(key));
      return Reflect.get(target, key, receiver);
    },
  });
  expect(isSmallInput({ objects: watched }, 8192)).toBe(false);
  expect(read.length).toBeLessThan(8192);
});

/** How many objects and arrays deep a JSON value nests (0 for a scalar). */
function depth(v: unknown): number {
  if (!v || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depth));
}

test('an input nests deeper than a bound exactly when its objects and arrays do, at any depth', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
      expect(nestsDeeperThan(value, max)).toBe(depth(value) > max);
    }),
    { numRuns: 1000 },
  );
  // A value walked before (a GraphQL variable, then the input made of it) is answered the same for any
  // bound, and the input around it too.
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(fc.integer({ min: 0, max: 9 })), (value, bounds) => {
      for (const max of bounds) {
        expect(nestsDeeperThan(value, max)).toBe(depth(value) > max);
        expect(nestsDeeperThan({ objects: [value] }, max)).toBe(depth(value) + 2 > max);
      }
    }),
    { numRuns: 500 },
  );
  // Far deeper than the call stack allows a recursive walk (or postMessage's clone) to go.
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(nestsDeeperThan(deep, 1000)).toBe(true);
});
