// The plain data the DNS kernel returns. Records read like `dig` output; every record and answer
// says where it comes from and why, so a chatbot can quote it.
import type { Text } from '../explanation';
import type { Question } from './query';

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'TXT' | 'SOA' | 'NS';

/** The object a record is computed from, with the field that holds the data. */
export interface RecordSource {
  kind: 'Service' | 'EndpointSlice' | 'Pod' | 'Namespace' | 'Zone';
  namespace: string;
  name: string;
  /** Field path inside the object, e.g. `spec.clusterIPs[0]` or `endpoints[2].addresses[0]`. */
  path?: string;
  /** For endpoint records: the object the endpoint points at (usually a Pod). */
  targetRef?: { kind: string; namespace: string; name: string; uid?: string };
}

export interface DnsRecord {
  /** Lower-case, absolute: `web.shop.svc.cluster.local.` */
  name: string;
  type: RecordType;
  ttl: number;
  class: 'IN';
  /** Presentation form: an IP, an absolute name, `priority weight port target.` for SRV, the raw text for TXT. */
  data: string;
  source: RecordSource;
  /** Why the record exists, quotable: names its rule and the spec section or CoreDNS source file. */
  rule: Text;
  /** SRV fields, also spelled out in `data`. Records are read-only: records may share this object. */
  srv?: { priority: number; weight: number; port: number; target: string };
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'NOTIMP' | 'REFUSED';

/** Why an answer is what it is, in English and Korean (`inLanguage` picks one for a reader). */
export interface Explanation {
  summary: Text;
  steps: Text[];
}

export interface DnsAnswer {
  question: Question;
  rcode: Rcode;
  /**
   * False when the `kubernetes` plugin does not answer: names outside its zones and reverse names
   * it has no record for go to the next plugin (`forward` in the default Corefile).
   */
  authoritative: boolean;
  answer: DnsRecord[];
  additional: DnsRecord[];
  /** The zone's SOA on negative answers (NXDOMAIN, and NOERROR without records), as CoreDNS sends it. */
  authority: DnsRecord[];
  explanation: Explanation;
}

/** One place where CoreDNS, and so kubeknow, does something the specification does not say. */
export interface SpecDifference {
  id: string;
  topic: string;
  /** `contradicts`: the spec says otherwise; `extends`: CoreDNS serves more; `unspecified`: the spec leaves it open. */
  kind: 'contradicts' | 'extends' | 'unspecified';
  spec: string;
  coredns: string;
  source: string;
}
