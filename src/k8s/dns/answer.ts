// Answering questions as CoreDNS's `kubernetes` plugin does (handler.go ServeDNS and the type
// functions of plugin/backend_lookup.go), from an index built once per input.
import { parseIp } from '../objects';
import type { Cluster } from '../objects/types';
import { buildCatalog } from './catalog';
import { lookup } from './lookup';
import type { DnsIndex, Entry, Reply } from './model';
import { isInZone, labelsOf, reverseName } from './names';
import { dnsOptions, type DnsOptionsInput } from './options';
import { matchZone, parseQuery, question, type Question, type RecordRequest } from './query';
import { nameserverAddresses, nsRecords, soaRecord, zoneSerial } from './records';
import { reverseReply } from './reverse';
import { addressRecords, record, srvRecords, type Shape } from './rrset';
import { DNS_SCHEMA_VERSION, DNS_VERSION_TTL, RULES } from './rules';
import type { Text } from '../explanation';
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
  const steps: Text[] = [];
  const zone = matchZone(q.name, index.catalog.zone);
  let reply: Reply;
  if (zone.kind === 'outside') {
    steps.push({
      en: `${q.name} is outside the zones of CoreDNS's kubernetes plugin (${index.catalog.zone}, in-addr.arpa., ip6.arpa.). CoreDNS hands it to the next plugin; in the default Corefile that is \`forward . /etc/resolv.conf\`, which asks the node's upstream resolvers.`,
      ko: `${q.name}은(는) CoreDNS kubernetes 플러그인의 zone(${index.catalog.zone}, in-addr.arpa., ip6.arpa.) 밖에 있다. CoreDNS는 이 이름을 다음 플러그인에 넘기는데, 기본 Corefile에서는 노드의 upstream resolver에 묻는 \`forward . /etc/resolv.conf\`다.`,
    });
    steps.push({
      en: 'kubeknow models only the cluster zone, so it answers REFUSED, as a CoreDNS server does for a name that none of its zones covers; from a Pod the real answer comes from upstream DNS.',
      ko: 'kubeknow는 클러스터 zone만 모델링하므로, 어느 zone에도 속하지 않는 이름에 CoreDNS 서버가 하듯 REFUSED로 답한다. Pod에서 보면 실제 응답은 upstream DNS에서 온다.',
    });
    // `dig -x` spells the reversed name for its user; a question for the address itself misses the zone.
    const address = q.type === 'PTR' ? parseIp(q.name.replace(/\.$/, '')) : null;
    if (address) {
      const reversed = reverseName(address);
      steps.push({
        en: `${q.name} is an address, not a name: a PTR question for it asks for ${reversed} (what \`dig -x\` sends); ask for that name.`,
        ko: `${q.name}은(는) 이름이 아니라 주소다. 이 주소의 PTR 질의는 ${reversed}를 묻는다(\`dig -x\`가 보내는 이름). 그 이름으로 물어야 한다.`,
      });
    }
    reply = { rcode: 'REFUSED', authoritative: false };
  } else if (zone.kind === 'reverse') {
    reply = reverseReply(index, q, zone.zone, steps);
  } else {
    steps.push({
      en: `${q.name} is in ${index.catalog.zone}, the cluster zone served by CoreDNS's kubernetes plugin.`,
      ko: `${q.name}은(는) CoreDNS kubernetes 플러그인이 제공하는 클러스터 zone ${index.catalog.zone}에 있다.`,
    });
    reply = clusterReply(index, q, steps);
  }
  return finish(index, q, reply, steps, zone.kind === 'outside' ? undefined : zone.zone);
}

/** handler.go ServeDNS: one branch per question type, as CoreDNS dispatches them. */
function clusterReply(index: DnsIndex, q: Question, steps: Text[]): Reply {
  const apex = q.name === index.catalog.zone;
  switch (q.type) {
    case 'AXFR':
    case 'IXFR':
      steps.push({
        en: 'The kubernetes plugin refuses zone transfers itself; the `transfer` plugin serves them when the Corefile enables it.',
        ko: 'kubernetes 플러그인은 zone transfer를 직접 거부한다. Corefile에서 `transfer` 플러그인을 켜면 그 플러그인이 제공한다.',
      });
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
      if (found)
        steps.push({
          en: 'PTR records live under in-addr.arpa. and ip6.arpa.; a forward name has none.',
          ko: 'PTR 레코드는 in-addr.arpa.와 ip6.arpa. 아래에만 있다. 정방향 이름에는 없다.',
        });
      return { rcode: found ? 'NOERROR' : 'NXDOMAIN' };
    }
    case 'SOA':
      if (apex) return { rcode: 'NOERROR', answer: [index.soa()] };
      steps.push({
        en: 'CoreDNS answers SOA only at the zone apex; below it the answer is NOERROR with no records, whether or not the name exists (handler.go).',
        ko: 'CoreDNS는 SOA를 zone apex에서만 답한다. 그 아래에서는 이름이 있든 없든 레코드 없는 NOERROR다(handler.go).',
      });
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
function txtReply(index: DnsIndex, q: Question, steps: Text[]): Reply {
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
    steps.push({
      en: 'CoreDNS has TXT records only at dns-version.<zone>; this name has records of other types, so the answer is NOERROR with no records (kubernetes.go Services).',
      ko: 'CoreDNS의 TXT 레코드는 dns-version.<zone>에만 있다. 이 이름에는 다른 type의 레코드가 있으므로 레코드 없는 NOERROR다(kubernetes.go Services).',
    });
    return { rcode: 'NOERROR' };
  }
  steps.push(
    found
      ? {
          en: 'CoreDNS has TXT records only at dns-version.<zone>, and for TXT it calls a name that holds no records of any type a name error, even one that exists for other types (kubernetes.go Services).',
          ko: 'CoreDNS의 TXT 레코드는 dns-version.<zone>에만 있다. TXT 질의에서는 어떤 type의 레코드도 없는 이름을, 다른 type으로는 존재하더라도 name error로 본다(kubernetes.go Services).',
        }
      : {
          en: 'CoreDNS has TXT records only at dns-version.<zone>, and this name does not exist (kubernetes.go Services).',
          ko: 'CoreDNS의 TXT 레코드는 dns-version.<zone>에만 있고, 이 이름은 존재하지 않는다(kubernetes.go Services).',
        },
  );
  return { rcode: 'NXDOMAIN' };
}

/** backend_lookup.go SRV over what Records() finds. */
function srvReply(index: DnsIndex, q: Question, steps: Text[]): Reply {
  if (q.name === `ns.dns.${index.catalog.zone}`) return positive([], q.type, steps);
  const { found, entries, shape } = find(index, q.name, steps);
  if (!found) return { rcode: 'NXDOMAIN' };
  if (entries.some((e) => e.ip === null))
    steps.push({
      en: 'An ExternalName Service has no SRV records: CoreDNS drops the CNAME before building SRV answers.',
      ko: 'ExternalName Service에는 SRV 레코드가 없다. CoreDNS는 SRV 응답을 만들기 전에 CNAME을 버린다.',
    });
  if (entries.some((e) => e.ip !== null && e.port === -1))
    steps.push({
      en: 'Some addresses come without a port (the Service or EndpointSlice declares none), so they give no SRV record.',
      ko: '일부 주소에는 포트가 없어(Service나 EndpointSlice가 포트를 선언하지 않았다) SRV 레코드가 생기지 않는다.',
    });
  const { answer: srv, additional } = srvRecords(q.name, entries, shape, index.options.ttl, index.options.podMode);
  if (srv.length) {
    const pairs = entries.filter((e) => e.ip !== null).length;
    steps.push({
      en: `${srv[0].rule.en}. Priority is 0 and the weight is 100 divided by the ${pairs} address-port pair${pairs === 1 ? '' : 's'} found (backend_lookup.go SRV); the targets' addresses go in the additional section.`,
      ko: `${srv[0].rule.ko}. priority는 0이고 weight는 100을 찾은 주소-포트 쌍 ${pairs}개로 나눈 값이다(backend_lookup.go SRV). target의 주소는 additional 섹션에 들어간다.`,
    });
  }
  return { ...positive(srv, q.type, steps), additional };
}

/** backend_lookup.go CNAME: the first entry, when it is a name. */
function cnameReply(index: DnsIndex, q: Question, steps: Text[]): Reply {
  if (q.name === `ns.dns.${index.catalog.zone}`) return positive([], q.type, steps);
  const { found, entries } = find(index, q.name, steps);
  if (!found) return { rcode: 'NXDOMAIN' };
  const first = entries[0];
  if (first && first.ip === null)
    return {
      rcode: 'NOERROR',
      answer: [record(q.name, 'CNAME', index.options.ttl, first.cname!, first.source, RULES.externalName)],
    };
  steps.push({
    en: 'Only ExternalName Services have CNAME records.',
    ko: 'CNAME 레코드는 ExternalName Service에만 있다.',
  });
  return { rcode: 'NOERROR' };
}

/** The fake A lookup handler.go makes for types it has no records of, to tell NODATA from NXDOMAIN. */
function exists(index: DnsIndex, q: Question, steps: Text[]): Reply {
  const found = q.name === `ns.dns.${index.catalog.zone}` || find(index, q.name, steps).found;
  if (!found) return { rcode: 'NXDOMAIN' };
  steps.push(
    q.type === 'ANY'
      ? {
          en: 'The kubernetes plugin has no ANY handling: it checks that the name exists with an A lookup and answers NOERROR with no records (RFC 8482 answers come from the separate `any` plugin, which the default Corefile does not load).',
          ko: 'kubernetes 플러그인은 ANY를 따로 처리하지 않는다. A 조회로 이름이 있는지만 확인하고 레코드 없는 NOERROR로 답한다(RFC 8482 응답은 별도의 `any` 플러그인이 하는데, 기본 Corefile은 이를 불러오지 않는다).',
        }
      : {
          en: `CoreDNS serves no ${q.type} records in the cluster zone; the name exists, so the answer is NOERROR with no records (handler.go makes an A lookup to decide).`,
          ko: `CoreDNS는 클러스터 zone에서 ${q.type} 레코드를 제공하지 않는다. 이름은 존재하므로 레코드 없는 NOERROR다(handler.go가 A 조회로 판단한다).`,
        },
  );
  return { rcode: 'NOERROR' };
}

// The step that says NODATA and nothing more: the summary gives the reason before it instead.
const nodataStep = (type: string): Text => ({
  en: `The name exists but has no record of type ${type}, so the answer is NOERROR with an empty answer section (NODATA).`,
  ko: `이름은 있지만 ${type} 레코드가 없으므로 answer 섹션이 빈 NOERROR(NODATA)다.`,
});
const isNodataStep = (step: Text | undefined): boolean =>
  step?.en.startsWith('The name exists but has no record') ?? false;

function positive(records: DnsRecord[], type: string, steps: Text[]): Reply {
  if (records.length === 0) steps.push(nodataStep(type));
  return { rcode: 'NOERROR', answer: records };
}

/** parse.go, then Records(): what the name holds, or `found: false` for a name error. */
function find(index: DnsIndex, name: string, steps: Text[]): { found: boolean; entries: Entry[]; shape: Shape } {
  const parsed = parseQuery(name, index.catalog.zone);
  if (!parsed.ok) {
    steps.push({
      en: `${parsed.reason.en}; the name does not exist (parse.go).`,
      ko: `${parsed.reason.ko}. 따라서 이 이름은 존재하지 않는다(parse.go).`,
    });
    return { found: false, entries: [], shape: 'service' };
  }
  const r = parsed.request;
  if (r.podOrSvc) {
    const d = describeRequest(r);
    steps.push({ en: `Parsed as ${d.en} (CoreDNS parse.go).`, ko: `${d.ko}로 파싱된다(CoreDNS parse.go).` });
  }
  const result = lookup(index.catalog, r, steps);
  if (!result.found && r.labels.some((l) => l === '*' || l === 'any')) {
    steps.push({
      en: 'CoreDNS 1.9.0 removed wildcard queries (coredns/coredns#5019): "*" and "any" are ordinary labels now and match only objects with that name.',
      ko: 'CoreDNS 1.9.0에서 wildcard 질의가 없어졌다(coredns/coredns#5019). 이제 "*"와 "any"는 평범한 레이블이라 그 이름을 가진 오브젝트에만 맞는다.',
    });
  }
  const shape: Shape = r.endpoint ? 'endpoint' : r.port || r.protocol ? 'port' : 'service';
  return { found: result.found, entries: result.found ? result.entries : [], shape };
}

function describeRequest(r: RecordRequest): Text {
  const ports = r.port || r.protocol ? `port "${r.port || '*'}", protocol "${r.protocol || '*'}"` : '';
  const endpoint = r.endpoint ? `endpoint "${r.endpoint}"` : '';
  const service = (podLabel: string) =>
    r.service ? `${r.podOrSvc === 'pod' ? podLabel : 'service'} "${r.service}"` : '';
  const parts = (podLabel: string) =>
    [ports, endpoint, service(podLabel), `namespace "${r.namespace}"`].filter(Boolean).join(', ');
  return {
    en: `${parts('Pod label')} under ${r.podOrSvc}.<zone>`,
    ko: `${r.podOrSvc}.<zone> 아래의 ${parts('Pod 레이블')}`,
  };
}

/** plugin.A / plugin.AAAA, including the in-zone CNAME chase for ExternalName Services. */
function addresses(
  index: DnsIndex,
  name: string,
  type: 'A' | 'AAAA',
  chain: DnsRecord[],
  steps: Text[],
): { found: boolean; records: DnsRecord[] } {
  const { catalog, options } = index;
  if (name === `ns.dns.${catalog.zone}`) {
    const records = nameserverAddresses(catalog, name, type);
    steps.push(
      catalog.nameserver
        ? RULES.nsAddress[type]
        : {
            en: 'ns.dns.<zone> is the name server itself: CoreDNS answers with its own Pod IP, which the input does not give (no kube-system/kube-dns Service with a clusterIP).',
            ko: 'ns.dns.<zone>은 네임 서버 자신이다. CoreDNS는 자기 Pod IP로 답하는데, 입력에는 그 IP가 없다(clusterIP가 있는 kube-system/kube-dns Service가 없다).',
          },
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
    steps.push({
      en: `The CNAME chain loops or grows past 8 links at ${name}; CoreDNS stops following it.`,
      ko: `CNAME 체인이 ${name}에서 순환하거나 8단계를 넘으므로 CoreDNS는 더 따라가지 않는다.`,
    });
    return { found: true, records: [] };
  }
  if (!isInZone(target, catalog.zone)) {
    steps.push({
      en: `${RULES.externalName.en}. ${target} is outside the cluster zone: CoreDNS asks its upstream resolvers (through the forward plugin) for the target's ${type} records and appends them; kubeknow does not resolve names outside the cluster, so the answer holds the CNAME alone.`,
      ko: `${RULES.externalName.ko}. ${target}은(는) 클러스터 zone 밖에 있다. CoreDNS는 forward 플러그인으로 upstream resolver에 target의 ${type} 레코드를 물어 덧붙이지만, kubeknow는 클러스터 밖의 이름을 해석하지 않으므로 응답에는 CNAME만 있다.`,
    });
    return { found: true, records: [cname] };
  }
  steps.push({
    en: `${RULES.externalName.en}. ${target} is inside the cluster zone, so CoreDNS follows the CNAME itself:`,
    ko: `${RULES.externalName.ko}. ${target}은(는) 클러스터 zone 안에 있으므로 CoreDNS가 CNAME을 직접 따라간다.`,
  });
  const next = addresses(index, target, type, [...chain, cname], steps);
  if (next.found && next.records.length) return { found: true, records: [cname, ...next.records] };
  steps.push({
    en: `${target} has no ${type} record, so CoreDNS leaves the CNAME out as well and the answer is empty.`,
    ko: `${target}에 ${type} 레코드가 없으므로 CoreDNS는 CNAME도 빼고 빈 응답을 보낸다.`,
  });
  return { found: true, records: [] };
}

/** The answer with its authority section: the SOA of the zone that answered, on a negative answer (plugin.BackendError). */
function finish(index: DnsIndex, q: Question, reply: Reply, steps: Text[], zone: string | undefined): DnsAnswer {
  const answerRecords = reply.answer ?? [];
  const negative = reply.rcode === 'NXDOMAIN' || (reply.rcode === 'NOERROR' && answerRecords.length === 0);
  const authority = zone && negative && reply.authoritative !== false ? [index.soa(zone)] : [];
  const rule = answerRecords[0]?.rule;
  if (rule && !steps.some((s) => s.en.includes(rule.en))) steps.push({ en: `${rule.en}.`, ko: `${rule.ko}.` });
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

function summarize(q: Question, rcode: Rcode, records: DnsRecord[], steps: Text[]): Text {
  const reason = steps[steps.length - 1] ?? { en: '', ko: '' };
  if (rcode === 'NXDOMAIN')
    return {
      en: `${q.name} does not exist: NXDOMAIN. ${reason.en}`,
      ko: `${q.name}은(는) 존재하지 않는다: NXDOMAIN. ${reason.ko}`,
    };
  if (rcode === 'REFUSED')
    return {
      en: `CoreDNS's kubernetes plugin does not answer ${q.name} ${q.type}; it goes to the next plugin. ${reason.en}`,
      ko: `CoreDNS의 kubernetes 플러그인은 ${q.name} ${q.type}에 답하지 않고 다음 플러그인에 넘긴다. ${reason.ko}`,
    };
  if (records.length === 0) {
    const why = isNodataStep(reason) ? (steps[steps.length - 2] ?? { en: '', ko: '' }) : reason;
    return {
      en: `${q.name} exists but has no ${q.type} record: NOERROR with an empty answer (NODATA). ${why.en}`,
      ko: `${q.name}은(는) 존재하지만 ${q.type} 레코드가 없다: 빈 응답의 NOERROR(NODATA). ${why.ko}`,
    };
  }
  const shown = records.slice(0, 3).map((r) => (r.type === q.type ? r.data : `${r.type} ${r.data}`));
  const more = (count: string) => (records.length > 3 ? `, … (${count})` : '');
  const head = `${q.name} ${q.type} → ${shown.join(', ')}`;
  return {
    en: `${head}${more(`${records.length} records`)} — ${records[0].rule.en}.`,
    ko: `${head}${more(`레코드 ${records.length}개`)} — ${records[0].rule.ko}.`,
  };
}
