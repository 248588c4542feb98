// Why each record exists, in sentences a chatbot can quote. Section numbers are those of the
// Kubernetes DNS-Based Service Discovery specification; file names are CoreDNS's plugin/kubernetes.
import type { RecordType } from './types';

export const SPEC_URL = 'https://github.com/kubernetes/dns/blob/master/docs/specification.md';
export const DNS_SCHEMA_VERSION = '1.1.0';
/** CoreDNS gives the dns-version TXT record this TTL whatever the `ttl` option says (kubernetes.go). */
export const DNS_VERSION_TTL = 28800;

const family = (type: RecordType) => (type === 'AAAA' ? 'IPv6' : 'IPv4');

/** A rule worded for A and for AAAA, written once: records share the strings instead of rebuilding them. */
function byType(text: (type: 'A' | 'AAAA') => string): Readonly<Record<'A' | 'AAAA', string>> {
  return Object.freeze({ A: text('A'), AAAA: text('AAAA') });
}

export const RULES = {
  serviceAddress: byType(
    (type) =>
      `A Service with a clusterIP (type ClusterIP, NodePort or LoadBalancer) has an ${type} record for each of its ${family(type)} clusterIPs (spec §2.3.1); a dual-stack Service has both A and AAAA`,
  ),
  serviceSrvNamed:
    'Each named port of a Service with a clusterIP has an SRV record _<port>._<proto>.<service>.<ns>.svc.<zone> pointing at the Service name (spec §2.3.2)',
  serviceSrvBare:
    'CoreDNS also answers SRV at the Service name itself, one record per port, unnamed ports included (kubernetes.go findServices matches every port when the name has no port label); the spec defines no SRV record there',
  portAddress: byType(
    (type) =>
      `CoreDNS answers ${type} at a _<port>._<proto> name with the addresses behind the matching port; the spec defines only SRV records there`,
  ),
  headlessAddress: byType(
    (type) => `A headless Service has an ${type} record for each ready ${family(type)} endpoint address (spec §2.4.1)`,
  ),
  endpointHostname: byType(
    (type) =>
      `A ready endpoint with a hostname has an ${type} record <hostname>.<service>.<ns>.svc.<zone> (spec §2.4.1); the EndpointSlice controller sets the hostname from a Pod whose spec.hostname is set and whose spec.subdomain names the Service`,
  ),
  endpointDashed: byType(
    (type) =>
      `A ready endpoint without a hostname is named by its IP with dashes (10-1-2-3, fd00--1), as CoreDNS's endpointHostname spells it, and that name has an ${type} record; the spec leaves this identifier to the implementation (§2.1)`,
  ),
  endpointOfClusterIpService:
    ' CoreDNS serves endpoint names under Services with a clusterIP too; the spec defines them for headless Services only',
  headlessSrvNamed:
    "Each ready endpoint and named port of a headless Service has an SRV record _<port>._<proto>.<service>.<ns>.svc.<zone> pointing at the endpoint's name (spec §2.4.2)",
  headlessSrvBare:
    "CoreDNS also answers SRV at a headless Service's name, one record per ready endpoint and port (unnamed ports included), pointing at the endpoint names; the spec defines no SRV record there",
  endpointSrv:
    'CoreDNS answers SRV at an endpoint name, one record per port of the endpoint, pointing at the endpoint name itself',
  ptrService: 'Each clusterIP has a PTR record pointing at its Service name (spec §2.3.3)',
  ptrEndpoint:
    "Each ready endpoint address has a PTR record pointing at the endpoint's name (spec §2.4.3); CoreDNS gives one to the endpoints of every Service, headless or not, with the dashed-IP name when the endpoint has no hostname (reverse.go)",
  externalName: 'An ExternalName Service is a CNAME record pointing at its spec.externalName (spec §2.5)',
  podInsecure:
    'With `pods insecure` (the default Corefile), CoreDNS answers <dashed-ip>.<ns>.pod.<zone> with the IP spelled in the name, in any namespace that exists, without checking that a Pod has that IP (spec §2.6, deprecated but required)',
  podVerified:
    'With `pods verified`, CoreDNS answers <dashed-ip>.<ns>.pod.<zone> only when a Pending or Running Pod in <ns> has that IP as its status.podIP (kubernetes.go findPods)',
  podDisabled:
    'With `pods disabled`, CoreDNS answers no name under pod.<zone>: every one, <ns>.pod.<zone> included, is NXDOMAIN (kubernetes.go findPods)',
  podSrv: 'CoreDNS answers SRV at a Pod name with port 0, pointing at the Pod name itself',
  dnsVersion: `dns-version.<zone> has a TXT record holding the schema version CoreDNS implements, ${DNS_SCHEMA_VERSION}, with a TTL of ${DNS_VERSION_TTL} whatever the ttl option says (spec §2.2; kubernetes.go)`,
  soa: "CoreDNS answers the zone's SOA at the apex and sends it in the authority section of negative answers (plugin/backend_lookup.go); its serial is CoreDNS's last-change time, which kubeknow, having no clock, replaces with a hash of what the zone's records are built from",
  nsRecord:
    'The apex NS record names the Service that fronts CoreDNS, found through the endpoints that hold its own Pod IP (ns.go nsAddrs); kubeknow takes kube-system/kube-dns, or the Service labelled k8s-app=kube-dns',
  nsFallback:
    'The apex NS record is ns.dns.<zone> when CoreDNS finds no Service in front of its own Pod IP (ns.go nsAddrs); its address is the CoreDNS Pod IP, which the input does not give',
  nsAddress: byType(
    (type) => `The name server's ${type} record holds the clusterIP of the Service that fronts CoreDNS (ns.go nsAddrs)`,
  ),
} as const;

/** Endpoint-name rules for endpoints of a Service that has a clusterIP, where CoreDNS goes beyond the spec. */
export const CLUSTER_IP_ENDPOINT_RULES = Object.freeze({
  hostname: byType((type) => RULES.endpointHostname[type] + RULES.endpointOfClusterIpService),
  dashed: byType((type) => RULES.endpointDashed[type] + RULES.endpointOfClusterIpService),
});
