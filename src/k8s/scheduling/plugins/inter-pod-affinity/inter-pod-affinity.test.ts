// InterPodAffinity: required affinity and anti-affinity both ways, topology keys, namespaces and
// namespaceSelector, the first Pod of a self-affine group, and scoring (filtering_test.go and
// scoring_test.go behaviours; the co-location example of
// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity).
import { filterWith, node, objects, pod, scoreWith, state } from '../../testkit';
import { interPodAffinity } from './index';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const term = (labels: Record<string, string>, topologyKey: string, more: Record<string, unknown> = {}) => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...more,
});
const affinity = (kind: 'podAffinity' | 'podAntiAffinity', ...terms: unknown[]) => ({
  affinity: { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } },
});
const nodes = () => [node('a1', { zone: 'a' }), node('a2', { zone: 'a' }), node('b1', { zone: 'b' })];
const AFF = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'no terms and no existing anti-affinity: PreFilter skips',
    run: () => filterWith(interPodAffinity, pod('p'), state(nodes(), [pod('db', { on: 'a1', labels: { app: 'db' } })])),
    want: 'skip',
  },
  {
    name: 'required affinity by zone: any node of the zone where a matching Pod runs',
    run: () =>
      filterWith(
        interPodAffinity,
        pod('web', { spec: affinity('podAffinity', term({ app: 'cache' }, ZONE)) }),
        state(nodes(), [pod('cache', { on: 'a1', labels: { app: 'cache' } })]),
      ),
    want: { a1: [], a2: [], b1: [AFF] },
  },
  {
    name: 'required anti-affinity by hostname: not beside a matching Pod',
    run: () =>
      filterWith(
        interPodAffinity,
        pod('web', { labels: { app: 'web' }, spec: affinity('podAntiAffinity', term({ app: 'web' }, HOST)) }),
        state(nodes(), [pod('web-0', { on: 'a1', labels: { app: 'web' } })]),
      ),
    want: { a1: [ANTI], a2: [], b1: [] },
  },
  {
    name: 'an existing Pod’s anti-affinity keeps matching Pods out of its zone',
    run: () =>
      filterWith(
        interPodAffinity,
        pod('batch', { labels: { tier: 'batch' } }),
        state(nodes(), [
          pod('latency', { on: 'a1', spec: affinity('podAntiAffinity', term({ tier: 'batch' }, ZONE)) }),
        ]),
      ),
    want: { a1: [EXISTING], a2: [EXISTING], b1: [] },
  },
  {
    name: 'the first Pod of a group with affinity to itself may go anywhere with the topology key',
    run: () =>
      filterWith(
        interPodAffinity,
        pod('web-0', { labels: { app: 'web' }, spec: affinity('podAffinity', term({ app: 'web' }, ZONE)) }),
        state([...nodes(), node('bare')]),
      ),
    want: { a1: [], a2: [], b1: [], bare: [AFF] },
  },
  {
    name: 'a term looks in the Pod’s own namespace unless it names others',
    run: () => {
      const cacheElsewhere = [pod('cache', { on: 'a1', namespace: 'infra', labels: { app: 'cache' } })];
      const own = filterWith(
        interPodAffinity,
        pod('web', { spec: affinity('podAffinity', term({ app: 'cache' }, ZONE)) }),
        state(nodes(), cacheElsewhere),
      );
      const named = filterWith(
        interPodAffinity,
        pod('web', { spec: affinity('podAffinity', term({ app: 'cache' }, ZONE, { namespaces: ['infra'] })) }),
        state(nodes(), cacheElsewhere),
      );
      return [own, named];
    },
    want: [
      { a1: [AFF], a2: [AFF], b1: [AFF] },
      { a1: [], a2: [], b1: [AFF] },
    ],
  },
  {
    name: 'namespaceSelector picks namespaces by their labels (and {} picks them all)',
    run: () => {
      const infra = objects({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'infra', labels: { team: 'platform' } },
      }).namespaces;
      const cache = [pod('cache', { on: 'b1', namespace: 'infra', labels: { app: 'cache' } })];
      const by = (namespaceSelector: Record<string, unknown>) =>
        filterWith(
          interPodAffinity,
          pod('web', { spec: affinity('podAffinity', term({ app: 'cache' }, ZONE, { namespaceSelector })) }),
          state(nodes(), cache, { namespaces: infra }),
        );
      return [by({ matchLabels: { team: 'platform' } }), by({}), by({ matchLabels: { team: 'data' } })];
    },
    want: [
      { a1: [AFF], a2: [AFF], b1: [] },
      { a1: [AFF], a2: [AFF], b1: [] },
      { a1: [AFF], a2: [AFF], b1: [AFF] },
    ],
  },
  {
    name: 'score: preferred affinity adds its weight to the zone of a matching Pod, anti-affinity takes it away',
    run: () =>
      scoreWith(
        interPodAffinity,
        pod('web', {
          spec: {
            affinity: {
              podAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 10, podAffinityTerm: term({ app: 'cache' }, ZONE) },
                ],
              },
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 5, podAffinityTerm: term({ app: 'web' }, HOST) },
                ],
              },
            },
          },
        }),
        state(nodes(), [
          pod('cache', { on: 'a1', labels: { app: 'cache' } }),
          pod('web-0', { on: 'a2', labels: { app: 'web' } }),
        ]),
      ),
    // raw: a1 10, a2 10 − 5 = 5, b1 0 → min–max to 0–100.
    want: { a1: 100, a2: 50, b1: 0 },
  },
  {
    name: 'score: an existing Pod’s required affinity to this Pod pulls it into its zone (hardPodAffinityWeight 1)',
    run: () =>
      scoreWith(
        interPodAffinity,
        pod('cache', { labels: { app: 'cache' } }),
        state(nodes(), [pod('web', { on: 'b1', spec: affinity('podAffinity', term({ app: 'cache' }, ZONE)) })]),
      ),
    want: { a1: 0, a2: 0, b1: 100 },
  },
];
for (const c of cases) test(c.name, () => expect(c.run()).toEqual(c.want));
