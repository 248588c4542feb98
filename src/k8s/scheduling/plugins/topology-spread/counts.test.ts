// The spread counts the SchedulerCache keeps per namespace list (countMatching's tallies) against a fresh
// count of the same node's Pods, over random runs of Pods added to a node (in place, as the cache adds
// them), removed from a copy of it (as preemption simulates), and counted by random selectors.
import fc from 'fast-check';
import { deepFreeze } from '../../../testing/builders';
import { boundPodInfo, podInfoOf } from '../../framework/pod-info';
import { addToSnapshot, snapshotOf } from '../../framework/snapshot';
import type { NodeInfo } from '../../framework/types';
import { node, objects, pod, state } from '../../testkit';
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
function fresh(n: NodeInfo): NodeInfo {
  const copy = n.clone();
  copy.podsByNamespace = undefined;
  return copy;
}

test('a kept spread count is the count of the Pods on the node now, after any adds and removals', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 10, maxLength: 30 }), (steps) => {
      const { snapshot } = snapshotOf(state([node('n1')]), () => false);
      for (const n of snapshot.nodes) n.indexNamespaces();
      const n1 = snapshot.nodes[0];
      const copies: NodeInfo[] = [];
      for (const step of steps) {
        if ('add' in step) addToSnapshot(snapshot, n1, podInfoOf(deepFreeze(boundPod(step.add)), []));
        else if ('removeFromCopy' in step) {
          if (!n1.pods.length) continue;
          const copy = n1.clone();
          copy.update(n1.pods[step.removeFromCopy % n1.pods.length], -1);
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

// The default constraints a snapshot's lists give a Pod, kept per workload (defaultsFor's memo), against
// those a snapshot of fresh lists gives: Pods of random namespaces, labels and controllers, in a random order.
const ownerArb = fc.option(
  fc.record({ kind: fc.constantFrom('ReplicaSet', 'StatefulSet'), name: fc.constantFrom('web-1', 'db') }),
  { nil: undefined },
);
const servicesArb = fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), app: fc.constantFrom(...APPS) }), {
  maxLength: 4,
});

test('default spread constraints kept per workload are those a fresh snapshot gives', () => {
  fc.assert(
    fc.property(servicesArb, fc.array(fc.record({ p: podArb, owner: ownerArb }), { maxLength: 12 }), (svcs, pods) => {
      const manifests = () =>
        objects(
          ...svcs.map((s, i) => ({
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: `s${i}`, namespace: s.namespace },
            spec: { selector: { app: s.app }, ports: [{ port: 80 }] },
          })),
          ...NAMESPACES.map((namespace) => ({
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            metadata: { name: 'db', namespace },
            spec: {
              serviceName: 'db',
              selector: { matchLabels: { tier: 'back' } },
              template: { metadata: { labels: { tier: 'back' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
            },
          })),
        );
      const withLists = (c: ReturnType<typeof objects>) =>
        state([node('n1')], [], {
          services: c.services,
          statefulSets: c.statefulSets,
          controllers: NAMESPACES.map((namespace) => ({
            kind: 'ReplicaSet' as const,
            namespace,
            name: 'web-1',
            selector: { matchLabels: { app: 'web' }, matchExpressions: [] },
          })),
        });
      const kept = withLists(manifests());
      const shared = snapshotOf(kept, () => false).snapshot;
      const incoming = pods.map(({ p, owner }) =>
        deepFreeze(
          pod(`p${made++}`, {
            namespace: p.namespace,
            labels: { app: p.app, ...(p.tier ? { tier: p.tier } : {}) },
            meta: owner
              ? {
                  ownerReferences: [
                    { apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true },
                  ],
                }
              : {},
          }),
        ),
      );
      // A compiled selector is a function: it is compared by the Pods it takes.
      const plain = ({ list, defaulted }: ReturnType<typeof constraintsFor>) => ({
        defaulted,
        list: list.map(({ matches, ...c }) => ({ ...c, takes: incoming.map((p) => matches(p.metadata.labels)) })),
      });
      for (const p of [...incoming, ...incoming]) {
        const info = podInfoOf(p, []);
        const fresh = snapshotOf(withLists(manifests()), () => false).snapshot;
        expect(plain(constraintsFor(info, { ...shared }, 'ScheduleAnyway'))).toEqual(
          plain(constraintsFor(info, fresh, 'ScheduleAnyway')),
        );
      }
    }),
    { numRuns: 100 },
  );
});
