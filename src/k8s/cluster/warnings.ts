// The warnings every answer computed on the settled cluster carries, from this one place, so that
// POST /v1/cluster/apply and the DNS and EndpointSlice routes warn alike about the same input: an object
// in a namespace a cluster would not have, what people get wrong that the cluster does not refuse, and
// what did not settle (stuck.ts). `about` picks the objects warned about: the DNS and EndpointSlice
// routes leave out those given as a snapshot (they already run in a cluster that has their namespace).
import type { Cluster, Pod, Service } from '../objects';
import { findPort, PodIndex, podsFor } from '../endpoints';
import { startOrdinal } from './controllers';
import { objectRef, type AnyObject } from './model';
import type { Settled } from './settle';
import { pendingWarnings, shortWorkloadWarnings } from './stuck';
import { SYSTEM_NAMESPACES } from './system';

/** Which objects an answer warns about. */
export type About = (o: AnyObject) => boolean;

const everything: About = () => true;

// The API server refuses an object in a namespace it does not have (`namespaces "data" not found`), and
// kubectl apply sends objects in the order given; the user's cluster may have it, so this is a warning.
// A Namespace manifest the API server refused (`refused`) creates nothing, wherever it stands.
export function missingNamespaces(
  objects: readonly AnyObject[],
  refused: ReadonlySet<string>,
  about: About = everything,
): { namespace: string; warning: string }[] {
  const given = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const known = new Set<string>(SYSTEM_NAMESPACES);
  const out: { namespace: string; warning: string }[] = [];
  for (const o of objects) {
    const ns = o.metadata.namespace;
    if (o.kind === 'Namespace') known.add(o.metadata.name);
    else if (ns && !known.has(ns) && about(o))
      out.push({
        namespace: ns,
        warning: `${objectRef(o)}: namespaces ${JSON.stringify(ns)} not found: a cluster without that namespace refuses it; ${
          given.has(ns)
            ? `move the Namespace ${ns} manifest before it, as kubectl apply creates objects in the order given`
            : refused.has(ns)
              ? `the Namespace ${ns} manifest was refused (Namespace/${ns} under rejected), so it creates nothing: fix it`
              : `add a Namespace manifest (apiVersion: v1, kind: Namespace, metadata.name: ${ns}) before it`
        }`,
      });
  }
  return out;
}

// What people most often get wrong and the cluster does not refuse: a selector that matches no Pod
// (an empty EndpointSlice), a StatefulSet whose serviceName names no Service (no Pod DNS names) or one that is
// not headless (Pod names outside the spec).
function mistakes(c: Cluster, system: ReadonlySet<AnyObject>, about: About): string[] {
  const out: string[] = [];
  const index = new PodIndex(c.pods);
  for (const s of c.services) {
    const sel = s.spec.selector;
    if (!sel || s.spec.type === 'ExternalName' || system.has(s) || !about(s)) continue;
    const ns = s.metadata.namespace;
    // An empty selector (kept as given here) matches every Pod of the namespace.
    const selected = Object.keys(sel).length ? podsFor(c, s, index) : c.pods.filter((p) => p.metadata.namespace === ns);
    if (!selected.length)
      out.push(
        `${objectRef(s)}: its selector ${Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')} matches no Pod in namespace ${ns}, so its EndpointSlice has no endpoints`,
      );
    else out.push(...unresolvedPorts(s, selected));
  }
  for (const st of c.statefulSets.filter(about)) {
    const svc = c.services.find(
      (s) => s.metadata.namespace === st.metadata.namespace && s.metadata.name === st.spec.serviceName,
    );
    const name = JSON.stringify(st.spec.serviceName);
    if (!svc)
      out.push(
        `${objectRef(st)}: serviceName ${name} names no Service in namespace ${st.metadata.namespace}, so its Pods get no DNS names of their own; add a headless Service (clusterIP: None) of that name`,
      );
    // The EndpointSlice controller sets the endpoint hostname without a headless check and CoreDNS serves
    // it under a Service with a clusterIP too, so the Pods' names resolve: only the spec does not promise them.
    else if (svc.spec.clusterIP !== 'None')
      out.push(
        `${objectRef(st)}: serviceName ${name} names Service ${svc.metadata.name}, which is not headless: CoreDNS serves its Pods' names (${st.metadata.name}-${startOrdinal(st)}.${svc.metadata.name}.${st.metadata.namespace}.svc.<zone>) all the same, but the Kubernetes DNS specification promises them only for headless Services, and the Service's own name resolves to its cluster IP, not to the Pods; set clusterIP: None for the StatefulSet's usual DNS`,
      );
  }
  return out;
}

// A named targetPort that no container port of the selected Pods carries (by name and protocol): the
// EndpointSlice controller's getEndpointPorts skips a port FindPort cannot resolve on a Pod, so the
// Pod's endpoint serves without it (an EndpointSlice with `ports: []` when it is the only port).
function unresolvedPorts(s: Service, selected: readonly Pod[]): string[] {
  const out: string[] = [];
  for (const port of s.spec.ports) {
    if (typeof port.targetPort === 'number') continue;
    const lacking = selected.filter((p) => findPort(p, port) === undefined);
    if (!lacking.length) continue;
    const which =
      lacking.length === selected.length
        ? `any of the ${selected.length} Pod(s) it selects`
        : `${lacking.length} of the ${selected.length} Pods it selects (${lacking[0].metadata.name} first)`;
    out.push(
      `${objectRef(s)}: port ${port.name ? `${JSON.stringify(port.name)} ` : ''}${port.port}'s targetPort ${JSON.stringify(port.targetPort)} names no ${port.protocol} container port of ${which}, so their endpoints carry no port for it (an EndpointSlice with ports: [] when it is the only one); name a containerPort ${JSON.stringify(port.targetPort)} or give targetPort as a number`,
    );
  }
  return out;
}

/** What people get wrong that the cluster does not refuse, Pods left Pending and workloads short of their replicas. */
export function settledWarnings(s: Settled, about: About = everything): string[] {
  return [
    ...mistakes(s.cluster, s.system, about),
    ...pendingWarnings(s.cluster, s.log.events, about),
    ...shortWorkloadWarnings(s.cluster, s.log.events, about),
  ];
}
