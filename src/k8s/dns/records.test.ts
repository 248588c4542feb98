import type { Cluster } from '../objects';
import { cluster, deepFreeze, endpointSlice, namespace, pod, port, service } from '../testing/builders';
import { answer, buildIndex, recordsFor, type DnsOptionsInput } from '.';
import { expectKorean, lines } from './testkit';

interface RecordCase {
  name: string;
  cluster: Cluster;
  options?: DnsOptionsInput;
  want: string[];
}

const NO_PODS: DnsOptionsInput = { podMode: 'disabled' };
const V6_12 = `2.1.${'0.'.repeat(28)}d.f.ip6.arpa.`; // fd00::12
const V6_A = `a.${'0.'.repeat(29)}d.f.ip6.arpa.`; // fd00::a
const V6_7 = `7.${'0.'.repeat(29)}d.f.ip6.arpa.`; // fd00::7

const cases: RecordCase[] = [
  {
    name: "the notes' example: my-service.my-namespace.svc.cluster.local has an A record, SRV records and a PTR",
    cluster: cluster(service('my-service', 'my-namespace', { clusterIP: '10.96.0.20', ports: [port('http', 80)] })),
    want: [
      'my-service.my-namespace.svc.cluster.local. 5 IN A 10.96.0.20',
      'my-service.my-namespace.svc.cluster.local. 5 IN SRV 0 100 80 my-service.my-namespace.svc.cluster.local.',
      '_http._tcp.my-service.my-namespace.svc.cluster.local. 5 IN SRV 0 100 80 my-service.my-namespace.svc.cluster.local.',
      '20.0.96.10.in-addr.arpa. 5 IN PTR my-service.my-namespace.svc.cluster.local.',
    ],
  },
  {
    name: 'an unnamed port has no _port._proto SRV record (spec §2.3.2) but is in the SRV answer at the Service name (CoreDNS)',
    cluster: cluster(service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('', 80)] })),
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.10',
      'web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '10.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a NodePort Service has a clusterIP too, so it gets the same records as a ClusterIP Service',
    cluster: cluster(
      service('web', 'shop', {
        type: 'NodePort',
        clusterIP: '10.0.0.11',
        ports: [{ name: 'http', port: 80, nodePort: 30080 }],
      }),
    ),
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.11',
      'web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '11.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a LoadBalancer Service answers with its clusterIP, not its external address',
    cluster: cluster(
      service('web', 'shop', {
        type: 'LoadBalancer',
        clusterIP: '10.0.0.14',
        externalIPs: ['203.0.113.7'],
        ports: [port('https', 443)],
      }),
    ),
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.14',
      'web.shop.svc.cluster.local. 5 IN SRV 0 100 443 web.shop.svc.cluster.local.',
      '_https._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 443 web.shop.svc.cluster.local.',
      '14.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a dual-stack Service has an A and an AAAA record; its SRV weight is 100 split over both addresses',
    cluster: cluster(
      service('web', 'shop', {
        clusterIP: '10.0.0.12',
        clusterIPs: ['10.0.0.12', 'fd00::12'],
        ipFamilyPolicy: 'RequireDualStack',
        ports: [port('http', 80)],
      }),
    ),
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.12',
      'web.shop.svc.cluster.local. 5 IN AAAA fd00::12',
      'web.shop.svc.cluster.local. 5 IN SRV 0 50 80 web.shop.svc.cluster.local.',
      '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 50 80 web.shop.svc.cluster.local.',
      '12.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
      `${V6_12} 5 IN PTR web.shop.svc.cluster.local.`,
    ],
  },
  {
    name: 'an IPv6 Service has an AAAA record and a PTR in nibble form under ip6.arpa',
    cluster: cluster(service('web', 'shop', { clusterIP: 'fd00::a', ports: [port('http', 80)] })),
    want: [
      'web.shop.svc.cluster.local. 5 IN AAAA fd00::a',
      'web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      `${V6_A} 5 IN PTR web.shop.svc.cluster.local.`,
    ],
  },
  {
    name: 'each named port has its own SRV name, with the protocol in lower case; the bare name lists every port',
    cluster: cluster(
      service('web', 'shop', {
        clusterIP: '10.0.0.13',
        ports: [port('http', 80), port('https', 443), port('dns', 53, 53, 'UDP')],
      }),
    ),
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.13',
      'web.shop.svc.cluster.local. 5 IN SRV 0 33 443 web.shop.svc.cluster.local.',
      'web.shop.svc.cluster.local. 5 IN SRV 0 33 53 web.shop.svc.cluster.local.',
      'web.shop.svc.cluster.local. 5 IN SRV 0 33 80 web.shop.svc.cluster.local.',
      '_dns._udp.web.shop.svc.cluster.local. 5 IN SRV 0 100 53 web.shop.svc.cluster.local.',
      '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '_https._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 443 web.shop.svc.cluster.local.',
      '13.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a Service given without a clusterIP has no records, since the kernel’s lookup does not allocate IPs',
    cluster: cluster(service('web', 'shop', { ports: [port('http', 80)] })),
    want: [],
  },
  {
    name: 'an ExternalName Service is a single CNAME',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    want: ['db.shop.svc.cluster.local. 5 IN CNAME db.example.org.'],
  },
  {
    name: 'an ExternalName written with a trailing dot is the same CNAME',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org.' })),
    want: ['db.shop.svc.cluster.local. 5 IN CNAME db.example.org.'],
  },
  {
    name: 'an ExternalName that parses as an IP address gets no record in CoreDNS',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: '192.0.2.10' })),
    want: [],
  },
  {
    name: 'a headless Service with a selector has an A record per ready Pod, and each Pod an endpoint name and a PTR',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)] }),
      pod('db-a', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1' }),
      pod('db-b', 'shop', { labels: { app: 'db' }, ip: '10.1.0.2' }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.2',
      'db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-1.db.shop.svc.cluster.local.',
      'db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-2.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-1.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-2.db.shop.svc.cluster.local.',
      '10-1-0-1.db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      '10-1-0-2.db.shop.svc.cluster.local. 5 IN A 10.1.0.2',
      '1.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-1.db.shop.svc.cluster.local.',
      '2.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-2.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: "the notes' example: a Pod with hostname and subdomain is hostname.subdomain.my-namespace.svc.cluster.local (svc, not pod)",
    cluster: cluster(
      service('subdomain', 'my-namespace', { clusterIP: 'None', selector: { app: 'x' } }),
      pod('some-pod', 'my-namespace', {
        labels: { app: 'x' },
        ip: '172.16.10.112',
        hostname: 'hostname',
        subdomain: 'subdomain',
      }),
    ),
    options: NO_PODS,
    want: [
      'subdomain.my-namespace.svc.cluster.local. 5 IN A 172.16.10.112',
      'hostname.subdomain.my-namespace.svc.cluster.local. 5 IN A 172.16.10.112',
      '112.10.16.172.in-addr.arpa. 5 IN PTR hostname.subdomain.my-namespace.svc.cluster.local.',
    ],
  },
  {
    name: 'a Pod without hostname gets no name of its own, only its IP with dashes',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.3' }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.3',
      '10-1-0-3.db.shop.svc.cluster.local. 5 IN A 10.1.0.3',
      '3.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-3.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: "a Pod's hostname is used only when its subdomain names the Service",
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.4', hostname: 'db-0', subdomain: 'other' }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.4',
      '10-1-0-4.db.shop.svc.cluster.local. 5 IN A 10.1.0.4',
      '4.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-4.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a Pod that is not ready is left out of a headless Service',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }),
      pod('db-a', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1' }),
      pod('db-b', 'shop', { labels: { app: 'db' }, ip: '10.1.0.2', ready: false }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      '10-1-0-1.db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      '1.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-1.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'publishNotReadyAddresses publishes Pods that are not ready (the EndpointSlice controller marks them ready)',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, publishNotReadyAddresses: true }),
      pod('db-a', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1' }),
      pod('db-b', 'shop', { labels: { app: 'db' }, ip: '10.1.0.2', ready: false }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.2',
      '10-1-0-1.db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      '10-1-0-2.db.shop.svc.cluster.local. 5 IN A 10.1.0.2',
      '1.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-1.db.shop.svc.cluster.local.',
      '2.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-2.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a headless Service without a selector answers from the EndpointSlices given for it, hostnames included',
    cluster: cluster(
      service('ext-db', 'shop', { clusterIP: 'None', ports: [port('pg', 5432)] }),
      endpointSlice('ext-db-1', 'shop', {
        service: 'ext-db',
        endpoints: [
          { addresses: ['192.0.2.1'], hostname: 'primary', conditions: { ready: true } },
          { addresses: ['192.0.2.2'], conditions: {} },
        ],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      }),
    ),
    want: [
      'ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.1',
      'ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.2',
      'ext-db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 192-0-2-2.ext-db.shop.svc.cluster.local.',
      'ext-db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 primary.ext-db.shop.svc.cluster.local.',
      '_pg._tcp.ext-db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 192-0-2-2.ext-db.shop.svc.cluster.local.',
      '_pg._tcp.ext-db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 primary.ext-db.shop.svc.cluster.local.',
      '192-0-2-2.ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.2',
      'primary.ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.1',
      '1.2.0.192.in-addr.arpa. 5 IN PTR primary.ext-db.shop.svc.cluster.local.',
      '2.2.0.192.in-addr.arpa. 5 IN PTR 192-0-2-2.ext-db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a headless Service without a selector and without EndpointSlices has no records at all',
    cluster: cluster(service('ext-db', 'shop', { clusterIP: 'None', ports: [port('pg', 5432)] })),
    want: [],
  },
  {
    name: 'endpoints marked ready: false, terminating ones included, are not published',
    cluster: cluster(
      service('ext-db', 'shop', { clusterIP: 'None' }),
      endpointSlice('ext-db-1', 'shop', {
        service: 'ext-db',
        endpoints: [
          { addresses: ['192.0.2.5'], conditions: { ready: false, serving: true, terminating: true } },
          { addresses: ['192.0.2.6'], conditions: { ready: false } },
          { addresses: ['192.0.2.7'], conditions: { ready: true } },
        ],
      }),
    ),
    want: [
      'ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.7',
      '192-0-2-7.ext-db.shop.svc.cluster.local. 5 IN A 192.0.2.7',
      '7.2.0.192.in-addr.arpa. 5 IN PTR 192-0-2-7.ext-db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a dual-stack headless Service has A and AAAA records for its Pods, with IPv6 endpoint names spelled with dashes',
    cluster: cluster(
      service('db', 'shop', {
        clusterIP: 'None',
        ipFamilyPolicy: 'RequireDualStack',
        selector: { app: 'db' },
        ports: [port('pg', 5432)],
      }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: ['10.1.0.7', 'fd00::7'] }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.7',
      'db.shop.svc.cluster.local. 5 IN AAAA fd00::7',
      'db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-7.db.shop.svc.cluster.local.',
      'db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 fd00--7.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 10-1-0-7.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 fd00--7.db.shop.svc.cluster.local.',
      '10-1-0-7.db.shop.svc.cluster.local. 5 IN A 10.1.0.7',
      'fd00--7.db.shop.svc.cluster.local. 5 IN AAAA fd00::7',
      '7.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-7.db.shop.svc.cluster.local.',
      `${V6_7} 5 IN PTR fd00--7.db.shop.svc.cluster.local.`,
    ],
  },
  {
    name: 'a headless Service with an unnamed port has SRV records at its name only',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('', 5432)] }),
      pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.8' }),
    ),
    options: NO_PODS,
    want: [
      'db.shop.svc.cluster.local. 5 IN A 10.1.0.8',
      'db.shop.svc.cluster.local. 5 IN SRV 0 100 5432 10-1-0-8.db.shop.svc.cluster.local.',
      '10-1-0-8.db.shop.svc.cluster.local. 5 IN A 10.1.0.8',
      '8.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-8.db.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'endpoints of a ClusterIP Service get endpoint names and PTRs too (CoreDNS goes beyond the spec here)',
    cluster: cluster(
      service('web', 'shop', { clusterIP: '10.0.0.10', selector: { app: 'web' }, ports: [port('http', 80)] }),
      pod('web-0', 'shop', { labels: { app: 'web' }, ip: '10.1.0.9' }),
    ),
    options: NO_PODS,
    want: [
      'web.shop.svc.cluster.local. 5 IN A 10.0.0.10',
      'web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '10-1-0-9.web.shop.svc.cluster.local. 5 IN A 10.1.0.9',
      '10.0.0.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.',
      '9.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-9.web.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'pods insecure (the default): every Pod IP has a name under <namespace>.pod.<zone>, IPv6 with dashes',
    cluster: cluster(namespace('shop'), pod('p1', 'shop', { ip: ['10.1.0.20', 'fd00::20'] })),
    want: ['10-1-0-20.shop.pod.cluster.local. 5 IN A 10.1.0.20', 'fd00--20.shop.pod.cluster.local. 5 IN AAAA fd00::20'],
  },
  {
    name: 'pods verified: only the status.podIP of Pending and Running Pods',
    cluster: cluster(
      pod('p1', 'shop', { ip: ['10.1.0.21', 'fd00::21'] }),
      pod('p2', 'shop', { ip: '10.1.0.22', phase: 'Succeeded' }),
      pod('p3', 'shop', { ip: '10.1.0.23', phase: 'Pending' }),
    ),
    options: { podMode: 'verified' },
    want: ['10-1-0-21.shop.pod.cluster.local. 5 IN A 10.1.0.21', '10-1-0-23.shop.pod.cluster.local. 5 IN A 10.1.0.23'],
  },
  {
    name: "Pods sharing one IP (hostNetwork Pods have their Node's) share one Pod name per namespace",
    cluster: cluster(
      pod('a', 'shop', { ip: '10.1.0.30', spec: { hostNetwork: true } }),
      pod('b', 'shop', { ip: '10.1.0.30', spec: { hostNetwork: true } }),
      pod('c', 'other', { ip: '10.1.0.30', spec: { hostNetwork: true } }),
    ),
    want: ['10-1-0-30.other.pod.cluster.local. 5 IN A 10.1.0.30', '10-1-0-30.shop.pod.cluster.local. 5 IN A 10.1.0.30'],
  },
  {
    name: 'pods disabled: no Pod names at all',
    cluster: cluster(pod('p1', 'shop', { ip: '10.1.0.24' })),
    options: NO_PODS,
    want: [],
  },
  {
    name: 'the cluster domain and the TTL come from the options; dns-version keeps its own TTL',
    cluster: cluster(service('web', 'shop', { clusterIP: '10.0.0.15', ports: [port('', 80)] })),
    options: { clusterDomain: 'Corp.Example.', ttl: 30 },
    want: [
      'web.shop.svc.corp.example. 30 IN A 10.0.0.15',
      'web.shop.svc.corp.example. 30 IN SRV 0 100 80 web.shop.svc.corp.example.',
      '15.0.0.10.in-addr.arpa. 30 IN PTR web.shop.svc.corp.example.',
    ],
  },
  {
    name: 'two Services claiming one clusterIP: the PTR names the first one, as CoreDNS stops at the first match',
    cluster: cluster(
      service('a', 'shop', { clusterIP: '10.0.0.16', ports: [port('', 80)] }),
      service('b', 'shop', { clusterIP: '10.0.0.16', ports: [port('', 80)] }),
    ),
    want: [
      'a.shop.svc.cluster.local. 5 IN A 10.0.0.16',
      'a.shop.svc.cluster.local. 5 IN SRV 0 100 80 a.shop.svc.cluster.local.',
      'b.shop.svc.cluster.local. 5 IN A 10.0.0.16',
      'b.shop.svc.cluster.local. 5 IN SRV 0 100 80 b.shop.svc.cluster.local.',
      '16.0.0.10.in-addr.arpa. 5 IN PTR a.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'a Pod behind two headless Services has one PTR per Service',
    cluster: cluster(
      service('a', 'shop', { clusterIP: 'None', selector: { app: 'x' } }),
      service('b', 'shop', { clusterIP: 'None', selector: { app: 'x' } }),
      pod('x-0', 'shop', { labels: { app: 'x' }, ip: '10.1.0.30' }),
    ),
    options: NO_PODS,
    want: [
      'a.shop.svc.cluster.local. 5 IN A 10.1.0.30',
      '10-1-0-30.a.shop.svc.cluster.local. 5 IN A 10.1.0.30',
      'b.shop.svc.cluster.local. 5 IN A 10.1.0.30',
      '10-1-0-30.b.shop.svc.cluster.local. 5 IN A 10.1.0.30',
      '30.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-30.a.shop.svc.cluster.local.',
      '30.0.1.10.in-addr.arpa. 5 IN PTR 10-1-0-30.b.shop.svc.cluster.local.',
    ],
  },
  {
    name: 'an EndpointSlice whose Service is missing still gets PTRs, since CoreDNS indexes slices on their own',
    cluster: cluster(
      endpointSlice('gone-1', 'shop', {
        service: 'gone',
        endpoints: [{ addresses: ['192.0.2.9'], conditions: { ready: true } }],
      }),
    ),
    want: ['9.2.0.192.in-addr.arpa. 5 IN PTR 192-0-2-9.gone.shop.svc.cluster.local.'],
  },
  {
    name: 'two endpoints with one hostname share a name with two A records and one SRV target',
    cluster: cluster(
      service('db', 'shop', { clusterIP: 'None', ports: [port('pg', 5432)] }),
      endpointSlice('db-1', 'shop', {
        service: 'db',
        endpoints: [
          { addresses: ['192.0.2.4'], hostname: 'dup', conditions: {} },
          { addresses: ['192.0.2.5'], hostname: 'dup', conditions: {} },
        ],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      }),
    ),
    want: [
      'db.shop.svc.cluster.local. 5 IN A 192.0.2.4',
      'db.shop.svc.cluster.local. 5 IN A 192.0.2.5',
      'db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 dup.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 dup.db.shop.svc.cluster.local.',
      'dup.db.shop.svc.cluster.local. 5 IN A 192.0.2.4',
      'dup.db.shop.svc.cluster.local. 5 IN A 192.0.2.5',
      '4.2.0.192.in-addr.arpa. 5 IN PTR dup.db.shop.svc.cluster.local.',
      '5.2.0.192.in-addr.arpa. 5 IN PTR dup.db.shop.svc.cluster.local.',
    ],
  },
];

describe('recordsFor', () => {
  for (const c of cases) {
    test(c.name, () => {
      expect(lines(recordsFor(deepFreeze(c.cluster), c.options))).toEqual([...c.want].sort());
    });
  }
});

describe('the zone records', () => {
  test('an empty cluster still has its SOA, its NS and the dns-version TXT record', () => {
    const got = lines(recordsFor(deepFreeze(cluster())), true);
    expect(got).toEqual([
      'cluster.local. 5 IN NS ns.dns.cluster.local.',
      expect.stringMatching(
        /^cluster\.local\. 5 IN SOA ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 5$/,
      ),
      'dns-version.cluster.local. 28800 IN TXT "1.1.0"',
    ]);
  });

  test('with a kube-system/kube-dns Service the NS names it and ns.dns.<zone> answers its clusterIP', () => {
    const got = lines(
      recordsFor(
        deepFreeze(
          cluster(service('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', ports: [port('dns', 53, 53, 'UDP')] })),
        ),
      ),
      true,
    );
    expect(got).toContain('cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.');
    expect(got).toContain('ns.dns.cluster.local. 5 IN A 10.96.0.10');
    expect(got).toContain('kube-dns.kube-system.svc.cluster.local. 5 IN A 10.96.0.10');
  });

  test('the SOA TTL is capped at 300 while its minimum follows the ttl option', () => {
    const soa = recordsFor(cluster(), { ttl: 3600 }).find((r) => r.type === 'SOA')!;
    expect(soa.ttl).toBe(300);
    expect(soa.data).toMatch(/ 7200 1800 86400 3600$/);
  });

  test('the SOA serial is the same for the same input and changes when a record changes', () => {
    const serial = (c: Cluster) =>
      recordsFor(c)
        .find((r) => r.type === 'SOA')!
        .data.split(' ')[2];
    const a = cluster(service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('', 80)] }));
    const b = cluster(service('web', 'shop', { clusterIP: '10.0.0.11', ports: [port('', 80)] }));
    expect(serial(a)).toBe(serial(cluster(service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('', 80)] }))));
    expect(serial(a)).not.toBe(serial(b));
  });

  test('the SOA serial changes with every part of the input the records are built from', () => {
    const serial = (c: Cluster, options?: DnsOptionsInput) =>
      recordsFor(c, options)
        .find((r) => r.type === 'SOA')!
        .data.split(' ')[2];
    const db = (o: { ip?: string; hostname?: string; portName?: string; extra?: Parameters<typeof cluster> } = {}) =>
      cluster(
        service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port(o.portName ?? 'pg', 5432)] }),
        pod('db-0', 'shop', {
          labels: { app: 'db' },
          ip: o.ip ?? '10.1.0.3',
          hostname: o.hostname ?? 'db-0',
          subdomain: 'db',
        }),
        ...(o.extra ?? []),
      );
    const base = serial(db());
    const variants = [
      serial(db({ ip: '10.1.0.4' })),
      serial(db({ hostname: 'db-1' })),
      serial(db({ portName: 'sql' })),
      serial(db({ extra: [pod('other', 'shop', { ip: '10.1.0.9' })] })),
      serial(
        db({
          extra: [endpointSlice('orphan-x', 'shop', { service: 'gone', endpoints: [{ addresses: ['10.1.0.8'] }] })],
        }),
      ),
      serial(db(), { ttl: 30 }),
      serial(db(), { podMode: 'disabled' }),
      serial(db(), { clusterDomain: 'example.internal' }),
    ];
    for (const v of variants) expect(v).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  test('an index answers with the SOA that recordsFor lists', () => {
    const c = cluster(
      service('web', 'shop', { clusterIP: '10.0.0.10', selector: { app: 'web' }, ports: [port('http', 80, 8080)] }),
      pod('web-0', 'shop', { labels: { app: 'web' }, ip: '10.1.0.1' }),
    );
    const soa = recordsFor(c).find((r) => r.type === 'SOA');
    expect(answer(buildIndex(c), { name: 'nope.shop.svc.cluster.local', type: 'A' }).authority).toEqual([soa]);
  });
});

describe('record provenance', () => {
  const records = recordsFor(
    deepFreeze(
      cluster(
        service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)] }),
        service('web', 'shop', {
          clusterIP: '10.0.0.10',
          clusterIPs: ['10.0.0.10', 'fd00::10'],
          ipFamilyPolicy: 'PreferDualStack',
          ports: [port('http', 80)],
        }),
        pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1', hostname: 'db-0', subdomain: 'db' }),
      ),
    ),
  );
  const find = (name: string, type: string) => records.find((r) => r.name === name && r.type === type)!;

  test('a clusterIP record names the Service field it comes from and quotes the spec', () => {
    const aaaa = find('web.shop.svc.cluster.local.', 'AAAA');
    expect(aaaa.source).toEqual({ kind: 'Service', namespace: 'shop', name: 'web', path: 'spec.clusterIPs[1]' });
    expect(aaaa.rule.en).toContain('spec §2.3.1');
  });

  test('an endpoint record names its EndpointSlice, the address in it and the Pod behind it', () => {
    const a = find('db-0.db.shop.svc.cluster.local.', 'A');
    expect(a.source).toMatchObject({
      kind: 'EndpointSlice',
      namespace: 'shop',
      path: 'endpoints[0].addresses[0]',
      targetRef: { kind: 'Pod', namespace: 'shop', name: 'db-0' },
    });
    expect(a.rule.en).toContain('spec.subdomain names the Service');
  });

  test('a Pod record names the Pod and the IP field', () => {
    expect(find('10-1-0-1.shop.pod.cluster.local.', 'A').source).toEqual({
      kind: 'Pod',
      namespace: 'shop',
      name: 'db-0',
      path: 'status.podIPs[0]',
    });
  });

  test("an endpoint's targetRef keeps the Pod's uid when the Pod has one", () => {
    const withUid = recordsFor(
      cluster(
        service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)] }),
        pod('db-0', 'shop', { labels: { app: 'db' }, ip: '10.1.0.1', uid: 'a1b2c3' }),
      ),
    );
    const a = withUid.find((r) => r.name === '10-1-0-1.db.shop.svc.cluster.local.' && r.type === 'A')!;
    expect(a.source.targetRef).toEqual({ kind: 'Pod', namespace: 'shop', name: 'db-0', uid: 'a1b2c3' });
  });

  test("a one-port headless Service's SRV records at its port name quote the named-port rule, at its own name the bare one", () => {
    const named = find('_pg._tcp.db.shop.svc.cluster.local.', 'SRV');
    const bare = find('db.shop.svc.cluster.local.', 'SRV');
    expect(named.data).toBe(bare.data);
    expect(named.rule.en).toContain('spec §2.4.2');
    expect(bare.rule.en).toContain('the spec defines no SRV record there');
  });

  test('SRV records carry their fields apart from the data', () => {
    expect(find('_pg._tcp.db.shop.svc.cluster.local.', 'SRV').srv).toEqual({
      priority: 0,
      weight: 100,
      port: 5432,
      target: 'db-0.db.shop.svc.cluster.local.',
    });
  });

  test('every record has class IN, a lower-case absolute name and a rule', () => {
    for (const r of records) {
      expect(r.class).toBe('IN');
      expect(r.name).toMatch(/^[a-z0-9_.-]+\.$/);
      expect(r.rule.en.length).toBeGreaterThan(20);
    }
    expectKorean(records.map((r) => r.rule));
  });
});
