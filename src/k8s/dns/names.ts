// How cluster DNS names are spelled. Every name kubeknow produces is lower-case and absolute
// (ends with a dot), as zone files and `dig` print them.
// Reverse names follow RFC 1035 §3.5 and RFC 3596 §2.5.
// Spec: https://github.com/kubernetes/dns/blob/master/docs/specification.md
import { ipv4Bits, parseIp, type ParsedIp } from '../objects';

/** `cluster.local.`: the zone of the cluster domain, absolute. */
export function zoneName(clusterDomain: string): string {
  return `${clusterDomain.toLowerCase().replace(/\.$/, '')}.`;
}

/** A query name made comparable: lower-case, with the trailing dot the user may have left out. */
export function absoluteName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** `<service>.<namespace>.svc.<zone>.` (spec §2.3.1). */
export function serviceFqdn(meta: { name: string; namespace: string }, clusterDomain: string): string {
  return `${meta.name}.${meta.namespace}.svc.${zoneName(clusterDomain)}`.toLowerCase();
}

/**
 * An IP with its separators turned into dashes, as CoreDNS spells endpoint and Pod names:
 * `10.1.2.3` → `10-1-2-3`, `fd00::1` → `fd00--1` (kubernetes.go endpointHostname).
 */
export function dashedIp(ip: string): string {
  return ip.includes('.') ? ip.replace(/\./g, '-') : ip.replace(/:/g, '-');
}

// `0-` … `255-` and `0.` … `255.`: an IPv4 name is joined from table strings, not from one string per octet and separator.
const DASHED_OCTETS = Array.from({ length: 256 }, (_, i) => `${i}-`);
const DOTTED_OCTETS = Array.from({ length: 256 }, (_, i) => `${i}.`);

/** dashedIp of a parsed address; an IPv4 one is spelled from its octets, the fastest way to build it. */
export function dashedAddress(ip: ParsedIp): string {
  const b = ipv4Bits(ip);
  if (b === undefined) return dashedIp(ip.text);
  return DASHED_OCTETS[b >>> 24] + DASHED_OCTETS[(b >>> 16) & 255] + DASHED_OCTETS[(b >>> 8) & 255] + (b & 255);
}

/**
 * The first label of an endpoint's name: its `hostname` when it has one, otherwise its dashed IP.
 * The spec leaves the identifier of an endpoint without hostname to the implementation (§2.1).
 */
export function endpointLabel(hostname: string | undefined, ip: string | ParsedIp): string {
  if (hostname) return hostname.toLowerCase();
  return typeof ip === 'string' ? dashedIp(ip).toLowerCase() : dashedAddress(ip);
}

/** `<hostname-or-dashed-ip>.<service>.<namespace>.svc.<zone>.` (spec §2.4.1). */
export function endpointFqdn(
  label: string,
  service: { name: string; namespace: string },
  clusterDomain: string,
): string {
  return `${label}.${serviceFqdn(service, clusterDomain)}`;
}

/** `<dashed-ip>.<namespace>.pod.<zone>.` (spec §2.6; IPv6 spelled with dashes, as CoreDNS does). */
export function podFqdn(ip: string, namespace: string, clusterDomain: string): string {
  return `${dashedIp(ip)}.${namespace}.pod.${zoneName(clusterDomain)}`.toLowerCase();
}

/**
 * The IP a Pod-name label stands for, read as CoreDNS's findPods reads it: exactly three dashes and
 * no "--" make an IPv4 address, anything else is IPv6 with dashes for colons.
 */
export function ipFromPodLabel(label: string): ParsedIp | null {
  const dashes = label.split('-').length - 1;
  const text = dashes === 3 && !label.includes('--') ? label.replace(/-/g, '.') : label.replace(/-/g, ':');
  return parseIp(text);
}

/** The labels of an absolute name, left to right, without the root. */
export function labelsOf(name: string): string[] {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  return trimmed === '' ? [] : trimmed.split('.');
}

/** Whether `name` is `zone` or lies below it (both absolute, lower-case). */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The reverse-lookup name of an IP: `4.3.2.1.in-addr.arpa.` or 32 nibbles under `ip6.arpa.`. */
export function reverseName(ip: ParsedIp): string {
  const b = ip.bytes;
  if (ip.family === 4)
    return `${DOTTED_OCTETS[b[3]] + DOTTED_OCTETS[b[2]] + DOTTED_OCTETS[b[1]] + DOTTED_OCTETS[b[0]]}in-addr.arpa.`;
  let out = '';
  for (let i = b.length - 1; i >= 0; i--) out += `${(b[i] & 0x0f).toString(16)}.${(b[i] >> 4).toString(16)}.`;
  return `${out}ip6.arpa.`;
}

/**
 * reverseName for the many addresses of one input: the labels after an IPv4 address's first are those
 * of its /24, built once per /24 and shared, so that each name is one short concatenation instead of
 * four (a 10 000-endpoint Service's PTRs are built on every request for its record set).
 */
export function reverseNamer(): (ip: ParsedIp) => string {
  const suffixes = new Map<number, string>();
  return (ip) => {
    const b = ipv4Bits(ip);
    if (b === undefined) return reverseName(ip);
    const net = b >>> 8;
    let suffix = suffixes.get(net);
    if (suffix === undefined)
      suffixes.set(
        net,
        (suffix = `${DOTTED_OCTETS[net & 255] + DOTTED_OCTETS[(net >>> 8) & 255] + DOTTED_OCTETS[net >>> 16]}in-addr.arpa.`),
      );
    return DOTTED_OCTETS[b & 255] + suffix;
  };
}

/**
 * The IP a reverse name stands for (CoreDNS's dnsutil.ExtractAddressFromReverse): exactly four
 * octet labels under in-addr.arpa, or exactly 32 nibble labels under ip6.arpa. Undefined otherwise.
 */
export function ipFromReverseName(name: string): ParsedIp | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.in-addr.arpa.')) {
    const labels = lower.slice(0, -'.in-addr.arpa.'.length).split('.');
    const ip = labels.length === 4 && !lower.includes(':') ? parseIp(labels.reverse().join('.')) : null;
    return ip ?? undefined;
  }
  if (lower.endsWith('.ip6.arpa.')) {
    const labels = lower.slice(0, -'.ip6.arpa.'.length).split('.');
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return undefined;
    const nibbles = labels.reverse();
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    return parseIp(groups.join(':')) ?? undefined;
  }
  return undefined;
}
