import { deepFreeze, endpointSlice, pod, service } from '../testing/builders';
import { parseManifests, toPlainJson } from './index';

test('a Service as the API shows it: defaults filled in, unmodelled and status fields kept, managedFields dropped', () => {
  const [svc] = parseManifests(
    deepFreeze(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', resourceVersion: '7', managedFields: [{ manager: 'kubectl' }] },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }], healthCheckNodePort: 0 },
      }),
    ),
  ).services;
  expect(toPlainJson(svc)).toEqual({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', resourceVersion: '7' },
    spec: {
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 80 }],
      healthCheckNodePort: 0,
      type: 'ClusterIP',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
});

test('an ExternalName Service shows no cluster addressing', () => {
  const plain = toPlainJson(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' }));
  expect(plain.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.org', sessionAffinity: 'None' });
});

test('a Pod shows its probe defaults, podIPs, and empty resources as {}', () => {
  const p = pod('web-0', 'shop', {
    ip: '10.0.0.5',
    ports: [{ name: 'http', containerPort: 8080 }],
    spec: { hostname: 'web-0' },
  });
  const plain = toPlainJson(p) as { spec: Record<string, unknown>; status: Record<string, unknown> };
  expect(plain.spec).toMatchObject({
    containers: [
      {
        name: 'app',
        image: 'registry.k8s.io/pause:3.10',
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        resources: {},
      },
    ],
    hostname: 'web-0',
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
  });
  expect(plain.status).toMatchObject({ phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] });
});

test('an object built without raw input still renders, and output shares nothing with the input', () => {
  const s = endpointSlice('web-1', 'shop', {
    service: 'web',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    ports: [{ port: 80 }],
  });
  const plain = toPlainJson(s);
  expect(plain).toMatchObject({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    ports: [{ name: '', protocol: 'TCP', port: 80 }],
  });
  (plain.metadata as { labels: Record<string, string> }).labels.x = 'y';
  expect(s.metadata.labels.x).toBeUndefined();
});

// SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go) and the Namespace the API server stores
// (its kubernetes.io/metadata.name label; the namespace controller's finalizer and Active phase).
test('a StatefulSet shows its update strategy, history and claim retention defaults; given ones are kept', () => {
  const sts = (spec: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
      ...spec,
    },
  });
  const shown = (spec: Record<string, unknown>) =>
    toPlainJson(parseManifests([deepFreeze(sts(spec))]).statefulSets[0]).spec as Record<string, unknown>;
  expect(shown({})).toMatchObject({
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    revisionHistoryLimit: 10,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
  });
  const given = shown({
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    revisionHistoryLimit: 3,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
  });
  expect(given).toMatchObject({
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    revisionHistoryLimit: 3,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
  });
  expect(shown({ updateStrategy: { type: 'OnDelete' } }).updateStrategy).toEqual({ type: 'OnDelete' });
});

test('a Namespace shows the name label, the kubernetes finalizer and the Active phase', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data', labels: { team: 'a' } } };
  expect(toPlainJson(parseManifests([deepFreeze(ns)]).objects[0])).toEqual({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'data', labels: { team: 'a', 'kubernetes.io/metadata.name': 'data' } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
});
