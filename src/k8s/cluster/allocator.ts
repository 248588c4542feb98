// The API server's two allocators for Services: cluster IPs from the service CIDR
// (pkg/registry/core/service/ipallocator) and node ports from --service-node-port-range
// (pkg/registry/core/service/portallocator). `reserve` is their Allocate (a requested value, with its
// error text); `next` is AllocateNext, which the real allocators answer at random from the upper band
// of the range (KEP-3070, KEP-3668) and this one answers in order from that band, so the dry-run is
// deterministic; `release` gives a value back when the Service that held it is refused.
import { contains, ipv4Text } from './cidr';
import type { ClusterConfig } from './config';

/** What allocation needs to know: the cluster's ranges and what is already taken. */
export interface Allocator {
  config: ClusterConfig;
  ips: Set<number>;
  ports: Set<number>;
  nextIp: number;
  nextPort: number;
  /** How many values from nextIp (nextPort) on are known taken: allocating in order then scans the range
   * once rather than from its start for every Service (5 000 Services were 12 million lookups). A value
   * given back resets its count. */
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
): { n: number | undefined; known: number } {
  const at = (i: number) => first + ((start - first + i) % (last - first + 1));
  let i = known;
  while (i <= last - first && taken.has(at(i))) i++;
  return { n: i <= last - first ? at(i) : undefined, known: i };
}

/**
 * Allocate(ip): undefined when reserved, else the error of v1.35's allocator, the MetaAllocator over the
 * ServiceCIDRs (MultiCIDRServiceAllocator, locked on since v1.34): an IP outside every ServiceCIDR
 * has no allocator (ErrMismatchedNetwork, MetaAllocator.getAllocator in ipallocator/cidrallocator.go);
 * the network and broadcast addresses of the CIDR are outside its allocator's range (ErrNotInRange,
 * Allocator.allocateService in ipallocator/ipallocator.go; its text in ipallocator/interfaces.go); a
 * taken one is ErrAllocated (interfaces.go).
 */
export function reserveIp(a: Allocator, n: number | undefined): string | undefined {
  const { serviceCIDR } = a.config;
  if (n === undefined || !contains(serviceCIDR, n)) return 'the provided network does not match the current range';
  if (!isUsable(a.config, n))
    return `the provided IP (${ipv4Text(n)}) is not in the valid range. The range of valid IPs is ${serviceCIDR.text}`;
  if (a.ips.has(n)) return 'provided IP is already allocated';
  a.ips.add(n);
  return undefined;
}

/** AllocateNext for a cluster IP, or undefined when the range is full. */
export function nextIp(a: Allocator): number | undefined {
  const c = a.config.serviceCIDR;
  const { n, known } = nextFree(a.ips, a.nextIp, c.network + 1, c.network + c.size - 2, a.ipsTaken);
  a.ipsTaken = known;
  if (n !== undefined) a.ips.add(n);
  return n;
}

/** Allocate(port): undefined when reserved, else the portallocator's error (ErrNotInRange, ErrAllocated). */
export function reservePort(a: Allocator, port: number): string | undefined {
  const { base, size, text } = a.config.nodePortRange;
  if (port < base || port >= base + size)
    return `provided port is not in the valid range. The range of valid ports is ${text}`;
  if (a.ports.has(port)) return 'provided port is already allocated';
  a.ports.add(port);
  return undefined;
}

/** AllocateNext for a node port, or undefined when the range is full. */
export function nextPort(a: Allocator): number | undefined {
  const { base, size } = a.config.nodePortRange;
  const { n, known } = nextFree(a.ports, a.nextPort, base, base + size - 1, a.portsTaken);
  a.portsTaken = known;
  if (n !== undefined) a.ports.add(n);
  return n;
}

/** Gives back what a refused Service held. */
export function release(a: Allocator, held: { ips: readonly number[]; ports: readonly number[] }): void {
  for (const n of held.ips) a.ips.delete(n);
  for (const n of held.ports) a.ports.delete(n);
  if (held.ips.length) a.ipsTaken = 0;
  if (held.ports.length) a.portsTaken = 0;
}
