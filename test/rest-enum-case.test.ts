// A lookup's enum in the query string is read in any ASCII letter case (`kind=task` is TASK), as
// `category=` and `lang` are, and only ASCII letters are folded: `tas\u212A` (the Kelvin sign, which
// toLowerCase folds to k) was taken for TASK, though no client means it so (hostile review).
import fc from 'fast-check';
import { CONCEPT_KINDS } from '../src/knowledge/types';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ seed: false })));
afterAll(() => t.close());

const KELVIN = '\u212A';
const concepts = (kind: string) => t.http.get(`/v1/concepts?kind=${encodeURIComponent(kind)}`);

test('the Kelvin sign is not the letter k: kind=tas\u212A is refused at kind, with the value as given', async () => {
  const res = await concepts(`tas${KELVIN}`);
  expect(res.status).toBe(400);
  expect(res.body.problems).toEqual([
    expect.objectContaining({ code: 'BAD_USER_INPUT', path: 'kind', value: `tas${KELVIN}` }),
  ]);
  await concepts('tasK').expect(200);
});

// Each letter of a kind in either case, or (for k) the Kelvin sign.
const spelling = (withKelvin: boolean) =>
  fc
    .constantFrom(...CONCEPT_KINDS)
    .chain((kind) =>
      fc
        .tuple(
          ...[...kind].map((c) => fc.constantFrom(c, c.toLowerCase(), ...(withKelvin && c === 'K' ? [KELVIN] : []))),
        )
        .map((cs) => ({ kind, given: cs.join('') })),
    );

test('property: a kind in any ASCII case reads as the kind; one with the Kelvin sign for k is refused', async () => {
  await fc.assert(
    fc.asyncProperty(spelling(true), async ({ kind, given }) => {
      const res = await concepts(given);
      if (given.includes(KELVIN)) {
        expect(res.status).toBe(400);
        expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual(['kind']);
      } else expect(res.body).toEqual((await concepts(kind).expect(200)).body);
    }),
    { numRuns: 80 },
  );
});
