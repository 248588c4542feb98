// Builders for the dry-run's tests: manifests as people write them (no status, no IPs).
type Obj = Record<string, unknown>;

export const service = (name: string, spec: Obj, namespace = 'default'): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { ports: [{ port: 80 }], ...spec },
});

const template = (labels: Record<string, string>, spec: Obj = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }], ...spec },
});

// kind's default StorageClass: claims bind when their first Pod is scheduled.
export const localPath: Obj = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer',
};

export const deployment = (name: string, replicas: number, spec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: template({ app: name }), ...spec },
});

export const statefulSet = (name: string, replicas: number, serviceName: string, namespace = 'default'): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace },
  spec: { replicas, serviceName, selector: { matchLabels: { app: name } }, template: template({ app: name }) },
});

export const daemonSet = (name: string, podSpec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: name } }, template: template({ app: name }, podSpec) },
});

export const job = (name: string, spec: Obj, podSpec: Obj = { restartPolicy: 'Never' }): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: template({ app: name }, podSpec), ...spec },
});

export const node = (name: string, spec: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec,
  status: {
    addresses: [{ type: 'InternalIP', address: '10.1.0.1' }],
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
  },
});

/** A ResourceQuota named `pods` in the default namespace that allows this many Pods. */
export const podQuota = (pods: number): Obj => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'pods', namespace: 'default' },
  spec: { hard: { pods: String(pods) } },
});

type Plain = { kind: string; metadata: { name: string; namespace?: string }; spec?: Obj; status?: Obj };

/** The object of this kind and name in a result's objects. */
export const find = (objects: Obj[], kind: string, name: string): Plain | undefined =>
  (objects as Plain[]).find((o) => o.kind === kind && o.metadata.name === name);

/** The names of the objects of a kind, in order. */
export const names = (objects: Obj[], kind: string): string[] =>
  (objects as Plain[]).filter((o) => o.kind === kind).map((o) => o.metadata.name);
