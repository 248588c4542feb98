// What a computation over a cluster costs (manifests.ts clusterCost): its objects, plus what their
// answers multiply, counted before the work so a budget can refuse it (issue 10: 1 MB in, 43 MB out).
import { cluster, deepFreeze, endpointSlice, endpoints, pod, port, service } from '../k8s/testing/builders';
import { parseObjects } from '../k8s/objects';
import { clusterCost } from './manifests';

const ep = (i: number) => ({ addresses: [`10.1.0.${i}`], hostname: `web-${i}`, conditions: { ready: true } });
const slicePorts = [
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'grpc', port: 81, protocol: 'TCP' },
];

const deployment = (name: string, replicas: number, spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
});

const cases = [
  { name: 'an empty cluster costs 1', cluster: cluster(), want: 1 },
  {
    name: 'a Deployment costs itself, the Pods its replicas make and their placing (issue 10: 20 million replicas in 400 bytes)',
    cluster: parseObjects([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 20_000_000, template: {} },
      },
    ]),
    // itself, its Pods, placing them on the default three Nodes (a unit per 100 Pod-Node pairs), and
    // the Pod-Pod pairs spreading and preemption count (a unit per 2 000)
    want: 1 + 1 + 20_000_000 + 600_000 + 200_000_000_000,
  },
  {
    name: 'a DaemonSet costs a Pod per Node (the default three), and their placing',
    cluster: parseObjects([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: {} }]),
    want: 1 + 1 + 3 + 1 + 1,
  },
  {
    name: 'a StatefulSet costs its Pods and their placing too, weighed by their selectors (a hostile review froze the server with one costed at 20)',
    cluster: parseObjects([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 100,
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: {
              containers: [{ name: 'db', image: 'postgres' }],
              // 100 values: a weight of 11 on each Pod-Node pair.
              nodeSelector: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'])),
            },
          },
        },
      },
    ]),
    // itself, its Pods (each weighing 1 + ⌊103 template values / 16⌋ = 7), and placing them on the
    // default three Nodes at 11 times a plain Pod's pairs
    want: 1 + 1 + 100 * 7 + Math.ceil((100 * 11 * 3) / 100) + Math.ceil((100 * 100) / 2000),
  },
  {
    name: 'a Deployment of many containers costs each Pod by its template (a 3.3 KB one ran 2.95 s costed as plain Pods)',
    cluster: parseObjects([
      deployment('web', 2000, { containers: Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, image: 'x' })) }),
    ]),
    // itself, its Pods at 1 + ⌊201 template values / 16⌋ = 13 each, their placing and Pod-Pod pairs
    want: 1 + 1 + 2000 * 13 + 60 + 2000,
  },
  {
    name: 'a PriorityClass makes its Pods preempt the lower ones: a unit per 250 such pairs',
    cluster: parseObjects([
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
      deployment('low', 1100, { containers: [{ name: 'c', image: 'x' }] }),
      deployment('high', 1100, { containers: [{ name: 'c', image: 'x' }], priorityClassName: 'high' }),
    ]),
    // the three objects, 2 200 Pods, their placing and Pod-Pod pairs, and 1 100 × 1 100 preemption pairs
    want: 1 + 3 + 2200 + 66 + 2420 + (1100 * 1100) / 250,
  },
  {
    name: 'a Service without a selector costs itself',
    cluster: cluster(service('web', 'shop', { ports: [port('http', 80)] })),
    want: 2,
  },
  {
    name: 'an EndpointSlice costs each address once per port, and once more for its A record',
    cluster: cluster(
      endpointSlice('web-1', 'shop', { service: 'web', endpoints: [ep(1), ep(2), ep(3)], ports: slicePorts }),
    ),
    want: 1 + 1 + 3 * 3,
  },
  {
    name: 'an Endpoints object costs its ready and not-ready addresses once per port and once more',
    cluster: cluster(
      endpoints('web', 'shop', [
        {
          addresses: [{ ip: '10.1.0.1' }, { ip: '10.1.0.2' }],
          notReadyAddresses: [{ ip: '10.1.0.3' }],
          ports: [{ port: 80 }],
        },
      ]),
    ),
    want: 1 + 1 + 3 * 2,
  },
  {
    name: 'a Service with a selector costs its ports and itself once per Pod of its namespace, not of others',
    cluster: cluster(
      service('web', 'shop', {
        clusterIP: 'None',
        selector: { app: 'web' },
        ports: [port('http', 80), port('grpc', 81)],
      }),
      pod('web-0', 'shop', { labels: { app: 'web' }, ip: '10.1.0.5' }),
      pod('other', 'shop', { ip: '10.1.0.6' }),
      pod('elsewhere', 'prod', { ip: '10.1.0.7' }),
    ),
    want: 1 + 4 + 3 * 2,
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(clusterCost(deepFreeze(c.cluster))).toBe(c.want);
  });
