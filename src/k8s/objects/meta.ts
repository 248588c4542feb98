// metadata, as the API server validates it (ValidateObjectMeta) and defaults it.
import type { FieldPath } from '../../errors';
import type { ObjectMeta, OwnerReference } from './types';
import { isDNS1123Label, isQualifiedName } from './names';
import type { Obj, Reader } from './read';

/** "namespace/name": the one key of a Service, of its EndpointSlices (by their service-name label) and of its
 * Endpoints. Exact, as the EndpointSlice controller matches the label; names are valid lower-case DNS labels. */
export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export interface MetaRules {
  namespaced: boolean;
  /** The kind's name rule (names.ts); omitted for kinds the kernel does not model. */
  name?: (name: string) => string[];
}

function ownerReferences(r: Reader, v: unknown, path: FieldPath): OwnerReference[] | undefined {
  if (v === undefined || v === null) return undefined;
  return r.list(v, path).flatMap((item, i) => {
    const p = path.index(i);
    const o = r.obj(item, p);
    if (!o) return [];
    const ref: OwnerReference = {
      apiVersion: r.reqStr(o.apiVersion, p.child('apiVersion')) ?? '',
      kind: r.reqStr(o.kind, p.child('kind')) ?? '',
      name: r.reqStr(o.name, p.child('name')) ?? '',
    };
    const uid = r.str(o.uid, p.child('uid'));
    if (uid) ref.uid = uid;
    if (o.controller !== undefined) ref.controller = r.bool(o.controller, p.child('controller'), false);
    if (o.blockOwnerDeletion !== undefined)
      ref.blockOwnerDeletion = r.bool(o.blockOwnerDeletion, p.child('blockOwnerDeletion'), false);
    return [ref];
  });
}

function namespaceOf(r: Reader, v: unknown, path: FieldPath, namespaced: boolean): string {
  const ns = r.str(v, path) ?? '';
  if (!namespaced) {
    if (ns !== '') r.invalid(path, 'not allowed on this type', ns);
    return '';
  }
  if (ns === '') return 'default';
  r.check(path, ns, isDNS1123Label(ns));
  return ns;
}

/** The object's metadata, defaulted (namespace "default" for namespaced kinds) and validated. */
export function readMeta(r: Reader, v: unknown, path: FieldPath, rules: MetaRules): ObjectMeta {
  const m: Obj = r.obj(v, path) ?? {};
  const name = r.str(m.name, path.child('name')) ?? '';
  // ValidateObjectMeta (apimachinery's api/validation/objectmeta.go) words a missing name this way; the
  // API server would have filled it from generateName before validating.
  if (m.name === '' || m.name === undefined || m.name === null)
    r.required(path.child('name'), 'name or generateName is required');
  if (name && rules.name) r.check(path.child('name'), name, rules.name(name));
  const annotations = r.strMap(m.annotations, path.child('annotations'));
  for (const key of Object.keys(annotations))
    r.check(path.child('annotations'), key, isQualifiedName(key.toLowerCase()));
  const meta: ObjectMeta = {
    name,
    namespace: namespaceOf(r, m.namespace, path.child('namespace'), rules.namespaced),
    labels: r.labels(m.labels, path.child('labels')),
    annotations,
  };
  const uid = r.str(m.uid, path.child('uid'));
  if (uid) meta.uid = uid;
  const deletionTimestamp = r.str(m.deletionTimestamp, path.child('deletionTimestamp'));
  if (deletionTimestamp) meta.deletionTimestamp = deletionTimestamp;
  const owners = ownerReferences(r, m.ownerReferences, path.child('ownerReferences'));
  if (owners) meta.ownerReferences = owners;
  return meta;
}
