// The content's "try it" examples, written as people write them (no status, no IPs), go through the
// dry-run: a StatefulSet's Pods get DNS names, a Deployment's replicas fill its Service's slice, a
// NodePort Service gets a node port, a Pod sees KUBERNETES_SERVICE_HOST.
import { parseAllDocuments } from 'yaml';
import { dnsQuery, dnsRecords, endpointSlices } from '../src/k8s';
import { clusterApply, podEnvironmentFor } from '../src/k8s/cluster';
import { DEFAULT_DNS_OPTIONS } from '../src/k8s/dns';
import { parseManifests } from '../src/k8s/objects';
import { repoContent } from './helpers/app';

const example = (slug: string): string => {
  const found = repoContent()
    .concepts.find((c) => c.slug === slug)
    ?.examples.find((e) => e.key === 'try-it-dry-run');
  if (!found) throw new Error(`no try-it example in ${slug}`);
  return found.manifest;
};
const objects = (slug: string) => parseAllDocuments(example(slug)).map((d) => d.toJS() as unknown);

test('statefulset: the Pods db-0..2 have their DNS names', () => {
  const names = dnsRecords(parseManifests(example('statefulset')), DEFAULT_DNS_OPTIONS)
    .records.filter((r) => r.type === 'A')
    .map((r) => r.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'db-0.db.data.svc.cluster.local.',
      'db-1.db.data.svc.cluster.local.',
      'db-2.db.data.svc.cluster.local.',
    ]),
  );
});

test('headless-service: the name answers with both replicas', () => {
  const a = dnsQuery(
    parseManifests(example('headless-service')),
    { name: 'web.shop.svc.cluster.local', type: 'A' },
    DEFAULT_DNS_OPTIONS,
  );
  expect(a.answer).toHaveLength(2);
});

test('deployment: one ReplicaSet, three Pods, every one in the Service’s slice', () => {
  const applied = clusterApply(objects('deployment'));
  expect(applied.objects.filter((o) => o.kind === 'ReplicaSet')).toHaveLength(1);
  const slices = endpointSlices(parseManifests(example('deployment')), {}).endpointSlices;
  expect((slices[0].endpoints as unknown[]).length).toBe(3);
});

test('service-type-nodeport: the API server picks a node port in the range', () => {
  const svc = clusterApply(objects('service-type-nodeport')).objects.find(
    (o) => o.kind === 'Service' && (o.metadata as { name: string }).name === 'web',
  )!;
  const port = (svc.spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
  expect(port).toBeGreaterThanOrEqual(30000);
  expect(port).toBeLessThanOrEqual(32767);
});

test('in-cluster-api-access: the container sees the API server’s Service', () => {
  const env = podEnvironmentFor(objects('in-cluster-api-access'), 'default/client').containers[0].env;
  expect(env.find((e) => e.name === 'KUBERNETES_SERVICE_HOST')?.value).toBe('10.96.0.1');
  expect(env.find((e) => e.name === 'KUBERNETES_SERVICE_PORT')?.value).toBe('443');
});
