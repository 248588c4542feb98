// Every answer of every route carries the security headers (src/http/headers.ts) and X-Request-Id,
// over real HTTP (issue 10): MCP's answers (its transport writes the response itself), a path the
// router refuses before any hook runs (414, bad percent-encoding), what Node's parser refuses before
// there is a request (431), a CORS preflight, and every GET route the OpenAPI document lists.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ANSWER_HEADERS } from '../../src/http/headers';
import { startTestApp, type TestApp } from '../helpers/app';

const ORIGIN = 'https://portal.example';
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ corsOrigins: [ORIGIN] });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };
const mcp = { ...json, accept: 'application/json, text/event-stream' };
const rpc = (method: string, params: object = {}) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
const initialize = rpc('initialize', {
  protocolVersion: '2025-03-26',
  capabilities: {},
  clientInfo: { name: 'headers-test', version: '1' },
});

interface Case {
  name: string;
  path: string;
  init?: RequestInit;
  status: number;
}

const cases: Case[] = [
  { name: 'a REST answer', path: '/v1/concepts/pod', status: 200 },
  { name: 'a not-found problem', path: '/v1/concepts/no-such-concept', status: 404 },
  { name: 'an unknown route', path: '/nowhere', status: 404 },
  { name: 'a slug over 100 characters (414)', path: `/v1/concepts/${'a'.repeat(101)}`, status: 414 },
  { name: 'a path that is not percent-encoded UTF-8', path: '/v1/concepts/%E0%A4%A', status: 400 },
  {
    name: 'a body that is not JSON',
    path: '/v1/dns/records',
    init: { method: 'POST', headers: json, body: '{' },
    status: 400,
  },
  {
    name: 'a body of a type the route does not take (415)',
    path: '/v1/dns/records',
    init: { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<p>' },
    status: 415,
  },
  {
    name: 'a GraphQL answer',
    path: '/graphql',
    init: { method: 'POST', headers: json, body: JSON.stringify({ query: '{ concept(slug: "pod") { slug } }' }) },
    status: 200,
  },
  { name: 'an MCP initialize', path: '/mcp', init: { method: 'POST', headers: mcp, body: initialize }, status: 200 },
  {
    name: 'an MCP tools/list',
    path: '/mcp',
    init: { method: 'POST', headers: mcp, body: rpc('tools/list') },
    status: 200,
  },
  {
    name: 'an MCP call of a tool that does not exist',
    path: '/mcp',
    init: { method: 'POST', headers: mcp, body: rpc('tools/call', { name: 'nothing', arguments: {} }) },
    status: 200,
  },
  {
    name: 'an MCP body that is not JSON-RPC',
    path: '/mcp',
    init: { method: 'POST', headers: mcp, body: '{}' },
    status: 400,
  },
  { name: 'GET /mcp (405)', path: '/mcp', status: 405 },
  {
    name: 'an MCP request from a page of another origin (403)',
    path: '/mcp',
    init: { method: 'POST', headers: { ...mcp, origin: 'https://evil.example' }, body: initialize },
    status: 403,
  },
  {
    name: 'a CORS preflight',
    path: '/graphql',
    init: {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    },
    status: 204,
  },
];

function expectAnswerHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(ANSWER_HEADERS)) expect([name, headers.get(name)]).toEqual([name, value]);
  expect(headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
}

test.each(cases)('$name carries the security headers and X-Request-Id', async (c) => {
  const res = await fetch(base + c.path, c.init);
  await res.arrayBuffer();
  expect(res.status).toBe(c.status);
  expectAnswerHeaders(res.headers);
});

test('a caller’s X-Request-Id comes back from MCP and from a path the router refuses', async () => {
  for (const [path, init] of [
    ['/mcp', { method: 'POST', headers: mcp, body: initialize }],
    [`/v1/concepts/${'a'.repeat(101)}`, {}],
  ] as const) {
    const res = await fetch(base + path, { ...init, headers: { ...init.headers, 'x-request-id': 'given-id' } });
    await res.arrayBuffer();
    expect([path, res.headers.get('x-request-id')]).toEqual([path, 'given-id']);
  }
});

test('every GET route of the OpenAPI document carries them, whatever it answers', async () => {
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, object> };
  const paths = Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    // Path parameters get a slug that exists: most answer 200, the rest a problem.
    .map(([path]) => path.replace(/\{[^}]+\}/g, 'pod'));
  expect(paths.length).toBeGreaterThan(10);
  for (const path of [...paths, '/healthz', '/readyz', '/metrics', '/openapi.json']) {
    const res = await fetch(base + path);
    await res.arrayBuffer();
    expect([path, res.status < 500]).toEqual([path, true]);
    expectAnswerHeaders(res.headers);
  }
});

test('what Node refuses before there is a request (headers over 16 KiB) carries them too', async () => {
  const socket = net.connect((t.app.server.address() as AddressInfo).port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  const closed = new Promise((resolve) => socket.on('close', resolve));
  socket.on('error', () => undefined); // the server ends the connection after its answer
  socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  await closed;
  const [head] = answer.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 431 /);
  const headers = new Headers(
    head
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(/: (.*)/s, 2) as [string, string]),
  );
  expectAnswerHeaders(headers);
});
