// Scheduling figures for issue 14 §5, printed by `npm run bench`: one Pod through kube-scheduler's default
// profile (every filter and score plugin has work) over 1 000, 5 000 and 10 000 Nodes carrying six bound
// Pods each, what percentageOfNodesToScore changes, and the dry-run's scheduling stage placing 5 000 Pods
// one after another. Prints figures; asserts nothing.
import { schedulePods } from '../src/k8s/cluster/scheduler';
import { DEFAULT_MANIFEST_LIMITS, parseObjects, type Cluster, type Pod } from '../src/k8s/objects';
import { schedulePod, type SchedulingOptions, type SchedulingState } from '../src/k8s/scheduling';
import { loadNote, time, timingTable, youngGeneration, type Timing } from './timing';

type Manifest = Record<string, unknown>;

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const APPS = 50;
const PODS_PER_NODE = 6;

function nodeManifest(i: number): Manifest {
  const name = `node-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % 3], pool: `pool-${i % 4}` },
    },
    // Every 20th Node is dedicated to batch work; the Pod below tolerates that taint.
    spec: i % 20 === 0 ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { cpu: '16', memory: '64Gi', pods: '110' },
      allocatable: { cpu: '15800m', memory: '62Gi', pods: '110' },
      // A third of the Nodes already hold the Pod's image (ImageLocality).
      images: i % 3 === 0 ? [{ names: ['registry.example.com/web:2.1'], sizeBytes: 350_000_000 }] : [],
    },
  };
}

/** A bound Pod of app `i % 50`; app-7's Pods keep one per node (required anti-affinity, as a Deployment sets it). */
function boundPod(i: number, nodes: number): Manifest {
  const app = `app-${i % APPS}`;
  const antiAffinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } },
      ],
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'default', labels: { app } },
    spec: {
      nodeName: `node-${i % nodes}`,
      ...(i % APPS === 7 ? { affinity: antiAffinity } : {}),
      containers: [
        {
          name: 'app',
          image: `registry.example.com/${app}:1.0`,
          resources: { requests: { cpu: `${100 + (i % 7) * 50}m`, memory: `${128 + (i % 5) * 64}Mi` } },
        },
      ],
    },
    status: { phase: 'Running' },
  };
}

/** The Pod to place: requests, a preferred zone, a toleration, its app kept apart and spread over zones, an image. */
const INCOMING: Manifest = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-new', namespace: 'default', labels: { app: 'app-1' } },
  spec: {
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'NotIn', values: ['pool-3'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 20,
            preference: {
              matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-b'] }],
            },
          },
        ],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 50,
            podAffinityTerm: {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: { app: 'app-1' } },
            },
          },
        ],
      },
    },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'app-1' } },
      },
    ],
    containers: [
      {
        name: 'web',
        image: 'registry.example.com/web:2.1',
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: '500m', memory: '1Gi' } },
      },
    ],
  },
};

interface Input {
  pod: Pod;
  state: SchedulingState;
}

/**
 * `nodes` Nodes and six bound Pods on each, parsed as a request parses them (the API's object limit
 * lifted). A request's objects reach the kernel through JSON.parse (Fastify's body parser, or the
 * manifests' JSON decoding), which interns string values of up to 10 characters (`node-1234`, `150m`,
 * `Running`): the manifests go through JSON text too, so that the kernel gets the strings a request
 * gives it, not the separate per-object strings that code building them makes (`code`).
 */
export function input(nodes: number, from: 'json' | 'code' = 'json'): Input {
  const built = [
    ...Array.from({ length: nodes }, (_, i) => nodeManifest(i)),
    ...Array.from({ length: nodes * PODS_PER_NODE }, (_, i) => boundPod(i, nodes)),
    INCOMING,
  ];
  const manifests = from === 'json' ? (JSON.parse(JSON.stringify(built)) as Manifest[]) : built;
  const c = parseObjects(manifests, 'objects', { ...DEFAULT_MANIFEST_LIMITS, maxObjects: manifests.length });
  const pod = c.pods[c.pods.length - 1];
  const state: SchedulingState = {
    nodes: c.nodes,
    pods: c.pods.slice(0, -1),
    persistentVolumes: [],
    persistentVolumeClaims: [],
    storageClasses: [],
    priorityClasses: [],
    namespaces: [],
  };
  return { pod, state };
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The dry-run's scheduling stage alone (issue 14 §5: 5 000 Pods onto 500 Nodes under 2 s): `apps`
 * workloads of 10 replicas, each selected by a Service of its own (so every Pod is spread by the default
 * constraints, as a Deployment's Pods are), placed one after another onto `nodes` Nodes in three zones
 * through schedulePods, the stage settle runs. The whole dry-run refuses this size (over its bound of
 * 500 000 Pod-Node pairs); the stage itself has no bound.
 */
export function dryRunInput(apps: number, nodes: number): Cluster {
  const manifests: Manifest[] = [
    ...Array.from({ length: nodes }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${i}`,
        labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': ZONES[i % 3] },
      },
      status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } },
    })),
    ...Array.from({ length: apps }, (_, a) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `app-${a}`, namespace: 'default' },
      spec: { selector: { app: `app-${a}` }, ports: [{ port: 80 }] },
    })),
    // Replica r of every app, then replica r + 1: the order a rollout of all workloads creates them in.
    ...Array.from({ length: apps * 10 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `app-${i % apps}-${Math.floor(i / apps)}`,
        namespace: 'default',
        labels: { app: `app-${i % apps}` },
      },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'registry.example.com/app:1.0',
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
          },
        ],
      },
    })),
  ];
  return parseObjects(manifests, 'objects', { ...DEFAULT_MANIFEST_LIMITS, maxObjects: manifests.length });
}

/** Every Pod of the cluster placed in turn; the Pods placed, counted (all of them fit). */
export function dryRunStage(c: Cluster): number {
  const log = { rejected: [], events: [], warnings: [], steps: [] };
  return schedulePods(c.pods, [], c.nodes, c, log).filter((p) => p.spec.nodeName).length;
}

/**
 * `made` once its making's garbage is collected (when `--expose-gc` is on), then a 200 ms wait for V8's
 * background threads, whose CPU time counts in the process's. Without it the calls timed next pay for
 * collecting the parse's garbage (and the JSON text's), which is no part of them: the row timed first
 * after an input was made came out up to twice the one after it. `full`: a forced full collection
 * (`gc()`), which also throws away the optimized code of some 25 kernel functions (V8 drops the maps
 * and other objects that optimized code holds weakly once nothing else holds them: "marking dependent
 * code for deoptimization, reason: weak objects" under --trace-deopt), so that the next two calls run
 * partly unoptimized; else a young-generation collection, which does not.
 */
function settled<T>(made: T, full = true): T {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' }) => void }).gc;
  if (gc) {
    if (full) gc();
    else gc({ type: 'minor' });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
  return made;
}

/**
 * One Pod on a cluster parsed just before each run, as one request parses its own, the code warm from
 * calls on other objects. After the parse, a young-generation collection and a 200 ms wait keep most of
 * its garbage out of the figure, as a request's call meets the collections of its own parse at most. A
 * forced full collection (`gc()`, what this row did before round 9's first-call study) deoptimizes code
 * no API process loses between requests (docs/scheduling.md#benchmark): it made up nearly all of what a
 * first call cost more than a repeated one. `full` keeps that figure, as a row of its own.
 */
function firstCall(name: string, nodes: number, runs: number, options: SchedulingOptions = {}, full = false): Timing {
  const prepare = () => settled(input(nodes), full);
  return time(name, (i: Input) => schedulePod(i.pod, i.state, options), runs, 1, prepare);
}

/** What kube-scheduler's default percentageOfNodesToScore does to the 5 000-Node answer. */
function samplingNote(i: Input): string {
  const all = schedulePod(i.pod, i.state).selectedNode;
  const sampled = schedulePod(i.pod, i.state, { percentageOfNodesToScore: 0 });
  const examined = sampled.nodes.filter((n) => n.evaluated !== false);
  const found = examined.filter((n) => n.feasible).length;
  const pick =
    sampled.selectedNode === all
      ? `the chosen node is the same, ${all}`
      : `the chosen node is ${sampled.selectedNode}, not ${all}`;
  return (
    `Sampling: kubeknow evaluates every node unless percentageOfNodesToScore is given. With 0 (kube-scheduler's default)` +
    ` on 5 000 Nodes the filters stop after ${count(examined.length)} nodes, once ${count(found)} feasible ones are found,` +
    ` and only those are scored; here ${pick}. kube-scheduler also starts each search where the previous one stopped,` +
    ' so its pick moves from Pod to Pod; kubeknow always starts at the first node.'
  );
}

/** The in-process figures, as printed text. */
export function schedulingReport(runs = Number(process.env.BENCH_RUNS ?? 30)): string {
  const rows: Timing[] = [];
  let note = '';
  for (const nodes of [1000, 5000, 10000]) {
    const label = `${count(nodes)} Nodes / ${count(nodes * PODS_PER_NODE)} Pods`;
    rows.push(firstCall(`schedulePod, ${label}, first call on fresh objects`, nodes, nodes > 5000 ? 3 : 5));
    const i = settled(input(nodes));
    rows.push(time(`schedulePod, ${label}, same objects again`, () => schedulePod(i.pod, i.state), runs));
    if (nodes !== 5000) continue;
    const coded = settled(input(nodes, 'code'));
    rows.push(
      time(
        '  the same, strings not interned (YAML text, or names over 10 characters, give such)',
        () => schedulePod(coded.pod, coded.state),
        runs,
      ),
    );
    const adaptive = { percentageOfNodesToScore: 0 };
    const sampled = () => schedulePod(i.pod, i.state, adaptive);
    rows.push(time("  the same, percentageOfNodesToScore 0 (kube-scheduler's adaptive 10 %)", sampled, runs));
    rows.push(firstCall('  a first call with percentageOfNodesToScore 0', nodes, 5, adaptive));
    rows.push(firstCall('  a first call after a forced full collection (gc(): code deoptimized)', nodes, 5, {}, true));
    note = samplingNote(i);
  }
  rows.push(
    time('dry-run scheduling stage: 5 000 Pods (500 × 10) onto 500 Nodes', dryRunStage, 3, 1, () =>
      dryRunInput(500, 500),
    ),
  );
  rows.push(
    time('  the same onto 100 Nodes (the shape of issue 13’s 500 × 10 row)', dryRunStage, 3, 1, () =>
      dryRunInput(500, 100),
    ),
  );
  const young = youngGeneration();
  return [
    `Scheduling kernel (kube-scheduler v1.35 default profile, every plugin), ${runs} runs after warm-up` +
      ` (first calls: 5, or 3 at 10 000 Nodes, each on a cluster parsed for it; dry-run stages: 3, likewise),` +
      ` ${young ? `node ${young} (as npm start runs the server)` : 'V8 default heap sizes'}.`,
    'Target: one Pod over 5 000 Nodes with 30 000 existing Pods under 50 ms.',
    '',
    timingTable(rows),
    '',
    note,
    loadNote(),
  ].join('\n');
}
