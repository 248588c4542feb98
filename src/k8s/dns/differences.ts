// Where CoreDNS's `kubernetes` plugin, and so kubeknow, departs from or goes beyond the Kubernetes
// DNS specification, and where kubeknow itself cannot be CoreDNS. docs/dns.md prints both lists.
import type { SpecDifference } from './types';

export const DIFFERENCES_FROM_SPEC: readonly SpecDifference[] = Object.freeze([
  {
    id: 'srv-at-service-name',
    topic: 'SRV at the bare Service name',
    kind: 'extends',
    spec: 'SRV records exist only at _<port>._<proto>.<service>.<ns>.svc.<zone> (§2.3.2, §2.4.2).',
    coredns:
      'An SRV question for <service>.<ns>.svc.<zone> is answered with one record per port (per endpoint and port when headless).',
    source: 'plugin/kubernetes/kubernetes.go findServices: an absent port label matches every port',
  },
  {
    id: 'unnamed-port-srv',
    topic: 'Unnamed ports in SRV answers',
    kind: 'contradicts',
    spec: 'Unnamed ports do not have an SRV record (§2.3.2, §2.4.2).',
    coredns:
      'No _<port>._<proto> name exists for an unnamed port, but the SRV answer at the bare Service name includes it.',
    source: 'plugin/kubernetes/kubernetes.go findServices; plugin/backend_lookup.go SRV',
  },
  {
    id: 'endpoint-id-dashed-ip',
    topic: 'Name of an endpoint without hostname',
    kind: 'unspecified',
    spec: 'An endpoint without hostname gets "a unique, system-assigned identifier" whose format is not prescribed (§2.1).',
    coredns: 'The identifier is the IP with dashes: 10-1-2-3, and fd00--1 for fd00::1.',
    source: 'plugin/kubernetes/kubernetes.go endpointHostname',
  },
  {
    id: 'endpoint-names-under-clusterip',
    topic: 'Endpoint names under a Service with a clusterIP',
    kind: 'extends',
    spec: '<hostname>.<service>.<ns>.svc.<zone> is defined for headless Services (§2.4.1).',
    coredns: 'Endpoint names resolve under any Service with endpoints, ClusterIP, NodePort and LoadBalancer too.',
    source: 'plugin/kubernetes/kubernetes.go findServices: `if svc.Headless() || r.endpoint != ""`',
  },
  {
    id: 'ptr-for-all-endpoints',
    topic: 'PTR records of endpoints',
    kind: 'extends',
    spec: 'A PTR exists for each ready endpoint of a headless Service (§2.4.3) and each clusterIP (§2.3.3).',
    coredns:
      'Every ready endpoint address of every Service gets a PTR, one per Service it belongs to, with the dashed-IP name when the endpoint has no hostname, unless the address is a clusterIP (then only the Service answers). Recent CoreDNS source has a `ptr_hostname_only` option, off by default, that keeps PTRs to endpoints with a hostname.',
    source: 'plugin/kubernetes/reverse.go serviceRecordForIP',
  },
  {
    id: 'readiness-from-endpointslices',
    topic: 'Which endpoints are ready',
    kind: 'contradicts',
    spec: 'Ready means listed in Endpoints `addresses`, or the Service has the service.alpha.kubernetes.io/tolerate-unready-endpoints annotation (§2.1).',
    coredns:
      'CoreDNS reads EndpointSlices: an endpoint is published when its `ready` condition is true or unset; the annotation is not read. publishNotReadyAddresses works because the EndpointSlice controller then marks every endpoint ready.',
    source: 'plugin/kubernetes/object/endpoint.go endpointsliceReady',
  },
  {
    id: 'externalname-ip',
    topic: 'ExternalName holding an IP address',
    kind: 'contradicts',
    spec: 'An ExternalName Service is a CNAME to its externalName (§2.5).',
    coredns: 'When externalName parses as an IP address, no record is served and the name is NXDOMAIN.',
    source: 'plugin/kubernetes/kubernetes.go findServices; plugin/etcd/msg/type.go HostType',
  },
  {
    id: 'pod-records-modes',
    topic: 'Pod A records',
    kind: 'contradicts',
    spec: 'a-b-c-d.<ns>.pod.<zone> must answer for any a, b, c, d (§2.6, deprecated but required).',
    coredns:
      "Only with `pods insecure` (the default Corefile). `pods verified` answers only for the status.podIP of a Pending or Running Pod in that namespace; `pods disabled` (the plugin's own default) answers none.",
    source: 'plugin/kubernetes/kubernetes.go findPods; controller.go podIPIndexFunc and the Pod list field selector',
  },
  {
    id: 'pod-records-ipv6',
    topic: 'IPv6 Pod names',
    kind: 'extends',
    spec: 'Pod names are defined for IPv4 only (§2.6).',
    coredns:
      'A label that is not a-b-c-d is read as IPv6 with dashes for colons: fd00--1.<ns>.pod.<zone> AAAA fd00::1.',
    source: 'plugin/kubernetes/kubernetes.go findPods',
  },
  {
    id: 'namespace-must-exist',
    topic: 'Names in unknown namespaces',
    kind: 'unspecified',
    spec: 'The spec does not say what happens in a namespace that does not exist.',
    coredns:
      'Every svc and pod name in a namespace CoreDNS does not know is NXDOMAIN, Pod names in insecure mode included.',
    source: 'plugin/kubernetes/kubernetes.go Records, namespace.go namespaceExposed',
  },
  {
    id: 'port-labels-without-underscore',
    topic: 'Port and protocol labels',
    kind: 'extends',
    spec: 'SRV names are _<port>._<proto>.<service>… (§2.3.2).',
    coredns:
      'The underscores are optional (http.tcp.<service>… works), and A/AAAA questions at those names return the addresses behind the port.',
    source: 'plugin/kubernetes/parse.go stripUnderscore; kubernetes.go findServices',
  },
  {
    id: 'txt-where-records-are',
    topic: 'TXT questions',
    kind: 'unspecified',
    spec: 'Only dns-version.<zone> has a TXT record (§2.2).',
    coredns:
      'Any other TXT question is NOERROR with no records when the name has records of another type, and NXDOMAIN otherwise: a name that does not exist, and also one that exists without records (the apex, svc.<zone>, a namespace name).',
    source: 'plugin/kubernetes/kubernetes.go Services, case dns.TypeTXT',
  },
  {
    id: 'externalname-no-port-names',
    topic: 'Port and protocol names under an ExternalName',
    kind: 'unspecified',
    spec: 'An ExternalName Service is a CNAME (§2.5); the spec says nothing of names below it.',
    coredns:
      '_<port>._<proto>.<service>… (and any longer name) under an ExternalName Service is NXDOMAIN, for every type.',
    source:
      'plugin/kubernetes/kubernetes.go findServices: an ExternalName is skipped when the endpoint, port or protocol label is set',
  },
  {
    id: 'srv-weights',
    topic: 'SRV priority and weight',
    kind: 'unspecified',
    spec: 'Priority and weight are not prescribed (§2.3.2, §2.4.2).',
    coredns:
      'Priority 0; weight floor(100 / n) for n address-port pairs found (at least 1), counted before duplicates are removed.',
    source: 'plugin/backend_lookup.go SRV',
  },
  {
    id: 'no-wildcards',
    topic: 'Wildcard queries',
    kind: 'unspecified',
    spec: 'The spec has no wildcard queries.',
    coredns:
      'CoreDNS once answered *.<ns>.svc.<zone> and any.<ns>.svc.<zone> with every match; 1.9.0 removed that (coredns/coredns#5019), so they are ordinary labels now.',
    source: 'coredns/coredns#5019',
  },
]);

/** Where kubeknow does not, or cannot, do what a running CoreDNS does. */
export const KUBEKNOW_LIMITATIONS: readonly string[] = Object.freeze([
  'Names outside the cluster zone go to the next plugin in CoreDNS (forward, to the upstream resolvers); kubeknow answers them REFUSED with authoritative: false.',
  "The reverse zones are answered as the kubernetes plugin answers them without `fallthrough in-addr.arpa ip6.arpa`: an address with no cluster record is NXDOMAIN. kubeadm's Corefile (and coredns/deployment's) has that fallthrough line, and there such a question goes on to the next plugin, normally forward to the upstream resolvers, whose answer kubeknow does not know.",
  'An ExternalName CNAME pointing outside the cluster is not followed: CoreDNS would append the upstream answer for the target; kubeknow returns the CNAME alone. Targets inside the cluster zone are followed, as CoreDNS does.',
  'Answer names are lower-case; CoreDNS echoes the case of the question (handler_case_test.go).',
  "The SOA serial is a hash of what the zone's records are built from (the objects and options), not CoreDNS's last-change time, since kubeknow has no clock.",
  'The name server (NS, ns.dns.<zone>) is the kube-system/kube-dns Service, or the Service labelled k8s-app=kube-dns; CoreDNS finds it through its own Pod IP, which the input does not give.',
  'IPs are compared in canonical form (RFC 5952), where CoreDNS compares endpoint and Pod IPs as the API stores them; the API server stores canonical forms in practice.',
  'FQDN EndpointSlices (deprecated) are ignored. A Service without a clusterIP in the input has no address records, since the API server, not kubeknow, allocates clusterIPs.',
  'At the apex of in-addr.arpa. and ip6.arpa. only SOA is answered; an NS question there is NODATA, where CoreDNS answers with its name server.',
]);
