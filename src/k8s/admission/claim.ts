// Creating a PersistentVolumeClaim, as far as the admission chain decides it: DefaultStorageClass
// (mutating) gives a claim that names no class the default StorageClass; LimitRanger checks the
// PersistentVolumeClaim items' min and max against the claim's requests
// (PersistentVolumeClaimValidateLimitFunc: minConstraint and maxRequestConstraint, requests only);
// ResourceQuota charges it to every quota that tracks claims (pkg/quota/v1/evaluator/core/
// persistent_volume_claims.go). The first refusal is the create's error, `persistentvolumeclaims "data-db-0"
// is forbidden: …`.
import type { Cluster, PersistentVolumeClaim, StorageClass } from '../objects';
import { add, cmp, formatQuantity, parseQuantity, ZERO, type Quantity } from '../quantity';
import { aggregate } from './limit-ranger';
import type { LimitRange, ResourceQuota } from './model';
import { exceededResources, prettyPrint } from './quota';
import { admissionObjectsOf } from './read';

const ONE = parseQuantity('1');
const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const CLAIM_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];

const forbidden = (name: string, message: string) => `persistentvolumeclaims "${name}" is forbidden: ${message}`;

// The DefaultStorageClass plugin: the class annotated default (with several, the newest; kubeknow reads
// no creation times, so the first by name). Claims with `storageClassName: ""` keep no class.
function defaultClass(classes: readonly StorageClass[]): string | undefined {
  return classes
    .filter((c) => c.metadata.annotations['storageclass.kubernetes.io/is-default-class'] === 'true')
    .map((c) => c.metadata.name)
    .sort()[0];
}

/** pvcEvaluator.MatchingResources: the claim count, requested storage, and both per storage class. */
export function claimResources(names: Iterable<string>): string[] {
  return [...names].filter(
    (n) =>
      n === 'count/persistentvolumeclaims' ||
      CLAIM_RESOURCES.includes(n) ||
      CLAIM_RESOURCES.some((r) => n.endsWith(`${CLASS_SUFFIX}${r}`)),
  );
}

/** pvcEvaluator.Usage: one claim, and its requested storage, each also charged to its class. */
export function claimUsage(claim: PersistentVolumeClaim): Map<string, Quantity> {
  const usage = new Map([
    ['persistentvolumeclaims', ONE],
    ['count/persistentvolumeclaims', ONE],
  ]);
  const cls = claim.spec.storageClassName ?? '';
  if (cls) usage.set(`${cls}${CLASS_SUFFIX}persistentvolumeclaims`, ONE);
  const storage = claim.spec.resources.requests.storage;
  if (storage !== undefined) {
    const q = parseQuantity(storage);
    usage.set('requests.storage', q);
    if (cls) usage.set(`${cls}${CLASS_SUFFIX}requests.storage`, q);
  }
  return usage;
}

// The PersistentVolumeClaim items of one LimitRange, in Kubernetes' words; a missing request is its own message.
function limitViolations(claim: PersistentVolumeClaim, lr: LimitRange): string[] {
  const out: string[] = [];
  const requested = (name: string) => {
    const v = claim.spec.resources.requests[name];
    return v === undefined ? undefined : parseQuantity(v);
  };
  for (const item of lr.limits.filter((i) => i.type === 'PersistentVolumeClaim'))
    for (const [bound, list] of [
      ['minimum', item.min],
      ['maximum', item.max],
    ] as const)
      for (const name of [...list.keys()].sort()) {
        const enforced = list.get(name)!;
        const q = requested(name);
        const prefix = `${bound} ${name} usage per PersistentVolumeClaim is ${formatQuantity(enforced)}`;
        if (!q) out.push(`${prefix}.  No request is specified`);
        else if ((bound === 'minimum' ? cmp(enforced, q) : cmp(q, enforced)) > 0)
          out.push(`${prefix}, but request is ${formatQuantity(q)}`);
      }
  return out;
}

// generic.Matches with MatchesNoScopeFunc: a quota with any scope never matches a claim.
const tracksClaims = (q: ResourceQuota): boolean => claimResources(q.hard.keys()).length > 0 && !q.scopes.length;

function usedBy(q: ResourceQuota, claims: readonly PersistentVolumeClaim[], created: readonly PersistentVolumeClaim[]) {
  const tracked = claimResources(q.hard.keys());
  const used = new Map<string, Quantity>(tracked.map((r) => [r, ZERO]));
  if (q.used) for (const r of tracked) if (q.used.has(r)) used.set(r, q.used.get(r)!);
  const sum = (list: readonly PersistentVolumeClaim[]) => {
    for (const c of list) for (const [r, v] of claimUsage(c)) if (used.has(r)) used.set(r, add(used.get(r)!, v));
  };
  if (!q.used) sum(claims);
  sum(created);
  return { tracked, used };
}

function quotaRefusal(
  claim: PersistentVolumeClaim,
  quotas: readonly ResourceQuota[],
  existing: readonly PersistentVolumeClaim[],
  created: readonly PersistentVolumeClaim[],
): string | undefined {
  const usage = claimUsage(claim);
  for (const q of quotas.filter(tracksClaims)) {
    const { tracked, used } = usedBy(q, existing, created);
    const requested = new Map(tracked.filter((r) => usage.has(r)).map((r) => [r, usage.get(r)!]));
    const after = new Map([...requested].map(([k, v]) => [k, add(used.get(k) ?? ZERO, v)]));
    const exceeded = exceededResources(after, q.hard, requested.keys());
    if (exceeded.length)
      return `exceeded quota: ${q.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(q.hard, exceeded)}`;
  }
  return undefined;
}

/**
 * The claim as created (the default StorageClass filled in), or the API server's message refusing it.
 * `cluster` holds the namespace's LimitRanges, ResourceQuotas and claims, and the StorageClasses;
 * `createdSoFar` the claims created earlier in the run, charged like existing ones.
 * Throws KubeknowError when a LimitRange or ResourceQuota of the namespace is itself invalid.
 */
export function admitClaim(
  claim: PersistentVolumeClaim,
  cluster: Cluster,
  createdSoFar: readonly PersistentVolumeClaim[] = [],
): { claim: PersistentVolumeClaim } | { message: string } {
  const ns = claim.metadata.namespace;
  const { limitRanges, quotas } = admissionObjectsOf(cluster, ns);
  const cls = claim.spec.storageClassName ?? defaultClass(cluster.storageClasses);
  const admitted = cls === undefined ? claim : { ...claim, spec: { ...claim.spec, storageClassName: cls } };
  const name = claim.metadata.name;
  for (const lr of limitRanges) {
    const violations = limitViolations(admitted, lr);
    if (violations.length) return { message: forbidden(name, aggregate(violations)) };
  }
  // Only a quota reads the namespace's claims: without one, the run's claims are not gathered per claim.
  if (!quotas.some(tracksClaims)) return { claim: admitted };
  const created = createdSoFar.filter((c) => c.metadata.namespace === ns);
  const counted = new Set([name, ...created.map((c) => c.metadata.name)]);
  const existing = cluster.persistentVolumeClaims.filter(
    (c) => c.metadata.namespace === ns && !counted.has(c.metadata.name),
  );
  const refusal = quotaRefusal(admitted, quotas, existing, created);
  return refusal ? { message: forbidden(name, refusal) } : { claim: admitted };
}
