// What CoreDNS's Records() finds for a parsed name (kubernetes.go findServices / findPods): a list of
// entries, each an address (or a CNAME target) with a port and the name an SRV record would point
// at. `found: false` is a name error, answered NXDOMAIN. Every decision is written to `steps`.
import { endpointsLabelled } from './catalog';
import type { Catalog, EndpointView, Entry, Lookup, PortView, ServiceView } from './model';
import { podsWithIp } from './pods';
import { serviceKey } from '../objects';
import { ipFromPodLabel } from './names';
import type { RecordRequest } from './query';
import { RULES } from './rules';
import type { RecordSource } from './types';

const NOT_FOUND: Lookup = { found: false };

/** Records(): the namespace must exist, then the name is a Pod or a Service name. */
export function lookup(catalog: Catalog, r: RecordRequest, steps: string[]): Lookup {
  if (r.podOrSvc === '') {
    steps.push('The name is the zone apex, svc.<zone> or pod.<zone>: it exists but holds no records here (NODATA).');
    return { found: true, entries: [] };
  }
  const why = catalog.namespaces.get(r.namespace);
  if (!why) {
    steps.push(
      `Namespace "${r.namespace}" does not exist in the input (no Namespace object names it and no object lives in it); CoreDNS answers NXDOMAIN for names in namespaces it does not know.`,
    );
    return NOT_FOUND;
  }
  steps.push(`Namespace "${r.namespace}" exists: ${why}.`);
  // findPods refuses every name under pod.<zone> before it looks at the name, the namespace-only
  // name included (kubernetes.go findPods: `if k.podMode == podModeDisabled { return nil, errNoItems }`).
  if (r.podOrSvc === 'pod' && catalog.options.podMode === 'disabled') {
    steps.push(`${RULES.podDisabled}.`);
    return NOT_FOUND;
  }
  if (r.service === '') {
    steps.push(
      `${r.namespace}.${r.podOrSvc}.<zone> names only the namespace: it exists but holds no records (NODATA).`,
    );
    return { found: true, entries: [] };
  }
  return r.podOrSvc === 'pod' ? findPods(catalog, r, steps) : findServices(catalog, r, steps);
}

function findServices(catalog: Catalog, r: RecordRequest, steps: string[]): Lookup {
  const view = catalog.services.get(serviceKey(r.namespace, r.service));
  if (!view) {
    steps.push(`There is no Service "${r.service}" in namespace "${r.namespace}".`);
    return NOT_FOUND;
  }
  const svc = `Service ${view.service.metadata.namespace}/${view.service.metadata.name}`;
  if (view.kind === 'externalName') return externalName(view, r, svc, steps);
  if (view.kind === 'headless' || r.endpoint !== '') return findEndpoints(view, r, svc, steps);
  const { entries, matched } = clusterIpEntries(view, r);
  if (!matched) {
    steps.push(`${svc} has no port ${describePort(r)}, so the name does not exist.`);
    return NOT_FOUND;
  }
  const type = view.service.spec.type;
  if (view.clusterIPs.length === 0) {
    steps.push(
      `${svc} (type ${type}) has no clusterIP in the input. In a cluster the API server allocates one when the Service is created; this lookup reads the Services as given and does not allocate IPs (the API's routes settle manifests first, which does), so the name exists but has no address record. Give spec.clusterIP (as \`kubectl get svc -o yaml\` prints it) to see the records.`,
    );
  } else {
    steps.push(
      `${svc} has type ${type} and clusterIPs ${view.clusterIPs.map((c) => c.ip.text).join(', ')}${r.port || r.protocol ? `; port ${describePort(r)} matches` : ''}.`,
    );
  }
  return { found: true, entries };
}

function externalName(view: ServiceView, r: RecordRequest, svc: string, steps: string[]): Lookup {
  if (r.endpoint !== '') {
    steps.push(`${svc} is an ExternalName Service, which has no endpoints, so no name exists below it.`);
    return NOT_FOUND;
  }
  const target = view.externalName;
  if (!target) {
    steps.push(`${svc} is an ExternalName Service without spec.externalName.`);
    return NOT_FOUND;
  }
  if (view.externalNameIsIp) {
    steps.push(
      `${svc} has externalName "${view.service.spec.externalName}", which parses as an IP address. CoreDNS only serves an ExternalName that is a name (a CNAME target), so it serves nothing here and the name does not exist; Kubernetes itself treats such a value as a name made of digits.`,
    );
    return NOT_FOUND;
  }
  // kubernetes.go findServices skips an ExternalName Service when the name carries an endpoint, port or
  // protocol label: it has no endpoints, and SRV-style names under a CNAME are not served.
  if (r.port || r.protocol) {
    steps.push(
      `${svc} is an ExternalName Service; CoreDNS serves no name with port or protocol labels under it, so the name does not exist.`,
    );
    return NOT_FOUND;
  }
  steps.push(`${svc} is an ExternalName Service pointing at ${target}`);
  return {
    found: true,
    entries: [
      {
        ip: null,
        cname: target,
        port: 0,
        target,
        origin: 'externalName',
        service: view,
        source: { ...view.source, path: 'spec.externalName' },
      },
    ],
  };
}

function findEndpoints(view: ServiceView, r: RecordRequest, svc: string, steps: string[]): Lookup {
  const candidates = r.endpoint !== '' ? endpointsLabelled(view, r.endpoint) : view.endpoints;
  const entries = endpointEntries(view, candidates, r);
  const what =
    view.kind === 'headless'
      ? `${svc} is headless (clusterIP: None), so CoreDNS answers with its ready endpoints`
      : `the name has an endpoint label, so CoreDNS looks among the ready endpoints of ${svc}`;
  if (entries.length === 0) {
    const spec =
      view.endpoints.length === 0 && view.kind === 'headless'
        ? ' (spec §2.4.1: NXDOMAIN when a headless Service has no ready endpoints)'
        : '';
    steps.push(`${what}, and ${noEndpointReason(view, r)}; the name does not exist${spec}.`);
    return NOT_FOUND;
  }
  const labels = [...new Set(entries.map((e) => e.endpoint!.label))];
  steps.push(
    `${what}: ${entries.length} ${entries.length === 1 ? 'address-port pair matches' : 'address-port pairs match'} (${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', …' : ''}).`,
  );
  if (view.kind === 'clusterIP') steps.push(RULES.endpointOfClusterIpService.trim());
  return { found: true, entries };
}

function noEndpointReason(view: ServiceView, r: RecordRequest): string {
  const { notReady, fqdnSlices, badAddresses } = view.skipped;
  if (view.endpoints.length === 0) {
    const parts = [
      `it has no ready endpoint addresses (${view.slices.length} EndpointSlice${view.slices.length === 1 ? '' : 's'}`,
    ];
    if (notReady) parts.push(`${notReady} endpoint${notReady === 1 ? '' : 's'} not ready`);
    if (fqdnSlices) parts.push(`${fqdnSlices} FQDN slice${fqdnSlices === 1 ? '' : 's'} ignored`);
    if (badAddresses) parts.push(`${badAddresses} address${badAddresses === 1 ? '' : 'es'} that are not IPs`);
    const noSelector = !view.service.spec.selector || Object.keys(view.service.spec.selector).length === 0;
    const hint =
      noSelector && view.slices.length === 0
        ? '; a Service without a selector gets endpoints only from EndpointSlices you write yourself'
        : '';
    return `${parts.join(', ')})${hint}`;
  }
  if (r.endpoint !== '' && view.skipped.notReadyLabels.has(r.endpoint)) {
    return `its endpoint "${r.endpoint}" is not ready, and DNS publishes only ready endpoints (unless the Service sets publishNotReadyAddresses)`;
  }
  if (r.endpoint !== '')
    return `none of its ready endpoints is named "${r.endpoint}" (endpoint names are the hostname, or the IP with dashes)`;
  return `none of its ready endpoints has a port ${describePort(r)}`;
}

function findPods(catalog: Catalog, r: RecordRequest, steps: string[]): Lookup {
  const mode = catalog.options.podMode;
  const ip = ipFromPodLabel(r.service);
  if (r.endpoint || r.port || r.protocol) steps.push('CoreDNS ignores the labels left of the Pod label for Pod names.');
  if (!ip) {
    steps.push(
      `"${r.service}" is not an IP spelled with dashes (a-b-c-d for IPv4, dashes for colons for IPv6), so it names no Pod.`,
    );
    return NOT_FOUND;
  }
  const target = `${r.service}.${r.namespace}.pod.${catalog.zone}`;
  if (mode === 'insecure') {
    const known = podsWithIp(catalog.podIps, r.namespace, ip.text)[0];
    steps.push(
      `"${r.service}" spells ${ip.text}. ${RULES.podInsecure}${known ? `. (Pod ${known.source.namespace}/${known.source.name} does have this IP.)` : '.'}`,
    );
    const source: RecordSource = known?.source ?? { kind: 'Namespace', namespace: '', name: r.namespace };
    return { found: true, entries: [{ ip, port: 0, target, origin: 'pod', source }] };
  }
  const spelled =
    r.service.split('-').length - 1 === 3 && !r.service.includes('--')
      ? r.service.replace(/-/g, '.')
      : r.service.replace(/-/g, ':');
  const pods = spelled === ip.text ? podsWithIp(catalog.verifiedPodIps, r.namespace, ip.text) : [];
  if (pods.length === 0) {
    const why =
      spelled !== ip.text
        ? `CoreDNS compares the IP as spelled (${spelled}) with status.podIP as text, and Kubernetes stores the canonical form ${ip.text}`
        : `no Pending or Running Pod in namespace "${r.namespace}" has status.podIP ${ip.text}`;
    steps.push(`With \`pods verified\`, ${why}; the name does not exist.`);
    return NOT_FOUND;
  }
  steps.push(
    `With \`pods verified\`, Pod ${pods.map((p) => `${p.source.namespace}/${p.source.name}`).join(', ')} has status.podIP ${ip.text}. ${RULES.podVerified}.`,
  );
  return { found: true, entries: pods.map((p) => ({ ip, port: 0, target, origin: 'pod' as const, source: p.source })) };
}

/** One entry per matching port and clusterIP; `matched` tells a name error from a Service without IPs. */
export function clusterIpEntries(view: ServiceView, r: PortFilter): { entries: Entry[]; matched: boolean } {
  const entries: Entry[] = [];
  let matched = false;
  for (const port of view.ports) {
    if (!portMatches(r, port)) continue;
    matched = true;
    for (const { ip, path } of view.clusterIPs) {
      entries.push({
        ip,
        port: port.port,
        portView: port,
        target: view.fqdn,
        origin: 'clusterIP',
        service: view,
        source: { ...view.source, path },
      });
    }
  }
  return { entries, matched };
}

/** One entry per endpoint address and matching port of its slice (the Cartesian product CoreDNS walks). */
export function endpointEntries(view: ServiceView, endpoints: readonly EndpointView[], r: PortFilter): Entry[] {
  const entries: Entry[] = [];
  for (const endpoint of endpoints) {
    for (const port of endpoint.ports) {
      if (!portMatches(r, port)) continue;
      entries.push({
        ip: endpoint.ip,
        port: port.port,
        portView: port,
        target: endpoint.fqdn,
        origin: 'endpoint',
        service: view,
        endpoint,
        source: endpoint.source,
      });
    }
  }
  return entries;
}

export interface PortFilter {
  port: string;
  protocol: string;
}

/** CoreDNS's matchPortAndProtocol: an absent label matches anything; names compare without case. */
export function portMatches(r: PortFilter, port: PortView): boolean {
  return (r.port === '' || r.port === port.name) && (r.protocol === '' || r.protocol === port.protocol.toLowerCase());
}

function describePort(r: RecordRequest): string {
  return `named "${r.port || '*'}" with protocol "${r.protocol ? r.protocol.toUpperCase() : '*'}"`;
}
