// The cluster as CoreDNS's informers see it: Services, the ready addresses of their EndpointSlices
// (object/endpoint.go keeps only endpoints whose `ready` condition is true or unset), Pods by IP,
// and which namespaces exist. Built once per input for records and answers alike; the indexes that
// only some questions need are built on first use.
import type { Cluster, EndpointSlice, Service } from '../objects/types';
import { slicesByService } from '../endpoints';
import { parseIp, serviceKey } from '../objects';
import { LabelIndex } from './labels';
import { endpointLabel, serviceFqdn, zoneName } from './names';
import type { DnsOptions } from './options';
import type { Catalog, EndpointView, PodIpIndex, PortView, ReverseIndex, ServiceView } from './model';
import { podIpIndex, verifiedPodIpIndex } from './pods';
import { reverseIndex } from './reverse';
import type { Text } from '../explanation';
import type { RecordSource } from './types';

/** The ready endpoints of the Service named `label`, in slice order. */
export function endpointsLabelled(view: ServiceView, label: string): EndpointView[] {
  return view.byLabel.get(label);
}

/** Indexes the cluster for DNS. */
export function buildCatalog(cluster: Cluster, options: DnsOptions): Catalog {
  const slicesFor = slicesByService(cluster);
  const services = new Map<string, ServiceView>();
  const serviceList: ServiceView[] = [];
  cluster.services.forEach((svc) => {
    const key = serviceKey(svc.metadata.namespace, svc.metadata.name);
    if (services.has(key)) return;
    const view = serviceView(svc, slicesFor.get(key) ?? [], options);
    services.set(key, view);
    serviceList.push(view);
  });
  const orphanEndpoints: EndpointView[] = [];
  for (const [key, slices] of slicesFor) {
    if (services.has(key)) continue;
    const [namespace, name] = key.split('/');
    const skipped = { notReady: 0, fqdnSlices: 0, badAddresses: 0, notReadyLabels: new Set<string>() };
    endpointViews(serviceFqdn({ name, namespace }, options.clusterDomain), slices, skipped, orphanEndpoints);
  }
  let podIps: PodIpIndex | undefined;
  let verifiedPodIps: PodIpIndex | undefined;
  let reverse: ReverseIndex | undefined;
  const zone = zoneName(options.clusterDomain);
  return {
    options,
    zone,
    namespaces: namespacesOf(cluster),
    services,
    serviceList,
    orphanEndpoints,
    get podIps() {
      return (podIps ??= podIpIndex(cluster.pods, zone, options.ttl));
    },
    get verifiedPodIps() {
      return (verifiedPodIps ??= verifiedPodIpIndex(cluster.pods, zone, options.ttl));
    },
    nameserver: nameserverOf(services, serviceList),
    get reverse() {
      return (reverse ??= reverseIndex(serviceList, orphanEndpoints, options.ttl));
    },
  };
}

function serviceView(svc: Service, slices: EndpointSlice[], options: DnsOptions): ServiceView {
  const { spec, metadata } = svc;
  const headless = spec.clusterIP === 'None' || spec.clusterIPs[0] === 'None';
  const kind = spec.type === 'ExternalName' ? 'externalName' : headless ? 'headless' : 'clusterIP';
  const ips = spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  const clusterIPs: ServiceView['clusterIPs'] = [];
  if (kind === 'clusterIP') {
    ips.forEach((text, i) => {
      const ip = parseIp(text);
      if (ip) clusterIPs.push({ ip, path: spec.clusterIPs.length > 0 ? `spec.clusterIPs[${i}]` : 'spec.clusterIP' });
    });
  }
  const ports: PortView[] = spec.ports.length
    ? spec.ports.map((p, i) => ({
        name: p.name.toLowerCase(),
        protocol: p.protocol,
        port: p.port,
        path: `spec.ports[${i}]`,
      }))
    : [{ name: '', protocol: '', port: -1 }];
  const skipped = { notReady: 0, fqdnSlices: 0, badAddresses: 0, notReadyLabels: new Set<string>() };
  const fqdn = serviceFqdn(metadata, options.clusterDomain);
  const endpoints = kind === 'externalName' ? [] : endpointViews(fqdn, slices, skipped, []);
  const byLabel = new LabelIndex(endpoints);
  const external = spec.externalName?.toLowerCase().replace(/\.$/, '');
  return {
    service: svc,
    fqdn,
    kind,
    clusterIPs,
    ports,
    externalName: kind === 'externalName' && external ? `${external}.` : undefined,
    externalNameIsIp: kind === 'externalName' && external !== undefined && parseIp(external) !== null,
    endpoints,
    byLabel,
    skipped,
    slices,
    source: { kind: 'Service', namespace: metadata.namespace, name: metadata.name },
  };
}

// Field paths of the first address of each endpoint, shared by every view: a slice holds at most
// 1000 endpoints, and these strings would otherwise be built once per endpoint on every request.
const FIRST_ADDRESS_PATHS: string[] = [];
function addressPath(i: number, k: number): string {
  if (k > 0) return `endpoints[${i}].addresses[${k}]`;
  return (FIRST_ADDRESS_PATHS[i] ??= `endpoints[${i}].addresses[0]`);
}

/** The ready endpoint addresses of the slices, appended to `views`; `serviceName` is the Service's FQDN. */
function endpointViews(
  serviceName: string,
  slices: EndpointSlice[],
  skipped: ServiceView['skipped'],
  views: EndpointView[],
): EndpointView[] {
  // `.<service>`, so that each endpoint's name is one concatenation (a template literal made two strings).
  const dotService = `.${serviceName}`;
  for (const slice of slices) {
    // FQDN slices carry names, not IPs; they are deprecated and CoreDNS's A/AAAA logic has no use for them.
    if (slice.addressType === 'FQDN') {
      skipped.fqdnSlices++;
      continue;
    }
    const ports: PortView[] = slice.ports.length
      ? slice.ports.map((p, i) => ({
          name: p.name.toLowerCase(),
          protocol: p.protocol,
          port: p.port,
          path: `ports[${i}]`,
        }))
      : [{ name: '', protocol: '', port: -1 }];
    const { namespace, name } = slice.metadata;
    for (let i = 0; i < slice.endpoints.length; i++) {
      const endpoint = slice.endpoints[i];
      // The API docs say an unset `ready` means unknown and should be read as ready; CoreDNS does so.
      if (endpoint.conditions.ready === false) {
        skipped.notReady++;
        for (const address of endpoint.addresses)
          skipped.notReadyLabels.add(endpointLabel(endpoint.hostname, parseIp(address)?.text ?? address));
        continue;
      }
      const targetRef = endpoint.targetRef;
      for (let k = 0; k < endpoint.addresses.length; k++) {
        const ip = parseIp(endpoint.addresses[k]);
        if (!ip) {
          skipped.badAddresses++;
          continue;
        }
        const label = endpointLabel(endpoint.hostname, ip);
        const path = addressPath(i, k);
        // Built whole: a property added after creation would give every source a second allocation.
        // The targetRef is the slice's own object, shared: records are read-only.
        const source: RecordSource = targetRef
          ? { kind: 'EndpointSlice', namespace, name, path, targetRef }
          : { kind: 'EndpointSlice', namespace, name, path };
        views.push({
          ip,
          label,
          hasHostname: Boolean(endpoint.hostname),
          fqdn: label + dotService,
          ports,
          source,
        });
      }
    }
  }
  return views;
}

/**
 * A namespace exists when a Namespace object names it, and is assumed to when any given object lives
 * in it (CoreDNS knows the namespaces of the API server, which refuses an object in one it lacks; the
 * answer's warnings say when that refusal may apply). The text is the explanation's step.
 */
function namespacesOf(cluster: Cluster): Map<string, Text> {
  const namespaces = new Map<string, Text>();
  for (const ns of cluster.namespaces)
    namespaces.set(ns.metadata.name.toLowerCase(), {
      en: `Namespace "${ns.metadata.name}" exists: Namespace object "${ns.metadata.name}".`,
      ko: `namespace "${ns.metadata.name}"가 있다: Namespace 오브젝트 "${ns.metadata.name}".`,
    });
  const note = (o: { kind: string; metadata: { namespace: string; name: string } }) => {
    const ns = o.metadata.namespace.toLowerCase();
    if (!ns || namespaces.has(ns)) return;
    // Spelled only for the namespace's first object: a 10 000-Pod input made one string per Pod.
    const ref = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
    namespaces.set(ns, {
      en: `Namespace "${o.metadata.namespace}" is assumed to exist (no Namespace object names it): ${ref} lives in it.`,
      ko: `namespace "${o.metadata.namespace}"가 있다고 본다(그 이름의 Namespace 오브젝트는 없다): ${ref}가 그 안에 있다.`,
    });
  };
  cluster.objects.forEach(note);
  (cluster.others ?? []).forEach(note);
  return namespaces;
}

/** The Service CoreDNS would find in front of its own Pod: kube-system/kube-dns by convention. */
function nameserverOf(services: Map<string, ServiceView>, list: ServiceView[]): ServiceView | undefined {
  const byName = services.get(serviceKey('kube-system', 'kube-dns'));
  const candidate = byName ?? list.find((v) => v.service.metadata.labels['k8s-app'] === 'kube-dns');
  return candidate && candidate.kind === 'clusterIP' && candidate.clusterIPs.length ? candidate : undefined;
}
