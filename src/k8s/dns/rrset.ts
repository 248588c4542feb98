// Turning lookup entries into records the way CoreDNS's plugin/backend_lookup.go does: address
// records deduplicated by IP, SRV records deduplicated by target and port, with the weight computed
// over every entry before deduplication, and the targets' addresses in the additional section.
import { AddressSlots } from './addresses';
import type { EndpointView, Entry, ServiceView } from './model';
import type { ParsedIp } from '../objects';
import type { PodMode } from './options';
import { CLUSTER_IP_ENDPOINT_RULES, RULES } from './rules';
import type { Text } from '../explanation';
import type { DnsRecord, RecordSource, RecordType } from './types';

/** Which part of the name grammar a question used: it picks the rule that explains a record. */
export type Shape = 'service' | 'endpoint' | 'port';

/** A record in the IN class. */
export function record(
  name: string,
  type: RecordType,
  ttl: number,
  data: string,
  source: RecordSource,
  rule: Text,
): DnsRecord {
  return { name, type, ttl, class: 'IN', data, source, rule };
}

/** Why an endpoint's address is served at its own name. */
export function endpointRule(service: ServiceView | undefined, endpoint: EndpointView, type: 'A' | 'AAAA'): Text {
  if (service?.kind === 'clusterIP')
    return (endpoint.hasHostname ? CLUSTER_IP_ENDPOINT_RULES.hostname : CLUSTER_IP_ENDPOINT_RULES.dashed)[type];
  return (endpoint.hasHostname ? RULES.endpointHostname : RULES.endpointDashed)[type];
}

/** Why an entry's address is served at a name of this shape. */
export function addressRule(entry: Entry, shape: Shape, type: 'A' | 'AAAA', podMode: PodMode): Text {
  switch (entry.origin) {
    case 'pod':
      return podMode === 'verified' ? RULES.podVerified : RULES.podInsecure;
    case 'clusterIP':
      return shape === 'port' ? RULES.portAddress[type] : RULES.serviceAddress[type];
    case 'endpoint':
      if (shape === 'port') return RULES.portAddress[type];
      return shape === 'service' ? RULES.headlessAddress[type] : endpointRule(entry.service, entry.endpoint!, type);
    default:
      return RULES.externalName;
  }
}

/**
 * The address records of the entries whose family fits `type`, one per distinct IP (backend_lookup.go
 * A/AAAA), appended to `out`.
 */
export function addressRecords(
  owner: string,
  entries: readonly Entry[],
  type: 'A' | 'AAAA',
  shape: Shape,
  ttl: number,
  podMode: PodMode,
  out: DnsRecord[] = [],
): DnsRecord[] {
  const family = type === 'A' ? 4 : 6;
  // A few entries are compared with the ones before; many are looked up in a table by address.
  const seen = entries.length > FEW ? new AddressSlots(entries.length) : null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const ip = entry.ip;
    if (!ip || ip.family !== family) continue;
    if (seen === null ? seenBefore(entries, i, ip) : seen.add(ip, 0) !== -1) continue;
    out.push(record(owner, type, ttl, ip.text, entry.source, addressRule(entry, shape, type, podMode)));
  }
  return out;
}

/** How many entries are deduplicated by comparing each with those before it. */
const FEW = 16;

/** Whether an entry before the `i`th has the address `ip` (the first of them gave its record). */
function seenBefore(entries: readonly Entry[], i: number, ip: ParsedIp): boolean {
  for (let j = 0; j < i; j++) {
    const other = entries[j].ip;
    if (other !== null && other.family === ip.family && other.text === ip.text) return true;
  }
  return false;
}

/**
 * backend_lookup.go SRV: every entry counts 100 towards its priority's total, so each record gets
 * weight floor(100 / n) (at least 1) for n entries, counted before duplicates and port-less
 * entries are dropped. Priority is always 0.
 */
export function srvWeight(entryCount: number): number {
  if (entryCount === 0) return 0;
  const weight = Math.floor((100 / (100 * entryCount)) * 100);
  return weight === 0 ? 1 : weight;
}

function srvRule(entry: Entry, shape: Shape): Text {
  if (entry.origin === 'pod') return RULES.podSrv;
  if (entry.origin === 'clusterIP') return shape === 'port' ? RULES.serviceSrvNamed : RULES.serviceSrvBare;
  if (shape === 'endpoint') return RULES.endpointSrv;
  return shape === 'port' ? RULES.headlessSrvNamed : RULES.headlessSrvBare;
}

/** SRV records for the entries, and the A/AAAA records of their targets for the additional section. */
export function srvRecords(
  owner: string,
  entries: readonly Entry[],
  shape: Shape,
  ttl: number,
  podMode: PodMode,
): { answer: DnsRecord[]; additional: DnsRecord[] } {
  const answer: DnsRecord[] = [];
  const additional: DnsRecord[] = [];
  collectSrv(owner, entries, shape, ttl, podMode, answer, additional);
  return { answer, additional };
}

/**
 * The SRV records alone, appended to `out`: a zone listing has no additional section. `adjacent`
 * promises that the entries of one target follow each other, so duplicates are looked for in the
 * current run only rather than in a map of every target.
 */
export function srvAnswer(
  owner: string,
  entries: readonly Entry[],
  shape: Shape,
  ttl: number,
  out: DnsRecord[],
  adjacent: boolean,
): void {
  collectSrv(owner, entries, shape, ttl, 'insecure', out, null, adjacent);
}

function collectSrv(
  owner: string,
  entries: readonly Entry[],
  shape: Shape,
  ttl: number,
  podMode: PodMode,
  answer: DnsRecord[],
  additional: DnsRecord[] | null,
  adjacent = false,
): void {
  // The Services() call behind SRV drops CNAME entries first: an ExternalName has no SRV records.
  let addressed = 0;
  for (const e of entries) if (e.ip !== null) addressed++;
  const weight = srvWeight(addressed);
  // `0 <weight> <port> ` is the same for every record with that port: built once per port.
  const prefixes = new Map<number, string>();
  const ports: Seen<number> = adjacent ? new SeenInRun() : new SeenPerKey();
  const addresses = new SeenPerKey<string>();
  for (const entry of entries) {
    const ip = entry.ip;
    if (ip === null || entry.port === -1) continue;
    if (!ports.add(entry.target, entry.port)) {
      let prefix = prefixes.get(entry.port);
      if (prefix === undefined) prefixes.set(entry.port, (prefix = `0 ${weight} ${entry.port} `));
      answer.push({
        name: owner,
        type: 'SRV',
        ttl,
        class: 'IN',
        data: prefix + entry.target,
        source: entry.source,
        rule: srvRule(entry, shape),
        srv: { priority: 0, weight, port: entry.port, target: entry.target },
      });
    }
    if (additional !== null && !addresses.add(entry.target, ip.text)) {
      const type = ip.family === 4 ? 'A' : 'AAAA';
      additional.push(
        record(
          entry.target,
          type,
          ttl,
          ip.text,
          entry.source,
          addressRule(entry, entry.origin === 'endpoint' ? 'endpoint' : 'service', type, podMode),
        ),
      );
    }
  }
}

/** Values seen per key; add() tells whether the value was seen for that key before. */
interface Seen<T> {
  add(key: string, value: T): boolean;
}

/** Any order of keys. Most keys carry one value, so a bare value is stored until a second one arrives. */
class SeenPerKey<T extends string | number> implements Seen<T> {
  private readonly seen = new Map<string, T | T[]>();
  add(key: string, value: T): boolean {
    const known = this.seen.get(key);
    if (known === undefined) {
      this.seen.set(key, value);
      return false;
    }
    if (Array.isArray(known)) {
      if (known.includes(value)) return true;
      known.push(value);
      return false;
    }
    if (known === value) return true;
    this.seen.set(key, [known, value]);
    return false;
  }
}

/** Keys that come in runs (each key's values adjacent): only the current run is kept. */
class SeenInRun<T> implements Seen<T> {
  private key: string | undefined;
  private first: T | undefined;
  private more: T[] | null = null;
  add(key: string, value: T): boolean {
    if (key !== this.key) {
      this.key = key;
      this.first = value;
      this.more = null;
      return false;
    }
    if (value === this.first || (this.more !== null && this.more.includes(value))) return true;
    if (this.more) this.more.push(value);
    else this.more = [value];
    return false;
  }
}
