// GraphQL operations of the shapes the review sent, at random sizes: any number of aliases of nested
// relations, pages of examples' computed records, or computations over a large variable. Whatever
// comes in, the answer is data or a refusal with a code (never an internal error), every refusal for
// cost says the cost and the limit, and the server still answers /healthz.
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { startTestApp, type TestApp } from './helpers/app';
import { headless } from './helpers/endpoints';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const nest = (n: number): string => (n === 0 ? 'slug' : `relations(direction: BOTH) { target { ${nest(n - 1)} } }`);

const shape = fc.oneof(
  fc.integer({ min: 1, max: 6 }).map((depth) => `concept(slug: "pod") { ${nest(depth)} }`),
  fc
    .integer({ min: 1, max: 100 })
    .map((first) => `concepts(first: ${first}) { nodes { examples { dnsRecords { name } } } }`),
  fc.constant('dnsRecords(objects: $o) { name }'),
);

test('random aliases, nesting and sizes: data or a refusal with a code, never an internal error', async () => {
  await fc.assert(
    fc.asyncProperty(
      shape,
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 0, max: 1500 }),
      async (field, aliases, endpoints) => {
        const body = Array.from({ length: aliases }, (_, i) => `a${i}: ${field}`).join(' ');
        const uses = field.includes('$o');
        const res = await t.http.post('/graphql').send({
          query: uses ? `query($o: JSON!) { ${body} }` : `{ ${body} }`,
          variables: uses ? { o: headless(endpoints) } : {},
        });
        const errors = (res.body.errors ?? []) as { extensions?: Record<string, unknown> }[];
        expect(errors.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
        expect([200, 400]).toContain(res.status);
        for (const e of errors.filter((e) => e.extensions?.code === 'COST_LIMIT_EXCEEDED')) {
          expect(e.extensions?.limit).toBe(DEFAULT_LIMITS.maxCost);
          expect(e.extensions?.cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
        }
        expect((await t.http.get('/healthz')).status).toBe(200);
      },
    ),
    { numRuns: 15 },
  );
});
