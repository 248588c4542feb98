// The sentences of a probe timeline, in English and Korean.
import type { Text } from '../explanation';

type Args = Record<string, string | number>;

const PROBE_KO: Record<string, string> = {
  startup: '시작 프로브',
  liveness: '활성 프로브',
  readiness: '준비성 프로브',
};
const RESULT_KO: Record<string, string> = { success: '성공', failure: '실패', timeout: '시간 초과' };

const WORDS: Record<string, (a: Args) => Text> = {
  containerStarted: (a) =>
    a.n === 0
      ? { en: 'The container starts.', ko: '컨테이너가 시작된다.' }
      : {
          en: `The container starts again (restartCount ${a.n}).`,
          ko: `컨테이너가 다시 시작된다(restartCount ${a.n}).`,
        },
  ready: () => ({
    en: 'The Pod becomes Ready: its endpoint turns ready and the Service sends it traffic.',
    ko: '파드가 Ready가 된다. 엔드포인트가 ready로 바뀌고 서비스가 트래픽을 보낸다.',
  }),
  notReady: () => ({
    en: 'The Pod is no longer Ready: its endpoint turns not ready and the Service stops sending it traffic.',
    ko: '파드가 더 이상 Ready가 아니다. 엔드포인트가 not ready로 바뀌고 서비스가 트래픽을 보내지 않는다.',
  }),
  belowThreshold: (a) => ({
    en: `${a.probe} probe ${a.result} (${a.n} of ${a.of} in a row needed to act).`,
    ko: `${PROBE_KO[a.probe]} ${RESULT_KO[a.result]} (조치까지 연속 ${a.of}번 중 ${a.n}번째).`,
  }),
  readinessResult: (a) =>
    a.result === 'success'
      ? {
          en: `Readiness probe succeeded ${a.n} time(s) in a row: the container is ready.`,
          ko: `준비성 프로브가 연속 ${a.n}번 성공했다. 컨테이너가 준비되었다.`,
        }
      : {
          en: `Readiness probe failed ${a.n} times in a row: the container is not ready (it is not restarted).`,
          ko: `준비성 프로브가 연속 ${a.n}번 실패했다. 컨테이너는 준비되지 않은 상태가 된다(재시작되지는 않는다).`,
        },
  started: () => ({
    en: 'Startup probe succeeded: the container counts as started, and liveness and readiness probes begin.',
    ko: '시작 프로브가 성공했다. 컨테이너가 시작된 것으로 간주되고 활성·준비성 프로브가 시작된다.',
  }),
  livenessOk: () => ({ en: 'Liveness probe succeeded.', ko: '활성 프로브가 성공했다.' }),
  killRestart: (a) => ({
    en: `Container failed ${a.probe} probe, will be restarted: SIGTERM now, ${a.sigkill ? `SIGKILL after the ${a.grace} s grace period` : 'the app exits'} at ${a.exitAt} s.`,
    ko: `컨테이너가 ${PROBE_KO[a.probe]}에 실패해 재시작된다. 지금 SIGTERM을 보내고, ${a.exitAt}초에 ${a.sigkill ? `유예 기간 ${a.grace}초가 지나 SIGKILL로` : '앱이 스스로'} 종료된다.`,
  }),
  killNoRestart: (a) => ({
    en: `Container failed ${a.probe} probe; restartPolicy Never, so it is stopped for good (grace period ${a.grace} s).`,
    ko: `컨테이너가 ${PROBE_KO[a.probe]}에 실패했다. restartPolicy가 Never이므로 다시 시작되지 않는다(유예 기간 ${a.grace}초).`,
  }),
  containerExited: (a) => ({
    en: `The container exits with code ${a.code}.`,
    ko: `컨테이너가 종료 코드 ${a.code}로 종료된다.`,
  }),
  backOff: (a) => ({
    en: `Back-off restarting failed container (CrashLoopBackOff): waiting ${a.n} s, until ${a.until} s.`,
    ko: `실패한 컨테이너 재시작을 미룬다(CrashLoopBackOff). ${a.n}초 동안, ${a.until}초까지 기다린다.`,
  }),
  podDone: (a) => ({
    en: `restartPolicy ${a.policy}: the container is not restarted, and the Pod leaves the Service's endpoints.`,
    ko: `restartPolicy ${a.policy}: 컨테이너를 다시 시작하지 않으며, 파드는 서비스의 엔드포인트에서 빠진다.`,
  }),
};

/** The sentence for an event. */
export function say(key: string, args: Args): Text {
  return WORDS[key](args);
}
