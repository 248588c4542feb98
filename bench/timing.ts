// Timing helpers the kernel benchmarks share (bench/dns.ts, bench/scheduling.ts): wall and CPU time of a
// function over runs after a warm-up, and the table they print. Prints nothing itself; asserts nothing.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  /** Wall-clock milliseconds, sorted. */
  wall: number[];
  /** CPU milliseconds of the process (user + system, GC threads included), sorted. */
  cpu: number[];
}

/**
 * Wall and CPU time of `fn`, in ms, over `runs` calls after `warmup` unmeasured ones; `prepare`, when
 * given, makes each call's input before it, outside the measured time.
 */
export function time<T = undefined>(
  name: string,
  fn: (input: T) => unknown,
  runs: number,
  warmup = 10,
  prepare: () => T = () => undefined as T,
): Timing {
  for (let i = 0; i < warmup; i++) fn(prepare());
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare();
    const usage = process.cpuUsage();
    const start = performance.now();
    fn(input);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { name, wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

export const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)];

export const fixed = (ms: number): string => ms.toFixed(ms < 10 ? 2 : 1);

export function timingTable(rows: Timing[]): string {
  const head = ['kernel (no HTTP)', 'median ms', 'min ms', 'max ms', 'median CPU ms', 'runs'];
  const body = rows.map((r) => [
    r.name,
    fixed(median(r.wall)),
    fixed(r.wall[0]),
    fixed(r.wall[r.wall.length - 1]),
    fixed(median(r.cpu)),
    String(r.wall.length),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body]
    .map((cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '))
    .join('\n');
}

/** The young-generation flag this process runs with: `npm start` and `npm run bench` give the same one. */
export function youngGeneration(): string | undefined {
  return process.execArgv.find((a) => a.startsWith('--max-semi-space-size'));
}

/** The machine's load while measuring, and how to read wall against CPU times. */
export function loadNote(): string {
  const [load] = loadavg();
  return `load average ${load.toFixed(1)} on ${cpus().length} CPUs while measuring: above the CPU count, other processes share them and wall times grow; CPU ms count this process's own work (GC threads included).`;
}
