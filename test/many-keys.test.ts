// Bodies of many keys, as a hostile review sent them (issue 10): 1 MB of JSON with 70 000 keys in one
// object. Each key was a problem of a 20 MB 422 (2.6 s of CPU), or was dropped without a word at the cost
// of 0.9 s (MCP tool arguments, _meta), or slowed a GraphQL lookup (variables, extensions). Now an object
// over MAX_OBJECT_KEYS is refused as the body is read, naming where it is, and no error lists more than
// MAX_PROBLEMS problems.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { limitsFromEnv } from '../src/config';
import { MAX_PROBLEMS } from '../src/errors';
import { startTestApp, type TestApp } from './helpers/app';
import { mcpClient } from './helpers/mcp';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const keys = (n: number, prefix = 'v') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i]));
const MANY = keys(70_000);
const TOO_MANY = /^this object has more than 1000 keys, the most accepted in one object \(MAX_OBJECT_KEYS\)/;

async function rpc(params: object): Promise<{ text: string }> {
  return t.http
    .post('/mcp')
    .set({ 'content-type': 'application/json', accept: 'application/json, text/event-stream' })
    .send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }));
}

describe('an object of more keys than MAX_OBJECT_KEYS', () => {
  test('is 1000 by default, and MAX_OBJECT_KEYS sets it', () => {
    expect(DEFAULT_LIMITS.maxObjectKeys).toBe(1000);
    expect(limitsFromEnv({ MAX_OBJECT_KEYS: '50' }).maxObjectKeys).toBe(50);
    expect(() => limitsFromEnv({ MAX_OBJECT_KEYS: '0' })).toThrow(
      'MAX_OBJECT_KEYS must be a whole number of at least 1',
    );
  });

  // The body is over the size read on the event loop: it is parsed, and refused, in a worker thread.
  test('REST: a short 413 at the object, not a 422 of a problem per key', async () => {
    const res = await t.http.post('/v1/dns/query?name=a&type=A').send({ objects: [], ...MANY });
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([
      { code: 'PAYLOAD_TOO_LARGE', path: '', message: expect.stringMatching(TOO_MANY) },
    ]);
    expect(res.text.length).toBeLessThan(2000);
  });

  test('REST: an object inside the body is named by its path', async () => {
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: keys(1001) }];
    const res = await t.http.post('/v1/cluster/apply').send({ objects });
    expect(res.status).toBe(413);
    expect(res.body.problems).toEqual([
      { code: 'PAYLOAD_TOO_LARGE', path: 'objects[0].data', message: expect.stringMatching(TOO_MANY) },
    ]);
  });

  test('REST: a YAML mapping of as many keys is refused too', async () => {
    const yaml = Array.from({ length: 1001 }, (_, i) => `k${i}: ${i}`).join('\n');
    const res = await t.http.post('/v1/secrets/generic').set('content-type', 'application/yaml').send(yaml);
    expect(res.status).toBe(413);
    expect(res.body.problems[0].message).toMatch(TOO_MANY);
  });

  test.each([
    ['arguments', { name: 'get_concept', arguments: { slug: 'pod', ...MANY } }, 'params.arguments'],
    ['_meta', { name: 'get_concept', arguments: { slug: 'pod' }, _meta: MANY }, 'params._meta'],
  ])('MCP: keys in %s are refused, naming where', async (_, params, path) => {
    const { text } = await rpc(params);
    expect(text).toContain('PAYLOAD_TOO_LARGE');
    expect(text).toContain(`${path}: this object has more than 1000 keys`);
    expect(text.length).toBeLessThan(2000);
  });

  test.each([
    ['extensions', { query: '{ concept(slug: "pod") { slug } }', extensions: MANY }, 'extensions'],
    ['variables', { query: '{ concept(slug: "pod") { slug } }', variables: MANY }, 'variables'],
    [
      'a variable',
      { query: 'query($v: JSON) { concept(slug: "pod") { slug } }', variables: { v: MANY } },
      'variables.v',
    ],
  ])('GraphQL: keys in %s are refused, naming where', async (_, body, path) => {
    const res = await t.http.post('/graphql').send(body);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.kubeknowCode).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.errors[0].message).toMatch(
      new RegExp(`^${path.replace('.', '\\.')}: this object has more than 1000`),
    );
  });

  test('a lower MAX_OBJECT_KEYS refuses a smaller object', async () => {
    const small = await startTestApp({ seed: false, budgets: { ...DEFAULT_LIMITS, maxObjectKeys: 5 } });
    try {
      const res = await small.http.post('/v1/dns/query?name=a&type=A').send({ objects: [{ metadata: keys(6) }] });
      expect(res.status).toBe(413);
      expect(res.body.problems[0]).toMatchObject({
        path: 'objects[0].metadata',
        message: expect.stringMatching(/more than 5 keys/),
      });
    } finally {
      await small.close();
    }
  });
});

describe('an error of many problems', () => {
  // 999 unknown fields, under the key limit: the first MAX_PROBLEMS, then one that counts the rest.
  test('lists MAX_PROBLEMS of them and counts the others', async () => {
    const res = await t.http.post('/v1/dns/query?name=a&type=A').send({ objects: [], ...keys(999, 'x') });
    expect(res.status).toBe(422);
    expect(res.body.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(res.body.problems[0]).toMatchObject({ code: 'FIELD_NOT_SUPPORTED', path: 'x0' });
    expect(res.body.problems[MAX_PROBLEMS]).toEqual({
      code: 'FIELD_NOT_SUPPORTED',
      path: '',
      message: `and ${999 - MAX_PROBLEMS} more problems (FIELD_NOT_SUPPORTED), not listed: fix the ones above and send again`,
    });
    expect(res.text.length).toBeLessThan(20_000);
  });
});

describe('MCP: an argument the tool does not have', () => {
  test('is refused, naming it and the supported ones, as REST refuses an unknown parameter', async () => {
    const client = await mcpClient(t, 'many-keys');
    const r = (await client.callTool({
      name: 'get_concept',
      arguments: { slug: 'pod', lnag: 'ko' },
    })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(r._meta?.['kubeknow/error']).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          code: 'BAD_USER_INPUT',
          path: 'lnag',
          message: expect.stringMatching(/^unknown argument; supported: "slug", .*"lang".*Did you mean "lang"/),
        },
      ],
    });
    await client.close();
  });
});
