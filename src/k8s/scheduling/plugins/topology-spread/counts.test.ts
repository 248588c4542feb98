// The spread counts the SchedulerCache keeps per namespace list (countMatching's tallies) against a fresh
// count of the same node's Pods, over random runs of Pods added to a node (in place, as the cache adds
// them), removed from a copy of it (as preemption simulates), and counted by random selectors.
import fc from 'fast-check';
import { deepFreeze } from '../../../testing/builders';
import {
  addToSnapshot,
  boundPodInfo,
  cloneNode,
  indexNamespaces,
  podInfoOf,
  snapshotOf,
  updateNode,
} from '../../framework/snapshot';
import type { NodeInfo } from '../../framework/types';
import { node, pod, state } from '../../testkit';
import { constraintsFor, countMatching } from './constraints';

const NAMESPACES = ['a', 'b'];
const APPS = ['web', 'db', 'cache'];

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  app: fc.constantFrom(...APPS),
  tier: fc.option(fc.constantFrom('front', 'back'), { nil: undefined }),
  terminating: fc.constantFrom(false, false, false, true),
});
// Few selectors, so that a run counts by the same one again after Pods were added.
const selectorArb = fc.constantFrom(
  { matchLabels: { app: 'web' } },
  { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web', 'db'] }] },
  { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
);
const stepArb = fc.oneof(
  fc.record({ add: podArb }),
  fc.record({ count: selectorArb, namespace: fc.constantFrom(...NAMESPACES) }),
  fc.record({ removeFromCopy: fc.nat() }),
);

let made = 0;
function boundPod(p: { namespace: string; app: string; tier?: string; terminating: boolean }) {
  return pod(`p${made++}`, {
    namespace: p.namespace,
    labels: { app: p.app, ...(p.tier ? { tier: p.tier } : {}) },
    on: 'n1',
    meta: p.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {},
  });
}

// The Pod whose own DoNotSchedule constraint carries the selector: constraintsFor compiles it (and keys it).
function constraintOf(selector: unknown, namespace: string) {
  const incoming = pod('incoming', {
    namespace,
    spec: {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: selector,
        },
      ],
    },
  });
  const s = state([node('n1')]);
  return constraintsFor(podInfoOf(incoming, []), snapshotOf(s, () => false).snapshot, 'DoNotSchedule').list[0];
}

// The same node without the namespace index: countMatching reads every Pod of it, as a one-off snapshot does.
const fresh = (n: NodeInfo): NodeInfo => ({ ...n, podsByNamespace: undefined });

test('a kept spread count is the count of the Pods on the node now, after any adds and removals', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 10, maxLength: 30 }), (steps) => {
      const { snapshot } = snapshotOf(state([node('n1')]), () => false);
      indexNamespaces(snapshot.nodes);
      const n1 = snapshot.nodes[0];
      const copies: NodeInfo[] = [];
      for (const step of steps) {
        if ('add' in step) addToSnapshot(snapshot, n1, podInfoOf(deepFreeze(boundPod(step.add)), []));
        else if ('removeFromCopy' in step) {
          if (!n1.pods.length) continue;
          const copy = cloneNode(n1);
          updateNode(copy, n1.pods[step.removeFromCopy % n1.pods.length], -1);
          copies.push(copy);
        } else {
          const c = constraintOf(step.count, step.namespace);
          for (const n of [n1, ...copies])
            expect(countMatching(n, c, step.namespace)).toBe(countMatching(fresh(n), c, step.namespace));
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('a bound copy of a scheduled Pod gets the PodInfo a fresh one would', () => {
  fc.assert(
    fc.property(podArb, fc.boolean(), (p, otherChange) => {
      const scheduled = deepFreeze(boundPod(p));
      const spec = { ...scheduled.spec, nodeName: 'n2', ...(otherChange ? { priority: 7 } : {}) };
      const bound = deepFreeze({ ...scheduled, spec });
      podInfoOf(scheduled, []);
      const info = boundPodInfo(bound, scheduled, []);
      const { pod: _kept, ...rest } = info;
      const { pod: _built, ...want } = podInfoOf(deepFreeze(structuredClone(bound)), []);
      expect(info.pod).toBe(bound);
      expect(rest).toEqual(want);
    }),
    { numRuns: 100 },
  );
});
