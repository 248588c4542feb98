// What one client may hold of the server: time to send a request, idle and kept-alive
// connections, connections at once, requests per window per API key (or, without a valid key, per
// client address), and failed keys per client address.
// docs/resilience.md lists each limit with its variable and default.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail, KubeknowError } from '../errors';

export interface HttpLimits {
  /** The whole request (headers and body) must have arrived within this; 0: no limit. */
  requestTimeoutMs: number;
  /** The headers must have arrived within this (slowloris); at most requestTimeoutMs. */
  headersTimeoutMs: number;
  /** A connection with no traffic at all is closed after this. */
  connectionTimeoutMs: number;
  /** A kept-alive connection waits this long for its next request. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; the server refuses more at the socket. 0: no cap. */
  maxConnections: number;
  /** Requests per client address per rateLimitWindowMs, of requests without a valid API key; 0: no limit. */
  rateLimitMax: number;
  /** Requests per API key per rateLimitWindowMs, wherever they come from; 0: no limit. */
  rateLimitKeyMax: number;
  rateLimitWindowMs: number;
  /** Failed authentications per client address per authFailuresWindowMs before keys from it are refused. */
  authFailuresMax: number;
  authFailuresWindowMs: number;
  /** Fastify's trustProxy: the proxies (addresses, CIDRs) whose X-Forwarded-For names the client; true: any; false: the peer is the client. */
  trustProxy: boolean | string;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  connectionTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  rateLimitMax: 600,
  rateLimitKeyMax: 3_000,
  rateLimitWindowMs: 60_000,
  authFailuresMax: 20,
  authFailuresWindowMs: 600_000,
  trustProxy: false,
};

const VARIABLES: Record<Exclude<keyof HttpLimits, 'trustProxy'>, string> = {
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
  connectionTimeoutMs: 'CONNECTION_TIMEOUT_MS',
  keepAliveTimeoutMs: 'KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'MAX_CONNECTIONS',
  rateLimitMax: 'RATE_LIMIT_MAX',
  rateLimitKeyMax: 'RATE_LIMIT_KEY_MAX',
  rateLimitWindowMs: 'RATE_LIMIT_WINDOW_MS',
  authFailuresMax: 'AUTH_FAILURES_MAX',
  authFailuresWindowMs: 'AUTH_FAILURES_WINDOW_MS',
};

/** The limits named by the environment (each variable in VARIABLES, and TRUST_PROXY); unset ones keep their default. */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  for (const [field, name] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const text = env[name]?.trim();
    if (!text) continue;
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
      throw new Error(`${name} must be a whole number ≥ 0, not "${text}"`);
    limits[field] = n;
  }
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`,
    );
  if (limits.rateLimitWindowMs < 1 || limits.authFailuresWindowMs < 1)
    throw new Error('RATE_LIMIT_WINDOW_MS and AUTH_FAILURES_WINDOW_MS must be at least 1');
  const proxy = env.TRUST_PROXY?.trim();
  if (proxy) limits.trustProxy = /^(true|false)$/i.test(proxy) ? /^true$/i.test(proxy) : proxy;
  return limits;
}

/** The part of Fastify's options that these limits set. */
export function serverOptions(l: HttpLimits) {
  // Node checks the request and headers timeouts every connectionsCheckingInterval (30 s by
  // default), so a short timeout needs a shorter interval to be enforced near its value.
  const shortest = Math.min(...[l.requestTimeoutMs, l.headersTimeoutMs].filter((t) => t > 0), 120_000);
  return {
    connectionTimeout: l.connectionTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    http: {
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: l.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(shortest / 4))),
    },
    trustProxy: l.trustProxy,
  };
}

// Failed authentications per client address, in fixed windows. The map is bounded: past MAX_ADDRESSES
// the oldest windows are dropped (a flood from many addresses forgets the earliest, never grows).
const MAX_ADDRESSES = 10_000;
export class AuthFailures {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one failed authentication from this address. */
  record(address: string): void {
    const t = this.now();
    const w = this.windows.get(address);
    if (w && w.endsAt > t) return void w.count++;
    this.windows.delete(address);
    this.windows.set(address, { count: 1, endsAt: t + this.windowMs });
    if (this.windows.size > MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value as string);
  }

  /** Seconds until this address may send a key again; 0 when it may now. */
  retryAfter(address: string): number {
    const w = this.windows.get(address);
    const t = this.now();
    return w && w.endsAt > t && w.count >= this.max ? Math.ceil((w.endsAt - t) / 1000) : 0;
  }
}

const AUTH_FAILED = Symbol('kubeknow.authFailed');
type Marked = FastifyRequest & { [AUTH_FAILED]?: true };

/** Marks a request whose key was refused though its response is not a 401 (GraphQL answers 200). */
export function markAuthFailure(req: FastifyRequest): void {
  (req as Marked)[AUTH_FAILED] = true;
}

const HEALTH_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The id of the API key a request's Authorization header sends when it is valid, else null (apiKeyId). */
export type KeyIdOf = (authorization: string | undefined) => Promise<string | null>;

const KEY_TTL_MS = 10_000;
const MAX_KEYS = 10_000;
/**
 * Valid keys seen lately, by a hash of their header, so that keying the rate limit costs no query
 * per request. A key revoked meanwhile is still counted as itself for up to KEY_TTL_MS (authentication
 * refuses its requests anyway); invalid keys are not remembered, so they cannot fill the map.
 */
export class KeyIds {
  private readonly known = new Map<string, { id: string; until: number }>();
  constructor(
    private readonly lookup: KeyIdOf,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key's id, or null for no key or one that is not valid. */
  async of(authorization: string | undefined): Promise<string | null> {
    if (!authorization) return null;
    const hash = createHash('sha256').update(authorization).digest('hex');
    const seen = this.known.get(hash);
    if (seen && seen.until > this.now()) return seen.id;
    this.known.delete(hash);
    const id = await this.lookup(authorization);
    if (id) this.known.set(hash, { id, until: this.now() + KEY_TTL_MS });
    if (this.known.size > MAX_KEYS) this.known.delete(this.known.keys().next().value as string);
    return id;
  }
}

const BY_KEY = Symbol('kubeknow.rateLimitedByKey');
type Keyed = FastifyRequest & { [BY_KEY]?: true };

/**
 * Registers the failed-key limit and the request rate limit (per API key when a valid one is sent,
 * else per client address); call before the routes.
 */
export async function rateLimits(app: FastifyInstance, l: HttpLimits, keyIdOf: KeyIdOf): Promise<void> {
  // First, so that keys from an address that keeps failing are refused before their key is looked up.
  if (l.authFailuresMax > 0) authFailureLimit(app, l);
  if (l.rateLimitMax <= 0 && l.rateLimitKeyMax <= 0) return;
  const keys = new KeyIds(keyIdOf);
  await app.register(rateLimit, {
    keyGenerator: async (req) => {
      const id = await keys.of(req.headers.authorization);
      if (!id) return `address:${req.ip}`;
      (req as Keyed)[BY_KEY] = true;
      return `key:${id}`;
    },
    max: (_req, key) => (key.startsWith('key:') ? l.rateLimitKeyMax : l.rateLimitMax),
    timeWindow: l.rateLimitWindowMs,
    enableDraftSpec: true,
    // Probes and scrapes come from the orchestrator and the monitoring, every few seconds: never refused.
    allowList: (req, key) =>
      HEALTH_ROUTES.has(req.routeOptions.url ?? '') ||
      (key.startsWith('key:') ? l.rateLimitKeyMax : l.rateLimitMax) <= 0,
    errorResponseBuilder: (req, ctx) =>
      new KubeknowError({
        code: 'RATE_LIMITED',
        path: '',
        message: `more than ${ctx.max} requests from this ${(req as Keyed)[BY_KEY] ? 'API key' : 'address'} in ${l.rateLimitWindowMs / 1000} s; retry in ${ctx.after}`,
      }),
  });
}

function authFailureLimit(app: FastifyInstance, l: HttpLimits): void {
  const failures = new AuthFailures(l.authFailuresMax, l.authFailuresWindowMs);
  // Only requests that send a key are refused: anonymous reads go on while keys are being guessed.
  app.addHook('onRequest', (req, reply, done) => {
    const wait = req.headers.authorization ? failures.retryAfter(req.ip) : 0;
    if (!wait) return done();
    reply.header('retry-after', wait);
    fail('RATE_LIMITED', `too many failed API keys from this address; retry in ${wait} s`, 'Authorization');
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (reply.statusCode === 401 || (req as Marked)[AUTH_FAILED]) failures.record(req.ip);
    done();
  });
}
