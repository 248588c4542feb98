// Probe timelines, case by case. Each expectation is worked out by hand from the kubelet's rules as
// written in simulate.ts (worker.go doProbe, prober_manager.go UpdatePodStatus, doBackOff) on the
// deterministic clock: probe ticks at 0, period, 2 × period, … from the container's first start.
import { KubeknowError } from '../../errors';
import { deepFreeze } from '../testing/builders';
import { probeTimeline } from '.';

const http = (path: string) => ({ httpGet: { path, port: 8080 } });
const container = (probes: Record<string, unknown>) => ({
  name: 'web',
  image: 'registry.example.com/web:1',
  ...probes,
});
const moments = (r: ReturnType<typeof probeTimeline>, effect: string) =>
  r.events.filter((e) => e.effect === effect).map((e) => e.t);

test('readiness gates traffic: Ready after successThreshold successes, not Ready after failureThreshold failures, no restart', () => {
  const r = probeTimeline(
    deepFreeze({
      container: container({
        readinessProbe: { ...http('/ready'), periodSeconds: 5, failureThreshold: 2, successThreshold: 2 },
      }),
      scenario: { durationSeconds: 60, failures: [{ probes: 'readiness', from: 20, forSeconds: 15 }] },
    }),
  );
  // Readiness runs at once on start (t 0, success 1 of 2), then t 5 (2 of 2) → Ready; fails at 20, 25 → not Ready
  // at 25; succeeds again at 35, 40 → Ready at 40.
  expect(moments(r, 'ready')).toEqual([5, 40]);
  expect(moments(r, 'notReady')).toEqual([25]);
  expect(r.summary.restarts).toBe(0);
  expect(r.events.find((e) => e.effect === 'notReady')!.endpoint).toEqual({
    endpointSlice: expect.stringMatching(/^app-/),
    addresses: ['10.244.0.10'],
    conditions: { ready: false, serving: false, terminating: false },
  });
  expect(r.events.find((e) => e.effect === 'ready')!.endpoint!.conditions).toEqual({
    ready: true,
    serving: true,
    terminating: false,
  });
});

test('a liveness probe kills a slow-starting app again and again, then back-off sets in', () => {
  const r = probeTimeline(
    deepFreeze({
      container: container({
        livenessProbe: { ...http('/live'), periodSeconds: 10, failureThreshold: 3 },
        readinessProbe: http('/ready'),
      }),
      scenario: { durationSeconds: 200, startupSeconds: 45 },
    }),
  );
  // Failures at 0, 10, 20 → killed at 20, exits 1 s later (shutdownSeconds 1 < grace 30, exit code 143) and
  // restarts at once; the same every 30 s. The 5th restart waits: 30 s since the previous exit < 40 s back-off.
  expect(moments(r, 'killing')).toEqual([20, 50, 80, 110, 140]);
  expect(moments(r, 'containerStarted')).toEqual([0, 21, 51, 81, 111, 181]);
  expect(r.events.find((e) => e.effect === 'backOff')!.text.en).toBe(
    'Back-off restarting failed container (CrashLoopBackOff): waiting 40 s, until 181 s.',
  );
  expect(r.summary).toMatchObject({ restarts: 5, killedBy: { liveness: 5, startup: 0 }, firstReadyAt: null });
  expect(r.findings.map((f) => f.code)).toContain('livenessKillsSlowStart');
});

test('a startup probe holds liveness and readiness back until the app has started', () => {
  const r = probeTimeline({
    container: container({
      startupProbe: { ...http('/live'), periodSeconds: 10, failureThreshold: 30 },
      livenessProbe: { ...http('/live'), periodSeconds: 10, failureThreshold: 3 },
      readinessProbe: { ...http('/ready'), periodSeconds: 5 },
    }),
    scenario: { durationSeconds: 120, startupSeconds: 45 },
  });
  // Startup fails at 0–40 and succeeds at 50; readiness runs at once (triggered) → Ready at 50; liveness first at 60.
  expect(moments(r, 'started')).toEqual([50]);
  expect(moments(r, 'ready')).toEqual([50]);
  expect(r.events.filter((e) => e.probe === 'liveness')[0].t).toBe(60);
  expect(r.summary.restarts).toBe(0);
  expect(r.findings.map((f) => f.code)).not.toContain('livenessKillsSlowStart');
});

test('a hang that only a restart ends: liveness kills, the probe-level grace period applies, SIGKILL when the app ignores SIGTERM', () => {
  const r = probeTimeline({
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'orders', namespace: 'shop', labels: { app: 'orders' } },
      spec: {
        terminationGracePeriodSeconds: 60,
        containers: [
          container({
            livenessProbe: {
              ...http('/live'),
              periodSeconds: 10,
              failureThreshold: 3,
              terminationGracePeriodSeconds: 5,
            },
          }),
        ],
      },
      status: { podIP: '10.244.1.77' },
    },
    scenario: { durationSeconds: 100, shutdownSeconds: 20, failures: [{ probes: 'liveness', from: 30 }] },
  });
  // Fails at 30, 40, 50 → killed at 50; probe grace 5 s < 20 s shutdown → SIGKILL at 55, exit 137; restarted then.
  expect(moments(r, 'killing')).toEqual([50]);
  expect(r.events.find((e) => e.effect === 'containerExited')).toMatchObject({
    t: 55,
    text: { en: 'The container exits with code 137.' },
  });
  expect(moments(r, 'containerStarted')).toEqual([0, 55]);
  // Without a readiness probe the Pod stays Ready through the kill: prober_manager.go UpdatePodStatus reads
  // Ready from the container's state and readiness result only, and the container is Running until it
  // exits; the sync that kills it starts the next one (kuberuntime_manager.go SyncPod), so no status
  // shows the gap. The Service sends traffic to the hung app until 55.
  expect(moments(r, 'notReady')).toEqual([]);
  expect(moments(r, 'ready')).toEqual([0]);
  expect(r.summary.readySeconds).toBe(100);
  expect(r.events.find((e) => e.effect === 'ready')!.endpoint!.addresses).toEqual(['10.244.1.77']);
});

test('a liveness kill leaves Ready to the readiness probe, which goes on probing the container being killed', () => {
  const r = probeTimeline({
    container: container({
      livenessProbe: { ...http('/live'), periodSeconds: 10, failureThreshold: 3 },
      readinessProbe: { ...http('/ready'), periodSeconds: 10, failureThreshold: 1 },
    }),
    terminationGracePeriodSeconds: 30,
    scenario: { durationSeconds: 60, shutdownSeconds: 25, failures: [{ probes: 'liveness', from: 0 }] },
  });
  // Liveness fails at 0, 10, 20 → killed at 20; readiness (worker.go puts only liveness and startup on hold)
  // still succeeds at 20 and 30 while the app shuts down, so the Pod is Ready until the container exits at 45
  // and the next one, started in the same sync, is probed at once (UpdatePodStatus's manual trigger).
  expect(moments(r, 'killing')).toEqual([20]);
  expect(r.events.filter((e) => e.probe === 'readiness' && e.t > 20 && e.t < 45).map((e) => e.t)).toEqual([30, 40]);
  expect(moments(r, 'containerStarted')).toEqual([0, 45]);
  expect(moments(r, 'notReady')).toEqual([]);
});

test('a crash shows the exited container not Ready before the next one starts', () => {
  const r = probeTimeline({
    container: container({ readinessProbe: { ...http('/ready'), periodSeconds: 10 } }),
    scenario: { durationSeconds: 25, crash: { afterSeconds: 15 } },
  });
  // The sync that sees the exit writes its status (not Ready) before starting the container again.
  expect(moments(r, 'notReady')).toEqual([15]);
  expect(moments(r, 'ready')).toEqual([0, 15]);
});

test('restartPolicy Never: the first liveness kill ends the Pod, which leaves the EndpointSlice', () => {
  const r = probeTimeline({
    container: container({ livenessProbe: { ...http('/live'), periodSeconds: 5, failureThreshold: 1 } }),
    restartPolicy: 'Never',
    scenario: { durationSeconds: 30, failures: [{ probes: 'liveness', from: 10 }] },
  });
  expect(moments(r, 'killing')).toEqual([10]);
  expect(r.summary).toMatchObject({ podPhase: 'Failed', finalState: 'terminated', restarts: 0 });
  expect(r.events.find((e) => e.effect === 'podFailed')!.endpoint).toBeNull();
  expect(r.findings.map((f) => f.code)).toEqual(
    expect.arrayContaining(['probeKillWithRestartNever', 'noReadinessProbe']),
  );
});

test('a crash loop backs off 10, 20, 40 s from the last exit; the first restart is not delayed', () => {
  const r = probeTimeline({ container: container({}), scenario: { durationSeconds: 120, crash: { afterSeconds: 2 } } });
  // Exits at 2 → start 2 (no back-off yet); exits 4 → wait 10 → 14; exits 16 → 20 → 36; exits 38 → 40 → 78; exits 80 → 80 → 160.
  expect(moments(r, 'containerStarted')).toEqual([0, 2, 14, 36, 78]);
  expect(r.summary).toMatchObject({ crashes: 5, longestBackOffSeconds: 80, finalState: 'waiting' });
});

test('timeouts that reach periodSeconds make probes run back to back', () => {
  const r = probeTimeline({
    container: container({
      readinessProbe: { ...http('/ready'), periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 2 },
    }),
    scenario: { durationSeconds: 12, failures: [{ probes: 'readiness', from: 0, forSeconds: 100, result: 'timeout' }] },
  });
  // Probes start at 0 and time out at 3, the missed tick runs at once: 3 → 6, 6 → 9, 9 → 12.
  expect(r.events.filter((e) => e.probe === 'readiness').map((e) => [e.t, e.result])).toEqual([
    [3, 'timeout'],
    [6, 'timeout'],
    [9, 'timeout'],
    [12, 'timeout'],
  ]);
  expect(r.findings.map((f) => f.code)).toContain('timeoutNotBelowPeriod');
});

test('flags a readiness probe identical to liveness and a long initial delay without a startup probe', () => {
  const probe = { ...http('/healthz'), initialDelaySeconds: 90, periodSeconds: 10 };
  const r = probeTimeline({
    container: container({ livenessProbe: probe, readinessProbe: probe }),
    scenario: { durationSeconds: 10 },
  });
  expect(r.findings.map((f) => [f.code, f.path])).toEqual([
    ['readinessSameAsLiveness', 'container.readinessProbe'],
    ['initialDelayInsteadOfStartupProbe', 'container.livenessProbe.initialDelaySeconds'],
  ]);
});

test('every problem with the request at once, with field paths', () => {
  let err: unknown;
  try {
    probeTimeline({
      container: container({ readinessProbe: { ...http('/r'), periodSeconds: 0, terminationGracePeriodSeconds: 10 } }),
      scenario: { durationSeconds: -1, failures: [{ probes: 'lively' }] },
      extra: 1,
    });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(KubeknowError);
  expect((err as KubeknowError).problems.map((p) => p.path).sort()).toEqual(
    [
      'container.readinessProbe.periodSeconds',
      'extra',
      'scenario.durationSeconds',
      'scenario.failures[0].from',
      'scenario.failures[0].probes',
    ].sort(),
  );
});

test('takes the request as YAML text', () => {
  const r = probeTimeline(
    'container:\n  name: web\n  image: nginx\n  readinessProbe: {tcpSocket: {port: 80}}\nscenario: {durationSeconds: 5}\n',
  );
  expect(moments(r, 'ready')).toEqual([0]);
});

test('takes manifests: the last Pod is simulated, the first Service shows it; given twice, one problem', () => {
  const manifests =
    'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n' +
    'apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec: {containers: [{name: x, image: x}]}\n---\n' +
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\n' +
    'spec: {containers: [{name: web, image: nginx, readinessProbe: {tcpSocket: {port: 80}}}]}\n';
  const r = probeTimeline(deepFreeze({ manifests, scenario: { durationSeconds: 5 } }));
  expect(r.container).toBe('web');
  expect(r.events.find((e) => e.effect === 'ready')!.endpoint!.endpointSlice).toMatch(/^db-/);
  let err: unknown;
  try {
    probeTimeline({ manifests, container: container({}) });
  } catch (e) {
    err = e;
  }
  expect((err as KubeknowError).problems).toEqual([
    { code: 'FIELD_INVALID', path: 'manifests', message: 'give manifests, a pod or a container, one of them' },
  ]);
});
