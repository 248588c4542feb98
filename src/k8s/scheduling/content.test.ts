// The concepts' examples that place a Pod, answered by the facade (content/concepts/*.yaml, the same
// files the seed loads). Every example with Nodes and a Pod is evaluated; the expected answers are the
// ones the examples' own comments and texts state, in kube-scheduler v1.35's words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { schedulingEvaluate } from '.';

/** The seed's scheduling topics: each needs an example the evaluator answers. */
const SLUGS = [
  'pod-scheduling',
  'scheduling-volume-filter',
  'scheduling-resource-filter',
  'scheduling-topology-filter',
  'node-selector',
  'node-affinity',
  'pod-affinity',
  'pod-anti-affinity',
  'taints-and-tolerations',
  'pod-topology-spread',
  'scheduler-preemption',
  'persistent-volume',
];

const dir = join(__dirname, '..', '..', '..', 'content', 'concepts');
const examples = readdirSync(dir).flatMap((file) => {
  const doc = load(readFileSync(join(dir, file), 'utf8')) as {
    slug: string;
    examples?: { key: string; manifest: string }[];
  };
  return (doc.examples ?? []).map((e) => ({ slug: doc.slug, name: `${doc.slug}#${e.key}`, manifest: e.manifest }));
});
/** An example the evaluator answers: it has Nodes and a Pod (the facade places the last Pod). */
const answerable = examples.filter((e) => /^kind: Node$/m.test(e.manifest) && /^kind: Pod$/m.test(e.manifest));

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';
const postFilter = (n: number, histogram: string) =>
  ` no new claims to deallocate, preemption: 0/${n} nodes are available: ${histogram}.`;

interface Expected {
  selectedNode: string | null;
  message: string | null;
  /** Preemption's choice, when the Pod can preempt. */
  preemption?: { nominatedNode: string; victims: string[] };
}

const EXPECTED: Record<string, Expected> = {
  'pod-scheduling#filters-then-score': { selectedNode: 'node-a', message: null },
  'pod-scheduling#nothing-fits': {
    selectedNode: null,
    message:
      "0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s)." +
      postFilter(3, `3 ${NOT_HELPFUL}`),
  },
  'scheduling-volume-filter#zonal-pv-conflict': {
    selectedNode: null,
    message:
      '0/2 nodes are available: 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable.' +
      postFilter(2, `2 ${NOT_HELPFUL}`),
  },
  'scheduling-volume-filter#immediate-binding-unbound': {
    selectedNode: null,
    message:
      '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.' + postFilter(1, `1 ${NOT_HELPFUL}`),
  },
  'scheduling-resource-filter#requests-not-usage': {
    selectedNode: null,
    message: '0/1 nodes are available: 1 Insufficient cpu.' + postFilter(1, `1 ${NO_VICTIMS}`),
  },
  'scheduling-resource-filter#host-port-conflict': {
    selectedNode: null,
    message:
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports." +
      postFilter(1, `1 ${NO_VICTIMS}`),
  },
  'scheduling-topology-filter#one-reason-per-node': {
    selectedNode: null,
    message:
      "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match pod affinity rules, 1 node(s) didn't match pod anti-affinity rules, 1 node(s) had untolerated taint(s)." +
      postFilter(4, `1 ${NO_VICTIMS}, 3 ${NOT_HELPFUL}`),
  },
  'node-selector#ssd-nodes': { selectedNode: 'worker-2', message: null },
  'node-selector#typo-no-match': {
    selectedNode: null,
    message:
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector." +
      postFilter(1, `1 ${NOT_HELPFUL}`),
  },
  'node-affinity#required-and-preferred': { selectedNode: 'node-b1', message: null },
  'pod-affinity#web-near-cache': { selectedNode: 'node-a2', message: null },
  'pod-anti-affinity#one-per-node': {
    selectedNode: null,
    message:
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules." + postFilter(2, `2 ${NO_VICTIMS}`),
  },
  'taints-and-tolerations#dedicated-gpu-node': { selectedNode: 'cpu-1', message: null },
  'taints-and-tolerations#noexecute-grace': { selectedNode: 'node-3', message: null },
  'pod-topology-spread#spread-across-zones': { selectedNode: 'node4', message: null },
  // A successful preemption leaves the PostFilter message empty: only the filters' histogram remains.
  'scheduler-preemption#preempt-low-priority': {
    selectedNode: null,
    message: '0/1 nodes are available: 1 Insufficient cpu.',
    preemption: { nominatedNode: 'node-1', victims: ['batch-1'] },
  },
  'persistent-volume#wait-for-first-consumer': { selectedNode: 'node-b1', message: null },
  'pod-pending#too-big-for-the-workers': {
    selectedNode: null,
    message:
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.' +
      postFilter(3, `3 ${NOT_HELPFUL}`),
  },
  'resource-requests-limits#requests-and-limits': { selectedNode: 'worker-1', message: null },
  'resource-requests-limits#insufficient-cpu': {
    selectedNode: null,
    message: '0/3 nodes are available: 3 Insufficient cpu.' + postFilter(3, `3 ${NOT_HELPFUL}`),
  },
  // The Pod names its node (spec.nodeName): NodeName's filter rejects every other node.
  'service-type-nodeport#node-port': { selectedNode: 'node-a', message: null },
};

test('every scheduling topic has an example the evaluator answers, and each has an expected answer', () => {
  const topics = new Set(answerable.map((e) => e.slug));
  for (const slug of SLUGS) expect([slug, topics.has(slug)]).toEqual([slug, true]);
  expect(answerable.map((e) => e.name).sort()).toEqual(Object.keys(EXPECTED).sort());
});

for (const e of answerable) {
  test(`${e.name}: the scheduler answers as the example says`, () => {
    const got = schedulingEvaluate({ manifests: e.manifest });
    const want = EXPECTED[e.name];
    expect({ selectedNode: got.selectedNode, message: got.message }).toEqual({
      selectedNode: want.selectedNode,
      message: want.message,
    });
    if (want.preemption)
      expect({
        nominatedNode: got.preemption?.nominatedNode,
        victims: got.preemption?.victims.map((v) => v.name),
      }).toEqual(want.preemption);
    expect(got.explanation.summary.ko.length).toBeGreaterThan(0);
  });
}
