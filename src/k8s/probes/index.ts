// Probe timelines: what the kubelet does with a container's startup, liveness and readiness probes
// over a scenario, on a simulated clock of whole seconds, and when the Pod leaves and rejoins its
// Service's EndpointSlice. Outside code imports only this file.
import type { Explanation } from '../explanation';
import { INITIAL_BACKOFF, MAX_BACKOFF } from './backoff';
import { endpointStates } from './endpoint';
import { readTimelineRequest } from './input';
import { findings, LINT_SOURCE, type Finding } from './lint';
import { simulate } from './simulate';
import type { TimelineEvent, TimelineSummary } from './types';

export type { Finding } from './lint';
export type { Scenario, FailureWindow, ProbeType } from './scenario';
export { SCENARIO_LIMITS } from './scenario';
export type { TimelineEvent, TimelineSummary, EndpointState, Effect } from './types';

/** At most this many events are returned; the summary always covers the whole scenario. */
export const MAX_EVENTS = 2000;

export interface ProbeTimeline {
  container: string;
  events: TimelineEvent[];
  /** True when more than MAX_EVENTS events happened and the rest were left out. */
  truncated: boolean;
  summary: TimelineSummary;
  findings: Finding[];
  explanation: Explanation;
}

const PROBER = 'kubernetes pkg/kubelet/prober (worker.go, prober_manager.go)';

function explanation(s: TimelineSummary, container: string): Explanation {
  return {
    summary: {
      en: `Over ${s.durationSeconds} s, container ${container} restarts ${s.restarts} time(s) and the Pod is Ready for ${s.readySeconds} s${s.firstReadyAt === null ? ' (never Ready)' : `, first at ${s.firstReadyAt} s`}.`,
      ko: `${s.durationSeconds}초 동안 컨테이너 ${container}는 ${s.restarts}번 재시작되고, 파드는 ${s.readySeconds}초 동안 Ready이다${s.firstReadyAt === null ? '(한 번도 Ready가 되지 않음)' : `(처음 Ready는 ${s.firstReadyAt}초)`}.`,
    },
    steps: [
      {
        rule: 'probe-order',
        source: PROBER,
        text: {
          en: 'A startup probe holds back liveness and readiness until it succeeds; a probe runs from initialDelaySeconds on, every periodSeconds, and acts after failureThreshold failures (or successThreshold successes) in a row.',
          ko: '시작 프로브는 성공할 때까지 활성·준비성 프로브를 막는다. 프로브는 initialDelaySeconds 이후 periodSeconds마다 실행되며, 연속 failureThreshold번 실패(또는 successThreshold번 성공)해야 조치한다.',
        },
      },
      {
        rule: 'probe-effects',
        source: PROBER,
        text: {
          en: 'Liveness or startup failure: the kubelet kills the container (grace period from the probe, else the Pod) and restartPolicy decides the restart; the kill alone does not change Ready, as the container is running until it exits. Readiness failure: the Pod is not Ready and its endpoint turns not ready; nothing restarts.',
          ko: '활성·시작 프로브 실패: kubelet이 컨테이너를 종료하고(유예 기간은 프로브의 값, 없으면 파드의 값) restartPolicy에 따라 재시작한다. 컨테이너는 종료될 때까지 실행 중이므로 종료 자체로는 Ready가 바뀌지 않는다. 준비성 프로브 실패: 파드가 Ready가 아니게 되고 엔드포인트가 not ready가 되며, 재시작은 없다.',
        },
      },
      {
        rule: 'crash-backoff',
        source: 'kubernetes pkg/kubelet/kuberuntime kuberuntime_manager.go doBackOff',
        text: {
          en: `Restarts back off ${INITIAL_BACKOFF} s, doubling to ${MAX_BACKOFF} s, counted from the last exit; a container that ran 10 minutes starts over at ${INITIAL_BACKOFF} s.`,
          ko: `재시작은 마지막 종료 시점부터 ${INITIAL_BACKOFF}초에서 시작해 두 배씩 ${MAX_BACKOFF}초까지 늦춰지며, 10분 동안 실행된 컨테이너는 다시 ${INITIAL_BACKOFF}초부터 센다.`,
        },
      },
      {
        rule: 'deterministic-clock',
        source: LINT_SOURCE,
        text: {
          en: "Illustrative timing: probe ticks are aligned to the container's first start and have no random delay; a real kubelet's ticks may be up to one period earlier or later.",
          ko: '시각은 예시다. 프로브 주기는 컨테이너가 처음 시작한 시각에 맞추고 무작위 지연을 두지 않았다. 실제 kubelet에서는 최대 한 주기만큼 이르거나 늦을 수 있다.',
        },
      },
    ],
  };
}

function summaryOf(sim: ReturnType<typeof simulate>, duration: number, ready: boolean): TimelineSummary {
  const firstReady = sim.readyBySecond.indexOf(true);
  return {
    durationSeconds: duration,
    restarts: sim.restarts,
    killedBy: {
      liveness: sim.kills.filter((k) => k.probe === 'liveness').length,
      startup: sim.kills.filter((k) => k.probe === 'startup').length,
    },
    crashes: sim.crashes,
    firstReadyAt: firstReady < 0 ? null : firstReady,
    readySeconds: sim.readyBySecond.filter(Boolean).length,
    readyTransitions: sim.events.filter((e) => e.effect === 'ready' || e.effect === 'notReady').length,
    longestBackOffSeconds: sim.longestBackOff,
    finalState: sim.state,
    podPhase: sim.podPhase,
    ready,
  };
}

/**
 * The timeline the kubelet produces for a container's probes over a scenario. The request is JSON (or
 * its YAML text): `{ pod | container (+ restartPolicy, terminationGracePeriodSeconds), service?,
 * containerName?, scenario? }`; every problem with it is reported at once with its field path.
 */
export function probeTimeline(request: unknown): ProbeTimeline {
  const input = readTimelineRequest(request);
  const sim = simulate(input.container, input.scenario);
  const endpoint = endpointStates(input.pod, input.service);
  let phase = 'Running';
  let ready = false;
  for (const e of sim.events) {
    if (e.effect === 'ready' || e.effect === 'notReady') ready = e.effect === 'ready';
    if (e.effect === 'podFailed' || e.effect === 'podSucceeded')
      phase = e.effect === 'podFailed' ? 'Failed' : 'Succeeded';
    if (e.effect === 'ready' || e.effect === 'notReady' || e.effect === 'podFailed' || e.effect === 'podSucceeded')
      e.endpoint = endpoint(phase, ready);
  }
  const summary = summaryOf(sim, input.scenario.durationSeconds, ready);
  return {
    container: input.container.name,
    events: sim.events.slice(0, MAX_EVENTS),
    truncated: sim.events.length > MAX_EVENTS,
    summary,
    findings: findings(input.container, input.scenario, sim),
    explanation: explanation(summary, input.container.name),
  };
}
