// The server's configuration, from the environment (README has the table).
import { DEFAULT_LIMITS, type Limits } from './capabilities/budget';
import { databaseFromEnv, type DatabaseConfig } from './db/config';
import { corsOriginsFromEnv } from './http/cors';
import { httpLimitsFromEnv, type HttpLimits } from './http/limits';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: string;
  seedOnStart: boolean;
  /** Timeouts, connection cap, rate limits (src/http/limits.ts lists their variables). */
  limits: HttpLimits;
  /** Browser origins allowed to call the API (CORS_ORIGINS). */
  corsOrigins: string[];
  /** How long SIGTERM waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
}

/** Reads PORT, HOST, DATABASE_URL, PGLITE_DIR, LOG_LEVEL, SEED_ON_START, SHUTDOWN_TIMEOUT_MS, CORS_ORIGINS and the limits (PUBLIC_URL is read per request: src/http/public-url.ts). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS || 10_000);
  if (!Number.isSafeInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0)
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, not "${env.SHUTDOWN_TIMEOUT_MS}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    database: databaseFromEnv(env),
    logLevel: env.LOG_LEVEL || 'info',
    seedOnStart: !/^(0|false|no|off)$/i.test(env.SEED_ON_START ?? ''),
    limits: httpLimitsFromEnv(env),
    corsOrigins: corsOriginsFromEnv(env),
    shutdownTimeoutMs,
  };
}

/** The environment variable of each limit (README's configuration table, docs/limits.md). */
export const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  maxCost: 'MAX_REQUEST_COST',
  maxResponseBytes: 'MAX_RESPONSE_BYTES',
  maxGraphqlMcpBytes: 'MAX_GRAPHQL_MCP_BYTES',
  computeConcurrency: 'COMPUTE_CONCURRENCY',
  computeQueue: 'COMPUTE_QUEUE',
  computeQueueWaitMs: 'COMPUTE_QUEUE_WAIT_MS',
  computeThreads: 'COMPUTE_THREADS',
  computeInlineCost: 'COMPUTE_INLINE_COST',
  listSize: 'GRAPHQL_LIST_SIZE',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxObjectKeys: 'MAX_OBJECT_KEYS',
};

/** The limits that may be 0: a queue of 0 refuses whenever every turn is taken, 0 threads compute on the
 * event loop, and an inline cost of 0 sends every computation but the smallest input to a thread. Every
 * other limit needs at least 1. */
export const MAY_BE_ZERO: ReadonlySet<keyof Limits> = new Set(['computeQueue', 'computeThreads', 'computeInlineCost']);

/** The request budgets (src/capabilities/budget.ts) from MAX_REQUEST_COST, MAX_RESPONSE_BYTES,
 * MAX_GRAPHQL_MCP_BYTES, COMPUTE_CONCURRENCY, COMPUTE_QUEUE, COMPUTE_QUEUE_WAIT_MS, COMPUTE_THREADS, COMPUTE_INLINE_COST, GRAPHQL_LIST_SIZE,
 * GRAPHQL_MAX_TOKENS and MAX_OBJECT_KEYS; each unset one keeps its default. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as [keyof Limits, string][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    // Digits only: Number() would also read " 5", "1e3" and "0x10".
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    const least = MAY_BE_ZERO.has(key) ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least)
      throw new Error(`${name} must be a whole number of at least ${least}, not "${text}"`);
    limits[key] = value;
  }
  return limits;
}
