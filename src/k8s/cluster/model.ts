// What the dry-run produces besides the objects: the objects the API server refused, the events the
// controllers, scheduler and kubelet would record, warnings, and the steps that explain each stage.
import type { ExplanationStep } from '../explanation';
import type { KubeObject, OtherObject } from '../objects';

export type AnyObject = KubeObject | OtherObject;

/** An object the API server refused, with its message as `kubectl apply` prints it. */
export interface Rejection {
  /** `Kind/namespace/name`, or `Kind/name` when cluster-scoped; `objects[i]` for a value that is not an object. */
  object: string;
  message: string;
}

/** An event as `kubectl get events` lists it. */
export interface ClusterEvent {
  object: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What the stages report as they go; each stage appends to the one it is given and changes nothing else. */
export interface StageLog {
  rejected: Rejection[];
  events: ClusterEvent[];
  warnings: string[];
  steps: ExplanationStep[];
}

export const emptyLog = (): StageLog => ({ rejected: [], events: [], warnings: [], steps: [] });

/** `Kind/namespace/name` (`Kind/name` when cluster-scoped), as the result names objects. */
export function objectRef(o: { kind: string; metadata: { namespace: string; name: string } }): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}
