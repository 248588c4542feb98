// `kubectl apply -f` on an empty kubeadm cluster: each object sent to the API server on its own, in
// the order given; an invalid one is refused with the API server's message and the others go on.
import { KubeknowError } from '../../errors';
import type { Explanation, Text } from '../explanation';
import {
  clusterOf,
  DEFAULT_MANIFEST_LIMITS,
  flattenObjects,
  isNamespacedKind,
  isObj,
  isUnknownFieldMessage,
  NOT_AN_OBJECT,
  type Obj,
  parseObjects,
  toPlainJson,
  type ManifestLimits,
  type Pod,
  type Service,
} from '../objects';
import { secretProblems, undecodableSecretValue } from '../secrets';
import { allocationView, type InvalidServices } from './services';
import { clusterConfig, type ClusterOptions } from './config';
import { step } from './controllers';
import { invalidField, invalidObject, problemAsFieldError, strictDecodingError } from './messages';
import { objectRef, type AnyObject, type ClusterEvent, type Rejection } from './model';
import type { Admit } from './seams';
import { settle } from './settle';
import { withQuotaStatus } from './quota-status';
import { serviceSlices } from './slices';
import { pendingSteps } from './stuck';
import { missingNamespaces, settledWarnings } from './warnings';

export interface ApplyResult {
  objects: Record<string, unknown>[];
  rejected: Rejection[];
  events: ClusterEvent[];
  warnings: string[];
  explanation: Explanation;
}

// The object's kind and name as the API server's message names it, read from whatever was sent; its
// ref is spelt as an accepted object's is (a namespaced kind without a namespace is in default).
function identity(v: unknown): { kind: string; apiVersion: string; name: string; ref: string } {
  const o = isObj(v) ? v : {};
  const meta = isObj(o.metadata) ? o.metadata : {};
  const str = (x: unknown, d: string) => (typeof x === 'string' && x ? x : d);
  const kind = str(o.kind, 'Object');
  const apiVersion = str(o.apiVersion, 'v1');
  const name = str(meta.name, '');
  const namespace = isNamespacedKind(kind, apiVersion) ? str(meta.namespace, 'default') : '';
  return { kind, apiVersion, name, ref: objectRef({ kind, metadata: { namespace, name } }) };
}

// The API server's refusal of a Secret, if any: a value that is not base64 fails in its decoder
// (transformDecodeError around encoding/base64's error), the rest in ValidateSecret (secrets/validate.ts).
function secretRefusal(o: { kind: string; apiVersion: string; metadata: { name: string }; raw?: Obj }) {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || !o.raw) return undefined;
  const at = undecodableSecretValue(o.raw);
  if (at !== undefined)
    return `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`;
  const problems = secretProblems(o.raw);
  return problems.length
    ? invalidObject(
        'Secret',
        'v1',
        o.metadata.name,
        problems.map((p) => problemAsFieldError(p, '')),
      )
    : undefined;
}

/** Each object read on its own: those the API server accepts, and the refusals of the others. */
export function readEach(values: unknown[], limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS) {
  const accepted = new Map<string, AnyObject>();
  const rejected: Rejection[] = [];
  const warnings: string[] = [];
  // Every accepted object in the order sent (a repeat too), for the namespace each one needs.
  const sent: AnyObject[] = [];
  const refusedNamespaces = new Set<string>();
  // Every Service sent, in order, and those validation refused as allocation reads them (services.ts).
  const services: Service[] = [];
  const invalid = new Map<Service, string>();
  // Where each object, accepted or refused, stands in the input (a repeat: its last place).
  const position = new Map<string, number>();
  const flat = flattenObjects(values, limits);
  for (const [i, value] of flat.entries()) {
    // Not an object at all (a number, a string, a list item of YAML text): nothing names it but its place.
    if (value !== null && !isObj(value)) {
      const path = `objects[${i}]`;
      rejected.push({ object: path, message: invalidField(path, value, NOT_AN_OBJECT) });
      position.set(path, i);
      continue;
    }
    const id = identity(value);
    position.set(id.ref, i);
    try {
      const c = parseObjects([value]);
      const refusal = c.others.length === 1 ? secretRefusal(c.others[0]) : undefined;
      if (refusal) {
        rejected.push({ object: id.ref, message: refusal });
        continue;
      }
      for (const o of [...c.objects, ...c.others]) {
        sent.push(o);
        const ref = objectRef(o);
        if (accepted.has(ref))
          warnings.push(
            `${ref}: given twice; the later one is applied, as kubectl apply configures the existing object`,
          );
        accepted.delete(ref);
        accepted.set(ref, o);
        position.set(ref, i);
        if (o.kind === 'Service') services.push(o as Service);
      }
    } catch (e) {
      if (!(e instanceof KubeknowError)) throw e;
      const unknown = e.problems.filter((p) => isUnknownFieldMessage(p.message)).map((p) => p.message);
      const errors = e.problems.map((p) => problemAsFieldError(p, 'objects[0]'));
      const message = unknown.length
        ? strictDecodingError(id.kind, id.apiVersion, unknown)
        : invalidObject(id.kind, id.apiVersion, id.name, errors);
      const view = id.kind === 'Service' && id.apiVersion === 'v1' && isObj(value) ? allocationView(value) : undefined;
      if (view && !('message' in view) && !accepted.has(id.ref)) {
        services.push(view);
        invalid.set(view, message);
      } else rejected.push({ object: id.ref, message: view && 'message' in view ? view.message : message });
      if (id.kind === 'Namespace' && id.name) refusedNamespaces.add(id.name);
    }
  }
  // A Service given twice is applied as its later one.
  const kept = new Set<unknown>(accepted.values());
  const order = services.filter((s) => kept.has(s) || invalid.has(s));
  const missing = missingNamespaces(sent, refusedNamespaces);
  return {
    cluster: clusterOf([...accepted.values()]),
    rejected,
    position,
    /** The Services validation refused, whose message allocation decides (settle.ts). */
    invalidServices: { order, messages: invalid } satisfies InvalidServices,
    warnings: [...warnings, ...missing.map((m) => m.warning)],
    /** The namespace each object a cluster without it refuses needs, once per object. */
    missing: missing.map((m) => m.namespace),
  };
}

interface Counts {
  objects: number;
  created: number;
  system: number;
  pods: number;
  pending: number;
  refused: number;
  warnings: number;
  /** The namespace of each object a cluster without it refuses. */
  missing: readonly string[];
}

// The answer in one sentence, warnings included: "0 refused" alone would hide that a cluster without
// the namespace refuses the objects, or that Pods stay Pending. The dry-run itself settles them as if the
// namespace existed (it lists their Pods), so the sentence says that, and the refusal as what would happen.
function summaryOf(c: Counts): Text {
  const pending = c.pending ? [` (${c.pending} Pending)`, `(Pending ${c.pending}개)`] : ['', ''];
  const namespaces = [...new Set(c.missing)].map((n) => JSON.stringify(n)).join(', ');
  const [plural, are, they, them] =
    new Set(c.missing).size > 1 ? ['namespaces', 'are', 'they exist', 'them'] : ['namespace', 'is', 'it exists', 'it'];
  const refusing = c.missing.length
    ? [
        `: ${plural} ${namespaces} ${are} not among the objects: this dry-run assumes ${they} (a cluster without ${them} would refuse ${c.missing.length} of the objects)`,
        `: 네임스페이스 ${namespaces}는 객체 중에 없다. 이 dry-run은 있다고 가정한다(없는 클러스터라면 그중 ${c.missing.length}개 객체를 거부할 것이다)`,
      ]
    : ['', ''];
  const warned = c.warnings
    ? [`, ${c.warnings} warning(s)${refusing[0]}`, `, 경고 ${c.warnings}개${refusing[1]}`]
    : ['', ''];
  return {
    en: `${c.objects} object(s) after settling (${c.created} created by controllers, ${c.system} the cluster's own), ${c.pods} Pod(s)${pending[0]}, ${c.refused} refused${warned[0]}.`,
    ko: `정착 후 객체 ${c.objects}개(컨트롤러가 만든 것 ${c.created}개, 클러스터 자체 객체 ${c.system}개), Pod ${c.pods}개${pending[1]}, 거부 ${c.refused}개${warned[1]}.`,
  };
}

// The given objects in the order given, each followed by what it made, depth first: a Deployment, its
// ReplicaSet, that ReplicaSet's Pods; a StatefulSet, each Pod and the claims its volumes name. Created
// objects find their maker by their controller owner reference (a claim by the Pod that mounts it); one
// whose maker is not there comes last, in the order settled.
function inInputOrder(
  objects: readonly AnyObject[],
  created: ReadonlySet<AnyObject>,
  position: ReadonlyMap<string, number>,
): AnyObject[] {
  const children = new Map<string, AnyObject[]>();
  const claimedBy = new Map<string, string>();
  for (const o of objects)
    if (o.kind === 'Pod' && created.has(o))
      for (const v of (o as Pod).spec.volumes)
        if (v.persistentVolumeClaim)
          claimedBy.set(`${o.metadata.namespace}/${v.persistentVolumeClaim.claimName}`, objectRef(o));
  const orphans: AnyObject[] = [];
  for (const o of objects) {
    if (!created.has(o)) continue;
    const owner = o.metadata.ownerReferences?.find((r) => r.controller);
    const parent = owner
      ? objectRef({ kind: owner.kind, metadata: { namespace: o.metadata.namespace, name: owner.name } })
      : claimedBy.get(`${o.metadata.namespace}/${o.metadata.name}`);
    const list = parent === undefined ? undefined : (children.get(parent) ?? children.set(parent, []).get(parent)!);
    (list ?? orphans).push(o);
  }
  const at = (o: AnyObject) => position.get(objectRef(o)) ?? Infinity;
  const given = objects.filter((o) => !created.has(o)).sort((a, b) => at(a) - at(b));
  const out: AnyObject[] = [];
  const emit = (o: AnyObject) => {
    out.push(o);
    const ref = objectRef(o);
    const made = children.get(ref);
    // Each maker's list is taken once: a cycle of owner references cannot loop.
    children.delete(ref);
    made?.forEach(emit);
  };
  given.forEach(emit);
  return [...out, ...[...children.values()].flat(), ...orphans];
}

/** What the cluster holds a few seconds after `kubectl apply -f` of these objects. */
export function clusterApply(values: unknown[], options: ClusterOptions = {}, admit?: Admit): ApplyResult {
  const config = clusterConfig(options);
  const read = readEach(values);
  const s = settle(read.cluster, config, {
    mode: 'apply',
    invalidServices: read.invalidServices,
    ...(admit ? { admit } : {}),
  });
  // The EndpointSlice controller writes a slice for each Service the settled Pods back; given slices are there already.
  const given = new Set(s.cluster.endpointSlices);
  const slices = serviceSlices(s.cluster, new Set([...s.system].map(objectRef))).filter((x) => !given.has(x));
  const settled = [...s.cluster.objects, ...s.cluster.others];
  const objects = [
    ...inInputOrder(
      settled.filter((o) => !s.system.has(o)),
      s.created,
      read.position,
    ),
    ...slices,
    ...settled.filter((o) => s.system.has(o)),
  ];
  const at = (r: Rejection) => read.position.get(r.object) ?? Infinity;
  const rejected = [...read.rejected, ...s.log.rejected].sort((a, b) => at(a) - at(b));
  const warnings = [...read.warnings, ...s.log.warnings, ...settledWarnings(s)];
  return {
    objects: withQuotaStatus(objects).map(toPlainJson),
    rejected,
    events: s.log.events,
    warnings,
    explanation: {
      summary: summaryOf({
        objects: objects.length,
        created: s.created.size + slices.length,
        system: s.system.size,
        pods: s.cluster.pods.length,
        pending: s.cluster.pods.filter((p) => p.status.phase === 'Pending').length,
        refused: rejected.length,
        warnings: warnings.length,
        missing: read.missing,
      }),
      steps: [
        ...s.log.steps,
        ...pendingSteps(s.cluster, s.log.events),
        step(
          'endpointslice-controller',
          '',
          `The EndpointSlice controller wrote ${slices.length} EndpointSlice(s) for the Services, from the settled Pods they select (the same ones POST /v1/endpointslices gives).`,
          `EndpointSlice 컨트롤러가 Service들이 선택한 정착된 Pod로 EndpointSlice ${slices.length}개를 만들었다(POST /v1/endpointslices가 주는 것과 같다).`,
        ),
        step(
          'illustrative',
          '',
          'Generated names with a hash or random suffix, allocated cluster IPs, node ports and Pod IPs are deterministic stand-ins for values the real control plane draws at random; requested values and ordinal names are exact.',
          '해시나 무작위 접미사가 붙은 이름, 할당된 cluster IP·노드 포트·Pod IP는 실제 컨트롤 플레인이 무작위로 고르는 값을 결정적으로 대신한 예시다. 요청한 값과 순번 이름은 정확하다.',
        ),
      ],
    },
  };
}
