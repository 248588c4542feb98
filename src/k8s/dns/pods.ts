// Pods by IP, as CoreDNS's `pods` modes look them up: every Pod IP for `pods insecure` (which answers
// any IP anyway, and names the Pod when there is one), the status.podIP of Pending and Running Pods
// for `pods verified`.
import type { Pod } from '../objects';
import { parseIp } from '../objects';
import { dashedAddress } from './names';
import { record } from './rrset';
import { RULES } from './rules';
import type { PodIpIndex } from './model';
import type { Text } from '../explanation';
import type { DnsRecord } from './types';

/** The records of the namespace's Pods that have this canonical IP, in input order. */
export function podsWithIp(index: PodIpIndex, namespace: string, ip: string): DnsRecord[] {
  const found = index.get(namespace.toLowerCase())?.get(ip);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

const POD_IP_PATHS = ['status.podIPs[0]', 'status.podIPs[1]'];

/**
 * Adds Pods to an index. Pods come grouped by namespace as kubectl lists them, so the namespace's map
 * (and its name suffix) is looked up again only when the namespace differs from the previous Pod's.
 */
class IndexBuilder {
  readonly index: PodIpIndex = new Map();
  private namespace: string | undefined;
  private byIp: Map<string, DnsRecord | DnsRecord[]> | undefined;
  private suffix = '';

  constructor(
    private readonly zone: string,
    private readonly ttl: number,
    private readonly rule: Text,
  ) {}

  add(pod: Pod, text: string, path: string): void {
    const ip = parseIp(text);
    if (!ip) return;
    const { namespace: raw, name } = pod.metadata;
    let byIp = this.byIp;
    if (raw !== this.namespace || !byIp) {
      const namespace = raw.toLowerCase();
      byIp = this.index.get(namespace);
      if (!byIp) this.index.set(namespace, (byIp = new Map<string, DnsRecord | DnsRecord[]>()));
      this.namespace = raw;
      this.byIp = byIp;
      this.suffix = `.${namespace}.pod.${this.zone}`;
    }
    const source = { kind: 'Pod' as const, namespace: raw, name, path };
    const value = record(
      dashedAddress(ip) + this.suffix,
      ip.family === 4 ? 'A' : 'AAAA',
      this.ttl,
      ip.text,
      source,
      this.rule,
    );
    const known = byIp.get(ip.text);
    if (known === undefined) byIp.set(ip.text, value);
    else if (Array.isArray(known)) known.push(value);
    else byIp.set(ip.text, [known, value]);
  }
}

/** Every IP of every Pod, for `pods insecure`. */
export function podIpIndex(pods: Pod[], zone: string, ttl: number): PodIpIndex {
  const index = new IndexBuilder(zone, ttl, RULES.podInsecure);
  for (const pod of pods) {
    const { podIP, podIPs } = pod.status;
    if (podIPs.length)
      for (let i = 0; i < podIPs.length; i++) index.add(pod, podIPs[i], POD_IP_PATHS[i] ?? `status.podIPs[${i}]`);
    else if (podIP) index.add(pod, podIP, 'status.podIP');
  }
  return index.index;
}

/**
 * CoreDNS lists Pods with a field selector that drops Succeeded, Failed and Unknown ones, and
 * indexes each by status.podIP alone (controller.go podIPIndexFunc), so a second IP is never verified.
 */
export function verifiedPodIpIndex(pods: Pod[], zone: string, ttl: number): PodIpIndex {
  const index = new IndexBuilder(zone, ttl, RULES.podVerified);
  for (const pod of pods) {
    if (pod.status.phase !== 'Pending' && pod.status.phase !== 'Running') continue;
    index.add(pod, pod.status.podIP ?? pod.status.podIPs[0] ?? '', 'status.podIP');
  }
  return index.index;
}
