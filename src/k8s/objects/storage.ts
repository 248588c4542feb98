// PersistentVolume and PersistentVolumeClaim (core/v1), StorageClass (storage.k8s.io/v1) and PriorityClass
// (scheduling.k8s.io/v1): what the volume and preemption parts of kube-scheduler read, defaulted as the
// API server defaults them (SetDefaults_PersistentVolume, SetDefaults_StorageClass, SetDefaults_PriorityClass)
// and validated with its messages.
import type { FieldPath } from '../../errors';
import type {
  PersistentVolume,
  PersistentVolumeAccessMode,
  PersistentVolumeClaim,
  PriorityClass,
  StorageClass,
} from './scheduling-types';
import { resourceList } from './container';
import { isDNS1123Subdomain, isQualifiedName } from './names';
import type { Obj, Reader } from './read';
import { readLabelSelector, readNodeSelector } from './affinity-selectors';

const ACCESS_MODES: readonly PersistentVolumeAccessMode[] = [
  'ReadOnlyMany',
  'ReadWriteMany',
  'ReadWriteOnce',
  'ReadWriteOncePod',
];
const VOLUME_MODES = ['Block', 'Filesystem'] as const;

function accessModes(r: Reader, v: unknown, path: FieldPath, requiredMessage: string): PersistentVolumeAccessMode[] {
  const modes = r.list(v, path).flatMap((m, i) => r.oneOf(m, path.index(i), ACCESS_MODES) ?? []);
  if (modes.length === 0) r.required(path, requiredMessage);
  if (modes.includes('ReadWriteOncePod') && modes.length > 1)
    r.problems.add('FIELD_INVALID', path, 'Forbidden: may not use ReadWriteOncePod with other access modes');
  return modes;
}

function className(r: Reader, v: unknown, path: FieldPath): string | undefined {
  const name = r.str(v, path);
  if (name) r.check(path, name, isDNS1123Subdomain(name));
  return name;
}

function claimRef(r: Reader, v: unknown, path: FieldPath): PersistentVolume['spec']['claimRef'] {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const uid = r.str(o.uid, path.child('uid'));
  return {
    namespace: r.str(o.namespace, path.child('namespace')) ?? '',
    name: r.str(o.name, path.child('name')) ?? '',
    ...(uid ? { uid } : {}),
  };
}

/** A PersistentVolume: capacity, access modes, class, node affinity and the claim it is bound to. */
export function readPersistentVolume(
  r: Reader,
  raw: Obj,
  path: FieldPath,
  metadata: PersistentVolume['metadata'],
): PersistentVolume {
  const sp = path.child('spec');
  const spec: Obj = r.obj(raw.spec, sp) ?? {};
  const capacity = resourceList(r, spec.capacity, sp.child('capacity'));
  if (!capacity.storage) r.required(sp.child('capacity'));
  const na = r.obj(spec.nodeAffinity, sp.child('nodeAffinity'));
  const required = na && readNodeSelector(r, na.required, sp.child('nodeAffinity').child('required'));
  const ref = claimRef(r, spec.claimRef, sp.child('claimRef'));
  const status: Obj = r.obj(raw.status, path.child('status')) ?? {};
  const phases = ['Pending', 'Available', 'Bound', 'Released', 'Failed'] as const;
  return {
    kind: 'PersistentVolume',
    apiVersion: 'v1',
    metadata,
    spec: {
      capacity,
      accessModes: accessModes(r, spec.accessModes, sp.child('accessModes'), ''),
      storageClassName: className(r, spec.storageClassName, sp.child('storageClassName')) ?? '',
      volumeMode: r.oneOf(spec.volumeMode, sp.child('volumeMode'), VOLUME_MODES, 'Filesystem'),
      ...(na ? { nodeAffinity: required ? { required } : {} } : {}),
      ...(ref ? { claimRef: ref } : {}),
    },
    // A PV given without status is as the PV controller leaves a new one: Available, or Bound when claimed.
    status: { phase: r.oneOf(status.phase, path.child('status').child('phase'), phases, ref ? 'Bound' : 'Available') },
    raw,
  };
}

/** A PersistentVolumeClaim: requested storage and access modes, class, and the volume it is bound to. */
export function readPersistentVolumeClaim(
  r: Reader,
  raw: Obj,
  path: FieldPath,
  metadata: PersistentVolumeClaim['metadata'],
): PersistentVolumeClaim {
  const sp = path.child('spec');
  const spec: Obj = r.obj(raw.spec, sp) ?? {};
  const res: Obj = r.obj(spec.resources, sp.child('resources')) ?? {};
  const requests = resourceList(r, res.requests, sp.child('resources').child('requests'));
  if (!requests.storage) r.required(sp.child('resources').child('requests').key('storage'), '');
  const selector = readLabelSelector(r, spec.selector, sp.child('selector'));
  const storageClassName = className(r, spec.storageClassName, sp.child('storageClassName'));
  const volumeName = r.str(spec.volumeName, sp.child('volumeName')) ?? '';
  const status: Obj = r.obj(raw.status, path.child('status')) ?? {};
  return {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    metadata,
    spec: {
      accessModes: accessModes(r, spec.accessModes, sp.child('accessModes'), 'at least 1 access mode is required'),
      resources: { requests },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
      volumeName,
      volumeMode: r.oneOf(spec.volumeMode, sp.child('volumeMode'), VOLUME_MODES, 'Filesystem'),
      ...(selector ? { selector } : {}),
    },
    status: {
      phase: r.oneOf(
        status.phase,
        path.child('status').child('phase'),
        ['Pending', 'Bound', 'Lost'] as const,
        volumeName ? 'Bound' : 'Pending',
      ),
    },
    raw,
  };
}

function allowedTopologies(r: Reader, v: unknown, path: FieldPath): StorageClass['allowedTopologies'] {
  return r.list(v, path).map((t, i) => {
    const tp = path.index(i).child('matchLabelExpressions');
    const exprs = r.list(r.obj(t, path.index(i))?.matchLabelExpressions, tp).flatMap((e, j) => {
      const o = r.obj(e, tp.index(j));
      if (!o) return [];
      const key = r.reqStr(o.key, tp.index(j).child('key')) ?? '';
      if (key) r.check(tp.index(j).child('key'), key, isQualifiedName(key));
      const values = r.strList(o.values, tp.index(j).child('values'));
      if (!values.length) r.required(tp.index(j).child('values'), 'must specify as least one value');
      return [{ key, values }];
    });
    return { matchLabelExpressions: exprs };
  });
}

/** A StorageClass: its provisioner, binding mode (Immediate unless set) and allowed topologies. */
export function readStorageClass(
  r: Reader,
  raw: Obj,
  path: FieldPath,
  metadata: StorageClass['metadata'],
): StorageClass {
  return {
    kind: 'StorageClass',
    apiVersion: 'storage.k8s.io/v1',
    metadata,
    provisioner: r.reqStr(raw.provisioner, path.child('provisioner')) ?? '',
    volumeBindingMode: r.oneOf(
      raw.volumeBindingMode,
      path.child('volumeBindingMode'),
      ['Immediate', 'WaitForFirstConsumer'] as const,
      'Immediate',
    ),
    allowedTopologies: allowedTopologies(r, raw.allowedTopologies, path.child('allowedTopologies')),
    raw,
  };
}

// The classes every cluster has (pkg/apis/scheduling: SystemPriorityClasses); other names may not use the prefix.
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

/** A PriorityClass (ValidatePriorityClass): a value, and user classes stay at or below one billion. */
export function readPriorityClass(
  r: Reader,
  raw: Obj,
  path: FieldPath,
  metadata: PriorityClass['metadata'],
): PriorityClass {
  if (raw.value === undefined || raw.value === null) r.required(path.child('value'));
  const value = r.int(raw.value, path.child('value')) ?? 0;
  const system = SYSTEM_PRIORITY_CLASSES[metadata.name];
  if (metadata.name.startsWith('system-') && system === undefined)
    r.problems.add(
      'FIELD_INVALID',
      path.child('metadata').child('name'),
      "Forbidden: priority class names with 'system-' prefix are reserved",
    );
  if (system === undefined && value > HIGHEST_USER_DEFINABLE_PRIORITY)
    r.problems.add(
      'FIELD_INVALID',
      path.child('value'),
      `Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
    );
  return {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata,
    value,
    globalDefault: r.bool(raw.globalDefault, path.child('globalDefault'), false),
    preemptionPolicy: r.oneOf(
      raw.preemptionPolicy,
      path.child('preemptionPolicy'),
      ['PreemptLowerPriority', 'Never'] as const,
      'PreemptLowerPriority',
    ),
    raw,
  };
}
