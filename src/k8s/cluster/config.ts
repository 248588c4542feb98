// The cluster the dry-run settles into when the input does not say otherwise: kubeadm's defaults
// (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go: DefaultServicesSubnet 10.96.0.0/12,
// DefaultClusterDNSIP 10.96.0.10, cluster.local), the pod network most CNI guides give kubeadm
// (--pod-network-cidr 10.244.0.0/16, split by kube-controller-manager's node IPAM into a /24 per
// Node), the API server's default --service-node-port-range, and three Ready worker Nodes.
import { ipv4Cidr, type Ipv4Cidr } from './cidr';

/** The cluster options a request may give; every one has kubeadm's default. */
export interface ClusterOptions {
  serviceCIDR?: string;
  podCIDR?: string;
  /** `30000-32767`, as --service-node-port-range is written. */
  nodePortRange?: string;
  clusterDomain?: string;
  /** How many worker Nodes to make when the input gives none. */
  nodes?: number;
}

export interface ClusterConfig {
  serviceCIDR: Ipv4Cidr;
  podCIDR: Ipv4Cidr;
  nodePortRange: { base: number; size: number; text: string };
  clusterDomain: string;
  nodes: number;
}

export const CLUSTER_DEFAULTS = {
  serviceCIDR: '10.96.0.0/12',
  podCIDR: '10.244.0.0/16',
  nodePortRange: '30000-32767',
  clusterDomain: 'cluster.local',
  nodes: 3,
  maxNodes: 1000,
} as const;

/** The address kube-dns gets: the tenth of the service CIDR (kubeadm's GetDNSIP). */
export const DNS_SERVICE_OFFSET = 10;
/** Where the made-up Nodes' and the API server's InternalIPs start (a documentation-style private range). */
export const NODE_ADDRESS_BASE = '192.168.0.10';

/** The port range as --service-node-port-range reads it (`30000-32767`, or a single port), or undefined. */
export function parsePortRange(text: string): ClusterConfig['nodePortRange'] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  const last = m[2] === undefined ? base : Number(m[2]);
  if (base < 1 || last > 65535 || last < base) return undefined;
  return { base, size: last - base + 1, text: `${base}-${last}` };
}

/** The checked configuration; options are checked by the caller's schema (clusterOptionsProblem). */
export function clusterConfig(o: ClusterOptions = {}): ClusterConfig {
  return {
    serviceCIDR: ipv4Cidr(o.serviceCIDR ?? CLUSTER_DEFAULTS.serviceCIDR)!,
    podCIDR: ipv4Cidr(o.podCIDR ?? CLUSTER_DEFAULTS.podCIDR)!,
    nodePortRange: parsePortRange(o.nodePortRange ?? CLUSTER_DEFAULTS.nodePortRange)!,
    clusterDomain: o.clusterDomain ?? CLUSTER_DEFAULTS.clusterDomain,
    nodes: o.nodes ?? CLUSTER_DEFAULTS.nodes,
  };
}

/** What is wrong with one cluster option, or undefined. */
export function clusterOptionProblem(field: keyof ClusterOptions, value: string): string | undefined {
  if (field === 'serviceCIDR' || field === 'podCIDR') {
    const cidr = ipv4Cidr(value);
    if (!cidr) return 'must be an IPv4 CIDR such as 10.96.0.0/12 (kubeknow simulates single-stack IPv4 clusters)';
    if (field === 'serviceCIDR' && (cidr.bits < 8 || cidr.bits > 30))
      return 'must be a prefix from /8 to /30 (the API server needs room for the kubernetes and kube-dns Services)';
    if (field === 'podCIDR' && (cidr.bits < 8 || cidr.bits > 24))
      return 'must be a prefix from /8 to /24 (a /24 per Node)';
  }
  if (field === 'nodePortRange' && !parsePortRange(value))
    return 'must be a port range such as 30000-32767 (first-last, within 1-65535)';
  return undefined;
}
