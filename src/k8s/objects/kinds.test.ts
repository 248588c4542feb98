import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { parseManifests, parseObjects } from './index';

function problemsOf(values: unknown[]): string[] {
  try {
    parseObjects(deepFreeze(values));
  } catch (e) {
    if (e instanceof KubeknowError) return e.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

const ns = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...extra },
});

describe('object identity', () => {
  const cases: { name: string; values: unknown[]; want: string[] }[] = [
    {
      name: 'missing kind, apiVersion and metadata.name are required',
      values: [{ metadata: {} }, { apiVersion: 'v1', kind: 'ConfigMap' }],
      want: [
        'FIELD_REQUIRED objects[0].kind: Required value',
        'FIELD_REQUIRED objects[0].apiVersion: Required value',
        'FIELD_REQUIRED objects[0].metadata.name: Required value: name or generateName is required',
        'FIELD_REQUIRED objects[1].metadata.name: Required value: name or generateName is required',
      ],
    },
    {
      name: 'a known kind with a wrong apiVersion lists the valid ones',
      values: [
        { apiVersion: 'apps/v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } },
        { apiVersion: 'discovery.k8s.io/v2', kind: 'EndpointSlice', metadata: { name: 'b' }, addressType: 'IPv4' },
      ],
      want: [
        'FIELD_NOT_SUPPORTED objects[0].apiVersion: Unsupported value: "apps/v1": supported values: "v1"',
        'FIELD_NOT_SUPPORTED objects[1].apiVersion: Unsupported value: "discovery.k8s.io/v2": supported values: "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1". Did you mean "discovery.k8s.io/v1"?',
      ],
    },
    {
      name: 'the second of two objects with the same kind, namespace and name is a duplicate',
      values: [ns('a'), ns('b'), ns('a'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }],
      want: ['FIELD_INVALID objects[2].metadata.name: duplicate of objects[0]'],
    },
    {
      name: 'every problem of every object comes at once',
      values: [
        ns('Bad'),
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x_y' } },
        ns('a', { labels: { 'a/b/c': 'x' } }),
      ],
      want: [
        expect.stringMatching(/^FIELD_INVALID objects\[0\]\.metadata\.name: a lowercase RFC 1123 label/),
        expect.stringMatching(/^FIELD_INVALID objects\[1\]\.metadata\.namespace: a lowercase RFC 1123 label/),
        'FIELD_REQUIRED objects[1].spec.containers: Required value',
        expect.stringMatching(/^FIELD_INVALID objects\[2\]\.metadata\.labels: a qualified name must consist of/),
      ],
    },
    {
      name: 'cluster-scoped kinds take no namespace',
      values: [ns('a', { namespace: 'default' })],
      want: ['FIELD_INVALID objects[0].metadata.namespace: not allowed on this type'],
    },
  ];
  for (const c of cases) test(c.name, () => expect(problemsOf(c.values)).toEqual(c.want));

  test('other kinds are kept with their namespace defaulted, cluster-scoped ones without; custom Services are not core Services', () => {
    const c = parseObjects(
      deepFreeze([
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2 } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
        { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'k' } },
      ]),
    );
    expect(c.objects).toEqual([]);
    expect(c.others.map((o) => [o.kind, o.apiVersion, o.metadata.namespace, o.metadata.name])).toEqual([
      ['Deployment', 'apps/v1', 'default', 'd'],
      ['ClusterRole', 'rbac.authorization.k8s.io/v1', '', 'r'],
      ['Service', 'serving.knative.dev/v1', 'default', 'k'],
    ]);
    expect(c.others[0].raw.spec).toEqual({ replicas: 2 });
  });
});

describe('EndpointSlice and Endpoints as given', () => {
  const slice = (extra: Record<string, unknown>) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
    ...extra,
  });

  test('defaults: port protocol TCP, port name ""; conditions left as given', () => {
    const [s] = parseObjects([
      slice({
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'n1', zone: 'z1' }],
        ports: [{ port: 8080 }],
      }),
    ]).endpointSlices;
    expect(s).toMatchObject({
      addressType: 'IPv4',
      ports: [{ name: '', protocol: 'TCP', port: 8080 }],
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'n1', zone: 'z1' }],
    });
    expect(s.endpoints[0].conditions).toEqual({ ready: true });
  });

  test('discovery.k8s.io/v1beta1 is read as v1: topology becomes nodeName and zone', () => {
    const [s] = parseObjects([
      slice({
        apiVersion: 'discovery.k8s.io/v1beta1',
        addressType: 'IPv6',
        endpoints: [
          { addresses: ['fd00::1'], topology: { 'kubernetes.io/hostname': 'n1', 'topology.kubernetes.io/zone': 'z1' } },
        ],
      }),
    ]).endpointSlices;
    expect(s.apiVersion).toBe('discovery.k8s.io/v1');
    expect(s.endpoints[0]).toMatchObject({ nodeName: 'n1', zone: 'z1' });
  });

  test('a legacy Endpoints object: ports default to TCP', () => {
    const [e] = parseObjects([
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'db' },
        subsets: [
          {
            addresses: [{ ip: '192.168.0.10', hostname: 'db-0' }],
            notReadyAddresses: [{ ip: '192.168.0.11' }],
            ports: [{ port: 5432 }],
          },
        ],
      },
    ]).endpoints;
    expect(e.subsets).toEqual([
      {
        addresses: [{ ip: '192.168.0.10', hostname: 'db-0' }],
        notReadyAddresses: [{ ip: '192.168.0.11' }],
        ports: [{ name: '', protocol: 'TCP', port: 5432 }],
      },
    ]);
  });

  const cases: { name: string; values: unknown[]; want: string[] }[] = [
    {
      name: 'addressType is required and an enum; addresses must fit it',
      values: [
        slice({ endpoints: [{ addresses: ['10.0.0.1'] }] }),
        { ...slice({ addressType: 'ipv6', endpoints: [] }), metadata: { name: 'b' } },
        {
          ...slice({ addressType: 'IPv6', endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: [] }] }),
          metadata: { name: 'c' },
        },
      ],
      want: [
        'FIELD_REQUIRED objects[0].addressType: Required value',
        'FIELD_NOT_SUPPORTED objects[1].addressType: Unsupported value: "ipv6": supported values: "FQDN", "IPv4", "IPv6". Did you mean "IPv6"?',
        'FIELD_INVALID objects[2].endpoints[0].addresses[0]: must be a valid IPv6 address',
        'FIELD_REQUIRED objects[2].endpoints[1].addresses: Required value: must contain at least 1 address',
      ],
    },
    {
      name: 'slice ports: names are DNS labels and unique, numbers in range',
      values: [
        slice({
          addressType: 'IPv4',
          ports: [
            { name: 'HTTP', port: 80 },
            { name: 'x', port: 0 },
            { name: 'x', port: 81, protocol: 'Tcp' },
          ],
        }),
      ],
      want: [
        expect.stringMatching(/^FIELD_INVALID objects\[0\]\.ports\[0\]\.name: a lowercase RFC 1123 label/),
        'FIELD_INVALID objects[0].ports[1].port: must be between 1 and 65535, inclusive',
        'FIELD_INVALID objects[0].ports[2].name: Duplicate value: "x"',
        'FIELD_NOT_SUPPORTED objects[0].ports[2].protocol: Unsupported value: "Tcp": supported values: "SCTP", "TCP", "UDP". Did you mean "TCP"?',
      ],
    },
    {
      name: 'Endpoints: addresses need valid IPs, and several ports need names',
      values: [
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name: 'db' },
          subsets: [{ addresses: [{ ip: 'db.local' }, {}], ports: [{ port: 1 }, { port: 2 }] }],
        },
      ],
      want: [
        'FIELD_INVALID objects[0].subsets[0].addresses[0].ip: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'FIELD_REQUIRED objects[0].subsets[0].addresses[1].ip: Required value',
        'FIELD_REQUIRED objects[0].subsets[0].ports[0].name: Required value',
        'FIELD_REQUIRED objects[0].subsets[0].ports[1].name: Required value',
      ],
    },
  ];
  for (const c of cases) test(c.name, () => expect(problemsOf(c.values)).toEqual(c.want));
});

describe('Node, Namespace and StatefulSet', () => {
  test('a Node: labels, taints, podCIDR, resources', () => {
    const [n] = parseManifests(`apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {topology.kubernetes.io/zone: eu-1a}}
spec: {podCIDR: 10.244.1.0/24, taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
status: {allocatable: {cpu: "4", pods: "110"}, addresses: [{type: InternalIP, address: 192.168.1.10}]}
`).nodes;
    expect(n.metadata).toMatchObject({ namespace: '', labels: { 'topology.kubernetes.io/zone': 'eu-1a' } });
    expect(n.spec).toEqual({
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      unschedulable: false,
      podCIDRs: ['10.244.1.0/24'],
    });
    expect(n.status).toEqual({
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }],
      allocatable: { cpu: '4', pods: '110' },
      capacity: {},
      images: [],
    });
  });

  test('a StatefulSet: replicas 1 and OrderedReady by default, template read as a Pod spec', () => {
    const [s] = parseObjects([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'data' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres' }] } },
        },
      },
    ]).statefulSets;
    expect(s.spec).toMatchObject({
      serviceName: 'db',
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: { app: 'db' } },
    });
    expect(s.spec.template.spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' });
  });

  const cases: { name: string; values: unknown[]; want: string[] }[] = [
    {
      name: 'taints need a key and an effect',
      values: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n' },
          spec: { taints: [{ value: 'x' }, { key: 'k', effect: 'NoExec' }] },
        },
      ],
      want: [
        'FIELD_REQUIRED objects[0].spec.taints[0].key: Required value',
        'FIELD_REQUIRED objects[0].spec.taints[0].effect: Required value',
        'FIELD_NOT_SUPPORTED objects[0].spec.taints[1].effect: Unsupported value: "NoExec": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule". Did you mean "NoExecute"?',
      ],
    },
    {
      name: 'a StatefulSet selector must match its template labels; replicas not negative',
      values: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db' },
          spec: {
            replicas: -1,
            selector: { matchLabels: { app: 'db' } },
            template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
          },
        },
      ],
      want: [
        'FIELD_INVALID objects[0].spec.template.metadata.labels: `selector` does not match template `labels`',
        'FIELD_INVALID objects[0].spec.replicas: must be greater than or equal to 0',
      ],
    },
  ];
  for (const c of cases) test(c.name, () => expect(problemsOf(c.values)).toEqual(c.want));
});
