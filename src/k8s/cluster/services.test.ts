// The API server's Service allocation. Messages are the API server's own:
// - errors.NewInvalid / field.Invalid: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go, …/util/validation/field/errors.go
// - "Internal error occurred: …": errors.NewInternalError, same file
// - "failed to allocate IP …", "failed to allocate a nodePort: …", "failed to allocate requested HealthCheck NodePort …":
//   pkg/registry/core/service/storage/alloc.go (allocIPs, initNodePorts, allocHealthCheckNodePort)
// - v1.35's cluster-IP allocator is the MetaAllocator over the ServiceCIDRs (MultiCIDRServiceAllocator, locked on
//   since v1.34, pkg/features/kube_features.go): "the provided network does not match the current range" for an IP
//   outside every ServiceCIDR (ErrMismatchedNetwork from MetaAllocator.getAllocator,
//   pkg/registry/core/service/ipallocator/cidrallocator.go); "the provided IP (…) is not in the valid range. The
//   range of valid IPs is …" for the CIDR's network and broadcast addresses (ErrNotInRange from
//   Allocator.allocateService, ipallocator/ipallocator.go); "provided IP is already allocated" (ErrAllocated); all
//   three texts in ipallocator/interfaces.go (ErrNotInRange's as of v1.35: a later change for
//   kubernetes/kubernetes#141152 drops the range from it, not to disclose the service CIDR)
// - "provided port is not in the valid range…", "provided port is already allocated", "range is full":
//   pkg/registry/core/service/portallocator/allocator.go
// - "may not change once set": validateUpgradeDowngradeClusterIPs, pkg/apis/core/validation/validation.go
// - "may only be set when `type` is 'LoadBalancer' …": validateServiceExternalTrafficPolicy, same file
import fc from 'fast-check';
import { dnsQuery } from '..';
import { KubeknowError } from '../../errors';
import { DEFAULT_DNS_OPTIONS } from '../dns';
import { parseObjects } from '../objects';
import { deepFreeze } from '../testing/builders';
import { clusterApply } from './apply';
import { invalidObject, problemAsFieldError } from './messages';
import { find, names, service } from './testkit';

interface Case {
  name: string;
  objects: Record<string, unknown>[];
  options?: Record<string, string>;
  rejected?: { object: string; message: string }[];
  /** Service name → [clusterIP, nodePorts…] after settling. */
  want?: Record<string, (string | number)[]>;
  /** Service name → its healthCheckNodePort after settling (undefined: none). */
  healthCheck?: Record<string, number | undefined>;
  /** The answer's warnings, when the case is about them. */
  warnings?: string[];
}

const lbPending = (name: string) =>
  `Service/default/${name}: EXTERNAL-IP stays <pending>: a kubeadm cluster runs no load-balancer controller, so status.loadBalancer stays {} until one (the cloud provider's cloud-controller-manager, or MetalLB on bare metal) assigns an address`;

// kubectl's warningNoLastAppliedConfigAnnotation (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go).
const unannotated = (namespace: string, name: string) =>
  `Service/${namespace}/${name}: resource services/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;

const dnsPorts = (nodePorts: (number | undefined)[] = []) =>
  ['UDP', 'TCP'].map((protocol, i) => ({
    name: `dns-${protocol.toLowerCase()}`,
    port: 53,
    protocol,
    ...(nodePorts[i] ? { nodePort: nodePorts[i] } : {}),
  }));

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
    // allocIPs (storage/alloc.go) around MetaAllocator.getAllocator's ErrMismatchedNetwork (ipallocator/cidrallocator.go)
    name: 'a requested clusterIP outside the service CIDR is refused with v1.35’s allocator message (was: the bitmap allocator’s)',
    objects: [service('web', { clusterIP: '10.0.0.5' })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided network does not match the current range',
      },
    ],
  },
  {
    // allocIPs (storage/alloc.go) around Allocator.allocateService's ErrNotInRange (ipallocator/ipallocator.go)
    name: 'the service CIDR’s network and broadcast addresses are in it but not in its allocator’s range',
    objects: [service('net', { clusterIP: '10.96.0.0' }), service('bcast', { clusterIP: '10.111.255.255' })],
    rejected: [
      {
        object: 'Service/default/net',
        message:
          'Service "net" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      },
      {
        object: 'Service/default/bcast',
        message:
          'Service "bcast" is invalid: spec.clusterIPs: Invalid value: []string{"10.111.255.255"}: failed to allocate IP 10.111.255.255: the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
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
  {
    // The Service store's BeginCreate (beginCreate, pkg/registry/core/service/storage/storage.go → allocateCreate in
    // alloc.go) runs before rest.BeforeCreate's Validate (Store.Create, staging/src/k8s.io/apiserver/pkg/registry/
    // generic/registry/store.go): the allocator's error is the one given, and the name's is never reached.
    name: 'an invalid name and an out-of-range nodePort: the API server allocates first and gives the allocator’s error alone (was: the name’s)',
    objects: [{ ...service('Web_1', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }) }],
    rejected: [
      {
        object: 'Service/default/Web_1',
        message:
          'Service "Web_1" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    // Same order (store.go Create): allocation passes, so rest.BeforeCreate's Validate refuses it (ValidateService's
    // ValidateServiceName, a DNS-1035 label, in pkg/apis/core/validation/validation.go).
    name: 'an invalid name whose allocation passes gets the validation message, and what it reserved is free for the next',
    objects: [
      service('Web_1', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
      service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    ],
    want: { web: ['10.96.1.1', 30080] },
    rejected: [
      {
        object: 'Service/default/Web_1',
        message:
          "Service \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      },
    ],
  },
  {
    // allocIPs (storage/alloc.go) before Validate (store.go Create): the IP an earlier Service holds is refused first.
    name: 'an invalid Service asking for an IP already held gets the allocator’s error',
    objects: [service('a', { clusterIP: '10.96.0.50' }), service('B', { clusterIP: '10.96.0.50' })],
    want: { a: ['10.96.0.50'] },
    rejected: [
      {
        object: 'Service/default/B',
        message:
          'Service "B" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
      },
    ],
  },
  {
    name: 'ports of one number and two protocols (53/UDP, 53/TCP) share one node port: initNodePorts keys on the port number',
    objects: [service('dns', { type: 'LoadBalancer', ports: dnsPorts() })],
    want: { dns: ['10.96.1.1', 30086, 30086] },
    warnings: [lbPending('dns')],
  },
  {
    name: 'a node port the second port of a number asks for is shared with the first',
    objects: [service('dns', { type: 'NodePort', ports: dnsPorts([undefined, 30053]) })],
    want: { dns: ['10.96.1.1', 30053, 30053] },
  },
  {
    name: 'ports of one number may still ask for two node ports',
    objects: [service('dns', { type: 'NodePort', ports: dnsPorts([30053, 30054]) })],
    want: { dns: ['10.96.1.1', 30053, 30054] },
  },
  {
    name: 'ports of two numbers asking for one node port: the allocator refuses the second',
    objects: [
      service('web', {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80, nodePort: 30080 },
          { name: 'alt', port: 8080, protocol: 'UDP', nodePort: 30080 },
        ],
      }),
    ],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
      },
    ],
  },
  {
    name: 'a LoadBalancer with externalTrafficPolicy Local gets a healthCheckNodePort from the node-port range',
    objects: [service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })],
    want: { lb: ['10.96.1.1', 30086] },
    healthCheck: { lb: 30087 },
    warnings: [lbPending('lb')],
  },
  {
    name: 'with allocateLoadBalancerNodePorts false it still gets a healthCheckNodePort',
    objects: [
      service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', allocateLoadBalancerNodePorts: false }),
    ],
    want: { lb: ['10.96.1.1'] },
    healthCheck: { lb: 30086 },
  },
  {
    name: 'a NodePort with externalTrafficPolicy Local and a LoadBalancer with Cluster get none (NeedsHealthCheck)',
    objects: [
      service('np', { type: 'NodePort', externalTrafficPolicy: 'Local' }),
      service('lb', { type: 'LoadBalancer' }),
    ],
    want: { np: ['10.96.1.1', 30086], lb: ['10.96.1.2', 30087] },
    healthCheck: { np: undefined, lb: undefined },
  },
  {
    name: 'a requested healthCheckNodePort is kept; one already taken is the allocator’s internal error',
    objects: [
      service('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }),
      service('a', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30101 }),
      service('b', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 }),
    ],
    healthCheck: { a: 30101 },
    rejected: [
      {
        object: 'Service/default/b',
        message:
          'Internal error occurred: failed to allocate requested HealthCheck NodePort 30100: provided port is already allocated',
      },
    ],
  },
  {
    name: 'a healthCheckNodePort outside the range is the allocator’s internal error',
    objects: [service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 80 })],
    rejected: [
      {
        object: 'Service/default/lb',
        message:
          'Internal error occurred: failed to allocate requested HealthCheck NodePort 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    name: 'a ClusterIP Service may not set healthCheckNodePort',
    objects: [service('web', { healthCheckNodePort: 30100 })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          "Service \"web\" is invalid: spec.healthCheckNodePort: Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      },
    ],
  },
  {
    name: 'a nodePort a later Service asks for is not taken by an earlier one’s allocation (was: lb-local got 30086, np refused)',
    objects: [
      service('lb-local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
      service('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30086 }] }),
    ],
    want: { 'lb-local': ['10.96.1.1', 30087], np: ['10.96.1.2', 30086] },
    healthCheck: { 'lb-local': 30088 },
  },
  {
    name: 'a clusterIP a later Service asks for is not taken by an earlier one’s allocation',
    objects: [service('a', {}), service('b', { clusterIP: '10.96.1.1' })],
    want: { a: ['10.96.1.2'], b: ['10.96.1.1'] },
  },
  {
    name: 'a refused Service gives back what it reserved before its refusal',
    objects: [
      service('bad', {
        type: 'NodePort',
        clusterIP: '10.96.1.1',
        ports: [
          { name: 'a', port: 80, nodePort: 30080 },
          { name: 'b', port: 81, nodePort: 31 },
        ],
      }),
      service('good', { type: 'NodePort', clusterIP: '10.96.1.1', ports: [{ port: 80, nodePort: 30080 }] }),
    ],
    want: { good: ['10.96.1.1', 30080] },
    rejected: [
      {
        object: 'Service/default/bad',
        message:
          'Service "bad" is invalid: spec.ports[1].nodePort: Invalid value: 31: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    name: 'a full node-port range is an internal error, not a field error',
    objects: [service('a', { type: 'NodePort' }), service('b', { type: 'NodePort' })],
    options: { nodePortRange: '30000-30000' },
    want: { a: ['10.96.1.1', 30000] },
    rejected: [
      { object: 'Service/default/b', message: 'Internal error occurred: failed to allocate a nodePort: range is full' },
    ],
  },
  {
    name: 'a given kubernetes Service updates the cluster’s own: it keeps 10.96.0.1 (was: replaced, at 10.96.1.1)',
    objects: [service('kubernetes', { ports: [{ name: 'https', port: 443, targetPort: 6443 }] })],
    want: { kubernetes: ['10.96.0.1'] },
  },
  {
    name: 'a given kube-dns keeps 10.96.0.10, and its clusterIP given as it is is accepted',
    objects: [service('kube-dns', { clusterIP: '10.96.0.10', ports: dnsPorts() }, 'kube-system')],
    want: { 'kube-dns': ['10.96.0.10'] },
  },
  {
    // normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) makes the changed clusterIP the first of
    // clusterIPs; validateUpgradeDowngradeClusterIPs (pkg/apis/core/validation/validation.go) refuses it. Since
    // dual-stack (v1.20) this is the message; `spec.clusterIP: Invalid value: …: field is immutable` was the
    // ValidateImmutableField check of the releases before.
    name: 'a given kubernetes Service with another clusterIP is refused, and the cluster’s own stays',
    objects: [
      service('kubernetes', { clusterIP: '10.96.1.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
    ],
    want: { kubernetes: ['10.96.0.1'] },
    rejected: [
      {
        object: 'Service/default/kubernetes',
        message:
          'Service "kubernetes" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.1.1"}: may not change once set',
      },
    ],
    warnings: [unannotated('default', 'kubernetes')],
  },
  {
    // ValidateServiceUpdate: validateUpgradeDowngradeClusterIPs's errors, then ValidateService's of the merged object
    // (a second port without a name: "Required value", validateServicePort), as one errors.NewInvalid aggregate.
    name: 'a given kubernetes Service is merged over the cluster’s own: its port 80 is a second, unnamed port, refused with the IP change',
    objects: [service('kubernetes', { clusterIP: '10.96.1.1' })],
    want: { kubernetes: ['10.96.0.1'] },
    rejected: [
      {
        object: 'Service/default/kubernetes',
        message:
          'Service "kubernetes" is invalid: [spec.clusterIPs[0]: Invalid value: []string{"10.96.1.1"}: may not change once set, spec.ports[1].name: Required value]',
      },
    ],
  },
  {
    // initNodePorts (pkg/registry/core/service/storage/alloc.go) asks the port allocator for it, and Allocate answers
    // ErrNotInRange (pkg/registry/core/service/portallocator/allocator.go), before rest.BeforeCreate's Validate; and
    // ValidateService never checks a nodePort's range (validateServicePort checks `port` with IsValidPortNum, not
    // `nodePort`). So the allocator's message alone (was: the validation message, "must be between 1 and 65535,
    // inclusive", with the name's).
    name: 'a nodePort above 65535 on an otherwise invalid NodePort Service: the allocator’s range error alone',
    objects: [service('Web_1', { type: 'NodePort', ports: [{ port: 80, nodePort: 70000 }] }), service('web', {})],
    want: { web: ['10.96.1.1'] },
    rejected: [
      {
        object: 'Service/default/Web_1',
        message:
          'Service "Web_1" is invalid: spec.ports[0].nodePort: Invalid value: 70000: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    // Same source (initNodePorts, portallocator's ErrNotInRange): validation has nothing to say of it.
    name: 'a nodePort above 65535 on a valid LoadBalancer: the allocator’s range error',
    objects: [service('lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 70000 }] })],
    rejected: [
      {
        object: 'Service/default/lb',
        message:
          'Service "lb" is invalid: spec.ports[0].nodePort: Invalid value: 70000: provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
  },
  {
    // A ClusterIP Service gets no node ports (txnAllocNodePorts, alloc.go), so validation speaks: ValidateService's
    // field.Forbidden (pkg/apis/core/validation/validation.go), which prints no value, and no range error.
    name: 'a nodePort above 65535 on a ClusterIP Service: forbidden there, and nothing about its range',
    objects: [service('web', { ports: [{ port: 80, nodePort: 70000 }] })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
      },
    ],
  },
  {
    // Allocation passes (a headless Service gets no IP: allocClusterIPs in alloc.go), so ValidateService's switch on
    // the type refuses it, at spec.clusterIPs[0] where normalizeClusterIPs put the clusterIP (was: spec.clusterIP).
    name: 'a headless NodePort Service is refused at spec.clusterIPs[0], the path every route gives',
    objects: [service('web', { type: 'NodePort', clusterIP: 'None' })],
    rejected: [
      {
        object: 'Service/default/web',
        message:
          'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
      },
    ],
  },
  {
    // initIPFamilyFields skips an ExternalName Service (alloc.go); ValidateService forbids its clusterIPs, which
    // normalizeClusterIPs filled from the clusterIP (field.Forbidden, pkg/apis/core/validation/validation.go).
    name: 'an ExternalName Service with a clusterIP is refused on spec.clusterIPs, Forbidden',
    objects: [service('web', { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.96.0.60' })],
    rejected: [
      {
        object: 'Service/default/web',
        message: 'Service "web" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      },
    ],
  },
  {
    // ValidateServiceClusterIPsRelatedFields's field.Duplicate, run by initIPFamilyFields: the value printed once,
    // without "Invalid value" (ErrorBody in staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go).
    name: 'a family given twice is a duplicate, as field.Duplicate prints it',
    objects: [service('web', { ipFamilies: ['IPv4', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' })],
    rejected: [
      {
        object: 'Service/default/web',
        message: 'Service "web" is invalid: spec.ipFamilies[1]: Duplicate value: "IPv4"',
      },
    ],
  },
  {
    // validateServicePort's field.Duplicate (pkg/apis/core/validation/validation.go), printed by ErrorBody
    // (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go) as `Duplicate value: "http"` with no
    // "Invalid value" before it (was: `Invalid value: "http": Duplicate value: "http"`).
    name: 'a port name given twice is a duplicate in validation’s message, as field.Duplicate prints it',
    objects: [
      service('web', {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      }),
    ],
    rejected: [
      {
        object: 'Service/default/web',
        message: 'Service "web" is invalid: spec.ports[1].name: Duplicate value: "http"',
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
    for (const [name, port] of Object.entries(c.healthCheck ?? {}))
      expect((find(r.objects, 'Service', name)!.spec as { healthCheckNodePort?: number }).healthCheckNodePort).toBe(
        port,
      );
    if (c.warnings) expect(r.warnings).toEqual(c.warnings);
    // A refused Service is not in the answer; the cluster's own are, once, given or not.
    const own = (n: string) => n === 'kubernetes' || n === 'kube-dns';
    expect(names(r.objects, 'Service').filter(own)).toHaveLength(2);
    for (const r2 of c.rejected ?? []) {
      const name = r2.object.split('/').pop()!;
      expect(names(r.objects, 'Service').filter((n) => n === name)).toHaveLength(own(name) ? 1 : 0);
    }
  });

// initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) at create, on this cluster's one IPv4 service CIDR,
// step by step as the source runs them; each case quotes the lines it follows. Values print as ErrorBody does
// (field/errors.go): the policy and a family quoted, clusterIPs as the Go slice, the field errors of one step
// joined by ToAggregate (`[a, b]`).
const familyCases: {
  name: string;
  spec: Record<string, unknown>;
  /** The field errors of the refusal, or the defaulted [ipFamilyPolicy, ipFamilies, clusterIP]. */
  want: string[] | [string, string[], string];
}[] = [
  {
    // "Create (POST): If they didn't specify a policy we can assume it's always SingleStack."
    name: 'no policy is SingleStack: one family, one IP',
    spec: {},
    want: ['SingleStack', ['IPv4'], '10.96.1.1'],
  },
  {
    // `if len(service.Spec.ClusterIPs) == 2` then `if len(service.Spec.IPFamilies) == 2` under SingleStack, one
    // error each, both returned together at "bail out now" (was: RequireDualStack defaulted, then refused alone).
    name: 'no policy, two cluster IPs and two families: both SingleStack errors, IPs first',
    spec: { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.60', 'fd00::60'], ipFamilies: ['IPv4', 'IPv6'] },
    want: [
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
    ],
  },
  {
    // The policy error, then "Infer IPFamilies[] from ClusterIPs[]": clusterIPs[1] has no given family and the cluster
    // has no IPv6 allocator: `field.Invalid(…clusterIPs….Index(i), service.Spec.ClusterIPs, "%s is not configured on
    // this cluster")`, in the same answer.
    name: 'no policy, two cluster IPs, no families: the SingleStack error and the IPv6 one on clusterIPs[1]',
    spec: { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.60', 'fd00::60'] },
    want: [
      "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
      'spec.clusterIPs[1]: Invalid value: []string{"10.96.0.60", "fd00::60"}: IPv6 is not configured on this cluster',
    ],
  },
  {
    // The inference loop's "better error in this specific case (indicating the user-provided IP …)", printing the
    // whole clusterIPs (was: the allocator's "failed to allocate IP fd00::1: the provided network does not match").
    name: 'an IPv6 clusterIP with no families on the IPv4 cluster: IPv6 is not configured, on the IP',
    spec: { clusterIP: 'fd00::1' },
    want: ['spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster'],
  },
  {
    // PreferDualStack passes the policy check; the inference loop refuses the IPv6 IP.
    name: 'PreferDualStack with an IPv4 and an IPv6 cluster IP: IPv6 is not configured, on clusterIPs[1]',
    spec: { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.60', 'fd00::60'], ipFamilyPolicy: 'PreferDualStack' },
    want: [
      'spec.clusterIPs[1]: Invalid value: []string{"10.96.0.60", "fd00::60"}: IPv6 is not configured on this cluster',
    ],
  },
  {
    // "Demanding dual-stack on a non dual-stack cluster", then "If there is a family requested then it has to be
    // configured on cluster": both errors in one answer (was: the first alone).
    name: 'RequireDualStack with both families: not dual-stack, and ipFamilies[1] not configured',
    spec: { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] },
    want: [
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
      'spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster',
    ],
  },
  {
    name: 'ipFamilies [IPv6] with no IP: the family is not configured',
    spec: { ipFamilies: ['IPv6'] },
    want: ['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
  },
  {
    // "If this service is looking for dual-stack and this cluster does have two families, append the missing
    // family": this cluster has one, so PreferDualStack keeps IPv4 alone.
    name: 'PreferDualStack gets the one family the cluster has',
    spec: { ipFamilyPolicy: 'PreferDualStack' },
    want: ['PreferDualStack', ['IPv4'], '10.96.1.1'],
  },
  {
    // "Special-case: headless + selectorless defaults to dual", and in its own branch, before the cluster's checks,
    // "add the alt ipfamily" when the policy is not SingleStack: accepted on a single-stack cluster (was:
    // SingleStack, [IPv4]).
    name: 'headless without a selector: RequireDualStack and both families, accepted on the IPv4 cluster',
    spec: { clusterIP: 'None' },
    want: ['RequireDualStack', ['IPv4', 'IPv6'], 'None'],
  },
  {
    // The same branch: the given family first, "the alt ipfamily" after it, no check that the cluster has it.
    name: 'headless without a selector asking for IPv6: both families, IPv6 first',
    spec: { clusterIP: 'None', ipFamilies: ['IPv6'] },
    want: ['RequireDualStack', ['IPv6', 'IPv4'], 'None'],
  },
  {
    // The same branch: "if *(service.Spec.IPFamilyPolicy) != api.IPFamilyPolicySingleStack" — SingleStack adds none.
    name: 'headless without a selector, SingleStack: the default family alone',
    spec: { clusterIP: 'None', ipFamilyPolicy: 'SingleStack' },
    want: ['SingleStack', ['IPv4'], 'None'],
  },
  {
    // With a selector the special case does not apply: no policy is SingleStack, and RequireDualStack meets
    // "Demanding dual-stack on a non dual-stack cluster".
    name: 'headless with a selector: SingleStack by default, RequireDualStack refused',
    spec: { clusterIP: 'None', selector: { app: 'db' }, ipFamilyPolicy: 'RequireDualStack' },
    want: [
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
  },
  {
    name: 'headless with a selector and no policy: SingleStack, IPv4',
    spec: { clusterIP: 'None', selector: { app: 'db' } },
    want: ['SingleStack', ['IPv4'], 'None'],
  },
  {
    // ValidateServiceClusterIPsRelatedFields first ("loose pre-validation"), returned alone: the SingleStack and
    // family steps after it are not reached.
    name: 'an invalid IP among two: the IP check alone, not the policy error after it',
    spec: { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.60', 'abc'] },
    want: ['spec.clusterIPs[1]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  },
];

test.each(familyCases)('IP families on the single-stack cluster: $name', ({ spec, want }) => {
  const r = clusterApply(deepFreeze([service('web', spec)]));
  if (!Array.isArray(want[1])) {
    expect(r.rejected).toEqual([
      { object: 'Service/default/web', message: invalidObject('Service', 'v1', 'web', want as string[]) },
    ]);
    return;
  }
  const [policy, families, clusterIP] = want as [string, string[], string];
  expect(r.rejected).toEqual([]);
  expect(find(r.objects, 'Service', 'web')!.spec).toMatchObject({
    ipFamilyPolicy: policy,
    ipFamilies: families,
    clusterIP,
  });
});

test('errors.NewInvalid prints a repeated field error once, as ErrorList.ToAggregate drops it', () => {
  const e = 'spec.ports[0].port: Required value';
  expect(invalidObject('Service', 'v1', 'web', [e, e])).toBe(`Service "web" is invalid: ${e}`);
  expect(invalidObject('Service', 'v1', 'web', [e, 'x', e])).toBe(`Service "web" is invalid: [${e}, x]`);
});

test('a created Service’s status is emptied (PrepareForCreate), so a LoadBalancer shows no ingress given in the manifest', () => {
  const lb = { ...service('lb', { type: 'LoadBalancer' }), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
  const r = clusterApply(deepFreeze([lb]));
  expect(find(r.objects, 'Service', 'lb')!.status).toEqual({ loadBalancer: {} });
  expect(r.warnings).toEqual([lbPending('lb')]);
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

// `kubectl apply` over an object it did not create: no last-applied-configuration, so the three-way strategic
// merge patch (strategicpatch.CreateThreeWayMergePatch) deletes nothing and merges the manifest's fields into the
// live object: maps key by key, Service.spec.ports item by item (patchMergeKey "port" in core/v1 types.go; matched
// here on port and protocol), other fields replaced; a null deletes.
test('a given kube-dns is merged over the cluster’s own, as kubectl apply patches it, and keeps 10.96.0.10', () => {
  const dns = {
    ...service(
      'kube-dns',
      {
        selector: { app: 'mydns' },
        sessionAffinity: 'ClientIP',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
          { name: 'alt', port: 5353, protocol: 'UDP' },
        ],
      },
      'kube-system',
    ),
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { team: 'net', 'kubernetes.io/name': 'MyDNS' } },
  };
  const r = clusterApply(deepFreeze([dns]));
  expect(r.rejected).toEqual([]);
  expect(r.warnings[0]).toBe(unannotated('kube-system', 'kube-dns'));
  const got = find(r.objects, 'Service', 'kube-dns') as unknown as {
    metadata: { labels: Record<string, string> };
    spec: Record<string, unknown>;
  };
  expect(got.metadata.labels).toEqual({
    'k8s-app': 'kube-dns',
    'kubernetes.io/cluster-service': 'true',
    'kubernetes.io/name': 'MyDNS',
    team: 'net',
  });
  expect(got.spec).toMatchObject({
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    selector: { 'k8s-app': 'kube-dns', app: 'mydns' },
    sessionAffinity: 'ClientIP',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      { name: 'alt', port: 5353, protocol: 'UDP', targetPort: 5353 },
    ],
  });
  expect(names(r.objects, 'Service').filter((n) => n === 'kube-dns')).toHaveLength(1);
});

// initIPFamilyFields (pkg/registry/core/service/storage/alloc.go), the first step of allocateCreate, checks the IP
// fields (ValidateServiceClusterIPsRelatedFields) and refuses with their errors alone: neither the invalid name
// (Validate, later) nor the node port out of range (allocated after the IPs) is reached.
test('an invalid name, clusterIP and nodePort: the API server gives the IP fields’ errors alone', () => {
  const bad = service('Web_1', { type: 'NodePort', clusterIP: '10.96.0.300', ports: [{ port: 80, nodePort: 80 }] });
  const r = clusterApply(deepFreeze([bad, service('web', {})]));
  expect(r.rejected.map((x) => x.object)).toEqual(['Service/default/Web_1']);
  const [{ message }] = r.rejected;
  expect(message).toBe(
    'Service "Web_1" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  );
});

// The same check, in its own words: ValidateServiceClusterIPsRelatedFields (pkg/apis/core/validation/
// validation.go) checks clusterIPs, as normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) makes a
// clusterIP given alone their first (IsValidIP's "must be a valid IP address, …", not ValidateService's
// "must be empty, 'None', or a valid IP address" on spec.clusterIP), and two IPs of one family are an error on the
// whole list (IsDualStackIPStrings). The invalid port name (Validate, after allocation) is not reached.
test.each([
  [
    { clusterIP: 'abc' },
    'spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ],
  [
    { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.60', '10.96.0.61'] },
    'spec.clusterIPs: Invalid value: []string{"10.96.0.60", "10.96.0.61"}: may specify no more than one IP for each IP family',
  ],
  // normalizeClusterIPs fills clusterIPs from clusterIP, never the reverse ("new client must use both fields").
  [
    { clusterIPs: ['10.96.0.60', '10.96.0.61'] },
    '[spec.clusterIPs: Invalid value: []string{"10.96.0.60", "10.96.0.61"}: must be empty when `clusterIP` is not specified, spec.clusterIPs: Invalid value: []string{"10.96.0.60", "10.96.0.61"}: may specify no more than one IP for each IP family]',
  ],
  [
    { clusterIP: '10.96.0.60', clusterIPs: ['10.96.0.61'] },
    'spec.clusterIPs: Invalid value: []string{"10.96.0.61"}: first value must match `clusterIP`',
  ],
  [
    { ipFamilies: ['IPv6'], clusterIP: '10.96.0.60' },
    'spec.clusterIPs[0]: Invalid value: "10.96.0.60": expected an IPv6 value as indicated by `ipFamilies[0]`',
  ],
])('IP fields %j with a bad port name: allocation’s IP check alone, in its words', (ipFields, fieldError) => {
  const bad = service('web', { ...ipFields, ports: [{ port: 80, name: 'BAD_NAME' }] });
  const r = clusterApply(deepFreeze([bad]));
  expect(r.rejected).toEqual([{ object: 'Service/default/web', message: `Service "web" is invalid: ${fieldError}` }]);
});

test('a null in a manifest applied over the cluster’s own deletes the field (the strategic merge patch’s null)', () => {
  const dns = service(
    'kube-dns',
    { selector: null, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    'kube-system',
  );
  const r = clusterApply(deepFreeze([dns]));
  expect(r.rejected).toEqual([]);
  expect(find(r.objects, 'Service', 'kube-dns')!.spec).not.toHaveProperty('selector');
});

test('a given kube-dns asking for another clusterIP is refused: may not change once set', () => {
  const r = clusterApply(
    deepFreeze([
      service(
        'kube-dns',
        { clusterIP: '10.96.0.53', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
        'kube-system',
      ),
    ]),
  );
  expect(r.rejected).toEqual([
    {
      object: 'Service/kube-system/kube-dns',
      message:
        'Service "kube-dns" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.53"}: may not change once set',
    },
  ]);
  expect((find(r.objects, 'Service', 'kube-dns')!.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10');
});

// dropTypeDependentFields (PrepareForUpdate, pkg/registry/core/service/strategy.go): a Service changed to
// ExternalName loses the clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy the user left unchanged, so
// validation accepts it; updateClusterIPs (pkg/registry/core/service/storage/alloc.go, its ExternalName case)
// releases the old IP, which a later Service may then ask for.
test('the cluster’s own kube-dns turned ExternalName loses its cluster IP, gives 10.96.0.10 back, and answers a CNAME', () => {
  // The manifest of the finding, without ports: the merge keeps the live object's.
  const dns = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system' },
    spec: { type: 'ExternalName', externalName: 'example.com' },
  };
  const r = clusterApply(deepFreeze([dns, service('web', { clusterIP: '10.96.0.10' })]));
  expect(r.rejected).toEqual([]);
  const got = find(r.objects, 'Service', 'kube-dns')!.spec as Record<string, unknown>;
  expect(got).toMatchObject({ type: 'ExternalName', externalName: 'example.com' });
  expect(got).not.toHaveProperty('clusterIP');
  expect(got).not.toHaveProperty('clusterIPs');
  expect((find(r.objects, 'Service', 'web')!.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10');
  const c = parseObjects(deepFreeze([dns]));
  const a = dnsQuery(c, { name: 'kube-dns.kube-system.svc.cluster.local', type: 'A' }, DEFAULT_DNS_OPTIONS);
  expect(a.answer.map((x) => `${x.type} ${x.data}`)).toEqual(['CNAME example.com.']);
});

test('a kube-dns turned ExternalName that also asks for another clusterIP keeps it, and is refused as before', () => {
  const dns = service(
    'kube-dns',
    { type: 'ExternalName', externalName: 'example.com', clusterIP: '10.96.0.53' },
    'kube-system',
  );
  const r = clusterApply(deepFreeze([dns]));
  expect(r.rejected.map((x) => x.message)).toEqual([
    // ValidateService's ExternalName rule is field.Forbidden on clusterIPs (pkg/apis/core/validation/validation.go),
    // after normalizeClusterIPs filled them from the clusterIP (was: spec.clusterIP, Invalid value).
    expect.stringContaining('spec.clusterIPs: Forbidden: may not be set for ExternalName services'),
  ]);
});

// Every route reads a Service through validation (parseObjects: DNS, EndpointSlices, the dry-run's reading), which
// runs initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) for a cluster of both families, and the
// dry-run's allocation runs it first, for its single-stack IPv4 cluster, before anything is allocated or validated.
// So where validation finds errors in the IP fields, the dry-run refuses with exactly those, in the same order and
// at the same paths, plus only what its cluster lacks (IPv6, dual-stack); where validation finds none, the dry-run
// refuses only for its cluster (allocation) or with validation's whole message (ValidateService's rules for the
// type, after allocation).
describe('the IP fields: validation and allocation give the same errors', () => {
  const ip = fc.constantFrom('', 'None', '10.96.0.60', '10.96.0.61', 'fd00::1', '::ffff:10.96.0.62', 'abc');
  const spec = fc.record(
    {
      type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
      clusterIP: ip,
      clusterIPs: fc.array(ip, { maxLength: 3 }),
      ipFamilies: fc.array(fc.constantFrom('IPv4', 'IPv6', 'ipv4'), { maxLength: 3 }),
      ipFamilyPolicy: fc.constantFrom('', 'SingleStack', 'PreferDualStack', 'RequireDualStack', 'Dual'),
      selector: fc.constantFrom({ app: 'web' }, {}),
    },
    { requiredKeys: [] },
  );
  // ValidateService's rules outside initIPFamilyFields (its switch on the type).
  const outsideTheCheck = /may not be set to 'None' for|may not be set for ExternalName services/;
  const ipPath = /^spec\.(clusterIPs?|ipFamilies|ipFamilyPolicy)\b/;
  const clusterOnly = /not configured on this cluster|not configured for dual-stack services/;
  const allocationOnly = /not configured|failed to allocate IP/;
  // The field errors of a message errors.NewInvalid built (each starts at `spec.`; no value here holds ", spec.").
  const fieldErrorsOf = (message: string): string[] => {
    const body = message.replace('Service "web" is invalid: ', '');
    return body.startsWith('[') ? body.slice(1, -1).split(/, (?=spec\.)/) : [body];
  };

  test('for random clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, selector and type', () => {
    fc.assert(
      fc.property(spec, (fields) => {
        const extra = fields.type === 'ExternalName' ? { externalName: 'db.example.com' } : {};
        const manifest = service('web', { ...fields, ...extra });
        let validation: string[] = [];
        try {
          parseObjects([manifest]);
        } catch (e) {
          if (!(e instanceof KubeknowError)) throw e;
          validation = e.problems.map((p) => problemAsFieldError(p, 'objects[0]'));
        }
        const check = validation.filter((e) => ipPath.test(e) && !outsideTheCheck.test(e));
        const [refusal] = clusterApply(deepFreeze([manifest])).rejected;
        const errors = refusal ? fieldErrorsOf(refusal.message) : [];
        if (fields.type !== 'ExternalName' && check.length) {
          expect(errors.filter((e) => !clusterOnly.test(e))).toEqual(check);
          expect(errors.every((e) => ipPath.test(e))).toBe(true);
        } else if (errors.length && errors.every((e) => allocationOnly.test(e))) return;
        else if (validation.length) expect(refusal?.message).toBe(invalidObject('Service', 'v1', 'web', validation));
        else expect(refusal).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});
