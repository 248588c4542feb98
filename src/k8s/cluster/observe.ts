// The settled cluster every computation reads: the input taken as a snapshot where it already carries
// what the control plane fills, settled where it does not (observe mode), with the warnings each
// answer lists about the objects it did not use.
import { clusterOf, type Cluster, type Service } from '../objects';
import { clusterConfig, type ClusterOptions } from './config';
import { unusedWarning } from './kinds';
import { objectRef, type AnyObject } from './model';
import { settle } from './settle';
import { missingNamespaces, settledWarnings } from './warnings';
import { WORKLOAD_KINDS } from './workloads';

/** The settled cluster, the refs of the cluster's own objects (left out of listings), and the warnings. */
export interface Observed {
  cluster: Cluster;
  /** `Kind/namespace/name` of the objects the cluster has of its own (`kubernetes`, `kube-dns`, …). */
  system: ReadonlySet<string>;
  warnings: string[];
}

// An object of a running cluster's snapshot: one with a status, or a Service with a cluster IP of its
// own (a headless or ExternalName Service reads the same as people write it).
const isRunning = (o: AnyObject): boolean =>
  o.kind === 'Service'
    ? (o as Service).spec.clusterIPs.some((ip) => ip !== 'None')
    : o.raw?.status !== undefined && o.raw.status !== null;

const isWorkload = (kind: string): boolean => Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, kind);

/** The cluster as a computation sees it: settled, with warnings naming what `answer` did not use. */
export function observedCluster(input: Cluster, answer: string, options: ClusterOptions = {}): Observed {
  const s = settle(input, clusterConfig(options), { mode: 'observe' });
  // Warnings are about the manifests the dry-run settles, as cluster/apply gives them; a snapshot's objects
  // already run in a cluster that has their namespace, and their state is what it is.
  const running = [...input.objects, ...input.others].filter(isRunning);
  const snapshots = new Set(running.map(objectRef));
  const manifest = (o: AnyObject) => !snapshots.has(objectRef(o));
  // The cluster a running object came from has its namespace, for the manifests beside it too.
  const held = new Set(running.map((o) => o.metadata.namespace));
  const outsideHeld = (o: AnyObject) => manifest(o) && !held.has(o.metadata.namespace);
  const refused = new Set(s.log.rejected.map((r) => r.object));
  // Made-up Nodes place the Pods but are not shown to the computations: the EndpointSlice controller
  // skips Pods whose Node it does not know, so a snapshot's Pods on unlisted Nodes would vanish.
  const madeUp = (o: { kind: string }) => o.kind === 'Node' && s.system.has(o as never);
  return {
    cluster: clusterOf([...s.cluster.objects.filter((o) => !madeUp(o)), ...s.cluster.others]),
    system: new Set([...s.system].map(objectRef)),
    warnings: [
      ...s.log.rejected.map((r) => `${r.object}: not used: ${r.message}`),
      ...input.others
        .filter((o) => !isWorkload(o.kind) && !refused.has(objectRef(o)))
        .map((o) => unusedWarning(o, answer)),
      ...missingNamespaces([...input.objects, ...input.others], new Set(), outsideHeld).map((m) => m.warning),
      ...s.log.warnings,
      ...settledWarnings(s, manifest),
    ],
  };
}
