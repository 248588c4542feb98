// Reverse lookups: reverse.go answers PTRs for clusterIPs and ready endpoint addresses only.
import { cluster, pod, port, service } from '../testing/builders';
import { runAnswerCases, type AnswerCase } from './testkit';

const web = () => service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('http', 80)] });
const headlessDb = () =>
  service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)] });
const dbPod = (name: string, ip: string, o: Parameters<typeof pod>[2] = {}) =>
  pod(name, 'shop', { labels: { app: 'db' }, ip, ...o });

const cases: AnswerCase[] = [
  {
    name: 'a clusterIP reverses to its Service',
    cluster: cluster(web()),
    ask: { name: '10.0.0.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NOERROR',
    answer: ['10.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.'],
    explains: 'spec §2.3.3',
  },
  {
    name: 'an IPv6 clusterIP reverses through its nibble name',
    cluster: cluster(service('web', 'shop', { clusterIP: 'fd00::a', ports: [port('http', 80)] })),
    ask: { name: `a.${'0.'.repeat(29)}d.f.ip6.arpa`, type: 'PTR' },
    rcode: 'NOERROR',
    answer: [`a.${'0.'.repeat(29)}d.f.ip6.arpa. 5 IN PTR web.shop.svc.cluster.local.`],
  },
  {
    name: 'an IPv4 clusterIP asked as an IPv4-mapped ip6.arpa name is answered at the name asked',
    cluster: cluster(web()),
    ask: { name: `a.0.0.0.0.0.a.0.f.f.f.f.${'0.'.repeat(20)}ip6.arpa`, type: 'PTR' },
    rcode: 'NOERROR',
    answer: [`a.0.0.0.0.0.a.0.f.f.f.f.${'0.'.repeat(20)}ip6.arpa. 5 IN PTR web.shop.svc.cluster.local.`],
  },
  {
    name: 'an endpoint with hostname reverses to its hostname name',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1', { hostname: 'db-0', subdomain: 'db' })),
    ask: { name: '1.0.1.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NOERROR',
    answer: ['1.0.1.10.in-addr.arpa. 5 IN PTR db-0.db.shop.svc.cluster.local.'],
    explains: 'spec §2.4.3',
  },
  {
    name: 'an endpoint without hostname reverses to its dashed-IP name',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1')),
    ask: { name: '1.0.1.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NOERROR',
    answer: ['1.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-1.db.shop.svc.cluster.local.'],
  },
  {
    name: 'an IP the cluster does not know is passed on to the next plugin (REFUSED here)',
    cluster: cluster(web()),
    ask: { name: '99.0.0.10.in-addr.arpa', type: 'PTR' },
    rcode: 'REFUSED',
    explains: 'fallthrough in-addr.arpa ip6.arpa',
  },
  {
    name: 'a Pod IP behind no Service has no PTR: CoreDNS never reverses Pod names',
    cluster: cluster(pod('p', 'shop', { ip: '10.1.0.50' })),
    ask: { name: '50.0.1.10.in-addr.arpa', type: 'PTR' },
    rcode: 'REFUSED',
    explains: 'no ready endpoint has it',
  },
  {
    name: 'a PTR question at a forward name is NODATA',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'PTR' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'PTR records live under in-addr.arpa',
  },
];

describe('reverse lookups', () => runAnswerCases(cases));
