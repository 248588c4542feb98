// LimitRanges and ResourceQuotas read from the manifests (kinds the object model keeps as given), with
// the API server's defaulting (SetDefaults_LimitRangeItem) and the checks of ValidateLimitRange and
// ValidateResourceQuota that decide what admission reads. A problem's path starts at the object, named
// by kind, namespace and name (`objects["LimitRange/shop/limits"].spec.limits[0].max.cpu`), since the
// model keeps no position for kinds it does not model.
import { FieldPath } from '../../errors';
import type { Cluster, OtherObject } from '../objects';
import { Reader, type Obj } from '../objects/read';
import { isNativeResource } from './resources';
import { cmp, formatQuantity, milliValue, parseQuantity, QuantityError, value, type Quantity } from '../quantity';
import type {
  LimitRange,
  LimitRangeItem,
  LimitType,
  Quantities,
  QuotaScope,
  ResourceQuota,
  ScopeSelector,
} from './model';

const LIMIT_TYPES: readonly LimitType[] = ['Container', 'Pod', 'PersistentVolumeClaim'];
const SCOPES: readonly QuotaScope[] = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const EXISTS_ONLY =
  "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity";
// A Pod is always on one side of these pairs, so a quota with both would match nothing.
const CONFLICTING: readonly [QuotaScope, QuotaScope][] = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

function checkConflicts(r: Reader, scopes: readonly ScopeSelector[], path: FieldPath, given: unknown): void {
  const names = new Set(scopes.map((s) => s.scopeName));
  for (const [a, b] of CONFLICTING) if (names.has(a) && names.has(b)) r.invalid(path, 'conflicting scopes', given);
}
// resource.MaxMilliValue: past it, ValidateLimitRange compares Values instead of MilliValues.
const MAX_MILLI_VALUE = 2n ** 63n / 1000n;

const pathOf = (o: OtherObject): FieldPath =>
  FieldPath.root('objects').key(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);

function quantities(r: Reader, v: unknown, path: FieldPath): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, q] of Object.entries(r.obj(v, path) ?? {})) {
    const text = typeof q === 'number' ? String(q) : r.str(q, path.key(name));
    if (text === undefined) continue;
    try {
      out.set(name, parseQuantity(text.trim()));
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      r.invalid(path.key(name), e.message, q);
    }
  }
  return out;
}

// SetDefaults_LimitRangeItem, for Container items only: a max is the default limit, a default limit is
// the default request, and a min is the default request when nothing else set one.
function defaulted(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const def = new Map(item.default);
  for (const [k, q] of item.max) if (!def.has(k)) def.set(k, q);
  const request = new Map(item.defaultRequest);
  for (const [k, q] of def) if (!request.has(k)) request.set(k, q);
  for (const [k, q] of item.min) if (!request.has(k)) request.set(k, q);
  return { ...item, default: def, defaultRequest: request };
}

type Check = [field: keyof LimitRangeItem, shown: 'left' | 'right', left: string, right: string, message: string];

// ValidateLimitRange's order checks, each `left > right` is refused at `field` with the quantity shown.
const ORDER_CHECKS: readonly Check[] = [
  ['min', 'left', 'min', 'max', 'min value %l is greater than max value %r'],
  ['defaultRequest', 'right', 'min', 'defaultRequest', 'min value %l is greater than default request value %r'],
  ['defaultRequest', 'left', 'defaultRequest', 'max', 'default request value %l is greater than max value %r'],
  [
    'defaultRequest',
    'left',
    'defaultRequest',
    'default',
    'default request value %l is greater than default limit value %r',
  ],
  ['default', 'left', 'min', 'default', 'min value %l is greater than default value %r'],
  ['default', 'right', 'default', 'max', 'default value %l is greater than max value %r'],
];

function checkItem(r: Reader, item: LimitRangeItem, path: FieldPath): void {
  const keys = new Set(
    [item.min, item.max, item.default, item.defaultRequest, item.maxLimitRequestRatio].flatMap((m) => [...m.keys()]),
  );
  for (const k of [...keys].sort()) {
    for (const [field, shown, l, rt, message] of ORDER_CHECKS) {
      const a = (item[l as keyof LimitRangeItem] as Quantities).get(k);
      const b = (item[rt as keyof LimitRangeItem] as Quantities).get(k);
      if (!a || !b || cmp(a, b) <= 0) continue;
      const text = message.replace('%l', formatQuantity(a)).replace('%r', formatQuantity(b));
      r.invalid(path.child(field).key(k), text, formatQuantity(shown === 'left' ? a : b));
    }
    checkOvercommit(r, item, k, path);
    const ratio = item.maxLimitRequestRatio.get(k);
    if (!ratio) continue;
    const ratioPath = path.child('maxLimitRequestRatio').key(k);
    if (cmp(ratio, parseQuantity('1')) < 0)
      r.invalid(ratioPath, `ratio ${formatQuantity(ratio)} is less than 1`, formatQuantity(ratio));
    const [min, max] = [item.min.get(k), item.max.get(k)];
    if (min && max) ratioAboveMaxOverMin(r, ratio, min, max, ratioPath);
  }
}

// helper.IsOvercommitAllowed: only native resources other than hugepages may be requested below their limit.
const overcommitAllowed = (name: string): boolean => isNativeResource(name) && !name.startsWith('hugepages-');

// For a resource that cannot be overcommitted (GPUs, hugepages) the default and default request must match.
function checkOvercommit(r: Reader, item: LimitRangeItem, k: string, path: FieldPath): void {
  const [def, request] = [item.default.get(k), item.defaultRequest.get(k)];
  if (overcommitAllowed(k) || !def || !request || cmp(def, request) === 0) return;
  r.invalid(
    path.child('defaultRequest').key(k),
    `default value ${formatQuantity(def)} must equal to defaultRequest value ${formatQuantity(request)} in ${k}`,
    formatQuantity(request),
  );
}

// ValidateLimitRange compares the ratio with max/min in float64, in milli-units unless any is too large.
function ratioAboveMaxOverMin(r: Reader, ratio: Quantity, min: Quantity, max: Quantity, path: FieldPath): void {
  const milli = value(ratio) < MAX_MILLI_VALUE && value(min) < MAX_MILLI_VALUE && value(max) < MAX_MILLI_VALUE;
  const ratioValue = milli ? Number(milliValue(ratio)) / 1000 : Number(value(ratio));
  const limit = milli ? Number(milliValue(max)) / Number(milliValue(min)) : Number(value(max)) / Number(value(min));
  if (ratioValue > limit)
    r.invalid(
      path,
      `ratio ${formatQuantity(ratio)} is greater than max/min = ${limit.toFixed(6)}`,
      formatQuantity(ratio),
    );
}

function limitRangeItem(r: Reader, v: unknown, path: FieldPath, seen: Set<string>): LimitRangeItem | undefined {
  const o: Obj | undefined = r.obj(v, path);
  if (!o) return undefined;
  const type = r.oneOf(o.type, path.child('type'), LIMIT_TYPES);
  if (o.type === undefined || o.type === null || o.type === '') r.required(path.child('type'));
  if (type && seen.has(type)) r.duplicate(path.child('type'), type);
  if (type) seen.add(type);
  const list = (field: string) => quantities(r, o[field], path.child(field));
  const item: LimitRangeItem = {
    type: type ?? 'Container',
    min: list('min'),
    max: list('max'),
    default: list('default'),
    defaultRequest: list('defaultRequest'),
    maxLimitRequestRatio: list('maxLimitRequestRatio'),
  };
  if (type === 'Pod')
    for (const field of ['default', 'defaultRequest'] as const)
      if (item[field].size) r.invalid(path.child(field), "may not be specified when `type` is 'Pod'");
  const full = defaulted(item);
  checkItem(r, full, path);
  return type ? full : undefined;
}

function limitRange(r: Reader, o: OtherObject): LimitRange {
  const path = pathOf(o).child('spec');
  const spec = r.obj(o.raw.spec, path) ?? {};
  const seen = new Set<string>();
  const limits = r
    .list(spec.limits, path.child('limits'))
    .flatMap((item, i) => limitRangeItem(r, item, path.child('limits').index(i), seen) ?? []);
  return { name: o.metadata.name, namespace: o.metadata.namespace, limits };
}

function scopeSelector(r: Reader, v: unknown, path: FieldPath): ScopeSelector | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const scopeName = r.oneOf(o.scopeName, path.child('scopeName'), SCOPES);
  const operator = r.oneOf(o.operator, path.child('operator'), OPERATORS);
  if (!o.scopeName) r.required(path.child('scopeName'));
  if (!o.operator) r.required(path.child('operator'));
  const values = r.strList(o.values, path.child('values'));
  if (scopeName && scopeName !== 'PriorityClass' && operator && operator !== 'Exists')
    r.invalid(path.child('operator'), EXISTS_ONLY, operator);
  if ((operator === 'In' || operator === 'NotIn') && !values.length)
    r.required(
      path.child('values'),
      "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
    );
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length)
    r.invalid(path.child('values'), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
  return scopeName && operator ? { scopeName, operator, values } : undefined;
}

function resourceQuota(r: Reader, o: OtherObject): ResourceQuota {
  const path = pathOf(o);
  const spec = r.obj(o.raw.spec, path.child('spec')) ?? {};
  const status = r.obj(o.raw.status, path.child('status')) ?? {};
  const scopes = r.list(spec.scopes, path.child('spec').child('scopes')).flatMap((s, i): ScopeSelector[] => {
    const scopeName = r.oneOf(s, path.child('spec').child('scopes').index(i), SCOPES);
    return scopeName ? [{ scopeName, operator: 'Exists', values: [] }] : [];
  });
  checkConflicts(r, scopes, path.child('spec').child('scopes'), spec.scopes);
  const sp = path.child('spec').child('scopeSelector');
  const selector = r.obj(spec.scopeSelector, sp) ?? {};
  const selected = r
    .list(selector.matchExpressions, sp.child('matchExpressions'))
    .flatMap((e, i) => scopeSelector(r, e, sp.child('matchExpressions').index(i)) ?? []);
  checkConflicts(r, selected, sp, spec.scopeSelector);
  scopes.push(...selected);
  const quota: ResourceQuota = {
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    hard: quantities(r, spec.hard, path.child('spec').child('hard')),
    scopes,
  };
  if (status.used !== undefined && status.used !== null)
    quota.used = quantities(r, status.used, path.child('status').child('used'));
  return quota;
}

/** The LimitRanges and ResourceQuotas of a namespace, in input order; throws every problem at once. */
export function admissionObjectsOf(
  cluster: Cluster,
  namespace: string,
): { limitRanges: LimitRange[]; quotas: ResourceQuota[] } {
  const r = new Reader();
  const inNamespace = cluster.others.filter((o) => o.metadata.namespace === namespace && o.apiVersion === 'v1');
  const limitRanges = inNamespace.filter((o) => o.kind === 'LimitRange').map((o) => limitRange(r, o));
  const quotas = inNamespace.filter((o) => o.kind === 'ResourceQuota').map((o) => resourceQuota(r, o));
  r.problems.throwIfAny();
  return { limitRanges, quotas };
}
