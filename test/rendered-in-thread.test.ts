// A computation that runs in a worker thread has its REST answer written there, in the format asked
// for, and moved to the event loop as bytes (a 14 MB dry-run rebuilt and serialized on the event loop
// kept /healthz waiting over a second for YAML). The bytes must be those the event loop writes: each
// route and format below is asked of an app that computes in threads and of one that computes on the
// event loop (COMPUTE_THREADS=0), and the answers compared byte for byte.
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';
import { deployment, metrics } from './helpers/compute';
import { headless } from './helpers/endpoints';

let threads: TestApp;
let inline: TestApp;
const bases: Record<'threads' | 'inline', string> = { threads: '', inline: '' };
beforeAll(async () => {
  threads = await startTestApp({ seed: false, budgets: { ...DEFAULT_LIMITS, computeThreads: 1 } });
  inline = await startTestApp({ seed: false, budgets: { ...DEFAULT_LIMITS, computeThreads: 0 } });
  bases.threads = await listeningBase(threads);
  bases.inline = await listeningBase(inline);
});
afterAll(async () => {
  await threads.close();
  await inline.close();
});

const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    serviceName: 'db',
    replicas: 200,
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
  },
};
const nodes = Array.from({ length: 60 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
}));
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '1' } } }] },
};

// Each large enough in cost to be computed in a thread (over COMPUTE_INLINE_COST).
const cases: [string, string, unknown][] = [
  ['/v1/cluster/apply', '', { objects: [deployment(300)] }],
  ['/v1/cluster/apply', '?format=yaml', { objects: [deployment(300)] }],
  ['/v1/dns/records', '', { objects: headless(600) }],
  ['/v1/dns/records', '?format=zone', { objects: headless(600) }],
  ['/v1/endpointslices', '?format=yaml', { objects: headless(600) }],
  ['/v1/scheduling/evaluate', '?format=text&lang=ko', { objects: nodes, pod }],
  ['/v1/pods/environment', '?format=env', { objects: [statefulSet], pod: 'default/db-0' }],
];

test.each(cases)(
  'POST %s%s: the answer written in a thread is the one written on the event loop',
  async (path, query, body) => {
    const before = (await metrics(bases.threads)).get('kubeknow_compute_pool_tasks_total') ?? 0;
    const [a, b] = await Promise.all(
      [bases.threads, bases.inline].map(async (base) => {
        const res = await fetch(`${base}${path}${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      }),
    );
    expect(a.status).toBe(200);
    expect(a).toEqual(b);
    // The thread did compute it.
    expect((await metrics(bases.threads)).get('kubeknow_compute_pool_tasks_total')).toBe(before + 1);
  },
);
