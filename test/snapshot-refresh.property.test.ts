// Incremental refreshes (issue 10): after any sequence of edits, the snapshot an edit's own refresh
// made from the last one, and the one a replica made from the subjects notified, equal a snapshot read
// whole from the store; their search index finds what one built from it finds, and every concept
// renders as it would from the whole read (a view kept from an earlier snapshot is not stale).
import fc from 'fast-check';
import { openDatabase, type Database } from '../src/db/connect';
import { applyMigrations } from '../src/db/migrate';
import { KubeknowError } from '../src/errors';
import type { Rebuild } from '../src/knowledge/refresh';
import { buildSearchIndex, type SearchResult } from '../src/knowledge/search';
import { conceptMarkdown } from '../src/knowledge/present';
import { seedContent } from '../src/knowledge/seed';
import { Knowledge } from '../src/knowledge/service';
import { loadSnapshot, type Snapshot } from '../src/knowledge/snapshot';
import { RELATION_TYPES } from '../src/knowledge/types';
import { repoContent } from './helpers/app';
import { seededDatabase, type TestDatabase } from './helpers/database';

let fresh: TestDatabase;
let db: Database;
let primary: Knowledge;
let replica: Knowledge;
const rebuilds: Rebuild[] = [];
beforeAll(async () => {
  fresh = await seededDatabase();
  db = await openDatabase(fresh.config);
  await applyMigrations(db.factory);
  await seedContent(db.prisma, repoContent());
  primary = await Knowledge.open(db);
  // A second service on the same store, refreshed only by the subjects an edit notifies (sync.ts).
  replica = await Knowledge.open(db);
  primary.onRebuild((r) => rebuilds.push(r));
});
afterAll(async () => {
  await db?.close();
  await fresh?.drop();
});

const author = { name: 'test' };
// Concepts related to each other in the content, a concept the runs may create, and references.
const SLUGS = ['pod', 'service', 'headless-service', 'deployment', 'replicaset', 'node-affinity', 'zz-new'];
const REFERENCES = ['k8s-service', 'k8s-network-policies', 'zz-ref'];
const WORDS = ['pod', 'selector', 'probe', 'restart', 'dns', 'quorum', '파드', '재시작', '노드', 'zebra'];
const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const slug = fc.constantFrom(...SLUGS);
const reference = fc.constantFrom(...REFERENCES);
const relation = fc.record({ source: slug, target: slug, type: fc.constantFrom(...RELATION_TYPES.slice(0, 3)) });
const factKey = fc.constantFrom('zz-fact-a', 'zz-fact-b');

type Edit = { subject: string; run: () => Promise<unknown> };
const version = (s: string) => primary.concept(s)?.version ?? 1;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ s: slug, title: words, summary: words, alias: words }).map(({ s, title, summary, alias }) => ({
    subject: s,
    run: () =>
      primary.updateConcept(author, {
        slug: s,
        expectedVersion: version(s),
        texts: [{ locale: 'en', title, summary, aliases: [alias] }],
      }),
  })),
  fc.record({ s: slug, title: words }).map(({ s, title }) => ({
    subject: s,
    run: () =>
      primary.createConcept(author, {
        slug: s,
        kind: 'RESOURCE',
        category: 'workloads',
        texts: [{ locale: 'ko', title, summary: title }],
      }),
  })),
  relation.map((r) => ({ subject: r.source, run: () => primary.addRelation(author, r) })),
  relation.map((r) => ({ subject: r.source, run: () => primary.removeRelation(author, r) })),
  fc
    .record({ r: relation, note: words })
    .map(({ r, note }) => ({ subject: r.source, run: () => primary.updateRelation(author, { ...r, note }) })),
  fc.record({ s: slug, key: factKey, ref: reference, text: words }).map(({ s, key, ref, text }) => ({
    subject: s,
    run: () => primary.addFact(author, { slug: s, key, reference: ref, statements: { en: text, ko: text } }),
  })),
  fc.record({ s: slug, key: factKey }).map(({ s, key }) => ({
    subject: s,
    run: () => primary.removeFact(author, { slug: s, key }),
  })),
  slug.map((s) => ({
    subject: s,
    run: () => primary.deleteConcept(author, { slug: s, expectedVersion: version(s) }),
  })),
  slug.map((s) => ({ subject: s, run: () => primary.restoreConcept(author, { slug: s }) })),
  fc.record({ key: reference, title: words }).map(({ key, title }) => ({
    subject: `reference:${key}`,
    run: () => primary.updateReference(author, { key, title }),
  })),
  reference.map((key) => ({
    subject: `reference:${key}`,
    run: () =>
      primary.addReference(author, {
        key,
        title: key,
        language: 'en',
        kind: 'BLOG',
        reliability: 'COMMUNITY',
      }),
  })),
);

/** A snapshot's content: everything but when it was read. */
const contentOf = (s: Snapshot) => ({ concepts: s.concepts, bySlug: s.bySlug, references: s.references });

// Scores are BM25 over MiniSearch's average field lengths, which it keeps as a running mean: an index
// updated in place and one built at once may differ in the last bits, never in anything shown.
const shown = (r: SearchResult) => ({ ...r, hits: r.hits.map((h) => ({ ...h, score: h.score.toFixed(9) })) });

function expectSameAsWhole(k: Knowledge, whole: Snapshot, queries: string[]): void {
  expect(contentOf(k.snapshot)).toEqual(contentOf(whole));
  const index = buildSearchIndex(whole.concepts);
  for (const q of queries)
    for (const offset of [0, 5]) expect(shown(k.search(q, { offset }))).toEqual(shown(index.search(q, { offset })));
  for (const c of whole.concepts)
    for (const lang of ['en', 'ko'] as const)
      expect(conceptMarkdown(k.concept(c.slug)!, lang, k.concept)).toBe(
        conceptMarkdown(c, lang, (s) => whole.bySlug.get(s)),
      );
}

test('incremental refreshes equal a whole read of the store, on the editing process and on a replica', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(edit, { minLength: 1, maxLength: 5 }),
      fc.array(words, { maxLength: 3 }),
      async (edits, asked) => {
        for (const e of edits) {
          try {
            await e.run();
          } catch (err) {
            // A refused edit (a conflict, a missing concept) changes nothing and refreshes nothing.
            if (!(err instanceof KubeknowError)) throw err;
            continue;
          }
          await replica.refresh([e.subject]);
        }
        const whole = await loadSnapshot(db.prisma);
        const queries = [
          ...asked,
          'pod',
          '파드 재시작',
          ...SLUGS.map((s) => whole.bySlug.get(s)?.texts.en?.title ?? s),
        ];
        expectSameAsWhole(primary, whole, queries);
        expectSameAsWhole(replica, whole, queries);
      },
    ),
    { numRuns: 12 },
  );
  // Most of the edits' own refreshes were incremental (a reference many facts cite is reread whole).
  expect(rebuilds.length).toBeGreaterThan(0);
  expect(rebuilds.filter((r) => r.kind === 'incremental').length).toBeGreaterThan(rebuilds.length / 2);
}, 600_000);
