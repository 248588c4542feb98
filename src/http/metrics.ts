// GET /metrics: Prometheus metrics of this process. Requests by route template (never by raw URL,
// which would make one series per slug or hostile path), their latency, GraphQL operations by name,
// readiness, and Node's own (event loop lag, heap, handles). One registry per app, so apps in one
// process (tests) do not share counters.
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Computing } from '../capabilities/budget';
import type { PoolStats } from '../db/connect';
import type { Knowledge } from '../knowledge/service';
import { CLIENT_CLOSED_STATUS, cutOff, type ClientLeft } from './requests';

export interface Metrics {
  registry: Registry;
  /** Counts GraphQL operations; add to Apollo's plugins. */
  graphqlPlugin: ApolloServerPlugin;
}

// An operation name is the client's text: only plain, short names become a label value, and only
// the first MAX_OPERATIONS of them, so a client inventing names cannot grow the series without end.
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 200;

/** The requests of one method and route template: their labels, and how many got each status. */
interface Cells {
  labels: { method: string; route: string };
  statuses: Map<number, number>;
}

/** Registers the request hooks and GET /metrics; notReady is /readyz's reason, shown as kubeknow_ready.
 * A request its client left is counted under status 499 when onClientLeft says so (requests.ts). */
export function metricsRoutes(
  app: FastifyInstance,
  notReady: () => string | null,
  onClientLeft: (f: ClientLeft) => void,
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Requests are counted in cells of their own, by route template, method and status, and handed to
  // prom-client when /metrics is read: its counter hashes the labels on every call.
  const cells = new Map<string, Map<string, Cells>>();
  new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status (499: the client closed the connection before the answer).',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const byMethod of cells.values())
        for (const cell of byMethod.values())
          for (const [status, n] of cell.statuses) this.inc({ ...cell.labels, status }, n);
    },
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by method and route template.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations run, by type and operation name ("anonymous" without one; "other" for a name that is not plain, or past the first 200).',
    labelNames: ['type', 'operation'],
    registers: [registry],
  });
  new Gauge({
    name: 'kubeknow_ready',
    help: '1 when /readyz would answer 200 (not starting or draining, the snapshot current), else 0.',
    registers: [registry],
    collect() {
      this.set(notReady() ? 0 : 1);
    },
  });

  const cellOf = (method: string, route: string): Cells => {
    let byMethod = cells.get(route);
    if (!byMethod) cells.set(route, (byMethod = new Map<string, Cells>()));
    let cell = byMethod.get(method);
    if (!cell) byMethod.set(method, (cell = { labels: { method, route }, statuses: new Map() }));
    return cell;
  };
  const count = (req: FastifyRequest, reply: FastifyReply, status: number) => {
    const cell = cellOf(req.method, req.routeOptions.url ?? '(no route)');
    cell.statuses.set(status, (cell.statuses.get(status) ?? 0) + 1);
    duration.observe(cell.labels, reply.elapsedTime / 1000);
  };
  app.addHook('onResponse', (req, reply, done) => {
    // A response cut off by its client is counted once, when it closes, as 499.
    if (!cutOff(reply)) count(req, reply, reply.statusCode);
    done();
  });
  onClientLeft((req, reply) => count(req, reply, CLIENT_CLOSED_STATUS));
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  const named = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (named.has(name)) return name;
    if (!PLAIN_NAME.test(name) || named.size >= MAX_OPERATIONS) return 'other';
    named.add(name);
    return name;
  };
  return {
    registry,
    graphqlPlugin: {
      async requestDidStart() {
        return {
          async didResolveOperation(rc) {
            operations.inc({ type: rc.operation?.operation ?? 'unknown', operation: operationLabel(rc.operationName) });
          },
        };
      },
    },
  };
}

// ——— The snapshot and the database ———

/**
 * Registers the snapshot's refreshes (full or incremental, their time, the requests they served) and
 * the PostgreSQL pool's connections; PGlite has one embedded connection and no pool, so it has none.
 */
export function storeMetrics(app: FastifyInstance, registry: Registry, knowledge: Knowledge): void {
  const rebuilds = new Counter({
    name: 'kubeknow_snapshot_rebuilds_total',
    help: 'Snapshot refreshes since the app started, by kind: "full" reread the whole graph, "incremental" only the concepts a change named.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'kubeknow_snapshot_refresh_requests_total',
    help: 'Refreshes asked for by edits and change notifications; requests that wait while one runs share the next, so this exceeds the rebuilds under concurrent writes.',
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'kubeknow_snapshot_rebuild_duration_seconds',
    help: 'Time a snapshot refresh took (reading the store, the new snapshot and its search index), by kind.',
    labelNames: ['kind'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  for (const kind of ['full', 'incremental']) rebuilds.inc({ kind }, 0);
  const stop = knowledge.onRebuild((r) => {
    rebuilds.inc({ kind: r.kind });
    requests.inc(r.requests);
    seconds.observe({ kind: r.kind }, r.seconds);
  });
  app.addHook('onClose', async () => void stop());

  if (knowledge.db.config.kind !== 'postgres') return;
  const pool = () => knowledge.db.pool();
  new Gauge({
    name: 'kubeknow_db_pool_connections',
    help: 'PostgreSQL pool connections, by state: "busy" serving a query, "idle" kept open for the next.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'busy' }, p.total - p.idle);
      this.set({ state: 'idle' }, p.idle);
    },
  });
  const poolGauge = (name: string, help: string, value: (p: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        if (p) this.set(value(p));
      },
    });
  poolGauge(
    'kubeknow_db_pool_waiting',
    'Queries waiting for a PostgreSQL pool connection (all of kubeknow_db_pool_max are busy).',
    (p) => p.waiting,
  );
  poolGauge('kubeknow_db_pool_max', 'The most connections the PostgreSQL pool opens.', (p) => p.max);
}

// ---- Computing (issue 10): budget refusals, the computing gate and the worker pool. ----

/** Registers the computing metrics: read from the gate and the pool when /metrics is asked. */
export function computeMetrics(registry: Registry, { gate, pool }: Computing): void {
  new Counter({
    name: 'kubeknow_budget_refusals_total',
    help: 'Requests refused by a limit of their budget, by the limit: MAX_REQUEST_COST (COST_LIMIT_EXCEEDED, GraphQL estimates included), MAX_RESPONSE_BYTES and MAX_GRAPHQL_MCP_BYTES (RESPONSE_TOO_LARGE), COMPUTE_QUEUE (OVERLOADED: the queue was full, or the wait for a turn reached COMPUTE_QUEUE_WAIT_MS).',
    labelNames: ['limit'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [limit, n] of gate.refusals) this.inc({ limit }, n);
    },
  });
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  gauge('kubeknow_compute_active_requests', 'Requests holding a turn at the computing gate.', () => gate.computing);
  gauge('kubeknow_compute_queue_depth', 'Requests waiting for a turn at the computing gate.', () => gate.queued);
  const stats = () => pool?.stats();
  gauge(
    'kubeknow_compute_threads',
    'Worker threads started (COMPUTE_THREADS at most; idle ones stop).',
    () => stats()?.threads ?? 0,
  );
  gauge('kubeknow_compute_threads_busy', 'Worker threads running a computation.', () => stats()?.busy ?? 0);
  gauge('kubeknow_compute_pool_queue_depth', 'Computations waiting for a worker thread.', () => stats()?.queued ?? 0);
  gauge(
    'kubeknow_compute_pool_utilization',
    'The share of the worker threads’ time spent computing, 0 to 1.',
    () => stats()?.utilization ?? 0,
  );
  new Counter({
    name: 'kubeknow_compute_aborted_total',
    help: 'Requests whose computation was stopped, or left the queue, because their client closed the connection first.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(gate.aborted);
    },
  });
  new Counter({
    name: 'kubeknow_compute_pool_tasks_total',
    help: 'Computations finished in worker threads (smaller ones run on the event loop).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats()?.completed ?? 0);
    },
  });
}
