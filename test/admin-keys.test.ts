// The admin API for keys through the real app on a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): REST /v1/admin/keys and GraphQL apiKeys/createApiKey/revokeApiKey, the admin
// scope, input checks at field paths (random inputs: a key is made exactly as asked, or nothing is
// written), and a key written by another connection working at once.
import fc from 'fast-check';
import { createApiKey, createApiKeyInput } from '../src/auth/keys';
import { openDatabase } from '../src/db/connect';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  admin = await t.bearer('admin');
});
afterAll(async () => {
  await t?.close();
});

const keyCount = () => t.db.prisma.apiKey.count();
const gql = (query: string, variables: object, auth?: string) => {
  const req = t.http.post('/graphql');
  if (auth) void req.set('Authorization', auth);
  return req.send({ query, variables }).expect(200);
};

describe('REST /v1/admin/keys', () => {
  test('needs a key with the admin scope', async () => {
    const write = await t.bearer('write');
    const missing = (await t.http.get('/v1/admin/keys').expect(401)).body;
    expect(missing.code).toBe('UNAUTHENTICATED');
    // It says how to get a key, and where the CLI must look for the server's database.
    expect(missing.detail).toContain('make one with `npm run apikey -- create --scope admin`');
    expect(missing.detail).toContain('docs/operations.md#keys');
    expect((await t.http.get('/v1/admin/keys').set('Authorization', write).expect(403)).body.detail).toContain(
      'lacks the "admin" scope',
    );
    await t.http.post('/v1/admin/keys').set('Authorization', write).send({ name: 'x' }).expect(403);
    await t.http.delete('/v1/admin/keys/0000abcd').set('Authorization', write).expect(403);
  });

  test('a write without the admin scope is refused before its body is read: not JSON, it is still a 401 or 403', async () => {
    const post = () => t.http.post('/v1/admin/keys').set('content-type', 'application/json');
    expect((await post().send('{"name":').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect(
      (
        await post()
          .set('Authorization', await t.bearer('write'))
          .send('{"name":')
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    expect((await post().set('Authorization', admin).send('{"name":').expect(400)).body.code).toBe('BAD_USER_INPUT');
  });

  test('creates a key shown once, lists it, revokes it; a revoked key stops working at once', async () => {
    const made = await t.http
      .post('/v1/admin/keys')
      .set('Authorization', admin)
      .send({ name: 'portal', scopes: ['read', 'admin'] })
      .expect(201);
    const { key, apiKey } = made.body as { key: string; apiKey: { prefix: string } };
    expect(apiKey).toEqual({
      prefix: key.slice(3, 11),
      name: 'portal',
      scopes: ['read', 'admin'],
      createdAt: expect.any(String),
      revokedAt: null,
    });
    const listed = await t.http.get('/v1/admin/keys?limit=1').set('Authorization', `Bearer ${key}`).expect(200);
    expect(listed.body.items).toEqual([apiKey]);
    expect(listed.body.total).toBe(await keyCount());
    // The auth scheme is case-insensitive (RFC 9110 §11.1).
    for (const scheme of ['bearer', 'BEARER', 'bEaReR'])
      await t.http.get('/v1/admin/keys?limit=1').set('Authorization', `${scheme} ${key}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(12));

    const revoked = await t.http.delete(`/v1/admin/keys/${apiKey.prefix}`).set('Authorization', admin).expect(200);
    expect(revoked.body).toMatchObject({ prefix: apiKey.prefix, revokedAt: expect.any(String) });
    await t.http.get('/v1/admin/keys').set('Authorization', `Bearer ${key}`).expect(401);
    const again = await t.http.delete(`/v1/admin/keys/${apiKey.prefix}`).set('Authorization', admin).expect(404);
    expect(again.body.problems).toEqual([
      { code: 'NOT_FOUND', path: 'prefix', message: `no active API key has the prefix ${apiKey.prefix}` },
    ]);
  });

  test.each([
    ['an unknown scope', { scopes: ['read', 'root'] }, 'scopes[1]'],
    ['no scope', { scopes: [] }, 'scopes'],
    ['a repeated scope', { scopes: ['read', 'read'] }, 'scopes'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
    ["the server's own name", { name: 'local:mine' }, 'name'],
  ])('refuses %s at its field path and writes nothing', async (_, body, path) => {
    const before = await keyCount();
    const res = await t.http.post('/v1/admin/keys').set('Authorization', admin).send(body).expect(400);
    expect(res.body.problems).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', path })]);
    expect(await keyCount()).toBe(before);
  });

  test('refuses a body that is not an object, a bad prefix and a bad limit', async () => {
    await t.http.post('/v1/admin/keys').set('Authorization', admin).send(['read']).expect(400);
    const prefix = await t.http.delete('/v1/admin/keys/zz').set('Authorization', admin).expect(400);
    expect(prefix.body.problems[0].path).toBe('prefix');
    const limit = await t.http.get('/v1/admin/keys?limit=501').set('Authorization', admin).expect(400);
    expect(limit.body.problems[0].path).toBe('limit');
  });
});

describe('GraphQL apiKeys, createApiKey, revokeApiKey', () => {
  const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
    clientMutationId key apiKey { prefix name scopes revokedAt } } }`;
  const REVOKE = `mutation($prefix: String!) { revokeApiKey(input: { prefix: $prefix }) { apiKey { prefix revokedAt } } }`;

  test('create, list and revoke, with the admin scope only', async () => {
    const denied = await gql(CREATE, { input: { name: 'x' } }, await t.bearer('write'));
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const made = await gql(CREATE, { input: { name: 'bot', scopes: ['WRITE'], clientMutationId: 'm1' } }, admin);
    const out = made.body.data.createApiKey;
    expect(out).toMatchObject({ clientMutationId: 'm1', apiKey: { name: 'bot', scopes: ['WRITE'], revokedAt: null } });
    const listed = await gql('query { apiKeys(first: 2) { prefix name } }', {}, admin);
    expect(listed.body.data.apiKeys[0]).toEqual({ prefix: out.apiKey.prefix, name: 'bot' });
    const revoked = await gql(REVOKE, { prefix: out.apiKey.prefix }, admin);
    expect(revoked.body.data.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await gql('query { apiKeys { prefix } }', {}, `Bearer ${out.key}`)).body.errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  test('a left-out name and scopes take their defaults; a bad name is BAD_USER_INPUT', async () => {
    const made = await gql(CREATE, { input: {} }, admin);
    expect(made.body.data.createApiKey.apiKey).toMatchObject({ name: 'unnamed', scopes: ['READ'] });
    const bad = await gql(CREATE, { input: { name: '' } }, admin);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

test('random inputs: a key is made exactly as asked (defaults for what is left out), or nothing is written', async () => {
  const wrong = fc.constantFrom(null, 42, true, {}, 'admin');
  const name = fc.oneof(
    fc.constantFrom('portal', '  padded  ', '포털', 'local:x', '', '   '),
    fc.constantFrom(99, 100, 101, 10_000).map((n) => 'n'.repeat(n)),
    fc.string({ maxLength: 30 }),
    wrong,
  );
  const scope = fc.oneof({ arbitrary: fc.constantFrom('read', 'write', 'admin'), weight: 6 }, fc.string(), wrong);
  const scopes = fc.oneof(fc.array(scope, { maxLength: 5 }), fc.constant(Array(1000).fill('read')), wrong);
  const input = fc.record({ name, scopes }, { requiredKeys: [] });
  await fc.assert(
    fc.asyncProperty(input, async (body) => {
      const before = await keyCount();
      const res = await t.http.post('/v1/admin/keys').set('Authorization', admin).send(body);
      const expected = createApiKeyInput.safeParse(body);
      if (!expected.success) {
        expect(res.status).toBe(400);
        expect(res.body.problems.length).toBeGreaterThan(0);
        for (const p of res.body.problems) expect(['name', 'scopes']).toContain(p.path.replace(/\[\d+\]$/, ''));
        expect(await keyCount()).toBe(before);
        return;
      }
      expect(res.status).toBe(201);
      expect(res.body.apiKey).toMatchObject({ name: expected.data.name, scopes: expected.data.scopes });
      expect(await keyCount()).toBe(before + 1);
    }),
    { numRuns: 60 },
  );
});

test('a key another connection writes (another process, replica or the CLI) works at once', async () => {
  // On PostgreSQL a second pool on the same database, as another process has; PGlite in memory has one.
  const other = t.db.config.kind === 'postgres' ? await openDatabase(t.db.config) : t.db;
  try {
    const { key } = await createApiKey(other.prisma, 'elsewhere', ['admin']);
    await t.http.get('/v1/admin/keys').set('Authorization', `Bearer ${key}`).expect(200);
  } finally {
    if (other !== t.db) await other.close();
  }
});
