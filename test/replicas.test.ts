// Two API processes on one PostgreSQL: a write through one is visible through the other within a
// second, by LISTEN/NOTIFY. Runs when TEST_DATABASE_URL names a PostgreSQL server (CI's second run).
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../src/app';
import { createApiKey } from '../src/auth/keys';
import { openDatabase, type Database } from '../src/db/connect';
import { applyMigrations } from '../src/db/migrate';
import { seedContent } from '../src/knowledge/seed';
import { Knowledge } from '../src/knowledge/service';
import { listenForChanges, type Listener } from '../src/knowledge/sync';
import { repoContent } from './helpers/app';
import { freshDatabase, onPostgres, type TestDatabase } from './helpers/database';

interface Replica {
  db: Database;
  app: FastifyInstance;
  listener: Listener;
}

onPostgres.describe('two replicas on one PostgreSQL', () => {
  let fresh: TestDatabase;
  let a: Replica;
  let b: Replica;
  const silent = { info() {}, warn() {}, error() {} } as never;

  async function replica(): Promise<Replica> {
    const db = await openDatabase(fresh.config);
    const knowledge = await Knowledge.open(db);
    const url = (fresh.config as { url: string }).url;
    const listener = await listenForChanges(url, () => knowledge.refresh(), silent);
    const app = await buildApp({ knowledge });
    await app.ready();
    return { db, app, listener };
  }

  beforeAll(async () => {
    fresh = await freshDatabase();
    const setup = await openDatabase(fresh.config);
    await applyMigrations(setup.factory);
    await seedContent(setup.prisma, repoContent());
    await setup.close();
    a = await replica();
    b = await replica();
  });
  afterAll(async () => {
    for (const r of [a, b]) {
      await r.app.close();
      await r.listener.close();
      await r.db.close();
    }
    await fresh.drop();
  });

  test('an edit through A is visible through B within a second', async () => {
    const key = (await createApiKey(a.db.prisma, 'replica test', ['write'])).key;
    const query = '{ concept(slug: "pod") { version summary(lang: EN) } }';
    const before = (await supertest(b.app.server).post('/graphql').send({ query }).expect(200)).body.data.concept;
    const summary = `Edited through replica A at ${Date.now()}.`;
    const mutation = `mutation($v: Int!, $s: String!) { updateConcept(input: { slug: "pod", expectedVersion: $v, texts: [{ locale: EN, summary: $s }] }) { concept { version } } }`;
    const res = await supertest(a.app.server)
      .post('/graphql')
      .set('Authorization', `Bearer ${key}`)
      .send({ query: mutation, variables: { v: before.version, s: summary } })
      .expect(200);
    expect(res.body.errors).toBeUndefined();

    const started = Date.now();
    let seen = before;
    while (Date.now() - started < 1000 && seen.summary !== summary) {
      await new Promise((r) => setTimeout(r, 25));
      seen = (await supertest(b.app.server).post('/graphql').send({ query }).expect(200)).body.data.concept;
    }
    expect(seen).toEqual({ version: before.version + 1, summary });
  });
});
