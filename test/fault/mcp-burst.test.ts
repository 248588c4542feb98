// A burst of MCP reads and the event loop (hostile review: 200 concurrent get_concept calls, ~2 ms of the
// event loop each with no part of it large, held a /healthz sent with them for ~370 ms, the whole burst).
// In the built server, while 200 get_concept calls arrive together, the event loop is never held for a
// third of the burst: each MCP message is answered in a turn of its own, and a repeated call is served
// its kept result. Before, the loop was held for most of the burst (300-500 ms of a 400-650 ms burst on
// the idle 2-core machine); now for 12-47 ms of 300-485 ms. The bar is a share of the burst, not a
// number of milliseconds: a machine busy with other tests (CI runs them side by side) slows both alike,
// and a 150 ms bar failed at 165 ms there. The longest delay is read from the server's own /metrics
// (nodejs_eventloop_lag_max_seconds, the longest since the last scrape), which is how long any /healthz
// would have waited.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { metrics } from '../helpers/compute';
import { seededDataDir } from '../helpers/database';
import { killServers, startServer, type Running } from '../helpers/server';

// A built server starts on a busy machine (a limit, not a measurement).
jest.setTimeout(240_000);

// The most of the burst's time the event loop may be held at once.
const BAR_SHARE = 1 / 3;
const CALLS = 200;

let s: Running;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-mcp-burst-'));

// Each burst opens its own connections, as the hostile review's clients did: connections kept open
// between two bursts race the server's keep-alive timeout on a busy machine (a reused socket the
// server had just closed was a "socket hang up").
const agentFor = () => new http.Agent({ keepAlive: true, maxSockets: CALLS });

/** One tools/call of get_concept, as a client without a session sends it; resolves to its answer. */
const getConcept = (agent: http.Agent, id: number, slug: string) =>
  new Promise<{ result: { isError?: boolean; content: { text: string }[] } }>((resolve, reject) => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'get_concept', arguments: { slug } },
    });
    const { hostname, port } = new URL(s.url);
    const req = http.request(
      {
        hostname,
        port,
        path: '/mcp',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          expect(res.statusCode).toBe(200);
          resolve(JSON.parse(text));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

async function burst() {
  const agent = agentFor();
  try {
    return await Promise.all(
      Array.from({ length: CALLS }, (_, i) => getConcept(agent, i, ['pod', 'service', 'headless-service'][i % 3])),
    );
  } finally {
    agent.destroy();
  }
}

beforeAll(async () => {
  s = await startServer(await seededDataDir(path.join(root, 'pglite')), {
    SEED_ON_START: 'false',
    RATE_LIMIT_MAX: '0',
  });
  // A server's first MCP calls load the SDK and compile code (a start, not what a call costs); the
  // measured burst is the second.
  await burst();
});
afterAll(() => {
  killServers();
  fs.rmSync(root, { recursive: true, force: true });
});

test(`${CALLS} concurrent get_concept calls never hold the event loop for a third of their burst, and each is answered`, async () => {
  await metrics(s.url);
  const started = performance.now();
  const answers = await burst();
  const burstSeconds = (performance.now() - started) / 1000;
  const delay = (await metrics(s.url)).get('nodejs_eventloop_lag_max_seconds') ?? Infinity;
  for (const { result } of answers) {
    expect(result.isError).toBeFalsy();
    expect(result.content[0].text).toMatch(/^# /);
  }
  expect(delay).toBeLessThan(burstSeconds * BAR_SHARE);
});
