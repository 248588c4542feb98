// Why each record exists, in sentences a chatbot can quote, in English and Korean. Section numbers are those of the
// Kubernetes DNS-Based Service Discovery specification; file names are CoreDNS's plugin/kubernetes.
import type { Text } from '../explanation';
import type { RecordType } from './types';

export const SPEC_URL = 'https://github.com/kubernetes/dns/blob/master/docs/specification.md';
export const DNS_SCHEMA_VERSION = '1.1.0';
/** CoreDNS gives the dns-version TXT record this TTL whatever the `ttl` option says (kubernetes.go). */
export const DNS_VERSION_TTL = 28800;

const family = (type: RecordType) => (type === 'AAAA' ? 'IPv6' : 'IPv4');

/** A rule worded for A and for AAAA, written once: records share the texts instead of rebuilding them. */
function byType(text: (type: 'A' | 'AAAA') => Text): Readonly<Record<'A' | 'AAAA', Text>> {
  return Object.freeze({ A: text('A'), AAAA: text('AAAA') });
}

/** Two sentences, `a` then `b`, in each language: the rules carry no final period, so the join adds it. */
const joined = (a: Text, b: Text): Text => ({ en: `${a.en}. ${b.en}`, ko: `${a.ko}. ${b.ko}` });

export const RULES = {
  serviceAddress: byType((type) => ({
    en: `A Service with a clusterIP (type ClusterIP, NodePort or LoadBalancer) has an ${type} record for each of its ${family(type)} clusterIPs (spec §2.3.1); a dual-stack Service has both A and AAAA`,
    ko: `clusterIP가 있는 Service(type ClusterIP, NodePort, LoadBalancer)는 ${family(type)} clusterIP마다 ${type} 레코드를 하나씩 가진다(spec §2.3.1). dual-stack Service는 A와 AAAA를 모두 가진다`,
  })),
  serviceSrvNamed: {
    en: 'Each named port of a Service with a clusterIP has an SRV record _<port>._<proto>.<service>.<ns>.svc.<zone> pointing at the Service name (spec §2.3.2)',
    ko: 'clusterIP가 있는 Service의 이름 있는 포트마다 Service 이름을 가리키는 SRV 레코드 _<port>._<proto>.<service>.<ns>.svc.<zone>이 있다(spec §2.3.2)',
  },
  serviceSrvBare: {
    en: 'CoreDNS also answers SRV at the Service name itself, one record per port, unnamed ports included (kubernetes.go findServices matches every port when the name has no port label); the spec defines no SRV record there',
    ko: 'CoreDNS는 Service 이름 자체에도 포트마다 SRV 레코드 하나씩, 이름 없는 포트까지 포함해 답한다(kubernetes.go findServices는 이름에 포트 레이블이 없으면 모든 포트와 맞춘다). spec은 그 이름에 SRV 레코드를 정의하지 않는다',
  },
  portAddress: byType((type) => ({
    en: `CoreDNS answers ${type} at a _<port>._<proto> name with the addresses behind the matching port; the spec defines only SRV records there`,
    ko: `CoreDNS는 _<port>._<proto> 이름에 맞는 포트 뒤의 주소로 ${type}을 답한다. spec은 그 이름에 SRV 레코드만 정의한다`,
  })),
  headlessAddress: byType((type) => ({
    en: `A headless Service has an ${type} record for each ready ${family(type)} endpoint address (spec §2.4.1)`,
    ko: `headless Service는 ready인 ${family(type)} endpoint 주소마다 ${type} 레코드를 하나씩 가진다(spec §2.4.1)`,
  })),
  endpointHostname: byType((type) => ({
    en: `A ready endpoint with a hostname has an ${type} record <hostname>.<service>.<ns>.svc.<zone> (spec §2.4.1); the EndpointSlice controller sets the hostname from a Pod whose spec.hostname is set and whose spec.subdomain names the Service`,
    ko: `hostname이 있는 ready endpoint는 ${type} 레코드 <hostname>.<service>.<ns>.svc.<zone>을 가진다(spec §2.4.1). EndpointSlice 컨트롤러는 spec.hostname이 있고 spec.subdomain이 그 Service를 가리키는 Pod에서 hostname을 가져온다`,
  })),
  endpointDashed: byType((type) => ({
    en: `A ready endpoint without a hostname is named by its IP with dashes (10-1-2-3, fd00--1), as CoreDNS's endpointHostname spells it, and that name has an ${type} record; the spec leaves this identifier to the implementation (§2.1)`,
    ko: `hostname이 없는 ready endpoint는 CoreDNS의 endpointHostname처럼 IP를 대시로 쓴 이름(10-1-2-3, fd00--1)을 가지며, 그 이름에 ${type} 레코드가 있다. spec은 이 식별자를 구현에 맡긴다(§2.1)`,
  })),
  endpointOfClusterIpService: {
    en: 'CoreDNS serves endpoint names under Services with a clusterIP too; the spec defines them for headless Services only',
    ko: 'CoreDNS는 clusterIP가 있는 Service 아래에도 endpoint 이름을 제공한다. spec은 headless Service에만 이를 정의한다',
  },
  headlessSrvNamed: {
    en: "Each ready endpoint and named port of a headless Service has an SRV record _<port>._<proto>.<service>.<ns>.svc.<zone> pointing at the endpoint's name (spec §2.4.2)",
    ko: 'headless Service의 ready endpoint와 이름 있는 포트마다 endpoint 이름을 가리키는 SRV 레코드 _<port>._<proto>.<service>.<ns>.svc.<zone>이 있다(spec §2.4.2)',
  },
  headlessSrvBare: {
    en: "CoreDNS also answers SRV at a headless Service's name, one record per ready endpoint and port (unnamed ports included), pointing at the endpoint names; the spec defines no SRV record there",
    ko: 'CoreDNS는 headless Service 이름에도 ready endpoint와 포트(이름 없는 포트 포함)마다 endpoint 이름을 가리키는 SRV 레코드로 답한다. spec은 그 이름에 SRV 레코드를 정의하지 않는다',
  },
  endpointSrv: {
    en: 'CoreDNS answers SRV at an endpoint name, one record per port of the endpoint, pointing at the endpoint name itself',
    ko: 'CoreDNS는 endpoint 이름에 endpoint의 포트마다 그 endpoint 이름 자체를 가리키는 SRV 레코드로 답한다',
  },
  ptrService: {
    en: 'Each clusterIP has a PTR record pointing at its Service name (spec §2.3.3)',
    ko: 'clusterIP마다 Service 이름을 가리키는 PTR 레코드가 있다(spec §2.3.3)',
  },
  ptrEndpoint: {
    en: "Each ready endpoint address has a PTR record pointing at the endpoint's name (spec §2.4.3); CoreDNS gives one to the endpoints of every Service, headless or not, with the dashed-IP name when the endpoint has no hostname (reverse.go)",
    ko: 'ready endpoint 주소마다 endpoint 이름을 가리키는 PTR 레코드가 있다(spec §2.4.3). CoreDNS는 headless 여부와 상관없이 모든 Service의 endpoint에 PTR을 주며, endpoint에 hostname이 없으면 IP를 대시로 쓴 이름을 쓴다(reverse.go)',
  },
  externalName: {
    en: 'An ExternalName Service is a CNAME record pointing at its spec.externalName (spec §2.5)',
    ko: 'ExternalName Service는 spec.externalName을 가리키는 CNAME 레코드다(spec §2.5)',
  },
  podInsecure: {
    en: 'With `pods insecure` (the default Corefile), CoreDNS answers <dashed-ip>.<ns>.pod.<zone> with the IP spelled in the name, in any namespace that exists, without checking that a Pod has that IP (spec §2.6, deprecated but required)',
    ko: '`pods insecure`(기본 Corefile)에서 CoreDNS는 존재하는 모든 namespace에서 <dashed-ip>.<ns>.pod.<zone>에 이름에 적힌 IP로 답하며, 그 IP를 가진 Pod가 있는지 확인하지 않는다(spec §2.6, deprecated이지만 필수)',
  },
  podVerified: {
    en: 'With `pods verified`, CoreDNS answers <dashed-ip>.<ns>.pod.<zone> only when a Pending or Running Pod in <ns> has that IP as its status.podIP (kubernetes.go findPods)',
    ko: '`pods verified`에서 CoreDNS는 <ns>의 Pending 또는 Running Pod가 그 IP를 status.podIP로 가질 때만 <dashed-ip>.<ns>.pod.<zone>에 답한다(kubernetes.go findPods)',
  },
  podDisabled: {
    en: 'With `pods disabled`, CoreDNS answers no name under pod.<zone>: every one, <ns>.pod.<zone> included, is NXDOMAIN (kubernetes.go findPods)',
    ko: '`pods disabled`에서 CoreDNS는 pod.<zone> 아래 어떤 이름에도 답하지 않는다. <ns>.pod.<zone>을 포함해 모두 NXDOMAIN이다(kubernetes.go findPods)',
  },
  podSrv: {
    en: 'CoreDNS answers SRV at a Pod name with port 0, pointing at the Pod name itself',
    ko: 'CoreDNS는 Pod 이름에 포트 0으로 그 Pod 이름 자체를 가리키는 SRV 레코드로 답한다',
  },
  dnsVersion: {
    en: `dns-version.<zone> has a TXT record holding the schema version CoreDNS implements, ${DNS_SCHEMA_VERSION}, with a TTL of ${DNS_VERSION_TTL} whatever the ttl option says (spec §2.2; kubernetes.go)`,
    ko: `dns-version.<zone>에는 CoreDNS가 구현한 스키마 버전 ${DNS_SCHEMA_VERSION}을 담은 TXT 레코드가 있으며, TTL은 ttl 옵션과 상관없이 ${DNS_VERSION_TTL}이다(spec §2.2; kubernetes.go)`,
  },
  soa: {
    en: "CoreDNS answers the zone's SOA at the apex and sends it in the authority section of negative answers (plugin/backend_lookup.go); its serial is CoreDNS's last-change time, which kubeknow, having no clock, replaces with a hash of what the zone's records are built from",
    ko: 'CoreDNS는 zone의 SOA를 apex에서 답하고, 부정 응답에서는 authority 섹션에 담아 보낸다(plugin/backend_lookup.go). serial은 CoreDNS가 마지막으로 바뀐 시각인데, 시계가 없는 kubeknow는 zone의 레코드를 만드는 입력의 해시로 대신한다',
  },
  nsRecord: {
    en: 'The apex NS record names the Service that fronts CoreDNS, found through the endpoints that hold its own Pod IP (ns.go nsAddrs); kubeknow takes kube-system/kube-dns, or the Service labelled k8s-app=kube-dns',
    ko: 'apex의 NS 레코드는 CoreDNS 앞에 있는 Service를 가리키며, CoreDNS 자신의 Pod IP를 가진 endpoint로 그 Service를 찾는다(ns.go nsAddrs). kubeknow는 kube-system/kube-dns나 k8s-app=kube-dns 레이블이 붙은 Service를 쓴다',
  },
  nsFallback: {
    en: 'The apex NS record is ns.dns.<zone> when CoreDNS finds no Service in front of its own Pod IP (ns.go nsAddrs); its address is the CoreDNS Pod IP, which the input does not give',
    ko: 'CoreDNS가 자신의 Pod IP 앞에 있는 Service를 찾지 못하면 apex의 NS 레코드는 ns.dns.<zone>이다(ns.go nsAddrs). 그 주소는 CoreDNS Pod IP인데, 입력에는 없다',
  },
  nsAddress: byType((type) => ({
    en: `The name server's ${type} record holds the clusterIP of the Service that fronts CoreDNS (ns.go nsAddrs)`,
    ko: `네임 서버의 ${type} 레코드는 CoreDNS 앞에 있는 Service의 clusterIP를 담는다(ns.go nsAddrs)`,
  })),
} as const satisfies Record<string, Text | Readonly<Record<'A' | 'AAAA', Text>>>;

/** Endpoint-name rules for endpoints of a Service that has a clusterIP, where CoreDNS goes beyond the spec. */
export const CLUSTER_IP_ENDPOINT_RULES = Object.freeze({
  hostname: byType((type) => joined(RULES.endpointHostname[type], RULES.endpointOfClusterIpService)),
  dashed: byType((type) => joined(RULES.endpointDashed[type], RULES.endpointOfClusterIpService)),
});
