// IPv4 networks as plain numbers: enough for the service allocator and node IPAM the dry-run runs.
import { parseIp } from '../objects';

export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit number. */
  network: number;
  bits: number;
  /** How many addresses the network holds. */
  size: number;
  text: string;
}

/** `a.b.c.d` of an unsigned 32-bit number. */
export const ipv4Text = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

/** The number of a dotted IPv4 address, or undefined for anything else. */
export function ipv4Number(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m || !parseIp(text)) return undefined;
  return m.slice(1).reduce((n, part) => n * 256 + Number(part), 0);
}

/** A CIDR such as 10.96.0.0/12 (host bits cleared, as net.ParseCIDR gives it), or undefined. */
export function ipv4Cidr(text: string): Ipv4Cidr | undefined {
  const [ip, bitsText, extra] = text.split('/');
  const address = ipv4Number(ip ?? '');
  if (address === undefined || extra !== undefined || !/^\d{1,2}$/.test(bitsText ?? '')) return undefined;
  const bits = Number(bitsText);
  if (bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const network = address - (address % size);
  return { network, bits, size, text: `${ipv4Text(network)}/${bits}` };
}

/** Whether the network holds the address. */
export const contains = (cidr: Ipv4Cidr, n: number): boolean => n >= cidr.network && n < cidr.network + cidr.size;

/** The i-th subnet of the given prefix length inside the network (node IPAM's /24 per Node). */
export function subnet(cidr: Ipv4Cidr, bits: number, i: number): Ipv4Cidr | undefined {
  const size = 2 ** (32 - bits);
  if (bits < cidr.bits || (i + 1) * size > cidr.size) return undefined;
  const network = cidr.network + i * size;
  return { network, bits, size, text: `${ipv4Text(network)}/${bits}` };
}
