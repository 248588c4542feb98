// IP addresses as CoreDNS reads and prints them. CoreDNS parses with Go's net.ParseIP (dotted
// IPv4 without leading zeros, RFC 4291 IPv6 without zones) and prints with net.IP.String, the
// RFC 5952 canonical form; an IPv4-mapped IPv6 address is an IPv4 address to it (To4 succeeds),
// so it gets an A record. Reverse names follow RFC 1035 §3.5 and RFC 3596 §2.5.

export type IpFamily = 4 | 6;

export interface ParsedIp {
  family: IpFamily;
  /** The canonical text: what `dig` prints and what kubeknow compares. */
  text: string;
  /** 4 bytes for IPv4 (including IPv4-mapped IPv6), 16 for IPv6. */
  bytes: number[];
}

const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses an IPv4 or IPv6 address the way Go's net.ParseIP does; null when it is not one. */
export function parseIp(text: string): ParsedIp | null {
  if (text.includes(':')) return parseIPv6(text);
  const bytes = parseIPv4Bytes(text);
  return bytes ? { family: 4, text: bytes.join('.'), bytes } : null;
}

/** The canonical spelling of an IP, or undefined when the text is not an IP. */
export function canonicalIp(text: string): string | undefined {
  return parseIp(text)?.text;
}

function parseIPv4Bytes(text: string): number[] | null {
  // A hand-written scan: this runs for every endpoint and Pod IP, and split/regex allocate.
  const bytes: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || bytes.length === 4) return null;
      bytes.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // Go rejects leading zeros ("010"), which older parsers read as octal.
      if (digits > 0 && value === 0) return null;
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return null;
    } else {
      return null;
    }
  }
  return bytes.length === 4 ? bytes : null;
}

function parseIPv6(text: string): ParsedIp | null {
  const first = text.indexOf('::');
  if (first !== text.lastIndexOf('::') || text.includes(':::')) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const pieces = part.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4Bytes(piece);
        if (!v4) return null;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (V6_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  let groups: number[];
  if (first < 0) {
    const all = groupsOf(text);
    if (!all || all.length !== 8) return null;
    groups = all;
  } else {
    const head = groupsOf(text.slice(0, first));
    const tail = groupsOf(text.slice(first + 2));
    // An embedded IPv4 address may only end the address, so it cannot sit before the "::".
    if (!head || !tail || text.slice(0, first).includes('.')) return null;
    // Go rejects a "::" that stands for no group at all.
    if (head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    const v4 = bytes.slice(12);
    return { family: 4, text: v4.join('.'), bytes: v4 };
  }
  return { family: 6, text: formatIPv6(groups), bytes };
}

/** RFC 5952 §4: lower-case hex, no leading zeros, the first longest run (≥ 2) of zero groups as "::". */
function formatIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** The reverse-lookup name of an IP: `4.3.2.1.in-addr.arpa.` or 32 nibbles under `ip6.arpa.`. */
export function reverseName(ip: ParsedIp): string {
  if (ip.family === 4) return `${[...ip.bytes].reverse().join('.')}.in-addr.arpa.`;
  const nibbles: string[] = [];
  for (let i = ip.bytes.length - 1; i >= 0; i--) {
    nibbles.push((ip.bytes[i] & 0x0f).toString(16), (ip.bytes[i] >> 4).toString(16));
  }
  return `${nibbles.join('.')}.ip6.arpa.`;
}

/**
 * The IP a reverse name stands for (CoreDNS's dnsutil.ExtractAddressFromReverse): exactly four
 * octet labels under in-addr.arpa, or exactly 32 nibble labels under ip6.arpa. Undefined otherwise.
 */
export function ipFromReverseName(name: string): ParsedIp | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.in-addr.arpa.')) {
    const labels = lower.slice(0, -'.in-addr.arpa.'.length).split('.');
    const bytes = labels.length === 4 ? parseIPv4Bytes(labels.reverse().join('.')) : null;
    return bytes ? { family: 4, text: bytes.join('.'), bytes } : undefined;
  }
  if (lower.endsWith('.ip6.arpa.')) {
    const labels = lower.slice(0, -'.ip6.arpa.'.length).split('.');
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return undefined;
    const nibbles = labels.reverse();
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    return parseIPv6(groups.join(':')) ?? undefined;
  }
  return undefined;
}
