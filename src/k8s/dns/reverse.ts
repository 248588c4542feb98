// Reverse zones as CoreDNS's reverse.go serves them with the Corefile line
// `kubernetes cluster.local in-addr.arpa ip6.arpa` and no `fallthrough` for the reverse zones: the
// plugin owns in-addr.arpa. and ip6.arpa. and answers every question there itself. (kubeadm's Corefile
// adds `fallthrough in-addr.arpa ip6.arpa`, which hands the name errors below to the next plugin;
// docs/dns.md says where that changes an answer.)
import { AddressMap } from './addresses';
import { ipFromReverseName, reverseNamer } from './names';
import type { Catalog, DnsIndex, EndpointView, Reply, ReverseIndex, ServiceView } from './model';
import type { Question } from './query';
import { record } from './rrset';
import { RULES } from './rules';
import type { Text } from '../explanation';
import type { DnsRecord } from './types';
import type { ParsedIp } from '../objects';

/** reverse.go: PTRs for clusterIPs and ready endpoint addresses; any other name in the zone is a name error. */
export function reverseReply(index: DnsIndex, q: Question, zone: string, steps: Text[]): Reply {
  steps.push({
    en: `${q.name} is in ${zone}, a reverse zone served by CoreDNS's kubernetes plugin.`,
    ko: `${q.name}은(는) CoreDNS kubernetes 플러그인이 제공하는 reverse zone ${zone}에 있다.`,
  });
  if (q.name === zone) {
    // parse.go reads the apex as the zone itself: it exists, and only SOA has a record there.
    steps.push({
      en: `${zone} is the apex of the reverse zone: it exists, with only its SOA record.`,
      ko: `${zone}은(는) reverse zone의 apex다. 존재하며, 레코드는 SOA뿐이다.`,
    });
    return q.type === 'SOA' ? { rcode: 'NOERROR', answer: [index.soa(zone)] } : { rcode: 'NOERROR' };
  }
  if (q.type === 'SOA') {
    steps.push({
      en: 'CoreDNS answers SOA only at the zone apex; below it the answer is NOERROR with no records (handler.go).',
      ko: 'CoreDNS는 SOA를 zone apex에서만 답한다. 그 아래에서는 레코드 없는 NOERROR다(handler.go).',
    });
    return { rcode: 'NOERROR' };
  }
  const ip = q.type === 'PTR' ? ipFromReverseName(q.name) : undefined;
  const found = ip ? ptrRecords(index.catalog, ip) : [];
  // CoreDNS answers at the name asked. That is the index's canonical reverse name, except for an
  // IPv4-mapped address asked under ip6.arpa, which the index keeps under in-addr.arpa. The answer
  // is a new array, so the index stays as it is whatever a caller does with it.
  const answer = found.map((r) => (r.name === q.name ? r : { ...r, name: q.name }));
  if (ip && answer.length) {
    const n = answer.length;
    steps.push(
      answer[0].rule === RULES.ptrService
        ? {
            en: `${ip.text} is a clusterIP. ${RULES.ptrService.en}.`,
            ko: `${ip.text}은(는) clusterIP다. ${RULES.ptrService.ko}.`,
          }
        : {
            en: `${ip.text} is a ready endpoint address of ${n} Service${n === 1 ? '' : 's'}. ${RULES.ptrEndpoint.en}.`,
            ko: `${ip.text}은(는) Service ${n}개의 ready endpoint 주소다. ${RULES.ptrEndpoint.ko}.`,
          },
    );
    return { rcode: 'NOERROR', answer };
  }
  steps.push(
    q.type !== 'PTR'
      ? {
          en: "The kubernetes plugin has records of no type but PTR below a reverse zone's apex; Records() calls a reverse name a name error (kubernetes.go), so the answer is NXDOMAIN.",
          ko: 'kubernetes 플러그인은 reverse zone apex 아래에 PTR 말고는 어떤 type의 레코드도 없다. Records()는 reverse 이름을 name error로 보므로(kubernetes.go) 응답은 NXDOMAIN이다.',
        }
      : ip
        ? {
            en: `No Service has ${ip.text} as a clusterIP and no ready endpoint has it as an address (a not-ready endpoint, or a Pod IP behind no Service, has no PTR), so the name does not exist (reverse.go).`,
            ko: `${ip.text}을(를) clusterIP로 가진 Service도, 주소로 가진 ready endpoint도 없다(not ready endpoint나 어떤 Service 뒤에도 없는 Pod IP에는 PTR이 없다). 따라서 이 이름은 존재하지 않는다(reverse.go).`,
          }
        : {
            en: 'The name is not a complete reverse name (4 octets under in-addr.arpa., 32 nibbles under ip6.arpa.), so it does not exist.',
            ko: '이 이름은 완전한 reverse 이름(in-addr.arpa. 아래 옥텟 4개, ip6.arpa. 아래 nibble 32개)이 아니므로 존재하지 않는다.',
          },
  );
  return { rcode: 'NXDOMAIN' };
}

/**
 * reverse.go serviceRecordForIP: a clusterIP answers with its one Service and ends the search;
 * otherwise every ready endpoint with that address answers, one PTR per Service it belongs to. The
 * index holds the PTR records themselves, named by the address's canonical reverse name, so that a
 * zone listing and an answer share them.
 */
export function reverseIndex(services: ServiceView[], orphans: EndpointView[], ttl: number): ReverseIndex {
  let expected = orphans.length;
  for (const view of services) expected += view.clusterIPs.length + view.endpoints.length;
  const reverse: ReverseIndex = new AddressMap(expected);
  const reverseName = reverseNamer();
  for (const view of services) {
    for (const { ip, path } of view.clusterIPs) {
      if (reverse.get(ip) === undefined)
        reverse.set(ip, record(reverseName(ip), 'PTR', ttl, view.fqdn, { ...view.source, path }, RULES.ptrService));
    }
  }
  const add = (ep: EndpointView) => {
    const known = reverse.get(ep.ip);
    if (known === undefined) {
      reverse.set(ep.ip, record(reverseName(ep.ip), 'PTR', ttl, ep.fqdn, ep.source, RULES.ptrEndpoint));
      return;
    }
    const list = Array.isArray(known) ? known : [known];
    if (list[0].rule !== RULES.ptrEndpoint || list.some((r) => r.data === ep.fqdn)) return;
    list.push(record(list[0].name, 'PTR', ttl, ep.fqdn, ep.source, RULES.ptrEndpoint));
    if (list.length === 2) reverse.set(ep.ip, list);
  };
  for (const view of services) view.endpoints.forEach(add);
  orphans.forEach(add);
  return reverse;
}

/** The PTR records of a canonical IP, in the order CoreDNS finds them: the index's own array, not to be changed. */
export function ptrRecords(catalog: Catalog, ip: ParsedIp): readonly DnsRecord[] {
  const found = catalog.reverse.get(ip);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}
