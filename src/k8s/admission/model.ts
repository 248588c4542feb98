// The admission model: LimitRanges and ResourceQuotas as the LimitRanger and ResourceQuota admission
// plugins read them (core/v1 LimitRange, ResourceQuota), and what admitting a Pod answers. Quantities
// are parsed once here, so the plugins compare and add exact values (k8s.io/apimachinery resource.Quantity).
import type { Explanation } from '../explanation';
import type { Pod } from '../objects';
import type { Quantity } from '../quantity';

/** A resource list with its quantities read: resource name → quantity, in the order written. */
export type Quantities = ReadonlyMap<string, Quantity>;

/** core/v1 LimitType. */
export type LimitType = 'Container' | 'Pod' | 'PersistentVolumeClaim';

/** One item of spec.limits, after SetDefaults_LimitRangeItem (max → default → defaultRequest, min → defaultRequest). */
export interface LimitRangeItem {
  type: LimitType;
  min: Quantities;
  max: Quantities;
  default: Quantities;
  defaultRequest: Quantities;
  maxLimitRequestRatio: Quantities;
}

export interface LimitRange {
  name: string;
  namespace: string;
  limits: LimitRangeItem[];
}

/** core/v1 ResourceQuotaScope. */
export type QuotaScope =
  'Terminating' | 'NotTerminating' | 'BestEffort' | 'NotBestEffort' | 'PriorityClass' | 'CrossNamespacePodAffinity';

/** A ScopedResourceSelectorRequirement; `scopes: [X]` reads as `{ scopeName: X, operator: Exists }`. */
export interface ScopeSelector {
  scopeName: QuotaScope;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface ResourceQuota {
  name: string;
  namespace: string;
  /** status.hard as the quota controller writes it: spec.hard. */
  hard: Quantities;
  /** status.used when the manifest gives it (a snapshot); otherwise computed from the given Pods. */
  used?: Quantities;
  scopes: ScopeSelector[];
}

/** A request or limit LimitRanger filled in from a LimitRange's default or defaultRequest. */
export interface FilledDefault {
  container: string;
  initContainer: boolean;
  field: 'requests' | 'limits';
  resource: string;
  value: string;
  limitRange: string;
}

/** One resource a quota tracks for Pods, before and after this Pod. */
export interface QuotaLine {
  resource: string;
  hard: string;
  usedBefore: string;
  /** What this Pod adds ("0" when it adds nothing, or the quota does not match it). */
  requested: string;
  usedAfter: string;
  exceeded: boolean;
}

/** A ResourceQuota of the Pod's namespace and what the Pod does to it. */
export interface QuotaUsage {
  name: string;
  namespace: string;
  /** Its scopes as selectors (`BestEffort Exists`, `PriorityClass In [high]`). */
  scopes: string[];
  /** Whether the Pod is charged to it: it tracks a Pod resource and every scope matches. */
  matches: boolean;
  /** Where usedBefore came from: the quota's status.used, or the Pods given. */
  usedFrom: 'status' | 'pods';
  resources: QuotaLine[];
}

/** What admitting one Pod answers. */
export interface AdmissionResult {
  allowed: boolean;
  /** The Pod as admitted (LimitRanger defaults filled), or as it was when refused. */
  pod: Pod;
  /** The API server's messages: empty when allowed, else the one error the create returns. */
  messages: string[];
  defaults: FilledDefault[];
  quota: QuotaUsage[];
  explanation: Explanation;
}
