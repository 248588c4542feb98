import fc from 'fast-check';
import { problemsOf } from '../../testing/builders';
import { isObj, type Obj } from '../index';
import { CATALOG, CHECKED_KINDS } from './catalog';

const unknownOf = (values: unknown[]) => problemsOf(values).filter((p) => p.includes(': unknown field '));

const meta = (name: string): Obj => ({
  name,
  namespace: 'shop',
  labels: { app: name, 'example.com/any-key': 'x' },
  annotations: { 'anything.example.com/goes': 'y' },
  ownerReferences: [
    { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u', controller: true, blockOwnerDeletion: true },
  ],
  finalizers: ['example.com/f'],
  uid: '1',
  resourceVersion: '2',
  generation: 3,
  creationTimestamp: '2026-01-01T00:00:00Z',
});
const podSpec = (): Obj => ({
  containers: [
    {
      name: 'app',
      image: 'nginx:1.27',
      imagePullPolicy: 'IfNotPresent',
      command: ['nginx'],
      args: ['-g', 'daemon off;'],
      workingDir: '/',
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'C', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'D', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k', optional: true } } },
        { name: 'E', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      ],
      envFrom: [{ prefix: 'X_', configMapRef: { name: 'cm', optional: true } }, { secretRef: { name: 's' } }],
      resources: { requests: { cpu: '100m', memory: '64Mi', 'example.com/gpu': 1 }, limits: { memory: '128Mi' } },
      resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
      volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: 'x', mountPropagation: 'None' }],
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X', value: 'y' }] },
        initialDelaySeconds: 5,
        periodSeconds: 10,
        timeoutSeconds: 1,
        failureThreshold: 3,
        successThreshold: 1,
      },
      readinessProbe: { tcpSocket: { port: 80 } },
      startupProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 },
      lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['true'] } } },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      stdin: false,
      tty: false,
    },
  ],
  initContainers: [
    {
      name: 'init',
      image: 'busybox',
      restartPolicy: 'Always',
      restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }],
      command: ['sh', '-c', 'true'],
      env: [{ name: 'F', valueFrom: { fileKeyRef: { volumeName: 'tmp', path: 'env', key: 'F', optional: true } } }],
      resources: { claims: [{ name: 'gpu', request: 'one' }] },
      lifecycle: { stopSignal: 'SIGUSR1', preStop: { httpGet: { path: '/stop', port: 8080 } } },
      volumeMounts: [{ name: 'data', mountPath: '/ro', readOnly: true, recursiveReadOnly: 'IfPossible' }],
    },
  ],
  volumes: [
    { name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: false } },
    { name: 'cfg', configMap: { name: 'cm', items: [{ key: 'a', path: 'a.conf', mode: 420 }], defaultMode: 420 } },
    { name: 'sec', secret: { secretName: 's', optional: true } },
    { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
    {
      name: 'proj',
      projected: {
        sources: [
          { serviceAccountToken: { audience: 'api', expirationSeconds: 3600, path: 'token' } },
          { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ],
      },
    },
    { name: 'legacy', gcePersistentDisk: { pdName: 'disk', fsType: 'ext4' } },
    { name: 'img', image: { reference: 'registry.example/models:1', pullPolicy: 'IfNotPresent' } },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  dnsConfig: { nameservers: ['1.1.1.1'], searches: ['x.local'], options: [{ name: 'ndots', value: '2' }] },
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'web',
  automountServiceAccountToken: false,
  securityContext: { fsGroup: 2000, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
  imagePullSecrets: [{ name: 'reg' }],
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.local'] }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
      ],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
        },
      ],
    },
  },
  tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 60 }],
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
      matchLabelKeys: ['pod-template-hash'],
    },
  ],
  priorityClassName: 'high',
  readinessGates: [{ conditionType: 'example.com/ready' }],
  os: { name: 'linux' },
  enableServiceLinks: false,
  // Fields of v1.33 to v1.36.
  hostUsers: false,
  hostnameOverride: 'web-0',
  resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } },
  resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }],
  schedulingGates: [{ name: 'example.com/wait' }],
  workloadRef: { name: 'training', podGroup: 'workers', podGroupReplicaKey: '0' },
  schedulingGroup: { podGroupName: 'training-workers-0' },
});
const template = (): Obj => ({ metadata: { labels: { app: 'web' } }, spec: podSpec() });
const selector = { matchLabels: { app: 'web' } };

// Every kind the catalog checks, with many of its real fields (and free-form maps holding any key).
const MANIFESTS: Obj[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('web'), spec: podSpec(), status: { phase: 'Running' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      replicas: 3,
      selector,
      template: template(),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      minReadySeconds: 5,
      revisionHistoryLimit: 2,
      progressDeadlineSeconds: 600,
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('rs'),
    spec: { replicas: 1, selector, template: template() },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('ds'),
    spec: {
      selector,
      template: template(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      serviceName: 'db',
      replicas: 2,
      selector,
      template: template(),
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
      ordinals: { start: 0 },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'fast',
            resources: { requests: { storage: '1Gi' } },
          },
        },
      ],
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('job'),
    spec: {
      backoffLimit: 2,
      completions: 3,
      parallelism: 1,
      completionMode: 'Indexed',
      ttlSecondsAfterFinished: 60,
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
      template: { spec: { ...podSpec(), restartPolicy: 'Never' } },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('cron'),
    spec: {
      schedule: '*/5 * * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: { a: 'b' } },
        spec: { template: { spec: { ...podSpec(), restartPolicy: 'OnFailure' } } },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP', appProtocol: 'http' }],
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      externalTrafficPolicy: 'Local',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    },
  },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...meta('web-abc'), labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.1.0.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'n1',
        zone: 'a',
        targetRef: { kind: 'Pod', name: 'web', namespace: 'shop' },
        hints: { forZones: [{ name: 'a' }] },
      },
    ],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  },
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('web'),
    subsets: [{ addresses: [{ ip: '10.1.0.5', nodeName: 'n1' }], ports: [{ name: 'http', port: 80 }] }],
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, spec: { finalizers: ['kubernetes'] } },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', labels: { zone: 'a' } },
    spec: { podCIDR: '10.1.0.0/24', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], unschedulable: false },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      addresses: [{ type: 'InternalIP', address: '192.168.0.1' }],
      images: [{ names: ['nginx:1.27'], sizeBytes: 1000 }],
      nodeInfo: { kubeletVersion: 'v1.35.0' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv1' },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'fast',
      local: { path: '/mnt/disk' },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
      },
      claimRef: { namespace: 'shop', name: 'data' },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('data'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'fast' },
    provisioner: 'example.com/csi',
    parameters: { anyKey: 'x' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }],
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'high' },
    value: 1000,
    globalDefault: false,
    description: 'high',
    preemptionPolicy: 'Never',
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm'), data: { 'a.conf': 'x' }, immutable: true },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque', stringData: { password: 'x' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web'), imagePullSecrets: [{ name: 'reg' }] },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('lr'),
    spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] },
  },
  {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('rq'),
    spec: {
      hard: { pods: '10', 'requests.cpu': '4' },
      scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] },
    },
  },
];

test('the catalog names a type for every field it checks', () => {
  for (const [type, fields] of CATALOG)
    for (const [field, inner] of fields)
      if (inner !== '' && inner !== '*')
        expect(`${type}.${field}: ${CATALOG.has(inner) ? 'ok' : inner}`).toBe(`${type}.${field}: ok`);
});

test('a manifest of every checked kind with many real fields is accepted', () => {
  expect(new Set(MANIFESTS.map((m) => m.kind))).toEqual(new Set(Object.keys(CHECKED_KINDS)));
  expect(problemsOf(MANIFESTS)).toEqual([]);
});

const cases: { name: string; value: Obj; want: string[] }[] = [
  {
    name: 'a Deployment’s replica is refused, with replicas as did-you-mean',
    value: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'db' },
      spec: { replica: 3, selector, template: template() },
    },
    want: ['FIELD_NOT_SUPPORTED objects[0].spec.replica: unknown field "spec.replica" (did you mean "replicas"?)'],
  },
  {
    name: 'a typo in a Pod’s nodeAffinity is refused at its depth',
    value: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'x' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoreDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
            },
          },
        },
      },
    },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoreDuringExecution: unknown field "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoreDuringExecution" (did you mean "requiredDuringSchedulingIgnoredDuringExecution"?)',
    ],
  },
  {
    name: 'container for containers: the unknown field with its did-you-mean, and containers required',
    value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { container: [{ name: 'a', image: 'x' }] } },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].spec.container: unknown field "spec.container" (did you mean "containers"?)',
      'FIELD_REQUIRED objects[0].spec.containers: Required value',
    ],
  },
  {
    name: 'a field in a Deployment’s Pod template’s container, and one in metadata, all at once',
    value: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'db', label: { a: 'b' } },
      spec: {
        selector,
        template: { ...template(), spec: { containers: [{ name: 'a', image: 'x', imagePullPolicies: 'Always' }] } },
      },
    },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].metadata.label: unknown field "metadata.label" (did you mean "labels"?)',
      'FIELD_NOT_SUPPORTED objects[0].spec.template.spec.containers[0].imagePullPolicies: unknown field "spec.template.spec.containers[0].imagePullPolicies" (did you mean "imagePullPolicy"?)',
    ],
  },
  {
    name: 'a Service port’s nodeport (case matters, as Go’s strict decoding has it)',
    value: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type: 'NodePort', ports: [{ port: 80, nodeport: 30080 }] },
    },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].spec.ports[0].nodeport: unknown field "spec.ports[0].nodeport" (did you mean "nodePort"?)',
    ],
  },
  {
    name: 'a CronJob’s Job template’s backoffLimit put in the Pod spec',
    value: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: {
            template: { spec: { backoffLimit: 2, restartPolicy: 'Never', containers: [{ name: 'a', image: 'x' }] } },
          },
        },
      },
    },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].spec.jobTemplate.spec.template.spec.backoffLimit: unknown field "spec.jobTemplate.spec.template.spec.backoffLimit"',
    ],
  },
  {
    name: 'a ConfigMap’s field at the top beside data; data’s own keys are free',
    value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { anything: 'x' }, date: { a: 'b' } },
    want: ['FIELD_NOT_SUPPORTED objects[0].date: unknown field "date" (did you mean "data"?)'],
  },
  {
    name: 'a StatefulSet’s volumeClaimTemplates are PersistentVolumeClaims',
    value: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector,
        template: template(),
        volumeClaimTemplates: [{ metadata: { name: 'd' }, spec: { storageClass: 'x' } }],
      },
    },
    want: [
      'FIELD_NOT_SUPPORTED objects[0].spec.volumeClaimTemplates[0].spec.storageClass: unknown field "spec.volumeClaimTemplates[0].spec.storageClass" (did you mean "storageClassName"?)',
    ],
  },
  {
    name: 'a kind or a version the catalog does not hold is not checked',
    value: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { anything: 1 } },
    want: [],
  },
  {
    name: 'status is not checked, but for a Node’s',
    value: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'x' }] },
      status: { anything: 1 },
    },
    want: [],
  },
];

for (const c of cases)
  test(c.name, () => {
    expect(problemsOf([c.value]).filter((p) => !p.startsWith('FIELD_REQUIRED') || c.want.includes(p))).toEqual(c.want);
  });

// Every object key of a value whose type the catalog checks, with its path as problems print it.
function checkedKeys(v: unknown, type: string, out: { path: string[]; at: string }[], keys: string[]): void {
  if (Array.isArray(v)) return v.forEach((item, i) => checkedKeys(item, type, out, [...keys, String(i)]));
  const fields = CATALOG.get(type);
  if (!isObj(v) || !fields) return;
  for (const [key, value] of Object.entries(v)) {
    const at = (keys.length ? pathText(keys) + '.' : '') + key;
    out.push({ path: [...keys, key], at });
    const inner = fields.get(key);
    if (inner) checkedKeys(value, inner, out, [...keys, key]);
  }
}
const pathText = (keys: string[]) => keys.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i ? `.${k}` : k)).join('');

function renamed(v: unknown, keys: string[], to: string): unknown {
  if (!keys.length) return v;
  const [k, ...rest] = keys;
  if (Array.isArray(v)) return v.map((item, i) => (String(i) === k ? renamed(item, rest, to) : item));
  const o = v as Obj;
  return Object.fromEntries(
    Object.entries(o).map(([key, val]) => (key === k ? [rest.length ? key : to, renamed(val, rest, to)] : [key, val])),
  );
}

test('a valid manifest with one checked key renamed to an unknown name is refused at exactly that path', () => {
  const targets = MANIFESTS.flatMap((m, i) => {
    const out: { path: string[]; at: string }[] = [];
    checkedKeys(m, String(m.kind), out, []);
    // kind and apiVersion choose the catalog: without them nothing is checked.
    return out.filter((t) => t.at !== 'kind' && t.at !== 'apiVersion').map((t) => ({ i, ...t }));
  });
  fc.assert(
    fc.property(fc.constantFrom(...targets), fc.stringMatching(/^[a-z][a-zA-Z]{0,12}$/), (t, name) => {
      const to = `zz${name}`;
      const value = renamed(MANIFESTS[t.i], t.path, to);
      const parent = pathText([...t.path.slice(0, -1), to]);
      expect(unknownOf([value])).toEqual([
        expect.stringMatching(
          new RegExp(`^FIELD_NOT_SUPPORTED objects\\[0\\]\\.${escape(parent)}: unknown field "${escape(parent)}"`),
        ),
      ]);
    }),
  );
});
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a valid manifest is never refused for its fields, whatever its free-form maps hold', () => {
  fc.assert(
    fc.property(fc.constantFrom(...MANIFESTS), fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (m, any) => {
      const value = { ...m, metadata: { ...(m.metadata as Obj), annotations: any } };
      expect(unknownOf([value])).toEqual([]);
    }),
  );
});
