// IP addresses as the whole kernel reads them. Kubernetes (k8s.io/utils/net) and CoreDNS both parse
// with Go's net.ParseIP: dotted IPv4 without leading zeros (the API server's strict validation rejects
// them, as older parsers read them as octal) and RFC 4291 IPv6 without zones. Both print with
// net.IP.String: RFC 5952 for IPv6, and an IPv4-mapped IPv6 address as IPv4 (To4 succeeds), which is
// how the EndpointSlice controller stores it and why CoreDNS gives it an A record.
import type { IPFamily } from './types';

export interface ParsedIp {
  family: 4 | 6;
  /** The canonical text: what `dig` prints, what the controllers store, and what the kernel compares. */
  text: string;
  /** 4 bytes for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6. */
  bytes: number[];
}

const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

// Scanned by hand rather than split and matched: this runs for every Pod and endpoint address.
// The octets go into `octets` when one is given; validating alone allocates nothing.
function scanIPv4(text: string, octets: number[] | null): boolean {
  let n = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || n === 4) return false;
      if (octets) octets[n] = value;
      n++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // a leading zero ("010")
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return false;
    } else {
      return false;
    }
  }
  return n === 4;
}

function ipv4Octets(text: string): number[] | null {
  const octets = [0, 0, 0, 0];
  return scanIPv4(text, octets) ? octets : null;
}

function v6Groups(part: string): number[] | null {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = ipv4Octets(piece);
      if (!v4) return null;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (V6_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function ipv6Groups(text: string): number[] | null {
  const first = text.indexOf('::');
  if (first !== text.lastIndexOf('::') || text.includes(':::')) return null;
  if (first < 0) {
    const all = v6Groups(text);
    return all && all.length === 8 ? all : null;
  }
  const head = v6Groups(text.slice(0, first));
  const tail = v6Groups(text.slice(first + 2));
  // An embedded IPv4 address may only end the address, so it cannot stand before the "::"; and
  // Go rejects a "::" that stands for no group at all.
  if (!head || !tail || text.slice(0, first).includes('.') || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

const isV4Mapped = (g: number[]): boolean =>
  g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;

/** RFC 5952 §4: lower-case hex, no leading zeros, the first longest run (≥ 2) of zero groups as "::". */
function formatIPv6(groups: number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

/** An IPv4 or IPv6 address as Go's net.ParseIP reads it, with its canonical text; null when it is not one. */
export function parseIp(text: string): ParsedIp | null {
  if (!text.includes(':')) {
    const octets = ipv4Octets(text);
    // Without leading zeros, a valid dotted quad is already canonical.
    return octets ? { family: 4, text, bytes: octets } : null;
  }
  const groups = ipv6Groups(text);
  if (!groups) return null;
  if (isV4Mapped(groups)) {
    const v4 = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff];
    return { family: 4, text: v4.join('.'), bytes: v4 };
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return { family: 6, text: formatIPv6(groups), bytes };
}

/** IPv4 or IPv6 for a valid address (an IPv4-mapped IPv6 address counts as IPv4, as in Go's net.IP), else undefined. */
export function ipFamilyOf(ip: string): IPFamily | undefined {
  if (!ip.includes(':')) return scanIPv4(ip, null) ? 'IPv4' : undefined;
  const groups = ipv6Groups(ip);
  if (!groups) return undefined;
  return isV4Mapped(groups) ? 'IPv4' : 'IPv6';
}

/** Whether the text is a valid IPv4 or IPv6 address. */
export function isIP(ip: string): boolean {
  return ipFamilyOf(ip) !== undefined;
}

/** The address as Go's net.IP.String() prints it (RFC 5952 for IPv6), as the EndpointSlice controller stores it. */
export function canonicalIP(ip: string): string | undefined {
  return parseIp(ip)?.text;
}

/** The canonical text of an address of the given family, else undefined; a dotted quad is returned as given. */
export function canonicalIPOfFamily(ip: string, family: IPFamily): string | undefined {
  if (!ip.includes(':')) return family === 'IPv4' && scanIPv4(ip, null) ? ip : undefined;
  const parsed = parseIp(ip);
  return parsed && parsed.family === (family === 'IPv4' ? 4 : 6) ? parsed.text : undefined;
}
