// The kubelet's probing of one container, second by second (pkg/kubelet/prober worker.go doProbe and
// prober_manager.go UpdatePodStatus; kuberuntime_manager.go computePodActions, killContainer and
// doBackOff). Deterministic where the kubelet is not: each probe worker's ticker is taken to tick at the
// container's first start and every periodSeconds after (the real worker starts when the Pod is added,
// a moment earlier, and after a kubelet restart waits a random part of a period first), and a restart
// happens at the first moment the back-off allows (the kubelet's next pod sync, usually within a second).
import { inBackOff, nextBackOff, type BackoffEntry } from './backoff';
import type { Scenario, ProbeType } from './scenario';
import type { ProbedContainer, ProbeSpec, TimelineEvent } from './types';
import { say } from './words';

type Result = 'success' | 'failure';

interface Worker {
  spec: ProbeSpec;
  lastResult?: Result;
  run: number;
  onHold: boolean;
  busyUntil: number;
  missedTick: boolean;
  lastProbeAt: number;
  pending?: { at: number; instance: number };
}

/** What a simulation emits: events, and the Ready state of each second (for the summary). */
export interface Simulation {
  events: TimelineEvent[];
  readyBySecond: boolean[];
  kills: { probe: 'liveness' | 'startup'; t: number; age: number }[];
  crashes: number;
  restarts: number;
  longestBackOff: number;
  state: 'running' | 'terminating' | 'waiting' | 'terminated';
  podPhase: 'Running' | 'Failed' | 'Succeeded';
}

class Kubelet {
  readonly out: Simulation = {
    events: [],
    readyBySecond: [],
    kills: [],
    crashes: 0,
    restarts: 0,
    longestBackOff: 0,
    state: 'running',
    podPhase: 'Running',
  };
  private readonly workers: Partial<Record<ProbeType, Worker>> = {};
  private instance = 0;
  private startedAt = 0;
  private restartCount = -1;
  private started = false;
  private readiness: Result = 'failure';
  private ready = false;
  private exitAt = 0;
  private exitCode = 0;
  private restartAfterKill = false;
  private exits: number[] = []; // finishedAt of each exited instance
  private backoff: BackoffEntry | undefined;
  private waitingSince?: number;

  constructor(
    private readonly c: ProbedContainer,
    private readonly s: Scenario,
  ) {
    for (const spec of Object.values(c.probes))
      this.workers[spec.type] = { spec, run: 0, onHold: false, busyUntil: -1, missedTick: false, lastProbeAt: -1 };
  }

  private emit(t: number, e: Omit<TimelineEvent, 't' | 'restartCount'>): void {
    this.out.events.push({ t, restartCount: Math.max(0, this.restartCount), ...e });
  }

  // UpdatePodStatus reads Ready from the container's state and its readiness result alone: a container
  // being killed is still Running until it exits, so a probe kill does not make the Pod unready by itself.
  private setReady(t: number): void {
    const running = this.out.state === 'running' || this.out.state === 'terminating';
    const ready = running && this.started && (!this.workers.readiness || this.readiness === 'success');
    if (ready === this.ready) return;
    this.ready = ready;
    this.emit(t, {
      probe: null,
      result: null,
      effect: ready ? 'ready' : 'notReady',
      text: say(ready ? 'ready' : 'notReady', {}),
    });
  }

  private start(t: number): void {
    this.instance++;
    this.restartCount++;
    if (this.restartCount > 0) this.out.restarts++;
    this.out.state = 'running';
    this.waitingSince = undefined;
    this.startedAt = t;
    this.started = !this.workers.startup;
    this.readiness = 'failure';
    for (const w of Object.values(this.workers)) w.onHold = false;
    this.emit(t, {
      probe: null,
      result: null,
      effect: 'containerStarted',
      text: say('containerStarted', { n: this.restartCount }),
    });
    if (this.started) this.triggerReadiness(t);
    this.setReady(t);
  }

  // doBackOff: `ref` is the exit the kubelet's pod status shows at the time of the sync.
  private tryStart(t: number, ref: number | undefined): void {
    if (ref !== undefined && inBackOff(this.backoff, ref, t)) {
      const wait = this.backoff!.backoff;
      this.out.longestBackOff = Math.max(this.out.longestBackOff, wait);
      this.out.state = 'waiting';
      this.waitingSince = this.exits[this.exits.length - 1];
      this.emit(t, {
        probe: null,
        result: null,
        effect: 'backOff',
        text: say('backOff', { n: wait, until: this.waitingSince + wait }),
      });
      return;
    }
    if (ref !== undefined) this.backoff = nextBackOff(this.backoff, ref, t);
    this.start(t);
  }

  private exited(t: number): void {
    const before = this.exits[this.exits.length - 1];
    this.exits.push(t);
    this.out.state = 'terminated';
    this.emit(t, {
      probe: null,
      result: null,
      effect: 'containerExited',
      text: say('containerExited', { code: this.exitCode }),
    });
    const restart =
      this.restartAfterKill ||
      this.c.restartPolicy === 'Always' ||
      (this.c.restartPolicy === 'OnFailure' && this.exitCode !== 0);
    // A crash is seen by a sync that writes the exited container's status (not Ready) before it starts
    // the next one; a probe kill's sync wrote its status before the kill and starts the next container
    // itself, so no status shows the gap.
    if (!this.restartAfterKill || !restart) this.setReady(t);
    if (!restart) {
      this.out.podPhase = this.exitCode === 0 ? 'Succeeded' : 'Failed';
      this.emit(t, {
        probe: null,
        result: null,
        effect: this.exitCode === 0 ? 'podSucceeded' : 'podFailed',
        text: say('podDone', { policy: this.c.restartPolicy }),
      });
      return;
    }
    // After a probe kill, the same sync starts the container again, deciding the back-off from the pod
    // status read before the kill, whose latest exit is the one before.
    this.tryStart(t, this.restartAfterKill ? before : t);
    this.restartAfterKill = false;
    this.setReady(t);
  }

  private kill(t: number, probe: 'liveness' | 'startup', w: Worker): void {
    const grace = Math.max(2, w.spec.terminationGracePeriodSeconds ?? this.c.terminationGracePeriodSeconds);
    const sigkill = this.s.shutdownSeconds >= grace;
    this.exitAt = t + (sigkill ? grace : this.s.shutdownSeconds);
    this.exitCode = sigkill ? 137 : 143;
    this.restartAfterKill = this.c.restartPolicy !== 'Never';
    this.out.state = 'terminating';
    this.out.kills.push({ probe, t, age: t - this.startedAt });
    const key = this.restartAfterKill ? 'killRestart' : 'killNoRestart';
    this.emit(t, {
      probe,
      result: 'failure',
      effect: 'killing',
      text: say(key, { probe, grace, exitAt: this.exitAt, sigkill: sigkill ? 1 : 0 }),
    });
    this.setReady(t);
  }

  private outcome(type: ProbeType, t: number): 'success' | 'failure' | 'timeout' {
    for (const f of this.s.failures) {
      if (!f.probes.includes(type) || t < f.from) continue;
      const active = f.forSeconds !== undefined ? t < f.from + f.forSeconds : this.startedAt <= f.from;
      if (active) return f.result;
    }
    return t - this.startedAt < this.s.startupSeconds ? 'failure' : 'success';
  }

  // worker.go doProbe, up to sending the probe.
  private probe(type: ProbeType, t: number): void {
    const w = this.workers[type];
    // The readiness worker goes on probing a container that is being killed (only liveness and startup
    // are put on hold), as the status it reads still shows it Running.
    const probing = this.out.state === 'running' || (this.out.state === 'terminating' && type === 'readiness');
    if (!w || !probing || w.onHold) return;
    if (t - this.startedAt < w.spec.initialDelaySeconds) return;
    if (this.started !== (type !== 'startup') || w.lastProbeAt === t) return;
    w.lastProbeAt = t;
    const outcome = this.outcome(type, t);
    if (outcome === 'timeout') {
      w.busyUntil = t + w.spec.timeoutSeconds;
      w.pending = { at: w.busyUntil, instance: this.instance };
      return;
    }
    this.apply(type, w, outcome, t, outcome);
  }

  private triggerReadiness(t: number): void {
    const w = this.workers.readiness;
    if (w && w.busyUntil <= t) this.probe('readiness', t);
  }

  // The rest of doProbe: thresholds, then the result manager and what the kubelet does with it.
  private apply(type: ProbeType, w: Worker, result: Result, t: number, shown: 'success' | 'failure' | 'timeout'): void {
    w.run = w.lastResult === result ? w.run + 1 : 1;
    w.lastResult = result;
    const threshold = result === 'success' ? w.spec.successThreshold : w.spec.failureThreshold;
    const count = { consecutive: w.run, threshold };
    if (w.run < threshold) {
      this.emit(t, {
        probe: type,
        result: shown,
        effect: null,
        count,
        text: say('belowThreshold', { probe: type, result: shown, n: w.run, of: threshold }),
      });
      return;
    }
    if (type === 'readiness') {
      this.readiness = result;
      this.emit(t, {
        probe: type,
        result: shown,
        effect: null,
        count,
        text: say('readinessResult', { result, n: w.run, of: threshold }),
      });
      this.setReady(t);
    } else if (result === 'failure') {
      w.onHold = true;
      w.run = 0;
      this.kill(t, type, w);
    } else if (type === 'startup' && !this.started) {
      this.started = true;
      this.emit(t, { probe: type, result: shown, effect: 'started', count, text: say('started', {}) });
      this.triggerReadiness(t);
      this.setReady(t);
    } else {
      this.emit(t, { probe: type, result: shown, effect: null, count, text: say('livenessOk', {}) });
    }
  }

  private tick(type: ProbeType, t: number): void {
    const w = this.workers[type];
    if (!w) return;
    if (w.pending && w.pending.at === t) {
      const stale = w.pending.instance !== this.instance;
      w.pending = undefined;
      if (!stale) this.apply(type, w, 'failure', t, 'timeout');
    }
    const due = t % w.spec.periodSeconds === 0;
    if (w.busyUntil > t) {
      if (due) w.missedTick = true;
      return;
    }
    if (due || w.missedTick) {
      w.missedTick = false;
      this.probe(type, t);
    }
  }

  private maybeExit(t: number): void {
    if (this.out.state === 'terminating' && this.exitAt === t) this.exited(t);
    if (this.out.state === 'running' && this.s.crash && t - this.startedAt === this.s.crash.afterSeconds) {
      this.exitCode = this.s.crash.exitCode;
      this.out.crashes++;
      this.exited(t);
    }
  }

  run(): Simulation {
    this.start(0);
    for (let t = 0; t <= this.s.durationSeconds; t++) {
      this.maybeExit(t);
      if (
        this.out.state === 'waiting' &&
        this.waitingSince !== undefined &&
        !inBackOff(this.backoff, this.waitingSince, t)
      ) {
        this.backoff = nextBackOff(this.backoff, this.waitingSince, t);
        this.start(t);
      }
      // Liveness and readiness see a startup success from their next tick on: the kubelet learns of it
      // through the status manager, and only readiness is triggered at once (UpdatePodStatus).
      for (const type of ['liveness', 'readiness', 'startup'] as const) this.tick(type, t);
      this.maybeExit(t);
      if (t < this.s.durationSeconds) this.out.readyBySecond.push(this.ready);
    }
    return this.out;
  }
}

/** The kubelet's events for the container over the scenario. */
export function simulate(c: ProbedContainer, s: Scenario): Simulation {
  return new Kubelet(c, s).run();
}
