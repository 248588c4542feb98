import { KubeknowError } from '../../errors';
import { cluster, endpointSlice, namespace, pod, port, service } from '../testing/builders';
import { answer, buildIndex } from '.';
import { runAnswerCases, type AnswerCase } from './testkit';

const web = (ns = 'shop') => service('web', ns, { clusterIP: '10.0.0.10', ports: [port('http', 80)] });
const headlessDb = (o: Record<string, unknown> = {}) =>
  service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' }, ports: [port('pg', 5432)], ...o });
const dbPod = (name: string, ip: string | string[], o: Parameters<typeof pod>[2] = {}) =>
  pod(name, 'shop', { labels: { app: 'db' }, ip, ...o });
const WEB_A = 'web.shop.svc.cluster.local. 5 IN A 10.0.0.10';

const cases: AnswerCase[] = [
  // The notes' examples.
  {
    name: "the notes' my-service.my-namespace.svc.cluster.local answers the Service's clusterIP",
    cluster: cluster(service('my-service', 'my-namespace', { clusterIP: '10.96.0.20', ports: [port('http', 80)] })),
    ask: { name: 'my-service.my-namespace.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['my-service.my-namespace.svc.cluster.local. 5 IN A 10.96.0.20'],
    explains: 'spec §2.3.1',
  },
  {
    name: "the notes' 172-16-10-112.my-namespace.pod.cluster.local answers the IP it spells (pods insecure)",
    cluster: cluster(namespace('my-namespace')),
    ask: { name: '172-16-10-112.my-namespace.pod.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['172-16-10-112.my-namespace.pod.cluster.local. 5 IN A 172.16.10.112'],
    explains: 'without checking that a Pod has that IP',
  },
  {
    name: "the notes' hostname.subdomain.my-namespace.svc.cluster.local answers the Pod's IP",
    cluster: cluster(
      service('subdomain', 'my-namespace', { clusterIP: 'None', selector: { app: 'x' } }),
      pod('some-pod', 'my-namespace', {
        labels: { app: 'x' },
        ip: '172.16.10.112',
        hostname: 'hostname',
        subdomain: 'subdomain',
      }),
    ),
    ask: { name: 'hostname.subdomain.my-namespace.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['hostname.subdomain.my-namespace.svc.cluster.local. 5 IN A 172.16.10.112'],
    explains: 'spec §2.4.1',
  },
  {
    name: "a headless Service answers with its Pods' IPs, not a Service IP",
    cluster: cluster(headlessDb(), dbPod('db-a', '10.1.0.1'), dbPod('db-b', '10.1.0.2')),
    ask: { name: 'db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['db.shop.svc.cluster.local. 5 IN A 10.1.0.1', 'db.shop.svc.cluster.local. 5 IN A 10.1.0.2'],
    explains: 'headless (clusterIP: None)',
  },
  {
    name: 'a Pod without hostname and subdomain has no A record by its name',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1')),
    ask: { name: 'db-0.db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'none of its ready endpoints is named "db-0"',
  },
  // Spelling of the question.
  {
    name: 'the trailing dot is optional',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local.', type: 'A' },
    rcode: 'NOERROR',
    answer: [WEB_A],
  },
  {
    name: 'names compare without case, and the answer is spelled in lower case',
    cluster: cluster(web()),
    ask: { name: 'WEB.Shop.SVC.Cluster.LOCAL', type: 'A' },
    rcode: 'NOERROR',
    answer: [WEB_A],
  },
  {
    name: 'the type is case-insensitive',
    cluster: cluster(web()),
    ask: { name: '_http._tcp.web.shop.svc.cluster.local', type: 'srv' },
    rcode: 'NOERROR',
    answer: ['_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.'],
    additional: [WEB_A],
  },
  {
    name: 'the type defaults to A',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local' },
    rcode: 'NOERROR',
    answer: [WEB_A],
  },
  // NXDOMAIN against NODATA.
  {
    name: 'an existing name without records of the type is NOERROR with an empty answer (NODATA)',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'AAAA' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'NODATA',
  },
  {
    name: 'a Service that does not exist is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: 'nope.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'There is no Service "nope" in namespace "shop"',
  },
  {
    name: 'a namespace that does not exist is NXDOMAIN, even for a name that exists elsewhere',
    cluster: cluster(web()),
    ask: { name: 'web.nowhere.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'Namespace "nowhere" does not exist in the input',
  },
  {
    name: 'a namespace name exists but holds no records',
    cluster: cluster(web()),
    ask: { name: 'shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'names only the namespace',
  },
  {
    name: 'a namespace exists when any object lives in it, without a Namespace object',
    cluster: cluster(pod('lonely', 'quiet', { ip: '10.1.9.9' })),
    ask: { name: 'quiet.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'Pod quiet/lonely lives in it',
  },
  {
    name: 'svc.<zone> exists and is empty',
    cluster: cluster(web()),
    ask: { name: 'svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
  },
  {
    name: 'the zone apex exists and has no A record',
    cluster: cluster(web()),
    ask: { name: 'cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
  },
  {
    name: 'a label other than svc or pod under the zone is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: 'foo.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'neither "svc" nor "pod"',
  },
  {
    name: 'a name with too many labels is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: 'a.b.c.web.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'at most 5',
  },
  {
    name: 'wildcard queries are gone from CoreDNS: * is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: '*.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'removed wildcard queries',
  },
  {
    name: '"any" is an ordinary label now, and names a Service called any',
    cluster: cluster(service('any', 'shop', { clusterIP: '10.0.0.99', ports: [port('', 80)] })),
    ask: { name: 'any.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['any.shop.svc.cluster.local. 5 IN A 10.0.0.99'],
  },
  // SRV.
  {
    name: 'an SRV question at the bare Service name lists its ports, unnamed ones included',
    cluster: cluster(service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('', 80)] })),
    ask: { name: 'web.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.'],
    additional: [WEB_A],
  },
  {
    name: 'an unnamed port has no _port._proto name',
    cluster: cluster(service('web', 'shop', { clusterIP: '10.0.0.10', ports: [port('', 80)] })),
    ask: { name: '_http._tcp.web.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NXDOMAIN',
    explains: 'has no port named "http"',
  },
  {
    name: 'the protocol label must match the port protocol',
    cluster: cluster(web()),
    ask: { name: '_http._udp.web.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NXDOMAIN',
    explains: 'protocol "UDP"',
  },
  {
    name: 'CoreDNS accepts port and protocol labels without underscores',
    cluster: cluster(web()),
    ask: { name: 'http.tcp.web.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['http.tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.'],
    additional: [WEB_A],
  },
  {
    name: 'an A question at an SRV name answers the addresses behind the port',
    cluster: cluster(web()),
    ask: { name: '_http._tcp.web.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['_http._tcp.web.shop.svc.cluster.local. 5 IN A 10.0.0.10'],
    explains: 'the spec defines only SRV records there',
  },
  {
    name: 'a dual-stack SRV answer splits the weight over both addresses and carries both in additional',
    cluster: cluster(
      service('web', 'shop', {
        clusterIP: '10.0.0.12',
        clusterIPs: ['10.0.0.12', 'fd00::12'],
        ipFamilyPolicy: 'RequireDualStack',
        ports: [port('http', 80)],
      }),
    ),
    ask: { name: '_http._tcp.web.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 50 80 web.shop.svc.cluster.local.'],
    additional: ['web.shop.svc.cluster.local. 5 IN A 10.0.0.12', 'web.shop.svc.cluster.local. 5 IN AAAA fd00::12'],
  },
  {
    name: 'a headless SRV answer has one record per endpoint, weight 100/n, targets resolved in additional',
    cluster: cluster(headlessDb(), dbPod('db-a', '10.1.0.1'), dbPod('db-b', '10.1.0.2'), dbPod('db-c', '10.1.0.3')),
    ask: { name: '_pg._tcp.db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: [
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 10-1-0-1.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 10-1-0-2.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 33 5432 10-1-0-3.db.shop.svc.cluster.local.',
    ],
    additional: [
      '10-1-0-1.db.shop.svc.cluster.local. 5 IN A 10.1.0.1',
      '10-1-0-2.db.shop.svc.cluster.local. 5 IN A 10.1.0.2',
      '10-1-0-3.db.shop.svc.cluster.local. 5 IN A 10.1.0.3',
    ],
    explains: 'spec §2.4.2',
  },
  {
    name: 'endpoints sharing a hostname give one SRV record and two addresses in additional',
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
    ask: { name: '_pg._tcp.db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 50 5432 dup.db.shop.svc.cluster.local.'],
    additional: ['dup.db.shop.svc.cluster.local. 5 IN A 192.0.2.4', 'dup.db.shop.svc.cluster.local. 5 IN A 192.0.2.5'],
  },
  {
    name: 'an SRV question at an endpoint name points at the endpoint itself',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1', { hostname: 'db-0', subdomain: 'db' })),
    ask: { name: 'db-0.db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['db-0.db.shop.svc.cluster.local. 5 IN SRV 0 100 5432 db-0.db.shop.svc.cluster.local.'],
    additional: ['db-0.db.shop.svc.cluster.local. 5 IN A 10.1.0.1'],
  },
  {
    name: 'a headless Service without ports has addresses but no SRV records',
    cluster: cluster(service('db', 'shop', { clusterIP: 'None', selector: { app: 'db' } }), dbPod('db-0', '10.1.0.1')),
    ask: { name: 'db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'without a port',
  },
  {
    name: 'an SRV question at a Pod name answers port 0, as CoreDNS does',
    cluster: cluster(namespace('shop')),
    ask: { name: '10-1-2-3.shop.pod.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: ['10-1-2-3.shop.pod.cluster.local. 5 IN SRV 0 100 0 10-1-2-3.shop.pod.cluster.local.'],
    additional: ['10-1-2-3.shop.pod.cluster.local. 5 IN A 10.1.2.3'],
  },
  // ExternalName.
  {
    name: 'an A question on an ExternalName answers the CNAME; the target is left to upstream DNS',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['db.shop.svc.cluster.local. 5 IN CNAME db.example.org.'],
    explains: 'upstream resolvers',
  },
  {
    name: 'a CNAME question on an ExternalName answers the CNAME',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'CNAME' },
    rcode: 'NOERROR',
    answer: ['db.shop.svc.cluster.local. 5 IN CNAME db.example.org.'],
    explains: 'spec §2.5',
  },
  {
    name: 'an ExternalName pointing inside the cluster is followed: CNAME, then the target address',
    cluster: cluster(
      web(),
      service('alias', 'shop', { type: 'ExternalName', externalName: 'web.shop.svc.cluster.local' }),
    ),
    ask: { name: 'alias.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['alias.shop.svc.cluster.local. 5 IN CNAME web.shop.svc.cluster.local.', WEB_A],
    explains: 'follows the CNAME itself',
  },
  {
    name: 'an ExternalName pointing at a missing name inside the cluster answers nothing, not even the CNAME',
    cluster: cluster(service('alias', 'shop', { type: 'ExternalName', externalName: 'gone.shop.svc.cluster.local' })),
    ask: { name: 'alias.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'leaves the CNAME out',
  },
  {
    name: 'an ExternalName has no SRV records',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'ExternalName Service has no SRV records',
  },
  {
    name: 'an SRV question with port and protocol labels under an ExternalName is NXDOMAIN (was NOERROR)',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: '_http._tcp.db.shop.svc.cluster.local', type: 'SRV' },
    rcode: 'NXDOMAIN',
    explains: 'no name with port or protocol labels',
  },
  {
    name: 'an A question at port and protocol labels under an ExternalName is NXDOMAIN, not the CNAME',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: '_http._tcp.db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'a CNAME question with port labels without underscores under an ExternalName is NXDOMAIN',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: 'http.tcp.db.shop.svc.cluster.local', type: 'CNAME' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'no name exists below an ExternalName',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.org' })),
    ask: { name: 'x.db.shop.svc.cluster.local', type: 'CNAME' },
    rcode: 'NXDOMAIN',
    explains: 'has no endpoints',
  },
  {
    name: 'an ExternalName holding an IP address is NXDOMAIN in CoreDNS',
    cluster: cluster(service('db', 'shop', { type: 'ExternalName', externalName: '192.0.2.10' })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'parses as an IP address',
  },
  {
    name: 'a Service with a clusterIP has no CNAME record',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'CNAME' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'Only ExternalName Services have CNAME records',
  },
  // Endpoints and readiness.
  {
    name: 'a headless Service with no ready endpoints is NXDOMAIN (spec §2.4.1)',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1', { ready: false })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: '1 endpoint not ready',
  },
  {
    name: 'a headless Service without selector or EndpointSlices is NXDOMAIN and the explanation says why',
    cluster: cluster(service('ext', 'shop', { clusterIP: 'None' })),
    ask: { name: 'ext.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'a Service without a selector gets endpoints only from EndpointSlices you write yourself',
  },
  {
    name: 'publishNotReadyAddresses answers with Pods that are not ready',
    cluster: cluster(headlessDb({ publishNotReadyAddresses: true }), dbPod('db-0', '10.1.0.1', { ready: false })),
    ask: { name: 'db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['db.shop.svc.cluster.local. 5 IN A 10.1.0.1'],
  },
  {
    name: 'a Service without a clusterIP in the input exists but has no address, and the explanation says why',
    cluster: cluster(service('web', 'shop', { ports: [port('http', 80)] })),
    ask: { name: 'web.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'does not allocate IPs',
  },
  {
    name: 'an endpoint without hostname is reached by its dashed IP',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1')),
    ask: { name: '10-1-0-1.db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['10-1-0-1.db.shop.svc.cluster.local. 5 IN A 10.1.0.1'],
    explains: 'endpointHostname',
  },
  {
    name: 'an IPv6 endpoint is reached by its IP with dashes for colons',
    cluster: cluster(headlessDb({ ipFamilyPolicy: 'RequireDualStack' }), dbPod('db-0', ['10.1.0.7', 'fd00::7'])),
    ask: { name: 'fd00--7.db.shop.svc.cluster.local', type: 'AAAA' },
    rcode: 'NOERROR',
    answer: ['fd00--7.db.shop.svc.cluster.local. 5 IN AAAA fd00::7'],
  },
  {
    name: 'endpoint names resolve under a ClusterIP Service too (CoreDNS, beyond the spec)',
    cluster: cluster(
      service('web', 'shop', { clusterIP: '10.0.0.10', selector: { app: 'web' }, ports: [port('http', 80)] }),
      pod('web-0', 'shop', { labels: { app: 'web' }, ip: '10.1.0.9' }),
    ),
    ask: { name: '10-1-0-9.web.shop.svc.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['10-1-0-9.web.shop.svc.cluster.local. 5 IN A 10.1.0.9'],
    explains: 'Services with a clusterIP too',
  },
  {
    name: 'a Pod that is not ready loses its hostname name, and the explanation says it is not ready',
    cluster: cluster(
      headlessDb(),
      dbPod('db-1', '10.1.0.2', { hostname: 'db-1', subdomain: 'db', ready: false }),
      dbPod('db-0', '10.1.0.1'),
    ),
    ask: { name: 'db-1.db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
    explains: 'its endpoint "db-1" is not ready',
  },
  {
    name: 'an endpoint name that matches nothing is NXDOMAIN',
    cluster: cluster(headlessDb(), dbPod('db-0', '10.1.0.1')),
    ask: { name: 'bogus.db.shop.svc.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
  },
  // Zone records and other types.
  {
    name: 'dns-version.<zone> has the schema version as TXT, TTL 28800',
    cluster: cluster(),
    ask: { name: 'dns-version.cluster.local', type: 'TXT' },
    rcode: 'NOERROR',
    answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'],
    explains: 'spec §2.2',
  },
  {
    name: 'a TXT question for a Service in a namespace that is not there is NXDOMAIN (was NOERROR)',
    cluster: cluster(),
    ask: { name: 'nope.nowhere.svc.cluster.local', type: 'TXT' },
    rcode: 'NXDOMAIN',
    explains: 'this name does not exist',
  },
  {
    name: 'a TXT question for a Service that is not there is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: 'gone.shop.svc.cluster.local', type: 'TXT' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'a TXT question for a Service with records is NODATA',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'TXT' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'records of other types',
  },
  {
    name: 'a TXT question for a namespace name is NXDOMAIN: it exists, but holds no records of any type',
    cluster: cluster(web()),
    ask: { name: 'shop.svc.cluster.local', type: 'TXT' },
    rcode: 'NXDOMAIN',
    explains: 'holds no records of any type',
  },
  {
    name: 'dns-version.<zone> has no A record and is NXDOMAIN for it',
    cluster: cluster(),
    ask: { name: 'dns-version.cluster.local', type: 'A' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'SOA below the apex is NOERROR without records',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'SOA' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'only at the zone apex',
  },
  {
    name: 'NS at the apex names the kube-dns Service and gives its address',
    cluster: cluster(
      service('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', ports: [port('dns', 53, 53, 'UDP')] }),
    ),
    ask: { name: 'cluster.local', type: 'NS' },
    rcode: 'NOERROR',
    answer: ['cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.'],
    additional: ['kube-dns.kube-system.svc.cluster.local. 5 IN A 10.96.0.10'],
  },
  {
    name: 'ns.dns.<zone> answers the kube-dns clusterIP',
    cluster: cluster(
      service('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', ports: [port('dns', 53, 53, 'UDP')] }),
    ),
    ask: { name: 'ns.dns.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: ['ns.dns.cluster.local. 5 IN A 10.96.0.10'],
  },
  {
    name: 'without a kube-dns Service, ns.dns.<zone> exists but its address is unknown',
    cluster: cluster(),
    ask: { name: 'ns.dns.cluster.local', type: 'A' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'its own Pod IP',
  },
  {
    name: 'ANY is not special in the kubernetes plugin: NOERROR without records for an existing name',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'ANY' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'no ANY handling',
  },
  {
    name: 'ANY for a missing name is NXDOMAIN',
    cluster: cluster(web()),
    ask: { name: 'nope.shop.svc.cluster.local', type: 'ANY' },
    rcode: 'NXDOMAIN',
  },
  {
    name: 'a type CoreDNS has no records of is NOERROR without records when the name exists',
    cluster: cluster(web()),
    ask: { name: 'web.shop.svc.cluster.local', type: 'MX' },
    rcode: 'NOERROR',
    answer: [],
    explains: 'serves no MX records',
  },
  {
    name: 'zone transfers are refused by the kubernetes plugin',
    cluster: cluster(web()),
    ask: { name: 'cluster.local', type: 'AXFR' },
    rcode: 'REFUSED',
    explains: '`transfer` plugin',
  },
  {
    name: 'a name outside the cluster zone is not the plugin’s business (REFUSED, forwarded in a real cluster)',
    cluster: cluster(web()),
    ask: { name: 'www.example.com', type: 'A' },
    rcode: 'REFUSED',
    explains: 'forward . /etc/resolv.conf',
  },
  {
    // A new user asked for 10.96.1.1 PTR and got a bare REFUSED.
    name: 'a PTR question for an address itself is refused, and the summary gives the reversed name to ask for',
    cluster: cluster(web()),
    ask: { name: '10.96.1.1', type: 'PTR' },
    rcode: 'REFUSED',
    explains: 'asks for 1.1.96.10.in-addr.arpa.',
  },
  {
    name: 'the cluster domain comes from the options',
    cluster: cluster(web()),
    options: { clusterDomain: 'corp.example' },
    ask: { name: 'web.shop.svc.corp.example', type: 'A' },
    rcode: 'NOERROR',
    answer: ['web.shop.svc.corp.example. 5 IN A 10.0.0.10'],
  },
  {
    name: 'with another cluster domain, cluster.local is outside the zone',
    cluster: cluster(web()),
    options: { clusterDomain: 'corp.example' },
    ask: { name: 'web.shop.svc.cluster.local', type: 'A' },
    rcode: 'REFUSED',
  },
  {
    name: 'the dual-stack Service answers AAAA with its IPv6 clusterIP',
    cluster: cluster(
      service('web', 'shop', {
        clusterIP: '10.0.0.12',
        clusterIPs: ['10.0.0.12', 'fd00::12'],
        ipFamilyPolicy: 'RequireDualStack',
        ports: [port('http', 80)],
      }),
    ),
    ask: { name: 'web.shop.svc.cluster.local', type: 'AAAA' },
    rcode: 'NOERROR',
    answer: ['web.shop.svc.cluster.local. 5 IN AAAA fd00::12'],
  },
];

describe('answer', () => runAnswerCases(cases));

describe('answer details', () => {
  test('the SOA at the apex is the zone SOA, the one negative answers carry', () => {
    const index = buildIndex(cluster(web()));
    const soa = answer(index, { name: 'cluster.local', type: 'SOA' });
    expect(soa.answer).toHaveLength(1);
    expect(soa.answer[0].data).toMatch(
      /^ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 5$/,
    );
    expect(answer(index, { name: 'nope.shop.svc.cluster.local' }).authority).toEqual(soa.answer);
  });

  test('answer records say where they come from', () => {
    const got = answer(buildIndex(cluster(web())), { name: 'web.shop.svc.cluster.local', type: 'A' });
    expect(got.answer[0].source).toEqual({
      kind: 'Service',
      namespace: 'shop',
      name: 'web',
      path: 'spec.clusterIPs[0]',
    });
    expect(got.explanation.steps.map((s) => s.en)).toContain(
      'Service shop/web has type ClusterIP and clusterIPs 10.0.0.10.',
    );
    expect(got.explanation.steps.map((s) => s.ko)).toContain(
      'Service shop/web의 type은 ClusterIP, clusterIP는 10.0.0.10이다.',
    );
    expect(got.question).toEqual({ name: 'web.shop.svc.cluster.local.', type: 'A' });
  });

  // How fast this is answered is measured by bench/dns.ts (`npm run bench`), never asserted here.
  test('a headless Service with 10 000 endpoints answers with every one of them', () => {
    const endpoints = Array.from({ length: 10 }, (_, s) =>
      endpointSlice(`big-${s}`, 'shop', {
        service: 'big',
        endpoints: Array.from({ length: 1000 }, (_, i) => ({
          addresses: [`10.${20 + s}.${i >> 8}.${i & 255}`],
          conditions: { ready: true },
        })),
        ports: [{ name: 'p', port: 80, protocol: 'TCP' }],
      }),
    );
    const index = buildIndex(cluster(service('big', 'shop', { clusterIP: 'None' }), ...endpoints));
    const got = answer(index, { name: 'big.shop.svc.cluster.local', type: 'A' });
    expect(got.answer).toHaveLength(10000);
    expect(new Set(got.answer.map((r) => r.data)).size).toBe(10000);
  });
});

describe('invalid questions', () => {
  const index = buildIndex(cluster(web()));
  const problems = (q: { name?: unknown; type?: unknown }) => {
    try {
      answer(index, q);
    } catch (e) {
      return (e as KubeknowError).problems.map((p) => [p.code, p.path, p.message]);
    }
    throw new Error('expected a KubeknowError');
  };

  test('a missing name is FIELD_REQUIRED at `name`', () => {
    expect(problems({ type: 'A' })).toEqual([['FIELD_REQUIRED', 'name', expect.stringContaining('a DNS name')]]);
  });

  test('an unknown type is FIELD_NOT_SUPPORTED at `type`, with a suggestion', () => {
    expect(problems({ name: 'web.shop.svc.cluster.local', type: 'AAA' })).toEqual([
      ['FIELD_NOT_SUPPORTED', 'type', expect.stringContaining('Did you mean "AAAA"?')],
    ]);
  });

  test('a label longer than 63 characters is FIELD_INVALID', () => {
    expect(problems({ name: `${'a'.repeat(64)}.shop.svc.cluster.local` })).toEqual([
      ['FIELD_INVALID', 'name', expect.stringContaining('longer than 63')],
    ]);
  });

  test('an empty label is FIELD_INVALID, and both problems are reported at once', () => {
    expect(problems({ name: 'web..shop', type: 7 })).toEqual([
      ['FIELD_INVALID', 'name', expect.stringContaining('empty label')],
      ['FIELD_NOT_SUPPORTED', 'type', expect.any(String)],
    ]);
  });
});
