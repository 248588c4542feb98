// Random requests: the Secret facades either build a Secret whose YAML and JSON agree, or refuse with
// field problems; they never throw anything else, never echo a value in a problem, and stay bounded.
import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { decodeSecret, secretGeneric } from '.';

const key = fc.stringMatching(/^[-._a-zA-Z0-9 #=]{0,12}$/);
const request = fc.record(
  {
    name: fc.oneof(fc.constant('app'), fc.string({ maxLength: 20 }), fc.integer()),
    namespace: fc.string({ maxLength: 10 }),
    type: fc.string({ maxLength: 30 }),
    fromLiteral: fc.array(
      fc.tuple(key, fc.string({ maxLength: 30 })).map(([k, v]) => `${k}=${v}`),
      { maxLength: 5 },
    ),
    fromFile: fc.array(
      fc.record(
        { key, filename: key, contentBase64: fc.base64String({ maxLength: 40 }) },
        { requiredKeys: ['filename', 'contentBase64'] },
      ),
      { maxLength: 3 },
    ),
    appendHash: fc.boolean(),
  },
  { requiredKeys: [] },
);

test('any subset of fields: a Secret whose JSON and YAML agree, or field problems', () => {
  fc.assert(
    fc.property(request, (r) => {
      try {
        const got = secretGeneric(r);
        expect(JSON.parse(got.json)).toEqual(got.secret);
        expect(got.yaml.startsWith('apiVersion: v1\n')).toBe(true);
        const values = Object.keys(got.secret.data ?? {}).length;
        if (values) expect(decodeSecret({ ...got.secret, metadata: { name: 'x' } }).data).toHaveLength(values);
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
        for (const p of e.problems) expect(p.value).toBeUndefined();
      }
    }),
    { numRuns: 300 },
  );
});

test('hostile sizes are refused, not computed', () => {
  const many = Array.from({ length: 1001 }, (_, i) => `k${i}=v`);
  expect(() => secretGeneric({ name: 'x', fromLiteral: many })).toThrow('must have at most 1000 entries');
  const big = Buffer.alloc(1024 * 1024 + 1).toString('base64');
  expect(() => secretGeneric({ name: 'x', fromFile: [{ filename: 'f', contentBase64: big }] })).toThrow(
    'at most 1048576 bytes',
  );
});

test('a List of any Secrets decodes each in order, or names a bad value by its item', () => {
  const data = fc.dictionary(
    fc.stringMatching(/^[a-z]{1,5}$/),
    fc.oneof(fc.base64String({ maxLength: 12 }), fc.string({ maxLength: 6 })),
    {
      maxKeys: 3,
    },
  );
  fc.assert(
    fc.property(fc.array(data, { minLength: 1, maxLength: 5 }), (datas) => {
      const items = datas.map((d, i) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `s${i}` }, data: d }));
      try {
        const got = decodeSecret({ apiVersion: 'v1', kind: 'List', items });
        expect((got.items ?? [got]).map((s) => s.name)).toEqual(items.map((s) => s.metadata.name));
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        for (const p of e.problems) expect(p.path).toMatch(items.length > 1 ? /^items\[\d\]\.data\[/ : /^data\[/);
      }
    }),
    { numRuns: 200 },
  );
});
