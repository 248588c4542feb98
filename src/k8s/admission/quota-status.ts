// What the ResourceQuota controller writes into a quota's status once it has synced
// (pkg/controller/resourcequota syncResourceQuota and quota.CalculateUsage): status.hard is spec.hard,
// and status.used holds, for each hard resource an evaluator matches, the usage of the namespace's
// objects, 0 when there are none. The evaluators are pkg/quota/v1/evaluator/core's (pods, services,
// persistentvolumeclaims) and the object counts (`count/<resource>[.<group>]` and the legacy names
// configmaps, secrets, resourcequotas, replicationcontrollers); only the pod evaluator knows scopes, so a
// scoped quota counts nothing else (generic.MatchesNoScopeFunc).
import type { PersistentVolumeClaim, Pod, Service } from '../objects';
import { add, formatQuantity, parseQuantity, ZERO, type Quantity } from '../quantity';
import { claimResources, claimUsage } from './claim';
import type { Quantities, ResourceQuota } from './model';
import { matchingResources, podTotals, usageOf } from './quota';

const ONE = parseQuantity('1');
const SERVICE_RESOURCES = ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'];
// legacyObjectCountAliases (pkg/quota/v1/evaluator/core/registry.go).
const LEGACY_COUNTS: Record<string, string> = {
  configmaps: 'count/configmaps',
  secrets: 'count/secrets',
  resourcequotas: 'count/resourcequotas',
  replicationcontrollers: 'count/replicationcontrollers',
};

/** An object the object-count evaluators count: its kind and group are all they read. */
export interface CountedObject {
  kind: string;
  apiVersion: string;
}

/** A namespace's objects as the quota controller lists them. */
export interface NamespaceUsage {
  pods: readonly Pod[];
  services: readonly Service[];
  claims: readonly PersistentVolumeClaim[];
  /** Every object of the namespace, for the object counts. */
  objects: readonly CountedObject[];
}

// serviceEvaluator.Usage: one Service; its ports are node ports for NodePort and LoadBalancer, except that
// a LoadBalancer without allocateLoadBalancerNodePorts counts only the node ports it asks for.
function serviceUsage(s: Service): Quantities {
  const raw = (s.raw?.spec ?? {}) as Record<string, unknown>;
  const allocated = !(s.spec.type === 'LoadBalancer' && raw.allocateLoadBalancerNodePorts === false);
  const ports = allocated ? s.spec.ports.length : s.spec.ports.filter((p) => p.nodePort).length;
  const nodePorts = s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer' ? ports : 0;
  return new Map([
    ['services', ONE],
    ['count/services', ONE],
    ['services.nodeports', parseQuantity(String(nodePorts))],
    ['services.loadbalancers', s.spec.type === 'LoadBalancer' ? ONE : ZERO],
  ]);
}

// meta.UnsafeGuessKindToResource, with Endpoints (registered under its own name) apart:
// `count/<resource>` for the core group, `count/<resource>.<group>` for the others.
function countName(o: CountedObject): string {
  const k = o.kind.toLowerCase();
  const plural =
    k === 'endpoints' ? k : k.endsWith('s') ? `${k}es` : k.endsWith('y') ? `${k.slice(0, -1)}ies` : `${k}s`;
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return group ? `count/${plural}.${group}` : `count/${plural}`;
}

// Adds each item's usage of the named resources (0 when none uses them).
function charge<T>(
  used: Map<string, Quantity>,
  names: readonly string[],
  items: readonly T[],
  usage: (item: T) => Quantities,
) {
  for (const n of names) used.set(n, ZERO);
  for (const item of items) {
    const u = usage(item);
    for (const n of names) if (u.has(n)) used.set(n, add(used.get(n)!, u.get(n)!));
  }
}

const sorted = (m: ReadonlyMap<string, Quantity>): Record<string, string> =>
  Object.fromEntries([...m.keys()].sort().map((k) => [k, formatQuantity(m.get(k)!)]));

/** The quota's status.hard and status.used over its namespace's objects. */
export function quotaStatus(
  q: ResourceQuota,
  ns: NamespaceUsage,
): { hard: Record<string, string>; used: Record<string, string> } {
  const names = [...q.hard.keys()];
  const used = new Map<string, Quantity>();
  if (matchingResources(names).length) for (const [k, v] of usageOf(q, podTotals(ns.pods))) used.set(k, v);
  const scoped = q.scopes.length > 0;
  charge(used, claimResources(names), scoped ? [] : ns.claims, claimUsage);
  charge(
    used,
    names.filter((n) => SERVICE_RESOURCES.includes(n)),
    scoped ? [] : ns.services,
    serviceUsage,
  );
  const counts = names.filter((n) => !used.has(n) && (n.startsWith('count/') || n in LEGACY_COUNTS));
  charge(used, counts, scoped ? [] : ns.objects, (o) => {
    const name = countName(o);
    const legacy = Object.keys(LEGACY_COUNTS).find((l) => LEGACY_COUNTS[l] === name);
    return new Map(
      legacy
        ? [
            [name, ONE],
            [legacy, ONE],
          ]
        : [[name, ONE]],
    );
  });
  return { hard: sorted(q.hard), used: sorted(used) };
}
