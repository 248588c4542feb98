// Content examples do what their comments say, computed by the kernel's facades on the manifests as
// stored in content/concepts: a short name asked from the wrong namespace, a StatefulSet naming a
// Service that does not exist, a Service whose selector misses its Pods, a Secret that is what its
// kubectl command makes. Every example of every concept is also read by the object model, so a manifest
// that stops parsing fails here, naming the concept and the example.
import { dnsQuery, dnsResolve, endpointSlices } from '../src/k8s';
import { parseManifests } from '../src/k8s/objects';
import { secretDockerRegistry } from '../src/k8s/secrets';
import { repoContent } from './helpers/app';

const example = (slug: string, key: string): string => {
  const found = repoContent()
    .concepts.find((c) => c.slug === slug)
    ?.examples.find((e) => e.key === key);
  if (!found) throw new Error(`no example ${slug}#${key}`);
  return found.manifest;
};

test('every example of every concept is read by the object model', () => {
  const failures: string[] = [];
  for (const c of repoContent().concepts)
    for (const e of c.examples) {
      try {
        parseManifests(e.manifest);
      } catch (err) {
        failures.push(`${c.slug}#${e.key}: ${(err as Error).message}`);
      }
    }
  expect(failures).toEqual([]);
});

describe('dns-resolution-failure', () => {
  test('the short name db asked from namespace web is NXDOMAIN in every cluster candidate; db.shop exists', () => {
    const manifests = example('dns-resolution-failure', 'short-name-from-another-namespace');
    const short = dnsResolve({ manifests, name: 'db', fromNamespace: 'web' });
    expect(short.tried.filter((t) => t.name.endsWith('cluster.local.')).map((t) => [t.name, t.rcode])).toEqual([
      ['db.web.svc.cluster.local.', 'NXDOMAIN'],
      ['db.svc.cluster.local.', 'NXDOMAIN'],
      ['db.cluster.local.', 'NXDOMAIN'],
    ]);
    const qualified = dnsResolve({ manifests, name: 'db.shop', fromNamespace: 'web' });
    expect(qualified.tried.find((t) => t.name === 'db.shop.svc.cluster.local.')?.rcode).toBe('NOERROR');
  });

  test('db-0.db does not exist when the StatefulSet names a Service db that is not there', () => {
    const manifests = example('dns-resolution-failure', 'statefulset-service-name-mismatch');
    const got = dnsQuery({ manifests, query: { name: 'db-0.db.shop.svc.cluster.local', type: 'A' } });
    expect(got.rcode).toBe('NXDOMAIN');
    expect(got.explanation.summary).toContain('There is no Service "db" in namespace "shop"');
  });
});

test('service-no-endpoints: a selector that misses the Pods leaves the Service’s slice without endpoints', () => {
  // Plain JSON, as kubectl prints it.
  type Slice = { metadata: { labels: Record<string, string> }; endpoints: unknown[] };
  const got = endpointSlices({ manifests: example('service-no-endpoints', 'selector-label-mismatch') });
  const web = (got.endpointSlices as Slice[]).filter((s) => s.metadata.labels['kubernetes.io/service-name'] === 'web');
  expect(web.length).toBe(1);
  expect(web[0].endpoints).toEqual([]);
});

test('imagepullbackoff: the docker-registry Secret is what its kubectl command makes', () => {
  const stored = parseManifests(example('imagepullbackoff', 'private-registry-via-service-account')).others.find(
    (o) => o.kind === 'Secret',
  )!.raw;
  const made = secretDockerRegistry({
    name: 'regcred',
    namespace: 'shop',
    server: 'registry.example.com',
    username: 'ci-puller',
    password: 's3cr3t-t0ken',
  }).secret;
  expect(stored.data).toEqual(made.data);
  expect(stored.type).toBe(made.type);
  expect(stored.metadata).toEqual(made.metadata);
});
