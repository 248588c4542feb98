// Probe settings that commonly go wrong, flagged with the field they are about. The rules follow
// "Configure Liveness, Readiness and Startup Probes" (kubernetes.io/docs/tasks/configure-pod-container/
// configure-liveness-readiness-startup-probes/); the 60-second mark for a long initial delay is
// kubeknow's own rule of thumb.
import type { Text } from '../explanation';
import type { Scenario } from './scenario';
import type { Simulation } from './simulate';
import type { ProbedContainer, ProbeSpec } from './types';

export interface Finding {
  code: string;
  severity: 'warning' | 'info';
  path: string;
  text: Text;
}

const DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
export const LONG_INITIAL_DELAY = 60;
const detection = (p: ProbeSpec) => p.failureThreshold * p.periodSeconds;
const same = (a: ProbeSpec, b: ProbeSpec) =>
  a.handler === b.handler &&
  JSON.stringify(a.handlerValue) === JSON.stringify(b.handlerValue) &&
  detection(a) === detection(b);

function staticFindings(c: ProbedContainer): Finding[] {
  const { startup, liveness, readiness } = c.probes;
  const out: Finding[] = [];
  for (const p of [startup, liveness, readiness]) {
    if (p && p.timeoutSeconds >= p.periodSeconds)
      out.push({
        code: 'timeoutNotBelowPeriod',
        severity: 'warning',
        path: `${p.path}.timeoutSeconds`,
        text: {
          en: `timeoutSeconds (${p.timeoutSeconds}) is not below periodSeconds (${p.periodSeconds}): a slow answer delays the next probe, so failures are detected later than failureThreshold × periodSeconds.`,
          ko: `timeoutSeconds(${p.timeoutSeconds})가 periodSeconds(${p.periodSeconds})보다 작지 않다. 느린 응답이 다음 프로브를 늦추므로 실패가 failureThreshold × periodSeconds보다 늦게 감지된다.`,
        },
      });
  }
  if (liveness && readiness && same(liveness, readiness))
    out.push({
      code: 'readinessSameAsLiveness',
      severity: 'warning',
      path: `${readiness.path}`,
      text: {
        en: 'The readiness probe is the same check as the liveness probe with the same failure budget: the Pod is killed at the moment it leaves the Service, so readiness never gets to shed load. Give liveness a higher failureThreshold (or a cheaper check).',
        ko: '준비성 프로브가 활성 프로브와 같은 검사이고 실패 허용치도 같다. 파드가 서비스에서 빠지는 순간 종료되므로 준비성 프로브가 부하를 덜어 줄 틈이 없다. 활성 프로브의 failureThreshold를 더 크게 하거나 더 가벼운 검사를 쓰자.',
      },
    });
  else if (liveness && readiness && detection(liveness) <= detection(readiness))
    out.push({
      code: 'livenessNotSlowerThanReadiness',
      severity: 'info',
      path: `${liveness.path}.failureThreshold`,
      text: {
        en: `Liveness gives up after ${detection(liveness)} s, readiness after ${detection(readiness)} s: the container may be restarted before the Pod is taken out of the Service. The documented pattern gives liveness the higher failureThreshold.`,
        ko: `활성 프로브는 ${detection(liveness)}초, 준비성 프로브는 ${detection(readiness)}초 만에 실패로 판단한다. 파드가 서비스에서 빠지기 전에 컨테이너가 재시작될 수 있다. 문서의 권장 패턴은 활성 프로브의 failureThreshold를 더 크게 두는 것이다.`,
      },
    });
  if (liveness && !startup && liveness.initialDelaySeconds >= LONG_INITIAL_DELAY)
    out.push({
      code: 'initialDelayInsteadOfStartupProbe',
      severity: 'warning',
      path: `${liveness.path}.initialDelaySeconds`,
      text: {
        en: `A liveness initialDelaySeconds of ${liveness.initialDelaySeconds} s guesses the start-up time and delays detecting a hang after every restart; a startupProbe waits exactly as long as the start takes.`,
        ko: `활성 프로브의 initialDelaySeconds ${liveness.initialDelaySeconds}초는 시작 시간을 어림짐작한 값이며, 재시작할 때마다 멈춤 감지를 늦춘다. startupProbe는 시작에 걸리는 만큼만 기다린다.`,
      },
    });
  if (liveness && !readiness)
    out.push({
      code: 'noReadinessProbe',
      severity: 'info',
      path: `${c.containerPath}`,
      text: {
        en: 'There is no readiness probe: the Pod is Ready (and gets traffic) as soon as the container has started, and stays Ready while liveness failures are being counted and while a liveness kill shuts the container down.',
        ko: '준비성 프로브가 없다. 컨테이너가 시작되자마자 파드가 Ready가 되어 트래픽을 받고, 활성 프로브 실패를 세는 동안과 활성 프로브 실패로 컨테이너가 종료되는 동안에도 Ready로 남는다.',
      },
    });
  if ((liveness || startup) && c.restartPolicy === 'Never')
    out.push({
      code: 'probeKillWithRestartNever',
      severity: 'info',
      path: 'restartPolicy',
      text: {
        en: 'With restartPolicy Never, the first liveness or startup failure ends the container for good and the Pod fails.',
        ko: 'restartPolicy가 Never이면 첫 활성·시작 프로브 실패로 컨테이너가 영영 끝나고 파드는 실패한다.',
      },
    });
  return out;
}

function simulatedFindings(c: ProbedContainer, s: Scenario, sim: Simulation): Finding[] {
  const out: Finding[] = [];
  const early = sim.kills.find((k) => k.age < s.startupSeconds);
  if (early) {
    const p = c.probes[early.probe]!;
    const budget = p.initialDelaySeconds + detection(p);
    out.push({
      code: early.probe === 'liveness' ? 'livenessKillsSlowStart' : 'startupProbeTooShort',
      severity: 'warning',
      path: `${p.path}.failureThreshold`,
      text: {
        en: `The app needs ${s.startupSeconds} s to start, but the ${early.probe} probe kills it after about ${budget} s (initialDelaySeconds + failureThreshold × periodSeconds), first at ${early.t} s: it can never finish starting. ${early.probe === 'liveness' ? 'Add a startupProbe' : 'Raise the startupProbe failureThreshold'} so that failureThreshold × periodSeconds covers the start.`,
        ko: `앱이 시작하는 데 ${s.startupSeconds}초가 걸리는데 ${early.probe === 'liveness' ? '활성 프로브' : '시작 프로브'}가 약 ${budget}초(initialDelaySeconds + failureThreshold × periodSeconds) 만에, 처음엔 ${early.t}초에 종료시킨다. 앱은 시작을 끝낼 수 없다. failureThreshold × periodSeconds가 시작 시간을 덮도록 ${early.probe === 'liveness' ? 'startupProbe를 추가하자' : 'startupProbe의 failureThreshold를 늘리자'}.`,
      },
    });
  }
  return out;
}

/** Every finding about the container's probes: from the settings, and from what the simulation showed. */
export function findings(c: ProbedContainer, s: Scenario, sim: Simulation): Finding[] {
  return [...staticFindings(c), ...simulatedFindings(c, s, sim)];
}

export const LINT_SOURCE = DOCS;
