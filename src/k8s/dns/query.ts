// The query grammar: which zone a name falls in, and how CoreDNS's parse.go splits a name in the
// cluster zone into its parts. Nothing here looks at the cluster.
import { FieldPath, Problems } from '../../errors';
import type { Text } from '../explanation';
import { absoluteName, isInZone, labelsOf } from './names';
import { didYouMeanText } from '../../util/suggest';

/** Query types kubeknow accepts; the ones CoreDNS's handler does not name are answered by existence only. */
export const QUERY_TYPES = [
  'A',
  'AAAA',
  'CNAME',
  'SRV',
  'PTR',
  'TXT',
  'NS',
  'SOA',
  'MX',
  'ANY',
  'CAA',
  'HINFO',
  'NAPTR',
  'DS',
  'DNSKEY',
  'HTTPS',
  'SVCB',
  'AXFR',
  'IXFR',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export interface Question {
  /** Lower-case and absolute. */
  name: string;
  type: QueryType;
}

/** Validates a question as a transport hands it over: the name is required, the type defaults to A. */
export function question(input: { name?: unknown; type?: unknown }, path = FieldPath.root()): Question {
  const problems = new Problems();
  const namePath = path.child('name');
  const typePath = path.child('type');
  let name = '.';
  if (input.name === undefined || input.name === null || input.name === '') {
    problems.add('FIELD_REQUIRED', namePath, 'a DNS name to look up, such as "web.shop.svc.cluster.local"');
  } else if (typeof input.name !== 'string') {
    problems.add('FIELD_INVALID', namePath, 'must be a string', input.name);
  } else {
    name = absoluteName(input.name.trim());
    const why = nameProblem(name);
    if (why) problems.add('FIELD_INVALID', namePath, why, input.name);
  }
  let type: QueryType = 'A';
  if (input.type !== undefined && input.type !== null && input.type !== '') {
    const upper = typeof input.type === 'string' ? input.type.toUpperCase() : '';
    if ((QUERY_TYPES as readonly string[]).includes(upper)) type = upper as QueryType;
    else
      problems.add(
        'FIELD_NOT_SUPPORTED',
        typePath,
        `supported types: ${QUERY_TYPES.join(', ')}${didYouMeanText(typeof input.type === 'string' ? input.type : JSON.stringify(input.type), QUERY_TYPES)}`,
        input.type,
      );
  }
  problems.throwIfAny();
  return { name, type };
}

/** Why a name (absolute, as absoluteName makes it) cannot be asked, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '.') return undefined;
  if (name.length > 254) return 'must be at most 253 characters (RFC 1035 §2.3.4)';
  if (/[\s\\]/.test(name)) return 'must not contain spaces or backslashes';
  for (const label of labelsOf(name)) {
    if (label === '') return 'must not contain an empty label ("..")';
    if (label.length > 63) return `label "${label.slice(0, 20)}…" is longer than 63 characters (RFC 1035 §2.3.4)`;
  }
  return undefined;
}

export type ZoneMatch =
  { kind: 'cluster'; zone: string } | { kind: 'reverse'; zone: 'in-addr.arpa.' | 'ip6.arpa.' } | { kind: 'outside' };

/**
 * The zone that answers a name. kubeadm's Corefile gives the `kubernetes` plugin the cluster
 * domain and both reverse zones: `kubernetes cluster.local in-addr.arpa ip6.arpa`.
 */
export function matchZone(name: string, clusterZone: string): ZoneMatch {
  if (isInZone(name, clusterZone)) return { kind: 'cluster', zone: clusterZone };
  if (isInZone(name, 'in-addr.arpa.')) return { kind: 'reverse', zone: 'in-addr.arpa.' };
  if (isInZone(name, 'ip6.arpa.')) return { kind: 'reverse', zone: 'ip6.arpa.' };
  return { kind: 'outside' };
}

/** What parse.go makes of a name in the cluster zone; `podOrSvc` is '' for the apex, `svc.` and `pod.`. */
export interface RecordRequest {
  podOrSvc: '' | 'svc' | 'pod';
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
  /** The labels left of the zone, as given. */
  labels: string[];
}

export type ParsedName = { ok: true; request: RecordRequest } | { ok: false; reason: Text };

/**
 * Splits a cluster-zone name the way CoreDNS's parse.go does (no multicluster, no zonal names):
 * `[endpoint.]service.namespace.(svc|pod).zone` or `_port._protocol.service.namespace.(svc|pod).zone`.
 * Underscores on port and protocol are optional, as parse.go strips them only when present.
 */
export function parseQuery(name: string, zone: string): ParsedName {
  const labels = labelsOf(name.slice(0, name.length - zone.length));
  const request: RecordRequest = {
    podOrSvc: '',
    namespace: '',
    service: '',
    endpoint: '',
    port: '',
    protocol: '',
    labels,
  };
  const base = labels.join('.');
  if (base === '' || base === 'svc' || base === 'pod') return { ok: true, request };
  let last = labels.length - 1;
  const kind = labels[last];
  if (kind !== 'svc' && kind !== 'pod') {
    return {
      ok: false,
      reason: {
        en: `"${kind}" is neither "svc" nor "pod", the only labels CoreDNS serves directly under the zone`,
        ko: `"${kind}"은(는) CoreDNS가 zone 바로 아래에서 제공하는 레이블인 "svc"도 "pod"도 아니다`,
      },
    };
  }
  request.podOrSvc = kind;
  if (--last < 0) return { ok: true, request };
  request.namespace = labels[last];
  if (--last < 0) return { ok: true, request };
  request.service = labels[last];
  if (--last < 0) return { ok: true, request };
  if (last === 0) {
    request.endpoint = labels[0];
  } else if (last === 1) {
    request.protocol = stripUnderscore(labels[1]);
    request.port = stripUnderscore(labels[0]);
  } else {
    return {
      ok: false,
      reason: {
        en: `${labels.length} labels under the zone: CoreDNS answers at most 5 (_port._protocol.service.namespace.svc)`,
        ko: `zone 아래 레이블이 ${labels.length}개다. CoreDNS는 최대 5개(_port._protocol.service.namespace.svc)까지만 답한다`,
      },
    };
  }
  return { ok: true, request };
}

function stripUnderscore(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label;
}
