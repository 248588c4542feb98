// Pod (core/v1): spec defaulting (SetDefaults_PodSpec) and validation (ValidatePodSpec, validateDNS…),
// and the status fields the kernel reads (phase, IPs, conditions).
import type { FieldPath } from '../../errors';
import type { DNSPolicy, Pod, PodCondition, PodDNSConfig, Toleration } from './types';
import { readContainers } from './container';
import { isIP } from './ip';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { defaultPodSpec, readSchedulingFields } from './pod-scheduling';
import type { Obj, Reader } from './read';
import { INVALID_IP } from './service';

const DNS_POLICIES: readonly DNSPolicy[] = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

function dnsConfig(r: Reader, v: unknown, path: FieldPath, policy: DNSPolicy): PodDNSConfig | undefined {
  const o = r.obj(v, path);
  if (!o) {
    if (policy === 'None') r.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None');
    return undefined;
  }
  const nameservers = r.strList(o.nameservers, path.child('nameservers'));
  nameservers.forEach((ip, i) => {
    if (!isIP(ip)) r.invalid(path.child('nameservers').index(i), INVALID_IP, ip);
  });
  if (nameservers.length > MAX_NAMESERVERS) {
    r.invalid(path.child('nameservers'), `must not have more than ${MAX_NAMESERVERS} nameservers`, nameservers);
  }
  if (policy === 'None' && !nameservers.length) {
    r.required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  const searches = r.strList(o.searches, path.child('searches'));
  if (searches.length > MAX_SEARCHES)
    r.invalid(path.child('searches'), `must not have more than ${MAX_SEARCHES} search paths`, searches);
  // A search domain may end in a dot; the rest must be a DNS subdomain.
  searches.forEach((s, i) => r.check(path.child('searches').index(i), s, isDNS1123Subdomain(s.replace(/\.$/, ''))));
  const options = r.list(o.options, path.child('options')).flatMap((item, i) => {
    const p = path.child('options').index(i);
    const opt = r.obj(item, p);
    if (!opt) return [];
    const name = r.reqStr(opt.name, p.child('name')) ?? '';
    const value = r.str(opt.value, p.child('value'));
    return [{ name, ...(value !== undefined ? { value } : {}) }];
  });
  return { nameservers, searches, options };
}

function toleration(r: Reader, v: unknown, path: FieldPath): Toleration | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const t: Toleration = {
    operator: r.oneOf(o.operator, path.child('operator'), ['Exists', 'Equal'] as const, 'Equal'),
  };
  const key = r.str(o.key, path.child('key'));
  if (key) {
    r.check(path.child('key'), key, isQualifiedName(key));
    t.key = key;
  }
  const value = r.str(o.value, path.child('value'));
  if (value) t.value = value;
  const effect = r.oneOf(o.effect, path.child('effect'), EFFECTS);
  if (effect) t.effect = effect;
  const seconds = r.int(o.tolerationSeconds, path.child('tolerationSeconds'));
  if (seconds !== undefined) t.tolerationSeconds = seconds;
  if (!key && t.operator !== 'Exists') {
    r.invalid(
      path.child('operator'),
      'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      t.operator,
    );
  }
  if (t.operator === 'Exists' && value)
    r.invalid(path.child('operator'), "value must be empty when `operator` is 'Exists'", value);
  if (seconds !== undefined && effect !== 'NoExecute') {
    r.invalid(path.child('effect'), "effect must be 'NoExecute' when `tolerationSeconds` is set", effect ?? '');
  }
  return t;
}

function optionalLabel(r: Reader, v: unknown, path: FieldPath): string | undefined {
  const s = r.str(v, path);
  if (s) r.check(path, s, isDNS1123Label(s));
  return s || undefined;
}

/** A Pod spec (also a StatefulSet's template spec), defaulted and validated. */
export function readPodSpec(r: Reader, v: unknown, path: FieldPath): Pod['spec'] {
  const o: Obj = r.obj(v, path) ?? {};
  const names = new Set<string>();
  const containers = readContainers(r, o.containers, path.child('containers'), false, names);
  if (!Array.isArray(o.containers) || o.containers.length === 0) r.required(path.child('containers'));
  const dnsPolicy = r.oneOf(o.dnsPolicy, path.child('dnsPolicy'), DNS_POLICIES, 'ClusterFirst');
  const spec: Omit<Pod['spec'], keyof ReturnType<typeof readSchedulingFields>> = {
    setHostnameAsFQDN: r.bool(o.setHostnameAsFQDN, path.child('setHostnameAsFQDN'), false),
    hostNetwork: r.bool(o.hostNetwork, path.child('hostNetwork'), false),
    dnsPolicy,
    containers,
    initContainers: readContainers(r, o.initContainers, path.child('initContainers'), true, names),
    nodeSelector: r.labels(o.nodeSelector, path.child('nodeSelector')),
    tolerations: r
      .list(o.tolerations, path.child('tolerations'))
      .flatMap((t, i) => toleration(r, t, path.child('tolerations').index(i)) ?? []),
    restartPolicy: r.oneOf(
      o.restartPolicy,
      path.child('restartPolicy'),
      ['Always', 'OnFailure', 'Never'] as const,
      'Always',
    ),
  };
  const hostname = optionalLabel(r, o.hostname, path.child('hostname'));
  if (hostname) spec.hostname = hostname;
  const subdomain = optionalLabel(r, o.subdomain, path.child('subdomain'));
  if (subdomain) spec.subdomain = subdomain;
  const nodeName = r.str(o.nodeName, path.child('nodeName'));
  if (nodeName) spec.nodeName = nodeName;
  const config = dnsConfig(r, o.dnsConfig, path.child('dnsConfig'), dnsPolicy);
  if (config) spec.dnsConfig = config;
  return { ...spec, ...readSchedulingFields(r, o, path) };
}

function podIPs(r: Reader, status: Obj, path: FieldPath): { podIP?: string; podIPs: string[] } {
  const podIP = r.str(status.podIP, path.child('podIP'));
  if (podIP && !isIP(podIP)) r.invalid(path.child('podIP'), INVALID_IP, podIP);
  const list = r.list(status.podIPs, path.child('podIPs')).flatMap((item, i) => {
    const p = path.child('podIPs').index(i);
    const ip = r.str(r.obj(item, p)?.ip, p.child('ip'));
    if (ip !== undefined && !isIP(ip)) r.invalid(p.child('ip'), INVALID_IP, ip);
    return ip ? [ip] : [];
  });
  if (podIP && list.length && list[0] !== podIP)
    r.invalid(path.child('podIPs').index(0).child('ip'), 'must match `podIP`', list[0]);
  const ips = list.length ? list : podIP ? [podIP] : [];
  return { ...(ips.length ? { podIP: ips[0] } : {}), podIPs: ips };
}

function conditions(r: Reader, v: unknown, path: FieldPath): PodCondition[] {
  return r.list(v, path).flatMap((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return [];
    const type = r.reqStr(o.type, p.child('type')) ?? '';
    return [{ type, status: r.oneOf(o.status, p.child('status'), ['True', 'False', 'Unknown'] as const, 'Unknown') }];
  });
}

// The Pods a controller creates from one template hold the template's spec object itself (podManifest
// in cluster/controllers.ts), so one parse (one Reader) reads each spec object once: the replicas of a
// Deployment share the parsed spec (containers, requests, terms), as they share the manifest's. A spec
// that had problems is read again, so that every Pod's own paths are reported. A parse's memo is a Map,
// not a weak one: it lives as long as its Reader, as the manifests it holds do, and a weak map's
// entries are work for every garbage collection.
const parsedSpecs = new WeakMap<Reader, Map<object, Pod['spec']>>();

function podSpecOf(r: Reader, v: unknown, path: FieldPath): Pod['spec'] {
  const read = () => defaultPodSpec(readPodSpec(r, v, path));
  if (typeof v !== 'object' || v === null) return read();
  let memo = parsedSpecs.get(r);
  if (!memo) parsedSpecs.set(r, (memo = new Map<object, Pod['spec']>()));
  const known = memo.get(v);
  if (known) return known;
  const problems = r.problems.size;
  const spec = read();
  if (r.problems.size === problems) memo.set(v, spec);
  return spec;
}

/** A Pod, defaulted and validated. */
export function readPod(r: Reader, raw: Obj, path: FieldPath, metadata: Pod['metadata']): Pod {
  const sp = path.child('status');
  const status: Obj = r.obj(raw.status, sp) ?? {};
  const hostIP = r.str(status.hostIP, sp.child('hostIP'));
  if (hostIP && !isIP(hostIP)) r.invalid(sp.child('hostIP'), INVALID_IP, hostIP);
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata,
    spec: podSpecOf(r, raw.spec, path.child('spec')),
    status: {
      phase: r.oneOf(status.phase, sp.child('phase'), PHASES, 'Pending'),
      ...podIPs(r, status, sp),
      ...(hostIP ? { hostIP } : {}),
      conditions: conditions(r, status.conditions, sp.child('conditions')),
    },
    raw,
  };
}
