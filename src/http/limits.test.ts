import fc from 'fast-check';
import { corsOriginsFromEnv } from './cors';
import { AuthFailures, DEFAULT_HTTP_LIMITS, httpLimitsFromEnv, KeyIds, serverOptions } from './limits';
import { loggedUrl, requestId } from './requests';
import type { IncomingMessage } from 'node:http';

const VARIABLES = [
  'REQUEST_TIMEOUT_MS',
  'HEADERS_TIMEOUT_MS',
  'CONNECTION_TIMEOUT_MS',
  'KEEP_ALIVE_TIMEOUT_MS',
  'MAX_CONNECTIONS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_KEY_MAX',
  'RATE_LIMIT_WINDOW_MS',
  'AUTH_FAILURES_MAX',
  'AUTH_FAILURES_WINDOW_MS',
  'TRUST_PROXY',
];

describe('httpLimitsFromEnv', () => {
  test('unset variables keep their defaults', () => {
    expect(httpLimitsFromEnv({})).toEqual(DEFAULT_HTTP_LIMITS);
  });

  const cases: { name: string; env: NodeJS.ProcessEnv; want?: object; error?: RegExp }[] = [
    { name: 'a whole number is taken', env: { RATE_LIMIT_MAX: '50' }, want: { rateLimitMax: 50 } },
    { name: 'the per-key limit is its own', env: { RATE_LIMIT_KEY_MAX: '50' }, want: { rateLimitKeyMax: 50 } },
    { name: '0 turns a limit off', env: { MAX_CONNECTIONS: '0' }, want: { maxConnections: 0 } },
    { name: 'a negative number is refused by name', env: { MAX_CONNECTIONS: '-1' }, error: /^MAX_CONNECTIONS must be/ },
    { name: 'a fraction is refused', env: { REQUEST_TIMEOUT_MS: '1.5' }, error: /^REQUEST_TIMEOUT_MS/ },
    {
      name: 'headers may not take longer than the whole request',
      env: { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' },
      error: /HEADERS_TIMEOUT_MS \(2000\) must not exceed REQUEST_TIMEOUT_MS \(1000\)/,
    },
    { name: 'a window of 0 is refused', env: { RATE_LIMIT_WINDOW_MS: '0' }, error: /at least 1/ },
    { name: 'TRUST_PROXY true', env: { TRUST_PROXY: 'TRUE' }, want: { trustProxy: true } },
    {
      name: 'TRUST_PROXY addresses',
      env: { TRUST_PROXY: '10.0.0.0/8,127.0.0.1' },
      want: { trustProxy: '10.0.0.0/8,127.0.0.1' },
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      if (c.error) expect(() => httpLimitsFromEnv(c.env)).toThrow(c.error);
      else expect(httpLimitsFromEnv(c.env)).toEqual({ ...DEFAULT_HTTP_LIMITS, ...c.want });
    });

  test('any subset of variables with any text gives limits Node accepts, or an error naming a variable', () => {
    const value = fc.oneof(
      fc.nat({ max: 10_000_000 }).map(String),
      fc.string({ maxLength: 30 }),
      fc.constant('9'.repeat(400)),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...VARIABLES), value), (env) => {
        let limits;
        try {
          limits = httpLimitsFromEnv(env);
        } catch (err) {
          expect((err as Error).message).toMatch(/[A-Z_]+_(MS|MAX|CONNECTIONS)\b/);
          return;
        }
        const o = serverOptions(limits);
        for (const n of [o.requestTimeout, o.http.headersTimeout, o.keepAliveTimeout, o.connectionTimeout])
          expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
        expect(o.http.connectionsCheckingInterval).toBeGreaterThanOrEqual(50);
        if (o.requestTimeout > 0) expect(o.http.headersTimeout).toBeLessThanOrEqual(o.requestTimeout);
      }),
    );
  });
});

describe('AuthFailures', () => {
  test('an address is refused from its max-th failure until its window ends; others are not', () => {
    let now = 1_000;
    const f = new AuthFailures(3, 10_000, () => now);
    f.record('a');
    f.record('a');
    expect(f.retryAfter('a')).toBe(0);
    f.record('a');
    expect(f.retryAfter('a')).toBe(10);
    expect(f.retryAfter('b')).toBe(0);
    now += 9_500;
    expect(f.retryAfter('a')).toBe(1);
    now += 500;
    expect(f.retryAfter('a')).toBe(0);
  });

  test('a flood from many addresses keeps the map bounded and forgets the oldest first', () => {
    const f = new AuthFailures(1, 60_000, () => 0);
    f.record('first');
    for (let i = 0; i < 20_000; i++) f.record(`10.0.${i >> 8}.${i & 255}`);
    expect(f.retryAfter('first')).toBe(0);
    expect(f.retryAfter('10.0.78.31')).toBeGreaterThan(0);
  });
});

describe('KeyIds', () => {
  test('any sequence of headers gets what the lookup says, asking it again only for invalid keys and after 10 s', async () => {
    const headers = fc.constantFrom(undefined, 'Bearer kk_0000000a_x', 'Bearer kk_0000000b_y', 'Bearer nonsense', '');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(headers, fc.nat({ max: 6_000 })), { maxLength: 30 }), async (steps) => {
        let now = 0;
        const asked: string[] = [];
        const lookup = async (h: string | undefined) => {
          asked.push(h!);
          return /kk_(\w{8})_/.exec(h ?? '')?.[1] ?? null;
        };
        const ids = new KeyIds(lookup, () => now);
        const lastAsked = new Map<string, number>();
        for (const [header, wait] of steps) {
          now += wait;
          const before = asked.length;
          const id = await ids.of(header);
          expect(id).toBe(header ? await lookup(header).finally(() => asked.pop()) : null);
          const askedNow = asked.length > before;
          if (!header) expect(askedNow).toBe(false);
          else if (!id) expect(askedNow).toBe(true);
          else expect(askedNow).toBe(!lastAsked.has(header) || now - lastAsked.get(header)! >= 10_000);
          if (askedNow && header) lastAsked.set(header, now);
        }
      }),
    );
  });
});

describe('requestId and loggedUrl', () => {
  const req = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

  test('any X-Request-Id becomes a short, plain id: the caller’s when it is one, else a UUID', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (given) => {
        const id = requestId(req(given));
        expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
        if (given !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(given)) expect(id).toBe(given);
      }),
    );
  });

  test('logged URLs keep the path and the parameter names, never a value', () => {
    expect(loggedUrl('/v1/concepts/pod')).toBe('/v1/concepts/pod');
    expect(loggedUrl('/v1/search?q=my+secret+question&lang=ko')).toBe('/v1/search?q=…&lang=…');
    fc.assert(
      fc.property(
        fc.webPath(),
        fc.dictionary(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })),
        (path, query) => {
          const qs = new URLSearchParams(query).toString();
          const logged = loggedUrl(qs ? `${path}?${qs}` : path);
          // A value that is also (within) a parameter's name is there as the name, which is kept.
          const inNames = (v: string) =>
            Object.keys(query).some((k) => k.includes(v) || encodeURIComponent(k).includes(v));
          for (const v of Object.values(query))
            if (v.length > 3 && !inNames(v) && !inNames(encodeURIComponent(v)))
              expect(logged.split('?')[1] ?? '').not.toContain(encodeURIComponent(v));
          expect(logged.startsWith(path.split('?')[0])).toBe(true);
        },
      ),
    );
  });
});

test('CORS_ORIGINS takes origins and refuses anything else by name', () => {
  expect(corsOriginsFromEnv({})).toEqual([]);
  expect(corsOriginsFromEnv({ CORS_ORIGINS: ' https://portal.example.com, http://localhost:3000 ' })).toEqual([
    'https://portal.example.com',
    'http://localhost:3000',
  ]);
  for (const bad of ['*', 'portal.example.com', 'https://portal.example.com/', 'https://p.example.com/app'])
    expect(() => corsOriginsFromEnv({ CORS_ORIGINS: bad })).toThrow(/^CORS_ORIGINS: .* is not an origin/);
});
