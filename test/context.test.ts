// Grounded context (src/knowledge/context/) and GET /v1/context, on the real content in a real database.
import {
  contextFor,
  contextMarkdown,
  estimateTokens,
  sizeOf,
  type BudgetUnit,
  type GroundedContext,
} from '../src/knowledge/context';
import type { Locale } from '../src/knowledge/types';
import { startTestApp, type TestApp } from './helpers/app';
import { addDisputedFact, addUnverifiedFact, DISPUTED_URL, UNVERIFIED_URL } from './helpers/facts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  // What the notes took from their two blog sources: one doubted (DISPUTED), one never checked (UNVERIFIED).
  await addDisputedFact(t.knowledge);
  await addUnverifiedFact(t.knowledge);
});
afterAll(() => t.close());

const QUESTIONS: Record<Locale, string[]> = {
  en: ['What DNS records does a headless Service get?', 'why is my pod pending', 'readiness probe failure restart?'],
  ko: [
    '헤드리스 서비스는 DNS에서 무엇을 반환하나요?',
    '파드가 특정 노드에 선점되기 위한 조건',
    '레디니스 프로브가 실패하면 재시작되나요?',
  ],
};
const BUDGETS: Record<BudgetUnit, number[]> = { chars: [600, 900, 2500, 4000, 20000], tokens: [200, 400, 1000, 5000] };
const itemCount = (c: GroundedContext) => c.concepts.length + c.facts.length + c.caveats.length + c.related.length;
const omittedCount = (c: GroundedContext) =>
  c.omitted.concepts + c.omitted.facts + c.omitted.caveats + c.omitted.related;

describe('budget', () => {
  for (const unit of ['chars', 'tokens'] as const) {
    for (const lang of ['en', 'ko'] as const) {
      test(`JSON and markdown both stay within a budget in ${unit}, in ${lang}, and report their size`, () => {
        for (const q of QUESTIONS[lang]) {
          for (const limit of BUDGETS[unit]) {
            const ctx = contextFor(t.knowledge, { q, lang, budget: { [unit]: limit } });
            const json = sizeOf(JSON.stringify(ctx), unit);
            const md = sizeOf(contextMarkdown(ctx), unit);
            expect({ q, limit, json: json <= limit, md: md <= limit }).toEqual({ q, limit, json: true, md: true });
            expect(ctx.budget).toEqual({ unit, limit, used: { json, markdown: md } });
            expect(ctx.concepts.length).toBeGreaterThan(0);
          }
        }
      });
    }
  }

  test('a smaller budget keeps a prefix of what a larger one keeps, and says what it dropped', () => {
    const q = QUESTIONS.en[0];
    const all = contextFor(t.knowledge, { q, budget: { chars: 20000 } });
    for (const limit of [900, 2500, 4000]) {
      const ctx = contextFor(t.knowledge, { q, budget: { chars: limit } });
      expect(ctx.truncated).toBe(true);
      expect(itemCount(ctx) + omittedCount(ctx)).toBe(itemCount(all) + omittedCount(all));
      expect(all.concepts.slice(0, ctx.concepts.length).map((c) => c.slug)).toEqual(ctx.concepts.map((c) => c.slug));
      for (const f of ctx.facts) expect(all.facts).toContainEqual(f);
      expect(contextMarkdown(ctx)).toMatch(/_Cut to fit the budget; left out: .*\d+ (concepts|facts|relations)/);
    }
    // Facts are ordered by how much they bear on the question: the best concept's headline fact comes early.
    expect(all.facts.slice(0, 3).map((f) => f.concept)).toContain('headless-service');
  });

  test('fitting only the markdown (what MCP and ?format=md send) keeps more within the same budget', () => {
    for (const q of [...QUESTIONS.en, ...QUESTIONS.ko]) {
      const both = contextFor(t.knowledge, { q, budget: { chars: 3000 } });
      const md = contextFor(t.knowledge, { q, budget: { chars: 3000 }, fit: 'markdown' });
      expect(sizeOf(contextMarkdown(md), 'chars')).toBeLessThanOrEqual(3000);
      expect(itemCount(md)).toBeGreaterThan(itemCount(both));
    }
  });

  test('when even the best concept does not fit whole, its summary is cut at a sentence end rather than dropped', () => {
    const ctx = contextFor(t.knowledge, { q: 'headless service', budget: { chars: 600 } });
    const full = contextFor(t.knowledge, { q: 'headless service' }).concepts[0].summary;
    expect(ctx.concepts).toHaveLength(1);
    expect(ctx.concepts[0]).toMatchObject({ slug: 'headless-service', summary: expect.stringMatching(/[.?!。] …$/) });
    expect(full.startsWith(ctx.concepts[0].summary.slice(0, -2))).toBe(true);
    expect(ctx.truncated).toBe(true);
  });

  test('tokens are estimated per script: ~4 characters a token for Latin text, ~1.5 for Hangul', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('헤드리스')).toBe(3);
    expect(estimateTokens('pod 파드')).toBe(Math.ceil(4 / 4 + 2 / 1.5));
    expect(estimateTokens('漢字→')).toBe(3);
    expect(sizeOf('헤드리스 서비스', 'chars')).toBe(8);
  });

  test('a budget out of bounds, or in two units at once, is BAD_USER_INPUT', () => {
    expect(() => contextFor(t.knowledge, { q: 'pod', budget: { chars: 100 } })).toThrow(
      /budget: must be a whole number of chars between 600 and 20000/,
    );
    expect(() => contextFor(t.knowledge, { q: 'pod', budget: { tokens: 9000 } })).toThrow(/between 200 and 5000/);
    expect(() => contextFor(t.knowledge, { q: 'pod', budget: { chars: 1000, tokens: 300 } })).toThrow(/not both/);
    expect(() => contextFor(t.knowledge, { q: '   ' })).toThrow(/q: must not be empty/);
  });
});

describe('reliability', () => {
  test('a fact backed only by a DISPUTED source is a caveat with a caution, never a fact', () => {
    for (const lang of ['en', 'ko'] as const) {
      const ctx = contextFor(t.knowledge, { q: QUESTIONS.ko[1], lang });
      expect(ctx.facts.filter((f) => f.reliability === 'DISPUTED')).toEqual([]);
      const caveat = ctx.caveats.find((f) => f.source.url === DISPUTED_URL)!;
      expect(caveat).toMatchObject({ concept: 'pod-scheduling', reliability: 'DISPUTED', caution: expect.any(String) });
      const md = contextMarkdown(ctx);
      const [facts, caveats] = md.split(lang === 'en' ? '## Caveats' : '## 주의');
      expect(facts).not.toContain(DISPUTED_URL);
      expect(caveats).toContain(DISPUTED_URL);
      expect(caveats).toMatch(/\*\*DISPUTED\*\*: /);
    }
  });

  test('an UNVERIFIED source is flagged on its fact; authoritative facts carry no caution', () => {
    const ctx = contextFor(t.knowledge, {
      q: 'how much does the scheduler reserve for a container request and limit',
      budget: { chars: 8000 },
    });
    const fact = ctx.facts.find((f) => f.source.url === UNVERIFIED_URL)!;
    expect(fact).toMatchObject({
      reliability: 'UNVERIFIED',
      caution: expect.stringMatching(/do not present it as authoritative/),
    });
    for (const f of ctx.facts.filter((x) => x.reliability === 'AUTHORITATIVE')) expect(f.caution).toBeUndefined();
    expect(contextMarkdown(ctx)).toMatch(/itchain.*— \*\*UNVERIFIED\*\*: Unverified source/);
  });

  test('a fact that corrects a common belief carries the belief and is written to the reader as a correction', () => {
    const opening = { en: 'A common belief is that ', ko: '흔히 “' } as const;
    const turn = { en: '; in fact, ', ko: '”라고 알려져 있지만, 실제로는 ' } as const;
    for (const lang of ['en', 'ko'] as const) {
      const ctx = contextFor(t.knowledge, { q: QUESTIONS.ko[1], lang, budget: { chars: 20000 } });
      const corrected = ctx.facts.filter((f) => f.corrects);
      expect(corrected.length).toBeGreaterThan(0);
      const md = contextMarkdown(ctx);
      for (const f of corrected) {
        expect(f.corrects!.belief).not.toBe('');
        expect(md).toContain(`\`${f.concept}\`: ${opening[lang]}${f.corrects!.belief.replace(/\.$/, '')}${turn[lang]}`);
      }
      // A fact that corrects nothing is its bare statement.
      const plain = ctx.facts.find((f) => !f.corrects)!;
      expect(md).toContain(`\`${plain.concept}\`: ${plain.statement} — `);
    }
  });
});

describe('shape', () => {
  test('concepts carry title, summary and link; relations their type and the other title', () => {
    const ctx = contextFor(t.knowledge, { q: 'headless service', budget: { chars: 20000 } });
    expect(ctx.concepts[0]).toMatchObject({
      slug: 'headless-service',
      title: 'Headless Service',
      link: '/v1/concepts/headless-service?lang=en',
      score: 1,
    });
    expect(ctx.related).toContainEqual({
      from: 'headless-service',
      direction: 'outgoing',
      type: 'IS_A',
      slug: 'service',
      title: 'Service',
    });
    expect(contextMarkdown(ctx)).toMatch(/^- Headless Service IS_A Service \(`service`\)$/m);
  });

  test('deterministic: the same question gives the same context', () => {
    for (const q of [...QUESTIONS.en, ...QUESTIONS.ko]) {
      const a = contextFor(t.knowledge, { q, budget: { chars: 2500 } });
      const b = contextFor(t.knowledge, { q, budget: { chars: 2500 } });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(contextMarkdown(b)).toBe(contextMarkdown(a));
    }
  });

  test('a question nothing matches gives an empty, untruncated context', () => {
    const ctx = contextFor(t.knowledge, { q: 'zzqxv wvvqz', lang: 'en' });
    expect(ctx).toMatchObject({ match: 'none', concepts: [], facts: [], caveats: [], related: [], truncated: false });
    expect(contextMarkdown(ctx)).toMatch(/No concept covers this question/);
  });
});

describe('facts that answer the question, not footnotes', () => {
  test('"pod stuck pending 0/3 nodes available taint" holds the scheduler message about untolerated taints early', () => {
    const ctx = contextFor(t.knowledge, { q: 'pod stuck pending 0/3 nodes available taint', lang: 'en' });
    const at = ctx.facts.findIndex((f) => f.statement.includes('untolerated taint'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(3);
  });

  test('"스테이트풀셋 파드의 DNS 이름은?" puts the fact with the name pattern before any correction', () => {
    const ctx = contextFor(t.knowledge, { q: '스테이트풀셋 파드의 DNS 이름은?', lang: 'ko' });
    const keys = ctx.facts.map((f) => `${f.concept}/${f.key}`);
    expect(keys).toContain('statefulset/pod-dns-name');
    // The question carries no belief (it only names StatefulSets): no correction outranks the answer.
    const firstCorrection = ctx.facts.findIndex((f) => f.corrects);
    if (firstCorrection >= 0) expect(keys.indexOf('statefulset/pod-dns-name')).toBeLessThan(firstCorrection);
  });

  test("a correction leads its concept's facts when the question carries its belief", () => {
    const ctx = contextFor(t.knowledge, {
      q: '스테이트풀셋은 헤드리스 서비스 없이는 동작하지 않나요? serviceName 필수?',
      lang: 'ko',
    });
    expect(ctx.facts.find((f) => f.concept === 'statefulset')).toMatchObject({ corrects: expect.anything() });
  });
});

describe('knowing when there is no answer', () => {
  test.each([
    ['en', 'how do I write a helm chart values file', /No concept covers this question/],
    ['ko', '김치찌개 맛있게 끓이는 법', /이 질문을 다루는 개념이 없다/],
  ] as const)('an out-of-scope question (%s) is grounded on nothing, and says so', (lang, q, says) => {
    const ctx = contextFor(t.knowledge, { q, lang });
    expect(ctx.match).not.toBe('strong');
    expect(ctx).toMatchObject({ facts: [], caveats: [], related: [] });
    expect(contextMarkdown(ctx)).toMatch(
      ctx.match === 'none' ? says : /No concept clearly covers|분명히 다루는 개념이 없다/,
    );
  });

  test('a question a concept answers is a strong match, with facts, and relevance on each concept', () => {
    const ctx = contextFor(t.knowledge, { q: 'What DNS records does a headless Service get?', lang: 'en' });
    expect(ctx.match).toBe('strong');
    expect(ctx.facts.length).toBeGreaterThan(0);
    for (const c of ctx.concepts) expect(c.relevance).toBeGreaterThanOrEqual(0);
    expect(ctx.concepts[0].relevance).toBeGreaterThan(0.5);
  });

  test('a weak match lists the nearest concepts without facts and says no concept clearly covers the question', () => {
    // Ask until one is weak: which question is weak depends on the content, the rendering of weak does not.
    const weak = [
      'linux systemd timer instead of cron',
      'docker compose depends_on healthcheck',
      'grafana dashboard variables',
    ]
      .map((q) => contextFor(t.knowledge, { q, lang: 'en' }))
      .find((c) => c.match === 'weak');
    expect(weak).toBeDefined();
    expect(weak!.concepts.length).toBeGreaterThan(0);
    expect(weak).toMatchObject({ facts: [], caveats: [], related: [] });
    expect(contextMarkdown(weak!)).toMatch(/No concept clearly covers this question[^]*## Nearest concepts/);
  });

  test('GET /v1/context answers the match', async () => {
    const res = await t.http.get('/v1/context').query({ q: 'best pizza dough recipe' }).expect(200);
    expect(res.body).toMatchObject({ match: 'none', concepts: [], facts: [] });
  });
});

describe('GET /v1/context', () => {
  test('JSON by default, within the default 4000 characters', async () => {
    const res = await t.http.get('/v1/context').query({ q: 'clusterIP: None' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.concepts[0].slug).toBe('headless-service');
    expect(res.body.budget).toMatchObject({ unit: 'chars', limit: 4000 });
    expect([...res.text].length).toBeLessThanOrEqual(4000);
    expect(res.body).toEqual(contextFor(t.knowledge, { q: 'clusterIP: None', lang: 'en' }));
  });

  test('markdown by ?format=md or Accept: text/markdown, in Korean by ?lang=ko, budget in tokens', async () => {
    const q = { q: '헤드리스 서비스', lang: 'ko', budget: 300, unit: 'tokens' };
    const byQuery = await t.http
      .get('/v1/context')
      .query({ ...q, format: 'md' })
      .expect(200);
    const byAccept = await t.http.get('/v1/context').query(q).set('Accept', 'text/markdown').expect(200);
    expect(byQuery.headers['content-type']).toMatch(/^text\/markdown/);
    expect(byAccept.text).toBe(byQuery.text);
    expect(byQuery.headers['content-language']).toBe('ko');
    expect(byQuery.text).toMatch(/^# 질문 관련 자료: "헤드리스 서비스"\n\n## 개념/);
    expect(estimateTokens(byQuery.text)).toBeLessThanOrEqual(300);
  });

  test('concept links are absolute when PUBLIC_URL is set, relative otherwise', async () => {
    const relative = await t.http.get('/v1/context').query({ q: 'clusterIP: None' }).expect(200);
    expect(relative.body.concepts[0].link).toBe('/v1/concepts/headless-service?lang=en');
    process.env.PUBLIC_URL = 'https://kubeknow.example/';
    try {
      const res = await t.http.get('/v1/context').query({ q: 'clusterIP: None' }).expect(200);
      expect(res.body.concepts[0].link).toBe('https://kubeknow.example/v1/concepts/headless-service?lang=en');
    } finally {
      delete process.env.PUBLIC_URL;
    }
  });

  test.each([
    ['no q', {}, 'q'],
    ['a budget under the minimum for chars', { q: 'pod', budget: 200 }, 'budget'],
    ['a budget over the maximum', { q: 'pod', budget: 50000 }, 'budget'],
    ['a budget over the maximum for tokens', { q: 'pod', budget: 8000, unit: 'tokens' }, 'budget'],
    ['an unknown unit', { q: 'pod', unit: 'words' }, 'unit'],
    ['an unsupported format', { q: 'pod', format: 'text' }, 'format'],
    ['an unsupported lang', { q: 'pod', lang: 'fr' }, 'lang'],
  ])('%s is a 400 problem naming the parameter', async (_name, query, param) => {
    const res = await t.http.get('/v1/context').query(query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('BAD_USER_INPUT');
    expect(res.body.problems[0].path).toMatch(new RegExp(param));
  });
});
