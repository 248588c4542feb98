// What one request may spend, whatever a client sends (issue 10): the cost of the capabilities it
// calls (each declares its own `cost`, roughly objects read and records produced), the bytes of
// their outputs, and a turn at the computing gate. Every transport's request carries one Budget,
// and `invoke` charges it, so REST, GraphQL and MCP share one budget from the same definitions.
import { KubeknowError, type ErrorCode } from '../errors';
import type { ComputePool } from './pool';
import { jsonByteLength } from '../util/json-size';
// The constant's own module, not the folder's index: src/config.ts loads this module first thing at
// start, and the index brings in both YAML parsers (0.1 s of CPU before the database starts opening).
import { DEFAULT_MANIFEST_LIMITS } from '../k8s/objects/too-large';

/** The limits, from the environment (src/config.ts; README's configuration table). */
export interface Limits {
  /** The most a request may cost: the sum of its capability calls' costs (GraphQL: estimated before it runs). */
  maxCost: number;
  /** The most bytes of capability output a request may produce (JSON). */
  maxResponseBytes: number;
  /** The most bytes of capability output a GraphQL or MCP request may produce: their answers are built on the event loop. */
  maxGraphqlMcpBytes: number;
  /** Requests computing at once; computing is CPU work on the one event loop. */
  computeConcurrency: number;
  /** Requests waiting for a turn to compute; beyond these, 503 OVERLOADED with Retry-After. */
  computeQueue: number;
  /** How long a request waits for a turn before it is refused with 503 OVERLOADED, in milliseconds. */
  computeQueueWaitMs: number;
  /** Worker threads that computations run in, off the event loop; 0 computes on the event loop. */
  computeThreads: number;
  /** The most a computation may cost to run on the event loop (with a small input); above, it runs in a worker thread. */
  computeInlineCost: number;
  /** GraphQL: the size assumed for a list that takes no `first` (relations, facts, examples). */
  listSize: number;
  /** GraphQL: the most tokens a document may have, so parsing and validation stay small. */
  maxTokens: number;
  /** The most keys one object of a JSON body may have (variables, arguments, _meta, extensions, objects). */
  maxObjectKeys: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxCost: 5000,
  // The answer of the heaviest plain dry-run MAX_REQUEST_COST allows (2 290 replicas: their Pods, two events
  // each) is about 6 MB as JSON; a large Pod template multiplies it, and the default leaves that room.
  maxResponseBytes: 16 * 1024 * 1024,
  // An output comes back from its thread as objects, which GraphQL and MCP turn into their answer on the
  // event loop: 40 to 95 ms per MB of output on a 2-core machine (a 2.6 MB dry-run held the event loop
  // 156 ms through GraphQL and 107 ms through MCP; 1 MB of dnsRecords, each record a GraphQL object,
  // 73-96 ms), so half a MiB keeps /healthz under 100 ms on a loaded machine.
  maxGraphqlMcpBytes: 512 * 1024,
  computeConcurrency: 2,
  // 16 waiting: a portal's or a chatbot backend's connection pool (16 is common) may all land on the
  // gate at once and each still gets its answer; each waiting request holds its body, at most 1 MiB.
  computeQueue: 16,
  computeQueueWaitMs: 10_000,
  computeThreads: 2,
  computeInlineCost: 20,
  listSize: 10,
  maxTokens: 5000,
  maxObjectKeys: DEFAULT_MANIFEST_LIMITS.maxKeys,
};

/** How long a client told OVERLOADED should wait, in seconds (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 1;

/** The error for a request that asks for more than `limit`, saying how to ask for less. */
export function costLimitExceeded(cost: number, limit: number, what: string): KubeknowError {
  return new KubeknowError(
    {
      code: 'COST_LIMIT_EXCEEDED',
      path: '',
      message:
        `${what} costs ${cost}; the limit is ${limit} per request (MAX_REQUEST_COST). Ask for less: fewer objects or ` +
        'endpoints, smaller pages (first, limit), fewer aliases or nested lists, or several requests.',
    },
    { cost, limit },
  );
}

/** The server is computing for too many requests (a full queue, or a wait too long): come back later. */
function overloaded(why: string): KubeknowError {
  return new KubeknowError(
    { code: 'OVERLOADED', path: '', message: `${why}; retry in ${RETRY_AFTER_SECONDS} s` },
    { retryAfter: RETRY_AFTER_SECONDS },
  );
}

/** The error of work given up because its client closed the connection: nobody reads its answer. */
export function clientClosed(): KubeknowError {
  return new KubeknowError({
    code: 'CLIENT_CLOSED_REQUEST',
    path: '',
    message: 'the client closed the connection before the answer was ready; its computation was stopped',
  });
}

/** The limit each refusal code names: a `limit` of /metrics' kubeknow_budget_refusals_total. */
const REFUSED_BY: Partial<Record<ErrorCode, string>> = {
  COST_LIMIT_EXCEEDED: 'MAX_REQUEST_COST',
  RESPONSE_TOO_LARGE: 'MAX_RESPONSE_BYTES',
  OVERLOADED: 'COMPUTE_QUEUE',
};

/**
 * A bounded number of requests computing at once, and a bounded queue of those waiting, each for a
 * bounded time. A turn is given on a later turn of the event loop (setImmediate), never at once: a
 * computation small enough to run on the event loop is synchronous, so this is where /healthz and
 * other requests get answered between them, and where requests arriving together find the queue full
 * instead of all running back to back. A request whose client is gone leaves the queue at once, so
 * its place goes to one that is still read. The gate is what every request of a server shares, so it
 * also counts their refusals and the computations stopped for clients that left.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Refusals, by the limit they hit, since the server started. */
  readonly refusals = new Map<string, number>();
  /** Requests whose computation was stopped or never started because their client left. */
  aborted = 0;
  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    private readonly waitMs: number = DEFAULT_LIMITS.computeQueueWaitMs,
  ) {}

  /** Requests holding a turn. */
  get computing(): number {
    return this.active;
  }

  /** Requests waiting for a turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Counts a refusal by one of the budget's limits; other errors are not counted. */
  refused(err: unknown): void {
    // A byte limit's refusal names its variable: REST's or GraphQL's and MCP's.
    const limit =
      err instanceof KubeknowError
        ? ((err.details?.variable as string | undefined) ?? REFUSED_BY[err.code])
        : undefined;
    if (limit) this.refusals.set(limit, (this.refusals.get(limit) ?? 0) + 1);
  }

  /** Waits for a turn; OVERLOADED when the queue is full or the wait is over, CLIENT_CLOSED_REQUEST
   * when `signal` aborts first. Call the returned function when done. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw clientClosed();
    if (this.waiting.length >= this.queue)
      throw overloaded(`the server is computing for ${this.active + this.waiting.length} requests`);
    await new Promise<void>((resolve, reject) => {
      const given = () => {
        settle();
        setImmediate(resolve);
      };
      const leave = (err: KubeknowError) => {
        this.waiting.splice(this.waiting.indexOf(given), 1);
        settle();
        reject(err);
      };
      const timer = setTimeout(
        () => leave(overloaded(`no turn to compute came within ${this.waitMs} ms (COMPUTE_QUEUE_WAIT_MS)`)),
        this.waitMs,
      );
      const aborted = () => leave(clientClosed());
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.waiting.push(given);
      this.next();
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.next();
    };
  }

  private next(): void {
    while (this.active < this.concurrency && this.waiting.length) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}

/** What the requests of one server share: the gate (with its counts of refusals) and the pool, if any. */
export interface Computing {
  gate: Gate;
  pool?: ComputePool;
}

/** What a request has spent so far. */
export interface Spent {
  /** The sum of its calls' costs. */
  cost: number;
  /** The bytes of their outputs (JSON). */
  bytes: number;
}

/** The limits a request's spending is checked against: its cost, and its outputs' bytes with the
 * variable that sets that limit (REST's, or GraphQL's and MCP's). */
export interface SpendingLimits {
  maxCost: number;
  maxBytes: number;
  bytesVariable: 'MAX_RESPONSE_BYTES' | 'MAX_GRAPHQL_MCP_BYTES';
}

/** What a request spends, each addition checked against its limit. A worker thread resumes a request's
 * spending from what it had spent, so that a computation there is refused as it would be here. */
export class Spending {
  constructor(
    protected caps: SpendingLimits,
    private readonly spent: Spent = { cost: 0, bytes: 0 },
  ) {}

  /** The limits this spending is checked against (a worker thread checks a computation against them). */
  get spendingLimits(): SpendingLimits {
    return this.caps;
  }

  /** What was spent so far (a copy). */
  get total(): Spent {
    return { ...this.spent };
  }

  /** Whether a call of this cost would keep the request within its limit. */
  fits(cost: number): boolean {
    return this.spent.cost + cost <= this.caps.maxCost;
  }

  /** Adds a call's cost; COST_LIMIT_EXCEEDED when the request's total is over the limit. */
  charge(name: string, cost: number): void {
    const fits = this.fits(cost);
    this.spent.cost += cost;
    if (!fits)
      throw costLimitExceeded(
        this.spent.cost,
        this.caps.maxCost,
        this.spent.cost === cost ? name : `this request (its earlier calls, then ${name} at ${cost})`,
      );
  }

  /** Adds a call's output; RESPONSE_TOO_LARGE when the request's outputs are over the limit. Returns its bytes
   * (counted only as far as the limit: an output over it is refused without being written out). `route`
   * is the capability's REST route, which a GraphQL or MCP caller is pointed to for a larger answer. */
  chargeOutput(name: string, output: unknown, route?: string): number {
    const bytes = jsonByteLength(output, this.caps.maxBytes - this.spent.bytes);
    this.chargeBytes(name, bytes, route);
    return bytes;
  }

  /** Adds the bytes of a call's output, measured where it ran. */
  chargeBytes(name: string, bytes: number, route?: string): void {
    this.spent.bytes += bytes;
    const { maxBytes, bytesVariable } = this.caps;
    if (this.spent.bytes <= maxBytes) return;
    // GraphQL's and MCP's limit is the lower one: REST writes a large answer off the event loop.
    const elsewhere =
      bytesVariable === 'MAX_GRAPHQL_MCP_BYTES'
        ? ` Or use ${route ?? 'its REST route'}: its answers are written off the event loop, up to MAX_RESPONSE_BYTES.`
        : '';
    throw new KubeknowError(
      {
        code: 'RESPONSE_TOO_LARGE',
        path: '',
        message:
          `the answer would be over ${maxBytes} bytes (${bytesVariable}; ${name} made it ${this.spent.bytes}). ` +
          `Ask for less: fewer objects, one name (dnsQuery) instead of every record, smaller pages, or several requests.${elsewhere}`,
      },
      { bytes: this.spent.bytes, limit: maxBytes, variable: bytesVariable },
    );
  }
}

/** One request's budget: what its capability calls cost, what they answered, its turn at the gate,
 * the worker pool its larger computations run in (none: every computation runs on the event loop),
 * and the signal that its client has left (the connection closed before the answer was sent). */
export class Budget extends Spending {
  // A request's computations share one turn (GraphQL runs a request's fields together), held while
  // any of them runs, so that one request never queues behind itself.
  private turn: Promise<() => void> | undefined;
  private holders = 0;
  private readonly counted = new Set<string>();
  // The cost of the computations this request ran on the event loop: one GraphQL query may make dozens
  // of small ones (every concept's examples), each a few milliseconds, which run back to back.
  private inlineCost = 0;

  constructor(
    readonly limits: Limits,
    private readonly gate: Gate,
    readonly pool?: ComputePool,
    readonly signal?: AbortSignal,
  ) {
    super({ maxCost: limits.maxCost, maxBytes: limits.maxResponseBytes, bytesVariable: 'MAX_RESPONSE_BYTES' });
  }

  /** GraphQL and MCP build their answers from the outputs on the event loop, unlike REST, whose large
   * answers are written in a worker thread (pool.ts): their outputs are held to MAX_GRAPHQL_MCP_BYTES,
   * which a worker thread checks before an output crosses back. */
  answersOnEventLoop(): void {
    const { maxGraphqlMcpBytes, maxResponseBytes } = this.limits;
    if (maxGraphqlMcpBytes < maxResponseBytes)
      this.caps = { ...this.caps, maxBytes: maxGraphqlMcpBytes, bytesVariable: 'MAX_GRAPHQL_MCP_BYTES' };
  }

  /** Whether a computation of this cost may run on the event loop: while the request's computations there
   * total at most COMPUTE_INLINE_COST (each counted as at least 1), so the event loop is held a few
   * milliseconds per request; the rest run in worker threads. Counts it when it may. */
  runsInline(cost: number): boolean {
    const total = this.inlineCost + Math.max(cost, 1);
    if (total > this.limits.computeInlineCost) return false;
    this.inlineCost = total;
    return true;
  }

  /** Counts a refusal by one of the budget's limits, once per request and code (GraphQL fields share one). */
  refused(err: unknown): void {
    if (!(err instanceof KubeknowError) || this.counted.has(err.code)) return;
    this.counted.add(err.code);
    this.gate.refused(err);
  }

  /** Runs `work` during the request's turn at the computing gate; not at all once the client has left. */
  async computing<T>(work: () => T | Promise<T>): Promise<T> {
    this.holders++;
    try {
      this.turn ??= this.gate.acquire(this.signal);
      await this.turn;
      if (this.signal?.aborted) throw clientClosed();
      return await work();
    } catch (err) {
      if (err instanceof KubeknowError && err.code === 'CLIENT_CLOSED_REQUEST' && !this.counted.has(err.code)) {
        this.counted.add(err.code);
        this.gate.aborted++;
      }
      throw err;
    } finally {
      if (--this.holders === 0 && this.turn) {
        const turn = this.turn;
        this.turn = undefined;
        turn.then((release) => release()).catch(() => undefined);
      }
    }
  }
}
