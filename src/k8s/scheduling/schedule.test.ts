// Whole cycles of the default profile: which node is chosen and why, and the FailedScheduling message
// when none is — the first modelled on the issue's own example, the message format on events from
// clusters running kube-scheduler 1.35 (taint reasons without keys since kubernetes#134740).
import { deepFreeze } from '../testing/builders';
import { schedulePod } from './schedule';
import { node, pod, state } from './testkit';

const controlPlane = () =>
  node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });

test('the issue’s example: a tainted control plane and two full workers', () => {
  const s = state(
    [controlPlane(), node('w1', { cpu: '2' }), node('w2', { cpu: '2' })],
    [pod('a', { on: 'w1', cpu: '1500m' }), pod('b', { on: 'w2', cpu: '1500m' })],
  );
  const r = schedulePod(pod('web', { cpu: '1' }), deepFreeze(s));
  expect(r.selectedNode).toBeNull();
  expect(r.message).toBe(
    '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
  expect(r.nodes.map((n) => [n.name, n.feasible, n.reasons])).toEqual([
    ['cp', false, ['node(s) had untolerated taint(s)']],
    ['w1', false, ['Insufficient cpu']],
    ['w2', false, ['Insufficient cpu']],
  ]);
  expect(r.explanation.summary.en).toMatch(/^No node fits/);
});

test('the emptier node wins on LeastAllocated and BalancedAllocation; every scorer is reported with its weight', () => {
  const s = state([node('busy'), node('idle')], [pod('a', { on: 'busy', cpu: '3', memory: '6Gi' })]);
  const r = schedulePod(pod('web', { cpu: '500m', memory: '1Gi' }), s);
  expect(r.selectedNode).toBe('idle');
  const idle = r.nodes.find((n) => n.name === 'idle')!;
  expect(Object.keys(idle.scores)).toEqual([
    'TaintToleration',
    'NodeResourcesFit',
    'NodeResourcesBalancedAllocation',
    'ImageLocality',
  ]);
  expect(idle.totalScore).toBe(Object.entries(idle.scores).reduce((t, [p, s]) => t + s * r.weights[p], 0));
});

test('equal nodes tie: the first by name is chosen and the others are listed', () => {
  const r = schedulePod(pod('p'), state([node('b'), node('c'), node('a')]));
  expect([r.selectedNode, r.tiedWith]).toEqual(['a', ['b', 'c']]);
});

test('with a single feasible node nothing is scored', () => {
  const r = schedulePod(pod('p'), state([controlPlane(), node('w')]));
  expect([r.selectedNode, r.nodes[1].scores]).toEqual(['w', {}]);
  expect(r.explanation.steps.map((s) => s.rule)).toContain('single-feasible-node');
});

test('a PreFilter rejection is the whole message, and every node carries it', () => {
  const r = schedulePod(
    pod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
    state([node('n1'), node('n2')]),
  );
  expect(r.message).toBe(
    '0/2 nodes are available: persistentvolumeclaim "data" not found. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
  expect(r.nodes.map((n) => n.reasons)).toEqual([
    ['persistentvolumeclaim "data" not found'],
    ['persistentvolumeclaim "data" not found'],
  ]);
});

test('nodes left out by a PreFilter result count as "didn\'t satisfy plugin(s) [NodeAffinity]"', () => {
  const pinned = {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
        },
      },
    },
  };
  // 8 cpu is more than n1 has at all: no eviction helps there either.
  const r = schedulePod(pod('p', { cpu: '8', spec: pinned }), state([node('n1'), node('n2'), node('n3')]));
  expect(r.message).toBe(
    "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
});

test('no nodes at all', () => {
  expect(schedulePod(pod('p'), state([])).message).toBe('no nodes available to schedule pods');
});

test('percentageOfNodesToScore stops filtering once enough nodes fit: the rest are not evaluated, and the answer may differ', () => {
  const nodes = Array.from({ length: 200 }, (_, i) =>
    node(`n${String(i).padStart(3, '0')}`, { cpu: i === 150 ? '64' : '4' }),
  );
  const all = schedulePod(pod('p', { cpu: '1' }), state(nodes));
  const sampled = schedulePod(pod('p', { cpu: '1' }), state(nodes), { percentageOfNodesToScore: 10 });
  // 10% of 200 is under the floor of 100 nodes: the first 100 are evaluated.
  expect([all.selectedNode, sampled.selectedNode, sampled.nodes.filter((n) => n.evaluated).length]).toEqual([
    'n150',
    'n000',
    100,
  ]);
});

test('Pods that are not bound, or have finished, take no room; the result says so', () => {
  const s = state(
    [node('n1', { cpu: '1' })],
    [pod('pending', { cpu: '1' }), pod('done', { on: 'n1', cpu: '1', phase: 'Succeeded' })],
  );
  const r = schedulePod(pod('p', { cpu: '1' }), s);
  expect(r.selectedNode).toBe('n1');
  expect(r.warnings).toEqual([
    '1 Pod(s) have no spec.nodeName: they are not bound, so they take no room (the cluster dry-run places them)',
  ]);
});

test('a Pod that names its node is explained as the kubelet’s business', () => {
  const r = schedulePod(pod('p', { spec: { nodeName: 'n2' } }), state([node('n1'), node('n2')]));
  expect(r.selectedNode).toBe('n2');
  expect(r.explanation.steps.map((s) => s.rule)).toContain('pod-already-bound');
});

test('the explanation names at most ten nodes a step and counts the rest; the result still lists them all', () => {
  const taint = [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }];
  const tainted = Array.from({ length: 12 }, (_, i) => node(`t${String(i).padStart(2, '0')}`, { taints: taint }));
  const r = schedulePod(pod('web'), state([...tainted, node('free')]));
  expect(r.selectedNode).toBe('free');
  expect(r.nodes.filter((n) => !n.feasible)).toHaveLength(12);
  const step = r.explanation.steps.find((s) => s.rule === 'filter-TaintToleration')!;
  expect(step.text.en).toMatch(/^TaintToleration rejected 12 node\(s\) \(t00, t01, .*, t09 and 2 more\): /);
  expect(step.text.ko).toContain('t09 외 2개');
});
