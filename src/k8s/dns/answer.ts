// Answering questions as CoreDNS's `kubernetes` plugin does (handler.go ServeDNS and the type
// functions of plugin/backend_lookup.go), from an index built once per input.
import type { Cluster } from '../objects/types';
import { buildCatalog } from './catalog';
import { lookup } from './lookup';
import type { DnsIndex, Entry, Reply } from './model';
import { isInZone, labelsOf } from './names';
import { dnsOptions, type DnsOptionsInput } from './options';
import { matchZone, parseQuery, question, type Question, type RecordRequest } from './query';
import { nameserverAddresses, nsRecords, soaRecord, zoneSerial } from './records';
import { reverseReply } from './reverse';
import { addressRecords, record, srvRecords, type Shape } from './rrset';
import { DNS_SCHEMA_VERSION, DNS_VERSION_TTL, RULES } from './rules';
import type { DnsAnswer, DnsRecord, Rcode } from './types';

/** Indexes a cluster for answering; build once, ask many questions. */
export function buildIndex(cluster: Cluster, options?: DnsOptionsInput): DnsIndex {
  const opts = dnsOptions(options);
  const catalog = buildCatalog(cluster, opts);
  let serial: number | undefined;
  const soas = new Map<string, DnsRecord>();
  const soa = (zone = catalog.zone) => {
    let found = soas.get(zone);
    if (!found) soas.set(zone, (found = soaRecord(catalog, (serial ??= zoneSerial(catalog)), zone)));
    return found;
  };
  return { cluster, options: opts, catalog, soa };
}

/** The answer CoreDNS would give, with the reasoning behind it. */
export function answer(index: DnsIndex, input: { name?: unknown; type?: unknown }): DnsAnswer {
  const q = question(input);
  const steps: string[] = [];
  const zone = matchZone(q.name, index.catalog.zone);
  let reply: Reply;
  if (zone.kind === 'outside') {
    steps.push(
      `${q.name} is outside the zones of CoreDNS's kubernetes plugin (${index.catalog.zone}, in-addr.arpa., ip6.arpa.). CoreDNS hands it to the next plugin; in the default Corefile that is \`forward . /etc/resolv.conf\`, which asks the node's upstream resolvers.`,
    );
    steps.push(
      'kubeknow models only the cluster zone, so it answers REFUSED, as a CoreDNS server does for a name that none of its zones covers; from a Pod the real answer comes from upstream DNS.',
    );
    reply = { rcode: 'REFUSED', authoritative: false };
  } else if (zone.kind === 'reverse') {
    reply = reverseReply(index, q, zone.zone, steps);
  } else {
    steps.push(`${q.name} is in ${index.catalog.zone}, the cluster zone served by CoreDNS's kubernetes plugin.`);
    reply = clusterReply(index, q, steps);
  }
  return finish(index, q, reply, steps, zone.kind === 'outside' ? undefined : zone.zone);
}

/** handler.go ServeDNS: one branch per question type, as CoreDNS dispatches them. */
function clusterReply(index: DnsIndex, q: Question, steps: string[]): Reply {
  const apex = q.name === index.catalog.zone;
  switch (q.type) {
    case 'AXFR':
    case 'IXFR':
      steps.push(
        'The kubernetes plugin refuses zone transfers itself; the `transfer` plugin serves them when the Corefile enables it.',
      );
      return { rcode: 'REFUSED', authoritative: false };
    case 'A':
    case 'AAAA': {
      const result = addresses(index, q.name, q.type, [], steps);
      return result.found ? positive(result.records, q.type, steps) : { rcode: 'NXDOMAIN' };
    }
    case 'TXT':
      return txtReply(index, q, steps);
    case 'SRV':
      return srvReply(index, q, steps);
    case 'CNAME':
      return cnameReply(index, q, steps);
    case 'PTR': {
      const { found } = find(index, q.name, steps);
      if (found) steps.push('PTR records live under in-addr.arpa. and ip6.arpa.; a forward name has none.');
      return { rcode: found ? 'NOERROR' : 'NXDOMAIN' };
    }
    case 'SOA':
      if (apex) return { rcode: 'NOERROR', answer: [index.soa()] };
      steps.push(
        'CoreDNS answers SOA only at the zone apex; below it the answer is NOERROR with no records, whether or not the name exists (handler.go).',
      );
      return { rcode: 'NOERROR' };
    case 'NS': {
      if (!apex) return exists(index, q, steps);
      const ns = nsRecords(index.catalog);
      steps.push(ns[0].rule);
      return {
        rcode: 'NOERROR',
        answer: ns,
        additional: [
          ...nameserverAddresses(index.catalog, ns[0].data, 'A'),
          ...nameserverAddresses(index.catalog, ns[0].data, 'AAAA'),
        ],
      };
    }
    default:
      return exists(index, q, steps);
  }
}

/**
 * kubernetes.go Services, case TXT: dns-version.<zone> alone has a record; any other name is NODATA
 * when Records() finds something there, else NXDOMAIN. Names that exist without records (the apex,
 * svc.<zone>, a namespace name) find nothing, so they are NXDOMAIN for TXT alone.
 */
function txtReply(index: DnsIndex, q: Question, steps: string[]): Reply {
  if (labelsOf(q.name.slice(0, -index.catalog.zone.length)).join('.') === 'dns-version') {
    steps.push(RULES.dnsVersion);
    const source = { kind: 'Zone' as const, namespace: '', name: index.options.clusterDomain };
    return {
      rcode: 'NOERROR',
      answer: [record(q.name, 'TXT', DNS_VERSION_TTL, DNS_SCHEMA_VERSION, source, RULES.dnsVersion)],
    };
  }
  // Records() before the ns.dns.<zone> check: the name server's name is a parse error for TXT.
  const { found, entries } = find(index, q.name, steps);
  if (found && entries.length > 0) {
    steps.push(
      'CoreDNS has TXT records only at dns-version.<zone>; this name has records of other types, so the answer is NOERROR with no records (kubernetes.go Services).',
    );
    return { rcode: 'NOERROR' };
  }
  steps.push(
    found
      ? 'CoreDNS has TXT records only at dns-version.<zone>, and for TXT it calls a name that holds no records of any type a name error, even one that exists for other types (kubernetes.go Services).'
      : 'CoreDNS has TXT records only at dns-version.<zone>, and this name does not exist (kubernetes.go Services).',
  );
  return { rcode: 'NXDOMAIN' };
}

/** backend_lookup.go SRV over what Records() finds. */
function srvReply(index: DnsIndex, q: Question, steps: string[]): Reply {
  if (q.name === `ns.dns.${index.catalog.zone}`) return positive([], q.type, steps);
  const { found, entries, shape } = find(index, q.name, steps);
  if (!found) return { rcode: 'NXDOMAIN' };
  if (entries.some((e) => e.ip === null))
    steps.push('An ExternalName Service has no SRV records: CoreDNS drops the CNAME before building SRV answers.');
  if (entries.some((e) => e.ip !== null && e.port === -1))
    steps.push(
      'Some addresses come without a port (the Service or EndpointSlice declares none), so they give no SRV record.',
    );
  const { answer: srv, additional } = srvRecords(q.name, entries, shape, index.options.ttl, index.options.podMode);
  if (srv.length) {
    const pairs = entries.filter((e) => e.ip !== null).length;
    steps.push(
      `${srv[0].rule}. Priority is 0 and the weight is 100 divided by the ${pairs} address-port pair${pairs === 1 ? '' : 's'} found (backend_lookup.go SRV); the targets' addresses go in the additional section.`,
    );
  }
  return { ...positive(srv, q.type, steps), additional };
}

/** backend_lookup.go CNAME: the first entry, when it is a name. */
function cnameReply(index: DnsIndex, q: Question, steps: string[]): Reply {
  if (q.name === `ns.dns.${index.catalog.zone}`) return positive([], q.type, steps);
  const { found, entries } = find(index, q.name, steps);
  if (!found) return { rcode: 'NXDOMAIN' };
  const first = entries[0];
  if (first && first.ip === null)
    return {
      rcode: 'NOERROR',
      answer: [record(q.name, 'CNAME', index.options.ttl, first.cname!, first.source, RULES.externalName)],
    };
  steps.push('Only ExternalName Services have CNAME records.');
  return { rcode: 'NOERROR' };
}

/** The fake A lookup handler.go makes for types it has no records of, to tell NODATA from NXDOMAIN. */
function exists(index: DnsIndex, q: Question, steps: string[]): Reply {
  const found = q.name === `ns.dns.${index.catalog.zone}` || find(index, q.name, steps).found;
  if (!found) return { rcode: 'NXDOMAIN' };
  steps.push(
    q.type === 'ANY'
      ? 'The kubernetes plugin has no ANY handling: it checks that the name exists with an A lookup and answers NOERROR with no records (RFC 8482 answers come from the separate `any` plugin, which the default Corefile does not load).'
      : `CoreDNS serves no ${q.type} records in the cluster zone; the name exists, so the answer is NOERROR with no records (handler.go makes an A lookup to decide).`,
  );
  return { rcode: 'NOERROR' };
}

const NODATA_STEP =
  'The name exists but has no record of this type, so the answer is NOERROR with an empty answer section (NODATA).';

function positive(records: DnsRecord[], type: string, steps: string[]): Reply {
  if (records.length === 0) steps.push(NODATA_STEP.replace('of this type', `of type ${type}`));
  return { rcode: 'NOERROR', answer: records };
}

/** parse.go, then Records(): what the name holds, or `found: false` for a name error. */
function find(index: DnsIndex, name: string, steps: string[]): { found: boolean; entries: Entry[]; shape: Shape } {
  const parsed = parseQuery(name, index.catalog.zone);
  if (!parsed.ok) {
    steps.push(`${parsed.reason}; the name does not exist (parse.go).`);
    return { found: false, entries: [], shape: 'service' };
  }
  const r = parsed.request;
  if (r.podOrSvc) steps.push(`Parsed as ${describeRequest(r)} (CoreDNS parse.go).`);
  const result = lookup(index.catalog, r, steps);
  if (!result.found && r.labels.some((l) => l === '*' || l === 'any')) {
    steps.push(
      'CoreDNS 1.9.0 removed wildcard queries (coredns/coredns#5019): "*" and "any" are ordinary labels now and match only objects with that name.',
    );
  }
  const shape: Shape = r.endpoint ? 'endpoint' : r.port || r.protocol ? 'port' : 'service';
  return { found: result.found, entries: result.found ? result.entries : [], shape };
}

function describeRequest(r: RecordRequest): string {
  const parts = [
    r.port || r.protocol ? `port "${r.port || '*'}", protocol "${r.protocol || '*'}"` : '',
    r.endpoint ? `endpoint "${r.endpoint}"` : '',
    r.service ? `${r.podOrSvc === 'pod' ? 'Pod label' : 'service'} "${r.service}"` : '',
    `namespace "${r.namespace}"`,
  ];
  return parts.filter(Boolean).join(', ') + ` under ${r.podOrSvc}.<zone>`;
}

/** plugin.A / plugin.AAAA, including the in-zone CNAME chase for ExternalName Services. */
function addresses(
  index: DnsIndex,
  name: string,
  type: 'A' | 'AAAA',
  chain: DnsRecord[],
  steps: string[],
): { found: boolean; records: DnsRecord[] } {
  const { catalog, options } = index;
  if (name === `ns.dns.${catalog.zone}`) {
    const records = nameserverAddresses(catalog, name, type);
    steps.push(
      catalog.nameserver
        ? RULES.nsAddress[type]
        : 'ns.dns.<zone> is the name server itself: CoreDNS answers with its own Pod IP, which the input does not give (no kube-system/kube-dns Service with a clusterIP).',
    );
    return { found: true, records };
  }
  const { found, entries, shape } = find(index, name, steps);
  if (!found) return { found: false, records: [] };
  const first = entries[0];
  if (!first || first.ip !== null)
    return { found: true, records: addressRecords(name, entries, type, shape, options.ttl, options.podMode) };
  const target = first.cname!;
  const cname = record(name, 'CNAME', options.ttl, target, first.source, RULES.externalName);
  if (target === name || chain.length > 7 || chain.some((c) => c.name === name && c.data === target)) {
    steps.push(`The CNAME chain loops or grows past 8 links at ${name}; CoreDNS stops following it.`);
    return { found: true, records: [] };
  }
  if (!isInZone(target, catalog.zone)) {
    steps.push(
      `${RULES.externalName}. ${target} is outside the cluster zone: CoreDNS asks its upstream resolvers (through the forward plugin) for the target's ${type} records and appends them; kubeknow does not resolve names outside the cluster, so the answer holds the CNAME alone.`,
    );
    return { found: true, records: [cname] };
  }
  steps.push(`${RULES.externalName}. ${target} is inside the cluster zone, so CoreDNS follows the CNAME itself:`);
  const next = addresses(index, target, type, [...chain, cname], steps);
  if (next.found && next.records.length) return { found: true, records: [cname, ...next.records] };
  steps.push(`${target} has no ${type} record, so CoreDNS leaves the CNAME out as well and the answer is empty.`);
  return { found: true, records: [] };
}

/** The answer with its authority section: the SOA of the zone that answered, on a negative answer (plugin.BackendError). */
function finish(index: DnsIndex, q: Question, reply: Reply, steps: string[], zone: string | undefined): DnsAnswer {
  const answerRecords = reply.answer ?? [];
  const negative = reply.rcode === 'NXDOMAIN' || (reply.rcode === 'NOERROR' && answerRecords.length === 0);
  const authority = zone && negative && reply.authoritative !== false ? [index.soa(zone)] : [];
  const rule = answerRecords[0]?.rule;
  if (rule && !steps.some((s) => s.includes(rule))) steps.push(`${rule}.`);
  return {
    question: q,
    rcode: reply.rcode,
    authoritative: reply.authoritative ?? true,
    answer: answerRecords,
    additional: reply.additional ?? [],
    authority,
    explanation: { summary: summarize(q, reply.rcode, answerRecords, steps), steps },
  };
}

function summarize(q: Question, rcode: Rcode, records: DnsRecord[], steps: string[]): string {
  const reason = steps[steps.length - 1] ?? '';
  if (rcode === 'NXDOMAIN') return `${q.name} does not exist: NXDOMAIN. ${reason}`;
  if (rcode === 'REFUSED')
    return `CoreDNS's kubernetes plugin does not answer ${q.name} ${q.type}; it goes to the next plugin. ${reason}`;
  if (records.length === 0) {
    const why = reason.startsWith('The name exists but has no record') ? (steps[steps.length - 2] ?? '') : reason;
    return `${q.name} exists but has no ${q.type} record: NOERROR with an empty answer (NODATA). ${why}`;
  }
  const shown = records.slice(0, 3).map((r) => (r.type === q.type ? r.data : `${r.type} ${r.data}`));
  const more = records.length > 3 ? `, … (${records.length} records)` : '';
  return `${q.name} ${q.type} → ${shown.join(', ')}${more} — ${records[0].rule}.`;
}
