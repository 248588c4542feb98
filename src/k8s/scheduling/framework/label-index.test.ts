// The label index against walking every node: for any Pods on any nodes, added before or after the
// index was first asked, the Pods it names for key=value are exactly those a walk finds, on their nodes.
import fc from 'fast-check';
import { deepFreeze } from '../../testing/builders';
import { node, pod, state } from '../testkit';
import { podInfoOf } from './pod-info';
import { addToSnapshot, buildSnapshot, snapshotOf } from './snapshot';
import type { Snapshot } from './types';

const NODES = ['n1', 'n2', 'n3'];
const podArb = fc.record({
  on: fc.constantFrom(...NODES),
  app: fc.option(fc.constantFrom('web', 'db'), { nil: undefined }),
  tier: fc.option(fc.constantFrom('front', 'back'), { nil: undefined }),
});
type P = { on: string; app?: string; tier?: string };

let made = 0;
const bound = (p: P) =>
  deepFreeze(
    pod(`p${made++}`, {
      on: p.on,
      labels: { ...(p.app ? { app: p.app } : {}), ...(p.tier ? { tier: p.tier } : {}) },
    }),
  );

// What walking the nodes finds: `node/pod` for every Pod labelled key=value.
function walked(snapshot: Snapshot, key: string, value: string): string[] {
  return snapshot.nodes
    .flatMap((n) => n.pods.filter((p) => key in p.labels && p.labels[key] === value).map((p) => `${n.name}/${p.name}`))
    .sort();
}

// In the index's own order (the order the Pods were added in), which the plugins count in.
function inOrder(snapshot: Snapshot, key: string, value: string): string[] {
  const { pods, nodes } = snapshot.labelIndex.withLabel(key, value);
  return pods.map((p, i) => `${nodes[i].name}/${p.metadata.name}`);
}

const indexed = (snapshot: Snapshot, key: string, value: string): string[] => inOrder(snapshot, key, value).sort();

test('the label index names the Pods a walk over the nodes finds, before and after Pods are added', () => {
  fc.assert(
    fc.property(fc.array(podArb, { maxLength: 12 }), fc.array(podArb, { maxLength: 12 }), (before, after) => {
      const { snapshot } = snapshotOf(
        state(
          NODES.map((n) => node(n)),
          before.map(bound),
        ),
        () => false,
      );
      for (const n of snapshot.nodes) n.indexNamespaces();
      // Ask for `app` first, so that the Pods added next update a built index, and `tier` only after.
      expect(indexed(snapshot, 'app', 'web')).toEqual(walked(snapshot, 'app', 'web'));
      for (const p of after) addToSnapshot(snapshot, snapshot.byName.get(p.on)!, podInfoOf(bound(p), []));
      for (const [key, value] of [
        ['app', 'web'],
        ['app', 'db'],
        ['tier', 'front'],
        ['tier', 'back'],
      ])
        expect(indexed(snapshot, key, value)).toEqual(walked(snapshot, key, value));
    }),
    { numRuns: 200 },
  );
});

test('a selector without matchLabels has no candidates: every Pod must be read', () => {
  const { snapshot } = snapshotOf(state([node('n1')], [bound({ on: 'n1', app: 'web' })]), () => false);
  expect(snapshot.labelIndex.candidates(undefined)).toBeUndefined();
  expect(snapshot.labelIndex.candidates({ matchLabels: {}, matchExpressions: [] })).toBeUndefined();
  expect(snapshot.labelIndex.candidates({ matchLabels: { app: 'web' }, matchExpressions: [] })?.pods).toHaveLength(1);
});

// A snapshot built for a Pod gathers the pairs of its spread constraints' and pod (anti-)affinity
// terms' selectors in its pass over the Pods: the lists must be those gathered when first asked for,
// in the same order, and kept up to date the same way as Pods are added.
test('the pairs a Pod foresees are gathered as a snapshot without them gathers them when asked', () => {
  const selector = (key: string, value: string) => ({ matchLabels: { [key]: value } });
  const incoming = pod('incoming', {
    spec: {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector('app', 'web') },
      ],
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { topologyKey: 'zone', labelSelector: selector('tier', 'front') } },
          ],
        },
      },
    },
  });
  fc.assert(
    fc.property(fc.array(podArb, { maxLength: 12 }), fc.array(podArb, { maxLength: 6 }), (before, after) => {
      const s = state(
        NODES.map((n) => node(n)),
        before.map(bound),
      );
      const foreseen = buildSnapshot(s, incoming).snapshot;
      const plain = snapshotOf(s, () => false).snapshot;
      for (const p of after.map(bound))
        for (const snapshot of [foreseen, plain])
          addToSnapshot(snapshot, snapshot.byName.get(p.spec.nodeName!)!, podInfoOf(p, []));
      for (const [key, value] of [
        ['app', 'web'],
        ['tier', 'front'],
      ])
        expect(inOrder(foreseen, key, value)).toEqual(inOrder(plain, key, value));
    }),
    { numRuns: 100 },
  );
});
