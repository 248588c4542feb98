// Cold start and memory of the server as `npm start` runs it (issue 16: start < 1.5 s, RSS < 150 MB):
// the time from spawning it to the first answer, on a fresh data directory and then on the existing
// one, and its RSS at that answer and every 5 s of a 60-second mixed load (BENCH_MIXED_SECONDS), which
// should stay flat once warm. `npm run bench` prints it; alone: `node dist/bench/start.js`
// (BENCH_DATABASE_URL=postgresql://… measures PostgreSQL too). Prints figures; asserts nothing.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths';
import { fiftyObjects } from './dns';

interface Started {
  child: ChildProcess;
  base: string;
  /** Milliseconds from spawning to the first answer, and the CPU the process had used by then. */
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  /** Milliseconds from spawning to each start-up log line, by its message. */
  steps: Record<string, number>;
}

// `npm start`'s own command line (package.json), so the bench runs the server with the same flags and
// the same environment it sets (`NAME=${NAME:-default}` before `exec`: MALLOC_ARENA_MAX).
function startCommand(): { args: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const env: Record<string, string> = {};
  let command = pkg.scripts.start;
  for (let m; (m = /^(\w+)=(?:\$\{\1:-([^}]*)\}|(\S*))\s+/.exec(command)); command = command.slice(m[0].length))
    env[m[1]] = process.env[m[1]] ?? m[2] ?? m[3];
  // `exec` hands npm's signals to the server itself (package.json); it is the shell's, not node's.
  const [node, ...args] = command.replace(/^exec\s+/, '').split(/\s+/);
  if (node !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return { args, env };
}

// /proc/<pid>/status and /stat: the resident set and the CPU time (user + system) of a process.
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s (USER_HZ)
}

/** Spawns the server on 127.0.0.1 with env; resolves at its first answer to a concept lookup. */
async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = Date.now();
  const command = startCommand();
  const child = spawn(process.execPath, command.args, {
    cwd: ROOT,
    // One client address sends every request here: the per-address rate limit is off, as for the in-process app.
    env: {
      ...process.env,
      ...command.env,
      NODE_ENV: 'production',
      PORT: process.env.BENCH_PORT ?? '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const steps: Record<string, number> = {};
  const base = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; time?: number };
        const msg = String(entry.msg ?? '');
        if (!/^(incoming request|request completed)/.test(msg))
          steps[msg.replace(/ at http.*/, '')] ??= entry.time! - t0;
        const url = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(msg)?.[1];
        if (url) resolve(url);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  const res = await fetch(`${base}/v1/concepts/headless-service`);
  if (!res.ok) throw new Error(`first answer: ${res.status}`);
  await res.arrayBuffer();
  const wallMs = Date.now() - t0;
  return { child, base, wallMs, cpuMs: cpuMs(child.pid!), rssMb: rssMb(child.pid!), steps };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** REST lookups over several concepts, GraphQL with relations, search, context and a DNS computation. */
function mixedRequests(): autocannon.Request[] {
  const json = { 'content-type': 'application/json' };
  const slugs = ['headless-service', 'service', 'pod', 'deployment', 'statefulset', 'cluster-dns', 'configmap'];
  const query =
    '{ concept(slug: "service") { id slug title summary facts { statement reference { url reliability } } relations { type target { slug title } } } }';
  return [
    ...slugs.map((slug) => ({ method: 'GET' as const, path: `/v1/concepts/${slug}` })),
    { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query }) },
    { method: 'GET', path: `/v1/search?q=${encodeURIComponent('헤드리스 서비스는 DNS에서 뭘 돌려줘?')}` },
    { method: 'GET', path: `/v1/context?q=${encodeURIComponent('why is my pod pending')}` },
    {
      method: 'POST',
      path: '/v1/dns/query',
      headers: json,
      body: JSON.stringify({ objects: fiftyObjects(), query: { name: 'web.shop.svc.cluster.local', type: 'A' } }),
    },
  ];
}

const SAMPLE_MS = 5000;
/** Samples from the first WARM_MS of the load are the warm-up (threads start, code is compiled). */
const WARM_MS = 10_000;

interface Load {
  rss: number[];
  rps: number;
  /** Requests that got no answer: autocannon's errors (timeouts after its 10 s, resets). */
  errors: number;
  /** Answers not 2xx, by status: a 503 is the computing gate's OVERLOADED, a refusal by design. */
  refused: Record<string, number>;
}

/** The mixed load for `seconds`, with the server's RSS sampled every 5 s. */
async function underLoad(s: Started, seconds: number): Promise<Load> {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(s.child.pid!)), SAMPLE_MS);
  try {
    const r = await autocannon({ url: s.base, requests: mixedRequests(), connections: 16, duration: seconds });
    const refused = Object.entries(r.statusCodeStats ?? {}).filter(([status]) => !status.startsWith('2'));
    return {
      rss,
      rps: Math.round(r.requests.average),
      errors: r.errors,
      refused: Object.fromEntries(refused.map(([status, { count }]) => [status, count ?? 0])),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** "no answer not 2xx", or each status with its count ("12 × 503"). */
const refusedText = (refused: Record<string, number>): string =>
  Object.entries(refused)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ') || 'no answer not 2xx';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (x: number) => `${Math.round(x)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Cold starts and memory on one database (PGlite in a new directory, or PostgreSQL at url). */
async function report(name: string, env: NodeJS.ProcessEnv, runs: number, seconds: number): Promise<string> {
  const lines = [`${name}:`];
  const first = await start(env);
  lines.push(
    `  first start (empty database: create, migrate, seed): ${sec(first.wallMs)} to the first answer, ${sec(first.cpuMs)} CPU, RSS ${mb(first.rssMb)}`,
  );
  await stop(first.child);
  const starts: Started[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await start(env);
    starts.push(s);
    if (i < runs - 1) await stop(s.child);
  }
  const last = starts[starts.length - 1];
  lines.push(
    `  cold start on the existing database, median of ${runs}: ${sec(median(starts.map((s) => s.wallMs)))} to the first answer (goal < 1.5 s), ` +
      `${sec(median(starts.map((s) => s.cpuMs)))} CPU, RSS ${mb(median(starts.map((s) => s.rssMb)))}`,
    `  its steps (ms after spawning): ${Object.entries(last.steps)
      .map(([msg, ms]) => `${msg} ${ms}`)
      .join('; ')}`,
  );
  try {
    const load = await underLoad(last, seconds);
    // A short load (BENCH_MIXED_SECONDS < 10) has no samples after the warm-up: all of them are shown.
    const warm = load.rss.length > WARM_MS / SAMPLE_MS ? load.rss.slice(WARM_MS / SAMPLE_MS - 1) : load.rss;
    lines.push(
      `  mixed load, ${seconds} s, 16 connections: ${load.rps} req/s, ${load.errors} errors (no answer), ${refusedText(load.refused)}; RSS every 5 s ${load.rss.map(Math.round).join(' ')} MB, ` +
        `max ${mb(Math.max(...load.rss))} (goal < 150 MB); from ${WARM_MS / 1000} s on ${mb(Math.min(...warm))} to ${mb(Math.max(...warm))} (goal: flat)`,
    );
  } finally {
    await stop(last.child);
  }
  return lines.join('\n');
}

/** The cold-start and memory figures of PGlite (and of PostgreSQL with BENCH_DATABASE_URL), as text. */
export async function startReport(seconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60)): Promise<string> {
  const runs = Number(process.env.BENCH_STARTS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-bench-start-'));
  const out = [
    `Start-up and memory of \`npm start\` (${Object.entries(startCommand().env)
      .map(([k, v]) => `${k}=${v} `)
      .join('')}node ${startCommand().args.join(' ')}), on 127.0.0.1:`,
  ];
  try {
    out.push(await report('PGlite', { PGLITE_DIR: path.join(dir, 'pglite'), DATABASE_URL: '' }, runs, seconds));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) out.push(await report('PostgreSQL', { DATABASE_URL: url }, runs, seconds));
  out.push(`(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`);
  return out.join('\n');
}

if (require.main === module)
  startReport().then(
    (text) => console.log(text),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
