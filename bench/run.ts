// `npm run bench`: times the DNS and scheduling kernels, each in a process of its own, the server's cold
// start and memory (bench/start.ts), then starts the built app on an in-memory database on 127.0.0.1
// and loads it over HTTP.
// Prints figures; asserts nothing (tests never assert timings).
import { buildApp } from '../src/app';
import { openDatabase } from '../src/db/connect';
import { applyMigrations } from '../src/db/migrate';
import { loadContent } from '../src/knowledge/content/load';
import { seedContent } from '../src/knowledge/seed';
import { Knowledge } from '../src/knowledge/service';
import { rawJsonServer } from './anchors/raw-http';
import { dnsLoads, kernelReportInChild } from './dns';
import { interleaved, load, table, type HttpFigure } from './http';
import { startReport } from './start';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  // The kernel first, alone on the machine: no server is running yet.
  console.log(`${kernelReportInChild()}\n`);
  console.log(`${kernelReportInChild('scheduling')}\n`);
  console.log(`${kernelReportInChild('cluster')}\n`);
  // The server as `npm start` runs it, in processes of its own, before this one starts another.
  console.log(`${await startReport(seconds)}\n`);
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  await applyMigrations(db.factory);
  await seedContent(db.prisma, loadContent());
  const knowledge = await Knowledge.open(db);
  const app = await buildApp({ knowledge });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const json = { 'content-type': 'application/json' };
  const rows: HttpFigure[] = [];
  // The bare stack with the same bytes: the concept's JSON as kubeknow sends it, stringified per request.
  const concept = await (await fetch(`${base}/v1/concepts/headless-service`)).json();
  const raw = await rawJsonServer(concept);
  try {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const rest = await interleaved(
      rounds,
      { name: 'raw node:http, JSON.stringify of the same concept', url: `${raw.base}/` },
      { name: 'REST GET /v1/concepts/headless-service', url: `${base}/v1/concepts/headless-service` },
      seconds,
    );
    rows.push(...rest.rows);
    const ratios = [`REST concept lookup: ${rest.ratio.toFixed(2)}× raw node:http with the same bytes (goal ≥ 1.0×)`];
    rows.push(
      await load(
        'REST GET /v1/concepts/:slug (text/plain, ko)',
        `${base}/v1/concepts/headless-service?format=text&lang=ko`,
        { seconds },
      ),
    );
    const query =
      '{ concept(slug: "headless-service") { id slug title summary facts { statement reference { url reliability } } relations { type target { slug title } } } }';
    rows.push(
      await load('GraphQL concept query', `${base}/graphql`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query }),
        seconds,
      }),
    );
    rows.push(
      await load(
        'REST GET /v1/search (Korean question)',
        `${base}/v1/search?q=${encodeURIComponent('헤드리스 서비스는 DNS에서 뭘 돌려줘?')}`,
        { seconds },
      ),
    );
    rows.push(...(await dnsLoads(base, seconds)));
    console.log(`HTTP, 10 connections, ${seconds} s each, on 127.0.0.1 (${new Date().toISOString()}):\n`);
    console.log(table(rows));
    console.log(`\nRatios, medians of ${rounds} interleaved rounds:\n${ratios.join('\n')}`);
  } finally {
    raw.server.close();
    await app.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
