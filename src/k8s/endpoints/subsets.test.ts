import type { EndpointAddress, EndpointPort } from '../objects';
import { repackSubsets, truncateSubsets, type SubsetEntry } from './subsets';

const a = (ip: string): EndpointAddress => ({ ip });
const p = (name: string, port: number): EndpointPort => ({ name, protocol: 'TCP', port });

test('an address not ready for a port stays not ready, even if listed ready again (not ready trumps ready)', () => {
  const entries: SubsetEntry[] = [
    { address: a('10.0.0.1'), ready: false, port: p('http', 80) },
    { address: a('10.0.0.1'), ready: true, port: p('http', 80) },
    { address: a('10.0.0.2'), ready: true, port: p('http', 80) },
  ];
  expect(repackSubsets(entries)).toEqual([
    { addresses: [a('10.0.0.2')], notReadyAddresses: [a('10.0.0.1')], ports: [p('http', 80)] },
  ]);
});

test('ports with the same addresses share a subset; addresses without a port form their own', () => {
  const entries: SubsetEntry[] = [
    { address: a('10.0.0.1'), ready: true, port: p('b', 81) },
    { address: a('10.0.0.1'), ready: true, port: p('a', 80) },
    { address: a('10.0.0.2'), ready: true },
  ];
  expect(repackSubsets(entries)).toEqual([
    { addresses: [a('10.0.0.1')], notReadyAddresses: [], ports: [p('a', 80), p('b', 81)] },
    { addresses: [a('10.0.0.2')], notReadyAddresses: [], ports: [] },
  ]);
});

test('truncation keeps ready addresses first, shared in proportion to subset size', () => {
  const ips = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => a(`${prefix}.${i}`));
  const subsets = [
    { addresses: ips(3, '10.0.0'), notReadyAddresses: ips(4, '10.0.1'), ports: [p('a', 80)] },
    { addresses: ips(1, '10.0.2'), notReadyAddresses: ips(4, '10.0.3'), ports: [p('b', 81)] },
  ];
  const { subsets: out, truncated } = truncateSubsets(subsets, 6);
  expect(truncated).toBe(true);
  expect(out.map((s) => [s.addresses.length, s.notReadyAddresses.length])).toEqual([
    [3, 1],
    [1, 1],
  ]);
  expect(truncateSubsets(subsets, 2).subsets.map((s) => [s.addresses.length, s.notReadyAddresses.length])).toEqual([
    [2, 0],
    [0, 0],
  ]);
  expect(truncateSubsets(subsets, 20)).toEqual({ subsets, truncated: false });
});
