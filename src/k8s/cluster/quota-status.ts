// The ResourceQuota controller's sync after the cluster settles: each ResourceQuota shows status.hard and
// status.used (src/k8s/admission quotaStatus) over what its namespace then holds, the Pods, claims and
// ReplicaSets the controllers made included. Two objects the control plane puts in every namespace are
// counted though the dry-run does not list them: the `default` ServiceAccount (the ServiceAccount
// controller) and the `kube-root-ca.crt` ConfigMap (the root CA publisher).
import { admissionObjectsOf, quotaStatus, type CountedObject } from '../admission';
import { clusterOf } from '../objects';
import type { AnyObject } from './model';

const IMPLICIT: readonly (CountedObject & { name: string })[] = [
  { kind: 'ServiceAccount', apiVersion: 'v1', name: 'default' },
  { kind: 'ConfigMap', apiVersion: 'v1', name: 'kube-root-ca.crt' },
];

const isQuota = (o: AnyObject): boolean => o.kind === 'ResourceQuota' && o.apiVersion === 'v1';

/** The objects, each ResourceQuota with the status its controller writes (a copy; the others as they are). */
export function withQuotaStatus(objects: readonly AnyObject[]): AnyObject[] {
  if (!objects.some(isQuota)) return [...objects];
  const byNamespace = new Map<string, AnyObject[]>();
  for (const o of objects) {
    const ns = o.metadata.namespace;
    if (ns) (byNamespace.get(ns) ?? byNamespace.set(ns, []).get(ns)!).push(o);
  }
  const statuses = new Map<string, Record<string, unknown>>();
  for (const [ns, list] of byNamespace) {
    if (!list.some(isQuota)) continue;
    const c = clusterOf(list);
    const has = (kind: string, name: string) => list.some((o) => o.kind === kind && o.metadata.name === name);
    const implicit = IMPLICIT.filter((o) => !has(o.kind, o.name));
    const usage = {
      pods: c.pods,
      services: c.services,
      claims: c.persistentVolumeClaims,
      objects: [...list, ...implicit],
    };
    for (const q of admissionObjectsOf(c, ns).quotas) statuses.set(`${ns}/${q.name}`, quotaStatus(q, usage));
  }
  return objects.map((o) => {
    const status = isQuota(o) ? statuses.get(`${o.metadata.namespace}/${o.metadata.name}`) : undefined;
    return status ? { ...o, raw: { ...(o.raw ?? {}), status } } : o;
  });
}
