// `kubectl apply -f` on an empty kubeadm cluster: each object sent to the API server on its own, in
// the order given; an invalid one is refused with the API server's message and the others go on.
import { KubeknowError } from '../../errors';
import type { Explanation } from '../explanation';
import {
  clusterOf,
  DEFAULT_MANIFEST_LIMITS,
  flattenObjects,
  isNamespacedKind,
  isObj,
  parseObjects,
  toPlainJson,
  type Cluster,
  type ManifestLimits,
} from '../objects';
import { clusterConfig, type ClusterOptions } from './config';
import { step } from './controllers';
import { invalidObject, problemAsFieldError } from './messages';
import { objectRef, type AnyObject, type ClusterEvent, type Rejection } from './model';
import type { Admit } from './seams';
import { settle } from './settle';
import { SYSTEM_NAMESPACES } from './system';

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

// The API server refuses an object in a namespace it does not have (`namespaces "data" not found`), and
// kubectl apply sends objects in the order given; the user's cluster may have it, so this is a warning.
function namespaceWarnings(objects: readonly AnyObject[]): string[] {
  const given = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const known = new Set<string>(SYSTEM_NAMESPACES);
  const out: string[] = [];
  for (const o of objects) {
    const ns = o.metadata.namespace;
    if (o.kind === 'Namespace') known.add(o.metadata.name);
    else if (ns && !known.has(ns))
      out.push(
        `${objectRef(o)}: namespaces ${JSON.stringify(ns)} not found: a cluster without that namespace refuses it; ${
          given.has(ns)
            ? `move the Namespace ${ns} manifest before it, as kubectl apply creates objects in the order given`
            : `add a Namespace manifest (apiVersion: v1, kind: Namespace, metadata.name: ${ns}) before it`
        }`,
      );
  }
  return out;
}

/** Each object read on its own: those the API server accepts, and the refusals of the others. */
export function readEach(values: unknown[], limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS) {
  const accepted = new Map<string, AnyObject>();
  const rejected: Rejection[] = [];
  const warnings: string[] = [];
  // Every accepted object in the order sent (a repeat too), for the namespace each one needs.
  const sent: AnyObject[] = [];
  for (const value of flattenObjects(values, limits)) {
    const id = identity(value);
    try {
      const c = parseObjects([value]);
      for (const o of [...c.objects, ...c.others]) {
        sent.push(o);
        const ref = objectRef(o);
        if (accepted.has(ref))
          warnings.push(
            `${ref}: given twice; the later one is applied, as kubectl apply configures the existing object`,
          );
        accepted.delete(ref);
        accepted.set(ref, o);
      }
    } catch (e) {
      if (!(e instanceof KubeknowError)) throw e;
      const errors = e.problems.map((p) => problemAsFieldError(p, 'objects[0]'));
      rejected.push({ object: id.ref, message: invalidObject(id.kind, id.apiVersion, id.name, errors) });
    }
  }
  return { cluster: clusterOf([...accepted.values()]), rejected, warnings: [...warnings, ...namespaceWarnings(sent)] };
}

// What people most often get wrong and the cluster does not refuse: a selector that matches no Pod
// (an empty EndpointSlice), a StatefulSet whose serviceName names no headless Service (no Pod DNS names).
function mistakes(c: Cluster, system: ReadonlySet<AnyObject>): string[] {
  const out: string[] = [];
  for (const s of c.services) {
    const sel = s.spec.selector;
    if (!sel || s.spec.type === 'ExternalName' || system.has(s)) continue;
    const ns = s.metadata.namespace;
    const matches = c.pods.some(
      (p) => p.metadata.namespace === ns && Object.entries(sel).every(([k, v]) => p.metadata.labels[k] === v),
    );
    if (!matches)
      out.push(
        `${objectRef(s)}: its selector ${Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')} matches no Pod in namespace ${ns}, so its EndpointSlice has no endpoints`,
      );
  }
  for (const st of c.statefulSets) {
    const svc = c.services.find(
      (s) => s.metadata.namespace === st.metadata.namespace && s.metadata.name === st.spec.serviceName,
    );
    if (!svc || svc.spec.clusterIP !== 'None')
      out.push(
        `${objectRef(st)}: serviceName ${JSON.stringify(st.spec.serviceName)} names no headless Service in namespace ${st.metadata.namespace}, so its Pods get no DNS names of their own`,
      );
  }
  return out;
}

/** What the cluster holds a few seconds after `kubectl apply -f` of these objects. */
export function clusterApply(values: unknown[], options: ClusterOptions = {}, admit?: Admit): ApplyResult {
  const config = clusterConfig(options);
  const read = readEach(values);
  const s = settle(read.cluster, config, { mode: 'apply', ...(admit ? { admit } : {}) });
  const objects = s.cluster.objects.length + s.cluster.others.length;
  const rejected = [...read.rejected, ...s.log.rejected];
  const pods = s.cluster.pods.length;
  return {
    objects: [...s.cluster.objects, ...s.cluster.others].map(toPlainJson),
    rejected,
    events: s.log.events,
    warnings: [...read.warnings, ...s.log.warnings, ...mistakes(s.cluster, s.system)],
    explanation: {
      summary: {
        en: `${objects} object(s) after settling (${s.created.size} created by controllers, ${s.system.size} the cluster's own), ${pods} Pod(s), ${rejected.length} refused.`,
        ko: `정착 후 객체 ${objects}개(컨트롤러가 만든 것 ${s.created.size}개, 클러스터 자체 객체 ${s.system.size}개), Pod ${pods}개, 거부 ${rejected.length}개.`,
      },
      steps: [
        ...s.log.steps,
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
