// Builders for the admission tests: the manifests a user writes (LimitRange, ResourceQuota, Pod), parsed
// as the capability parses them, so each case reads as the YAML it stands for.
import { parseObjects, type Cluster, type Pod } from '../objects';
import { deepFreeze } from '../testing/builders';

type Fields = Record<string, unknown>;
type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

/** A LimitRange in `shop` with these spec.limits items. */
export const limitRange = (name: string, ...limits: Fields[]): Fields => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name, namespace: 'shop' },
  spec: { limits },
});

/** A ResourceQuota in `shop` with this spec.hard, and spec or status fields besides. */
export const resourceQuota = (name: string, hard: Record<string, string>, more: Fields = {}): Fields => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'shop' },
  ...more,
  spec: { hard, ...(more.spec as Fields) },
});

/** A container named `name` with these resources. */
export const container = (name: string, resources: Resources = {}, more: Fields = {}): Fields => ({
  name,
  image: 'registry.k8s.io/pause:3.10',
  resources,
  ...more,
});

/** A Pod manifest in `shop` with these containers and spec fields besides. */
export const podManifest = (name: string, containers: Fields[], spec: Fields = {}, status: Fields = {}): Fields => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { containers, ...spec },
  status: { phase: 'Running', ...status },
});

/** The objects parsed into a frozen Cluster, as the capability reads them. */
export const clusterOf = (...objects: Fields[]): Cluster => deepFreeze(parseObjects(objects));

/** One Pod manifest parsed and frozen. */
export const podOf = (manifest: Fields): Pod => clusterOf(manifest).pods[0];
