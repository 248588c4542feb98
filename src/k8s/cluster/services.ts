// The API server's Service allocation (pkg/registry/core/service/storage/alloc.go): the type chain
// (a LoadBalancer is a NodePort is a ClusterIP), cluster IPs from the service CIDR and node ports
// from --service-node-port-range, each requested one checked against its range and what is taken,
// in the order the Services are created. The real allocators pick free values at random from the
// upper band of their range (KEP-3070, KEP-3668); here they are taken in order from that band, so
// allocated values are deterministic and illustrative, while requested ones are exact.
import type { Service } from '../objects';
import { contains, ipv4Number, ipv4Text } from './cidr';
import type { ClusterConfig } from './config';
import { invalidField, invalidObject } from './messages';

/** What allocation needs to know: the cluster's ranges and what is already taken. */
export interface Allocator {
  config: ClusterConfig;
  ips: Set<number>;
  ports: Set<number>;
  nextIp: number;
  nextPort: number;
  /** How many values from nextIp (nextPort) on are known taken: allocating in order then scans the range
   * once rather than from its start for every Service (5 000 Services were 12 million lookups). Values
   * are only ever added to `ports`; a cluster IP given back (createService) resets `ipsTaken`. */
  ipsTaken: number;
  portsTaken: number;
}

// calculateRangeOffset in ipallocator/bitmap.go: min(max(16, size/16), 256) addresses form the lower
// (static) band; portallocator/allocator.go uses min(max(16, size/32), 128) ports.
const band = (size: number, step: number, max: number): number =>
  size < 16 ? 0 : Math.min(Math.max(16, Math.floor(size / step)), max);

/** An allocator with nothing taken. */
export function allocatorFor(config: ClusterConfig): Allocator {
  const usable = config.serviceCIDR.size - 2;
  return {
    config,
    ips: new Set(),
    ports: new Set(),
    nextIp: config.serviceCIDR.network + 1 + band(usable, 16, 256),
    nextPort: config.nodePortRange.base + band(config.nodePortRange.size, 32, 128),
    ipsTaken: 0,
    portsTaken: 0,
  };
}

function isUsable(config: ClusterConfig, n: number): boolean {
  const { serviceCIDR: c } = config;
  return contains(c, n) && n !== c.network && n !== c.network + c.size - 1;
}

// AllocateNext: the upper band first, then wrapping round to the lower one. The first `known` values
// from the start are taken (in `taken`) already; the count returned is how many are now.
function nextFree(
  taken: ReadonlySet<number>,
  start: number,
  first: number,
  last: number,
  known: number,
  alsoTaken: (n: number) => boolean = () => false,
): { n: number | undefined; known: number } {
  const at = (i: number) => first + ((start - first + i) % (last - first + 1));
  let i = known;
  while (i <= last - first && taken.has(at(i))) i++;
  for (let j = i; j <= last - first; j++) {
    const n = at(j);
    if (!taken.has(n) && !alsoTaken(n)) return { n, known: i };
  }
  return { n: undefined, known: i };
}

function allocateIp(a: Allocator, svc: Service): { ip: string } | { error: string } {
  const requested = svc.spec.clusterIPs[0];
  const c = a.config.serviceCIDR;
  if (!requested) {
    const { n, known } = nextFree(a.ips, a.nextIp, c.network + 1, c.network + c.size - 2, a.ipsTaken);
    a.ipsTaken = known;
    // alloc.go: a full range is an internal error, not a field error.
    if (n === undefined) return { error: 'Internal error occurred: failed to allocate a serviceIP: range is full' };
    a.ips.add(n);
    return { ip: ipv4Text(n) };
  }
  const n = ipv4Number(requested);
  const fail = (why: string) =>
    invalidField('spec.clusterIPs', svc.spec.clusterIPs, `failed to allocate IP ${requested}: ${why}`);
  // ipallocator.ErrNotInRange and ErrAllocated (pkg/registry/core/service/ipallocator/allocator.go).
  if (n === undefined || !isUsable(a.config, n))
    return { error: fail(`provided IP is not in the valid range. The range of valid IPs is ${c.text}`) };
  if (a.ips.has(n)) return { error: fail('provided IP is already allocated') };
  a.ips.add(n);
  return { ip: requested };
}

function allocatePorts(a: Allocator, svc: Service): { ports: Service['spec']['ports'] } | { errors: string[] } {
  const { base, size, text } = a.config.nodePortRange;
  const errors: string[] = [];
  const taken: number[] = [];
  const ports = svc.spec.ports.map((p, i) => {
    const path = `spec.ports[${i}].nodePort`;
    if (p.nodePort !== undefined) {
      // portallocator.ErrNotInRange and ErrAllocated (pkg/registry/core/service/portallocator/allocator.go).
      if (p.nodePort < base || p.nodePort >= base + size)
        errors.push(
          invalidField(
            path,
            p.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${text}`,
          ),
        );
      else if (a.ports.has(p.nodePort) || taken.includes(p.nodePort))
        errors.push(invalidField(path, p.nodePort, 'provided port is already allocated'));
      else taken.push(p.nodePort);
      return p;
    }
    const { n, known } = nextFree(a.ports, a.nextPort, base, base + size - 1, a.portsTaken, (x) => taken.includes(x));
    a.portsTaken = known;
    if (n === undefined) {
      errors.push(invalidField(path, 0, 'range is full'));
      return p;
    }
    taken.push(n);
    return { ...p, nodePort: n };
  });
  if (errors.length) return { errors };
  for (const n of taken) a.ports.add(n);
  return { ports };
}

/** Whether the Service gets node ports: NodePort, and LoadBalancer unless allocateLoadBalancerNodePorts is false. */
export function wantsNodePorts(svc: Service): boolean {
  if (svc.spec.type === 'NodePort') return true;
  const spec = (svc.raw?.spec ?? {}) as { allocateLoadBalancerNodePorts?: unknown };
  return svc.spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

// This simulated cluster is single-stack IPv4, as kubeadm's defaults make it.
function familyError(svc: Service): string | undefined {
  if (svc.spec.ipFamilyPolicy === 'RequireDualStack')
    return invalidField(
      'spec.ipFamilyPolicy',
      'RequireDualStack',
      'this cluster is not configured for dual-stack services',
    );
  const v6 = svc.spec.ipFamilies.indexOf('IPv6');
  const given = (svc.raw?.spec as { ipFamilies?: unknown } | undefined)?.ipFamilies;
  if (v6 >= 0 && Array.isArray(given) && given.includes('IPv6'))
    return invalidField(`spec.ipFamilies[${v6}]`, 'IPv6', 'not configured on this cluster');
  return undefined;
}

/** The Service as created: allocated and defaulted, or the API server's message refusing it. */
export function createService(a: Allocator, svc: Service): { service: Service } | { message: string } {
  const refuse = (errors: string[]) => ({ message: invalidObject('Service', 'v1', svc.metadata.name, errors) });
  if (svc.spec.type === 'ExternalName') return { service: svc };
  const family = familyError(svc);
  if (family) return refuse([family]);
  // PreferDualStack on a single-stack cluster gets the one family it has (alloc.go initIPFamilyFields).
  let spec: Service['spec'] = { ...svc.spec, ipFamilies: ['IPv4'] };
  if (svc.spec.clusterIP !== 'None') {
    const ip = allocateIp(a, svc);
    if ('error' in ip) return refuse([ip.error]);
    spec = { ...spec, clusterIP: ip.ip, clusterIPs: [ip.ip] };
  }
  if (wantsNodePorts(svc)) {
    const ports = allocatePorts(a, { ...svc, spec });
    if ('errors' in ports) {
      if (spec.clusterIP !== 'None') {
        a.ips.delete(ipv4Number(spec.clusterIP)!);
        a.ipsTaken = 0;
      }
      return refuse(ports.errors);
    }
    spec = { ...spec, ports: ports.ports };
  }
  const raw = svc.raw && svc.spec.type === 'LoadBalancer' ? lbDefaults(svc.raw) : svc.raw;
  return { service: { ...svc, spec, ...(raw ? { raw } : {}) } };
}

// SetDefaults_Service: allocateLoadBalancerNodePorts is true unless given.
function lbDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  const spec = (raw.spec ?? {}) as Record<string, unknown>;
  return spec.allocateLoadBalancerNodePorts === undefined
    ? { ...raw, spec: { ...spec, allocateLoadBalancerNodePorts: true } }
    : raw;
}

/** Records a Service that already exists (a snapshot's): its IP and node ports are taken, unchecked. */
export function observeService(a: Allocator, svc: Service): void {
  for (const ip of svc.spec.clusterIPs) {
    const n = ipv4Number(ip);
    if (n !== undefined) a.ips.add(n);
  }
  for (const p of svc.spec.ports) if (p.nodePort !== undefined) a.ports.add(p.nodePort);
}
