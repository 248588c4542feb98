// PodTopologySpread: the skew rule with minDomains and the node inclusion policies (Filter), and the
// scoring of ScheduleAnyway constraints and of the cluster's default constraints — the behaviours of
// podtopologyspread's filtering_test.go and scoring_test.go, on the example of
// https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/.
import { filterWith, node, pod, scoreWith, state } from '../../testkit';
import { podTopologySpread } from './index';

const ZONE = 'topology.kubernetes.io/zone';
const REASON = "node(s) didn't match pod topology spread constraints";
const web = { app: 'web' };
const spread = (c: Record<string, unknown>) => ({
  topologySpreadConstraints: [
    { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: web }, ...c },
  ],
});
// Four nodes in two zones; zone a holds two web Pods, zone b none.
const cluster = () =>
  state(
    [node('a1', { zone: 'a' }), node('a2', { zone: 'a' }), node('b1', { zone: 'b' }), node('b2', { zone: 'b' })],
    [pod('w1', { on: 'a1', labels: web }), pod('w2', { on: 'a2', labels: web })],
  );

const cases: { name: string; run: () => unknown; want: unknown }[] = [
  {
    name: 'maxSkew 1: only the zone with fewer matching Pods is allowed',
    run: () => filterWith(podTopologySpread, pod('p', { labels: web, spec: spread({}) }), cluster()),
    want: { a1: [REASON], a2: [REASON], b1: [], b2: [] },
  },
  {
    name: 'a Pod its own selector does not match counts 0 for itself',
    run: () =>
      filterWith(podTopologySpread, pod('p', { labels: { app: 'other' }, spec: spread({ maxSkew: 2 }) }), cluster()),
    want: { a1: [], a2: [], b1: [], b2: [] },
  },
  {
    name: 'a node without the topology key is unresolvable',
    run: () =>
      filterWith(
        podTopologySpread,
        pod('p', { labels: web, spec: spread({}) }),
        state([node('a1', { zone: 'a' }), node('bare')]),
      ),
    want: { a1: [], bare: [`${REASON} (missing required label)`] },
  },
  {
    name: 'minDomains above the number of domains counts the minimum as 0',
    run: () =>
      filterWith(
        podTopologySpread,
        pod('p', { labels: web, spec: spread({ maxSkew: 2, minDomains: 3 }) }),
        state(
          [node('a1', { zone: 'a' }), node('b1', { zone: 'b' })],
          [
            pod('w1', { on: 'a1', labels: web }),
            pod('w2', { on: 'a1', labels: web }),
            pod('w3', { on: 'b1', labels: web }),
          ],
        ),
      ),
    // a: 2 + 1 − 0 = 3 > 2; b: 1 + 1 − 0 = 2.
    want: { a1: [REASON], b1: [] },
  },
  {
    name: 'nodeAffinityPolicy Honor (the default) leaves nodes the Pod cannot use out of the domains',
    run: () =>
      filterWith(
        podTopologySpread,
        pod('p', { labels: web, spec: { ...spread({}), nodeSelector: { [ZONE]: 'a' } } }),
        cluster(),
      ),
    // Zone b does not count, so the minimum is zone a's own 2: skew 2 + 1 − 2 = 1.
    want: { a1: [], a2: [], b1: [], b2: [] },
  },
  {
    name: 'ScheduleAnyway constraints do not filter',
    run: () =>
      filterWith(
        podTopologySpread,
        pod('p', { labels: web, spec: spread({ whenUnsatisfiable: 'ScheduleAnyway' }) }),
        cluster(),
      ),
    want: 'skip',
  },
  {
    name: 'score: the emptier zone scores higher for a ScheduleAnyway constraint',
    run: () =>
      scoreWith(
        podTopologySpread,
        pod('p', { labels: web, spec: spread({ whenUnsatisfiable: 'ScheduleAnyway' }) }),
        cluster(),
      ),
    // a: 2 × ln(2 + 2) + 0 = 2.77 → 3, b: 0 → normalized 100 × (3 + 0 − s) / 3.
    want: { a1: 0, a2: 0, b1: 100, b2: 100 },
  },
  {
    name: 'score: without constraints of its own, a Pod selected by a Service is spread by the defaults',
    run: () =>
      scoreWith(podTopologySpread, pod('p', { labels: web }), {
        ...cluster(),
        services: [
          {
            kind: 'Service',
            apiVersion: 'v1',
            metadata: { name: 'web', namespace: 'default', labels: {}, annotations: {} },
            spec: { selector: web },
          } as never,
        ],
      }),
    // hostname (maxSkew 3, weight ln(4 + 2)) and zone (maxSkew 5, weight ln(2 + 2)) together:
    // a1: 1 × 1.79 + 2 + 2 × 1.39 + 4 = 10.56 → 11; b1: 0 + 2 + 0 + 4 = 6; normalized 100 × (11 + 6 − s) / 11.
    want: { a1: 54, a2: 54, b1: 100, b2: 100 },
  },
  {
    name: 'score: no constraints and nothing selecting the Pod: no spreading',
    run: () => scoreWith(podTopologySpread, pod('p', { labels: web }), cluster()),
    want: null,
  },
];
for (const c of cases) test(c.name, () => expect(c.run()).toEqual(c.want));
