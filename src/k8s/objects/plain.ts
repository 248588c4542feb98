// The defaulted object as the API server would show it (`kubectl get -o json`): the modelled fields with
// their defaults, laid over the object as it was given so fields the kernel does not model are kept, and
// under it the Pod spec defaults the kernel does not model (pod-defaults.ts: imagePullPolicy, …).
// Empty optional fields are left out, as Go's `omitempty` leaves them out; managedFields are dropped, as
// kubectl hides them.
import type {
  Container,
  EndpointSlice,
  Endpoints,
  KubeObject,
  Node,
  ObjectMeta,
  OtherObject,
  Pod,
  Probe,
  Service,
  StatefulSet,
} from './types';
import type { PersistentVolume, PersistentVolumeClaim, PriorityClass, StorageClass } from './scheduling-types';
import { isKubeObject } from './parse';
import { withPodDefaults } from './pod-defaults';
import { isObj, type Obj } from './read';

type Json = Record<string, unknown>;

/** Drops undefined, empty strings, empty lists and empty maps, as `omitempty` does (callers drop `false` themselves). */
function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (
      v === undefined ||
      v === '' ||
      (Array.isArray(v) && v.length === 0) ||
      (isObj(v) && Object.keys(v).length === 0)
    )
      continue;
    out[k] = v;
  }
  return out;
}

function meta(m: ObjectMeta): Json {
  return compact({
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    deletionTimestamp: m.deletionTimestamp,
    labels: m.labels,
    annotations: m.annotations,
    ownerReferences: m.ownerReferences,
  });
}

function probe(p: Probe | undefined): Json | undefined {
  return (
    p && {
      ...p.raw,
      // omitempty: a delay of 0 is shown only where it was given.
      ...(p.initialDelaySeconds ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
      periodSeconds: p.periodSeconds,
      timeoutSeconds: p.timeoutSeconds,
      successThreshold: p.successThreshold,
      failureThreshold: p.failureThreshold,
    }
  );
}

function container(c: Container): Json {
  return {
    ...compact({ name: c.name, image: c.image, ports: c.ports.map((p) => compact({ ...p })) }),
    // The API prints `resources: {}` for a container without requests or limits.
    resources: compact({ ...c.resources }),
    ...compact({
      livenessProbe: probe(c.livenessProbe),
      readinessProbe: probe(c.readinessProbe),
      startupProbe: probe(c.startupProbe),
      restartPolicy: c.restartPolicy,
    }),
  };
}

function podSpec(s: Pod['spec']): Json {
  return {
    containers: s.containers.map(container),
    ...compact({
      initContainers: s.initContainers.map(container),
      hostname: s.hostname,
      subdomain: s.subdomain,
      nodeName: s.nodeName,
    }),
    ...(s.setHostnameAsFQDN ? { setHostnameAsFQDN: true } : {}),
    ...(s.hostNetwork ? { hostNetwork: true } : {}),
    dnsPolicy: s.dnsPolicy,
    ...compact({
      dnsConfig: s.dnsConfig && compact({ ...s.dnsConfig }),
      nodeSelector: s.nodeSelector,
      tolerations: s.tolerations,
      priorityClassName: s.priorityClassName,
      preemptionPolicy: s.preemptionPolicy,
    }),
    ...(s.priority !== undefined ? { priority: s.priority } : {}),
    restartPolicy: s.restartPolicy,
    schedulerName: s.schedulerName,
  };
}

function service(s: Service): Json {
  const sp = s.spec;
  const external = sp.type === 'ExternalName';
  return {
    spec: compact({
      type: sp.type,
      selector: sp.selector,
      clusterIP: sp.clusterIP,
      clusterIPs: sp.clusterIPs,
      ipFamilies: external ? undefined : sp.ipFamilies,
      ipFamilyPolicy: external ? undefined : sp.ipFamilyPolicy,
      ports: sp.ports.map((p) => compact({ ...p })),
      externalName: sp.externalName,
      publishNotReadyAddresses: sp.publishNotReadyAddresses || undefined,
      sessionAffinity: sp.sessionAffinity,
      externalIPs: sp.externalIPs,
      internalTrafficPolicy: external ? undefined : sp.internalTrafficPolicy,
      externalTrafficPolicy: sp.externalTrafficPolicy,
      healthCheckNodePort: sp.healthCheckNodePort,
    }),
    status: { loadBalancer: compact({ ingress: s.status.loadBalancer.ingress }) },
  };
}

function pod(p: Pod): Json {
  const st = p.status;
  return {
    spec: podSpec(p.spec),
    status: compact({
      phase: st.phase,
      podIP: st.podIP,
      podIPs: st.podIPs.map((ip) => ({ ip })),
      hostIP: st.hostIP,
      conditions: st.conditions,
    }),
  };
}

const slice = (s: EndpointSlice): Json => ({
  addressType: s.addressType,
  endpoints: s.endpoints.map((e) => ({
    addresses: e.addresses,
    conditions: { ...e.conditions },
    ...compact({ hostname: e.hostname, nodeName: e.nodeName, zone: e.zone, targetRef: e.targetRef }),
  })),
  ports: s.ports.map((p) => ({ ...p })),
});

const endpoints = (e: Endpoints): Json => ({ subsets: e.subsets.map((s) => compact({ ...s })) });

const node = (n: Node): Json => ({
  spec: compact({ taints: n.spec.taints, unschedulable: n.spec.unschedulable || undefined, podCIDRs: n.spec.podCIDRs }),
  status: compact({ ...n.status }),
});

// SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go): a rolling update from partition 0, ten
// revisions kept, claims retained on delete and scale-down; given values are kept.
function statefulSet(s: StatefulSet): Json {
  const given = isObj(s.raw?.spec) ? s.raw.spec : {};
  const strategy = isObj(given.updateStrategy) ? given.updateStrategy : {};
  const type = strategy.type ?? 'RollingUpdate';
  return {
    spec: {
      ...s.spec,
      selector: { matchLabels: s.spec.selector.matchLabels },
      template: { metadata: compact({ labels: s.spec.template.metadata.labels }), spec: podSpec(s.spec.template.spec) },
      updateStrategy:
        type === 'RollingUpdate'
          ? { type, rollingUpdate: { partition: 0, ...(isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {}) } }
          : strategy,
      revisionHistoryLimit: given.revisionHistoryLimit ?? 10,
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
        ...(isObj(given.persistentVolumeClaimRetentionPolicy) ? given.persistentVolumeClaimRetentionPolicy : {}),
      },
    },
  };
}

// The API server labels every Namespace with its name (the NamespaceDefaultLabelName feature, GA in
// 1.22) and the namespace controller's finalizer and phase are there as soon as it exists.
const namespace = (n: KubeObject): Json => ({
  metadata: meta({ ...n.metadata, labels: { ...n.metadata.labels, 'kubernetes.io/metadata.name': n.metadata.name } }),
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

// Storage and priority kinds: their defaulted fields; the rest comes from the object as given.
const storageKinds = (o: PersistentVolume | PersistentVolumeClaim | StorageClass | PriorityClass): Json => {
  if (o.kind === 'StorageClass') return { volumeBindingMode: o.volumeBindingMode };
  if (o.kind === 'PriorityClass') return { preemptionPolicy: o.preemptionPolicy };
  return {
    spec: compact({ volumeMode: o.spec.volumeMode, storageClassName: o.spec.storageClassName }),
    status: { phase: o.status.phase },
  };
};

function rendered(o: KubeObject): Json {
  switch (o.kind) {
    case 'Service':
      return service(o);
    case 'Pod':
      return pod(o);
    case 'EndpointSlice':
      return slice(o);
    case 'Endpoints':
      return endpoints(o);
    case 'Node':
      return node(o);
    case 'StatefulSet':
      return statefulSet(o);
    case 'Namespace':
      return namespace(o);
    default:
      return storageKinds(o);
  }
}

// A deep copy of JSON data (inputs are depth-limited at parse), so output shares nothing with input.
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

// Lays the rendered fields over the given ones: maps merge key by key, lists of the same length
// element by element, and anything else is replaced by the rendered value.
function overlay(base: unknown, top: unknown): unknown {
  if (top === undefined) return clone(base);
  if (isObj(top) && isObj(base)) {
    // Each given field is copied once: the ones the rendered object has are laid over as they are copied
    // (copying the whole map and then each rendered field again copied deep objects once per level).
    const out: Obj = Object.fromEntries(
      Object.entries(base).map(([k, x]) => [k, Object.hasOwn(top, k) ? overlay(x, top[k]) : clone(x)]),
    );
    for (const [k, v] of Object.entries(top)) if (!Object.hasOwn(base, k)) out[k] = overlay(base[k], v);
    return out;
  }
  if (Array.isArray(top) && Array.isArray(base) && top.length === base.length)
    return top.map((t, i) => overlay(base[i], t));
  return clone(top);
}

/** The defaulted object as plain JSON, as the API server would show it. */
export function toPlainJson(o: KubeObject | OtherObject): Record<string, unknown> {
  const typed = isKubeObject(o) ? rendered(o) : {};
  const top: Json = { apiVersion: o.apiVersion, kind: o.kind, metadata: meta(o.metadata), ...typed };
  const out = overlay(withPodDefaults(o.raw ?? {}), top) as Obj;
  const m = out.metadata;
  if (isObj(m)) delete m.managedFields;
  return out;
}
