// Every record the cluster zone serves at its canonical names, as CoreDNS's `kubernetes` plugin
// serves them: Services, their SRV names and endpoint names, PTRs, Pod names for the Pods given,
// and the zone's own records. answer() also serves query shapes derived from these (A at an SRV
// name, SRV at an endpoint or Pod name, any IP-shaped Pod name in insecure mode); they are not
// listed. Linear in the size of the input.
// Spec: https://github.com/kubernetes/dns/blob/master/docs/specification.md
import type { Cluster } from '../objects/types';
import { buildCatalog } from './catalog';
import { AddressSlots } from './addresses';
import { clusterIpEntries, endpointEntries, portMatches, type PortFilter } from './lookup';
import type { Catalog, EndpointView, Entry, PortView, ServiceView } from './model';
import { dnsOptions, type DnsOptionsInput } from './options';
import { addressRecords, endpointRule, record, srvAnswer, srvWeight } from './rrset';
import { DNS_SCHEMA_VERSION, DNS_VERSION_TTL, RULES } from './rules';
import type { Text } from '../explanation';
import type { DnsRecord, RecordSource } from './types';

const ALL_PORTS = { port: '', protocol: '' };

/** Every record the cluster serves, each with its source and the rule that makes it. */
export function recordsFor(cluster: Cluster, options?: DnsOptionsInput): DnsRecord[] {
  return recordsFromCatalog(buildCatalog(cluster, dnsOptions(options)));
}

/** recordsFor over a catalog already built. */
function recordsFromCatalog(catalog: Catalog): DnsRecord[] {
  const out: DnsRecord[] = [soaRecord(catalog, zoneSerial(catalog))];
  for (const view of catalog.serviceList) serviceRecords(view, catalog, out);
  reverseRecords(catalog, out);
  podRecords(catalog, out);
  zoneRecords(catalog, out);
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
  // Endpoints with distinct names (nearly always) are written without the lookup entries.
  if (view.kind === 'headless' && view.byLabel.size === view.endpoints.length) {
    headlessRecords(view, ttl, out);
    return;
  }
  const all =
    view.kind === 'headless'
      ? endpointEntries(view, view.endpoints, ALL_PORTS)
      : clusterIpEntries(view, ALL_PORTS).entries;
  // A clusterIP Service's entries all point at the Service, so one target's entries are adjacent; a
  // headless Service comes here only when two endpoints share a name, whose entries may lie apart.
  const adjacent = view.kind !== 'headless';
  addressRecords(view.fqdn, all, 'A', 'service', ttl, podMode, out);
  addressRecords(view.fqdn, all, 'AAAA', 'service', ttl, podMode, out);
  const bareStart = out.length;
  srvAnswer(view.fqdn, all, 'service', ttl, out, adjacent);
  const bareEnd = out.length;
  // The rule srvAnswer gives a named port's records: its entries are the Service's, or its endpoints'.
  const namedRule = view.kind === 'headless' ? RULES.headlessSrvNamed : RULES.serviceSrvNamed;
  namedPorts(view).forEach((filter, prefix) => {
    const owner = `${prefix}.${view.fqdn}`;
    const entries = matchingEntries(all, filter);
    // Every entry matches (a one-port Service): the records are the bare ones under another name.
    if (entries === all) copySrv(out, bareStart, bareEnd, owner, namedRule);
    else srvAnswer(owner, entries, 'port', ttl, out, adjacent);
  });
  view.byLabel.forEach((endpoints) => endpointAddresses(view, endpoints, ttl, out));
}

/**
 * The SRV names of the Service's named ports (`_<port>._<protocol>`), each with the filter that
 * picks its entries: a headless Service's are its slices' ports, as CoreDNS reads them.
 */
function namedPorts(view: ServiceView): Map<string, PortFilter> {
  const named = new Map<string, PortFilter>();
  const ports = view.kind === 'headless' ? view.slices.flatMap((slice) => slice.ports) : view.ports;
  for (const p of ports) {
    // As per spec unnamed ports do not have an SRV record (spec §2.3.2, §2.4.2).
    if (p.name)
      named.set(`_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}`, {
        port: p.name.toLowerCase(),
        protocol: p.protocol.toLowerCase(),
      });
  }
  return named;
}

/**
 * The bare SRV records `out[start, end)` again under `owner`, sharing their data and `srv` fields.
 * Fields named, not spread: V8's object spread was most of this loop's time (and the order is the
 * one record() and collectSrv give).
 */
function copySrv(out: DnsRecord[], start: number, end: number, owner: string, rule: Text): void {
  for (let i = start; i < end; i++) {
    const r = out[i];
    out.push({
      name: owner,
      type: r.type,
      ttl: r.ttl,
      class: 'IN',
      data: r.data,
      source: r.source,
      rule,
      srv: r.srv,
    });
  }
}

/**
 * A headless Service whose endpoints have distinct names, written from its endpoints directly: the
 * lookup entries (one object per endpoint and port, alive until the Service's records are done)
 * were a twelfth of a 10 000-endpoint record set's allocation. The records and their order are
 * those the entries give (an endpoint's entries are its ports, in order; its name is its own, so
 * an SRV duplicate can only be another of its ports with the same number).
 */
function headlessRecords(view: ServiceView, ttl: number, out: DnsRecord[]): void {
  const { endpoints } = view;
  headlessAddresses(view.fqdn, endpoints, 'A', ttl, out);
  headlessAddresses(view.fqdn, endpoints, 'AAAA', ttl, out);
  const bareStart = out.length;
  headlessSrv(view.fqdn, endpoints, ALL_PORTS, RULES.headlessSrvBare, ttl, out);
  const bareEnd = out.length;
  namedPorts(view).forEach((filter, prefix) => {
    const owner = `${prefix}.${view.fqdn}`;
    if (everyPortMatches(endpoints, filter)) copySrv(out, bareStart, bareEnd, owner, RULES.headlessSrvNamed);
    else headlessSrv(owner, endpoints, filter, RULES.headlessSrvNamed, ttl, out);
  });
  for (let i = 0; i < endpoints.length; i++) out.push(endpointAddress(view, endpoints[i], ttl));
}

/** addressRecords over the endpoints: one record per distinct address of the family, the first endpoint's. */
function headlessAddresses(
  owner: string,
  endpoints: readonly EndpointView[],
  type: 'A' | 'AAAA',
  ttl: number,
  out: DnsRecord[],
): void {
  const family = type === 'A' ? 4 : 6;
  const rule = RULES.headlessAddress[type];
  let seen: AddressSlots | undefined;
  for (let i = 0; i < endpoints.length; i++) {
    const { ip, source } = endpoints[i];
    if (ip.family !== family || (seen ??= new AddressSlots(endpoints.length)).add(ip, 0) !== -1) continue;
    out.push(record(owner, type, ttl, ip.text, source, rule));
  }
}

/** Whether every port of every endpoint matches (endpoints of one slice share their ports array). */
function everyPortMatches(endpoints: readonly EndpointView[], filter: PortFilter): boolean {
  let checked: readonly PortView[] | undefined;
  for (let i = 0; i < endpoints.length; i++) {
    const { ports } = endpoints[i];
    if (ports === checked) continue;
    for (let k = 0; k < ports.length; k++) if (!portMatches(filter, ports[k])) return false;
    checked = ports;
  }
  return true;
}

/**
 * collectSrv over the endpoints' ports that match: the weight counts every matching port, and an
 * endpoint gives one record per port number.
 */
function headlessSrv(
  owner: string,
  endpoints: readonly EndpointView[],
  filter: PortFilter,
  rule: Text,
  ttl: number,
  out: DnsRecord[],
): void {
  let matching = 0;
  let counted: readonly PortView[] | undefined;
  let perEndpoint = 0;
  for (let i = 0; i < endpoints.length; i++) {
    const { ports } = endpoints[i];
    if (ports !== counted) {
      perEndpoint = 0;
      for (let k = 0; k < ports.length; k++) if (portMatches(filter, ports[k])) perEndpoint++;
      counted = ports;
    }
    matching += perEndpoint;
  }
  const weight = srvWeight(matching);
  // `0 <weight> <port> ` is the same for every record with that port: built once per port.
  const prefixes = new Map<number, string>();
  for (let i = 0; i < endpoints.length; i++) {
    const { ports, fqdn, source } = endpoints[i];
    for (let k = 0; k < ports.length; k++) {
      const { port } = ports[k];
      if (port === -1 || !portMatches(filter, ports[k]) || samePortBefore(ports, k, filter)) continue;
      let prefix = prefixes.get(port);
      if (prefix === undefined) prefixes.set(port, (prefix = `0 ${weight} ${port} `));
      out.push({
        name: owner,
        type: 'SRV',
        ttl,
        class: 'IN',
        data: prefix + fqdn,
        source,
        rule,
        srv: { priority: 0, weight, port, target: fqdn },
      });
    }
  }
}

/** Whether a matching port before the `k`th has its number. */
function samePortBefore(ports: readonly PortView[], k: number, filter: PortFilter): boolean {
  for (let j = 0; j < k; j++) if (ports[j].port === ports[k].port && portMatches(filter, ports[j])) return true;
  return false;
}

/** The entries whose port matches; `all` itself when every one does, as with a one-port Service. */
function matchingEntries(all: Entry[], filter: PortFilter): Entry[] {
  let i = 0;
  while (i < all.length && all[i].portView !== undefined && portMatches(filter, all[i].portView!)) i++;
  if (i === all.length) return all;
  const entries = all.slice(0, i);
  for (i++; i < all.length; i++) {
    const e = all[i];
    if (e.portView !== undefined && portMatches(filter, e.portView)) entries.push(e);
  }
  return entries;
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

function reverseRecords(catalog: Catalog, out: DnsRecord[]): void {
  catalog.reverse.forEach((found) => {
    if (Array.isArray(found)) for (const r of found) out.push(r);
    else out.push(found);
  });
}

/** Each Pod IP's record, the first Pod's when several share an IP (its index holds them). */
function podRecords(catalog: Catalog, out: DnsRecord[]): void {
  const { podMode } = catalog.options;
  if (podMode === 'disabled') return;
  (podMode === 'verified' ? catalog.verifiedPodIps : catalog.podIps).forEach((byIp) =>
    byIp.forEach((records) => out.push(Array.isArray(records) ? records[0] : records)),
  );
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

/**
 * The SOA as backend_lookup.go builds it: TTL min(ttl, 300), refresh 7200, retry 1800, expire 86400,
 * minimum ttl; named after the zone it is for (the cluster zone, in-addr.arpa. or ip6.arpa.), with the
 * one serial CoreDNS keeps for all of them.
 */
export function soaRecord(catalog: Catalog, serial: number, z: string = catalog.zone): DnsRecord {
  const { ttl } = catalog.options;
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
 * A serial that changes when any record changes: FNV-1a over what recordsFromCatalog reads from the
 * catalog (the options, then each Service with its ports, clusterIPs and ready endpoints, the slice
 * ports that name its SRV records, the endpoints of slices without a Service, the name server and
 * the Pod IPs the pod mode serves), in catalog order. Reading these short input strings instead of
 * the records they make keeps it a small share of recordsFor: an endpoint's name is its label
 * under the Service's name, so the label alone is hashed after the Service.
 */
export function zoneSerial(catalog: Catalog): number {
  const { ttl, podMode } = catalog.options;
  let h = fnv(fnvInt(FNV_BASIS, ttl), `${podMode} ${catalog.zone}`);
  h = fnv(h, catalog.nameserver ? catalog.nameserver.fqdn : '');
  for (const view of catalog.serviceList) {
    h = fnv(fnv(h, view.kind), view.fqdn);
    if (view.kind === 'externalName') {
      h = fnv(h, view.externalName && !view.externalNameIsIp ? view.externalName : '');
      continue;
    }
    for (const c of view.clusterIPs) h = fnv(h, c.ip.text);
    h = hashPorts(h, view.ports);
    if (view.kind === 'headless') for (const slice of view.slices) h = hashPorts(h, slice.ports);
    h = hashEndpoints(h, view.endpoints, false);
  }
  h = hashEndpoints(fnv(h, ''), catalog.orphanEndpoints, true);
  if (podMode !== 'disabled') {
    (podMode === 'verified' ? catalog.verifiedPodIps : catalog.podIps).forEach((byIp, namespace) => {
      h = fnv(h, namespace);
      byIp.forEach((_, ip) => (h = fnv(h, ip)));
    });
  }
  return h >>> 0;
}

function hashPorts(hash: number, ports: readonly { name: string; protocol: string; port: number }[]): number {
  let h = fnvInt(hash, ports.length);
  for (const p of ports) h = fnv(fnv(fnv(h, p.name), p.protocol), String(p.port));
  return h;
}

/**
 * Endpoints of one slice share their ports array, which is hashed once a run. A Service's endpoint
 * is named `<label>.<service>`, the Service's name being hashed already; an orphan's whole name is.
 */
function hashEndpoints(hash: number, endpoints: readonly EndpointView[], orphans: boolean): number {
  let h = fnvInt(hash, endpoints.length);
  let ports: readonly PortView[] | undefined;
  for (const ep of endpoints) {
    if (ep.ports !== ports) h = hashPorts(fnv(h, ''), (ports = ep.ports));
    h = fnv(fnv(h, orphans ? ep.fqdn : ep.label), ep.ip.text);
  }
  return h;
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
