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
  readonly bytes: readonly number[];
}

/**
 * An IPv4 address keeps its 32 bits in one small integer and spells its bytes when asked: a large
 * input holds one per Pod and per endpoint, and an array each would double what they weigh.
 */
class IPv4 implements ParsedIp {
  readonly family = 4;
  readonly #bits: number;

  constructor(
    readonly text: string,
    bits: number,
  ) {
    this.#bits = bits;
  }

  /** The 32 bits as a signed integer, for callers that spell many addresses (see ipv4Bits). */
  get bits(): number {
    return this.#bits;
  }

  get bytes(): number[] {
    const b = this.#bits;
    return [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255];
  }

  /** What JSON.stringify prints: the interface's fields, as an IPv6 address prints them. */
  toJSON(): { family: 4; text: string; bytes: number[] } {
    return { family: this.family, text: this.text, bytes: this.bytes };
  }
}

/**
 * An IPv4 address's 32 bits (a signed integer), undefined for IPv6: reading `bytes` makes an array,
 * and the DNS kernel spells the names of every endpoint of a Service from them on each request.
 */
export function ipv4Bits(ip: ParsedIp): number | undefined {
  return ip instanceof IPv4 ? ip.bits : undefined;
}

const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

// Scanned by hand rather than split and matched: this runs for every Pod and endpoint address.
/** The 32 bits of a dotted quad as a signed integer (a small integer to V8), or undefined. */
function scanIPv4(text: string): number | undefined {
  let n = 0;
  let bits = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || n === 4) return undefined;
      bits = (bits << 8) | value;
      n++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return undefined; // a leading zero ("010")
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return n === 4 ? bits : undefined;
}

function v6Groups(part: string): number[] | null {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = scanIPv4(piece);
      if (v4 === undefined) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
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
  for (let i = 0; i < 8;) {
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
    const bits = scanIPv4(text);
    // Without leading zeros, a valid dotted quad is already canonical.
    return bits === undefined ? null : new IPv4(text, bits);
  }
  const groups = ipv6Groups(text);
  if (!groups) return null;
  if (isV4Mapped(groups)) {
    const bits = (groups[6] << 16) | groups[7];
    return new IPv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.'), bits);
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return { family: 6, text: formatIPv6(groups), bytes };
}

/** IPv4 or IPv6 for a valid address (an IPv4-mapped IPv6 address counts as IPv4, as in Go's net.IP), else undefined. */
export function ipFamilyOf(ip: string): IPFamily | undefined {
  if (!ip.includes(':')) return scanIPv4(ip) === undefined ? undefined : 'IPv4';
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
  if (!ip.includes(':')) return family === 'IPv4' && scanIPv4(ip) !== undefined ? ip : undefined;
  const parsed = parseIp(ip);
  return parsed && parsed.family === (family === 'IPv4' ? 4 : 6) ? parsed.text : undefined;
}

// The ranges the API server refuses as an endpoint's address (ValidateEndpointIP in
// pkg/apis/core/validation/validation.go, for EndpointSlice and Endpoints addresses), tested as Go's
// net.IP methods test them: an IPv4-mapped IPv6 address as its IPv4 address. IPv4 is tested on its 32
// bits (every endpoint address is checked, and a dotted quad's bytes would be an array each), IPv6 on
// its bytes.
const SPECIAL_RANGES: {
  message: string;
  v4: (bits: number) => boolean;
  v6: (b: readonly number[]) => boolean;
}[] = [
  {
    // net.IP.IsLoopback: 127.0.0.0/8, ::1.
    message: 'may not be in the loopback range (127.0.0.0/8, ::1/128)',
    v4: (bits) => bits >>> 24 === 127,
    v6: (b) => b.every((x, i) => x === (i === 15 ? 1 : 0)),
  },
  {
    // net.IP.IsLinkLocalUnicast: 169.254.0.0/16, fe80::/10.
    message: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    v4: (bits) => bits >>> 16 === 0xa9fe,
    v6: (b) => b[0] === 0xfe && (b[1] & 0xc0) === 0x80,
  },
  {
    // net.IP.IsLinkLocalMulticast: 224.0.0.0/24, and IPv6 multicast of link-local scope (ff02::, ff12::, …).
    message: 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    v4: (bits) => bits >>> 8 === 0xe00000,
    v6: (b) => b[0] === 0xff && (b[1] & 0x0f) === 0x02,
  },
];

/**
 * Why the API server refuses a valid address as an endpoint's (EndpointSlice and Endpoints), in its
 * words: unspecified, loopback, link-local unicast or link-local multicast; none for any other address.
 * The message of an unspecified one names the address as given, as the API server's does.
 */
export function endpointIPProblems(ip: string): string[] {
  const parsed = parseIp(ip);
  if (!parsed) return [];
  const bits = ipv4Bits(parsed);
  const bytes = bits === undefined ? parsed.bytes : [];
  const unspecified = bits === undefined ? bytes.every((x) => x === 0) : bits === 0;
  const problems = unspecified ? [`may not be unspecified (${ip})`] : [];
  for (const range of SPECIAL_RANGES)
    if (bits === undefined ? range.v6(bytes) : range.v4(bits)) problems.push(range.message);
  return problems;
}
