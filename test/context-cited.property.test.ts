// A small budget keeps a cited fact (new-user review: at 800 characters, "readiness probe 실패하면 어떻게
// 되나요" kept concept summaries and none of their facts, so the answer cited nothing). The rule
// (src/knowledge/context/fit.ts): a budget that holds the best concept's header (title, slug, link) and its
// best fact with the fact's source keeps both, the summary cut as far as needed. Over real HTTP, for random
// questions and budgets in both units and both renderings: never over the budget; and whenever the budget
// holds that header and fact, at least one fact with its citation is there.
import fc from 'fast-check';
import { contextMarkdown, sizeOf, type BudgetUnit, type GroundedContext } from '../src/knowledge/context';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const QUESTIONS = [
  'readiness probe 실패하면 어떻게 되나요',
  '레디니스 프로브가 실패하면 어떻게 되나요?',
  'what happens when a readiness probe fails',
  'What DNS records does a headless Service get?',
  '헤드리스 서비스는 DNS에서 무엇을 반환하나요?',
  'why is my pod pending',
  '파드가 특정 노드에 선점되기 위한 조건',
  'how do I keep my pods from landing on the same node',
  'CrashLoopBackOff 원인',
  'what is a StatefulSet pod DNS name',
  'how do I taint wood',
];

type Format = 'json' | 'md';
const get = (q: string, unit: BudgetUnit, budget: number, format: Format) =>
  t.http.get('/v1/context').query({ q, budget, unit, format }).expect(200);

const full = new Map<string, GroundedContext>();
async function fullContext(q: string): Promise<GroundedContext> {
  if (!full.has(q)) full.set(q, (await get(q, 'chars', 20000, 'json')).body as GroundedContext);
  return full.get(q)!;
}

/** The smallest context that cites: the best concept with its summary cut to "…" and its best fact, the rest
 * counted as left out; its size in the rendering, `used.json` counted at five digits (an upper bound). */
function citingSize(all: GroundedContext, unit: BudgetUnit, format: Format): number | undefined {
  const [top] = all.concepts;
  const fact = all.facts.find((f) => f.concept === top?.slug);
  if (!top || !fact) return undefined;
  const count = (c: GroundedContext) => ({
    concepts: c.concepts.length + c.omitted.concepts,
    facts: c.facts.length + c.omitted.facts,
    caveats: c.caveats.length + c.omitted.caveats,
    related: c.related.length + c.omitted.related,
  });
  const total = count(all);
  const small: GroundedContext = {
    ...all,
    budget: { unit, limit: 20000, used: { json: 99999, markdown: 99999 } },
    concepts: [{ ...top, summary: '…' }],
    facts: [fact],
    caveats: [],
    related: [],
    truncated: true,
    omitted: { ...total, concepts: total.concepts - 1, facts: total.facts - 1 },
  };
  return sizeOf(format === 'md' ? contextMarkdown(small) : JSON.stringify(small), unit);
}

const CITATION = /^- `[^`]+`: .* — (\[[^\]]+\]\(https?:\/\/[^)]+\)|.+ \((no link|링크 없음)\))/m;

const budgets = fc.oneof(
  fc.record({ unit: fc.constant<BudgetUnit>('chars'), budget: fc.integer({ min: 600, max: 1800 }) }),
  fc.record({ unit: fc.constant<BudgetUnit>('chars'), budget: fc.integer({ min: 600, max: 20000 }) }),
  fc.record({ unit: fc.constant<BudgetUnit>('tokens'), budget: fc.integer({ min: 200, max: 700 }) }),
  fc.record({ unit: fc.constant<BudgetUnit>('tokens'), budget: fc.integer({ min: 200, max: 5000 }) }),
);

test('property: never over the budget, and a budget that holds the best concept’s header and best fact cites it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...QUESTIONS),
      budgets,
      fc.constantFrom<Format>('json', 'md'),
      async (q, { unit, budget }, format) => {
        const res = await get(q, unit, budget, format);
        expect(sizeOf(res.text, unit)).toBeLessThanOrEqual(budget);
        const all = await fullContext(q);
        const needed = citingSize(all, unit, format);
        if (needed === undefined || budget < needed) return;
        if (format === 'md')
          expect([q, unit, budget, res.text]).toEqual([q, unit, budget, expect.stringMatching(CITATION)]);
        else {
          const ctx = res.body as GroundedContext;
          expect(sizeOf(contextMarkdown(ctx), unit)).toBeLessThanOrEqual(budget);
          expect([q, unit, budget, ctx.facts[0]]).toEqual([
            q,
            unit,
            budget,
            expect.objectContaining({
              concept: all.concepts[0].slug,
              source: expect.objectContaining({ key: expect.any(String) }),
            }),
          ]);
        }
      },
    ),
    { numRuns: 80 },
  );
});

test('the review’s question at 800 characters cites the readiness probe’s best fact, in both languages', async () => {
  for (const q of ['readiness probe 실패하면 어떻게 되나요', 'what happens when a readiness probe fails']) {
    const md = (await get(q, 'chars', 800, 'md')).text;
    expect(md).toMatch(CITATION);
    expect(md).toMatch(/\(`readiness-probe`, .*\n[^]*^- `readiness-probe`: .*endpoint-slices\/#conditions\)$/m);
    expect(sizeOf(md, 'chars')).toBeLessThanOrEqual(800);
  }
});
