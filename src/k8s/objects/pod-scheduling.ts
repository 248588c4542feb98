// The Pod spec fields kube-scheduler reads: affinity, topology spread constraints, priority, overhead,
// pod-level resources, volumes and scheduling gates, with the API server's defaults (SetDefaults_PodSpec,
// SetDefaults_Pod) and validation (ValidateAffinity, validateTopologySpreadConstraints, validateVolumes).
import type { FieldPath } from '../../errors';
import type { Container, Pod } from './types';
import type {
  Affinity,
  NodeAffinity,
  PodAffinity,
  PodAffinityTerm,
  TopologySpreadConstraint,
  Volume,
  WeightedPodAffinityTerm,
} from './scheduling-types';
import { resourceList } from './container';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import type { Obj, Reader } from './read';
import { readLabelSelector, readNodeSelector, readNodeSelectorTerm } from './affinity-selectors';

type SchedulingFields = Pick<
  Pod['spec'],
  | 'affinity'
  | 'schedulerName'
  | 'schedulingGates'
  | 'priorityClassName'
  | 'priority'
  | 'preemptionPolicy'
  | 'overhead'
  | 'resources'
  | 'topologySpreadConstraints'
  | 'volumes'
>;

function weight(r: Reader, v: unknown, path: FieldPath): number {
  const w = r.int(v, path) ?? 0;
  if (w < 1 || w > 100) r.invalid(path, 'must be in the range 1-100', v);
  return w;
}

function nodeAffinity(r: Reader, v: unknown, path: FieldPath): NodeAffinity | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const required = readNodeSelector(
    r,
    o.requiredDuringSchedulingIgnoredDuringExecution,
    path.child('requiredDuringSchedulingIgnoredDuringExecution'),
  );
  const pp = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  const preferred = r.list(o.preferredDuringSchedulingIgnoredDuringExecution, pp).flatMap((t, i) => {
    const term = r.obj(t, pp.index(i));
    if (!term) return [];
    if (term.preference === undefined || term.preference === null) r.required(pp.index(i).child('preference'));
    return [
      {
        weight: weight(r, term.weight, pp.index(i).child('weight')),
        preference: readNodeSelectorTerm(r, term.preference, pp.index(i).child('preference')),
      },
    ];
  });
  return {
    ...(required ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
    preferredDuringSchedulingIgnoredDuringExecution: preferred,
  };
}

function labelKeys(r: Reader, v: unknown, path: FieldPath): string[] {
  const keys = r.strList(v, path);
  keys.forEach((k, i) => r.check(path.index(i), k, isQualifiedName(k)));
  return keys;
}

/** A PodAffinityTerm (validatePodAffinityTerm): a topologyKey, and namespaces that are DNS labels. */
function affinityTerm(r: Reader, v: unknown, path: FieldPath): PodAffinityTerm | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const labelSelector = readLabelSelector(r, o.labelSelector, path.child('labelSelector'));
  const namespaceSelector = readLabelSelector(r, o.namespaceSelector, path.child('namespaceSelector'));
  const namespaces = r.strList(o.namespaces, path.child('namespaces'));
  // The API server reports these at `namespace`, not `namespaces[i]` (validatePodAffinityTerm).
  namespaces.forEach((ns) => r.check(path.child('namespace'), ns, isDNS1123Label(ns)));
  const topologyKey = r.str(o.topologyKey, path.child('topologyKey')) ?? '';
  if (!topologyKey) r.required(path.child('topologyKey'), 'can not be empty');
  else r.check(path.child('topologyKey'), topologyKey, isQualifiedName(topologyKey));
  const matchLabelKeys = labelKeys(r, o.matchLabelKeys, path.child('matchLabelKeys'));
  const mismatchLabelKeys = labelKeys(r, o.mismatchLabelKeys, path.child('mismatchLabelKeys'));
  for (const [name, keys] of [
    ['matchLabelKeys', matchLabelKeys],
    ['mismatchLabelKeys', mismatchLabelKeys],
  ] as const)
    if (keys.length && !labelSelector)
      r.problems.add(
        'FIELD_INVALID',
        path.child(name),
        'Forbidden: must not be specified when labelSelector is not set',
      );
  matchLabelKeys.forEach((k, i) => {
    if (mismatchLabelKeys.includes(k))
      r.invalid(path.child('matchLabelKeys').index(i), 'exists in both matchLabelKeys and mismatchLabelKeys', k);
  });
  return {
    ...(labelSelector ? { labelSelector } : {}),
    namespaces,
    ...(namespaceSelector ? { namespaceSelector } : {}),
    topologyKey,
    matchLabelKeys,
    mismatchLabelKeys,
  };
}

function podAffinity(r: Reader, v: unknown, path: FieldPath): PodAffinity | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const rp = path.child('requiredDuringSchedulingIgnoredDuringExecution');
  const pp = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  const preferred = r
    .list(o.preferredDuringSchedulingIgnoredDuringExecution, pp)
    .flatMap((t, i): WeightedPodAffinityTerm[] => {
      const term = r.obj(t, pp.index(i));
      if (!term) return [];
      const inner = affinityTerm(r, term.podAffinityTerm ?? {}, pp.index(i).child('podAffinityTerm'));
      return inner ? [{ weight: weight(r, term.weight, pp.index(i).child('weight')), podAffinityTerm: inner }] : [];
    });
  return {
    requiredDuringSchedulingIgnoredDuringExecution: r
      .list(o.requiredDuringSchedulingIgnoredDuringExecution, rp)
      .flatMap((t, i) => affinityTerm(r, t, rp.index(i)) ?? []),
    preferredDuringSchedulingIgnoredDuringExecution: preferred,
  };
}

function affinity(r: Reader, v: unknown, path: FieldPath): Affinity | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const na = nodeAffinity(r, o.nodeAffinity, path.child('nodeAffinity'));
  const pa = podAffinity(r, o.podAffinity, path.child('podAffinity'));
  const anti = podAffinity(r, o.podAntiAffinity, path.child('podAntiAffinity'));
  return {
    ...(na ? { nodeAffinity: na } : {}),
    ...(pa ? { podAffinity: pa } : {}),
    ...(anti ? { podAntiAffinity: anti } : {}),
  };
}

const POLICIES = ['Honor', 'Ignore'] as const;
const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'] as const;

function spreadConstraint(r: Reader, v: unknown, path: FieldPath): TopologySpreadConstraint | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const maxSkew = r.int(o.maxSkew, path.child('maxSkew')) ?? 0;
  if (maxSkew <= 0) r.invalid(path.child('maxSkew'), 'must be greater than zero', o.maxSkew ?? 0);
  const topologyKey = r.str(o.topologyKey, path.child('topologyKey')) ?? '';
  if (!topologyKey) r.required(path.child('topologyKey'), 'can not be empty');
  if (o.whenUnsatisfiable === undefined || o.whenUnsatisfiable === null)
    r.notSupported(path.child('whenUnsatisfiable'), '', ACTIONS);
  const whenUnsatisfiable = r.oneOf(o.whenUnsatisfiable, path.child('whenUnsatisfiable'), ACTIONS, 'DoNotSchedule');
  const minDomains = r.int(o.minDomains, path.child('minDomains'));
  if (minDomains !== undefined && minDomains <= 0)
    r.invalid(path.child('minDomains'), 'must be greater than zero', minDomains);
  if (minDomains !== undefined && whenUnsatisfiable !== 'DoNotSchedule')
    r.invalid(
      path.child('minDomains'),
      `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${whenUnsatisfiable}`,
      minDomains,
    );
  const labelSelector = readLabelSelector(r, o.labelSelector, path.child('labelSelector'));
  const nodeAffinityPolicy = r.oneOf(o.nodeAffinityPolicy, path.child('nodeAffinityPolicy'), POLICIES);
  const nodeTaintsPolicy = r.oneOf(o.nodeTaintsPolicy, path.child('nodeTaintsPolicy'), POLICIES);
  return {
    maxSkew,
    topologyKey,
    whenUnsatisfiable,
    ...(labelSelector ? { labelSelector } : {}),
    ...(minDomains !== undefined ? { minDomains } : {}),
    ...(nodeAffinityPolicy ? { nodeAffinityPolicy } : {}),
    ...(nodeTaintsPolicy ? { nodeTaintsPolicy } : {}),
    matchLabelKeys: labelKeys(r, o.matchLabelKeys, path.child('matchLabelKeys')),
  };
}

function spreadConstraints(r: Reader, v: unknown, path: FieldPath): TopologySpreadConstraint[] {
  const list = r.list(v, path).flatMap((c, i) => spreadConstraint(r, c, path.index(i)) ?? []);
  // One constraint per {topologyKey, whenUnsatisfiable} pair (ValidateSpreadConstraintNotRepeat).
  list.forEach((c, i) => {
    if (list.slice(i + 1).some((d) => d.topologyKey === c.topologyKey && d.whenUnsatisfiable === c.whenUnsatisfiable))
      r.duplicate(
        path.index(i).child('{topologyKey, whenUnsatisfiable}'),
        `{${c.topologyKey}, ${c.whenUnsatisfiable}}`,
      );
  });
  return list;
}

function readOnly(r: Reader, o: Obj, path: FieldPath): boolean {
  return r.bool(o.readOnly, path.child('readOnly'), false);
}

function volumeSource(r: Reader, o: Obj, path: FieldPath): Omit<Volume, 'name'> {
  const src = (key: string) => r.obj(o[key], path.child(key));
  const pvc = src('persistentVolumeClaim');
  const gce = src('gcePersistentDisk');
  const ebs = src('awsElasticBlockStore');
  const iscsi = src('iscsi');
  const rbd = src('rbd');
  const req = (s: Obj, key: string, p: string) => r.reqStr(s[key], path.child(p).child(key)) ?? '';
  return {
    ...(pvc
      ? {
          persistentVolumeClaim: {
            claimName: req(pvc, 'claimName', 'persistentVolumeClaim'),
            readOnly: readOnly(r, pvc, path.child('persistentVolumeClaim')),
          },
        }
      : {}),
    ...(src('ephemeral') ? { ephemeral: true } : {}),
    ...(gce
      ? {
          gcePersistentDisk: {
            pdName: req(gce, 'pdName', 'gcePersistentDisk'),
            readOnly: readOnly(r, gce, path.child('gcePersistentDisk')),
          },
        }
      : {}),
    ...(ebs
      ? {
          awsElasticBlockStore: {
            volumeID: req(ebs, 'volumeID', 'awsElasticBlockStore'),
            readOnly: readOnly(r, ebs, path.child('awsElasticBlockStore')),
          },
        }
      : {}),
    ...(iscsi ? { iscsi: { iqn: req(iscsi, 'iqn', 'iscsi'), readOnly: readOnly(r, iscsi, path.child('iscsi')) } } : {}),
    ...(rbd
      ? {
          rbd: {
            monitors: r.strList(rbd.monitors, path.child('rbd').child('monitors')),
            pool: r.str(rbd.pool, path.child('rbd').child('pool')) || 'rbd', // SetDefaults_RBDVolumeSource
            image: req(rbd, 'image', 'rbd'),
            readOnly: readOnly(r, rbd, path.child('rbd')),
          },
        }
      : {}),
  };
}

function volumes(r: Reader, v: unknown, path: FieldPath): Volume[] {
  const names = new Set<string>();
  return r.list(v, path).flatMap((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return [];
    const name = r.reqStr(o.name, p.child('name')) ?? '';
    if (name) r.check(p.child('name'), name, isDNS1123Label(name));
    if (name && names.has(name)) r.duplicate(p.child('name'), name);
    names.add(name);
    return [{ name, ...volumeSource(r, o, p) }];
  });
}

function gates(r: Reader, v: unknown, path: FieldPath): string[] {
  return r.list(v, path).flatMap((g, i) => {
    const name = r.reqStr(r.obj(g, path.index(i))?.name, path.index(i).child('name'));
    if (name) r.check(path.index(i).child('name'), name, isQualifiedName(name));
    return name ? [name] : [];
  });
}

/** The scheduling fields of a Pod spec (or a Pod template's), defaulted and validated. */
export function readSchedulingFields(r: Reader, o: Obj, path: FieldPath): SchedulingFields {
  const priorityClassName = r.str(o.priorityClassName, path.child('priorityClassName'));
  if (priorityClassName)
    r.check(path.child('priorityClassName'), priorityClassName, isDNS1123Subdomain(priorityClassName));
  const priority = r.int(o.priority, path.child('priority'));
  const preemptionPolicy = r.oneOf(o.preemptionPolicy, path.child('preemptionPolicy'), [
    'PreemptLowerPriority',
    'Never',
  ] as const);
  const res = r.obj(o.resources, path.child('resources'));
  const a = affinity(r, o.affinity, path.child('affinity'));
  return {
    ...(a ? { affinity: a } : {}),
    schedulerName: r.str(o.schedulerName, path.child('schedulerName')) || 'default-scheduler',
    schedulingGates: gates(r, o.schedulingGates, path.child('schedulingGates')),
    ...(priorityClassName ? { priorityClassName } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(preemptionPolicy ? { preemptionPolicy } : {}),
    ...(o.overhead !== undefined && o.overhead !== null
      ? { overhead: resourceList(r, o.overhead, path.child('overhead')) }
      : {}),
    ...(res
      ? {
          resources: {
            requests: resourceList(r, res.requests, path.child('resources').child('requests')),
            limits: resourceList(r, res.limits, path.child('resources').child('limits')),
          },
        }
      : {}),
    topologySpreadConstraints: spreadConstraints(
      r,
      o.topologySpreadConstraints,
      path.child('topologySpreadConstraints'),
    ),
    volumes: volumes(r, o.volumes, path.child('volumes')),
  };
}

// SetDefaults_Pod: a container with a limit but no request for a resource gets the limit as its
// request. Only Pods get this, not Pod templates ("we only want this defaulting semantic to take
// place on a v1.Pod and not a v1.PodTemplate"), so controllers' Pods get it when they are created.
function requestsFromLimits(c: Container): Container {
  const missing = Object.keys(c.resources.limits).filter((k) => !(k in c.resources.requests));
  if (!missing.length) return c;
  const requests = { ...c.resources.requests };
  for (const k of missing) requests[k] = c.resources.limits[k];
  return { ...c, resources: { ...c.resources, requests } };
}

// SetDefaults_PodSpec: with hostNetwork, a container port's hostPort defaults to its containerPort.
function hostNetworkPorts(c: Container): Container {
  if (!c.ports.some((p) => p.hostPort === undefined)) return c;
  return { ...c, ports: c.ports.map((p) => (p.hostPort === undefined ? { ...p, hostPort: p.containerPort } : p)) };
}

/** A Pod's spec with the API server's Pod-only defaults applied: requests from limits, hostNetwork host ports. */
export function defaultPodSpec(spec: Pod['spec']): Pod['spec'] {
  const each = (c: Container) => {
    const withRequests = requestsFromLimits(c);
    return spec.hostNetwork ? hostNetworkPorts(withRequests) : withRequests;
  };
  return { ...spec, containers: spec.containers.map(each), initContainers: spec.initContainers.map(each) };
}
