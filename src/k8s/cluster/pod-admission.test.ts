// What the ServiceAccount and DefaultTolerationSeconds admission plugins add to each Pod the dry-run
// creates (plugin/pkg/admission/serviceaccount: Admit, shouldAutomount, mountServiceAccountToken,
// TokenVolumeSource; plugin/pkg/admission/defaulttolerationseconds: Admit), seen through clusterApply.
import { parseObjects } from '../objects';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { clusterConfig } from './config';
import { podAdmissionContext, withAdmissionDefaults } from './pod-admission';
import { settle } from './settle';
import { daemonSet, deployment, find, names, statefulSet } from './testkit';

// The projected token volume's sources, as the ServiceAccount admission plugin writes them.
const TOKEN_SOURCES = [
  { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
  { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
];

type Obj = Record<string, unknown>;

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const notReady = {
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const unreachable = { ...notReady, key: 'node.kubernetes.io/unreachable' };

const withPodSpec = (spec: Obj): Obj => {
  const d = deployment('web', 1) as { spec: { template: { spec: Obj } } };
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, ...spec } } } };
};

// The spec of the only Pod the objects settle into.
function podSpec(objects: Obj[]): Obj {
  const r = clusterApply(deepFreeze(objects), { nodes: 1 });
  const [name] = names(r.objects, 'Pod');
  return find(r.objects, 'Pod', name)!.spec!;
}

const tokenVolumes = (spec: Obj) =>
  ((spec.volumes ?? []) as Obj[]).filter((v) => String(v.name).startsWith('kube-api-access-'));
const mountsOf = (c: unknown) => ((c as Obj).volumeMounts ?? []) as Obj[];

test('a Pod runs as the default ServiceAccount, with its token mounted in every container, init containers first', () => {
  const spec = podSpec([withPodSpec({ initContainers: [{ name: 'init', image: 'busybox' }] })]);
  expect(spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
  const [volume] = tokenVolumes(spec);
  expect(volume).toEqual({
    name: expect.stringMatching(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
    projected: {
      defaultMode: 420,
      sources: TOKEN_SOURCES,
    },
  });
  const mount = { name: volume.name, readOnly: true, mountPath: TOKEN_PATH };
  for (const key of ['initContainers', 'containers']) expect((spec[key] as Obj[]).map(mountsOf)).toEqual([[mount]]);
});

test.each([
  ['the Pod opts out', [withPodSpec({ automountServiceAccountToken: false })]],
  [
    'its ServiceAccount opts out',
    [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false },
      withPodSpec({ serviceAccountName: 'web' }),
    ],
  ],
])('no token is mounted when %s', (_, objects) => {
  const spec = podSpec(objects);
  expect(tokenVolumes(spec)).toEqual([]);
  expect((spec.containers as Obj[]).map(mountsOf)).toEqual([[]]);
});

test('the Pod’s automountServiceAccountToken wins over its ServiceAccount’s', () => {
  const spec = podSpec([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false },
    withPodSpec({ serviceAccountName: 'web', automountServiceAccountToken: true }),
  ]);
  expect(spec.serviceAccountName).toBe('web');
  expect(tokenVolumes(spec)).toHaveLength(1);
});

test('a container with its own mount at the token path gets none, and no volume is added when none needs it', () => {
  const own = { name: 'own', mountPath: TOKEN_PATH };
  const spec = podSpec([
    withPodSpec({
      containers: [{ name: 'app', image: 'nginx', volumeMounts: [own] }],
      volumes: [{ name: 'own', emptyDir: {} }],
    }),
  ]);
  expect(tokenVolumes(spec)).toEqual([]);
  expect((spec.containers as Obj[]).map(mountsOf)).toEqual([[own]]);
});

test.each([
  ['no tolerations: both are added with 300 s', [], [notReady, unreachable]],
  [
    'a not-ready NoExecute toleration: only unreachable is added',
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, unreachable],
  ],
  ['an Exists toleration of every key and effect: none is added', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
  [
    'a NoSchedule toleration of not-ready does not count',
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable],
  ],
])('DefaultTolerationSeconds, %s', (_, given, want) => {
  expect(podSpec([withPodSpec({ tolerations: given })]).tolerations).toEqual(want);
});

test('a daemon Pod keeps the controller’s tolerations: they already tolerate not-ready and unreachable', () => {
  const r = clusterApply(deepFreeze([daemonSet('agent')]), { nodes: 1 });
  const tolerations = find(r.objects, 'Pod', names(r.objects, 'Pod')[0])!.spec!.tolerations as Obj[];
  expect(tolerations.filter((t) => t.tolerationSeconds !== undefined)).toEqual([]);
});

test('the replicas of a workload share one admitted spec, as they share the spec they were read with', () => {
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true };
  const manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1-aaaaa', ownerReferences: [owner] },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  };
  const [a] = parseObjects(deepFreeze([manifest])).pods;
  const b = { ...a, metadata: { ...a.metadata, name: 'web-1-bbbbb' } };
  const [x, y] = [a, b].map((p) => {
    const admitted = withAdmissionDefaults(p, podAdmissionContext([]));
    if (!('pod' in admitted)) throw new Error(admitted.rejected);
    return admitted.pod;
  });
  expect(x.spec.tolerations).toEqual([notReady, unreachable]);
  expect(y.spec).toBe(x.spec);
  expect(y.raw!.spec).toBe(x.raw!.spec);
});

test('observe mode leaves a running Pod of a snapshot as it is', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: 'Running', podIP: '10.244.0.9', podIPs: [{ ip: '10.244.0.9' }] },
  };
  const input = parseObjects(deepFreeze([pod]));
  const [settled] = settle(input, clusterConfig({ nodes: 1 }), { mode: 'observe' }).cluster.pods;
  expect(settled).toBe(input.pods[0]);
});

const priorityClass = (name: string, value: number, more: Obj = {}): Obj => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...more,
});
const priorityOf = (spec: Obj) => ({
  priorityClassName: spec.priorityClassName,
  priority: spec.priority,
  preemptionPolicy: spec.preemptionPolicy,
});

test.each([
  ['without a class or a global default: 0 and PreemptLowerPriority', [], {}, [undefined, 0, 'PreemptLowerPriority']],
  [
    'the global default class, named in the Pod (the one of lowest value when several are)',
    [
      priorityClass('high', 100, { globalDefault: true }),
      priorityClass('low', 10, { globalDefault: true, preemptionPolicy: 'Never' }),
    ],
    {},
    ['low', 10, 'Never'],
  ],
  [
    'a class the Pod names',
    [priorityClass('batch', 5)],
    { priorityClassName: 'batch' },
    ['batch', 5, 'PreemptLowerPriority'],
  ],
  [
    'a kubeadm cluster’s own class',
    [],
    { priorityClassName: 'system-node-critical' },
    ['system-node-critical', 2000001000, 'PreemptLowerPriority'],
  ],
])('Priority: %s', (_, classes, spec, [priorityClassName, priority, preemptionPolicy]) => {
  expect(priorityOf(podSpec([...classes, withPodSpec(spec)]))).toEqual({
    priorityClassName,
    priority,
    preemptionPolicy,
  });
});

test('a Pod given as kubectl get -o yaml shows it, with every default and admission field, keeps its spec', () => {
  const spec = {
    containers: [
      {
        name: 'app',
        image: 'nginx:1.25',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        volumeMounts: [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: TOKEN_PATH }],
      },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    nodeName: 'node-1',
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: [notReady, unreachable],
    volumes: [
      {
        name: 'kube-api-access-abcde',
        projected: {
          defaultMode: 420,
          sources: TOKEN_SOURCES,
        },
      },
    ],
  };
  const got = podSpec([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec }]);
  expect(got).toEqual(spec);
});

test.each([
  [
    'gives a priority other than its class’s',
    {},
    { priority: 7 },
    'the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
  ],
  [
    'gives a preemption policy other than its class’s',
    { globalDefault: true, preemptionPolicy: 'Never' },
    { preemptionPolicy: 'PreemptLowerPriority' },
    'the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
  ],
])('Priority refuses a Pod that %s: its controller’s FailedCreate event says why', (_, cls, spec, why) => {
  const r = clusterApply(deepFreeze([priorityClass('batch', 5, cls), withPodSpec(spec)]), { nodes: 1 });
  expect(names(r.objects, 'Pod')).toEqual([]);
  const [rs] = names(r.objects, 'ReplicaSet');
  expect(r.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message)).toEqual([
    `Error creating: pods "${rs}-" is forbidden: ${why}`,
  ]);
});

test('a PriorityClass the input lacks is a warning, once per workload (your cluster may have it); the Pods are created as given', () => {
  const r = clusterApply(
    deepFreeze(
      [withPodSpec({ priorityClassName: 'batch' })].map((d) => ({ ...d, spec: { ...(d.spec as Obj), replicas: 3 } })),
    ),
    {
      nodes: 1,
    },
  );
  const pods = names(r.objects, 'Pod');
  expect(pods).toHaveLength(3);
  expect(priorityOf(find(r.objects, 'Pod', pods[0])!.spec!)).toEqual({
    priorityClassName: 'batch',
    priority: undefined,
    preemptionPolicy: undefined,
  });
  const [rs] = names(r.objects, 'ReplicaSet');
  expect(r.warnings.filter((w) => w.includes('PriorityClass'))).toEqual([
    `ReplicaSet/default/${rs}: no PriorityClass with name batch was found: a cluster without it refuses its Pods; add a PriorityClass manifest (apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata.name: batch, value) before it`,
  ]);
});

test('a Pod without imagePullSecrets gets its ServiceAccount’s (their names); a Pod with its own keeps them', () => {
  const account = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'web' },
    imagePullSecrets: [{ name: 'registry' }],
  };
  expect(podSpec([account, withPodSpec({ serviceAccountName: 'web' })]).imagePullSecrets).toEqual([
    { name: 'registry' },
  ]);
  expect(
    podSpec([account, withPodSpec({ serviceAccountName: 'web', imagePullSecrets: [{ name: 'own' }] })])
      .imagePullSecrets,
  ).toEqual([{ name: 'own' }]);
  expect(podSpec([account, withPodSpec({})]).imagePullSecrets).toBeUndefined();
});

// plugin/pkg/admission/serviceaccount/admission.go, Admit: "error looking up service account %s/%s: %w"
// around getServiceAccount's errors.NewNotFound(api.Resource("serviceaccount"), name).
const lookupError = (ns: string, name: string) =>
  `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`;

test.each([
  [
    'a Deployment’s Pods: the ReplicaSet records FailedCreate and creates none',
    [withPodSpec({ serviceAccountName: 'robot' })],
    (rs: string) => ({ events: [`Error creating: pods "${rs}-" is forbidden: ${lookupError('default', 'robot')}`] }),
  ],
  [
    'a StatefulSet’s first Pod: its controller records FailedCreate and, OrderedReady, asks for no more',
    [
      (() => {
        const st = statefulSet('db', 3, 'db') as { spec: { template: { spec: Obj } } };
        st.spec.template.spec.serviceAccountName = 'robot';
        return st;
      })(),
    ],
    () => ({
      events: [
        `create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: ${lookupError('default', 'robot')}`,
      ],
    }),
  ],
  [
    'a Pod given on its own: the API server refuses it',
    [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { serviceAccountName: 'robot', containers: [{ name: 'app', image: 'nginx' }] },
      },
    ],
    () => ({
      rejected: [{ object: 'Pod/default/web', message: `pods "web" is forbidden: ${lookupError('default', 'robot')}` }],
    }),
  ],
  [
    'an account of the same name in another namespace does not count',
    [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'kube-system' } },
      withPodSpec({ serviceAccountName: 'robot' }),
    ],
    (rs: string) => ({ events: [`Error creating: pods "${rs}-" is forbidden: ${lookupError('default', 'robot')}`] }),
  ],
])('ServiceAccount refuses a Pod whose account the namespace lacks: %s', (_, objects, want) => {
  const r = clusterApply(deepFreeze(objects), { nodes: 1 });
  expect(names(r.objects, 'Pod')).toEqual([]);
  const [rs] = names(r.objects, 'ReplicaSet');
  const { events = [], rejected = [] } = want(rs) as { events?: string[]; rejected?: unknown[] };
  expect(r.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message)).toEqual(events);
  expect(r.rejected).toEqual(rejected);
});

test('the default ServiceAccount is there in every namespace without a manifest: the controller creates it', () => {
  const r = clusterApply(
    deepFreeze([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { ...withPodSpec({ serviceAccountName: 'default' }), metadata: { name: 'web', namespace: 'shop' } },
    ]),
    { nodes: 1 },
  );
  expect(names(r.objects, 'Pod')).toHaveLength(1);
  expect(r.rejected).toEqual([]);
});
