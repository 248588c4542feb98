// The worker threads that larger computations run in (piscina), so that the event loop stays free
// for other requests while one computes (issue 10). The kernel is pure: a thread needs only the
// capability's name and the request's raw input, and reads, checks, charges and runs it there exactly
// as `invoke` would here (worker.ts). What comes back is plain data (structured clone): the call's
// input and output, or the problems it was refused with, rebuilt here into the same KubeknowError.
// Threads start on first use and stop after a minute idle; how many requests compute at once is still
// the computing gate's to say (budget.ts), so the pool's own queue stays small.
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

/** A pool of `threads` worker threads for computations. */
export class ComputePool {
  private piscina: Piscina | undefined;
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

  /** Runs the worker module's export `name` on the task in a thread. */
  private async submit(
    task: object,
    name: string,
    signal: AbortSignal | undefined,
    transferList: ArrayBuffer[] = [],
  ): Promise<unknown> {
    if (this.closed) throw shuttingDown();
    this.piscina ??= new Piscina({
      filename: FROM_SOURCES ? path.join(ROOT, 'scripts/ts-worker.js') : ENTRY,
      workerData: { entry: ENTRY },
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.running++;
    try {
      return await this.piscina.run(task, { name, signal, transferList });
    } catch (err) {
      // Cancellations we asked for are not faults: they must not reach the log as internal errors.
      if (signal?.aborted) throw clientClosed();
      if (this.closed) throw shuttingDown();
      throw err;
    } finally {
      this.running--;
    }
  }

  stats(): PoolStats {
    const p = this.piscina;
    const queued = p?.queueSize ?? 0;
    return {
      threads: p?.threads.length ?? 0,
      busy: Math.max(0, this.running - queued),
      queued,
      completed: p?.completed ?? 0,
      utilization: p?.utilization ?? 0,
    };
  }

  /** Stops the threads. Called once requests are done (the app's onClose): a computation still
   * running is for a client that is gone, so it is ended, not waited for. */
  async close(): Promise<void> {
    this.closed = true;
    await this.piscina?.close({ force: true });
  }
}
