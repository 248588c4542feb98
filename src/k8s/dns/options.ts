// Options of the DNS kernel, named after what they configure in a real cluster: the kubelet's
// --cluster-domain (also the zone of CoreDNS's `kubernetes` plugin), and the plugin's `pods`
// and `ttl` settings (https://coredns.io/plugins/kubernetes/).
import { FieldPath, Problems } from '../../errors';
import { didYouMeanText } from '../../util/suggest';

/** CoreDNS's `pods` modes (https://coredns.io/plugins/kubernetes/): the one list of them. */
export const POD_MODES = ['insecure', 'verified', 'disabled'] as const;
export type PodMode = (typeof POD_MODES)[number];

export interface DnsOptions {
  /** The cluster domain, without a trailing dot: `cluster.local` unless the kubelet says otherwise. */
  clusterDomain: string;
  /** CoreDNS's `pods` setting. The default Corefile that kubeadm writes uses `pods insecure`. */
  podMode: PodMode;
  /** TTL of every answer, in seconds; CoreDNS's default is 5 and its maximum 3600. */
  ttl: number;
}

export type DnsOptionsInput = Partial<DnsOptions>;

export const DEFAULT_DNS_OPTIONS: Readonly<DnsOptions> = Object.freeze({
  clusterDomain: 'cluster.local',
  podMode: 'insecure',
  ttl: 5,
});

/** CoreDNS's largest TTL, in seconds. */
export const MAX_TTL = 3600;
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Fills in defaults and validates; every problem is reported at once, at its option's path. */
export function dnsOptions(input: DnsOptionsInput | undefined = {}): DnsOptions {
  const problems = new Problems();
  const root = FieldPath.root();
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (given[key] !== undefined && !(key in DEFAULT_DNS_OPTIONS)) {
      problems.add(
        'FIELD_NOT_SUPPORTED',
        root.child(key),
        `unknown DNS option${didYouMeanText(key, Object.keys(DEFAULT_DNS_OPTIONS))}; supported: clusterDomain, podMode, ttl`,
        key,
      );
    }
  }
  const clusterDomain = checkClusterDomain(given.clusterDomain, root.child('clusterDomain'), problems);
  const podMode = checkPodMode(given.podMode, root.child('podMode'), problems);
  const ttl = checkTtl(given.ttl, root.child('ttl'), problems);
  problems.throwIfAny();
  return { clusterDomain, podMode, ttl };
}

/** The cluster domain as the kubelet and CoreDNS read it: lower-case, without a trailing dot. */
export const normalDomain = (value: string): string => value.toLowerCase().replace(/\.$/, '');

/** Why a cluster domain is refused, or undefined when it is a good one. */
export function clusterDomainProblem(value: string): string | undefined {
  // The kubelet validates --cluster-domain as a DNS-1123 subdomain; DNS names compare without case.
  const domain = normalDomain(value);
  if (domain === '' || domain.length > 253 || !domain.split('.').every((l) => LABEL.test(l)))
    return 'must be a DNS subdomain: dot-separated labels of a-z, 0-9 and "-", each 1-63 characters, starting and ending with a letter or digit';
  if (domain === 'in-addr.arpa' || domain === 'ip6.arpa' || /\.(in-addr|ip6)\.arpa$/.test(domain))
    return 'must not be a reverse zone: CoreDNS serves in-addr.arpa and ip6.arpa beside the cluster domain';
  return undefined;
}

function checkClusterDomain(value: unknown, path: FieldPath, problems: Problems): string {
  if (value === undefined) return DEFAULT_DNS_OPTIONS.clusterDomain;
  if (typeof value !== 'string') {
    problems.add('FIELD_INVALID', path, 'must be a string such as "cluster.local"', value);
    return DEFAULT_DNS_OPTIONS.clusterDomain;
  }
  const why = clusterDomainProblem(value);
  if (why) problems.add('FIELD_INVALID', path, why, value);
  return normalDomain(value);
}

function checkPodMode(value: unknown, path: FieldPath, problems: Problems): PodMode {
  if (value === undefined) return DEFAULT_DNS_OPTIONS.podMode;
  if (typeof value === 'string' && (POD_MODES as readonly string[]).includes(value)) return value as PodMode;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  problems.add(
    'FIELD_NOT_SUPPORTED',
    path,
    `supported values: ${POD_MODES.map((m) => `"${m}"`).join(', ')}${didYouMeanText(text, POD_MODES)}`,
    value,
  );
  return DEFAULT_DNS_OPTIONS.podMode;
}

function checkTtl(value: unknown, path: FieldPath, problems: Problems): number {
  if (value === undefined) return DEFAULT_DNS_OPTIONS.ttl;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TTL) {
    problems.add(
      'FIELD_INVALID',
      path,
      `must be a whole number of seconds between 0 and ${MAX_TTL} (CoreDNS's limits)`,
      value,
    );
    return DEFAULT_DNS_OPTIONS.ttl;
  }
  return value;
}
