// DNS figures for issue 4.6, printed by `npm run bench`: the record set of a headless Service with
// 10 000 endpoints (from its EndpointSlices, and end to end from its Pods), questions answered from
// a built index, and POST /v1/dns/query over HTTP. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { answer, buildIndex, recordsFor } from '../src/k8s/dns';
import { endpointSlicesFor, slicesByService } from '../src/k8s/endpoints';
import { DEFAULT_MANIFEST_LIMITS, parseObjects, toPlainJson, type Cluster } from '../src/k8s/objects';
import { load, type HttpFigure } from './http';
import { loadNote, time, timingTable, youngGeneration, type Timing } from './timing';

type Manifest = Record<string, unknown>;

const ip = (i: number): string => `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

function readyPod(
  name: string,
  namespace: string,
  podIP: string,
  o: { labels: Record<string, string>; hostname?: string; subdomain?: string },
): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: o.labels },
    spec: {
      ...(o.hostname ? { hostname: o.hostname, subdomain: o.subdomain } : {}),
      containers: [
        { name: 'app', image: 'registry.k8s.io/pause:3.10', ports: [{ name: 'http', containerPort: 8080 }] },
      ],
    },
    status: { phase: 'Running', podIP, podIPs: [{ ip: podIP }], conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** One headless Service and `n` ready Pods of a StatefulSet behind it (hostname + subdomain, a named targetPort). */
export function headlessManifests(n: number): Manifest[] {
  const labels = { app: 'big' };
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'big', namespace: 'shop' },
    spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  const pods = Array.from({ length: n }, (_, i) =>
    readyPod(`big-${i}`, 'shop', ip(i), { labels, hostname: `big-${i}`, subdomain: 'big' }),
  );
  return [svc, ...pods];
}

/** A small cluster of 50 objects: a namespace, kube-dns, a ClusterIP, a headless and an ExternalName Service, and 45 Pods. */
export function fiftyObjects(): Manifest[] {
  const service = (name: string, spec: Manifest, namespace = 'shop'): Manifest => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec,
  });
  const web = Array.from({ length: 30 }, (_, i) =>
    readyPod(`web-${i}`, 'shop', `10.244.1.${i + 10}`, { labels: { app: 'web' } }),
  );
  const db = Array.from({ length: 15 }, (_, i) =>
    readyPod(`db-${i}`, 'shop', `10.244.2.${i + 10}`, { labels: { app: 'db' }, hostname: `db-${i}`, subdomain: 'db' }),
  );
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    service(
      'kube-dns',
      {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
      },
      'kube-system',
    ),
    service('web', {
      clusterIP: '10.96.14.2',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: 9090 },
      ],
    }),
    service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] }),
    service('billing', { type: 'ExternalName', externalName: 'billing.example.com' }),
    ...web,
    ...db,
  ];
}

/** The questions of the in-process mix: A, SRV, PTR and NXDOMAIN names, as a client asks them. */
export const QUESTION_MIX = [
  { name: 'web.shop.svc.cluster.local', type: 'A' },
  { name: '_http._tcp.web.shop.svc.cluster.local', type: 'SRV' },
  { name: '2.14.96.10.in-addr.arpa', type: 'PTR' },
  { name: 'nope.shop.svc.cluster.local', type: 'A' },
  { name: 'db-3.db.shop.svc.cluster.local', type: 'A' },
  { name: '_pg._tcp.db.shop.svc.cluster.local', type: 'SRV' },
  { name: '10-244-1-12.shop.pod.cluster.local', type: 'A' },
  { name: 'web.other.svc.cluster.local', type: 'AAAA' },
] as const;

/** Questions answered per second from one built index, the median of `rounds` rounds of `n` questions. */
function questionsPerSecond(cluster: Cluster, n: number, rounds: number): number {
  const index = buildIndex(cluster);
  for (let i = 0; i < n; i++) answer(index, QUESTION_MIX[i % QUESTION_MIX.length]);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) answer(index, QUESTION_MIX[i % QUESTION_MIX.length]);
    rates.push(n / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[Math.floor(rounds / 2)]);
}

// The API takes at most 5000 objects an input; the kernel itself has no such bound.
const parseAll = (manifests: Manifest[]): Cluster =>
  parseObjects(manifests, 'objects', { ...DEFAULT_MANIFEST_LIMITS, maxObjects: manifests.length });

/**
 * The 10 000-endpoint Service parsed from its Pods and from its EndpointSlices. The manifests are
 * dropped on return, as a request drops its body once parsed.
 */
function inputs(): { fromPods: Cluster; fromSlices: Cluster } {
  const manifests = headlessManifests(10000);
  const fromPods = parseAll(manifests);
  // The same Service as `kubectl get svc,endpointslices -o json` prints it: its 100 slices of 100 endpoints.
  const fromSlices = parseAll([manifests[0], ...endpointSlicesFor(fromPods).map(toPlainJson)]);
  return { fromPods, fromSlices };
}

/** The time to parse the 10 000 Pod manifests and their Service. */
function parsing(): Timing {
  const manifests = headlessManifests(10000);
  return time('parse 10 000 Pod manifests + Service', () => parseAll(manifests), 6);
}

const RECORD_SET = 'record set: headless Service, 10 000 endpoints in 100 EndpointSlices';

/** The timing the 20 ms target is about, alone: what `kernel.js record-set` prints. */
export function recordSetTiming(runs: number): Timing {
  const { fromSlices } = inputs();
  return time(RECORD_SET, () => recordsFor(fromSlices), runs);
}

const KERNEL_SCRIPT = join(__dirname, 'kernel.js');

/**
 * The record set again, in a process with V8's default heap sizes: much of its time is the
 * scavenges a smaller young generation makes, so both figures are printed.
 */
function withDefaultHeap(runs: number): Timing {
  return JSON.parse(
    execFileSync(process.execPath, [KERNEL_SCRIPT, 'record-set', String(runs)], { encoding: 'utf8' }),
  ) as Timing;
}

/** kernelReport() (or the report of another mode of kernel.js), from a process of its own started with this one's node flags. */
export function kernelReportInChild(...mode: [] | ['scheduling'] | ['cluster'] | ['search']): string {
  // The scheduling figures collect garbage between runs that parse a fresh cluster (bench/scheduling.ts).
  const gc = mode.length ? ['--expose-gc'] : [];
  return execFileSync(process.execPath, [...process.execArgv, ...gc, KERNEL_SCRIPT, ...mode], {
    encoding: 'utf8',
  }).trimEnd();
}

/** The in-process figures, as printed text. */
export function kernelReport(runs = Number(process.env.BENCH_RUNS ?? 30)): string {
  // Questions first, while the heap is small: the 10 000-Pod cluster below makes every GC slower.
  const rate = questionsPerSecond(parseObjects(fiftyObjects()), 50000, 5);
  const { fromPods, fromSlices } = inputs();
  const bigA = { name: 'big.shop.svc.cluster.local', type: 'A' };
  const young = youngGeneration();
  // The target before the parse timing, whose 10 000-Pod parses leave garbage for later collections.
  const target = time(RECORD_SET, () => recordsFor(fromSlices), runs);
  const rows = [
    parsing(),
    target,
    ...(young ? [{ ...withDefaultHeap(runs), name: '  the same, V8 default heap sizes (child process)' }] : []),
    time('record set from 10 000 Pods (slices derived, Pod A records too)', () => recordsFor(fromPods), runs),
    time('  of which: derive EndpointSlices from the Pods', () => slicesByService(fromPods), runs),
    time('buildIndex: the 10 000-Pod cluster', () => buildIndex(fromPods), runs),
  ];
  const index = buildIndex(fromPods);
  rows.push(time('answer A big.shop.svc… (10 000 records)', () => answer(index, bigA), runs));
  return [
    `DNS kernel, ${runs} runs after warm-up, ${young ? `node ${young} (as npm start runs the server)` : 'V8 default heap sizes'}.`,
    `Target: the record set of a headless Service with 10 000 endpoints under 20 ms (${recordsFor(fromSlices).length} records` +
      ` from its slices; ${recordsFor(fromPods).length} from its Pods, with the Pods' own A records).`,
    '',
    timingTable(rows),
    '',
    `answer() from a built index, 50-object cluster, mix of ${QUESTION_MIX.map((q) => q.type).join('/')} (NXDOMAIN included): ${rate.toLocaleString('en-US')} questions/s (target: 50 000)`,
    loadNote(),
  ].join('\n');
}

/** POST /v1/dns/query for the 50-object input, as JSON and as a YAML body with query-string options. */
export async function dnsLoads(base: string, seconds: number): Promise<HttpFigure[]> {
  const objects = fiftyObjects();
  const json = JSON.stringify({ objects, query: { name: 'web.shop.svc.cluster.local', type: 'A' } });
  const yaml = objects.map((o) => stringify(o)).join('---\n');
  return [
    await load('REST POST /v1/dns/query (JSON, 50 objects)', `${base}/v1/dns/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
      seconds,
    }),
    await load(
      'REST POST /v1/dns/query (YAML, 50 objects)',
      `${base}/v1/dns/query?name=_http._tcp.web.shop.svc.cluster.local&type=SRV`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: yaml,
        seconds,
      },
    ),
  ];
}
