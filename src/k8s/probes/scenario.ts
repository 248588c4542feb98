// The scenario a probe timeline plays: what the app does, on a simulated clock of whole seconds that
// starts at 0 when the container first starts.
import { FieldPath, type Problem } from '../../errors';

export type ProbeType = 'startup' | 'liveness' | 'readiness';
export const PROBE_TYPES: readonly ProbeType[] = ['startup', 'liveness', 'readiness'];

/** A span in which probes fail: an outside cause (`forSeconds` given) or a hang only a restart ends. */
export interface FailureWindow {
  probes: ProbeType[];
  from: number;
  forSeconds?: number;
  result: 'failure' | 'timeout';
}

export interface Scenario {
  durationSeconds: number;
  /** Seconds after each container start until the app answers its probes. */
  startupSeconds: number;
  /** Seconds the app takes to exit after SIGTERM. */
  shutdownSeconds: number;
  failures: FailureWindow[];
  /** The process exits by itself this long after each start (a crash loop), with this code. */
  crash?: { afterSeconds: number; exitCode: number };
}

/** Bounds: a day of simulated time, 100 failure windows. */
export const SCENARIO_LIMITS = { maxDurationSeconds: 86400, maxFailures: 100 } as const;

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

class Read {
  constructor(readonly problems: Problem[]) {}
  int(v: unknown, path: FieldPath, def: number, min: number, max: number): number {
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problems.push({
        code: 'FIELD_INVALID',
        path: String(path),
        message: `must be a whole number from ${min} to ${max}`,
        value: v,
      });
      return def;
    }
    return v;
  }
  unknown(o: Fields, supported: string[], path: FieldPath): void {
    for (const k of Object.keys(o)) {
      if (o[k] !== undefined && !supported.includes(k))
        this.problems.push({
          code: 'FIELD_NOT_SUPPORTED',
          path: String(path.child(k)),
          message: `unknown field; supported: ${supported.join(', ')}`,
        });
    }
  }
}

function probes(r: Read, v: unknown, path: FieldPath): ProbeType[] {
  if (v === undefined || v === null) return [...PROBE_TYPES];
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
  const ok = list?.every((p): p is ProbeType => PROBE_TYPES.includes(p as ProbeType));
  if (!list || !ok) {
    r.problems.push({
      code: 'FIELD_NOT_SUPPORTED',
      path: String(path),
      message: 'must be "startup", "liveness", "readiness" or a list of them',
      value: v,
    });
    return [];
  }
  return list;
}

function failure(r: Read, v: unknown, path: FieldPath, max: number): FailureWindow | undefined {
  if (!isObject(v)) {
    r.problems.push({
      code: 'FIELD_INVALID',
      path: String(path),
      message: 'must be an object: { probes?, from, forSeconds?, result? }',
    });
    return undefined;
  }
  r.unknown(v, ['probes', 'from', 'forSeconds', 'result'], path);
  if (v.from === undefined)
    r.problems.push({
      code: 'FIELD_REQUIRED',
      path: String(path.child('from')),
      message: 'required: the second the failure starts',
    });
  const result = v.result ?? 'failure';
  if (result !== 'failure' && result !== 'timeout')
    r.problems.push({
      code: 'FIELD_NOT_SUPPORTED',
      path: String(path.child('result')),
      message: 'must be "failure" or "timeout"',
      value: result,
    });
  const forSeconds = v.forSeconds === undefined ? undefined : r.int(v.forSeconds, path.child('forSeconds'), 1, 1, max);
  return {
    probes: probes(r, v.probes, path.child('probes')),
    from: r.int(v.from, path.child('from'), 0, 0, max),
    ...(forSeconds !== undefined ? { forSeconds } : {}),
    result: result === 'timeout' ? 'timeout' : 'failure',
  };
}

/** The scenario of a request, defaulted; problems are added to `problems`. */
export function readScenario(v: unknown, problems: Problem[]): Scenario {
  const r = new Read(problems);
  const path = FieldPath.root('scenario');
  const o = v === undefined || v === null ? {} : v;
  if (!isObject(o)) {
    problems.push({ code: 'FIELD_INVALID', path: 'scenario', message: 'must be an object' });
    return { durationSeconds: 300, startupSeconds: 0, shutdownSeconds: 1, failures: [] };
  }
  r.unknown(o, ['durationSeconds', 'startupSeconds', 'shutdownSeconds', 'failures', 'crash'], path);
  const max = SCENARIO_LIMITS.maxDurationSeconds;
  const failures = o.failures === undefined ? [] : Array.isArray(o.failures) ? o.failures : undefined;
  if (!failures)
    problems.push({ code: 'FIELD_INVALID', path: String(path.child('failures')), message: 'must be a list' });
  else if (failures.length > SCENARIO_LIMITS.maxFailures)
    problems.push({
      code: 'FIELD_INVALID',
      path: String(path.child('failures')),
      message: `must have at most ${SCENARIO_LIMITS.maxFailures} entries`,
    });
  const scenario: Scenario = {
    durationSeconds: r.int(o.durationSeconds, path.child('durationSeconds'), 300, 1, max),
    startupSeconds: r.int(o.startupSeconds, path.child('startupSeconds'), 0, 0, max),
    shutdownSeconds: r.int(o.shutdownSeconds, path.child('shutdownSeconds'), 1, 0, max),
    failures: (failures ?? [])
      .slice(0, SCENARIO_LIMITS.maxFailures)
      .flatMap((f, i) => failure(r, f, path.child('failures').index(i), max) ?? []),
  };
  if (o.crash !== undefined) {
    const c = isObject(o.crash) ? o.crash : {};
    if (!isObject(o.crash))
      problems.push({
        code: 'FIELD_INVALID',
        path: String(path.child('crash')),
        message: 'must be an object: { afterSeconds, exitCode? }',
      });
    else r.unknown(c, ['afterSeconds', 'exitCode'], path.child('crash'));
    scenario.crash = {
      afterSeconds: r.int(c.afterSeconds, path.child('crash').child('afterSeconds'), 1, 1, max),
      exitCode: r.int(c.exitCode, path.child('crash').child('exitCode'), 1, 0, 255),
    };
  }
  return scenario;
}
