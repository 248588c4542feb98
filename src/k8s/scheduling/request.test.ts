// The request facade: objects or manifests with the Pod last, or an explicit `pod`; every problem of a
// request at once, at its field path; options checked.
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { schedulingEvaluate } from './request';

const nodeJson = (name: string, cpu = '2') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { allocatable: { cpu, memory: '4Gi', pods: '10' } },
});
const podJson = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '1' } } }], ...spec },
});

function problems(request: unknown): string[] {
  try {
    schedulingEvaluate(deepFreeze(request) as never);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

test('JSON: the last Pod of the objects is the one scheduled; the others are the cluster', () => {
  const r = schedulingEvaluate({
    objects: [nodeJson('n1'), nodeJson('n2', '8'), podJson('old', { nodeName: 'n2' }), podJson('web')],
  });
  expect(r.selectedNode).toBe('n2');
  expect(r.nodes.map((n) => n.name)).toEqual(['n1', 'n2']);
});

test('an explicit pod is scheduled against all the objects', () => {
  const r = schedulingEvaluate({ objects: [nodeJson('n1')], pod: podJson('web', { nodeSelector: { disk: 'ssd' } }) });
  expect(r.message).toBe(
    "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
  );
});

test('YAML manifests with the Pod last', () => {
  const manifests = `apiVersion: v1
kind: Node
metadata: {name: worker}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: nginx, resources: {requests: {cpu: 500m}}}]
`;
  expect(schedulingEvaluate({ manifests }).selectedNode).toBe('worker');
});

test('options choose the scoring strategy', () => {
  const objects = [nodeJson('small'), nodeJson('large', '8'), podJson('web')];
  expect([
    schedulingEvaluate({ objects }).selectedNode,
    schedulingEvaluate({ objects, scoringStrategy: 'MostAllocated' }).selectedNode,
  ]).toEqual(['large', 'small']);
});

const cases: { name: string; request: unknown; want: string[] }[] = [
  {
    name: 'a request that is not an object',
    request: [],
    want: ['BAD_USER_INPUT : the request must be an object'],
  },
  {
    name: 'no Pod anywhere',
    request: { objects: [nodeJson('n1')] },
    want: [
      'FIELD_REQUIRED pod: Required value: the Pod to schedule: give "pod", or put the Pod last among the objects',
    ],
  },
  {
    name: 'every problem at once: unknown field, bad options, an invalid object and an invalid pod',
    request: {
      objects: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'Bad_Name' } }],
      pod: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: 'lots' } } }] },
      },
      scoringStrategy: 'Fastest',
      percentageOfNodesToScore: 150,
      shape: [
        { utilization: 50, score: 5 },
        { utilization: 20, score: 11 },
      ],
      nodeName: 'n1',
    },
    want: [
      expect.stringMatching(/^FIELD_NOT_SUPPORTED nodeName: unknown field; supported: "objects", "manifests", "pod"/),
      expect.stringMatching(/^FIELD_INVALID pod\.spec\.containers\[0\]\.resources\.requests\["cpu"\]: /),
      'FIELD_NOT_SUPPORTED scoringStrategy: supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
      'FIELD_INVALID shape[1].score: must be a whole number from 0 to 10',
      'FIELD_INVALID shape[1].utilization: utilizations must increase',
      'FIELD_INVALID percentageOfNodesToScore: must be a whole number from 0 to 100',
      expect.stringMatching(/^FIELD_INVALID objects\[0\]\.metadata\.name: a lowercase RFC 1123 subdomain/),
    ],
  },
  {
    name: 'a PriorityClass that does not exist is refused as the Priority admission plugin refuses it',
    request: { objects: [nodeJson('n1')], pod: podJson('web', { priorityClassName: 'urgent' }) },
    want: [
      'FIELD_INVALID pod.spec.priorityClassName: pods "web" is forbidden: no PriorityClass with name urgent was found',
    ],
  },
  {
    name: 'a PriorityClass missing for the last Pod of the objects is said at that Pod, not at `pod`',
    request: { objects: [nodeJson('n1'), podJson('web', { priorityClassName: 'urgent' })] },
    want: [
      'FIELD_INVALID objects[1].spec.priorityClassName: pods "web" is forbidden: no PriorityClass with name urgent was found',
    ],
  },
  {
    name: 'pod must be a Pod',
    request: { objects: [nodeJson('n1')], pod: nodeJson('n2') },
    want: ['FIELD_INVALID pod.kind: must be Pod'],
  },
];
for (const c of cases) test(c.name, () => expect(problems(c.request)).toEqual(c.want));
