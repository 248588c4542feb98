// The probe timeline's plain-data model: the container's probes as the kubelet uses them, and the
// events and summary a simulation produces.
import type { Text } from '../explanation';
import type { ProbeType } from './scenario';

/** One probe of the container, after API defaulting. */
export interface ProbeSpec {
  type: ProbeType;
  handler: string; // httpGet, tcpSocket, exec, grpc
  handlerValue: unknown;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  terminationGracePeriodSeconds?: number;
  path: string; // spec.containers[0].livenessProbe
}

/** What the kubelet runs: one container's probes and the Pod settings that decide restarts. */
export interface ProbedContainer {
  name: string;
  probes: Partial<Record<ProbeType, ProbeSpec>>;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds: number;
  containerPath: string;
}

export type Effect =
  | 'containerStarted'
  | 'started'
  | 'ready'
  | 'notReady'
  | 'killing'
  | 'containerExited'
  | 'backOff'
  | 'podFailed'
  | 'podSucceeded';

/** The endpoint of the Pod in its Service's EndpointSlice at that moment; null when it is not in the slice. */
export interface EndpointState {
  endpointSlice: string;
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
}

export interface TimelineEvent {
  t: number;
  probe: ProbeType | null;
  result: 'success' | 'failure' | 'timeout' | null;
  effect: Effect | null;
  restartCount: number;
  /** Consecutive results of this kind so far, against the threshold that acts on them. */
  count?: { consecutive: number; threshold: number };
  endpoint?: EndpointState | null;
  text: Text;
}

export interface TimelineSummary {
  durationSeconds: number;
  restarts: number;
  killedBy: { liveness: number; startup: number };
  crashes: number;
  firstReadyAt: number | null;
  readySeconds: number;
  readyTransitions: number;
  longestBackOffSeconds: number;
  finalState: 'running' | 'terminating' | 'waiting' | 'terminated';
  podPhase: 'Running' | 'Failed' | 'Succeeded';
  ready: boolean;
}
