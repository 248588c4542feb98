// Every record the cluster zone serves at its canonical names, as CoreDNS's `kubernetes` plugin
// serves them: Services, their SRV names and endpoint names, PTRs, Pod names for the Pods given,
// and the zone's own records. answer() also serves query shapes derived from these (A at an SRV
// name, SRV at an endpoint or Pod name, any IP-shaped Pod name in insecure mode); they are not
// listed. Linear in the size of the input.
// Spec: https://github.com/kubernetes/dns/blob/master/docs/specification.md
import type { Cluster } from '../objects/types';
import { buildCatalog, type Catalog, type EndpointView, type ServiceView } from './catalog';
import { clusterIpEntries, endpointEntries, portMatches, type Entry } from './lookup';
import { dashedAddress, reverseName } from './names';
import { dnsOptions, type DnsOptionsInput } from './options';
import { addressRecords, endpointRule, record, srvAnswer, type Shape } from './rrset';
import { DNS_SCHEMA_VERSION, DNS_VERSION_TTL, RULES } from './rules';
import type { DnsRecord, RecordSource } from './types';

const ALL_PORTS = { port: '', protocol: '' };

/** Every record the cluster serves, each with its source and the rule that makes it. */
export function recordsFor(cluster: Cluster, options?: DnsOptionsInput): DnsRecord[] {
  return recordsFromCatalog(buildCatalog(cluster, dnsOptions(options)));
}

/** recordsFor over a catalog already built (buildIndex reuses it for the SOA serial). */
export function recordsFromCatalog(catalog: Catalog): DnsRecord[] {
  // The SOA comes first, but its serial hashes every other record: its slot is kept until then
  // (an unshift would move every record of a large zone).
  const out: DnsRecord[] = [undefined as unknown as DnsRecord];
  for (const view of catalog.serviceList) serviceRecords(view, catalog, out);
  reverseRecords(catalog, out);
  podRecords(catalog, out);
  zoneRecords(catalog, out);
  out[0] = soaRecord(catalog, serialOf(out, 1));
  return out;
}

function serviceRecords(view: ServiceView, catalog: Catalog, out: DnsRecord[]): void {
  const { ttl, podMode } = catalog.options;
  if (view.kind === 'externalName') {
    // CoreDNS serves an ExternalName only when it is a name; one that parses as an IP gets nothing.
    if (view.externalName && !view.externalNameIsIp) {
      out.push(
        record(
          view.fqdn,
          'CNAME',
          ttl,
          view.externalName,
          { ...view.source, path: 'spec.externalName' },
          RULES.externalName,
        ),
      );
    }
    return;
  }
  const all =
    view.kind === 'headless'
      ? endpointEntries(view, view.endpoints, ALL_PORTS)
      : clusterIpEntries(view, ALL_PORTS).entries;
  // A clusterIP Service's entries all point at the Service; endpoint entries come endpoint by
  // endpoint, so one target's entries are adjacent unless two endpoints share a name.
  const adjacent = view.kind !== 'headless' || view.byLabel.size === view.endpoints.length;
  pushRRset(view.fqdn, all, 'service', catalog, out, adjacent);
  const named = new Map<string, { port: string; protocol: string }>();
  const ports = view.kind === 'headless' ? view.slices.flatMap((slice) => slice.ports) : view.ports;
  for (const p of ports) {
    // As per spec unnamed ports do not have an SRV record (spec §2.3.2, §2.4.2).
    if (p.name)
      named.set(`_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}`, {
        port: p.name.toLowerCase(),
        protocol: p.protocol.toLowerCase(),
      });
  }
  for (const [prefix, filter] of named) {
    const entries = all.filter((e) => e.portView !== undefined && portMatches(filter, e.portView));
    srvAnswer(`${prefix}.${view.fqdn}`, entries, 'port', ttl, out, adjacent);
  }
  for (const endpoints of view.byLabel.values()) {
    if (Array.isArray(endpoints)) endpointAddresses(view, endpoints, ttl, out);
    else out.push(endpointAddress(view, endpoints, ttl));
  }
}

function endpointAddress(view: ServiceView, ep: EndpointView, ttl: number): DnsRecord {
  const type = ep.ip.family === 4 ? 'A' : 'AAAA';
  return record(ep.fqdn, type, ttl, ep.ip.text, ep.source, endpointRule(view, ep, type));
}

/** `<label>.<service>…` A/AAAA: one record per distinct IP among the endpoints that share the label. */
function endpointAddresses(view: ServiceView, endpoints: EndpointView[], ttl: number, out: DnsRecord[]): void {
  for (let i = 0; i < endpoints.length; i++) {
    const ep = endpoints[i];
    let duplicate = false;
    for (let j = 0; j < i && !duplicate; j++) duplicate = endpoints[j].ip.text === ep.ip.text;
    if (!duplicate) out.push(endpointAddress(view, ep, ttl));
  }
}

function pushRRset(
  owner: string,
  entries: Entry[],
  shape: Shape,
  catalog: Catalog,
  out: DnsRecord[],
  adjacent: boolean,
): void {
  const { ttl, podMode } = catalog.options;
  addressRecords(owner, entries, 'A', shape, ttl, podMode, out);
  addressRecords(owner, entries, 'AAAA', shape, ttl, podMode, out);
  srvAnswer(owner, entries, shape, ttl, out, adjacent);
}

function reverseRecords(catalog: Catalog, out: DnsRecord[]): void {
  for (const targets of catalog.reverse.values()) {
    const owner = reverseName(targets[0].ip);
    for (const t of targets)
      out.push(
        record(
          owner,
          'PTR',
          catalog.options.ttl,
          t.target,
          t.source,
          t.kind === 'service' ? RULES.ptrService : RULES.ptrEndpoint,
        ),
      );
  }
}

function podRecords(catalog: Catalog, out: DnsRecord[]): void {
  const { podMode, ttl } = catalog.options;
  if (podMode === 'disabled') return;
  const index = podMode === 'verified' ? catalog.verifiedPodIps : catalog.podIps;
  const rule = podMode === 'verified' ? RULES.podVerified : RULES.podInsecure;
  for (const [namespace, byIp] of index) {
    // podFqdn, with `.<namespace>.pod.<zone>` built once per namespace rather than once per Pod.
    const suffix = `.${namespace}.pod.${catalog.zone}`;
    for (const pods of byIp.values()) {
      const { ip, source } = Array.isArray(pods) ? pods[0] : pods;
      out.push(record(`${dashedAddress(ip)}${suffix}`, ip.family === 4 ? 'A' : 'AAAA', ttl, ip.text, source, rule));
    }
  }
}

function zoneSource(catalog: Catalog): RecordSource {
  return { kind: 'Zone', namespace: '', name: catalog.options.clusterDomain };
}

function zoneRecords(catalog: Catalog, out: DnsRecord[]): void {
  out.push(
    record(
      `dns-version.${catalog.zone}`,
      'TXT',
      DNS_VERSION_TTL,
      DNS_SCHEMA_VERSION,
      zoneSource(catalog),
      RULES.dnsVersion,
    ),
  );
  out.push(
    ...nsRecords(catalog),
    ...nameserverAddresses(catalog, `ns.dns.${catalog.zone}`, 'A'),
    ...nameserverAddresses(catalog, `ns.dns.${catalog.zone}`, 'AAAA'),
  );
}

/** The apex NS record: the Service in front of CoreDNS, or ns.dns.<zone> when the input has none. */
export function nsRecords(catalog: Catalog): DnsRecord[] {
  const ns = catalog.nameserver;
  const target = ns ? ns.fqdn : `ns.dns.${catalog.zone}`;
  return [
    record(
      catalog.zone,
      'NS',
      catalog.options.ttl,
      target,
      ns ? ns.source : zoneSource(catalog),
      ns ? RULES.nsRecord : RULES.nsFallback,
    ),
  ];
}

/** The name server's addresses, owned by `owner` (ns.dns.<zone>, or the NS target for glue). */
export function nameserverAddresses(catalog: Catalog, owner: string, type: 'A' | 'AAAA'): DnsRecord[] {
  const ns = catalog.nameserver;
  if (!ns) return [];
  const family = type === 'A' ? 4 : 6;
  return ns.clusterIPs
    .filter((c) => c.ip.family === family)
    .map((c) =>
      record(owner, type, catalog.options.ttl, c.ip.text, { ...ns.source, path: c.path }, RULES.nsAddress[type]),
    );
}

/** The SOA as backend_lookup.go builds it: TTL min(ttl, 300), refresh 7200, retry 1800, expire 86400, minimum ttl. */
export function soaRecord(catalog: Catalog, serial: number): DnsRecord {
  const { ttl } = catalog.options;
  const z = catalog.zone;
  return record(
    z,
    'SOA',
    Math.min(ttl, 300),
    `ns.dns.${z} hostmaster.${z} ${serial} 7200 1800 86400 ${ttl}`,
    zoneSource(catalog),
    RULES.soa,
  );
}

/**
 * A serial that changes when any record changes and never depends on record order: the sum of the
 * FNV-1a hashes (over name, type, data and TTL) of the records from index `first` on. Records come in
 * runs that share an owner name (an RRset), whose hash is computed once a run; SRV data is hashed from
 * its fields, `priority weight port target`, so that its string is never read (an SRV RRset of a large
 * headless Service is a third of its zone).
 */
export function serialOf(records: readonly DnsRecord[], first = 0): number {
  let sum = 0;
  let lastName: string | undefined;
  let nameHash = 0;
  for (let i = first; i < records.length; i++) {
    const r = records[i];
    if (r.name !== lastName) {
      lastName = r.name;
      nameHash = fnv(FNV_BASIS, r.name);
    }
    let h = fnv(nameHash, r.type);
    h = r.srv ? fnv(fnvInt(fnvInt(fnvInt(h, r.srv.priority), r.srv.weight), r.srv.port), r.srv.target) : fnv(h, r.data);
    sum = (sum + (Math.imul(h ^ r.ttl, FNV_PRIME) >>> 0)) >>> 0;
  }
  return sum;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/** FNV-1a over the text, then over a space that ends it. */
function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ SPACE, FNV_PRIME);
}

/** FNV-1a over the decimal digits of a non-negative integer (SRV fields are at most 65535), then a space. */
function fnvInt(hash: number, n: number): number {
  let h = hash;
  let scale = 1;
  while (scale * 10 <= n) scale *= 10;
  for (; scale > 0; scale = (scale / 10) | 0) h = Math.imul(h ^ (48 + (((n / scale) | 0) % 10)), FNV_PRIME);
  return Math.imul(h ^ SPACE, FNV_PRIME);
}
