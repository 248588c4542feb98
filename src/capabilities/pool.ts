// The worker threads that larger computations run in (piscina), so that the event loop stays free
// for other requests while one computes (issue 10). The kernel is pure: a thread needs only the
// capability's name and the request's raw input, and reads, checks, charges and runs it there exactly
// as `invoke` would here (worker.ts). What comes back is plain data (structured clone): the call's
// input and output, or the problems it was refused with, rebuilt here into the same KubeknowError.
// The first thread starts on first use and stops after a minute idle; the others start only for a
// computation that has waited SECOND_AFTER_MS for it, and stop after OTHERS_IDLE_MS idle. How many
// requests compute at once is still the computing gate's to say (budget.ts), so the queues stay small.
import path from 'node:path';
import { Piscina } from 'piscina';
import { KubeknowError, type Problem } from '../errors';
import { ROOT } from '../paths';
import { clientClosed, type Spent, type SpendingLimits } from './budget';
import type { EstimateTask } from './estimate';
import type { Locale } from '../knowledge/types';
import type { bodyRefusal, RawBody } from '../rest/manifest-body';

/** A computation for a worker thread: which capability, its raw input, and what the request had spent. */
export interface ComputeTask {
  capability: string;
  /** The input as the transport made it; or, for a large REST body, the body the thread reads it from. */
  raw?: unknown;
  body?: RawBody;
  limits: SpendingLimits;
  spent: Spent;
  /** The reader's language (Accept-Language), the one part of the request's context a computation reads. */
  acceptLanguage?: Locale;
  /** A REST answer to write in the thread: its format, query string and URL base (see RestView). */
  render?: RenderAsked;
}

/** The REST rendering a thread writes, so that a large answer crosses to the event loop as one string
 * (copied in milliseconds) rather than as objects to rebuild and serialize there. */
export interface RenderAsked {
  format: string;
  query: Record<string, unknown>;
  base: string;
}

/** A call that ran: its input as the capability read it, its output, its cost and its output's bytes. */
export interface Finished<In = unknown, Out = unknown> {
  input: In;
  output: Out;
  cost: number;
  bytes: number;
}

/** A call that ran in a thread and whose REST answer was written there: the answer's bytes (UTF-8), its
 * cost and its output's bytes. */
export interface Rendered {
  rendered: Uint8Array;
  cost: number;
  bytes: number;
}

/** What a worker thread answers: the finished call, or the problems it was refused with. */
export type ComputeAnswer =
  { done: Finished | Rendered } | { refused: { problems: Problem[]; details?: Record<string, unknown> } };

/** What /metrics shows of the pool. */
export interface PoolStats {
  /** Threads started (they start on first use and stop when idle). */
  threads: number;
  /** Threads running a computation now. */
  busy: number;
  /** Computations waiting for a thread. */
  queued: number;
  /** Computations finished since the server started. */
  completed: number;
  /** The share of the threads' time spent computing, 0 to 1 (piscina's estimate). */
  utilization: number;
}

const IDLE_MS = 60_000;

// A thread is ~45 MB of RSS under load (its heap, the kernel's modules). Under the mixed load of
// bench/start.ts (a DNS computation of 3–20 ms in every eleven requests) piscina started the second
// thread at the first overlap and it never idled: 88–90 MB for the two threads against 45 MB for one,
// req/s within the runs' noise (docs/performance.md, Round 9). So a computation queues behind the first thread's,
// and gets a thread of its own only when that one holds it longer than this: a long computation
// (the dry-run apply of a large Deployment takes seconds) still does not hold up a short one.
const SECOND_AFTER_MS = 50;
// The other threads stop sooner than the first: they are for bursts of long computations.
const OTHERS_IDLE_MS = 10_000;

// A thread's young generation (V8's default is 48 MB per isolate, each thread one): a computation's
// objects are short-lived or its answer, so a smaller one costs a few more scavenges and, for the two
// threads, saves about 60 MB of RSS under load (docs/performance.md). The old generation is not
// capped: a thread over its cap would be ended mid-computation, and the budget already bounds it.
const YOUNG_GENERATION_MB = 8;

/**
 * A body's memory, moved to the thread rather than copied (a copy of a megabyte on the event loop, and
 * its garbage), when the bytes are all of it: a large body is its own buffer, which nothing here reads
 * after. Bytes that share their memory are copied.
 */
const movable = (bytes: Uint8Array | undefined): ArrayBuffer[] =>
  bytes && bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer]
    : [];

/** A computation ended, or not started, because the server is stopping (its threads are ended). */
const shuttingDown = () =>
  new KubeknowError({ code: 'UNAVAILABLE', path: '', message: 'the server is shutting down; retry' });

// Built JavaScript (npm start) runs its own worker module. Run from the TypeScript sources (jest), a
// thread compiles the same sources as it loads them (scripts/ts-worker.js): never dist/, which may
// be older than the code under test.
const ENTRY = path.join(__dirname, `worker${path.extname(__filename)}`);
const FROM_SOURCES = path.extname(__filename) === '.ts';

/** A pool of `threads` worker threads for computations: the first, and the others for computations
 * that would otherwise wait long for it. */
export class ComputePool {
  private first: Piscina | undefined;
  private others: Piscina | undefined;
  /** Computations submitted to the first thread and not finished. */
  private onFirst = 0;
  /** Computations waiting for the first thread to be free (each its wake-up). */
  private waiting: (() => void)[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly threads: number) {}

  /** Runs a computation in a thread; its refusal is thrown here as the KubeknowError it was there. When
   * `signal` aborts (the client left), the computation is stopped: piscina ends its thread and starts
   * another for the next task. */
  async run(task: ComputeTask, signal?: AbortSignal): Promise<Finished | Rendered> {
    const answer = (await this.submit(task, 'default', signal, movable(task.body?.bytes))) as ComputeAnswer;
    if ('refused' in answer) throw new KubeknowError(answer.refused.problems, answer.refused.details);
    return answer.done;
  }

  /** Prices a GraphQL field's call with large arguments in a thread (estimate.ts), as `run` runs one. */
  async estimate(task: EstimateTask, signal?: AbortSignal): Promise<number> {
    return (await this.submit(task, 'estimate', signal)) as number;
  }

  /** Reads a large JSON body in a thread only to say what the body parser refuses in it (manifest-body.ts'
   * refuseBodyFirst); the bytes are copied, not moved: the route may still read them. */
  async readBody(bytes: Uint8Array, maxKeys: number): Promise<ReturnType<typeof bodyRefusal>> {
    return (await this.submit({ bytes, maxKeys }, 'readBody', undefined)) as ReturnType<typeof bodyRefusal>;
  }

  private piscina(maxThreads: number, idleTimeout: number): Piscina {
    return new Piscina({
      filename: FROM_SOURCES ? path.join(ROOT, 'scripts/ts-worker.js') : ENTRY,
      workerData: { entry: ENTRY },
      minThreads: 0,
      maxThreads,
      idleTimeout,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  }

  /** The first thread when it is free, or when it is freed within SECOND_AFTER_MS; else another thread. */
  private async choose(signal: AbortSignal | undefined): Promise<'first' | 'others'> {
    if (this.onFirst === 0 || this.threads === 1) return 'first';
    let wake!: () => void;
    const freed = new Promise<'first'>((resolve) => (wake = () => resolve('first')));
    this.waiting.push(wake);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'others'>((resolve) => (timer = setTimeout(() => resolve('others'), SECOND_AFTER_MS)));
    const onAbort = () => wake();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([freed, late]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.waiting = this.waiting.filter((w) => w !== wake);
    }
  }

  /** Runs the worker module's export `name` on the task in a thread. */
  private async submit(
    task: object,
    name: string,
    signal: AbortSignal | undefined,
    transferList: ArrayBuffer[] = [],
  ): Promise<unknown> {
    if (this.closed) throw shuttingDown();
    this.running++;
    let first = false;
    try {
      first = (await this.choose(signal)) === 'first';
      if (this.closed) throw shuttingDown();
      if (first) this.onFirst++;
      const pool = first
        ? (this.first ??= this.piscina(1, IDLE_MS))
        : (this.others ??= this.piscina(this.threads - 1, OTHERS_IDLE_MS));
      return await pool.run(task, { name, signal, transferList });
    } catch (err) {
      // Cancellations we asked for are not faults: they must not reach the log as internal errors.
      if (signal?.aborted) throw clientClosed();
      if (this.closed) throw shuttingDown();
      throw err;
    } finally {
      this.running--;
      if (first && --this.onFirst === 0) this.waiting[0]?.();
    }
  }

  stats(): PoolStats {
    const pools = [this.first, this.others];
    const queued = this.waiting.length + (this.first?.queueSize ?? 0) + (this.others?.queueSize ?? 0);
    return {
      threads: pools.reduce((n, p) => n + (p?.threads.length ?? 0), 0),
      busy: Math.max(0, this.running - queued),
      queued,
      completed: pools.reduce((n, p) => n + (p?.completed ?? 0), 0),
      // piscina's share is of its own threads: the first is one of `threads`, the others the rest.
      utilization:
        ((this.first?.utilization ?? 0) + (this.others?.utilization ?? 0) * (this.threads - 1)) / this.threads,
    };
  }

  /** Stops the threads. Called once requests are done (the app's onClose): a computation still
   * running is for a client that is gone, so it is ended, not waited for. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting) wake();
    await Promise.all([this.first?.close({ force: true }), this.others?.close({ force: true })]);
  }
}
