// The server's configuration, from the environment (README has the table).
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
