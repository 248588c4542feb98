// IP addresses as Kubernetes reads them (k8s.io/utils/net): IPv4 dotted quads, IPv6 in any RFC 4291
// spelling. Leading zeros in IPv4 octets are rejected, as the API server's strict IP validation does.
import type { IPFamily } from './types';

const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** The four octets of a dotted-quad IPv4 address, or undefined. */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function hextets(part: string): number[] | undefined {
  if (part === '') return [];
  const groups = part.split(':');
  const out: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const v4 = i === groups.length - 1 && g.includes('.') ? parseIPv4(g) : undefined;
    if (v4) out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    else if (HEXTET.test(g)) out.push(parseInt(g, 16));
    else return undefined;
  }
  return out;
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
export function parseIPv6(text: string): number[] | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = hextets(halves[0]);
  const tail = halves.length === 2 ? hextets(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

function isV4Mapped(groups: number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

/** IPv4 or IPv6 for a valid address (an IPv4-mapped IPv6 address counts as IPv4, as in Go's net.IP), else undefined. */
export function ipFamilyOf(ip: string): IPFamily | undefined {
  if (parseIPv4(ip)) return 'IPv4';
  const v6 = parseIPv6(ip);
  if (!v6) return undefined;
  return isV4Mapped(v6) ? 'IPv4' : 'IPv6';
}

/** Whether the text is a valid IPv4 or IPv6 address. */
export function isIP(ip: string): boolean {
  return ipFamilyOf(ip) !== undefined;
}

/** The address as Go's net.IP.String() prints it (RFC 5952 for IPv6), as the EndpointSlice controller stores it. */
export function canonicalIP(ip: string): string | undefined {
  if (parseIPv4(ip)) return ip;
  const g = parseIPv6(ip);
  if (!g) return undefined;
  if (isV4Mapped(g)) return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.');
  let best = -1;
  let bestLen = 1; // RFC 5952: a single zero group is not compressed
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
