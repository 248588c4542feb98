// POST /v1/probes/timeline through the real app: the request as JSON or as YAML (the same fields), a
// bare container or a Pod with its Service, the answer's events, findings and endpoint states, the
// problems a request can have at their paths, and the route's OpenAPI description (a JSON or YAML body
// of these fields, not manifests). The expected moments are the kernel's, worked out by hand from the
// kubelet's rules in src/k8s/probes/timeline.test.ts.
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const http = (path: string) => ({ httpGet: { path, port: 8080 } });
const SLOW_START = {
  container: {
    name: 'web',
    image: 'registry.example.com/web:1',
    livenessProbe: { ...http('/livez'), periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: http('/readyz'),
  },
  scenario: { durationSeconds: 200, startupSeconds: 45 },
};
type Event = { t: number; effect: string | null; endpoint?: { conditions: Record<string, boolean> } | null };
const moments = (events: Event[], effect: string) => events.filter((e) => e.effect === effect).map((e) => e.t);

const json = (body: unknown, url = '/v1/probes/timeline') =>
  t.http.post(url).set('content-type', 'application/json').send(JSON.stringify(body));
const yaml = (text: string) => t.http.post('/v1/probes/timeline').set('content-type', 'application/yaml').send(text);

test('a liveness probe that kills a slow start: kills, restarts, back-off, and the finding that says so', async () => {
  const res = await json(SLOW_START).expect(200);
  const events = res.body.events as Event[];
  expect(moments(events, 'killing')).toEqual([20, 50, 80, 110, 140]);
  expect(moments(events, 'containerStarted')).toEqual([0, 21, 51, 81, 111, 181]);
  expect(res.body.summary).toMatchObject({ restarts: 5, killedBy: { liveness: 5, startup: 0 }, firstReadyAt: null });
  expect(res.body.findings).toEqual(
    expect.arrayContaining([expect.objectContaining({ code: 'livenessKillsSlowStart', severity: 'warning' })]),
  );
});

test('the same request as YAML gets the same answer', async () => {
  const [a, b] = await Promise.all([json(SLOW_START), yaml(stringify(SLOW_START))]);
  expect(b.status).toBe(200);
  expect(b.body).toEqual(a.body);
});

test('a Pod and its Service: the endpoint leaves and rejoins the EndpointSlice with readiness', async () => {
  const res = await json({
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image: 'web:1', readinessProbe: { ...http('/ready'), periodSeconds: 5, failureThreshold: 2 } },
        ],
      },
      status: { podIP: '10.1.0.7' },
    },
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
    scenario: { durationSeconds: 60, failures: [{ probes: 'readiness', from: 20, forSeconds: 15 }] },
  }).expect(200);
  const events = res.body.events as Event[];
  expect(moments(events, 'notReady')).toEqual([25]);
  expect(events.find((e) => e.effect === 'notReady')!.endpoint).toMatchObject({
    endpointSlice: expect.stringMatching(/^web-/),
    addresses: ['10.1.0.7'],
    conditions: { ready: false, serving: false, terminating: false },
  });
  expect(res.body.summary.restarts).toBe(0);
});

test('manifests: the last Pod, with the first Service, as a concept example gives them', async () => {
  const manifests = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  containers:
    - name: web
      image: web:1
      readinessProbe: { httpGet: { path: /ready, port: 8080 }, periodSeconds: 5, failureThreshold: 2 }
status: { podIP: 10.1.0.7 }
`;
  const res = await json({
    manifests,
    scenario: { durationSeconds: 60, failures: [{ probes: 'readiness', from: 20, forSeconds: 15 }] },
  }).expect(200);
  expect(moments(res.body.events as Event[], 'notReady')).toEqual([25]);
  const none = await json({ manifests: 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n' }).expect(422);
  expect(none.body.problems).toEqual([
    { code: 'FIELD_REQUIRED', path: 'manifests', message: 'required: a Pod (the last one is simulated)' },
  ]);
});

test('Example.probeTimeline answers the seed’s probe examples, and null for an example with no probe', async () => {
  const q = `query($slug: String!) { concept(slug: $slug) { examples { key probeTimeline(scenario: { durationSeconds: 60 }) { container summary { restarts firstReadyAt } } } } }`;
  const ask = (slug: string) => t.http.post('/graphql').send({ query: q, variables: { slug } }).expect(200);
  const probes = await ask('container-probe');
  expect(probes.body.errors).toBeUndefined();
  const examples = probes.body.data.concept.examples as { key: string; probeTimeline: unknown }[];
  expect(examples.find((e) => e.key === 'four-mechanisms')?.probeTimeline).toEqual({
    container: 'web',
    summary: { restarts: 0, firstReadyAt: 0 },
  });
  const none = await ask('headless-service');
  expect(none.body.errors).toBeUndefined();
  for (const e of none.body.data.concept.examples as { probeTimeline: unknown }[]) expect(e.probeTimeline).toBeNull();
});

describe('problems, each at its path', () => {
  const probe = { exec: { command: ['true'] } };
  const cases: { name: string; send: () => ReturnType<typeof json>; status: number; problem: object }[] = [
    {
      name: 'a Pod and a container',
      send: () => json({ pod: { kind: 'Pod' }, container: SLOW_START.container }),
      status: 422,
      problem: { code: 'FIELD_INVALID', path: 'container', message: 'give a pod or a container, not both' },
    },
    {
      name: 'neither',
      send: () => json({ scenario: { durationSeconds: 10 } }),
      status: 422,
      problem: { code: 'FIELD_REQUIRED', path: 'pod', message: 'required: a Pod (or a container) with probes' },
    },
    {
      name: 'a grace period on a readiness probe, as the API server refuses it',
      send: () =>
        json({
          container: { name: 'web', image: 'i', readinessProbe: { ...probe, terminationGracePeriodSeconds: 5 } },
        }),
      status: 422,
      problem: {
        code: 'FIELD_INVALID',
        path: 'container.readinessProbe.terminationGracePeriodSeconds',
        message: 'must not be set for readinessProbes',
      },
    },
    {
      name: 'a container the Pod does not have',
      send: () =>
        json({
          pod: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p' },
            spec: { containers: [{ name: 'web', image: 'i' }] },
          },
          containerName: 'api',
        }),
      status: 422,
      problem: { code: 'FIELD_INVALID', path: 'containerName', message: 'no container named "api" in the Pod' },
    },
    {
      name: 'a failure window past a day',
      send: () => json({ container: SLOW_START.container, scenario: { failures: [{ from: 86401 }] } }),
      status: 422,
      problem: expect.objectContaining({ code: 'FIELD_INVALID', path: 'scenario.failures[0].from' }),
    },
    {
      name: 'a misspelt scenario field, named',
      send: () => json({ container: SLOW_START.container, scenario: { duration: 10 } }),
      status: 422,
      problem: expect.objectContaining({ code: 'FIELD_NOT_SUPPORTED', path: 'scenario.duration' }),
    },
    // Probe periods and thresholds are int32 in core/v1 and must be at least 1 (ValidateProbe); a
    // larger number cannot even be decoded by the API server.
    ...(
      [
        ['periodSeconds', 1e308, 'must be less than or equal to 2147483647 (an int32)'],
        ['failureThreshold', 2147483648, 'must be less than or equal to 2147483647 (an int32)'],
        ['periodSeconds', -10, 'must be greater than or equal to 1'],
        ['initialDelaySeconds', -1, 'must be greater than or equal to 0'],
        ['timeoutSeconds', 1.5, 'must be an integer'],
      ] as const
    ).map(([field, value, message]) => ({
      name: `livenessProbe.${field}: ${value}`,
      send: () => json({ container: { name: 'web', image: 'i', livenessProbe: { ...probe, [field]: value } } }),
      status: 422,
      problem: { code: 'FIELD_INVALID', path: `container.livenessProbe.${field}`, message, value },
    })),
    {
      name: 'a probe grace period past an int64',
      send: () =>
        json({
          container: { name: 'web', image: 'i', livenessProbe: { ...probe, terminationGracePeriodSeconds: 1e300 } },
        }),
      status: 422,
      problem: {
        code: 'FIELD_INVALID',
        path: 'container.livenessProbe.terminationGracePeriodSeconds',
        message: 'must be less than or equal to 9223372036854775807 (an int64)',
        value: 1e300,
      },
    },
    {
      name: 'YAML that is a list, not a mapping',
      send: () => yaml('- container: {}\n'),
      status: 400,
      problem: { code: 'BAD_USER_INPUT', path: '', message: 'the request must be a YAML mapping' },
    },
    {
      name: 'YAML that cannot be read',
      send: () => yaml('container: {name: web\n  image: [\n'),
      status: 400,
      problem: expect.objectContaining({ code: 'MANIFEST_UNPARSABLE' }),
    },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const res = await c.send();
      expect({ status: res.status, problem: res.body.problems[0] as unknown }).toEqual({
        status: c.status,
        problem: c.problem,
      });
    });

  test('a body of another type is a 415 saying what to send', async () => {
    const res = await t.http.post('/v1/probes/timeline').set('content-type', 'text/plain').send('container: x');
    expect(res.status).toBe(415);
    expect(res.body.problems).toEqual([
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        path: 'headers.content-type',
        message: 'send application/json, application/yaml, application/x-yaml, text/yaml; got text/plain',
      },
    ]);
  });
});

test('OpenAPI describes the route’s own fields as JSON or YAML, not manifests', async () => {
  const doc = (await t.http.get('/openapi.json').expect(200)).body as {
    paths: Record<
      string,
      { post: { description: string; requestBody: { content: Record<string, { schema: Record<string, unknown> }> } } }
    >;
  };
  const post = doc.paths['/v1/probes/timeline'].post;
  expect(post.description).not.toMatch(/objects|manifests/);
  const content = post.requestBody.content;
  expect(Object.keys(content).sort()).toEqual([
    'application/json',
    'application/x-yaml',
    'application/yaml',
    'text/yaml',
  ]);
  expect(Object.keys(content['application/json'].schema.properties as object).sort()).toEqual([
    'container',
    'containerName',
    'manifests',
    'pod',
    'restartPolicy',
    'scenario',
    'service',
    'terminationGracePeriodSeconds',
  ]);
  expect(content['application/yaml'].schema.description).toBe('The same fields as the JSON body, as a YAML mapping.');
  // The Secret routes take the same fields as JSON or YAML, and name kubectl's output `output`, chosen by name only.
  const secrets = doc.paths['/v1/secrets/generic'].post as unknown as {
    requestBody: { content: object };
    parameters: { name: string; schema: { enum?: string[]; description?: string } }[];
  };
  expect(Object.keys(secrets.requestBody.content).sort()).toEqual(Object.keys(content).sort());
  const output = secrets.parameters.find((p) => p.name === 'output');
  expect(output?.schema).toMatchObject({ enum: ['result', 'yaml', 'json'] });
  expect(secrets.parameters.find((p) => p.name === 'format')).toBeUndefined();
});

test('MCP probe_timeline: the summary, the findings, then one line per event that changed something', async () => {
  const res = await t.http
    .post('/mcp')
    .set('content-type', 'application/json')
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'probe_timeline', arguments: SLOW_START } })
    .expect(200);
  const lines = (res.body.result as { content: { text: string }[] }).content[0].text.split('\n');
  expect(lines[0]).toMatch(
    /^Over 200 s, container web restarts 5 time\(s\) and the Pod is Ready for 0 s \(never Ready\)/,
  );
  expect(lines.filter((l) => l.startsWith('Finding ')).map((l) => l.split(':')[0])).toEqual([
    'Finding (info) container.livenessProbe.failureThreshold',
    'Finding (warning) container.livenessProbe.failureThreshold',
  ]);
  expect(lines.filter((l) => / {2}killing: /.test(l)).map((l) => l.split(' ')[0])).toEqual([
    '20',
    '50',
    '80',
    '110',
    '140',
  ]);
});
