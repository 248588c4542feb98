// Replays the requests of issue 10's findings against a running server (`npm start`), one finding at
// a time, and prints what each cost the server: its CPU (process_cpu_seconds_total from /metrics,
// worker threads included) per request, and the longest /healthz took meanwhile (polled every 10 ms
// from here). Not a test: a measurement, for a person to read (the limits: 1 s of CPU per request,
// 100 ms of /healthz). Findings that need a key, a database outage or a signal (5, 6, 8, 9) have
// fault tests of their own and are not replayed.
//   npm run build && node dist/test/fault/replay.js http://127.0.0.1:4000
import net from 'node:net';
import { applyByGraphql, applyByMcp, deployment, heaviest, HEAVIEST_BY_GRAPHQL } from '../helpers/compute';
import { headless } from '../helpers/endpoints';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const json = { 'content-type': 'application/json' };

interface Finding {
  name: string;
  /** Sends the finding's requests; resolves with their statuses. */
  run(): Promise<number[]>;
}

/** The status of an answer, once its body has been read. */
const statusOf = async (answer: Promise<Response>): Promise<number> => {
  const res = await answer;
  await res.arrayBuffer();
  return res.status;
};
const send = (path: string, init: RequestInit = {}): Promise<number> => statusOf(fetch(base + path, init));
const graphql = (query: string, variables: object = {}) =>
  send('/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query, variables }) });
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** A body of endpoints of about `bytes` as JSON. */
function endpointsBody(bytes: number): string {
  let n = 1000;
  let body = JSON.stringify({ objects: headless(n) });
  while (body.length < bytes) body = JSON.stringify({ objects: headless((n = Math.ceil((n * bytes) / body.length))) });
  while (body.length > bytes) body = JSON.stringify({ objects: headless((n -= 100)) });
  return body;
}

/** A request line and headers sent, then nothing (or a byte now and then) until the server gives up. */
function trickle(path: string, everyMs: number, maxMs: number): Promise<number> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(base);
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    const timer = setInterval(() => socket.writable && socket.write('['), everyMs);
    const done = () => {
      clearInterval(timer);
      clearTimeout(limit);
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0));
    };
    const limit = setTimeout(done, maxMs);
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
    );
  });
}

function fragments(n: number): string {
  const defs = times(n, (i) => `fragment F${i} on Concept { ${i + 1 < n ? `...F${i + 1} ...F${i + 1}` : 'slug'} }`);
  return `{ concept(slug: "pod") { ...F0 } } ${defs.join(' ')}`;
}
const nested = (depth: number): string =>
  depth ? `relations(direction: BOTH) { target { slug ${nested(depth - 1)} } }` : '';

const findings: Finding[] = [
  { name: '1. fragments spread twice, n = 30', run: async () => [await graphql(fragments(30))] },
  {
    name: '2. relations five levels deep',
    run: async () => [await graphql(`{ concept(slug: "pod") { ${nested(5)} } }`)],
  },
  {
    name: '3. 300 dnsRecords aliases, 1 000 endpoints',
    run: async () => [
      await graphql(`query($o: JSON!) { ${times(300, (i) => `a${i}: dnsRecords(objects: $o) { name }`).join(' ')} }`, {
        o: headless(1000),
      }),
    ],
  },
  {
    name: '3. 1 500 dnsRecords aliases',
    run: async () => [
      await graphql(`query($o: JSON!) { ${times(1500, (i) => `a${i}: dnsRecords(objects: $o) { name }`).join(' ')} }`, {
        o: headless(1000),
      }),
    ],
  },
  {
    name: '3. 200 aliases of concepts.examples.dnsRecords',
    run: async () => [
      await graphql(
        `{ ${times(200, (i) => `a${i}: concepts(first: 100) { nodes { examples { dnsRecords { name } } } }`).join(' ')} }`,
      ),
    ],
  },
  {
    name: 'the heaviest allowed clusterApply through GraphQL',
    run: async () => [await statusOf(applyByGraphql(base, HEAVIEST_BY_GRAPHQL))],
  },
  {
    name: 'the heaviest allowed cluster_apply through MCP',
    run: async () => [await statusOf(applyByMcp(base, heaviest()))],
  },
  {
    name: 'the heaviest allowed dry-run through REST (its whole answer)',
    run: async () => [
      await send('/v1/cluster/apply', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ objects: [deployment(heaviest())] }),
      }),
    ],
  },
  {
    name: '4. one 1 MB body to /v1/dns/records',
    run: async () => {
      const body = endpointsBody(1_000_000);
      return [await send('/v1/dns/records', { method: 'POST', headers: json, body })];
    },
  },
  {
    name: '4. 30 bodies of 1 MB at once',
    run: async () => {
      const body = endpointsBody(1_000_000);
      return Promise.all(times(30, () => send('/v1/dns/records', { method: 'POST', headers: json, body })));
    },
  },
  {
    name: '4. 20 bodies of 0.9 MB at once',
    run: async () => {
      const body = endpointsBody(900_000);
      return Promise.all(times(20, () => send('/v1/dns/records', { method: 'POST', headers: json, body })));
    },
  },
  {
    name: '7. 5 bodies trickled a byte a second (20 s at most)',
    run: () => Promise.all(times(5, () => trickle('/v1/dns/records', 1000, 20_000))),
  },
  {
    name: '7. 750 bad keys in a row',
    run: async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 750; i++)
        statuses.push(await send('/v1/admin/keys', { headers: { authorization: `Bearer kk_bad${i}` } }));
      return statuses;
    },
  },
  {
    name: '10. Accept q=0, bad UTF-8 path, 101-character slug',
    run: async () => [
      await send('/v1/concepts/pod', { headers: { accept: 'application/json;q=0' } }),
      await send('/v1/concepts/%E0%A4%A'),
      await send(`/v1/concepts/${'a'.repeat(101)}`),
    ],
  },
];

async function cpuSeconds(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1]);
}

/** Polls /healthz one request at a time until `stop` resolves; the longest answer, in ms. */
async function longestHealthz(stop: Promise<unknown>): Promise<number> {
  let stopped = false;
  void stop.finally(() => (stopped = true));
  let longest = 0;
  while (!stopped) {
    const t = performance.now();
    await send('/healthz');
    longest = Math.max(longest, performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return longest;
}

async function main(): Promise<void> {
  console.log('| finding | requests | statuses | server CPU per request (s) | longest /healthz (ms) |');
  console.log('|---|---|---|---|---|');
  for (const f of findings) {
    const before = await cpuSeconds();
    const run = f.run();
    const [statuses, healthz] = await Promise.all([run, longestHealthz(run)]);
    const cpu = (await cpuSeconds()) - before;
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    const shown = [...counts].map(([s, n]) => `${n}×${s}`).join(' ');
    console.log(
      `| ${f.name} | ${statuses.length} | ${shown} | ${(cpu / statuses.length).toFixed(3)} | ${Math.round(healthz)} |`,
    );
  }
}

void main();
