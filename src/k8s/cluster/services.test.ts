// The API server's Service allocation. Messages are the API server's own:
// - errors.NewInvalid / field.Invalid: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go, …/util/validation/field/errors.go
// - "failed to allocate IP …": pkg/registry/core/service/storage/alloc.go (allocIPs)
// - "provided IP is not in the valid range…", "provided IP is already allocated": pkg/registry/core/service/ipallocator/allocator.go
// - "provided port is not in the valid range…", "provided port is already allocated": pkg/registry/core/service/portallocator/allocator.go
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { find, service } from './testkit';

interface Case {
  name: string;
  objects: Record<string, unknown>[];
  options?: Record<string, string>;
  rejected?: { object: string; message: string }[];
  /** Service name → [clusterIP, nodePorts…] after settling. */
  want?: Record<string, (string | number)[]>;
}

const cases: Case[] = [
  {
    name: 'a ClusterIP Service gets the first address of the upper band of 10.96.0.0/12; kubernetes and kube-dns keep .1 and .10',
    objects: [service('web', {})],
    want: { web: ['10.96.1.1'], kubernetes: ['10.96.0.1'], 'kube-dns': ['10.96.0.10'] },
  },
  {
    name: 'a requested clusterIP in range is kept exactly',
    objects: [service('web', { clusterIP: '10.96.0.50' })],
    want: { web: ['10.96.0.50'] },
  },
  {
    name: 'a requested clusterIP outside the service CIDR is refused with the allocator message',
    objects: [service('web', { clusterIP: '10.0.0.1' })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      },
    ],
  },
  {
    name: 'of two Services asking for the same IP, the second is refused (kube-dns already holds .10)',
    objects: [service('dns', { clusterIP: '10.96.0.10' })],
    rejected: [
      {
        object: 'Service/default/dns',
        message:
          'Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
      },
    ],
  },
  {
    name: 'a nodePort outside the range is refused with the issue’s example message',
    objects: [service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    name: 'of two Services asking for the same nodePort, the second is refused and the first kept',
    objects: [
      service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
      service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    ],
    want: { a: ['10.96.1.1', 30080] },
    rejected: [
      {
        object: 'Service/default/b',
        message:
          'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
      },
    ],
  },
  {
    name: 'a NodePort Service without a nodePort gets the first port of the upper band (30000 + 86)',
    objects: [service('web', { type: 'NodePort' })],
    want: { web: ['10.96.1.1', 30086] },
  },
  {
    name: 'a LoadBalancer is a NodePort: it gets a cluster IP and a node port',
    objects: [service('web', { type: 'LoadBalancer' })],
    want: { web: ['10.96.1.1', 30086] },
  },
  {
    name: 'a LoadBalancer with allocateLoadBalancerNodePorts false gets no node port',
    objects: [service('web', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false })],
    want: { web: ['10.96.1.1'] },
  },
  {
    name: 'a headless Service and an ExternalName get no IP',
    objects: [
      service('db', { clusterIP: 'None' }),
      service('ext', { type: 'ExternalName', externalName: 'example.org', ports: [] }),
    ],
    want: { db: ['None'], ext: [] },
  },
  {
    name: 'the nodePortRange option moves the range and the message with it',
    objects: [service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
    options: { nodePortRange: '31000-31999' },
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 31000-31999',
      },
    ],
  },
  {
    name: 'RequireDualStack on a single-stack cluster is refused',
    objects: [service('web', { ipFamilyPolicy: 'RequireDualStack' })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
      },
    ],
  },
  {
    name: 'an invalid Service is refused with its validation message and the others go on',
    objects: [service('bad', { ports: [{ port: 70000 }] }), service('web', {})],
    want: { web: ['10.96.1.1'] },
    rejected: [
      {
        object: 'Service/default/bad',
        message:
          'Service "bad" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      },
    ],
  },
];

for (const c of cases)
  test(c.name, () => {
    const r = clusterApply(deepFreeze(c.objects), c.options);
    expect(r.rejected).toEqual(c.rejected ?? []);
    for (const [name, [ip, ...ports]] of Object.entries(c.want ?? {})) {
      const s = find(r.objects, 'Service', name)!;
      const spec = s.spec as { clusterIP?: string; ports: { nodePort?: number }[] };
      expect(spec.clusterIP).toBe(ip);
      expect(spec.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : []))).toEqual(ports);
    }
    for (const r2 of c.rejected ?? [])
      expect(r.objects.some((o) => `Service/default/${(o.metadata as { name: string }).name}` === r2.object)).toBe(
        false,
      );
  });

test('defaulted fields appear as the API server fills them', () => {
  const r = clusterApply([service('web', {})]);
  expect(find(r.objects, 'Service', 'web')!.spec).toMatchObject({
    type: 'ClusterIP',
    clusterIPs: ['10.96.1.1'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
  });
});

test('the same input gives the same answer, byte for byte', () => {
  const objects = [service('a', { type: 'NodePort' }), service('b', {})];
  expect(JSON.stringify(clusterApply(objects))).toBe(JSON.stringify(clusterApply(objects)));
});
