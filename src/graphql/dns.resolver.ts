// dnsQuery, dnsRecords, dnsResolve, endpointSlices: the kernel's facade, shaped for GraphQL.
import { JSONResolver } from 'graphql-scalars';
import { Arg, Int, Query, Resolver } from 'type-graphql';
import * as kernel from '../k8s';
import { DnsAnswer, DnsRecord, DnsResolution, EndpointSliceSet } from './dns.type';
import { PodMode } from './enums';

const MANIFESTS = {
  nullable: true,
  description:
    'The manifests as text: YAML (documents separated by ---) or JSON, as `kubectl get -o yaml` prints them. Give this or `objects`.',
} as const;
const OBJECTS = {
  nullable: true,
  description: 'The manifests as JSON objects (a list, one object, or a kind: List). Give this or `manifests`.',
} as const;
const DOMAIN = { nullable: true, description: 'The cluster domain (default cluster.local).' } as const;
const POD_MODE = { nullable: true, description: 'How Pod names are answered (default INSECURE).' } as const;
const TTL = { nullable: true, description: 'TTL of the records in seconds (default 5).' } as const;

/** Drops the arguments left out, so the kernel applies its defaults and names only what was given. */
const given = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));

@Resolver()
export class DnsResolver {
  @Query(() => DnsAnswer, {
    description: 'The answer CoreDNS would give to one question about the cluster these manifests describe.',
  })
  dnsQuery(
    @Arg('name', () => String, { description: 'The name asked for, e.g. web.shop.svc.cluster.local.' }) name: string,
    @Arg('type', () => String, { defaultValue: 'A', description: 'The record type: A, AAAA, SRV, PTR, CNAME, TXT, …' })
    type: string,
    @Arg('manifests', () => String, MANIFESTS) manifests: string | null,
    @Arg('objects', () => JSONResolver, OBJECTS) objects: unknown,
    @Arg('clusterDomain', () => String, DOMAIN) clusterDomain: string | null,
    @Arg('podMode', () => PodMode, POD_MODE) podMode: string | null,
    @Arg('ttl', () => Int, TTL) ttl: number | null,
  ) {
    return kernel.dnsQuery(given({ manifests, objects, clusterDomain, podMode, ttl, query: { name, type } }));
  }

  @Query(() => [DnsRecord], {
    description: 'Every record cluster DNS serves for these manifests, each with its source and rule.',
  })
  dnsRecords(
    @Arg('manifests', () => String, MANIFESTS) manifests: string | null,
    @Arg('objects', () => JSONResolver, OBJECTS) objects: unknown,
    @Arg('clusterDomain', () => String, DOMAIN) clusterDomain: string | null,
    @Arg('podMode', () => PodMode, POD_MODE) podMode: string | null,
    @Arg('ttl', () => Int, TTL) ttl: number | null,
  ) {
    return kernel.dnsRecords(given({ manifests, objects, clusterDomain, podMode, ttl }));
  }

  @Query(() => DnsResolution, {
    description: 'How a name resolves from inside a Pod, through its resolv.conf search list.',
  })
  dnsResolve(
    @Arg('name', () => String, {
      description: 'The name as a program in the Pod asks for it: web, web.shop, or a full name.',
    })
    name: string,
    @Arg('type', () => String, { defaultValue: 'A', description: 'The record type.' }) type: string,
    @Arg('fromPod', () => String, {
      nullable: true,
      description: 'The asking Pod, namespace/name, among the manifests.',
    })
    fromPod: string | null,
    @Arg('fromNamespace', () => String, {
      nullable: true,
      description: 'Without fromPod: a ClusterFirst Pod in this namespace asks.',
    })
    fromNamespace: string | null,
    @Arg('manifests', () => String, MANIFESTS) manifests: string | null,
    @Arg('objects', () => JSONResolver, OBJECTS) objects: unknown,
    @Arg('clusterDomain', () => String, DOMAIN) clusterDomain: string | null,
    @Arg('podMode', () => PodMode, POD_MODE) podMode: string | null,
  ) {
    return kernel.dnsResolve(given({ name, type, fromPod, fromNamespace, manifests, objects, clusterDomain, podMode }));
  }

  @Query(() => EndpointSliceSet, {
    description: 'The EndpointSlices and Endpoints the control plane would hold for these manifests.',
  })
  endpointSlices(
    @Arg('manifests', () => String, MANIFESTS) manifests: string | null,
    @Arg('objects', () => JSONResolver, OBJECTS) objects: unknown,
    @Arg('maxEndpointsPerSlice', () => Int, {
      nullable: true,
      description: 'Endpoints per slice, 1–1000 (default 100).',
    })
    maxEndpointsPerSlice: number | null,
  ) {
    return kernel.endpointSlices(given({ manifests, objects, maxEndpointsPerSlice }));
  }
}
