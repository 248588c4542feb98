// Manifests in, a typed and defaulted Cluster out. Every problem in the input is collected and thrown
// at once, each at its path in the flattened object list (`objects[1].spec.ports[0].port`).
import { FieldPath } from '../../errors';
import type { Cluster, Kind, KubeObject, ObjectMeta, OtherObject } from './types';
import { readNamespace, readNode, readStatefulSet } from './cluster-kinds';
import { decodeManifests, flattenObjects, type ManifestFormat } from './decode';
import { DEFAULT_MANIFEST_LIMITS, type ManifestLimits } from './too-large';
import { readEndpoints, readEndpointSlice } from './discovery';
import { checkFields } from './fields';
import { readMeta } from './meta';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './names';
import { readPod } from './pod';
import { isObj, Reader, type Obj } from './read';
import { readService } from './service';
import { readPersistentVolume, readPersistentVolumeClaim, readPriorityClass, readStorageClass } from './storage';

interface KindRule {
  apiVersions: string[];
  namespaced: boolean;
  name: (name: string) => string[];
  read: (r: Reader, raw: Obj, path: FieldPath, metadata: ObjectMeta) => KubeObject;
}

// Name rules per kind, as the API server's Validate<Kind>Name functions choose them: a Service name
// must be a DNS-1035 label (it becomes a DNS label that cannot start with a digit).
const KINDS: Record<Kind, KindRule> = {
  Service: { apiVersions: ['v1'], namespaced: true, name: isDNS1035Label, read: readService },
  Pod: { apiVersions: ['v1'], namespaced: true, name: isDNS1123Subdomain, read: readPod },
  EndpointSlice: {
    apiVersions: ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'],
    namespaced: true,
    name: isDNS1123Subdomain,
    read: readEndpointSlice,
  },
  Endpoints: { apiVersions: ['v1'], namespaced: true, name: isDNS1123Subdomain, read: readEndpoints },
  Namespace: { apiVersions: ['v1'], namespaced: false, name: isDNS1123Label, read: readNamespace },
  Node: { apiVersions: ['v1'], namespaced: false, name: isDNS1123Subdomain, read: readNode },
  StatefulSet: { apiVersions: ['apps/v1'], namespaced: true, name: isDNS1123Subdomain, read: readStatefulSet },
  PersistentVolume: { apiVersions: ['v1'], namespaced: false, name: isDNS1123Subdomain, read: readPersistentVolume },
  PersistentVolumeClaim: {
    apiVersions: ['v1'],
    namespaced: true,
    name: isDNS1123Subdomain,
    read: readPersistentVolumeClaim,
  },
  StorageClass: {
    apiVersions: ['storage.k8s.io/v1'],
    namespaced: false,
    name: isDNS1123Subdomain,
    read: readStorageClass,
  },
  PriorityClass: {
    apiVersions: ['scheduling.k8s.io/v1'],
    namespaced: false,
    name: isDNS1123Subdomain,
    read: readPriorityClass,
  },
};

// Kinds the kernel does not model default to namespace "default" unless they are well known to be
// cluster-scoped, so a pasted ClusterRole is not placed in a namespace.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

// A Kubernetes group has no dot (apps, batch) or ends in .k8s.io; any other group is a custom
// resource (Knative's serving.knative.dev Service), kept as an OtherObject rather than rejected.
const isBuiltInGroup = (group: string): boolean => !group.includes('.') || /\.k8s\.io$|\.kubernetes\.io$/.test(group);

function ruleFor(kind: string | undefined, apiVersion: string | undefined): KindRule | undefined {
  if (!kind || !Object.prototype.hasOwnProperty.call(KINDS, kind)) return undefined;
  return apiVersion === undefined || isBuiltInGroup(groupOf(apiVersion)) ? KINDS[kind as Kind] : undefined;
}

/** Whether objects of the kind live in a namespace (an unknown kind does unless it is well known to be cluster-scoped). */
export function isNamespacedKind(kind: string | undefined, apiVersion: string | undefined): boolean {
  return ruleFor(kind, apiVersion)?.namespaced ?? !CLUSTER_SCOPED.has(kind ?? '');
}

/** What a value that is not a map is told, wherever it is refused. */
export const NOT_AN_OBJECT = 'must be a Kubernetes object: a map with apiVersion, kind and metadata';

/** What a list where an object is expected is told (a list in the list of objects, or in a List's items). */
export const NOT_A_LIST = `${NOT_AN_OBJECT}; got a list (a list of objects is given as the objects themselves or as a List's items)`;

function readObject(r: Reader, value: unknown, path: FieldPath): KubeObject | OtherObject | undefined {
  // A list is not shown: it may be all the objects sent.
  if (Array.isArray(value)) {
    r.invalid(path, NOT_A_LIST);
    return undefined;
  }
  if (!isObj(value)) {
    r.invalid(path, NOT_AN_OBJECT, value);
    return undefined;
  }
  const kind = r.reqStr(value.kind, path.child('kind'));
  const apiVersion = r.reqStr(value.apiVersion, path.child('apiVersion'));
  const rule = ruleFor(kind, apiVersion);
  if (rule && apiVersion && !rule.apiVersions.includes(apiVersion))
    r.notSupported(path.child('apiVersion'), apiVersion, rule.apiVersions);
  checkFields(r, value, path);
  const metadata = readMeta(
    r,
    value.metadata,
    path.child('metadata'),
    rule ?? { namespaced: isNamespacedKind(kind, apiVersion) },
  );
  if (rule) return rule.read(r, value, path, metadata);
  return kind && apiVersion ? { kind, apiVersion, metadata, raw: value } : undefined;
}

function identity(o: KubeObject | OtherObject): string {
  const group = ruleFor(o.kind, o.apiVersion) ? groupOf(KINDS[o.kind as Kind].apiVersions[0]) : groupOf(o.apiVersion);
  return `${group}/${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

/** Whether an object is one of the kinds the kernel models (as opposed to an OtherObject). */
export function isKubeObject(o: KubeObject | OtherObject): o is KubeObject {
  return ruleFor(o.kind, o.apiVersion) !== undefined;
}

/** A Cluster holding the given objects, sorted into their kinds, in the given order. */
export function clusterOf(objects: readonly (KubeObject | OtherObject)[]): Cluster {
  const c: Cluster = {
    objects: [],
    services: [],
    pods: [],
    endpointSlices: [],
    endpoints: [],
    namespaces: [],
    nodes: [],
    statefulSets: [],
    persistentVolumes: [],
    persistentVolumeClaims: [],
    storageClasses: [],
    priorityClasses: [],
    others: [],
  };
  for (const o of objects) {
    if (!isKubeObject(o)) {
      c.others.push(o);
      continue;
    }
    c.objects.push(o);
    if (o.kind === 'Service') c.services.push(o);
    else if (o.kind === 'Pod') c.pods.push(o);
    else if (o.kind === 'EndpointSlice') c.endpointSlices.push(o);
    else if (o.kind === 'Endpoints') c.endpoints.push(o);
    else if (o.kind === 'Namespace') c.namespaces.push(o);
    else if (o.kind === 'Node') c.nodes.push(o);
    else if (o.kind === 'StatefulSet') c.statefulSets.push(o);
    else if (o.kind === 'PersistentVolume') c.persistentVolumes.push(o);
    else if (o.kind === 'PersistentVolumeClaim') c.persistentVolumeClaims.push(o);
    else if (o.kind === 'StorageClass') c.storageClasses.push(o);
    else c.priorityClasses.push(o);
  }
  return c;
}

// Where each object was read from (`objects[3]`), for a problem found only later, when the objects are
// used together (a Pod's PriorityClass missing when it is scheduled): it is said at the object the client
// sent. Objects a controller makes in the dry-run have none.
const readAt = new WeakMap<object, string>();

/** The path the object was read at (`objects[3]`), when it was read from the request. */
export const pathOfObject = (o: object): string | undefined => readAt.get(o);

/** Objects (already decoded values; Lists flattened) to a validated Cluster; throws every problem at once. */
export function parseObjects(
  values: unknown[],
  pathPrefix = 'objects',
  limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS,
): Cluster {
  const flat = flattenObjects(values, limits);
  const r = new Reader();
  const seen = new Map<string, number>();
  const parsed: (KubeObject | OtherObject)[] = [];
  flat.forEach((value, i) => {
    if (value === null) return; // an empty entry, passed over at its index
    const path = FieldPath.root(pathPrefix).index(i);
    const o = readObject(r, value, path);
    if (!o) return;
    readAt.set(o, path.toString());
    const key = identity(o);
    const first = seen.get(key);
    if (first !== undefined && o.metadata.name) {
      r.invalid(
        path.child('metadata').child('name'),
        `duplicate of ${FieldPath.root(pathPrefix).index(first).toString()}`,
        o.metadata.name,
      );
    } else seen.set(key, i);
    parsed.push(o);
  });
  r.problems.throwIfAny();
  return clusterOf(parsed);
}

export interface ParseOptions {
  format?: ManifestFormat;
  pathPrefix?: string;
  limits?: Partial<ManifestLimits>;
}

/** Manifests as `kubectl get -o yaml|json` prints them (YAML, JSON, Lists), parsed, defaulted and validated. */
export function parseManifests(input: unknown, opts: ParseOptions = {}): Cluster {
  const limits: ManifestLimits = { ...DEFAULT_MANIFEST_LIMITS, ...opts.limits };
  // Already decoded: a list of objects, as `objects` is, or one object.
  const values =
    typeof input === 'string' ? decodeManifests(input, opts.format, limits) : Array.isArray(input) ? input : [input];
  return parseObjects(values, opts.pathPrefix ?? 'objects', limits);
}
