// The Secret capabilities through the real app: POST /v1/secrets/generic, /tls and /docker-registry,
// JSON by default and kubectl's exact bytes with ?output=yaml|json; kubectl's refusals as 422 with its
// message; the same through GraphQL and MCP; and no value given ever reaches a log line, whatever the
// transport and whether the call succeeds or not. The expected bytes are kubectl's, as the kernel's
// tests derive them from kubectl's source (src/k8s/secrets/secrets.test.ts, which says where each
// comes from); the certificate and keys are the kernel's test data (src/k8s/secrets/testdata).
import { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import supertest from 'supertest';
import { buildApp } from '../src/app';
import { startTestApp, type TestApp } from './helpers/app';

const pem = (f: string) => readFileSync(join(__dirname, '..', 'src', 'k8s', 'secrets', 'testdata', f), 'utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t.close());

const post = (url: string, body: object) => t.http.post(url).set('content-type', 'application/json').send(body);

// kubectl create secret generic db --namespace shop --type kubernetes.io/basic-auth --from-literal username=admin
// --dry-run=client -o yaml|json (kubectl v1.34+; the kernel's case "a namespace and a type are printed when given").
const DB_YAML =
  'apiVersion: v1\ndata:\n  username: YWRtaW4=\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n' +
  'type: kubernetes.io/basic-auth\n';
const DB_JSON =
  '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "db",\n' +
  '        "namespace": "shop"\n    },\n    "data": {\n        "username": "YWRtaW4="\n    },\n' +
  '    "type": "kubernetes.io/basic-auth"\n}\n';
const DB = { name: 'db', namespace: 'shop', type: 'kubernetes.io/basic-auth', fromLiteral: ['username=admin'] };

describe('POST /v1/secrets/generic', () => {
  test('without ?output= the answer is JSON: the Secret, both printings and the explanation', async () => {
    // An Accept of application/json does not choose kubectl's -o json: only ?output= does.
    const res = await post('/v1/secrets/generic', DB).set('accept', 'application/json').expect(200);
    expect(res.body).toEqual({
      secret: {
        kind: 'Secret',
        apiVersion: 'v1',
        metadata: { name: 'db', namespace: 'shop' },
        data: { username: 'YWRtaW4=' },
        type: 'kubernetes.io/basic-auth',
      },
      yaml: DB_YAML,
      json: DB_JSON,
      explanation: expect.objectContaining({ summary: { en: expect.any(String), ko: expect.any(String) } }),
    });
    expect(JSON.stringify(res.body.explanation)).toMatch(/not encryption/);
  });

  test('?output=yaml and ?output=json are kubectl’s bytes with their content types', async () => {
    const yaml = await post('/v1/secrets/generic?output=yaml', DB).expect(200);
    expect(yaml.headers['content-type']).toMatch(/^text\/yaml/);
    expect(yaml.text).toBe(DB_YAML);
    const json = await post('/v1/secrets/generic?output=json', DB).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.text).toBe(DB_JSON);
  });

  test('files and env files, with --append-hash as kubectl names it', async () => {
    // The hash is kubectl's own fixture (create_secret_test.go): foo with key1 "=value1" is foo-fdcc8tkhh5.
    const hashed = await post('/v1/secrets/generic?output=yaml', {
      name: 'foo',
      fromLiteral: ['key1==value1'],
      appendHash: true,
    }).expect(200);
    expect(hashed.text).toBe(
      'apiVersion: v1\ndata:\n  key1: PXZhbHVlMQ==\nkind: Secret\nmetadata:\n  name: foo-fdcc8tkhh5\n',
    );
    const files = await post('/v1/secrets/generic', {
      name: 'app',
      fromFile: [{ filename: 'etc/app.conf', contentBase64: b64('debug=1\n') }],
    }).expect(200);
    expect(files.body.secret.data).toEqual({ 'app.conf': b64('debug=1\n') });
    const env = await post('/v1/secrets/generic', { name: 'env', fromEnvFile: ['# db\nUSER=admin\n'] }).expect(200);
    expect(env.body.secret.data).toEqual({ USER: b64('admin') });
  });

  const refusals: {
    name: string;
    body: Record<string, unknown>;
    status: number;
    code: string;
    path: string;
    message: string | RegExp;
  }[] = [
    {
      name: 'an empty name: kubectl’s message',
      body: { name: '' },
      status: 422,
      code: 'FIELD_INVALID',
      path: 'name',
      message: 'name must be specified',
    },
    {
      name: 'a literal without =',
      body: { name: 'x', fromLiteral: ['key1value1'] },
      status: 422,
      code: 'FIELD_INVALID',
      path: 'fromLiteral[0]',
      message: 'invalid literal source key1value1, expected key=value',
    },
    {
      name: 'the same key twice',
      body: { name: 'x', fromLiteral: ['a=1', 'a=2'] },
      status: 422,
      code: 'FIELD_INVALID',
      path: 'fromLiteral[1]',
      message: 'cannot add key a, another key by that name already exists',
    },
    {
      name: 'an env file with literals',
      body: { name: 'x', fromLiteral: ['a=1'], fromEnvFile: ['B=2'] },
      status: 422,
      code: 'FIELD_INVALID',
      path: 'fromEnvFile',
      message: 'from-env-file cannot be combined with from-file or from-literal',
    },
    {
      name: 'a file that is not base64',
      body: { name: 'x', fromFile: [{ filename: 'f', contentBase64: 'not base64!' }] },
      status: 422,
      code: 'FIELD_INVALID',
      path: 'fromFile[0].contentBase64',
      message: 'illegal base64 data at input byte 3',
    },
    {
      name: 'a misspelt field, with the likeliest',
      body: { name: 'x', fromLiterals: ['a=1'] },
      status: 422,
      code: 'FIELD_NOT_SUPPORTED',
      path: 'fromLiterals',
      message: /Did you mean "fromLiteral"\?/,
    },
    {
      name: 'no name at all',
      body: { fromLiteral: ['a=1'] },
      status: 422,
      code: 'FIELD_REQUIRED',
      path: 'name',
      message: 'required',
    },
  ];
  for (const c of refusals)
    test(`refused: ${c.name}`, async () => {
      const res = await post('/v1/secrets/generic', c.body).expect(c.status);
      expect(res.body.problems[0]).toEqual({ code: c.code, path: c.path, message: expect.stringMatching(c.message) });
    });

  test('the same fields as YAML get the same bytes; another media type is a 415', async () => {
    const yaml = 'name: db\nnamespace: shop\ntype: kubernetes.io/basic-auth\nfromLiteral: [username=admin]\n';
    const res = await t.http.post('/v1/secrets/generic?output=json').set('content-type', 'application/yaml').send(yaml);
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: DB_JSON });
    const text = await t.http.post('/v1/secrets/generic').set('content-type', 'text/plain').send('name: x');
    expect({ status: text.status, code: text.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('POST /v1/secrets/tls', () => {
  test('a certificate and its key: tls.crt and tls.key, type kubernetes.io/tls', async () => {
    const res = await post('/v1/secrets/tls?output=json', {
      name: 'web',
      namespace: 'shop',
      cert: pem('rsa.crt'),
      key: pem('rsa.key'),
    }).expect(200);
    const printed = JSON.parse(res.text) as { type: string; data: Record<string, string> };
    expect(printed.type).toBe('kubernetes.io/tls');
    expect(printed.data).toEqual({ 'tls.crt': b64(pem('rsa.crt')), 'tls.key': b64(pem('rsa.key')) });
  });

  const refused: [string, () => Record<string, string>, string, string][] = [
    [
      'a key of another pair',
      () => ({ cert: pem('rsa.crt'), key: pem('rsa-other.key') }),
      'cert',
      'tls: private key does not match public key',
    ],
    [
      'the inputs switched',
      () => ({ cert: pem('rsa.key'), key: pem('rsa.crt') }),
      'cert',
      'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched',
    ],
    ['an empty key', () => ({ cert: pem('rsa.crt'), key: '' }), 'key', 'key and cert must be specified'],
  ];
  for (const [what, fields, path, message] of refused)
    test(`refused: ${what}, with kubectl’s message`, async () => {
      const res = await post('/v1/secrets/tls', { name: 'web', ...fields() }).expect(422);
      expect(res.body.problems).toEqual([{ code: 'FIELD_INVALID', path, message }]);
    });
});

describe('POST /v1/secrets/docker-registry', () => {
  test('the .dockerconfigjson kubectl builds from the flags', async () => {
    const res = await post('/v1/secrets/docker-registry', {
      name: 'regcred',
      server: 'registry.example.com',
      username: 'ci',
      password: 'p4ss',
    }).expect(200);
    expect(res.body.secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(res.body.secret.data['.dockerconfigjson'], 'base64').toString()) as unknown;
    expect(config).toEqual({
      auths: { 'registry.example.com': { username: 'ci', password: 'p4ss', auth: b64('ci:p4ss') } },
    });
  });

  test('refused without a password, with kubectl’s message', async () => {
    const res = await post('/v1/secrets/docker-registry', { name: 'regcred', username: 'ci' }).expect(422);
    expect(res.body.problems).toEqual([
      {
        code: 'FIELD_INVALID',
        path: 'password',
        message:
          'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      },
    ]);
  });
});

describe('POST /v1/secrets/decode', () => {
  test('what kubectl get secret -o yaml prints, read back: each value decoded, and why that needs no key', async () => {
    const res = await t.http
      .post('/v1/secrets/decode')
      .set('content-type', 'application/yaml')
      .send(DB_YAML)
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'db',
      namespace: 'shop',
      type: 'kubernetes.io/basic-auth',
      data: [{ key: 'username', base64: 'YWRtaW4=', bytes: 5, text: 'admin' }],
    });
    expect(res.body.explanation.steps[0].text.en).toMatch(/Base64 is an encoding, not encryption/);
  });

  test('a value that is not base64 is refused with Go’s message, at its path from the objects’ root', async () => {
    const res = await post('/v1/secrets/decode', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { user: 'admin' },
    }).expect(422);
    expect(res.body.problems).toEqual([
      { code: 'FIELD_INVALID', path: 'objects[0].data["user"]', message: 'illegal base64 data at input byte 4' },
    ]);
  });

  // kubectl get secrets -o yaml prints a v1 List (its metadata: resourceVersion: "") of every Secret.
  test('a List of Secrets, as kubectl get secrets -o yaml prints it, is decoded Secret by Secret', async () => {
    const list = `apiVersion: v1\nitems:\n${[DB_YAML, DB_YAML.replace('name: db', 'name: db2')]
      .map((doc) => doc.trimEnd().replace(/^/gm, '  ').replace(/^ {2}/, '- '))
      .join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;
    const res = await t.http.post('/v1/secrets/decode').set('content-type', 'application/yaml').send(list).expect(200);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['db', 'db2']);
    expect(res.body.items[1].data[0]).toEqual({ key: 'username', base64: 'YWRtaW4=', bytes: 5, text: 'admin' });
    expect(res.body.name).toBe('db');
    expect(res.body.explanation.summary.en).toBe('2 Secrets hold 2 value(s); decoding them needs no key or password.');
  });

  test('a bad value in a List is named by its item; an object other than a Secret is refused', async () => {
    const secret = (name: string, user: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      data: { user },
    });
    const bad = await post('/v1/secrets/decode', {
      apiVersion: 'v1',
      kind: 'List',
      items: [secret('a', 'YWRtaW4='), secret('b', 'admin')],
    }).expect(422);
    expect(bad.body.problems).toEqual([
      {
        code: 'FIELD_INVALID',
        path: 'objects[0].items[1].data["user"]',
        message: 'illegal base64 data at input byte 4',
      },
    ]);
    const mixed = await t.http
      .post('/v1/secrets/decode')
      .set('content-type', 'application/yaml')
      .send(`${DB_YAML}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`)
      .expect(400);
    expect(mixed.body.problems[0].message).toBe(
      'give one object of kind Secret, or a List of Secrets (as kubectl get secrets -o yaml prints it)',
    );
  });
});

test('GraphQL: secretGeneric gives kubectl’s YAML, and a refusal at its field path', async () => {
  const q = `query($l: [String!]) { secretGeneric(name: "db", namespace: "shop", type: "kubernetes.io/basic-auth", fromLiteral: $l) { yaml secret } }`;
  const ok = await t.http
    .post('/graphql')
    .send({ query: q, variables: { l: ['username=admin'] } })
    .expect(200);
  expect(ok.body.data.secretGeneric.yaml).toBe(DB_YAML);
  const bad = await t.http.post('/graphql').send({ query: q, variables: { l: ['nokey'] } });
  expect(bad.body.errors[0].extensions).toMatchObject({
    kubeknowCode: 'FIELD_INVALID',
    problems: [{ path: 'fromLiteral[0]', message: 'invalid literal source nokey, expected key=value' }],
  });
});

describe('secret values never reach the logs', () => {
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({ knowledge: t.knowledge, logger: pino({ level: 'trace' }, sink) });
    await app.ready();
  });
  afterAll(() => app.close());

  test('whether REST, GraphQL or MCP is called, and whether it succeeds or is refused', async () => {
    const http = supertest(app.server);
    const SECRET = 'hunter2-s3cret';
    const send = (url: string, body: object) => http.post(url).set('content-type', 'application/json').send(body);
    await send('/v1/secrets/generic', { name: 'a', fromLiteral: [`password=${SECRET}`] }).expect(200);
    await send('/v1/secrets/generic?output=yaml', { name: 'a', fromLiteral: [`password=${SECRET}`] }).expect(200);
    await send('/v1/secrets/generic', { name: 'a', fromLiteral: [SECRET] }).expect(422);
    await send('/v1/secrets/generic', { name: 'a', fromLiteral: SECRET, extra: SECRET }).expect(422);
    await send('/v1/secrets/docker-registry', { name: 'r', username: 'ci', password: SECRET }).expect(200);
    await send('/v1/secrets/tls', { name: 't', cert: SECRET, key: SECRET }).expect(422);
    // Fields may come in the query string too; logged URLs keep no values.
    await send(`/v1/secrets/generic?name=a&type=${SECRET}`, {}).expect(200);
    const stored = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: b64(SECRET) } };
    await send('/v1/secrets/decode', stored).expect(200);
    await send('/v1/secrets/decode', { ...stored, data: { p: SECRET } }).expect(422);
    await http
      .post('/graphql')
      .send({ query: `{ secretGeneric(name: "a", fromLiteral: ["${SECRET}"]) { yaml } }` })
      .expect(200);
    await http
      .post('/mcp')
      .set('accept', 'application/json, text/event-stream')
      .send({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'create_secret_generic', arguments: { name: 'a', fromLiteral: [SECRET] } },
      });
    const log = lines.join('');
    expect(log).toMatch(/"url":"\/v1\/secrets\/generic"/);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(b64(SECRET));
  });
});
