// `npm run bench`: times the DNS and scheduling kernels and search, each in a process of its own, the
// server's cold start and memory (bench/start.ts), compares GraphQL with the bare stacks (each server in
// a process of its own), then starts the built app on an in-memory database on 127.0.0.1 and loads it
// over HTTP; the distinct search questions go to a server in a process of its own (bench/search.ts).
// Prints figures; asserts nothing (tests never assert timings).
import { rawJsonServer } from './anchors/raw-http';
import { dnsLoads, kernelReportInChild } from './dns';
import { graphqlComparison } from './graphql';
import { interleaved, load, table, type HttpFigure } from './http';
import { startKubeknow } from './kubeknow';
import { distinctSearch } from './search';
import { startReport } from './start';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  // The kernel first, alone on the machine: no server is running yet. BENCH_SKIP_KERNEL=1 runs only
  // the servers' part (the kernel's alone: node dist/bench/kernel.js dns|scheduling|cluster|search).
  if (!process.env.BENCH_SKIP_KERNEL) {
    console.log(`${kernelReportInChild()}\n`);
    console.log(`${kernelReportInChild('scheduling')}\n`);
    console.log(`${kernelReportInChild('cluster')}\n`);
    console.log(`${kernelReportInChild('search')}\n`);
  }
  // The server as `npm start` runs it, in processes of its own, before this one starts another.
  console.log(`${await startReport()}\n`);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  // Before this process starts its own app, so that the servers compared have the machine to themselves.
  const graphql = await graphqlComparison(rounds, seconds);
  console.log(`GraphQL, 10 connections, ${rounds} interleaved rounds of ${seconds} s, on 127.0.0.1:\n`);
  console.log(`${table(graphql.rows)}\n\n${graphql.ratios.join('\n')}\n`);
  const kubeknow = await startKubeknow();
  const base = kubeknow.base;
  const rows: HttpFigure[] = [];
  // The bare stack with the same bytes: the concept's JSON as kubeknow sends it, stringified per request.
  const concept = await (await fetch(`${base}/v1/concepts/headless-service`)).json();
  const raw = await rawJsonServer(concept);
  try {
    const rest = await interleaved(
      rounds,
      [
        { name: 'raw node:http, JSON.stringify of the same concept', url: `${raw.base}/` },
        { name: 'REST GET /v1/concepts/headless-service', url: `${base}/v1/concepts/headless-service` },
      ],
      seconds,
    );
    rows.push(...rest);
    const ratio = rest[1].requestsPerSecond / rest[0].requestsPerSecond;
    const ratios = [`REST concept lookup: ${ratio.toFixed(2)}× raw node:http with the same bytes (goal ≥ 1.0×)`];
    rows.push(
      await load(
        'REST GET /v1/concepts/:slug (text/plain, ko)',
        `${base}/v1/concepts/headless-service?format=text&lang=ko`,
        { seconds },
      ),
    );
    rows.push(
      await load(
        'REST GET /v1/search (Korean question)',
        `${base}/v1/search?q=${encodeURIComponent('헤드리스 서비스는 DNS에서 뭘 돌려줘?')}`,
        { seconds },
      ),
    );
    // Distinct questions one at a time, of a server in a process of its own (issue 16: p99 < 5 ms).
    rows.push(await distinctSearch());
    rows.push(...(await dnsLoads(base, seconds)));
    console.log(`HTTP, 10 connections, ${seconds} s each, on 127.0.0.1 (${new Date().toISOString()}):\n`);
    console.log(table(rows));
    console.log(`\nRatios, medians of ${rounds} interleaved rounds:\n${ratios.join('\n')}`);
  } finally {
    raw.server.close();
    await kubeknow.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
