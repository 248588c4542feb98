// Every REST route and its errors, through real HTTP against the real app on a real database.
import fc from 'fast-check';
import { CATEGORIES } from '../src/knowledge/types';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const problem = (
  res: { status: number; headers: Record<string, string>; body: { code: string } },
  status: number,
  code: string,
) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
};

describe('GET /v1/concepts/:slug', () => {
  test('JSON in English by default, with a link to the Korean text', async () => {
    const res = await t.http.get('/v1/concepts/headless-service').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      slug: 'headless-service',
      lang: 'en',
      languages: expect.arrayContaining(['en', 'ko']),
    });
    expect(res.body.title).toMatch(/headless/i);
    expect(res.body.links.ko).toBe('/v1/concepts/headless-service?lang=ko');
    expect(res.body.facts.length).toBeGreaterThan(0);
    expect(res.body.facts[0].reference).toHaveProperty('reliability');
  });

  test('Korean by ?lang=ko and by Accept-Language', async () => {
    const byQuery = await t.http.get('/v1/concepts/headless-service?lang=ko').expect(200);
    const byHeader = await t.http
      .get('/v1/concepts/headless-service')
      .set('Accept-Language', 'ko-KR,ko;q=0.9,en;q=0.5')
      .expect(200);
    expect(byQuery.body.lang).toBe('ko');
    expect(byHeader.body.title).toBe(byQuery.body.title);
    expect(byQuery.body.title).toMatch(/[가-힣]/);
    expect(byQuery.headers['content-language']).toBe('ko');
  });

  test('plain text for a terminal by Accept or ?format=text, markdown by ?format=md', async () => {
    const text = await t.http.get('/v1/concepts/headless-service').set('Accept', 'text/plain').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).not.toMatch(/^#/m);
    // Wrapped at 80 columns, except a single word that is longer (a URL) and indented code.
    const long = text.text
      .split('\n')
      .filter((l) => l.length > 80 && !l.startsWith('    ') && /\S\s+\S/.test(l.trim()));
    expect(long).toEqual([]);
    const byQuery = await t.http.get('/v1/concepts/headless-service?format=text').expect(200);
    expect(byQuery.text).toBe(text.text);
    // Soft breaks are joined before wrapping, Hangul counting two columns: a line is only broken
    // where the next word would not have fitted on it.
    for (const lang of ['en', 'ko']) {
      const lines = (await t.http.get(`/v1/concepts/headless-service?format=text&lang=${lang}`).expect(200)).text.split(
        '\n',
      );
      const width = (s: string) => [...s].reduce((n, ch) => n + (/[\uac00-\ud7a3]/.test(ch) ? 2 : 1), 0);
      // No line is wider than 80 columns, counted as a terminal shows Hangul.
      const wide = lines.filter((l) => width(l) > 80 && !l.startsWith('    ') && /\S\s+\S/.test(l.trim()));
      expect({ lang, wide }).toEqual({ lang, wide: [] });
      const ragged = lines.filter((a, i) => {
        const b = lines[i + 1] ?? '';
        const continues = /^ {2,3}\S/.test(b) && a.trim() !== '' && !a.startsWith('    ');
        return continues && width(a) + 1 + width(b.trim().split(/\s+/)[0]) <= 80;
      });
      expect({ lang, ragged }).toEqual({ lang, ragged: [] });
    }
    const md = await t.http.get('/v1/concepts/headless-service?format=md&lang=ko').expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# .*[가-힣]/);
  });

  test('an unknown slug is a 404 problem that suggests near slugs', async () => {
    // Not "headles-service": the content lists "headles service" as an alias, which redirects.
    const res = await t.http.get('/v1/concepts/headlss-service');
    problem(res, 404, 'NOT_FOUND');
    expect(res.body.suggestions).toContain('headless-service');
    expect(res.body.detail).toMatch(/did you mean "headless-service"/);
  });

  test('lang=KO works like lang=ko (enum parameters in any letter case)', async () => {
    const upper = await t.http.get('/v1/concepts/headless-service?lang=KO').expect(200);
    expect(upper.body.lang).toBe('ko');
    const kind = await t.http.get('/v1/concepts?kind=resource&limit=3').expect(200);
    expect(kind.body.items.length).toBeGreaterThan(0);
  });

  test('a list in Korean says so in Content-Language, as a single concept does', async () => {
    const list = await t.http.get('/v1/concepts?limit=2&lang=ko').expect(200);
    expect(list.body.items[0].title).toMatch(/[가-힣]/);
    expect(list.headers['content-language']).toBe('ko');
    const english = await t.http.get('/v1/concepts?limit=2').set('Accept-Language', 'en').expect(200);
    expect(english.headers['content-language']).toBe('en');
  });

  test('a bad lang lists the allowed values', async () => {
    const res = await t.http.get('/v1/concepts/pod?lang=fr');
    problem(res, 400, 'BAD_USER_INPUT');
    expect(res.body.problems[0].message).toMatch(/must be one of en, ko/);
  });

  test('a bad lang or format is a 400 problem naming the parameter', async () => {
    const res = await t.http.get('/v1/concepts/pod?lang=fr');
    problem(res, 400, 'BAD_USER_INPUT');
    expect(res.body.problems[0].path).toMatch(/lang/);
    problem(await t.http.get('/v1/concepts/pod?format=xml'), 400, 'BAD_USER_INPUT');
  });
});

describe('GET /v1/concepts/<any name>', () => {
  test.each([
    ['svc', 'service'],
    ['sts', 'statefulset'],
    ['StatefulSet', 'statefulset'],
    ['Stateful Set', 'statefulset'],
    ['파드', 'pod'],
    ['헤드리스 서비스', 'headless-service'],
    // kubectl's short names of every resource with a concept of its own (`kubectl api-resources`)
    ['po', 'pod'],
    ['ep', 'endpoints'],
    ['ns', 'namespace'],
    ['cm', 'configmap'],
    ['sa', 'service-account'],
    ['pv', 'persistent-volume'],
    ['pvc', 'persistent-volume-claim'],
    ['deploy', 'deployment'],
    ['ds', 'daemonset'],
    ['rs', 'replicaset'],
    ['ing', 'ingress'],
    ['quota', 'resource-quota'],
    ['netpol', 'network-policy'],
    ['hpa', 'horizontal-pod-autoscaler'],
    ['pdb', 'pod-disruption-budget'],
    ['pc', 'priority-class'],
    ['sc', 'storage-class'],
    ['cj', 'cronjob'],
    // A Korean title without its aside: "스토리지 클래스(StorageClass)"
    ['스토리지 클래스', 'storage-class'],
    ['퍼시스턴트볼륨클레임', 'persistent-volume-claim'],
  ])('"%s" (a kubectl short name, title or alias) redirects to /v1/concepts/%s', async (name, canonical) => {
    const res = await t.http.get(`/v1/concepts/${encodeURIComponent(name)}`).query({ lang: 'ko', format: 'md' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(new RegExp(`/v1/concepts/${canonical}\\?lang=ko&format=md$`));
  });

  test('a slug is answered where it is, in any letter case redirected to the lower-case slug', async () => {
    await t.http.get('/v1/concepts/crashloopbackoff').expect(200);
    const res = await t.http.get('/v1/concepts/CrashLoopBackOff').expect(302);
    expect(res.headers.location).toMatch(/\/v1\/concepts\/crashloopbackoff$/);
  });

  test('a Korean name without lang answers in Korean: the redirect carries lang=ko', async () => {
    const res = await t.http.get(`/v1/concepts/${encodeURIComponent('파드')}`).expect(302);
    expect(res.headers.location).toMatch(/\/v1\/concepts\/pod\?lang=ko$/);
    const followed = await t.http
      .get(`/v1/concepts/${encodeURIComponent('파드')}`)
      .redirects(1)
      .expect(200);
    expect(followed.body).toMatchObject({ slug: 'pod', lang: 'ko' });
    // A lang asked for, or an English name, keeps its language.
    expect((await t.http.get(`/v1/concepts/${encodeURIComponent('파드')}?lang=en`)).headers.location).toMatch(
      /\?lang=en$/,
    );
    expect((await t.http.get('/v1/concepts/svc')).headers.location).toMatch(/\/v1\/concepts\/service$/);
  });

  test('following the redirect gives the concept', async () => {
    const res = await t.http.get('/v1/concepts/sts').redirects(1).expect(200);
    expect(res.body.slug).toBe('statefulset');
  });

  test('a name nothing has is a 404 whose "did you mean" uses aliases too', async () => {
    const res = await t.http.get('/v1/concepts/statefulsett');
    problem(res, 404, 'NOT_FOUND');
    expect(res.body.suggestions).toContain('statefulset');
  });
});

describe('GET /v1/concepts', () => {
  test('pages through every concept with nextCursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { slug: string }[]; total: number; nextCursor: string | null } } = await t.http
        .get('/v1/concepts')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((i) => i.slug));
      expect(res.body.total).toBe(t.knowledge.snapshot.concepts.length);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(t.knowledge.snapshot.concepts.map((c) => c.slug));
  });

  test('an unknown category is a 400 that lists the categories and suggests the nearest', async () => {
    const res = await t.http.get('/v1/concepts?category=networkin');
    problem(res, 400, 'BAD_USER_INPUT');
    expect(res.body.problems[0]).toMatchObject({ path: 'category' });
    expect(res.body.problems[0].message).toMatch(
      /must be one of config, workloads, .*networking.*Did you mean "networking"\?/,
    );
  });

  // `category=Networking` was refused with a did-you-mean of the same word. The categories are kubeknow's
  // own lower-case words, so any case names one, on REST and GraphQL alike (no MCP tool lists concepts).
  test('a category in any case is the category', async () => {
    const lower = await t.http.get('/v1/concepts?category=networking&limit=100').expect(200);
    expect(lower.body.items.length).toBeGreaterThan(0);
    for (const spelt of ['Networking', 'NETWORKING', 'netWorking'])
      expect((await t.http.get(`/v1/concepts?category=${spelt}&limit=100`).expect(200)).body).toEqual(lower.body);
    const q = 'query($c: String) { concepts(first: 100, category: $c) { totalCount nodes { slug } } }';
    const gql = await t.http
      .post('/graphql')
      .send({ query: q, variables: { c: 'Networking' } })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.concepts.nodes.map((n: { slug: string }) => n.slug)).toEqual(
      lower.body.items.map((i: { slug: string }) => i.slug),
    );
    // Only ASCII letters fold: the Kelvin sign (U+212A) is not a K here, as the long s is not an s.
    for (const odd of ['Networ%E2%84%AAing', '%C5%BFecurity'])
      expect((await t.http.get(`/v1/concepts?category=${odd}`).expect(400)).body.problems[0].path).toBe('category');
  });

  test('property: every category, in any mix of cases, lists what its lower-case name lists', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...CATEGORIES)
          .chain((c) => fc.tuple(fc.constant(c), fc.array(fc.boolean(), { minLength: c.length, maxLength: c.length }))),
        async ([c, upper]) => {
          const spelt = [...c].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
          const [a, b] = await Promise.all([
            t.http.get(`/v1/concepts?category=${spelt}&limit=100`),
            t.http.get(`/v1/concepts?category=${c}&limit=100`),
          ]);
          expect([spelt, a.status, a.body]).toEqual([spelt, 200, b.body]);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('filters by category and kind', async () => {
    const res = await t.http.get('/v1/concepts?category=dns&limit=100').expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { category: string }) => i.category === 'dns')).toBe(true);
    const kinds = await t.http.get('/v1/concepts?kind=RESOURCE&limit=100').expect(200);
    expect(kinds.body.items.every((i: { kind: string }) => i.kind === 'RESOURCE')).toBe(true);
  });

  test('as text, one concept a line', async () => {
    const res = await t.http.get('/v1/concepts?format=text&limit=3').expect(200);
    expect(res.text.trim().split('\n')[0]).toMatch(/^[a-z-]+\s+\S/);
    // The next-page line keeps the filters and the format, so following it continues the same list.
    const filtered = await t.http.get('/v1/concepts?format=text&limit=2&category=dns').expect(200);
    const next = /next page: (\S+)/.exec(filtered.text)![1];
    expect(next).toMatch(/category=dns/);
    expect(next).toMatch(/format=text/);
    const second = await t.http.get(next).expect(200);
    const slugs = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^[a-z]/.test(l) && !l.startsWith('next page'))
        .map((l) => l.split(/\s+/)[0]);
    const dns = t.knowledge.concepts({ category: 'dns' }).map((c) => c.slug);
    expect([...slugs(filtered.text), ...slugs(second.text)]).toEqual(dns.slice(0, 4));
  });

  test('bad paging is a 400 problem', async () => {
    problem(await t.http.get('/v1/concepts?limit=0'), 400, 'BAD_USER_INPUT');
    problem(await t.http.get('/v1/concepts?cursor=nonsense'), 400, 'BAD_USER_INPUT');
    problem(await t.http.get('/v1/concepts?kind=THING'), 400, 'BAD_USER_INPUT');
  });
});

describe('GET /v1/concepts/:slug/relations', () => {
  test('the LoadBalancer → NodePort → ClusterIP chain of nested Service types', async () => {
    const lb = await t.http
      .get('/v1/concepts/service-type-loadbalancer/relations?direction=outgoing&type=GENERALIZES')
      .expect(200);
    expect(lb.body.items.map((r: { slug: string }) => r.slug)).toContain('service-type-nodeport');
    const np = await t.http
      .get('/v1/concepts/service-type-nodeport/relations?direction=outgoing&type=GENERALIZES')
      .expect(200);
    expect(np.body.items.map((r: { slug: string }) => r.slug)).toEqual(['service-type-clusterip']);
  });

  test('incoming relations name their source', async () => {
    const res = await t.http.get('/v1/concepts/service/relations?direction=incoming&type=IS_A').expect(200);
    expect(res.body.items.map((r: { slug: string }) => r.slug)).toContain('headless-service');
  });

  test('unknown slug is 404', async () => {
    problem(await t.http.get('/v1/concepts/nope/relations'), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/references', () => {
  test('the doubted blog is marked DISPUTED, and citing concepts are listed', async () => {
    const res = await t.http.get('/v1/references?reliability=DISPUTED&limit=100').expect(200);
    expect(res.body.items.map((r: { url: string }) => r.url)).toContain('https://malgogi-developer.tistory.com/32');
    const all = await t.http.get('/v1/references?limit=100').expect(200);
    expect(all.body.total).toBe(t.knowledge.snapshot.references.length);
    expect(all.body.items.some((r: { citedBy: string[] }) => r.citedBy.length > 0)).toBe(true);
  });
});

describe('GET /v1/search', () => {
  test('answers items best first with scores', async () => {
    const res = await t.http.get('/v1/search').query({ q: 'headless service', limit: 5 }).expect(200);
    expect(res.body.items[0]).toMatchObject({
      slug: 'headless-service',
      title: expect.any(String),
      summary: expect.any(String),
      score: expect.any(Number),
    });
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('a Korean question finds the concept and answers in Korean', async () => {
    const res = await t.http
      .get('/v1/search')
      .query({ q: '헤드리스 서비스는 DNS에서 뭘 돌려줘?', lang: 'ko' })
      .expect(200);
    expect(res.body.items[0].slug).toBe('headless-service');
    expect(res.body.items[0].title).toMatch(/[가-힣]/);
    expect(res.headers['content-language']).toBe('ko');
  });

  test('says how well the best item answers: relevance per item, absolute, and match', async () => {
    const hit = await t.http.get('/v1/search').query({ q: 'headless service' }).expect(200);
    expect(hit.body.match).toBe('strong');
    expect(hit.body.items[0].relevance).toBeGreaterThan(0.5);
    const miss = await t.http.get('/v1/search').query({ q: 'terraform aws provider credentials' }).expect(200);
    expect(miss.body.match).not.toBe('strong');
    // Scores are relative (the best item always scores 1); relevance is not.
    if (miss.body.items.length) {
      expect(miss.body.items[0].score).toBe(1);
      expect(miss.body.items[0].relevance).toBeLessThan(0.5);
    }
  });

  test('a missing q is a 400 problem naming q', async () => {
    const res = await t.http.get('/v1/search');
    problem(res, 400, 'BAD_USER_INPUT');
    expect(res.body.problems[0].path).toMatch(/q/);
  });
});

describe('health and errors', () => {
  test('healthz and readyz', async () => {
    await t.http.get('/healthz').expect(200, { status: 'ok' });
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.concepts).toBe(t.knowledge.snapshot.concepts.length);
  });

  test('an unknown route is a 404 problem', async () => {
    problem(await t.http.get('/v1/nothing-here'), 404, 'NOT_FOUND');
  });
});
