// NodeResourcesFit: the Filter's "Insufficient …" and "Too many pods" reasons, which ones are beyond
// preemption, and the three scoring strategies with Go's integer arithmetic (fit_test.go,
// least_allocated_test.go, most_allocated_test.go, requested_to_capacity_ratio_test.go behaviours).
import { schedulePod } from '../schedule';
import { filterWith, node, pod, scoreWith, state } from '../testkit';
import { nodeResourcesFit } from './node-resources-fit';

test('a request larger than what is left is Insufficient; every short resource is listed', () => {
  const s = state(
    [node('small', { cpu: '1', memory: '1Gi' }), node('big')],
    [pod('old', { on: 'small', cpu: '600m', memory: '512Mi' })],
  );
  expect(filterWith(nodeResourcesFit, pod('p', { cpu: '500m', memory: '600Mi' }), s)).toEqual({
    small: ['Insufficient cpu', 'Insufficient memory'],
    big: [],
  });
});

test('exactly what is left fits', () => {
  const s = state([node('n', { cpu: '1' })], [pod('old', { on: 'n', cpu: '600m' })]);
  expect(filterWith(nodeResourcesFit, pod('p', { cpu: '400m' }), s)).toEqual({ n: [] });
});

test('a full node refuses even a Pod that requests nothing: Too many pods', () => {
  const s = state([node('n', { pods: '1' })], [pod('old', { on: 'n' })]);
  expect(filterWith(nodeResourcesFit, pod('p'), s)).toEqual({ n: ['Too many pods'] });
});

test('an extended resource the node lacks is Insufficient by its name', () => {
  const gpu = pod('p', {
    spec: { containers: [{ name: 'a', image: 'cuda', resources: { limits: { 'nvidia.com/gpu': '1' } } }] },
  });
  expect(
    filterWith(
      nodeResourcesFit,
      gpu,
      state([node('cpu-only'), node('gpu', { allocatable: { 'nvidia.com/gpu': '2' } })]),
    ),
  ).toEqual({ 'cpu-only': ['Insufficient nvidia.com/gpu'], gpu: [] });
});

test('a request above the whole node is unresolvable (preemption cannot help); one above what is free is not', () => {
  const s = state([node('n', { cpu: '2' })], [pod('old', { on: 'n', cpu: '1' })]);
  const code = (cpu: string) => schedulePod(pod('p', { cpu }), s).nodes[0].failures[0].code;
  expect([code('3'), code('1500m')]).toEqual(['UnschedulableAndUnresolvable', 'Unschedulable']);
});

// LeastAllocated: ((allocatable − requested) × 100 / allocatable) per resource, averaged; requested counts
// 100m/200Mi for containers that request nothing.
test('LeastAllocated favours the emptier node', () => {
  const s = state(
    [node('busy', { cpu: '4', memory: '8Gi' }), node('idle', { cpu: '4', memory: '8Gi' })],
    [pod('old', { on: 'busy', cpu: '3', memory: '6Gi' })],
  );
  // busy: cpu (4000−3500)×100/4000 = 12, memory (8192−7168)×100/8192 = 12 → 12; idle: cpu 87, memory 87 → 87
  expect(scoreWith(nodeResourcesFit, pod('p', { cpu: '500m', memory: '1Gi' }), s)).toEqual({ busy: 12, idle: 87 });
});

test('MostAllocated favours the fuller node', () => {
  const s = state(
    [node('busy', { cpu: '4', memory: '8Gi' }), node('idle', { cpu: '4', memory: '8Gi' })],
    [pod('old', { on: 'busy', cpu: '3', memory: '6Gi' })],
  );
  expect(
    scoreWith(nodeResourcesFit, pod('p', { cpu: '500m', memory: '1Gi' }), s, { scoringStrategy: 'MostAllocated' }),
  ).toEqual({ busy: 87, idle: 12 });
});

test('RequestedToCapacityRatio follows its shape (here: prefer half-full nodes)', () => {
  const s = state(
    [node('half', { cpu: '4', memory: '8Gi' }), node('idle', { cpu: '4', memory: '8Gi' })],
    [pod('old', { on: 'half', cpu: '1500m', memory: '3Gi' })],
  );
  const shape = [
    { utilization: 0, score: 0 },
    { utilization: 50, score: 10 },
    { utilization: 100, score: 0 },
  ];
  // half: cpu 2000/4000 = 50% → 100, memory 4Gi/8Gi = 50% → 100; idle: 12% → 24, 12% → 24
  expect(
    scoreWith(nodeResourcesFit, pod('p', { cpu: '500m', memory: '1Gi' }), s, {
      scoringStrategy: 'RequestedToCapacityRatio',
      shape,
    }),
  ).toEqual({ half: 100, idle: 24 });
});
