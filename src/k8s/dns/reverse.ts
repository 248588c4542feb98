// Reverse zones as CoreDNS's reverse.go serves them under kubeadm's Corefile
// (`kubernetes cluster.local in-addr.arpa ip6.arpa { fallthrough in-addr.arpa ip6.arpa }`).
import type { DnsIndex, Reply } from './answer';
import { ipFromReverseName } from './names';
import type { Question } from './query';
import { ptrRecords } from './catalog';
import { RULES } from './rules';

/** reverse.go: PTRs for clusterIPs and ready endpoint addresses; anything else falls through. */
export function reverseReply(index: DnsIndex, q: Question, steps: string[]): Reply {
  steps.push(
    `${q.name} is in a reverse zone that kubeadm's Corefile gives the kubernetes plugin, with \`fallthrough in-addr.arpa ip6.arpa\`.`,
  );
  const ip = q.type === 'PTR' ? ipFromReverseName(q.name) : undefined;
  const answer = ip ? ptrRecords(index.catalog, ip.text) : [];
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
      ? `The kubernetes plugin answers only PTR questions in reverse zones; a ${q.type} question is a name error there.`
      : ip
        ? `No Service has ${ip.text} as a clusterIP and no ready endpoint has it as an address.`
        : 'The name is not a complete reverse name (4 octets under in-addr.arpa., 32 nibbles under ip6.arpa.).',
  );
  steps.push(
    'With `fallthrough in-addr.arpa ip6.arpa` CoreDNS passes the question to the next plugin (forward, to the upstream resolvers) instead of answering NXDOMAIN; kubeknow does not model upstream DNS, so it answers REFUSED.',
  );
  return { rcode: 'REFUSED', authoritative: false };
}
