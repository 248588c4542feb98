// How every kernel result explains itself, for people and for chatbots: a summary and the steps that
// led to it, each naming the rule it applied, where that rule comes from, and the object and field it
// read, in English and Korean. Shared by the capabilities (cluster, admission, scheduling, …).

/** A text in both of kubeknow's languages. */
export interface Bilingual {
  en: string;
  ko: string;
}

/** One step of a computation: the rule applied to an object's field, and what came of it. */
export interface ExplanationStep {
  /** A short stable name of the rule, e.g. `service-ip-allocation` or `statefulset-ordinal-pods`. */
  rule: string;
  /** Where the rule comes from: a Kubernetes source file and function, or a documentation page. */
  source?: string;
  /** The object the step is about, `Kind/namespace/name` (`Kind/name` for cluster-scoped kinds). */
  object?: string;
  /** The field of that object the step read or wrote, e.g. `spec.clusterIP`. */
  field?: string;
  text: Bilingual;
}

export interface Explanation {
  summary: Bilingual;
  steps: ExplanationStep[];
}

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object: how results name an object. */
export function objectRef(kind: string, namespace: string, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
