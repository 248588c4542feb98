// DefaultPreemption: who may preempt, which nodes preemption can help on, which victims it picks (the
// fewest, least important), how it chooses among candidate nodes, and the "preemption: …" message —
// the behaviours of default_preemption_test.go, with the messages kube-scheduler 1.35 gives.
import { deepFreeze } from '../testing/builders';
import { schedulePod } from './schedule';
import { node, objects, pod, state } from './testkit';

const full = (name: string, priority: number, o: { cpu?: string; on: string }) =>
  pod(name, { on: o.on, cpu: o.cpu ?? '1', priority });

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'lower-priority Pods make room: the fewest of them are evicted, on the node they matter least on',
    run: () => {
      const s = state(
        [node('n1', { cpu: '2' }), node('n2', { cpu: '2' })],
        [
          full('low-1', 10, { on: 'n1' }),
          full('low-2', 10, { on: 'n1' }),
          full('mid', 100, { on: 'n2' }),
          full('mid-2', 100, { on: 'n2' }),
        ],
      );
      const r = schedulePod(pod('urgent', { cpu: '1', priority: 1000 }), deepFreeze(s));
      return {
        selected: r.selectedNode,
        message: r.message,
        nominated: r.preemption?.nominatedNode,
        victims: r.preemption?.victims.map((v) => v.name),
      };
    },
    // Both nodes need one victim; n1's victim has the lower priority.
    want: {
      selected: null,
      message: '0/2 nodes are available: 2 Insufficient cpu.',
      nominated: 'n1',
      victims: ['low-2'],
    },
  },
  {
    name: 'equal or higher priorities are never victims: "No preemption victims found for incoming pod"',
    run: () =>
      schedulePod(
        pod('p', { cpu: '1', priority: 10 }),
        state([node('n1', { cpu: '1' })], [full('peer', 10, { on: 'n1' })]),
      ).message,
    want: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  },
  {
    name: 'a rejection no eviction can change (a taint) is "Preemption is not helpful for scheduling"',
    run: () =>
      schedulePod(pod('p', { priority: 1000 }), state([node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] })]))
        .message,
    want: '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'a Pod that would not fit even on the emptied node keeps that node’s filter reason',
    run: () =>
      schedulePod(
        pod('p', { cpu: '1500m', priority: 1000 }),
        state(
          [node('n1', { cpu: '2' })],
          [full('high', 2000, { on: 'n1' }), pod('low', { on: 'n1', cpu: '100m', priority: 1 })],
        ),
      ).message,
    want: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Insufficient cpu.',
  },
  {
    name: 'preemptionPolicy: Never: the Pod waits; the message says why',
    run: () => {
      const r = schedulePod(
        pod('p', { cpu: '1', priority: 1000, spec: { preemptionPolicy: 'Never' } }),
        state([node('n1', { cpu: '1' })], [full('low', 1, { on: 'n1' })]),
      );
      return [r.message, r.preemption?.eligible];
    },
    want: [
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
      false,
    ],
  },
  {
    name: 'a PriorityClass gives the priority and its preemptionPolicy',
    run: () => {
      const classes = objects({
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'batch-high' },
        value: 500,
        preemptionPolicy: 'Never',
      }).priorityClasses;
      const r = schedulePod(
        pod('p', { cpu: '1', spec: { priorityClassName: 'batch-high' } }),
        state([node('n1', { cpu: '1' })], [full('low', 1, { on: 'n1' })], { priorityClasses: classes }),
      );
      return [r.priority, r.preemption?.eligible];
    },
    want: [500, false],
  },
  {
    name: 'the victims are reprieved most important first: only what must go, goes',
    run: () => {
      const s = state(
        [node('n1', { cpu: '3' })],
        [
          pod('a', { on: 'n1', cpu: '1', priority: 5 }),
          pod('b', { on: 'n1', cpu: '1', priority: 1 }),
          pod('c', { on: 'n1', cpu: '1', priority: 3 }),
        ],
      );
      return schedulePod(pod('p', { cpu: '2', priority: 10 }), s).preemption?.victims.map(
        (v) => `${v.name}:${v.priority}`,
      );
    },
    // Keeping a (5) fits, then c (3) does not, nor b (1): c and b go.
    want: ['c:3', 'b:1'],
  },
  {
    // A new user read "No node fits; the Pod stays Pending" and missed the nomination further down.
    name: 'a nomination is the summary’s first word, in English and Korean',
    run: () => {
      const s = state([node('n1', { cpu: '1' })], [pod('low', { on: 'n1', cpu: '1', priority: 0 })]);
      const summary = schedulePod(pod('p', { cpu: '1', priority: 10 }), s).explanation.summary;
      return [summary.en.split(';')[0], summary.ko.includes('n1에서 default/low')];
    },
    want: [
      'No node fits now, but preemption would evict default/low from n1 and nominate it (status.nominatedNodeName)',
      true,
    ],
  },
];
for (const c of cases) test(c.name, () => expect(c.run()).toEqual(c.want));
