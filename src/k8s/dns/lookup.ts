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
import type { Text } from '../explanation';
import type { RecordSource } from './types';

const NOT_FOUND: Lookup = { found: false };

/** Records(): the namespace must exist, then the name is a Pod or a Service name. */
export function lookup(catalog: Catalog, r: RecordRequest, steps: Text[]): Lookup {
  if (r.podOrSvc === '') {
    steps.push({
      en: 'The name is the zone apex, svc.<zone> or pod.<zone>: it exists but holds no records here (NODATA).',
      ko: '이 이름은 zone apex, svc.<zone> 또는 pod.<zone>이다. 존재하지만 여기에는 레코드가 없다(NODATA).',
    });
    return { found: true, entries: [] };
  }
  const why = catalog.namespaces.get(r.namespace);
  if (!why) {
    steps.push({
      en: `Namespace "${r.namespace}" does not exist in the input (no Namespace object names it and no object lives in it); CoreDNS answers NXDOMAIN for names in namespaces it does not know.`,
      ko: `입력에 namespace "${r.namespace}"가 없다(그 이름의 Namespace 오브젝트도, 그 안에 있는 오브젝트도 없다). CoreDNS는 모르는 namespace의 이름에 NXDOMAIN으로 답한다.`,
    });
    return NOT_FOUND;
  }
  steps.push(why);
  // findPods refuses every name under pod.<zone> before it looks at the name, the namespace-only
  // name included (kubernetes.go findPods: `if k.podMode == podModeDisabled { return nil, errNoItems }`).
  if (r.podOrSvc === 'pod' && catalog.options.podMode === 'disabled') {
    steps.push({ en: `${RULES.podDisabled.en}.`, ko: `${RULES.podDisabled.ko}.` });
    return NOT_FOUND;
  }
  if (r.service === '') {
    steps.push({
      en: `${r.namespace}.${r.podOrSvc}.<zone> names only the namespace: it exists but holds no records (NODATA).`,
      ko: `${r.namespace}.${r.podOrSvc}.<zone>은(는) namespace만 가리킨다. 존재하지만 레코드는 없다(NODATA).`,
    });
    return { found: true, entries: [] };
  }
  return r.podOrSvc === 'pod' ? findPods(catalog, r, steps) : findServices(catalog, r, steps);
}

function findServices(catalog: Catalog, r: RecordRequest, steps: Text[]): Lookup {
  const view = catalog.services.get(serviceKey(r.namespace, r.service));
  if (!view) {
    steps.push({
      en: `There is no Service "${r.service}" in namespace "${r.namespace}".`,
      ko: `namespace "${r.namespace}"에 Service "${r.service}"가 없다.`,
    });
    return NOT_FOUND;
  }
  const svc = `Service ${view.service.metadata.namespace}/${view.service.metadata.name}`;
  if (view.kind === 'externalName') return externalName(view, r, svc, steps);
  if (view.kind === 'headless' || r.endpoint !== '') return findEndpoints(view, r, svc, steps);
  const { entries, matched } = clusterIpEntries(view, r);
  if (!matched) {
    const port = describePort(r);
    steps.push({
      en: `${svc} has no port ${port.en}, so the name does not exist.`,
      ko: `${svc}에 ${port.ko} 포트가 없으므로 이 이름은 존재하지 않는다.`,
    });
    return NOT_FOUND;
  }
  const type = view.service.spec.type;
  if (view.clusterIPs.length === 0) {
    steps.push({
      en: `${svc} (type ${type}) has no clusterIP in the input. In a cluster the API server allocates one when the Service is created; this lookup reads the Services as given and does not allocate IPs (the API's routes settle manifests first, which does), so the name exists but has no address record. Give spec.clusterIP (as \`kubectl get svc -o yaml\` prints it) to see the records.`,
      ko: `입력의 ${svc}(type ${type})에는 clusterIP가 없다. 클러스터에서는 Service를 만들 때 API 서버가 할당하지만, 이 조회는 주어진 Service를 그대로 읽고 IP를 할당하지 않는다(API의 라우트는 먼저 manifest를 정리하면서 할당한다). 그래서 이름은 있지만 주소 레코드가 없다. 레코드를 보려면 spec.clusterIP를 \`kubectl get svc -o yaml\`이 출력하는 대로 넣는다.`,
    });
  } else {
    const ips = view.clusterIPs.map((c) => c.ip.text).join(', ');
    const port = r.port || r.protocol ? describePort(r) : undefined;
    steps.push({
      en: `${svc} has type ${type} and clusterIPs ${ips}${port ? `; port ${port.en} matches` : ''}.`,
      ko: `${svc}의 type은 ${type}, clusterIP는 ${ips}이다${port ? `. ${port.ko} 포트가 맞는다` : ''}.`,
    });
  }
  return { found: true, entries };
}

function externalName(view: ServiceView, r: RecordRequest, svc: string, steps: Text[]): Lookup {
  if (r.endpoint !== '') {
    steps.push({
      en: `${svc} is an ExternalName Service, which has no endpoints, so no name exists below it.`,
      ko: `${svc}은(는) ExternalName Service라 endpoint가 없으므로 그 아래에는 이름이 없다.`,
    });
    return NOT_FOUND;
  }
  const target = view.externalName;
  if (!target) {
    steps.push({
      en: `${svc} is an ExternalName Service without spec.externalName.`,
      ko: `${svc}은(는) spec.externalName이 없는 ExternalName Service다.`,
    });
    return NOT_FOUND;
  }
  if (view.externalNameIsIp) {
    steps.push({
      en: `${svc} has externalName "${view.service.spec.externalName}", which parses as an IP address. CoreDNS only serves an ExternalName that is a name (a CNAME target), so it serves nothing here and the name does not exist; Kubernetes itself treats such a value as a name made of digits.`,
      ko: `${svc}의 externalName "${view.service.spec.externalName}"은(는) IP 주소로 읽힌다. CoreDNS는 이름(CNAME target)인 ExternalName만 제공하므로 여기서는 아무것도 제공하지 않고 이 이름은 존재하지 않는다. Kubernetes 자체는 이런 값을 숫자로 된 이름으로 취급한다.`,
    });
    return NOT_FOUND;
  }
  // kubernetes.go findServices skips an ExternalName Service when the name carries an endpoint, port or
  // protocol label: it has no endpoints, and SRV-style names under a CNAME are not served.
  if (r.port || r.protocol) {
    steps.push({
      en: `${svc} is an ExternalName Service; CoreDNS serves no name with port or protocol labels under it, so the name does not exist.`,
      ko: `${svc}은(는) ExternalName Service다. CoreDNS는 그 아래에서 포트나 프로토콜 레이블이 붙은 이름을 제공하지 않으므로 이 이름은 존재하지 않는다.`,
    });
    return NOT_FOUND;
  }
  steps.push({
    en: `${svc} is an ExternalName Service pointing at ${target}`,
    ko: `${svc}은(는) ${target}을(를) 가리키는 ExternalName Service다`,
  });
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

function findEndpoints(view: ServiceView, r: RecordRequest, svc: string, steps: Text[]): Lookup {
  const candidates = r.endpoint !== '' ? endpointsLabelled(view, r.endpoint) : view.endpoints;
  const entries = endpointEntries(view, candidates, r);
  const what: Text =
    view.kind === 'headless'
      ? {
          en: `${svc} is headless (clusterIP: None), so CoreDNS answers with its ready endpoints`,
          ko: `${svc}은(는) headless(clusterIP: None)이므로 CoreDNS가 ready endpoint로 답한다`,
        }
      : {
          en: `the name has an endpoint label, so CoreDNS looks among the ready endpoints of ${svc}`,
          ko: `이름에 endpoint 레이블이 있으므로 CoreDNS가 ${svc}의 ready endpoint 중에서 찾는다`,
        };
  if (entries.length === 0) {
    const headlessEmpty = view.endpoints.length === 0 && view.kind === 'headless';
    const reason = noEndpointReason(view, r);
    steps.push({
      en: `${what.en}, and ${reason.en}; the name does not exist${headlessEmpty ? ' (spec §2.4.1: NXDOMAIN when a headless Service has no ready endpoints)' : ''}.`,
      ko: `${what.ko}. 그런데 ${reason.ko}. 따라서 이 이름은 존재하지 않는다${headlessEmpty ? '(spec §2.4.1: ready endpoint가 없는 headless Service는 NXDOMAIN)' : ''}.`,
    });
    return NOT_FOUND;
  }
  const labels = [...new Set(entries.map((e) => e.endpoint!.label))];
  const shown = `${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', …' : ''}`;
  steps.push({
    en: `${what.en}: ${entries.length} ${entries.length === 1 ? 'address-port pair matches' : 'address-port pairs match'} (${shown}).`,
    ko: `${what.ko}. 주소-포트 쌍 ${entries.length}개가 맞는다(${shown}).`,
  });
  if (view.kind === 'clusterIP') {
    const { en, ko } = RULES.endpointOfClusterIpService;
    steps.push({ en: `${en.trim()}.`, ko: `${ko.trim()}.` });
  }
  return { found: true, entries };
}

function noEndpointReason(view: ServiceView, r: RecordRequest): Text {
  const { notReady, fqdnSlices, badAddresses } = view.skipped;
  if (view.endpoints.length === 0) {
    const slices = view.slices.length;
    const en = [`it has no ready endpoint addresses (${slices} EndpointSlice${slices === 1 ? '' : 's'}`];
    const ko = [`ready endpoint 주소가 없다(EndpointSlice ${slices}개`];
    if (notReady) {
      en.push(`${notReady} endpoint${notReady === 1 ? '' : 's'} not ready`);
      ko.push(`not ready endpoint ${notReady}개`);
    }
    if (fqdnSlices) {
      en.push(`${fqdnSlices} FQDN slice${fqdnSlices === 1 ? '' : 's'} ignored`);
      ko.push(`무시한 FQDN slice ${fqdnSlices}개`);
    }
    if (badAddresses) {
      en.push(`${badAddresses} address${badAddresses === 1 ? '' : 'es'} that are not IPs`);
      ko.push(`IP가 아닌 주소 ${badAddresses}개`);
    }
    const noSelector = !view.service.spec.selector || Object.keys(view.service.spec.selector).length === 0;
    const hint = noSelector && view.slices.length === 0;
    return {
      en: `${en.join(', ')})${hint ? '; a Service without a selector gets endpoints only from EndpointSlices you write yourself' : ''}`,
      ko: `${ko.join(', ')})${hint ? '. selector가 없는 Service는 직접 작성한 EndpointSlice에서만 endpoint를 얻는다' : ''}`,
    };
  }
  if (r.endpoint !== '' && view.skipped.notReadyLabels.has(r.endpoint)) {
    return {
      en: `its endpoint "${r.endpoint}" is not ready, and DNS publishes only ready endpoints (unless the Service sets publishNotReadyAddresses)`,
      ko: `endpoint "${r.endpoint}"가 not ready인데, DNS는 ready endpoint만 게시한다(Service가 publishNotReadyAddresses를 설정하지 않는 한)`,
    };
  }
  if (r.endpoint !== '')
    return {
      en: `none of its ready endpoints is named "${r.endpoint}" (endpoint names are the hostname, or the IP with dashes)`,
      ko: `ready endpoint 중 이름이 "${r.endpoint}"인 것이 없다(endpoint 이름은 hostname이거나 IP를 대시로 쓴 것이다)`,
    };
  const port = describePort(r);
  return {
    en: `none of its ready endpoints has a port ${port.en}`,
    ko: `ready endpoint 중 ${port.ko} 포트를 가진 것이 없다`,
  };
}

function findPods(catalog: Catalog, r: RecordRequest, steps: Text[]): Lookup {
  const mode = catalog.options.podMode;
  const ip = ipFromPodLabel(r.service);
  if (r.endpoint || r.port || r.protocol)
    steps.push({
      en: 'CoreDNS ignores the labels left of the Pod label for Pod names.',
      ko: 'CoreDNS는 Pod 이름에서 Pod 레이블 왼쪽의 레이블을 무시한다.',
    });
  if (!ip) {
    steps.push({
      en: `"${r.service}" is not an IP spelled with dashes (a-b-c-d for IPv4, dashes for colons for IPv6), so it names no Pod.`,
      ko: `"${r.service}"은(는) 대시로 쓴 IP(IPv4는 a-b-c-d, IPv6는 콜론 대신 대시)가 아니므로 어떤 Pod도 가리키지 않는다.`,
    });
    return NOT_FOUND;
  }
  const target = `${r.service}.${r.namespace}.pod.${catalog.zone}`;
  if (mode === 'insecure') {
    const known = podsWithIp(catalog.podIps, r.namespace, ip.text)[0];
    const pod = known ? `${known.source.namespace}/${known.source.name}` : undefined;
    steps.push({
      en: `"${r.service}" spells ${ip.text}. ${RULES.podInsecure.en}${pod ? `. (Pod ${pod} does have this IP.)` : '.'}`,
      ko: `"${r.service}"은(는) ${ip.text}을(를) 뜻한다. ${RULES.podInsecure.ko}${pod ? `. (Pod ${pod}가 실제로 이 IP를 가지고 있다.)` : '.'}`,
    });
    const source: RecordSource = known?.source ?? { kind: 'Namespace', namespace: '', name: r.namespace };
    return { found: true, entries: [{ ip, port: 0, target, origin: 'pod', source }] };
  }
  const spelled =
    r.service.split('-').length - 1 === 3 && !r.service.includes('--')
      ? r.service.replace(/-/g, '.')
      : r.service.replace(/-/g, ':');
  const pods = spelled === ip.text ? podsWithIp(catalog.verifiedPodIps, r.namespace, ip.text) : [];
  if (pods.length === 0) {
    steps.push(
      spelled !== ip.text
        ? {
            en: `With \`pods verified\`, CoreDNS compares the IP as spelled (${spelled}) with status.podIP as text, and Kubernetes stores the canonical form ${ip.text}; the name does not exist.`,
            ko: `\`pods verified\`에서 CoreDNS는 적힌 그대로의 IP(${spelled})를 status.podIP와 문자열로 비교하는데, Kubernetes는 정규형 ${ip.text}로 저장한다. 따라서 이 이름은 존재하지 않는다.`,
          }
        : {
            en: `With \`pods verified\`, no Pending or Running Pod in namespace "${r.namespace}" has status.podIP ${ip.text}; the name does not exist.`,
            ko: `\`pods verified\`에서 namespace "${r.namespace}"의 Pending 또는 Running Pod 중 status.podIP가 ${ip.text}인 것이 없다. 따라서 이 이름은 존재하지 않는다.`,
          },
    );
    return NOT_FOUND;
  }
  const names = pods.map((p) => `${p.source.namespace}/${p.source.name}`).join(', ');
  steps.push({
    en: `With \`pods verified\`, Pod ${names} has status.podIP ${ip.text}. ${RULES.podVerified.en}.`,
    ko: `\`pods verified\`에서 Pod ${names}의 status.podIP가 ${ip.text}이다. ${RULES.podVerified.ko}.`,
  });
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

function describePort(r: RecordRequest): Text {
  const name = r.port || '*';
  const protocol = r.protocol ? r.protocol.toUpperCase() : '*';
  return {
    en: `named "${name}" with protocol "${protocol}"`,
    ko: `이름이 "${name}"이고 프로토콜이 "${protocol}"인`,
  };
}
