// Reverse zones as CoreDNS's reverse.go serves them with the Corefile line
// `kubernetes cluster.local in-addr.arpa ip6.arpa` and no `fallthrough` for the reverse zones: the
// plugin owns in-addr.arpa. and ip6.arpa. and answers every question there itself. (kubeadm's Corefile
// adds `fallthrough in-addr.arpa ip6.arpa`, which hands the name errors below to the next plugin;
// docs/dns.md says where that changes an answer.)
import { ipFromReverseName, reverseName } from './names';
import type { Catalog, DnsIndex, EndpointView, Reply, ReverseIndex, ServiceView } from './model';
import type { Question } from './query';
import { record } from './rrset';
import { RULES } from './rules';
import type { DnsRecord } from './types';

/** reverse.go: PTRs for clusterIPs and ready endpoint addresses; any other name in the zone is a name error. */
export function reverseReply(index: DnsIndex, q: Question, zone: string, steps: string[]): Reply {
  steps.push(`${q.name} is in ${zone}, a reverse zone served by CoreDNS's kubernetes plugin.`);
  if (q.name === zone) {
    // parse.go reads the apex as the zone itself: it exists, and only SOA has a record there.
    steps.push(`${zone} is the apex of the reverse zone: it exists, with only its SOA record.`);
    return q.type === 'SOA' ? { rcode: 'NOERROR', answer: [index.soa(zone)] } : { rcode: 'NOERROR' };
  }
  if (q.type === 'SOA') {
    steps.push(
      'CoreDNS answers SOA only at the zone apex; below it the answer is NOERROR with no records (handler.go).',
    );
    return { rcode: 'NOERROR' };
  }
  const ip = q.type === 'PTR' ? ipFromReverseName(q.name) : undefined;
  const found = ip ? ptrRecords(index.catalog, ip.text) : [];
  // CoreDNS answers at the name asked. That is the index's canonical reverse name, except for an
  // IPv4-mapped address asked under ip6.arpa, which the index keeps under in-addr.arpa. The answer
  // is a new array, so the index stays as it is whatever a caller does with it.
  const answer = found.map((r) => (r.name === q.name ? r : { ...r, name: q.name }));
  if (ip && answer.length) {
    steps.push(
      answer[0].rule === RULES.ptrService
        ? `${ip.text} is a clusterIP. ${RULES.ptrService}.`
        : `${ip.text} is a ready endpoint address of ${answer.length} Service${answer.length === 1 ? '' : 's'}. ${RULES.ptrEndpoint}.`,
    );
    return { rcode: 'NOERROR', answer };
  }
  steps.push(
    q.type !== 'PTR'
      ? `The kubernetes plugin has records of no type but PTR below a reverse zone's apex; Records() calls a reverse name a name error (kubernetes.go), so the answer is NXDOMAIN.`
      : ip
        ? `No Service has ${ip.text} as a clusterIP and no ready endpoint has it as an address (a not-ready endpoint, or a Pod IP behind no Service, has no PTR), so the name does not exist (reverse.go).`
        : 'The name is not a complete reverse name (4 octets under in-addr.arpa., 32 nibbles under ip6.arpa.), so it does not exist.',
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
  const reverse: ReverseIndex = new Map();
  for (const view of services) {
    for (const { ip, path } of view.clusterIPs) {
      if (!reverse.has(ip.text))
        reverse.set(
          ip.text,
          record(reverseName(ip), 'PTR', ttl, view.fqdn, { ...view.source, path }, RULES.ptrService),
        );
    }
  }
  const add = (ep: EndpointView) => {
    const known = reverse.get(ep.ip.text);
    if (known === undefined) {
      reverse.set(ep.ip.text, record(reverseName(ep.ip), 'PTR', ttl, ep.fqdn, ep.source, RULES.ptrEndpoint));
      return;
    }
    const list = Array.isArray(known) ? known : [known];
    if (list[0].rule !== RULES.ptrEndpoint || list.some((r) => r.data === ep.fqdn)) return;
    list.push(record(list[0].name, 'PTR', ttl, ep.fqdn, ep.source, RULES.ptrEndpoint));
    if (list.length === 2) reverse.set(ep.ip.text, list);
  };
  for (const view of services) view.endpoints.forEach(add);
  orphans.forEach(add);
  return reverse;
}

/** The PTR records of a canonical IP, in the order CoreDNS finds them: the index's own array, not to be changed. */
export function ptrRecords(catalog: Catalog, ip: string): readonly DnsRecord[] {
  const found = catalog.reverse.get(ip);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}
