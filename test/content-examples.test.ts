// Content examples do what their comments say, computed by the kernel's doors on the manifests as
// stored in content/concepts: a short name asked from the wrong namespace, a StatefulSet naming a
// Service that does not exist, a Service whose selector misses its Pods, a Secret that is what its
// kubectl command makes. Every example of every concept is also read by the object model, so a manifest
// that stops parsing fails here, naming the concept and the example.
import { dnsQuery, dnsResolve, endpointSlices } from '../src/k8s';
import { DEFAULT_DNS_OPTIONS } from '../src/k8s/dns';
import { parseManifests } from '../src/k8s/objects';
import { secretDockerRegistry } from '../src/k8s/secrets';
import { admissionFor } from '../src/k8s/admission';
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
    const short = dnsResolve(parseManifests(manifests), { name: 'db', fromNamespace: 'web' }, DEFAULT_DNS_OPTIONS);
    expect(short.tried.filter((t) => t.name.endsWith('cluster.local.')).map((t) => [t.name, t.rcode])).toEqual([
      ['db.web.svc.cluster.local.', 'NXDOMAIN'],
      ['db.svc.cluster.local.', 'NXDOMAIN'],
      ['db.cluster.local.', 'NXDOMAIN'],
    ]);
    const qualified = dnsResolve(
      parseManifests(manifests),
      { name: 'db.shop', fromNamespace: 'web' },
      DEFAULT_DNS_OPTIONS,
    );
    expect(qualified.tried.find((t) => t.name === 'db.shop.svc.cluster.local.')?.rcode).toBe('NOERROR');
  });

  test('db-0.db does not exist when the StatefulSet names a Service db that is not there', () => {
    const manifests = example('dns-resolution-failure', 'statefulset-service-name-mismatch');
    const got = dnsQuery(
      parseManifests(manifests),
      { name: 'db-0.db.shop.svc.cluster.local', type: 'A' },
      DEFAULT_DNS_OPTIONS,
    );
    expect(got.rcode).toBe('NXDOMAIN');
    expect(got.explanation.summary.en).toContain('There is no Service "db" in namespace "shop"');
  });
});

test('service-no-endpoints: a selector that misses the Pods leaves the Service’s slice without endpoints', () => {
  // Plain JSON, as kubectl prints it.
  type Slice = { metadata: { labels: Record<string, string> }; endpoints: unknown[] };
  const got = endpointSlices(parseManifests(example('service-no-endpoints', 'selector-label-mismatch')), {});
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

describe('limit-range and resource-quota: each Pod is admitted or refused as its comment says', () => {
  // The Pod of that name in the example, admitted into the namespace the rest of the example describes.
  const admit = (slug: string, key: string, pod: string) => {
    const cluster = parseManifests(example(slug, key));
    return admissionFor(
      cluster.pods.find((p) => p.metadata.name === pod)!,
      cluster,
    );
  };
  const resources = (r: ReturnType<typeof admit>) => r.pod.spec.containers[0].resources;

  test('container-defaults-min-max: defaults filled in, 1500m past the max refused', () => {
    const ok = admit('limit-range', 'container-defaults-min-max', 'defaults-demo');
    expect(resources(ok)).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(admit('limit-range', 'container-defaults-min-max', 'too-big').messages).toEqual([
      'pods "too-big" is forbidden: maximum cpu usage per Container is 1, but limit is 1500m',
    ]);
  });

  test('cpu-min-max-only: no cpu set gets the max as its limit and request', () => {
    const r = admit('limit-range', 'cpu-min-max-only', 'constraints-cpu-demo-4');
    expect(r.allowed).toBe(true);
    expect(resources(r)).toEqual({ requests: { cpu: '800m' }, limits: { cpu: '800m' } });
  });

  test('request-above-default-limit: the defaulted limit below the request makes the Pod invalid', () => {
    expect(
      admit('limit-range', 'request-above-default-limit', 'example-conflict-with-limitrange-cpu').messages,
    ).toEqual([
      'Pod "example-conflict-with-limitrange-cpu" is invalid: spec.containers[0].resources.requests: Invalid value: "700m": must be less than or equal to cpu limit of 500m',
    ]);
  });

  test('compute-quota: a Pod with no resources fails the quota; with LimitRange defaults it is admitted', () => {
    expect(admit('resource-quota', 'compute-quota', 'no-resources').messages).toEqual([
      'pods "no-resources" is forbidden: failed quota: compute-resources: must specify limits.cpu for: app; limits.memory for: app; requests.cpu for: app; requests.memory for: app',
    ]);
    expect(admit('resource-quota', 'quota-with-limitrange-defaults', 'no-resources').allowed).toBe(true);
  });
});
