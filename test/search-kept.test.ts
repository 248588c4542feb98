// The search analysis kept between starts (src/knowledge/search/kept.ts), on a real seeded database:
// a start after an edit (through the API, or written to the tables by something else) searches the
// edited text, never the kept one; a corrupt, truncated or foreign file is logged and made again; and
// whatever the file holds, the analysis used is the one made from the concepts as they are.
import fc from 'fast-check';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { openDatabase, type Database } from '../src/db/connect';
import { applyMigrations } from '../src/db/migrate';
import { seedContent } from '../src/knowledge/seed';
import { analysedConcept, searchableConcept, type SearchableConcept } from '../src/knowledge/search/documents';
import { keptAnalysis, type KeptLog } from '../src/knowledge/search/kept';
import { Knowledge } from '../src/knowledge/service';
import { repoContent } from './helpers/app';
import { seededDatabase, type TestDatabase } from './helpers/database';

interface Line {
  level: 'info' | 'warn';
  message: string;
  detail: Record<string, unknown>;
}
const recorder = () => {
  const lines: Line[] = [];
  const log: KeptLog = {
    info: (detail, message) => lines.push({ level: 'info', message, detail: detail as Record<string, unknown> }),
    warn: (detail, message) => lines.push({ level: 'warn', message, detail: detail as Record<string, unknown> }),
  };
  return {
    lines,
    log,
    kept: () => lines.find((l) => l.message === 'search analysis ready')?.detail,
  };
};

let fresh: TestDatabase;
let db: Database;
let dir: string;
let file: string;
beforeAll(async () => {
  fresh = await seededDatabase();
  db = await openDatabase(fresh.config);
  await applyMigrations(db.factory);
  await seedContent(db.prisma, repoContent());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-kept-'));
  file = path.join(dir, 'search-analysis.v8');
});
afterAll(async () => {
  await db.close();
  await fresh.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A start's Knowledge on the test's database with the kept file, and what it logged. */
async function start() {
  const r = recorder();
  const knowledge = await Knowledge.open(db, { keptAnalysis: { file, log: r.log } });
  await knowledge.close();
  return { knowledge, ...r };
}

const slugsFound = (k: Knowledge, q: string) => k.search(q).hits.map((h) => h.slug);

test('the first start analyses every concept and keeps it; the next reuses all of it and searches the same', async () => {
  fs.rmSync(file, { force: true });
  const first = await start();
  const n = first.knowledge.snapshot.concepts.length;
  expect(first.kept()).toEqual({ reused: 0, analysed: n });
  expect(fs.existsSync(file)).toBe(true);
  const second = await start();
  expect(second.kept()).toEqual({ reused: n, analysed: 0 });
  expect(second.lines.filter((l) => l.level === 'warn')).toEqual([]);
  const unkept = await Knowledge.open(db);
  await unkept.close();
  for (const q of ['headless service DNS', '헤드리스 서비스', 'why is my pod pending', 'svc'])
    expect(second.knowledge.search(q)).toEqual(unkept.search(q));
});

test('an edit through the API between starts is searched after the restart, and only its concept is analysed again', async () => {
  const before = await start();
  const slug = 'headless-service';
  const word = 'zyxwvutsrqapi';
  expect(slugsFound(before.knowledge, word)).toEqual([]);
  const k = await Knowledge.open(db);
  await k.updateConcept(
    { name: 'apikey:test (kept analysis)' },
    {
      slug,
      expectedVersion: k.requireConcept(slug).version,
      texts: [{ locale: 'en', summary: `Edited through the API: ${word}.` }],
    },
  );
  await k.close();
  const after = await start();
  const n = after.knowledge.snapshot.concepts.length;
  // Renderings of the concepts whose relations name it do not change what the analyser reads of them.
  expect(after.kept()).toEqual({ reused: n - 1, analysed: 1 });
  expect(slugsFound(after.knowledge, word)).toEqual([slug]);
});

test('a write by another connection, straight to the tables (no edit, no notification), is searched after the restart', async () => {
  await start();
  const word = 'qponmlkjihraw';
  // SQL no kubeknow edit wrote, on PostgreSQL from a client of its own; PGlite has one connection per
  // directory, so there it is that connection, used beside the service rather than through it.
  const other = fresh.config.kind === 'postgres' ? await openDatabase(fresh.config) : null;
  const writer = other ?? db;
  const [{ id }] = await writer.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "Concept" WHERE slug = 'pod'`;
  await writer.prisma
    .$executeRaw`UPDATE "ConceptText" SET body = body || ${` ${word}`} WHERE "conceptId" = ${id} AND locale = 'en'`;
  await other?.close();
  const after = await start();
  expect(after.kept()?.analysed).toBe(1);
  expect(slugsFound(after.knowledge, word)).toEqual(['pod']);
  expect(after.knowledge.requireConcept('pod').texts.en?.body.endsWith(word)).toBe(true);
});

describe('a file that cannot be used is logged, ignored and made again', () => {
  const damaged: [string, (bytes: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    [
      'a byte changed in the middle',
      (b) => Buffer.from(b.map((x, i) => (i === Math.floor(b.length / 2) ? x ^ 0xff : x))),
    ],
    ['empty', () => Buffer.alloc(0)],
    ['not ours at all', () => Buffer.from('{"format":1,"entries":[]}')],
    [
      'of another format, with a matching checksum',
      () => {
        const body = v8.serialize({ format: 0, entries: [] });
        return Buffer.concat([crypto.createHash('sha256').update(body).digest(), body]);
      },
    ],
  ];
  for (const [name, damage] of damaged)
    test(name, async () => {
      await start();
      fs.writeFileSync(file, damage(fs.readFileSync(file)));
      const s = await start();
      const n = s.knowledge.snapshot.concepts.length;
      expect(s.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
        'the kept search analysis is unusable and is made again',
      ]);
      expect(s.kept()).toEqual({ reused: 0, analysed: n });
      expect(slugsFound(s.knowledge, 'headless service')[0]).toBe('headless-service');
      const next = await start();
      expect(next.kept()).toEqual({ reused: n, analysed: 0 });
    });
});

test('whatever the file holds, the analysis used is the one made from the concepts as they are (property)', async () => {
  const k = await Knowledge.open(db);
  await k.close();
  // A few concepts keep each run quick; the file is first made for them, then damaged or edited.
  const concepts: SearchableConcept[] = k.snapshot.concepts.slice(0, 4).map(searchableConcept);
  const expected = concepts.map(analysedConcept);
  const sample = path.join(dir, 'property.v8');
  keptAnalysis(sample, concepts, recorder().log);
  const good = fs.readFileSync(sample);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.record({ cut: fc.nat({ max: good.length }) }),
        fc.record({ flip: fc.nat({ max: good.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }),
        fc.record({ bytes: fc.uint8Array({ maxLength: 200 }) }),
        // A concept's text changed since the file was made: its kept analysis must not be used.
        fc.record({ edit: fc.nat({ max: concepts.length - 1 }), text: fc.string({ minLength: 1, maxLength: 30 }) }),
      ),
      (change) => {
        let bytes: Buffer = good;
        let now = concepts;
        if ('cut' in change) bytes = good.subarray(0, change.cut);
        if ('flip' in change) bytes = Buffer.from(good.map((x, i) => (i === change.flip ? x ^ change.xor : x)));
        if ('bytes' in change) bytes = Buffer.from(change.bytes);
        if ('edit' in change)
          now = concepts.map((c, i) =>
            i === change.edit ? { ...c, texts: { ...c.texts, en: { ...c.texts.en!, summary: change.text } } } : c,
          );
        fs.writeFileSync(sample, bytes);
        const got = keptAnalysis(sample, now, recorder().log);
        expect(got).toEqual(now.map((c, i) => (c === concepts[i] ? expected[i] : analysedConcept(c))));
        // The file now holds exactly these concepts: the next call reuses them all.
        const again = recorder();
        expect(keptAnalysis(sample, now, again.log)).toEqual(got);
        expect(again.kept()).toEqual({ reused: now.length, analysed: 0 });
      },
    ),
    { numRuns: 40 },
  );
});
