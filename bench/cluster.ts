// Dry-run figures for issue 13 §5, printed by `npm run bench`: 500 Deployments × 10 replicas, 500
// Services and 100 Nodes settle (API server, controllers, scheduler, kubelet), then the EndpointSlices
// and the DNS zone are computed on the settled cluster; and how that grows with the cluster's size.
// Prints figures; asserts nothing.
import { endpointSlicesFor } from '../src/k8s/endpoints';
import { clusterConfig, settle } from '../src/k8s/cluster';
import { recordsFor } from '../src/k8s/dns';
import { DEFAULT_MANIFEST_LIMITS, parseObjects, type Cluster } from '../src/k8s/objects';
import { loadNote, time, timingTable, type Timing } from './timing';

type Manifest = Record<string, unknown>;

const node = (i: number): Manifest => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
  status: { capacity: { cpu: '64', memory: '256Gi', pods: '250' } },
});

const deployment = (i: number, replicas: number): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `app-${i}`, namespace: `team-${i % 10}` },
  spec: {
    replicas,
    selector: { matchLabels: { app: `app-${i}` } },
    template: {
      metadata: { labels: { app: `app-${i}` } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx',
            ports: [{ name: 'http', containerPort: 8080 }],
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
          },
        ],
      },
    },
  },
});

const service = (i: number): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: `app-${i}`, namespace: `team-${i % 10}` },
  spec: { selector: { app: `app-${i}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
});

/** The benchmark's cluster: `apps` Deployments of `replicas` Pods each with a Service, on `nodes` Nodes. */
function manifests(apps: number, replicas: number, nodes: number): Cluster {
  const objects = [
    ...Array.from({ length: nodes }, (_, i) => node(i)),
    ...Array.from({ length: apps }, (_, i) => [deployment(i, replicas), service(i)]).flat(),
  ];
  return parseObjects(objects, 'objects', { ...DEFAULT_MANIFEST_LIMITS, maxObjects: 100_000 });
}

function settleAndAnswer(c: Cluster): void {
  const settled = settle(c, clusterConfig(), { mode: 'apply' }).cluster;
  endpointSlicesFor(settled);
  recordsFor(settled);
}

/** The figures, as printed text. */
export function clusterReport(runs = Number(process.env.BENCH_CLUSTER_RUNS ?? 3)): string {
  const sizes: [number, number, number][] = [
    [50, 10, 10],
    [125, 10, 25],
    [250, 10, 50],
    [500, 10, 100],
  ];
  const rows: Timing[] = sizes.map(([apps, replicas, nodes]) => {
    const c = manifests(apps, replicas, nodes);
    return time(
      `${apps} Deployments × ${replicas}, ${apps} Services, ${nodes} Nodes: settle + EndpointSlices + DNS zone`,
      () => settleAndAnswer(c),
      runs,
      1,
    );
  });
  const big = manifests(500, 10, 100);
  const settled = settle(big, clusterConfig(), { mode: 'apply' }).cluster;
  rows.push(
    time('  of which: settle alone (500 × 10)', () => settle(big, clusterConfig(), { mode: 'apply' }), runs, 1),
    // The two answers on the settled cluster; the DNS zone derives the EndpointSlices it reads itself.
    time('  of which: EndpointSlices of the settled cluster', () => endpointSlicesFor(settled), runs, 1),
    time('  of which: DNS zone of the settled cluster', () => recordsFor(settled), runs, 1),
  );
  return `Cluster dry-run (issue 13 §5: the 500 × 10 row under 500 ms), median of ${runs} runs ${loadNote()}:\n\n${timingTable(rows)}`;
}
