// Pods by IP, as CoreDNS's `pods` modes look them up: every Pod IP for `pods insecure` (which answers
// any IP anyway, and names the Pod when there is one), the status.podIP of Pending and Running Pods
// for `pods verified`.
import type { ParsedIp, Pod } from '../objects';
import { parseIp } from '../objects';
import type { RecordSource } from './types';

/** A Pod's IP, with the field it is read from. */
export interface PodIp {
  pod: Pod;
  ip: ParsedIp;
  source: RecordSource;
}

/**
 * Pods by namespace, then by IP: nested, so that no key is built per Pod. An IP maps to its one Pod,
 * or to every Pod that has it when several do.
 */
export type PodIpIndex = Map<string, Map<string, PodIp | PodIp[]>>;

/** The Pods of the namespace that have this canonical IP, in input order. */
export function podsWithIp(index: PodIpIndex, namespace: string, ip: string): PodIp[] {
  const found = index.get(namespace.toLowerCase())?.get(ip);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

const POD_IP_PATHS = ['status.podIPs[0]', 'status.podIPs[1]'];

/**
 * Adds Pods to an index. Pods come grouped by namespace as kubectl lists them, so the namespace's map
 * is looked up again only when the namespace differs from the previous Pod's.
 */
class IndexBuilder {
  readonly index: PodIpIndex = new Map();
  private namespace: string | undefined;
  private byIp: Map<string, PodIp | PodIp[]> | undefined;

  add(value: PodIp): void {
    const raw = value.pod.metadata.namespace;
    let byIp = this.byIp;
    if (raw !== this.namespace || !byIp) {
      const namespace = raw.toLowerCase();
      byIp = this.index.get(namespace);
      if (!byIp) this.index.set(namespace, (byIp = new Map()));
      this.namespace = raw;
      this.byIp = byIp;
    }
    addTo(byIp, value);
  }
}

function addTo(byIp: Map<string, PodIp | PodIp[]>, value: PodIp): void {
  const known = byIp.get(value.ip.text);
  if (known === undefined) byIp.set(value.ip.text, value);
  else if (Array.isArray(known)) known.push(value);
  else byIp.set(value.ip.text, [known, value]);
}

/** Every IP of every Pod, by namespace and canonical IP. */
export function podIpIndex(pods: Pod[]): PodIpIndex {
  const index = new IndexBuilder();
  for (const pod of pods) {
    const { namespace, name } = pod.metadata;
    const { podIP, podIPs } = pod.status;
    const texts = podIPs.length ? podIPs : podIP ? [podIP] : [];
    for (let i = 0; i < texts.length; i++) {
      const ip = parseIp(texts[i]);
      if (!ip) continue;
      const path = podIPs.length ? (POD_IP_PATHS[i] ?? `status.podIPs[${i}]`) : 'status.podIP';
      index.add({ pod, ip, source: { kind: 'Pod', namespace, name, path } });
    }
  }
  return index.index;
}

/**
 * CoreDNS lists Pods with a field selector that drops Succeeded, Failed and Unknown ones, and
 * indexes each by status.podIP alone (controller.go podIPIndexFunc), so a second IP is never verified.
 */
export function verifiedPodIpIndex(pods: Pod[]): PodIpIndex {
  const index = new IndexBuilder();
  for (const pod of pods) {
    const { namespace, name } = pod.metadata;
    if (pod.status.phase !== 'Pending' && pod.status.phase !== 'Running') continue;
    const ip = parseIp(pod.status.podIP ?? pod.status.podIPs[0] ?? '');
    if (ip) index.add({ pod, ip, source: { kind: 'Pod', namespace, name, path: 'status.podIP' } });
  }
  return index.index;
}
