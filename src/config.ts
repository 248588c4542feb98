// The server's configuration, from the environment (README has the table).
import { databaseFromEnv, type DatabaseConfig } from './db/config';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: string;
  seedOnStart: boolean;
}

/** Reads PORT, HOST, DATABASE_URL, PGLITE_DIR, LOG_LEVEL and SEED_ON_START (PUBLIC_URL is read per request: src/http/public-url.ts). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    database: databaseFromEnv(env),
    logLevel: env.LOG_LEVEL || 'info',
    seedOnStart: !/^(0|false|no|off)$/i.test(env.SEED_ON_START ?? ''),
  };
}
