// POST /v1/scheduling/evaluate through the real app: manifests as YAML (the Pod last) or JSON (objects
// and a Pod apart, a kind: List, one object), options in the query string or the body, JSON or text out,
// and the problems a request can have, each at its path with its message. Example.scheduling answers the
// seed's scheduling examples. The expected verdicts are kube-scheduler v1.35's, as the kernel's tests and
// docs/scheduling.md derive them (the three-zone question is the one docs/scheduling.md shows).
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { startTestApp, type TestApp } from './helpers/app';
import { mcpClient } from './helpers/mcp';
import { SCHEDULING_QUESTION, schedulingPod, THREE_ZONES } from './helpers/scheduling';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const objectsOf = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);

const NO_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

const yamlPost = (url: string, body: string) => t.http.post(url).set('content-type', 'application/yaml').send(body);
const jsonPost = (url: string, body: unknown) =>
  t.http.post(url).set('content-type', 'application/json').send(JSON.stringify(body));

describe('answers', () => {
  test('will this Pod with this affinity land on node-a? Yes: node-c is filtered out, node-a wins on its preference', async () => {
    const res = await yamlPost('/v1/scheduling/evaluate', SCHEDULING_QUESTION).expect(200);
    expect(res.body).toMatchObject({ selectedNode: 'node-a', message: null, tiedWith: [] });
    const byName = Object.fromEntries((res.body.nodes as { name: string }[]).map((n) => [n.name, n]));
    expect(byName['node-a']).toMatchObject({ feasible: true, totalScore: 686, scores: { NodeAffinity: 100 } });
    expect(byName['node-b']).toMatchObject({ feasible: true, totalScore: 486, scores: { NodeAffinity: 0 } });
    expect(byName['node-c']).toMatchObject({ feasible: false, reasons: [NO_AFFINITY], scores: {}, totalScore: 0 });
    expect(res.body.explanation.summary).toEqual({
      en: '2 of 3 node(s) fit; the Pod goes to node-a.',
      ko: '노드 3개 중 2개가 맞고, 파드는 node-a에 배치된다.',
    });
  });

  test('a Pod too big for every node: the FailedScheduling message word for word', async () => {
    const res = await yamlPost('/v1/scheduling/evaluate', `${THREE_ZONES}---\n${schedulingPod('"6"')}`).expect(200);
    expect(res.body.selectedNode).toBeNull();
    expect(res.body.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  test('the same question every way: YAML, objects with the Pod apart, a kind: List, options in the query string', async () => {
    const objects = objectsOf(SCHEDULING_QUESTION);
    const answers = await Promise.all([
      yamlPost('/v1/scheduling/evaluate?scoringStrategy=MostAllocated', SCHEDULING_QUESTION),
      jsonPost('/v1/scheduling/evaluate', {
        objects: objects.slice(0, 3),
        pod: objects[3],
        scoringStrategy: 'MostAllocated',
      }),
      jsonPost('/v1/scheduling/evaluate?scoringStrategy=MostAllocated', {
        apiVersion: 'v1',
        kind: 'List',
        items: objects,
      }),
      jsonPost('/v1/scheduling/evaluate', { manifests: SCHEDULING_QUESTION, scoringStrategy: 'MostAllocated' }),
    ]);
    for (const a of answers) expect(a.status).toBe(200);
    expect(answers.map((a) => a.body as unknown)).toEqual(Array(4).fill(answers[0].body));
    // Bin packing scores the emptier nodes lower: both fits score the same on resources, so the preference decides.
    expect(answers[0].body.selectedNode).toBe('node-a');
  });

  test('a tainted node, as JSON: untolerated taint(s), and preemption does not help', async () => {
    const res = await jsonPost('/v1/scheduling/evaluate', {
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'gpu-1' },
          spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
          status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
        },
      ],
      pod: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    }).expect(200);
    expect(res.body.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  test('?format=text: the verdict, then a line per node', async () => {
    const res = await yamlPost('/v1/scheduling/evaluate?format=text', SCHEDULING_QUESTION).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(
      `selected: node-a\nnode-a: fits, score 686\nnode-b: fits, score 486\nnode-c: NodeAffinity: ${NO_AFFINITY}\n`,
    );
  });

  test('?format=text: a node that fits alone is not scored, and says so rather than "score 0"', async () => {
    const node = (name: string, taints: object[] = []) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec: { taints },
      status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
    });
    const res = await jsonPost('/v1/scheduling/evaluate?format=text', {
      objects: [node('a', [{ key: 'k', effect: 'NoSchedule' }]), node('b')],
      pod: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      },
    }).expect(200);
    expect(res.text).toContain('selected: b\n');
    expect(res.text).toContain('b: fits, not scored (the only node that fits)\n');
  });

  test('?format=text: a nomination by preemption is the line after the verdict', async () => {
    const res = await yamlPost(
      '/v1/scheduling/evaluate?format=text',
      `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {allocatable: {cpu: "1", memory: 1Gi, pods: "110"}}
---
apiVersion: v1
kind: Pod
metadata: {name: low}
spec: {nodeName: n1, containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: urgent}
spec: {priorityClassName: high, containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}
`,
    ).expect(200);
    expect(res.text.split('\n').slice(0, 2)).toEqual([
      'FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.',
      'nominated: n1, once preemption evicts default/low',
    ]);
  });
});

describe('problems, each at its path', () => {
  const cases: { name: string; send: () => ReturnType<typeof jsonPost>; status: number; problems: object[] }[] = [
    {
      name: 'no Pod among the objects',
      send: () => yamlPost('/v1/scheduling/evaluate', THREE_ZONES),
      status: 422,
      problems: [
        {
          code: 'FIELD_REQUIRED',
          path: 'pod',
          message: 'Required value: the Pod to schedule: give "pod", or put the Pod last among the objects',
        },
      ],
    },
    {
      name: 'a PriorityClass that does not exist: the Priority admission plugin’s refusal',
      send: () =>
        yamlPost('/v1/scheduling/evaluate', `${THREE_ZONES}---\n${schedulingPod('1', '\n  priorityClassName: high')}`),
      status: 422,
      problems: [
        expect.objectContaining({
          code: 'FIELD_INVALID',
          // The fourth document: the field the client sent, not `pod`, which it did not.
          path: 'objects[3].spec.priorityClassName',
          message: 'pods "web" is forbidden: no PriorityClass with name high was found',
        }),
      ],
    },
    {
      name: 'a selector operator Kubernetes does not have',
      send: () =>
        yamlPost(
          '/v1/scheduling/evaluate',
          `${THREE_ZONES}---\n${schedulingPod('1').replace('operator: In', 'operator: Inn')}`,
        ),
      status: 422,
      problems: [
        expect.objectContaining({
          path: 'objects[3].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator',
        }),
      ],
    },
    {
      name: 'a shape whose utilizations do not increase',
      send: () =>
        jsonPost('/v1/scheduling/evaluate', {
          manifests: SCHEDULING_QUESTION,
          scoringStrategy: 'RequestedToCapacityRatio',
          shape: [
            { utilization: 50, score: 5 },
            { utilization: 50, score: 9 },
          ],
        }),
      status: 422,
      problems: [expect.objectContaining({ path: 'shape[1].utilization', message: 'utilizations must increase' })],
    },
    {
      name: 'a misspelt option, with the likeliest',
      send: () => yamlPost('/v1/scheduling/evaluate?scoringStrategie=MostAllocated', SCHEDULING_QUESTION),
      status: 422,
      problems: [
        expect.objectContaining({
          code: 'FIELD_NOT_SUPPORTED',
          path: 'scoringStrategie',
          message: expect.stringContaining('Did you mean "scoringStrategy"?'),
        }),
      ],
    },
    {
      name: 'a misspelt field of the Pod is refused, as strict field validation refuses it, not dropped (new-user review)',
      send: () =>
        yamlPost(
          '/v1/scheduling/evaluate',
          SCHEDULING_QUESTION.replace(
            'requiredDuringSchedulingIgnoredDuringExecution',
            'requiredDuringSchedulingIgnoreDuringExecution',
          ),
        ),
      status: 422,
      problems: [
        expect.objectContaining({
          code: 'FIELD_NOT_SUPPORTED',
          path: expect.stringMatching(
            /^objects\[\d+\]\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoreDuringExecution$/,
          ),
          message: expect.stringContaining('(did you mean "requiredDuringSchedulingIgnoredDuringExecution"?)'),
        }),
      ],
    },
    {
      name: 'a percentage over 100',
      send: () => yamlPost('/v1/scheduling/evaluate?percentageOfNodesToScore=101', SCHEDULING_QUESTION),
      status: 422,
      problems: [expect.objectContaining({ code: 'FIELD_INVALID', path: 'percentageOfNodesToScore' })],
    },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const res = await c.send();
      expect({ status: res.status, problems: res.body.problems as unknown }).toEqual({
        status: c.status,
        problems: c.problems,
      });
    });
});

// A bad option used to hide the problems only the run found (the Pod missing or invalid, its PriorityClass
// missing): the client fixed the option and only then learnt of the rest. Every problem comes in one answer.
describe('every problem at once, options and manifests together', () => {
  const STRATEGY = {
    code: 'FIELD_NOT_SUPPORTED',
    path: 'scoringStrategy',
    message: expect.stringContaining('supported values: "LeastAllocated"'),
    value: 'Bogus',
  };
  const NO_POD = expect.objectContaining({ code: 'FIELD_REQUIRED', path: 'pod' });

  test('REST, YAML: a bad scoringStrategy and no Pod among the objects', async () => {
    const res = await yamlPost('/v1/scheduling/evaluate?scoringStrategy=Bogus', THREE_ZONES).expect(422);
    expect(res.body.problems).toEqual([expect.objectContaining(STRATEGY), NO_POD]);
  });

  test('REST, JSON: a bad scoringStrategy, an invalid `pod` and its missing PriorityClass', async () => {
    const pod = objectsOf(schedulingPod('lots', '\n  priorityClassName: high'))[0];
    const res = await jsonPost('/v1/scheduling/evaluate', {
      manifests: THREE_ZONES,
      pod,
      scoringStrategy: 'Bogus',
    }).expect(422);
    expect(res.body.problems).toEqual([
      expect.objectContaining(STRATEGY),
      expect.objectContaining({ path: expect.stringMatching(/^pod\.spec\.containers\[0\]\.resources\.requests/) }),
    ]);
    const fixed = { ...pod, spec: { ...(pod.spec as object), containers: [{ name: 'web', image: 'nginx' }] } };
    const next = await jsonPost('/v1/scheduling/evaluate', {
      manifests: THREE_ZONES,
      pod: fixed,
      scoringStrategy: 'Bogus',
    });
    expect(next.body.problems).toEqual([
      expect.objectContaining(STRATEGY),
      expect.objectContaining({ path: 'pod.spec.priorityClassName', message: expect.stringContaining('high') }),
    ]);
  });

  test('MCP and GraphQL: the same problems together', async () => {
    const client = await mcpClient(t, 'scheduling-problems');
    const mcp = await client.callTool({
      name: 'scheduling_evaluate',
      arguments: { manifests: THREE_ZONES, scoringStrategy: 'Bogus' },
    });
    await client.close();
    expect((mcp._meta?.['kubeknow/error'] as { problems: unknown }).problems).toEqual([
      expect.objectContaining(STRATEGY),
      NO_POD,
    ]);
    // GraphQL refuses an enum value it does not have before any field runs (graphql-js's validation); an
    // option GraphQL lets through comes with the manifests' problems.
    const q = `query($m: String) { schedulingEvaluate(manifests: $m, percentageOfNodesToScore: 101) { selectedNode } }`;
    const gql = await t.http
      .post('/graphql')
      .send({ query: q, variables: { m: THREE_ZONES } })
      .expect(200);
    const shape = [
      { utilization: 50, score: 5 },
      { utilization: 50, score: 9 },
    ];
    const rest = await jsonPost('/v1/scheduling/evaluate', { manifests: THREE_ZONES, scoringStrategy: 'Bogus', shape });
    expect((rest.body.problems as { path: string }[]).map((p) => p.path)).toEqual([
      'scoringStrategy',
      'pod',
      'shape[1].utilization',
    ]);
    expect(gql.body.errors[0].extensions.problems).toEqual([
      expect.objectContaining({ path: 'percentageOfNodesToScore' }),
      NO_POD,
    ]);
  });

  test('property: whatever the bad strategy, it and the missing Pod are reported together', async () => {
    const STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !STRATEGIES.includes(s)),
        async (strategy) => {
          const res = await jsonPost('/v1/scheduling/evaluate', { manifests: THREE_ZONES, scoringStrategy: strategy });
          expect(res.status).toBe(422);
          expect((res.body.problems as { path: string }[]).map((p) => p.path)).toEqual(['scoringStrategy', 'pod']);
        },
      ),
      { numRuns: 25 },
    );
  });
});

test('Example.scheduling answers the seed’s scheduling examples, and null for an example with no Node', async () => {
  const q = `query($slug: String!) { concept(slug: $slug) { examples { key scheduling { selectedNode message } } } }`;
  const res = await t.http
    .post('/graphql')
    .send({ query: q, variables: { slug: 'pod-scheduling' } })
    .expect(200);
  expect(res.body.errors).toBeUndefined();
  const byKey = Object.fromEntries(
    (res.body.data.concept.examples as { key: string; scheduling: unknown }[]).map((e) => [e.key, e.scheduling]),
  );
  expect(byKey['filters-then-score']).toEqual({ selectedNode: 'node-a', message: null });
  expect(byKey['nothing-fits']).toMatchObject({
    selectedNode: null,
    message: expect.stringMatching(/^0\/3 nodes are available: /),
  });
  const none = await t.http
    .post('/graphql')
    .send({ query: q, variables: { slug: 'headless-service' } })
    .expect(200);
  expect(none.body.errors).toBeUndefined();
  for (const e of none.body.data.concept.examples as { scheduling: unknown }[]) expect(e.scheduling).toBeNull();
});

test('MCP scheduling_evaluate: the summary, the verdict and a line per node for the model; the result as structuredContent', async () => {
  const res = await t.http
    .post('/mcp')
    .set('content-type', 'application/json')
    .set('accept', 'application/json, text/event-stream')
    .send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'scheduling_evaluate', arguments: { manifests: SCHEDULING_QUESTION } },
    })
    .expect(200);
  const result = res.body.result as { content: { text: string }[]; structuredContent: { selectedNode: string } };
  expect(result.content[0].text).toBe(
    '2 of 3 node(s) fit; the Pod goes to node-a.\n\nselected: node-a\nnode-a: fits, score 686\nnode-b: fits, score 486\n' +
      `node-c: NodeAffinity: ${NO_AFFINITY}`,
  );
  expect(result.structuredContent.selectedNode).toBe('node-a');
});
