// quotaStatus: the usage the quota controller records over one namespace's objects (pkg/quota/v1/
// evaluator/core: pods.go PodUsageFunc, where a finished Pod counts only for count/pods; services.go;
// generic object counts with legacyObjectCountAliases), 0 for a tracked resource nothing uses, nothing
// for a resource no evaluator matches.
import { admissionObjectsOf, quotaStatus, type NamespaceUsage } from '.';
import { clusterOf, container, podManifest, resourceQuota } from './testkit';

type Fields = Record<string, unknown>;

interface Case {
  name: string;
  quota: Fields;
  objects: Fields[];
  used: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'a finished Pod counts for count/pods only, a running one for its requests too',
    quota: resourceQuota('q', { 'count/pods': '9', pods: '9', 'requests.cpu': '9' }),
    objects: [
      podManifest(
        'done',
        [container('a', { requests: { cpu: '1' } })],
        { restartPolicy: 'Never' },
        { phase: 'Succeeded' },
      ),
      podManifest('live', [container('a', { requests: { cpu: '250m' } })]),
    ],
    used: { 'count/pods': '2', pods: '1', 'requests.cpu': '250m' },
  },
  {
    name: 'a legacy name and its count/ form count the same objects',
    quota: resourceQuota('q', { secrets: '9', 'count/secrets': '9' }),
    objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, data: {} }],
    used: { 'count/secrets': '1', secrets: '1' },
  },
  {
    name: 'a resource no evaluator matches is left out of used; hard keeps it',
    quota: resourceQuota('q', { 'example.com/widgets': '3' }),
    objects: [],
    used: {},
  },
  {
    name: 'a kind of a named group counts as count/<plural>.<group>: Ingress as ingresses, NetworkPolicy as networkpolicies',
    quota: resourceQuota('q', {
      'count/ingresses.networking.k8s.io': '9',
      'count/networkpolicies.networking.k8s.io': '9',
    }),
    objects: [
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'shop' }, spec: {} },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'n', namespace: 'shop' },
        spec: {},
      },
    ],
    used: { 'count/ingresses.networking.k8s.io': '1', 'count/networkpolicies.networking.k8s.io': '1' },
  },
];

test.each(cases.map((c) => [c.name, c] as const))('quotaStatus: %s', (_, c) => {
  const cluster = clusterOf(c.quota, ...c.objects);
  const [q] = admissionObjectsOf(cluster, 'shop').quotas;
  const usage: NamespaceUsage = {
    pods: cluster.pods,
    services: cluster.services,
    claims: cluster.persistentVolumeClaims,
    objects: [...cluster.objects, ...cluster.others],
  };
  const status = quotaStatus(q, usage);
  expect(status.used).toEqual(c.used);
  expect(Object.keys(status.hard)).toEqual(Object.keys((c.quota.spec as { hard: Fields }).hard).sort());
});
