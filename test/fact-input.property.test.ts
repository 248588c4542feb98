// Random addFact inputs (any subset of fields, hostile sizes, wrong types) against the real service on
// a real database: an input is either stored exactly as it was checked — statements and the belief it
// corrects, trimmed, in both languages — or refused with BAD_USER_INPUT problems at its field paths,
// and a refused input changes nothing.
import fc from 'fast-check';
import { KubeknowError } from '../src/errors';
import { addFactInput, parseInput } from '../src/knowledge/inputs';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const author = { name: 'apikey:test (property)' };
const FIELDS = ['slug', 'key', 'reference', 'statements', 'corrects', 'expectedVersion'];

// Mostly what a person writes; else nothing, white space, or far more than the limits (2000 for a
// statement, 1000 for a belief), or any string.
const text = fc.oneof(
  {
    arbitrary: fc.constantFrom('ClusterIP is the default type.', '클러스터 IP가 기본값이다.', '  padded  '),
    weight: 6,
  },
  { arbitrary: fc.constantFrom('', '   ', '\n'), weight: 1 },
  { arbitrary: fc.constantFrom(999, 1000, 1001, 2000, 2001, 100_000).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);
const CURRENT = 'current version';
/** The input as sent, with CURRENT replaced by the concept's version. */
const sent = (raw: Record<string, unknown>, version: number) =>
  raw.expectedVersion === CURRENT ? { ...raw, expectedVersion: version } : raw;
const wrong = fc.constantFrom(null, 42, true, [], {}, 'not an object');
const likely = <T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 12 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const pair = likely(fc.record({ en: text, ko: text }), fc.record({ en: text, ko: text }, { requiredKeys: [] }));
// Fields that may each be given or left out, given right or wrong; required fields default to valid
// values unless the run drops them, so a good share of inputs reaches the database.
const overrides = fc.record(
  {
    slug: likely(fc.constant('service'), fc.constantFrom('no-such-concept', 'Not A Slug', ''), wrong),
    key: likely(fc.stringMatching(/^[a-z]{1,8}(-[a-z0-9]{1,6}){0,2}$/), fc.constantFrom('Bad Key', ''), wrong),
    reference: likely(fc.constant('k8s-service'), fc.constantFrom('no-such-ref', ''), wrong),
    statements: likely(pair, wrong),
    corrects: likely(fc.record({ belief: likely(pair, wrong) }), fc.constant({}), fc.constant(null), wrong),
    // CURRENT stands for the concept's version when the input is sent; other numbers are stale or invalid.
    expectedVersion: likely(fc.constant(CURRENT), fc.integer({ min: -2, max: 3 }), wrong),
  },
  { requiredKeys: [] },
);
const VALID = { slug: 'service', reference: 'k8s-service', statements: { en: 'A Service.', ko: '서비스.' } };
const input = fc
  .tuple(
    overrides,
    fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, fc.constantFrom('slug', 'reference', 'statements')),
  )
  .map(([given, dropped]) => {
    const out: Record<string, unknown> = { ...VALID, ...given };
    if (dropped) delete out[dropped];
    return out;
  });

test('checking an input: a value within the limits, or BAD_USER_INPUT problems naming only given fields', () => {
  fc.assert(
    fc.property(input, (raw) => {
      try {
        const got = parseInput(addFactInput, sent(raw, 1));
        for (const s of [got.statements.en, got.statements.ko]) expect(s === s.trim() && s.length > 0).toBe(true);
        expect(Math.max(got.statements.en.length, got.statements.ko.length)).toBeLessThanOrEqual(2000);
        if (got.corrects) {
          const { en, ko } = got.corrects.belief;
          expect(en.length * ko.length).toBeGreaterThan(0);
          expect(Math.max(en.length, ko.length)).toBeLessThanOrEqual(1000);
          expect([en, ko]).toEqual([en.trim(), ko.trim()]);
        }
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
        for (const p of e.problems) {
          expect(p.code).toBe('BAD_USER_INPUT');
          expect(FIELDS).toContain(p.path.split(/[.[]/)[0]);
        }
      }
    }),
    { numRuns: 500 },
  );
});

// Each run writes through a transaction on the real database, so fewer runs than the pure check.
test('storing an input: stored as checked, with its belief per language, or refused with nothing changed', async () => {
  let stored = 0;
  await fc.assert(
    fc.asyncProperty(input, fc.nat(), async (raw, n) => {
      const before = t.knowledge.concept('service')!;
      const given = sent(raw, before.version);
      // A key given as text is made unique per run, so runs do not collide with each other's facts.
      const keyed = typeof given.key === 'string' ? { ...given, key: `${given.key}-${n}` } : given;
      let checked: ReturnType<typeof parseInput<typeof addFactInput>> | undefined;
      try {
        checked = parseInput(addFactInput, keyed);
      } catch {
        // refused before it reaches the database
      }
      try {
        const { key } = await t.knowledge.addFact(author, keyed);
        stored++;
        const fact = t.knowledge.concept('service')!.facts.find((f) => f.key === key)!;
        expect(fact.statements).toEqual(checked!.statements);
        expect(fact.corrects).toEqual(checked!.corrects ? { belief: checked!.corrects.belief } : null);
      } catch (e) {
        if (!(e instanceof KubeknowError)) throw e;
        const after = t.knowledge.concept('service')!;
        expect(after.version).toBe(before.version);
        expect(after.facts).toEqual(before.facts);
      }
    }),
    { numRuns: 50 },
  );
  // The generator reaches the database: some inputs were stored, not all refused.
  expect(stored).toBeGreaterThan(0);
});
