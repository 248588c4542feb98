// What a REST binding can express, for the capabilities that come next (Secrets, the cluster
// dry-run, scheduling, admission, probe timelines): a JSON request body, kubectl's `?output=` with
// exact bytes as text/yaml or application/json, a kernel's refusal as 422, manifests as one object,
// a kind: List or YAML with options in the query string, and inputs whose values are never repeated
// back. Two capabilities defined here are served by the real route maker on a real Fastify server.
import Fastify, { type FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../src/capabilities/budget';
import { defineCapability, LOOKUP, COMPUTATION } from '../src/capabilities/capability';
import { clusterCost, manifestInput } from '../src/capabilities/manifests';
import { KubeknowError } from '../src/errors';
import { problemHandlers } from '../src/http/problem';
import { capabilityRoutes } from '../src/rest/capabilities';
import { describeApi } from '../src/rest/docs';
import { requestBudgets } from '../src/rest/limits';
import { startTestApp, type TestApp } from './helpers/app';

// kubectl prints JSON indented by four spaces, which JSON.stringify of a value would not keep.
const kubectlJson = (name: string) =>
  `{\n    "kind": "Secret",\n    "metadata": {\n        "name": "${name}"\n    }\n}\n`;

const secret = defineCapability({
  name: 'testSecret',
  summary: 'A Secret as kubectl prints it',
  description: 'A test capability shaped like the Secrets one: a JSON body, kubectl output, refusals.',
  input: z.strictObject({ name: z.string().min(1).max(253), fromLiteral: z.array(z.string()).default([]) }),
  output: z.object({ name: z.string(), keys: z.array(z.string()) }),
  ...COMPUTATION,
  sensitive: true,
  cost: ({ fromLiteral }) => 1 + fromLiteral.length,
  run: ({ name, fromLiteral }) => {
    const bad = fromLiteral.findIndex((l) => !l.includes('='));
    if (bad >= 0)
      throw new KubeknowError({
        code: 'FIELD_INVALID',
        path: `fromLiteral[${bad}]`,
        message: 'invalid literal source, expected key=value',
      });
    return { name, keys: fromLiteral.map((l) => l.split('=')[0]) };
  },
  rest: {
    method: 'POST',
    path: '/v1/test/secrets',
    tag: 'test',
    formatParam: 'output',
    formats: {
      result: { type: 'application/json', describe: 'The result.', render: (v) => v.output },
      yaml: {
        type: 'text/yaml',
        describe: 'kubectl -o yaml',
        render: (v) => `kind: Secret\nmetadata:\n  name: ${v.output.name}\n`,
      },
      json: { type: 'application/json', describe: 'kubectl -o json', render: (v) => kubectlJson(v.output.name) },
    },
  },
});

const count = defineCapability({
  name: 'testCount',
  summary: 'Objects of a cluster',
  description: 'A test capability shaped like the dry-run: manifests in, and an option.',
  input: manifestInput({ kind: z.string().max(63).optional().describe('Only objects of this kind.') }, 'as given'),
  output: z.object({ count: z.int() }),
  ...COMPUTATION,
  cost: ({ cluster }) => clusterCost(cluster),
  run: ({ cluster, kind }) => ({
    count: [...cluster.objects, ...cluster.others].filter((o) => !kind || o.kind === kind).length,
  }),
  rest: {
    method: 'POST',
    path: '/v1/test/count',
    tag: 'test',
    manifests: true,
    formats: { json: { type: 'application/json', describe: 'The count.', render: (v) => v.output } },
  },
});

const greeting = defineCapability({
  name: 'testGreeting',
  summary: 'A greeting',
  description: 'A test lookup: a query string, a path parameter.',
  input: z.object({ who: z.string().max(20), times: z.int().min(1).max(3).default(1) }),
  output: z.object({ text: z.string() }),
  ...LOOKUP,
  cost: () => 1,
  run: ({ who, times }) => ({ text: Array(times).fill(`hello ${who}`).join(', ') }),
  rest: {
    method: 'GET',
    path: '/v1/test/greet/:who',
    tag: 'test',
    formats: { json: { type: 'application/json', describe: 'The greeting.', render: (v) => v.output } },
  },
});

let t: TestApp;
let app: FastifyInstance;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  app = Fastify();
  for (const type of ['application/yaml', 'text/yaml'])
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  problemHandlers(app);
  requestBudgets(app, DEFAULT_LIMITS);
  describeApi(app);
  capabilityRoutes(app, [secret, count, greeting], t.knowledge);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Res {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: { problems: { path: string }[] } & Record<string, unknown>;
}
const post = (url: string, body: unknown, type = 'application/json'): Promise<Res> =>
  supertest(app.server)
    .post(url)
    .set('content-type', type)
    .send(typeof body === 'string' ? body : JSON.stringify(body))
    .then((r) => r as unknown as Res);

describe('a JSON body and kubectl output', () => {
  test('without ?output= the result is JSON', async () => {
    const res = await post('/v1/test/secrets', { name: 'db', fromLiteral: ['user=admin'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'db', keys: ['user'] });
  });

  test('?output=yaml and ?output=json are the exact bytes, with their content types', async () => {
    const yaml = await post('/v1/test/secrets?output=yaml', { name: 'db' });
    expect(yaml.headers['content-type']).toMatch(/^text\/yaml/);
    expect(yaml.text).toBe('kind: Secret\nmetadata:\n  name: db\n');
    const json = await post('/v1/test/secrets?output=json', { name: 'db' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.text).toBe(kubectlJson('db'));
    const bad = await post('/v1/test/secrets?output=xml', { name: 'db' });
    expect({ status: bad.status, path: bad.body.problems[0].path }).toEqual({ status: 400, path: 'output' });
  });

  test("a refusal of the kernel's is a 422 at its path; a value given is never repeated", async () => {
    const res = await post('/v1/test/secrets', { name: 'db', fromLiteral: ['s3cret'] });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { code: 'FIELD_INVALID', path: 'fromLiteral[0]', message: 'invalid literal source, expected key=value' },
    ]);
    const typed = await post('/v1/test/secrets', { name: 'db', fromLiteral: 's3cret', extra: 'hunter2' });
    expect(typed.status).toBe(422);
    expect(typed.text).not.toMatch(/s3cret|hunter2/);
  });

  test('a body that is not a JSON object is refused', async () => {
    expect((await post('/v1/test/secrets', '[1]')).status).toBe(400);
    expect((await post('/v1/test/secrets', 'name: db', 'application/yaml')).body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      problems: [
        {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          path: 'headers.content-type',
          message: 'send application/json; got application/yaml',
        },
      ],
    });
  });
});

describe('manifests', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'a', namespace: 'x' },
    spec: { containers: [{ name: 'c', image: 'i' }] },
  };
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'x' } };

  test('one object, a kind: List, objects, or YAML with the options in the query string, alike', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [pod, cm] };
    const yaml =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: x}\n';
    const answers = await Promise.all([
      post('/v1/test/count?kind=Pod', list),
      post('/v1/test/count', { objects: list, kind: 'Pod' }),
      post('/v1/test/count', { objects: [pod, cm], kind: 'Pod' }),
      post('/v1/test/count?kind=Pod', pod),
      post('/v1/test/count?kind=Pod', yaml, 'application/yaml'),
    ]);
    expect(answers.map((r) => r.body)).toEqual(Array(5).fill({ count: 1 }));
  });

  test('an option not there is named, with the likeliest', async () => {
    const res = await post('/v1/test/count?knd=Pod', [pod]);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        code: 'FIELD_NOT_SUPPORTED',
        path: 'knd',
        message: expect.stringContaining('Did you mean "kind"?'),
      }),
    ]);
  });

  test('the objects come in the body only: the query string’s list of options does not offer them', async () => {
    const res = await post('/v1/test/count?objects=x', [pod]);
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toMatchObject({ code: 'FIELD_NOT_SUPPORTED', path: 'objects' });
    expect((res.body.problems[0] as { message?: string }).message).not.toMatch(/"objects"|"manifests"/);
  });
});

test('a GET takes path parameters and the query string, numbers read from their text', async () => {
  const res = await supertest(app.server).get('/v1/test/greet/you?times=2');
  expect(res.body).toEqual({ text: 'hello you, hello you' });
  const bad = await supertest(app.server).get('/v1/test/greet/you?times=9');
  expect({ status: bad.status, path: bad.body.problems[0].path }).toEqual({ status: 400, path: 'times' });
});

test('a query parameter given twice is refused, naming it, rather than read as a list it is not', async () => {
  const res = await supertest(app.server).get('/v1/test/greet/you?times=2&times=3');
  // A lookup's bad parameter, as docs/errors.md says: 400 BAD_USER_INPUT (a computation's is 422 FIELD_INVALID).
  expect(res.status).toBe(400);
  expect(res.body.problems).toEqual([
    { code: 'BAD_USER_INPUT', path: 'times', message: 'given 2 times in the query string; give it once' },
  ]);
});
