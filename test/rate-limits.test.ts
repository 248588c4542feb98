// The request rate limit (issue 10): per API key when a valid key is sent, wherever its requests come
// from, else per client address; every answer says its bucket's limit and what is left of it.
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ limits: { rateLimitMax: 3, rateLimitKeyMax: 5, rateLimitWindowMs: 60_000 } });
});
afterAll(async () => {
  await t?.close();
});

const get = (authorization?: string) => {
  const req = t.http.get('/v1/concepts/pod');
  return authorization ? req.set('Authorization', authorization) : req;
};

test('a valid key has its own bucket, apart from its address and from other keys', async () => {
  const [a, b] = [await t.bearer('read'), await t.bearer('read')];
  for (let i = 0; i < 3; i++) await get().expect(200);
  const refused = await get().expect(429);
  expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', detail: expect.stringMatching(/from this address/) });
  expect(refused.headers['retry-after']).toMatch(/^\d+$/);

  // The address is out of requests; its keys are not.
  for (let i = 0; i < 5; i++) {
    const res = await get(a).expect(200);
    expect(res.headers['ratelimit-limit']).toBe('5');
    expect(res.headers['ratelimit-remaining']).toBe(String(4 - i));
  }
  const keyRefused = await get(a).expect(429);
  expect(keyRefused.body.detail).toMatch(/more than 5 requests from this API key/);
  await get(b).expect(200);

  // A key that is not valid is no key: its requests count against the address, which is spent.
  await get('Bearer kk_00000000_not-a-real-key').expect(429);
  await get('Basic Zm9vOmJhcg==').expect(429);
  // Health probes are never limited.
  await t.http.get('/healthz').expect(200);
});
