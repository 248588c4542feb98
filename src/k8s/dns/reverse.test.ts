// Reverse lookups: reverse.go answers PTRs for clusterIPs and ready endpoint addresses only.
import { cluster, pod, port, service } from '../testing/builders';
import { answer, buildIndex } from './answer';
import { runAnswerCases, type AnswerCase } from './testkit';
import type { DnsRecord } from './types';

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
    name: 'an IP the cluster does not know is NXDOMAIN: the reverse zones are the plugin’s own (was REFUSED)',
    cluster: cluster(web()),
    ask: { name: '99.0.0.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NXDOMAIN',
    explains: 'does not exist (reverse.go)',
  },
  {
    name: 'a Pod IP behind no Service has no PTR: CoreDNS never reverses Pod names (NXDOMAIN)',
    cluster: cluster(pod('p', 'shop', { ip: '10.1.0.50' })),
    ask: { name: '50.0.1.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NXDOMAIN',
    explains: 'no ready endpoint has it',
  },
  {
    name: 'a not-ready endpoint address has no PTR (NXDOMAIN)',
    cluster: cluster(headlessDb(), dbPod('db-1', '10.1.0.2', { ready: false })),
    ask: { name: '2.0.1.10.in-addr.arpa', type: 'PTR' },
    rcode: 'NXDOMAIN',
    explains: 'a not-ready endpoint',
  },
  {
    name: 'an unknown IPv6 address is NXDOMAIN under ip6.arpa, with that zone’s SOA',
    cluster: cluster(web()),
    ask: { name: `b.${'0.'.repeat(29)}d.f.ip6.arpa`, type: 'PTR' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'an A question in a reverse zone is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: '10.0.0.10.in-addr.arpa', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'no type but PTR',
  },
  {
    name: 'an incomplete reverse name is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: '10.in-addr.arpa', type: 'PTR' },
    rcode: 'NXDOMAIN',
    explains: 'not a complete reverse name',
  },
  {
    name: 'the SOA of in-addr.arpa. is answered at its apex',
    cluster: cluster(),
    ask: { name: 'in-addr.arpa', type: 'SOA' },
    rcode: 'NOERROR',
    answer: [
      expect.stringMatching(
        /^in-addr\.arpa\. 5 IN SOA ns\.dns\.in-addr\.arpa\. hostmaster\.in-addr\.arpa\. \d+ 7200 1800 86400 5$/,
      ),
    ],
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

test('a negative answer in a reverse zone carries that zone’s SOA, with the cluster zone’s serial', () => {
  const index = buildIndex(cluster(web()));
  const v4 = answer(index, { name: '99.0.0.10.in-addr.arpa', type: 'PTR' });
  const v6 = answer(index, { name: `b.${'0.'.repeat(29)}d.f.ip6.arpa`, type: 'PTR' });
  const serial = (r: DnsRecord) => r.data.split(' ')[2];
  expect(v4.authority.map((r) => r.name)).toEqual(['in-addr.arpa.']);
  expect(v6.authority.map((r) => r.data.split(' ')[0])).toEqual(['ns.dns.ip6.arpa.']);
  expect(serial(v4.authority[0])).toBe(serial(index.soa()));
});
