// The store: migrations from empty and again, the seed's idempotency and conflict report, and
// content validation that names the file and entry.
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../src/db/connect';
import { applyMigrations, migrationsList } from '../src/db/migrate';
import { KubeknowError } from '../src/errors';
import { contentFingerprint, loadContent } from '../src/knowledge/content/load';
import { isSeeded, seedContent } from '../src/knowledge/seed';
import { Knowledge } from '../src/knowledge/service';
import { repoContent } from './helpers/app';
import { freshDatabase, type TestDatabase } from './helpers/database';

let fresh: TestDatabase;
let db: Database;
beforeAll(async () => {
  fresh = await freshDatabase();
  db = await openDatabase(fresh.config);
});
afterAll(async () => {
  await db.close();
  await fresh.drop();
});

describe('migrations', () => {
  test('apply every migration to an empty database, then nothing the second time', async () => {
    const all = migrationsList().migrationDirectories.map((d) => d.path);
    expect(all.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.factory)).toEqual(all);
    expect(await applyMigrations(db.factory)).toEqual([]);
    expect(await db.prisma.concept.count()).toBe(0);
  });
});

describe('seed', () => {
  const author = { name: 'apikey:test (seed test)' };

  test('the first seed creates every concept and reference with a revision each', async () => {
    const content = repoContent();
    const report = await seedContent(db.prisma, content);
    expect(report.created.sort()).toEqual(content.concepts.map((c) => c.slug).sort());
    expect(report.references.created).toHaveLength(content.references.length);
    expect(report.conflicts).toEqual([]);
    expect(await db.prisma.revision.count({ where: { action: 'seed.create' } })).toBe(
      content.concepts.length + content.references.length,
    );
  });

  test('a second seed changes nothing', async () => {
    const revisions = await db.prisma.revision.count();
    const versions = await db.prisma.concept.findMany({
      select: { slug: true, version: true, updatedAt: true },
      orderBy: { slug: 'asc' },
    });
    // The first seed applied the content in full, so this one reads that row instead of comparing.
    expect(await db.prisma.seedState.count()).toBe(1);
    expect(await isSeeded(db.prisma, contentFingerprint())).toBe(true);
    const report = await seedContent(db.prisma, repoContent());
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toHaveLength(repoContent().concepts.length);
    expect(await db.prisma.revision.count()).toBe(revisions);
    expect(
      await db.prisma.concept.findMany({
        select: { slug: true, version: true, updatedAt: true },
        orderBy: { slug: 'asc' },
      }),
    ).toEqual(versions);
  });

  test('changed content updates the concept; an API edit is reported as a conflict and kept', async () => {
    const knowledge = await Knowledge.open(db);
    const [edited, changed] = repoContent()
      .concepts.slice(0, 2)
      .map((c) => c.slug);
    const before = knowledge.requireConcept(edited);
    await knowledge.updateConcept(author, {
      slug: edited,
      expectedVersion: before.version,
      texts: [{ locale: 'en', summary: 'An edit made through the API.' }],
    });

    const content = repoContent();
    const altered = {
      ...content,
      concepts: content.concepts.map((c) =>
        c.slug === edited || c.slug === changed
          ? { ...c, text: { ...c.text, en: { ...c.text.en, title: `${c.text.en.title} (new)` } } }
          : c,
      ),
      hashes: new Map(
        [...content.hashes].map(([slug, h]) => [slug, slug === edited || slug === changed ? `${h}-changed` : h]),
      ),
      fingerprint: 'of files that differ from the repository content',
    };
    const report = await seedContent(db.prisma, altered);
    expect(report.updated).toEqual([changed]);
    expect(report.conflicts).toEqual([{ slug: edited, reason: 'edited through the API since the last seed' }]);
    // Not applied in full: the next seed compares again, and reports the conflict again.
    expect(await db.prisma.seedState.count()).toBe(0);
    expect(await isSeeded(db.prisma, altered.fingerprint)).toBe(false);
    expect((await seedContent(db.prisma, altered)).conflicts).toHaveLength(1);
    await knowledge.refresh();
    expect(knowledge.requireConcept(edited).texts.en?.summary).toBe('An edit made through the API.');
    expect(knowledge.requireConcept(changed).texts.en?.title).toMatch(/\(new\)$/);

    const forced = await seedContent(db.prisma, altered, { force: true });
    expect(forced.updated).toEqual([edited]);
    expect(await db.prisma.seedState.count()).toBe(1);
    const history = await db.prisma.revision.findMany({ where: { subject: edited }, orderBy: { id: 'asc' } });
    expect(history.map((r) => r.action)).toEqual(['seed.create', 'updateConcept', 'seed.update']);
    expect(JSON.stringify(history[2].before)).toContain('An edit made through the API.');
  });

  test('a reference edited through the API is kept as a conflict too; forced, the seed writes a new version', async () => {
    const knowledge = await Knowledge.open(db);
    const [edited, changed] = repoContent().references.slice(0, 2);
    await knowledge.updateReference(author, { key: edited.id, expectedVersion: 1, note: 'Edited through the API.' });
    const content = repoContent();
    const altered = {
      ...content,
      references: content.references.map((r) =>
        r === edited || r === changed ? { ...r, title: `${r.title} (new)` } : r,
      ),
    };
    const report = await seedContent(db.prisma, altered);
    expect(report.references.updated).toEqual([changed.id]);
    expect(report.references.conflicts).toEqual([
      { key: edited.id, reason: 'edited through the API since the last seed' },
    ]);
    const row = (key: string) => db.prisma.reference.findUniqueOrThrow({ where: { key } });
    expect(await row(edited.id)).toMatchObject({ note: 'Edited through the API.', title: edited.title, version: 2 });
    expect(await row(changed.id)).toMatchObject({ title: `${changed.title} (new)`, version: 2 });

    expect((await seedContent(db.prisma, altered, { force: true })).references.updated).toEqual([edited.id]);
    expect(await row(edited.id)).toMatchObject({ title: `${edited.title} (new)`, version: 3, editedAt: null });
    const history = await db.prisma.revision.findMany({
      where: { subject: `reference:${edited.id}` },
      orderBy: { id: 'asc' },
    });
    expect(history.map((r) => [r.action, r.version])).toEqual([
      ['seed.create', 1],
      ['updateReference', 2],
      ['seed.update', 3],
    ]);
    // Each side is the reference's fields alone (no row ids or hashes), so any of them can be reverted to.
    expect(Object.keys(history[2].before as object).sort()).toEqual(
      ['key', 'kind', 'language', 'note', 'reliability', 'title', 'url'].sort(),
    );
  });

  test('a reference removed through the API stays removed, reported as a conflict; forced back, its history goes on', async () => {
    const knowledge = await Knowledge.open(db);
    const content = repoContent();
    const draft = { ...content.references[0], id: 'draft-uncited', title: 'A draft no fact cites' };
    const withDraft = (fingerprint: string) => ({
      ...content,
      fingerprint,
      references: [...content.references, draft],
    });
    expect((await seedContent(db.prisma, withDraft('draft-1'))).references.created).toEqual([draft.id]);
    expect(await knowledge.removeReference(author, { key: draft.id, expectedVersion: 1 })).toBe(2);

    const report = await seedContent(db.prisma, withDraft('draft-2'));
    expect(report.references.conflicts).toEqual([{ key: draft.id, reason: 'removed through the API' }]);
    expect(await db.prisma.reference.findUnique({ where: { key: draft.id } })).toBeNull();

    expect((await seedContent(db.prisma, withDraft('draft-3'), { force: true })).references.created).toEqual([
      draft.id,
    ]);
    const history = await db.prisma.revision.findMany({
      where: { subject: `reference:${draft.id}` },
      orderBy: { id: 'asc' },
    });
    expect(history.map((r) => [r.action, r.version])).toEqual([
      ['seed.create', 1],
      ['removeReference', 2],
      ['seed.create', 3],
    ]);
    expect(await db.prisma.reference.findUnique({ where: { key: draft.id } })).toMatchObject({ version: 3 });
  });
});

describe('content validation', () => {
  const write = (dir: string, file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const concept = (slug: string, extra = '') => `slug: ${slug}
kind: RESOURCE
category: services
text:
  en: { title: T, aliases: [a], summary: S, body: B }
  ko: { title: T, aliases: [a], summary: S, body: B }
${extra}`;

  function problemsOf(dir: string): string[] {
    try {
      loadContent(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(KubeknowError);
      return (err as KubeknowError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    throw new Error('expected the content to be rejected');
  }

  test('an unknown relation target and a fact without a known reference name the file and entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-content-'));
    write(
      dir,
      'references/a.yaml',
      '- { id: good, url: "https://kubernetes.io/", title: K, language: en, kind: OFFICIAL_DOCS, reliability: AUTHORITATIVE }\n',
    );
    write(
      dir,
      'concepts/one.yaml',
      concept(
        'one',
        'relations:\n  - { type: IS_A, target: two }\n  - { type: IS_A, target: servce }\nfacts:\n  - { key: f, ref: missing, en: E, ko: K }\n',
      ),
    );
    write(dir, 'concepts/two.yaml', concept('two'));
    expect(problemsOf(dir)).toEqual([
      'concepts/one.yaml:facts[0].ref: unknown reference "missing"'.replace(
        /^/,
        path.relative(process.cwd(), dir) + '/',
      ),
      'concepts/one.yaml:relations[1].target: unknown concept "servce"'.replace(
        /^/,
        path.relative(process.cwd(), dir) + '/',
      ),
    ]);
  });

  test('schema problems, a slug that differs from the file name and bad YAML all come at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-content-'));
    write(dir, 'concepts/bad-kind.yaml', concept('bad-kind').replace('kind: RESOURCE', 'kind: THING'));
    write(dir, 'concepts/misnamed.yaml', concept('other-name'));
    write(dir, 'concepts/broken.yaml', 'slug: [unclosed');
    write(dir, 'references/r.yaml', '- { id: r, title: R, language: en, kind: BLOG, reliability: MAYBE }\n');
    const problems = problemsOf(dir).map((p) => p.replace(path.relative(process.cwd(), dir) + '/', ''));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^concepts\/bad-kind\.yaml:kind: /),
        'concepts/misnamed.yaml:slug: must equal the file name (got "other-name")',
        expect.stringMatching(/^concepts\/broken\.yaml: not valid YAML: /),
        expect.stringMatching(/^references\/r\.yaml:\[0\]\.reliability: /),
      ]),
    );
  });

  test('the fingerprint changes with any file name or byte, and only with them', () => {
    // Files as [name, text] pairs; two sets fingerprint alike exactly when they are the same files.
    const files = fc.uniqueArray(
      fc.tuple(
        fc.constantFrom('concepts', 'references'),
        fc.stringMatching(/^[a-z]{1,6}$/),
        fc.string({ maxLength: 40 }),
      ),
      {
        maxLength: 4,
        selector: ([folder, name]) => `${folder}/${name}`,
      },
    );
    const written = (set: [string, string, string][]) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-fingerprint-'));
      for (const [folder, name, text] of set) write(dir, `${folder}/${name}.yaml`, text);
      return dir;
    };
    const sorted = (set: [string, string, string][]) => JSON.stringify([...set].sort());
    fc.assert(
      fc.property(files, files, (a, b) => {
        const [x, y] = [written(a), written(b)];
        try {
          expect(contentFingerprint(x) === contentFingerprint(y)).toBe(sorted(a) === sorted(b));
          expect(contentFingerprint(x)).toBe(contentFingerprint(x));
        } finally {
          for (const d of [x, y]) fs.rmSync(d, { recursive: true, force: true });
        }
      }),
      { numRuns: 50 },
    );
  });

  test('the loaded content carries the fingerprint of its files', () => {
    expect(repoContent().fingerprint).toBe(contentFingerprint());
  });

  test('the repository content is valid', () => {
    expect(loadContent().concepts.length).toBeGreaterThan(0);
  });
});
