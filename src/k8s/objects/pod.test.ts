import fc from 'fast-check';
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { parseObjects, type Pod } from './index';

const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx', ...extra });
const podValue = (
  spec: Record<string, unknown>,
  status: Record<string, unknown> = {},
  metadata: Record<string, unknown> = { name: 'p' },
) => deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [container()], ...spec }, status });

function problemsOf(values: unknown[]): string[] {
  try {
    parseObjects(values);
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('Pod defaults', () => {
  const cases: { name: string; value: unknown; check: (p: Pod) => void }[] = [
    {
      name: 'dnsPolicy, restartPolicy, flags and phase',
      value: podValue({}),
      check: (p) => {
        expect(p.metadata.namespace).toBe('default');
        expect(p.spec).toMatchObject({
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          hostNetwork: false,
          setHostnameAsFQDN: false,
          initContainers: [],
          tolerations: [],
          nodeSelector: {},
        });
        expect(p.status).toEqual({ phase: 'Pending', podIPs: [], conditions: [] });
      },
    },
    {
      name: 'status.podIPs from podIP alone',
      value: podValue({}, { phase: 'Running', podIP: '10.1.2.3' }),
      check: (p) => expect(p.status).toMatchObject({ podIP: '10.1.2.3', podIPs: ['10.1.2.3'] }),
    },
    {
      name: 'status.podIPs as given for a dual-stack Pod, podIP from the first',
      value: podValue({}, { podIPs: [{ ip: '10.1.2.3' }, { ip: 'fd00::3' }] }),
      check: (p) => expect(p.status).toMatchObject({ podIP: '10.1.2.3', podIPs: ['10.1.2.3', 'fd00::3'] }),
    },
    {
      name: 'container ports default to TCP; hostPort 0 means none',
      value: podValue({
        containers: [
          container({
            ports: [
              { name: 'http', containerPort: 8080, hostPort: 0 },
              { containerPort: 53, protocol: 'UDP' },
            ],
          }),
        ],
      }),
      check: (p) =>
        expect(p.spec.containers[0].ports).toEqual([
          { name: 'http', containerPort: 8080, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
        ]),
    },
    {
      name: 'probe timings default to 0/10/1/1/3 and keep the handler',
      value: podValue({
        containers: [
          container({
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 },
          }),
        ],
      }),
      check: (p) => {
        expect(p.spec.containers[0].readinessProbe).toEqual({
          raw: { httpGet: { path: '/ready', port: 8080 } },
          initialDelaySeconds: 0,
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        });
        expect(p.spec.containers[0].livenessProbe?.periodSeconds).toBe(5);
      },
    },
    {
      name: 'resources keep quantities as written; YAML numbers become quantities',
      value: podValue({
        containers: [container({ resources: { requests: { cpu: 1, memory: '128Mi' }, limits: { cpu: '500m' } } })],
      }),
      check: (p) =>
        expect(p.spec.containers[0].resources).toEqual({
          requests: { cpu: '1', memory: '128Mi' },
          limits: { cpu: '500m' },
        }),
    },
    {
      name: 'hostname, subdomain, nodeName, tolerations and a sidecar',
      value: podValue({
        hostname: 'web-0',
        subdomain: 'web',
        nodeName: 'n1',
        tolerations: [{ key: 'k', effect: 'NoSchedule' }, { operator: 'Exists' }],
        initContainers: [
          container({ name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }),
        ],
      }),
      check: (p) => {
        expect(p.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web', nodeName: 'n1' });
        expect(p.spec.tolerations).toEqual([
          { key: 'k', operator: 'Equal', effect: 'NoSchedule' },
          { operator: 'Exists' },
        ]);
        expect(p.spec.initContainers[0].restartPolicy).toBe('Always');
      },
    },
  ];
  for (const c of cases) test(c.name, () => c.check(parseObjects([c.value]).pods[0]));
});

describe('Pod validation', () => {
  const label =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an " +
    "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const cases: { name: string; value: unknown; want: string[] }[] = [
    {
      name: 'the Pod name is a DNS-1123 subdomain: dots allowed, capitals not',
      value: podValue({}, {}, { name: 'Web.1' }),
      want: [
        expect.stringMatching(
          /^FIELD_INVALID objects\[0\]\.metadata\.name: a lowercase RFC 1123 subdomain must consist of/,
        ),
      ],
    },
    {
      name: 'hostname and subdomain are DNS-1123 labels',
      value: podValue({ hostname: 'web.0', subdomain: 'Web' }),
      want: [`FIELD_INVALID objects[0].spec.hostname: ${label}`, `FIELD_INVALID objects[0].spec.subdomain: ${label}`],
    },
    {
      name: 'a Pod needs containers with a name and an image',
      value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init' }] } },
      want: [
        'FIELD_REQUIRED objects[0].spec.containers: Required value',
        'FIELD_REQUIRED objects[0].spec.initContainers[0].image: Required value',
      ],
    },
    {
      name: 'container ports: range, IANA names, duplicates, protocol',
      value: podValue({
        containers: [
          container({
            ports: [
              { name: 'web_http', containerPort: 70000 },
              { name: 'a', containerPort: 80 },
              { name: 'a', containerPort: 81, protocol: 'udp' },
            ],
          }),
        ],
      }),
      want: [
        'FIELD_INVALID objects[0].spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive',
        'FIELD_INVALID objects[0].spec.containers[0].ports[0].name: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'FIELD_NOT_SUPPORTED objects[0].spec.containers[0].ports[2].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP". Did you mean "UDP"?',
        'FIELD_INVALID objects[0].spec.containers[0].ports[2].name: Duplicate value: "a"',
      ],
    },
    {
      name: 'probes: one handler, positive timings, liveness succeeds once, none on plain init containers',
      value: podValue({
        containers: [
          container({
            livenessProbe: { exec: { command: ['true'] }, successThreshold: 2, periodSeconds: 0 },
            readinessProbe: { periodSeconds: 5 },
          }),
        ],
        initContainers: [container({ name: 'init', startupProbe: { exec: { command: ['true'] } } })],
      }),
      want: [
        'FIELD_INVALID objects[0].spec.containers[0].livenessProbe.periodSeconds: must be greater than or equal to 1',
        'FIELD_INVALID objects[0].spec.containers[0].livenessProbe.successThreshold: must be 1',
        'FIELD_REQUIRED objects[0].spec.containers[0].readinessProbe: Required value: must specify a handler type',
        'FIELD_INVALID objects[0].spec.initContainers[0].startupProbe: may not be set for init containers without restartPolicy=Always',
      ],
    },
    {
      name: 'dnsPolicy None needs a dnsConfig with a nameserver; at most 3 nameservers',
      value: podValue({
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '10.0.0.10'],
          searches: ['ns1.svc.cluster.local', 'Bad_Domain'],
        },
      }),
      want: [
        'FIELD_INVALID objects[0].spec.dnsConfig.nameservers: must not have more than 3 nameservers',
        expect.stringMatching(
          /^FIELD_INVALID objects\[0\]\.spec\.dnsConfig\.searches\[1\]: a lowercase RFC 1123 subdomain/,
        ),
      ],
    },
    {
      name: 'dnsPolicy None without dnsConfig; a near-miss dnsPolicy',
      value: [podValue({ dnsPolicy: 'None' }), podValue({ dnsPolicy: 'clusterFirst' }, {}, { name: 'q' })],
      want: [
        'FIELD_REQUIRED objects[0].spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
        'FIELD_NOT_SUPPORTED objects[1].spec.dnsPolicy: Unsupported value: "clusterFirst": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None". Did you mean "ClusterFirst"?',
      ],
    },
    {
      name: 'tolerations: Exists takes no value, an empty key needs Exists, tolerationSeconds needs NoExecute',
      value: podValue({
        tolerations: [
          { key: 'k', operator: 'Exists', value: 'v' },
          { value: 'v' },
          { key: 'k', tolerationSeconds: 30, effect: 'NoSchedule' },
        ],
      }),
      want: [
        "FIELD_INVALID objects[0].spec.tolerations[0].operator: value must be empty when `operator` is 'Exists'",
        'FIELD_INVALID objects[0].spec.tolerations[1].operator: operator must be Exists when `key` is empty, which means "match all values and all keys"',
        "FIELD_INVALID objects[0].spec.tolerations[2].effect: effect must be 'NoExecute' when `tolerationSeconds` is set",
      ],
    },
    {
      name: 'status IPs must be valid, and podIPs[0] must match podIP',
      value: podValue({}, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.2' }, { ip: 'fd00::zz' }], phase: 'Runing' }),
      want: [
        'FIELD_NOT_SUPPORTED objects[0].status.phase: Unsupported value: "Runing": supported values: "Failed", "Pending", "Running", "Succeeded", "Unknown". Did you mean "Running"?',
        'FIELD_INVALID objects[0].status.podIPs[1].ip: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'FIELD_INVALID objects[0].status.podIPs[0].ip: must match `podIP`',
      ],
    },
    {
      name: 'resource quantities must parse',
      value: podValue({ containers: [container({ resources: { limits: { memory: '1 GB' } } })] }),
      want: [
        'FIELD_INVALID objects[0].spec.containers[0].resources.limits["memory"]: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      ],
    },
    {
      name: 'container names are unique across containers and init containers',
      value: podValue({ initContainers: [container()] }),
      want: ['FIELD_INVALID objects[0].spec.initContainers[0].name: Duplicate value: "app"'],
    },
  ];
  for (const c of cases)
    test(c.name, () => expect(problemsOf(Array.isArray(c.value) ? c.value : [c.value])).toEqual(c.want));
});

// Pods holding one spec object (as a controller's replicas hold their template's) are parsed with the spec
// read once: each gets what parsing its own copy would give, and a spec with problems reports every Pod's paths.
describe('Pods sharing one spec object', () => {
  const specArb = fc.record({
    containers: fc.constant([container({ resources: { requests: { cpu: '100m', memory: '64Mi' } } })]),
    nodeSelector: fc.dictionary(fc.constantFrom('zone', 'disk'), fc.constantFrom('a', 'b')),
    restartPolicy: fc.constantFrom(undefined, 'Always', 'Never'),
    hostNetwork: fc.boolean(),
    priority: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
  });
  const pods = (spec: unknown, n: number, copy: boolean) =>
    Array.from({ length: n }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}`, labels: { i: String(i) } },
      spec: copy ? structuredClone(spec) : spec,
    }));

  test('each Pod is parsed as its own copy of the spec would be', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 1, max: 5 }), (s, n) => {
        const spec = deepFreeze(JSON.parse(JSON.stringify(s)));
        expect(parseObjects(pods(spec, n, false))).toEqual(parseObjects(pods(spec, n, true)));
      }),
      { numRuns: 100 },
    );
  });

  test('a shared spec with a problem reports it at every Pod', () => {
    const spec = deepFreeze({ containers: [container({ name: 'Bad_Name' })] });
    const shared = problemsOf(pods(spec, 3, false));
    expect(shared).toEqual(problemsOf(pods(spec, 3, true)));
    expect(shared.filter((p) => p.includes('.spec.containers[0].name'))).toHaveLength(3);
  });
});
