// What a kubeadm cluster has before anything is applied: its four namespaces, the `kubernetes`
// Service (the first service IP, backed by the API server's address) and `kube-dns` (the tenth), and
// Nodes when the input gives none. Written as manifests, so they get the same defaults as given objects.
import { parseObjects, type Cluster, type Node, type Obj, type Service } from '../objects';
import { ipv4Number, ipv4Text, subnet } from './cidr';
import { DNS_SERVICE_OFFSET, NODE_ADDRESS_BASE, type ClusterConfig } from './config';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** The API server's own address, which the `kubernetes` Service's EndpointSlice lists. */
export const API_SERVER_ADDRESS = NODE_ADDRESS_BASE;
const API_SERVER_PORT = 6443;

/** The name of the i-th made-up worker Node (from 0): node-1, node-2, … */
export const nodeName = (i: number): string => `node-${i + 1}`;

/** The InternalIP of the i-th made-up Node: the addresses after the API server's. */
export const nodeAddress = (i: number): string => ipv4Text(ipv4Number(NODE_ADDRESS_BASE)! + 1 + i);

function nodeManifest(config: ClusterConfig, i: number): Obj {
  const name = nodeName(i);
  const cidr = subnet(config.podCIDR, 24, i)?.text;
  const capacity = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
    },
    spec: cidr ? { podCIDR: cidr, podCIDRs: [cidr] } : {},
    status: {
      addresses: [
        { type: 'InternalIP', address: nodeAddress(i) },
        { type: 'Hostname', address: name },
      ],
      capacity,
      allocatable: capacity,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  };
}

/** The worker Nodes made when the input gives none. */
export function defaultNodes(config: ClusterConfig): Node[] {
  return parseObjects(
    Array.from({ length: config.nodes }, (_, i) => nodeManifest(config, i)),
    'cluster.nodes',
  ).nodes;
}

/**
 * The kubeadm cluster's own objects that the input does not already have: namespaces, `kubernetes`
 * (with its EndpointSlice), `kube-dns`. A snapshot's Service (`observed`) stands for the cluster's own;
 * a Service given to be applied updates it instead (settle.ts), so the cluster's own is made for it.
 */
export function systemObjects(
  config: ClusterConfig,
  given: Cluster,
  observed: ReadonlySet<Service>,
  ips: { kubernetes: string; dns: string },
): Cluster {
  const has = (kind: string, ns: string, name: string) =>
    given.objects.some(
      (o) =>
        o.kind === kind &&
        o.metadata.namespace === ns &&
        o.metadata.name === name &&
        (o.kind !== 'Service' || observed.has(o)),
    );
  const manifests: Obj[] = SYSTEM_NAMESPACES.filter((n) => !has('Namespace', '', n)).map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
  }));
  if (!has('Service', 'default', 'kubernetes'))
    manifests.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: ips.kubernetes,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }],
      },
    });
  // The API server keeps this slice itself (its endpoint reconciler), whatever is applied to the Service.
  if (!has('Service', 'default', 'kubernetes') && !has('EndpointSlice', 'default', 'kubernetes'))
    manifests.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    });
  if (!has('Service', 'kube-system', 'kube-dns'))
    manifests.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: ips.dns,
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    });
  return parseObjects(manifests, 'cluster.system');
}

/** The service IPs kubeadm gives `kubernetes` (the first) and `kube-dns` (the tenth); '' where a snapshot's Service holds it. */
export function systemServiceIPs(config: ClusterConfig, taken: ReadonlySet<number>) {
  const ip = (n: number) => (taken.has(n) ? '' : ipv4Text(n));
  return {
    kubernetes: ip(config.serviceCIDR.network + 1),
    dns: ip(config.serviceCIDR.network + DNS_SERVICE_OFFSET),
  };
}
