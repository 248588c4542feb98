// Rough edges a new user met, through the real app over HTTP: a dry-run into a namespace nothing
// creates, refused objects' names, 400 vs 422 for a computation's missing input, and "did you mean".
import { CAPABILITIES } from '../src/capabilities';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { clusterIP: None, selector: { app: db }, ports: [{ port: 5432 }] }
`;
const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata: { name: data }
`;
const apply = (manifests: string) => t.http.post('/v1/cluster/apply').send({ manifests });
const notFound = (w: string) => w.startsWith('Service/data/db: namespaces "data" not found');

describe('a dry-run into a namespace the cluster lacks', () => {
  test('is settled, with the API server’s refusal as a warning saying to add the Namespace first', async () => {
    const res = await apply(SERVICE);
    expect(res.status).toBe(200);
    expect(res.body.objects.some((o: { kind: string }) => o.kind === 'Service')).toBe(true);
    const warning = (res.body.warnings as string[]).find(notFound);
    expect(warning).toContain('add a Namespace manifest');
  });

  test('a Namespace before it is enough', async () => {
    const res = await apply(`${NAMESPACE}---\n${SERVICE}`);
    expect((res.body.warnings as string[]).filter(notFound)).toEqual([]);
  });

  test('a Namespace after it is too late, as for kubectl apply', async () => {
    const res = await apply(`${SERVICE}---\n${NAMESPACE}`);
    expect((res.body.warnings as string[]).find(notFound)).toContain('move the Namespace data manifest before it');
  });
});

test('refused objects are named Kind/namespace/name, a namespaced one without a namespace in default', async () => {
  const res = await apply(`apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 70000 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: kube-system }
spec: { ports: [{ port: 70000 }] }
`);
  expect(res.body.rejected.map((r: { object: string }) => r.object)).toEqual([
    'Service/default/web',
    'Service/kube-system/web',
  ]);
});

describe('one status rule for the computations', () => {
  const routes = CAPABILITIES.filter((c) => c.computes && c.rest).map((c) => c.rest!.path);

  test('there are computing routes to walk', () => {
    expect(routes).toEqual(expect.arrayContaining(['/v1/cluster/apply', '/v1/dns/query', '/v1/secrets/tls']));
  });

  test.each(routes)('POST %s with {} is a 422 naming each missing field', async (path) => {
    const res = await t.http.post(path).send({});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FIELD_REQUIRED');
    expect(res.body.problems.length).toBeGreaterThan(0);
    for (const p of res.body.problems) {
      expect(p.path).not.toBe('');
      expect(p.code).toMatch(/^FIELD_/);
    }
  });

  test.each(routes)('POST %s with a body that is not an object is a 400', async (path) => {
    for (const body of ['"x"', 'null', '42']) {
      const res = await t.http.post(path).set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_USER_INPUT');
    }
  });

  test('POST with a body that is not JSON is a 400', async () => {
    const res = await t.http.post('/v1/dns/records').set('content-type', 'application/json').send('{"objects": [');
    expect(res.status).toBe(400);
  });
});

describe('did you mean', () => {
  test.each([
    ['oom', 'oomkilled'],
    ['deploymnet', 'deployment'],
    ['node-affinty', 'node-affinity'],
    ['service-clusterip', 'service-type-clusterip'],
  ])('an unknown slug %s suggests %s first', async (slug, want) => {
    const res = await t.http.get(`/v1/concepts/${slug}`);
    expect(res.status).toBe(404);
    expect(res.body.suggestions[0]).toBe(want);
  });

  test('a misspelt top-level field that is a nested option is suggested by its full path', async () => {
    const res = await t.http
      .post('/v1/cluster/apply')
      .send({ objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], nodez: 2 });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        path: 'nodez',
        message: 'unknown field; supported: "objects", "manifests", "cluster". Did you mean "cluster.nodes"?',
      }),
    ]);
  });

  test('a misspelt query parameter and enum value name the nearest', async () => {
    const param = await t.http.get('/v1/concepts?categry=workloads');
    expect(param.body.detail).toContain('Did you mean "category"?');
    // A lookup's parameters are BAD_USER_INPUT (400); a computation's, FIELD_NOT_SUPPORTED (422): docs/errors.md, README.
    expect({ status: param.status, code: param.body.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    const computed = await t.http.post('/v1/endpointslices?limt=5').send({ objects: [] });
    expect({ status: computed.status, code: computed.body.code }).toEqual({ status: 422, code: 'FIELD_NOT_SUPPORTED' });
    const value = await t.http.get('/v1/concepts?category=workload');
    expect(value.body.detail).toContain('Did you mean "workloads"?');
  });

  test.each([
    ['/v1/search', 'query'],
    ['/v1/context', 'question'],
  ])(
    '%s names its question q, even when it is left out or sent under the name GraphQL gives it',
    async (route, own) => {
      const missing = await t.http.get(route);
      expect(missing.status).toBe(400);
      expect(missing.body.problems).toEqual([expect.objectContaining({ path: 'q', message: 'required' })]);
      const renamed = await t.http.get(`${route}?${own}=pod`);
      expect(renamed.body.problems).toEqual([expect.objectContaining({ path: own })]);
      expect(renamed.body.detail).toContain('Did you mean "q"?');
    },
  );
});

test.each([
  ['/v1/search?q=', 'q', 'must not be empty'],
  ['/v1/search?q=%20%20', 'q', 'must not be only spaces'],
  ['/v1/context?q=pod&budget=10', 'budget', 'must be a whole number of chars between 600 and 20000'],
  ['/v1/context?q=pod&budget=10&unit=tokens', 'budget', 'must be a whole number of tokens between 200 and 5000'],
])('%s is told one thing about its %s, not two overlapping ones', async (url, path, message) => {
  const res = await t.http.get(url);
  expect(res.status).toBe(400);
  expect(res.body.problems).toEqual([expect.objectContaining({ path, message })]);
});

test('a name YAML reads as a boolean (an unquoted n) is refused with a hint to quote it', async () => {
  const res = await t.http
    .post('/v1/cluster/apply')
    .set('content-type', 'application/yaml')
    .send('apiVersion: v1\nkind: Pod\nmetadata: {name: n}\nspec: {containers: [{name: c, image: x}]}\n');
  expect(res.status).toBe(200);
  expect(res.body.rejected[0].message).toBe(
    'Pod "" is invalid: metadata.name: Invalid value: false: must be a string (YAML reads an unquoted y, n, yes, no, on or off as a boolean: quote it)',
  );
});

test('the dry-run takes its cluster options in the query string, for a YAML body', async () => {
  const res = await t.http
    .post('/v1/cluster/apply?nodes=1&serviceCIDR=10.0.0.0/16')
    .set('content-type', 'application/yaml')
    .send(SERVICE.replace('namespace: data', 'namespace: default'));
  expect(res.status).toBe(200);
  const objects = res.body.objects as { kind: string; metadata: { name: string }; spec?: { clusterIP?: string } }[];
  expect(objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual(['node-1']);
  expect(objects.find((o) => o.metadata.name === 'kubernetes')?.spec?.clusterIP).toBe('10.0.0.1');
  const bad = await t.http.post('/v1/cluster/apply?nodes=0').set('content-type', 'application/yaml').send(SERVICE);
  expect(bad.status).toBe(422);
  expect(bad.body.problems[0].path).toBe('nodes');
  // In both places, neither is dropped without a word (hostile review: ?nodes=abc was ignored).
  const twice = await t.http.post('/v1/cluster/apply?nodes=abc').send({ objects: [], cluster: { nodes: 1 } });
  expect(twice.status).toBe(400);
  expect(twice.body.problems).toEqual([
    expect.objectContaining({ path: 'nodes', message: expect.stringContaining('given twice') }),
  ]);
});

describe('a problem under ?lang=ko', () => {
  test('has its title in Korean; the detail keeps Kubernetes’ words and the field paths', async () => {
    const res = await t.http.post('/v1/dns/query?lang=ko').send({});
    expect(res.status).toBe(422);
    expect(res.body.title).toBe('처리할 수 없는 내용');
    expect(res.body.detail).toContain('query: required');
    const byHeader = await t.http.get('/v1/concepts/oom').set('accept-language', 'ko');
    expect(byHeader.body.title).toBe('찾을 수 없음');
    expect((await t.http.get('/v1/concepts/oom')).body.title).toBe('Not Found');
  });
});

describe('a StatefulSet whose serviceName names a Service with a clusterIP', () => {
  // The headless SERVICE above with a cluster IP instead, and a StatefulSet of two Pods naming it.
  const manifests = `${NAMESPACE}---\n${SERVICE.replace('clusterIP: None, ', '')}---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec: { serviceName: db, replicas: 2, selector: { matchLabels: { app: db } }, template: { metadata: { labels: { app: db } },
  spec: { containers: [{ name: pg, image: postgres }] } } }
`;
  const ask = (lang: string) =>
    t.http
      .post(`/v1/dns/query?name=db-0.db.data.svc.cluster.local&lang=${lang}`)
      .set('content-type', 'application/yaml')
      .send(manifests);

  test('is warned that the names are CoreDNS’s, not the spec’s, in the response that answers them', async () => {
    const res = await ask('en');
    expect(res.status).toBe(200);
    expect(res.body.answer.map((r: { name: string }) => r.name)).toEqual(['db-0.db.data.svc.cluster.local.']);
    const warning = (res.body.warnings as string[]).find((w) => w.startsWith('StatefulSet/data/db:'));
    // It used to say the Pods get no DNS names while the answer above gave one.
    expect(warning).toContain('names Service db, which is not headless: CoreDNS serves its Pods');
    expect(warning).toContain('the Kubernetes DNS specification promises them only for headless Services');
    expect(warning).toContain("the Service's own name resolves to its cluster IP, not to the Pods");
    expect(warning).not.toContain('no DNS names');
  });

  test('has a summary whose sentences are parted, in English and Korean', async () => {
    const en = (await ask('en')).body.explanation.summary as string;
    expect(en).toContain('names the Service. CoreDNS serves endpoint names under Services with a clusterIP too');
    const ko = (await ask('ko')).body.explanation.summary as string;
    expect(ko).toContain('가져온다. CoreDNS는 clusterIP가 있는 Service 아래에도');
  });
});
