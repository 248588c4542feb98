// The GraphQL comparison of issue 16: kubeknow's POST /graphql concept query with relations beside
// the bare stacks it is built on (bench/anchors/: Apollo Server on Fastify, mercurius + graphql-jit),
// each started fresh in a process of its own with the same concept documents, loaded in interleaved
// rounds on 127.0.0.1 by this process, lookups cycling over every concept. Prints nothing itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { ConceptDocument } from './anchors/concepts';
import { interleaved, type HttpFigure } from './http';

/** The query every stack answers, with the slug as a variable. */
export const CONCEPT_QUERY =
  'query Concept($slug: String!) { concept(slug: $slug) { id slug title summary facts { statement reference { url reliability } } relations { type target { slug title } } } }';

const JSON_HEADERS = { 'content-type': 'application/json' };

export interface Started {
  base: string;
  child: ChildProcess;
  /** Seconds from spawning the process to its first answer. */
  startSeconds: number;
  /** The largest resident set seen after a round, in MB. */
  rssMb: number;
  /** CPU ms the process spent in the rounds, and the answers it gave in them. */
  cpuMs: number;
  answers: number;
}

async function post(base: string, body: unknown): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Starts a script of this folder (compiled) and waits for its first answer. */
export async function start(script: string, args: string[] = [], port = 0): Promise<Started> {
  const began = performance.now();
  const env = { ...process.env, BENCH_PORT: String(port) };
  const child = spawn(process.execPath, [join(__dirname, script), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve((JSON.parse(line) as { base: string }).base),
    );
  });
  const first = await post(base, { query: '{ __typename }' });
  if (first.errors) throw new Error(`${script} answered ${JSON.stringify(first.errors)}`);
  return { base, child, startSeconds: (performance.now() - began) / 1000, rssMb: 0, cpuMs: 0, answers: 0 };
}

/** The CPU time the process has used, in ms (Linux: /proc; elsewhere 0, and no figure is printed). */
export function cpuMsOf(s: Started): number {
  try {
    // utime and stime, in clock ticks (100 a second on Linux), after the command name in parentheses.
    const fields = readFileSync(`/proc/${s.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Samples the process's resident set (Linux; elsewhere it stays unknown). */
export function sampleRss(s: Started): void {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${s.child.pid}/status`, 'utf8'))?.[1];
    if (kb) s.rssMb = Math.max(s.rssMb, Math.round(Number(kb) / 1024));
  } catch {
    // not Linux: no figure
  }
}

/** Every concept as kubeknow answers the query, each relation's target reduced to its slug. */
async function conceptDocuments(base: string): Promise<ConceptDocument[]> {
  const list = await post(base, { query: '{ concepts(first: 100) { nodes { slug } } }' });
  const slugs = (list.data?.concepts as { nodes: { slug: string }[] }).nodes.map((n) => n.slug);
  const docs: ConceptDocument[] = [];
  for (const slug of slugs) {
    const res = await post(base, { query: CONCEPT_QUERY, variables: { slug } });
    const c = res.data?.concept as Omit<ConceptDocument, 'relations'> & {
      relations: { type: string; target: { slug: string } }[];
    };
    docs.push({ ...c, relations: c.relations.map((r) => ({ type: r.type, target: r.target.slug })) });
  }
  return docs;
}

export interface GraphqlComparison {
  rows: HttpFigure[];
  ratios: string[];
}

/** Runs the comparison: `rounds` interleaved rounds of `seconds` each per stack. */
export async function graphqlComparison(rounds: number, seconds: number): Promise<GraphqlComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeknow-bench-'));
  const servers: Started[] = [];
  // BENCH_PORT: the first of three ports the servers listen on (else any free ones).
  const port = (i: number) => (process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) + i : 0);
  try {
    const kubeknow = await start('kubeknow.js', [], port(0));
    servers.push(kubeknow);
    const docs = await conceptDocuments(kubeknow.base);
    const file = join(dir, 'concepts.json');
    writeFileSync(file, JSON.stringify(docs));
    const apollo = await start('anchors/apollo-fastify.js', [file], port(1));
    servers.push(apollo);
    const mercurius = await start('anchors/mercurius-jit.js', [file], port(2));
    servers.push(mercurius);
    const bodies = docs.map((d) => JSON.stringify({ query: CONCEPT_QUERY, variables: { slug: d.slug } }));
    const stacks: [string, Started][] = [
      ['bare Apollo Server 5 on Fastify 5', apollo],
      ['mercurius + graphql-jit', mercurius],
      ['kubeknow POST /graphql', kubeknow],
    ];
    const figures = await interleaved(
      rounds,
      stacks.map(([name, s]) => ({
        name: `${name}, concept query with relations`,
        url: `${s.base}/graphql`,
        options: { method: 'POST', headers: JSON_HEADERS, bodies },
        before: () => (s.cpuMs -= cpuMsOf(s)),
        after: (figure: HttpFigure) => {
          s.cpuMs += cpuMsOf(s);
          s.answers += figure.requestsPerSecond * seconds;
          sampleRss(s);
        },
      })),
      seconds,
    );
    const rows = figures.map((f, i) => {
      const s = stacks[i][1];
      return { ...f, rssMb: s.rssMb, startSeconds: s.startSeconds, cpuUs: Math.round((s.cpuMs * 1000) / s.answers) };
    });
    const [a, m, k] = rows.map((r) => r.requestsPerSecond);
    const [ca, cm, ck] = rows.map((r) => r.cpuUs);
    const ratios = [
      `GraphQL concept query, req/s: kubeknow ${(k / a).toFixed(2)}× bare Apollo-on-Fastify (goal ≥ 2.0×), ${(k / m).toFixed(2)}× mercurius+jit (goal ≥ 1.0×); mercurius+jit is ${(m / a).toFixed(2)}× Apollo`,
      `GraphQL concept query, answers per CPU second: kubeknow ${(ca / ck).toFixed(2)}× bare Apollo-on-Fastify, ${(cm / ck).toFixed(2)}× mercurius+jit; mercurius+jit is ${(ca / cm).toFixed(2)}× Apollo`,
    ];
    return { rows, ratios };
  } finally {
    for (const s of servers) s.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  graphqlComparison(Number(process.env.BENCH_ROUNDS ?? 3), Number(process.env.BENCH_SECONDS ?? 5)).then(
    ({ rows, ratios }) => {
      for (const r of rows) console.log(JSON.stringify(r));
      for (const r of ratios) console.log(r);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
