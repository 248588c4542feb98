// The DNS kernel's model of a cluster, apart from the code that builds and reads it (as CoreDNS keeps
// its object model in plugin/kubernetes/object): the views of Services, endpoints and ports that
// CoreDNS's informers hold, the indexes built from them, and what a lookup finds. Types only.
import type { Cluster, EndpointSlice, ParsedIp, Service } from '../objects';
import type { Text } from '../explanation';
import type { AddressMap } from './addresses';
import type { LabelIndex } from './labels';
import type { DnsOptions } from './options';
import type { DnsRecord, Rcode, RecordSource } from './types';

/** A port as CoreDNS matches it; a Service or slice without ports gets CoreDNS's sentinel, port -1. */
export interface PortView {
  name: string;
  protocol: string;
  port: number;
  path?: string;
}

export interface EndpointView {
  ip: ParsedIp;
  /** The first label of the endpoint's name: its hostname, or its dashed IP. */
  label: string;
  hasHostname: boolean;
  fqdn: string;
  ports: PortView[];
  source: RecordSource;
}

export interface ServiceView {
  service: Service;
  fqdn: string;
  kind: 'clusterIP' | 'headless' | 'externalName';
  clusterIPs: { ip: ParsedIp; path: string }[];
  ports: PortView[];
  /** Absolute, lower-case CNAME target; undefined unless kind is externalName. */
  externalName?: string;
  /** An externalName that parses as an IP: CoreDNS serves no record for it (msg.Service HostType). */
  externalNameIsIp: boolean;
  endpoints: EndpointView[];
  /** Endpoints by label: every endpoint with that name (nearly always one). */
  byLabel: LabelIndex<EndpointView>;
  /** What the EndpointSlices held that DNS does not publish, for explanations. */
  skipped: { notReady: number; fqdnSlices: number; badAddresses: number; notReadyLabels: Set<string> };
  slices: EndpointSlice[];
  source: RecordSource;
}

export interface Catalog {
  options: DnsOptions;
  zone: string;
  /** Namespace → the explanation step saying why it exists (or is assumed to). */
  namespaces: Map<string, Text>;
  services: Map<string, ServiceView>;
  serviceList: ServiceView[];
  /** Endpoint PTR targets for slices whose Service is not in the input: CoreDNS indexes slices alone. */
  orphanEndpoints: EndpointView[];
  // The three indexes below are built on first use: each question and each pod mode needs at most
  // one or two of them, and for a large input they cost as much as the rest of the catalog.
  /** Every Pod IP's record, by namespace (lower-case) and canonical IP. */
  readonly podIps: PodIpIndex;
  /** What `pods verified` serves: the status.podIP of Pending and Running Pods, by namespace and IP. */
  readonly verifiedPodIps: PodIpIndex;
  /** The Service in front of CoreDNS, when the input has it. */
  nameserver?: ServiceView;
  /** PTR records by address: the Service that has it as a clusterIP, else every endpoint that has it. */
  readonly reverse: ReverseIndex;
}

/**
 * Each Pod IP's record at its canonical name `<dashed-ip>.<ns>.pod.<zone>`, by namespace (lower-case)
 * and canonical IP: a zone listing needs them all, so the index is built of them even when a
 * question reads only one record's source. Nested, so that no key is built per Pod. An IP maps to
 * the record of its one Pod, or to one record per Pod when several have it; each record's source
 * names its Pod.
 */
export type PodIpIndex = Map<string, Map<string, DnsRecord | DnsRecord[]>>;

/** One PTR record, or every one when an address belongs to endpoints of several Services. */
export type ReverseIndex = AddressMap<DnsRecord | DnsRecord[]>;

export interface Entry {
  /** The address, or null when the entry is a name (an ExternalName's CNAME target). */
  ip: ParsedIp | null;
  cname?: string;
  /** -1 when the Service or slice declares no ports: such entries give addresses but no SRV. */
  port: number;
  /** The port matched, for Service and endpoint entries. */
  portView?: PortView;
  /** The name an SRV record points at and the owner of its address in the additional section. */
  target: string;
  origin: 'clusterIP' | 'endpoint' | 'pod' | 'externalName';
  source: RecordSource;
  service?: ServiceView;
  endpoint?: EndpointView;
}

export type Lookup = { found: true; entries: Entry[] } | { found: false };

export interface DnsIndex {
  readonly cluster: Cluster;
  readonly options: DnsOptions;
  readonly catalog: Catalog;
  /** A zone's SOA (the cluster zone's unless named); its serial reads the whole catalog, so it is computed on first use. */
  readonly soa: (zone?: string) => DnsRecord;
}

/** What a zone handler decides; finish() turns it into an answer. */
export interface Reply {
  rcode: Rcode;
  answer?: DnsRecord[];
  additional?: DnsRecord[];
  authoritative?: boolean;
}
