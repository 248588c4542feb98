// metadata.generation as the API server starts it: the create strategies of the kinds whose spec a
// controller (or the kubelet) observes set it to 1 (PrepareForCreate in pkg/registry/core/pod,
// core/replicationcontroller, apps/{deployment,replicaset,statefulset,daemonset}, batch/{job,cronjob},
// networking/{ingress,networkpolicy}, policy/poddisruptionbudget); other kinds have none.
import type { Obj } from '../objects';
import type { AnyObject } from './model';

const GENERATION_KINDS = new Set([
  'Pod',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
]);

/** The object as created, with metadata.generation 1 where its kind has one (a copy; a given one is replaced). */
export function withGeneration<T extends AnyObject>(o: T): T {
  const raw = o.raw ?? {};
  const metadata = typeof raw.metadata === 'object' && raw.metadata !== null ? (raw.metadata as Obj) : {};
  // The controllers' own manifests carry it already (controllers.ts).
  if (!GENERATION_KINDS.has(o.kind) || metadata.generation === 1) return o;
  return { ...o, raw: { ...raw, metadata: { ...metadata, generation: 1 } } };
}
