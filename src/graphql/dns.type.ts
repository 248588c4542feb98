// Cluster DNS as GraphQL types: the records CoreDNS serves and its answers (src/k8s/dns).
import { JSONResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The object a record is computed from.' })
export class DnsRecordSource {
  @Field(() => String, { description: 'Service, EndpointSlice, Pod, Namespace or Zone.' }) kind!: string;
  @Field(() => String, { description: 'Its namespace ("" for the zone).' }) namespace!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'The field holding the data, e.g. `spec.clusterIPs[0]`.' })
  path?: string;
}

@ObjectType({ description: 'One DNS record, as a zone file writes it, with why it exists.' })
export class DnsRecord {
  @Field(() => String, { description: 'Lower-case absolute name with a trailing dot.' }) name!: string;
  @Field(() => String, { description: 'A, AAAA, CNAME, SRV, PTR, TXT, SOA or NS.' }) type!: string;
  @Field(() => Int, { description: 'Time to live in seconds.' }) ttl!: number;
  @Field(() => String, {
    description:
      'An address for A/AAAA; a name with a trailing dot for CNAME/PTR; `priority weight port target.` for SRV; the text for TXT.',
  })
  data!: string;
  @Field(() => DnsRecordSource, { description: 'The object the record comes from.' }) source!: DnsRecordSource;
  @Field(() => String, {
    description: 'Why the record exists, quotable: its rule and the spec section or CoreDNS source.',
  })
  rule!: string;
}

@ObjectType({ description: 'Why an answer is what it is, step by step.' })
export class DnsExplanation {
  @Field(() => String, { description: 'One sentence.' }) summary!: string;
  @Field(() => [String], { description: 'The steps CoreDNS takes, in order.' }) steps!: string[];
}

@ObjectType({ description: 'A DNS question.' })
export class DnsQuestion {
  @Field(() => String, { description: 'The name asked for.' }) name!: string;
  @Field(() => String, { description: 'The record type asked for.' }) type!: string;
}

@ObjectType({ description: 'What CoreDNS’s `kubernetes` plugin answers to one question.' })
export class DnsAnswer {
  @Field(() => DnsQuestion, { description: 'The question, normalised.' }) question!: DnsQuestion;
  @Field(() => String, { description: 'NOERROR, NXDOMAIN, or REFUSED for names the plugin does not serve.' })
  rcode!: string;
  @Field(() => Boolean, {
    description: 'False when the name is outside the cluster zone (another plugin would answer).',
  })
  authoritative!: boolean;
  @Field(() => [DnsRecord], { description: 'The answer section.' }) answer!: DnsRecord[];
  @Field(() => [DnsRecord], { description: 'The additional section (addresses of SRV targets).' })
  additional!: DnsRecord[];
  @Field(() => [DnsRecord], { description: 'The authority section (the zone’s SOA on negative answers).' })
  authority!: DnsRecord[];
  @Field(() => DnsExplanation, { description: 'Why the answer is what it is.' }) explanation!: DnsExplanation;
}

@ObjectType({ description: 'One name a Pod’s resolver tried.' })
export class DnsTriedName {
  @Field(() => String, { description: 'The absolute name tried.' }) name!: string;
  @Field(() => String, { description: 'The answer’s rcode.' }) rcode!: string;
  @Field(() => Int, { description: 'How many records it answered.' }) answerCount!: number;
  @Field(() => String, { nullable: true, description: 'Why this name was tried or skipped.' }) note?: string;
}

@ObjectType({ description: 'The Pod’s /etc/resolv.conf as the kubelet writes it.' })
export class DnsResolvConf {
  @Field(() => [String], { description: 'nameserver lines.' }) nameservers!: string[];
  @Field(() => [String], { description: 'The search list.' }) search!: string[];
  @Field(() => Int, { description: 'The resolver’s ndots.' }) ndots!: number;
  @Field(() => String, { description: 'The file’s text.' }) text!: string;
}

@ObjectType({ description: 'How a name resolves from inside a Pod: the names tried in order and the answer found.' })
export class DnsResolution {
  @Field(() => DnsResolvConf, { description: 'The asking Pod’s resolv.conf.' }) resolvConf!: DnsResolvConf;
  @Field(() => [DnsTriedName], { description: 'Every name tried, in order.' }) tried!: DnsTriedName[];
  @Field(() => DnsAnswer, { nullable: true, description: 'The first answer with records; null when none had any.' })
  answer!: DnsAnswer | null;
  @Field(() => DnsExplanation, { description: 'Why resolution went as it did.' }) explanation!: DnsExplanation;
}

@ObjectType({ description: 'The EndpointSlices (and legacy Endpoints) the control plane would hold.' })
export class EndpointSliceSet {
  @Field(() => JSONResolver, { description: 'Every EndpointSlice, as `kubectl get endpointslices -o json` shows it.' })
  endpointSlices!: Record<string, unknown>[];
  @Field(() => JSONResolver, { description: 'The legacy Endpoints objects.' }) endpoints!: Record<string, unknown>[];
}
