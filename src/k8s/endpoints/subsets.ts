// Endpoints subsets in canonical form, as pkg/api/v1/endpoints RepackSubsets builds them: every port
// mapped to the addresses that offer it, ports with the same address set sharing a subset, and an
// address that is not ready for a port listed under notReadyAddresses. The controller then truncates
// to 1000 addresses (truncateEndpoints). Kubernetes orders subsets and ports by hash; here they are
// ordered by port name and number instead, which is as stable and easier to read.
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../objects';

export interface SubsetEntry {
  address: EndpointAddress;
  ready: boolean;
  port?: EndpointPort; // absent for a headless Service without ports
}

export const MAX_ENDPOINTS_CAPACITY = 1000;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const addressKey = (a: EndpointAddress): string => JSON.stringify([a.ip, a.targetRef?.uid ?? '']);
const portKey = (p: EndpointPort | undefined): string =>
  p ? JSON.stringify([p.name, p.protocol, p.port, p.appProtocol ?? '']) : '';
const byIPAndUID = (a: EndpointAddress, b: EndpointAddress): number =>
  compare(a.ip, b.ip) || compare(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');

type PortReadiness = Map<string, { port?: EndpointPort; ready: Map<string, boolean> }>;

function readinessByPort(entries: SubsetEntry[]): { addresses: Map<string, EndpointAddress>; byPort: PortReadiness } {
  const addresses = new Map<string, EndpointAddress>();
  const byPort: PortReadiness = new Map();
  for (const e of entries) {
    const key = addressKey(e.address);
    if (!addresses.has(key)) addresses.set(key, e.address);
    const slot = byPort.get(portKey(e.port)) ?? { port: e.port, ready: new Map<string, boolean>() };
    // mapAddressByPort: "not ready always trumps ready".
    if (slot.ready.get(key) !== false) slot.ready.set(key, e.ready);
    byPort.set(portKey(e.port), slot);
  }
  return { addresses, byPort };
}

/** Subsets in canonical form from one (address, readiness, port) entry per Pod and port. */
export function repackSubsets(entries: SubsetEntry[]): EndpointSubset[] {
  const { addresses, byPort } = readinessByPort(entries);
  const bySet = new Map<string, { ports: EndpointPort[]; ready: Map<string, boolean> }>();
  for (const { port, ready } of byPort.values()) {
    const setKey = JSON.stringify([...ready.entries()].sort(([a], [b]) => compare(a, b)));
    const group = bySet.get(setKey) ?? { ports: [], ready };
    if (port) group.ports.push({ ...port });
    bySet.set(setKey, group);
  }
  const pick = (ready: Map<string, boolean>, want: boolean): EndpointAddress[] =>
    [...ready.entries()]
      .filter(([, r]) => r === want)
      .map(([k]) => ({ ...addresses.get(k)! }))
      .sort(byIPAndUID);
  const subsets = [...bySet.values()].map(({ ports, ready }) => ({
    addresses: pick(ready, true),
    notReadyAddresses: pick(ready, false),
    ports: ports.sort((a, b) => compare(a.name, b.name) || a.port - b.port || compare(a.protocol, b.protocol)),
  }));
  const subsetKey = (s: EndpointSubset): string =>
    JSON.stringify([s.ports.map(portKey), [...s.addresses, ...s.notReadyAddresses].map((a) => a.ip)]);
  return subsets.sort((a, b) => compare(subsetKey(a), subsetKey(b)));
}

/**
 * At most 1000 addresses, as truncateEndpoints keeps them: ready ones first, each subset keeping a
 * share proportional to its size (rounded up, so the last subsets may get less).
 */
export function truncateSubsets(
  subsets: EndpointSubset[],
  max = MAX_ENDPOINTS_CAPACITY,
): { subsets: EndpointSubset[]; truncated: boolean } {
  const totalReady = subsets.reduce((n, s) => n + s.addresses.length, 0);
  const totalNotReady = subsets.reduce((n, s) => n + s.notReadyAddresses.length, 0);
  if (totalReady + totalNotReady <= max) return { subsets, truncated: false };
  const truncateReady = totalReady > max;
  const budget = truncateReady ? max : max - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = budget;
  const out = subsets.map((s) => {
    const inSubset = truncateReady ? s.addresses.length : s.notReadyAddresses.length;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * budget), canBeAdded);
    if (truncateReady) {
      const addresses = s.addresses.slice(0, toBeAdded);
      canBeAdded -= addresses.length;
      return { ...s, addresses, notReadyAddresses: [] };
    }
    const notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
    canBeAdded -= notReadyAddresses.length;
    return { ...s, notReadyAddresses };
  });
  return { subsets: out, truncated: true };
}
