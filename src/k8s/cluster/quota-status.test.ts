// ResourceQuota status after settling, as the quota controller writes it (pkg/controller/resourcequota
// syncResourceQuota: hard = spec.hard, used = quota.CalculateUsage masked to the hard resources): the pod
// evaluator's usage (pkg/quota/v1/evaluator/core/pods.go), the service evaluator's (services.go: node
// ports per port of a NodePort or LoadBalancer Service), claims' (persistent_volume_claims.go) and the
// object counts (generic/evaluator.go), quantities printed canonically ("1000m" is "1").
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { deployment, find, service } from './testkit';

type Obj = Record<string, unknown>;

const quota = (name: string, hard: Record<string, string>, spec: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'default' },
  spec: { hard, ...spec },
});

const withResources = (name: string, replicas: number, resources: Obj): Obj =>
  deployment(name, replicas, {
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx', resources }] },
    },
  });

interface Case {
  name: string;
  objects: Obj[];
  want: { hard: Record<string, string>; used: Record<string, string> };
}

const cases: Case[] = [
  {
    name: 'Pods count their requests and limits; hard is spec.hard, printed canonically',
    objects: [
      quota('compute', { pods: '10', 'requests.cpu': '1000m', 'limits.memory': '1Gi', 'requests.memory': '1Gi' }),
      withResources('web', 2, { requests: { cpu: '100m' }, limits: { memory: '128Mi' } }),
    ],
    want: {
      hard: { 'limits.memory': '1Gi', pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      // limits.memory without requests.memory: the API server defaults requests to the limits.
      used: { 'limits.memory': '256Mi', pods: '2', 'requests.cpu': '200m', 'requests.memory': '256Mi' },
    },
  },
  {
    name: 'nothing to count is 0',
    objects: [quota('empty', { pods: '5', 'count/jobs.batch': '2', secrets: '3' })],
    want: {
      hard: { 'count/jobs.batch': '2', pods: '5', secrets: '3' },
      used: { 'count/jobs.batch': '0', pods: '0', secrets: '0' },
    },
  },
  {
    name: 'Services: the kubernetes Service counts; a NodePort’s ports and a LoadBalancer’s are node ports',
    objects: [
      quota('svc', { services: '10', 'services.nodeports': '10', 'services.loadbalancers': '2' }),
      service('np', {
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 81 },
        ],
      }),
      service('lb', { type: 'LoadBalancer' }),
      service('lb-no-ports', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }),
    ],
    want: {
      hard: { services: '10', 'services.loadbalancers': '2', 'services.nodeports': '10' },
      used: { services: '4', 'services.loadbalancers': '2', 'services.nodeports': '3' },
    },
  },
  {
    name: 'object counts: the Deployment’s ReplicaSet, the namespace’s default ServiceAccount and kube-root-ca.crt, the quota itself',
    objects: [
      quota('objects', {
        'count/deployments.apps': '5',
        'count/replicasets.apps': '5',
        'count/serviceaccounts': '5',
        configmaps: '5',
        'count/configmaps': '5',
        resourcequotas: '1',
      }),
      deployment('web', 1),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} },
    ],
    want: {
      hard: {
        configmaps: '5',
        'count/configmaps': '5',
        'count/deployments.apps': '5',
        'count/replicasets.apps': '5',
        'count/serviceaccounts': '5',
        resourcequotas: '1',
      },
      used: {
        configmaps: '2',
        'count/configmaps': '2',
        'count/deployments.apps': '1',
        'count/replicasets.apps': '1',
        'count/serviceaccounts': '1',
        resourcequotas: '1',
      },
    },
  },
  {
    name: 'a BestEffort-scoped quota counts only the BestEffort Pods',
    objects: [
      quota('best-effort', { pods: '5' }, { scopes: ['BestEffort'] }),
      deployment('plain', 2),
      withResources('sized', 1, { requests: { cpu: '100m' } }),
    ],
    want: { hard: { pods: '5' }, used: { pods: '2' } },
  },
  {
    name: 'claims: their count and requested storage, per storage class too',
    objects: [
      quota('storage', {
        persistentvolumeclaims: '4',
        'requests.storage': '10Gi',
        'fast.storageclass.storage.k8s.io/requests.storage': '5Gi',
      }),
      ...['a', 'b'].map((name, i) => ({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: i ? 'fast' : 'slow',
          resources: { requests: { storage: '1Gi' } },
        },
      })),
    ],
    want: {
      hard: {
        'fast.storageclass.storage.k8s.io/requests.storage': '5Gi',
        persistentvolumeclaims: '4',
        'requests.storage': '10Gi',
      },
      used: {
        'fast.storageclass.storage.k8s.io/requests.storage': '1Gi',
        persistentvolumeclaims: '2',
        'requests.storage': '2Gi',
      },
    },
  },
];

test.each(cases.map((c) => [c.name, c] as const))('ResourceQuota status: %s', (_, c) => {
  const r = clusterApply(deepFreeze(c.objects), { nodes: 2 });
  const q = c.objects[0] as { metadata: { name: string } };
  expect(find(r.objects, 'ResourceQuota', q.metadata.name)!.status).toEqual(c.want);
});

test('a quota’s status counts only its own namespace', () => {
  const other = { ...quota('elsewhere', { pods: '5' }), metadata: { name: 'elsewhere', namespace: 'kube-public' } };
  const r = clusterApply(deepFreeze([other, deployment('web', 2)]), { nodes: 1 });
  expect(find(r.objects, 'ResourceQuota', 'elsewhere')!.status).toEqual({ hard: { pods: '5' }, used: { pods: '0' } });
});
