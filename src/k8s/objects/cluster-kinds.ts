// Node and Namespace (cluster-scoped, core/v1) and StatefulSet (apps/v1).
import type { FieldPath } from '../../errors';
import type { Namespace, Node, StatefulSet, Taint } from './types';
import { resourceList } from './container';
import { isQualifiedName, isValidLabelValue } from './names';
import { readPodSpec } from './pod';
import type { Obj, Reader } from './read';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

function taint(r: Reader, v: unknown, path: FieldPath): Taint | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const key = r.reqStr(o.key, path.child('key')) ?? '';
  if (key) r.check(path.child('key'), key, isQualifiedName(key));
  const value = r.str(o.value, path.child('value'));
  if (value) r.check(path.child('value'), value, isValidLabelValue(value));
  if (o.effect === undefined || o.effect === null) r.required(path.child('effect'));
  const effect = r.oneOf(o.effect, path.child('effect'), EFFECTS, 'NoSchedule');
  return { key, ...(value ? { value } : {}), effect };
}

// status.images: the images the kubelet reports as cached on the node (ImageLocality reads them).
function images(r: Reader, v: unknown, path: FieldPath): Node['status']['images'] {
  return r.list(v, path).flatMap((item, i) => {
    const o = r.obj(item, path.index(i));
    if (!o) return [];
    const size = r.int(o.sizeBytes, path.index(i).child('sizeBytes')) ?? 0;
    return [{ names: r.strList(o.names, path.index(i).child('names')), sizeBytes: Math.max(size, 0) }];
  });
}

/** A Node, defaulted and validated. */
export function readNode(r: Reader, raw: Obj, path: FieldPath, metadata: Node['metadata']): Node {
  const sp = path.child('spec');
  const spec: Obj = r.obj(raw.spec, sp) ?? {};
  const st = path.child('status');
  const status: Obj = r.obj(raw.status, st) ?? {};
  const podCIDR = r.str(spec.podCIDR, sp.child('podCIDR'));
  const podCIDRs = r.strList(spec.podCIDRs, sp.child('podCIDRs'));
  const addresses = r.list(status.addresses, st.child('addresses')).flatMap((item, i) => {
    const p = st.child('addresses').index(i);
    const o = r.obj(item, p);
    return o
      ? [{ type: r.str(o.type, p.child('type')) ?? '', address: r.str(o.address, p.child('address')) ?? '' }]
      : [];
  });
  const capacity = resourceList(r, status.capacity, st.child('capacity'));
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata,
    spec: {
      taints: r.list(spec.taints, sp.child('taints')).flatMap((t, i) => taint(r, t, sp.child('taints').index(i)) ?? []),
      unschedulable: r.bool(spec.unschedulable, sp.child('unschedulable'), false),
      podCIDRs: podCIDRs.length ? podCIDRs : podCIDR ? [podCIDR] : [],
    },
    status: {
      addresses,
      // SetDefaults_NodeStatus: a Node that reports capacity but no allocatable can allocate all of it.
      allocatable:
        status.allocatable === undefined || status.allocatable === null
          ? capacity
          : resourceList(r, status.allocatable, st.child('allocatable')),
      capacity,
      images: images(r, status.images, st.child('images')),
    },
    raw,
  };
}

/** A Namespace. */
export function readNamespace(_r: Reader, raw: Obj, _path: FieldPath, metadata: Namespace['metadata']): Namespace {
  return { kind: 'Namespace', apiVersion: 'v1', metadata, raw };
}

function matchLabels(r: Reader, spec: Obj, sp: FieldPath): Record<string, string> {
  const selector = r.obj(spec.selector, sp.child('selector'));
  if (!selector) {
    r.required(sp.child('selector'));
    return {};
  }
  const labels = r.labels(selector.matchLabels, sp.child('selector').child('matchLabels'));
  const expressions = r.list(selector.matchExpressions, sp.child('selector').child('matchExpressions'));
  if (!Object.keys(labels).length && !expressions.length)
    r.invalid(sp.child('selector'), 'empty selector is invalid for statefulset');
  return labels;
}

/** A StatefulSet, defaulted (replicas 1, OrderedReady) and validated. */
export function readStatefulSet(r: Reader, raw: Obj, path: FieldPath, metadata: StatefulSet['metadata']): StatefulSet {
  const sp = path.child('spec');
  const spec: Obj = r.obj(raw.spec, sp) ?? {};
  const tp = sp.child('template');
  const template: Obj = r.obj(spec.template, tp) ?? {};
  const tmeta: Obj = r.obj(template.metadata, tp.child('metadata')) ?? {};
  const labels = r.labels(tmeta.labels, tp.child('metadata').child('labels'));
  const selector = matchLabels(r, spec, sp);
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    r.invalid(tp.child('metadata').child('labels'), '`selector` does not match template `labels`', labels);
  }
  const podSpec = readPodSpec(r, template.spec, tp.child('spec'));
  if (podSpec.restartPolicy !== 'Always')
    r.notSupported(tp.child('spec').child('restartPolicy'), podSpec.restartPolicy, ['Always']);
  return {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    metadata,
    spec: {
      serviceName: r.str(spec.serviceName, sp.child('serviceName')) ?? '',
      replicas: r.count(spec.replicas, sp.child('replicas'), 0, 1),
      selector: { matchLabels: selector },
      podManagementPolicy: r.oneOf(
        spec.podManagementPolicy,
        sp.child('podManagementPolicy'),
        ['OrderedReady', 'Parallel'] as const,
        'OrderedReady',
      ),
      ...ordinals(r, spec.ordinals, sp.child('ordinals')),
      template: { metadata: { labels }, spec: podSpec },
      persistentVolumeClaimRetentionPolicy: retentionPolicy(r, spec.persistentVolumeClaimRetentionPolicy, sp),
      ...claimTemplates(r, spec.volumeClaimTemplates, sp.child('volumeClaimTemplates')),
    },
    raw,
  };
}

// spec.ordinals (StatefulSetOrdinals): ValidateStatefulSetSpec wants start >= 0 ("must be greater than or
// equal to 0" at spec.ordinals.start). start is `omitempty`, so a start of 0 is stored as `ordinals: {}`.
function ordinals(r: Reader, v: unknown, path: FieldPath): { ordinals?: { start?: number } } {
  const o = r.obj(v, path);
  if (!o) return {};
  const start = r.count(o.start, path.child('start'), 0, 0);
  return { ordinals: start ? { start } : {} };
}

const POLICIES = ['Retain', 'Delete'] as const;

// SetDefaults_StatefulSet: both rules Retain unless set.
function retentionPolicy(
  r: Reader,
  v: unknown,
  sp: FieldPath,
): StatefulSet['spec']['persistentVolumeClaimRetentionPolicy'] {
  const path = sp.child('persistentVolumeClaimRetentionPolicy');
  const o: Obj = r.obj(v, path) ?? {};
  return {
    whenDeleted: r.oneOf(o.whenDeleted, path.child('whenDeleted'), POLICIES, 'Retain'),
    whenScaled: r.oneOf(o.whenScaled, path.child('whenScaled'), POLICIES, 'Retain'),
  };
}

// Each claim template as the API server stores it: the generated defaulters reach the nested claim
// (SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem; status.phase Pending), and apps
// validation wants each a name, as it becomes the Pod's volume and the claim's name prefix. The claim
// itself is validated when the controller creates it, as the API server does then.
function claimTemplates(r: Reader, v: unknown, path: FieldPath): { volumeClaimTemplates?: Obj[] } {
  if (v === undefined || v === null) return {};
  const templates = r.list(v, path).flatMap((t, i) => {
    const o = r.obj(t, path.index(i));
    if (!o) return [];
    const meta: Obj = r.obj(o.metadata, path.index(i).child('metadata')) ?? {};
    r.reqStr(meta.name, path.index(i).child('metadata').child('name'));
    const spec: Obj = r.obj(o.spec, path.index(i).child('spec')) ?? {};
    return [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        ...o,
        spec: { ...spec, volumeMode: spec.volumeMode ?? 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ];
  });
  return { volumeClaimTemplates: templates };
}
