// POST /v1/admission/pod and the podAdmission GraphQL field through the real app: the kubernetes.io task
// pages' namespaces (a quota on requests and limits, a LimitRange with defaults), sent as JSON with a
// separate `pod` and as YAML with the Pod last, and every way the input can be wrong.
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());
const { data } = graphqlClient(() => t);

// "Configure Memory and CPU Quotas for a Namespace": the quota, the first Pod running, the second refused.
const NAMESPACE = `
apiVersion: v1
kind: ResourceQuota
metadata: { name: mem-cpu-demo, namespace: quota-mem-cpu-example }
spec: { hard: { requests.cpu: "1", requests.memory: 1Gi, limits.cpu: "2", limits.memory: 2Gi } }
---
apiVersion: v1
kind: Pod
metadata: { name: quota-mem-cpu-demo, namespace: quota-mem-cpu-example }
spec:
  containers:
  - name: quota-mem-cpu-demo-ctr
    image: nginx
    resources: { limits: { memory: 800Mi, cpu: 800m }, requests: { memory: 600Mi, cpu: 400m } }
status: { phase: Running }
`;
const SECOND = `
apiVersion: v1
kind: Pod
metadata: { name: quota-mem-cpu-demo-2, namespace: quota-mem-cpu-example }
spec:
  containers:
  - name: quota-mem-cpu-demo-2-ctr
    image: redis
    resources: { limits: { memory: 1Gi, cpu: 800m }, requests: { memory: 700Mi, cpu: 400m } }
`;
const REFUSAL =
  'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi';
const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);

const DEFAULTS = `
apiVersion: v1
kind: LimitRange
metadata: { name: mem-limit-range, namespace: default-mem-example }
spec: { limits: [{ type: Container, default: { memory: 512Mi }, defaultRequest: { memory: 256Mi } }] }
---
apiVersion: v1
kind: Pod
metadata: { name: default-mem-demo, namespace: default-mem-example }
spec: { containers: [{ name: default-mem-demo-ctr, image: nginx }] }
`;

const post = (body: object, query: Record<string, string> = {}) =>
  t.http.post('/v1/admission/pod').query(query).set('content-type', 'application/json').send(body);
const postYaml = (text: string, query: Record<string, string> = {}) =>
  t.http.post('/v1/admission/pod').query(query).set('content-type', 'application/yaml').send(text);

test('JSON with a separate pod: refused with the API server’s message and the quota’s usage', async () => {
  const res = await post({ objects: objects(NAMESPACE), pod: objects(SECOND)[0] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ allowed: false, messages: [REFUSAL] });
  expect(res.body.quota[0].resources).toContainEqual({
    resource: 'requests.memory',
    hard: '1Gi',
    usedBefore: '600Mi',
    requested: '700Mi',
    usedAfter: '600Mi',
    exceeded: true,
  });
  expect(res.body.explanation.summary.en).toContain(REFUSAL);
});

test('YAML with the Pod last gives the same answer', async () => {
  const json = await post({ objects: objects(NAMESPACE), pod: objects(SECOND)[0] });
  const yaml = await postYaml(`${NAMESPACE}---${SECOND}`);
  expect(yaml.status).toBe(200);
  expect(yaml.body).toEqual(json.body);
});

test('an admitted Pod comes back with LimitRanger’s defaults and annotation, also as YAML', async () => {
  const res = await postYaml(DEFAULTS);
  expect(res.body.allowed).toBe(true);
  expect(res.body.messages).toEqual([]);
  expect(res.body.pod.spec.containers[0].resources).toEqual({
    requests: { memory: '256Mi' },
    limits: { memory: '512Mi' },
  });
  expect(res.body.pod.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  expect(res.body.pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
    'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr',
  );
  const yaml = await postYaml(DEFAULTS, { format: 'yaml' });
  expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
  expect(parseYaml(yaml.text)).toEqual(res.body.pod);
});

test('GraphQL answers the same', async () => {
  const rest = await post({ objects: objects(NAMESPACE), pod: objects(SECOND)[0] });
  const d = await data(
    `query ($objects: JSON, $pod: JSON) { podAdmission(objects: $objects, pod: $pod) {
       allowed messages pod defaults { resource value } quota { name matches resources { resource usedBefore exceeded } }
       explanation { summary { en ko } } } }`,
    { objects: objects(NAMESPACE), pod: objects(SECOND)[0] },
  );
  expect(d.podAdmission.allowed).toBe(false);
  expect(d.podAdmission.messages).toEqual(rest.body.messages);
  expect(d.podAdmission.pod).toEqual(rest.body.pod);
});

test('no Pod to admit, or a pod that is not a Pod, is a 422 at `pod`', async () => {
  const res = await postYaml(NAMESPACE.split('---')[0]);
  expect(res.status).toBe(422);
  expect(res.body.problems).toEqual([expect.objectContaining({ path: 'pod', code: 'FIELD_REQUIRED' })]);
  const notPod = await post({ objects: [], pod: objects(NAMESPACE)[0] });
  expect(notPod.status).toBe(422);
  expect(notPod.body.problems).toEqual([expect.objectContaining({ path: 'pod', code: 'FIELD_INVALID' })]);
});

test('a bad pod is reported from `pod`, a bad LimitRange from its object', async () => {
  const badPod = await post({ objects: [], pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } });
  expect(badPod.status).toBe(422);
  expect(badPod.body.problems.map((p: { path: string }) => p.path)).toEqual(['pod.spec.containers']);
  const badRange = await postYaml(DEFAULTS.replace('512Mi', '128Mi'));
  expect(badRange.status).toBe(422);
  expect(badRange.body.problems).toEqual([
    expect.objectContaining({
      path: 'objects["LimitRange/default-mem-example/mem-limit-range"].spec.limits[0].defaultRequest["memory"]',
      message: 'default request value 256Mi is greater than default limit value 128Mi',
    }),
  ]);
});

test('Example.podAdmission answers the seed’s LimitRange examples, and null for an example without one', async () => {
  const seeded = await startTestApp();
  try {
    const q = `query($slug: String!) { concept(slug: $slug) { examples { key podAdmission { allowed messages } } } }`;
    const res = await seeded.http
      .post('/graphql')
      .send({ query: q, variables: { slug: 'limit-range' } })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const byKey = Object.fromEntries(
      (res.body.data.concept.examples as { key: string; podAdmission: unknown }[]).map((e) => [e.key, e.podAdmission]),
    );
    // The example's last Pod, as its comment says: "maximum cpu usage per Container is 1, but limit is 1500m".
    expect(byKey['container-defaults-min-max']).toEqual({
      allowed: false,
      messages: ['pods "too-big" is forbidden: maximum cpu usage per Container is 1, but limit is 1500m'],
    });
    const none = await seeded.http
      .post('/graphql')
      .send({ query: q, variables: { slug: 'headless-service' } })
      .expect(200);
    expect(none.body.errors).toBeUndefined();
    for (const e of none.body.data.concept.examples as { podAdmission: unknown }[]) expect(e.podAdmission).toBeNull();
  } finally {
    await seeded.close();
  }
});
