// Loads content/ into the store idempotently. A concept is written when its file entry changed since
// the last seed; one edited through the API since then is a conflict, reported and left alone
// (unless forced, and then the overwritten state is still kept in its revision).
import type { PrismaClient } from '../generated/prisma/client';
import { contentHash, type ContentSet } from './content/load';
import type { ConceptFile, ReferenceEntry } from './content/schema';
import { readDocument } from './edits';
import { referenceDocumentOf, referenceSubject, removedAt } from './reference-edits';
import { conceptColumns, writeConceptParts, writeRelations, type Tx } from './write';

export interface SeedReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  conflicts: { slug: string; reason: string }[];
  references: {
    created: string[];
    updated: string[];
    unchanged: string[];
    conflicts: { key: string; reason: string }[];
  };
}

/** Brings the store up to the content; returns what changed and what conflicted. */
export async function seedContent(
  prisma: PrismaClient,
  content: ContentSet,
  opts: { force?: boolean } = {},
): Promise<SeedReport> {
  const report: SeedReport = {
    created: [],
    updated: [],
    unchanged: [],
    conflicts: [],
    references: { created: [], updated: [], unchanged: [], conflicts: [] },
  };
  // A restart on the content the store was last brought up to in full: every entry is unchanged, so
  // one row read replaces comparing them all.
  const { fingerprint } = content;
  if (!opts.force && (await isSeeded(prisma, fingerprint))) {
    report.unchanged = content.concepts.map((c) => c.slug);
    report.references.unchanged = content.references.map((r) => r.id);
    return report;
  }
  await prisma.$transaction(
    async (tx) => {
      // Replicas starting together on one PostgreSQL seed one after another, not over each other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(736565)`;
      await seedReferences(tx, content.references, report, opts);
      const rows = new Map(
        (await tx.concept.findMany({ select: { id: true, slug: true, seedHash: true, editedAt: true } })).map((r) => [
          r.slug,
          r,
        ]),
      );
      const written: ConceptFile[] = [];
      for (const file of content.concepts) {
        const hash = content.hashes.get(file.slug)!;
        const row = rows.get(file.slug);
        if (row && row.seedHash === hash) {
          report.unchanged.push(file.slug);
          continue;
        }
        if (row && !opts.force && (row.editedAt || !row.seedHash)) {
          report.conflicts.push({
            slug: file.slug,
            reason: row.seedHash ? 'edited through the API since the last seed' : 'created through the API',
          });
          continue;
        }
        // The state being replaced, read under the seed's lock, for the revision.
        const old = row ? (await readDocument(tx, file.slug)).doc : undefined;
        const concept = row
          ? await tx.concept.update({
              where: { id: row.id },
              data: {
                ...conceptColumns(file),
                seedHash: hash,
                editedAt: null,
                deletedAt: null,
                version: { increment: 1 },
              },
            })
          : await tx.concept.create({ data: { ...conceptColumns(file), seedHash: hash } });
        await writeConceptParts(tx, concept.id, file, !!row);
        await tx.revision.create({
          data: {
            subject: file.slug,
            action: row ? 'seed.update' : 'seed.create',
            author: 'seed',
            version: concept.version,
            before: old,
            after: file,
          },
        });
        (row ? report.updated : report.created).push(file.slug);
        written.push(file);
      }
      for (const file of written) await writeRelations(tx, file.slug, file.relations, true);
      // Content with conflicts is not applied in full: the next seed compares again (and reports them again).
      if (!report.conflicts.length && !report.references.conflicts.length) {
        await tx.seedState.upsert({
          where: { id: 1 },
          create: { contentHash: fingerprint },
          update: { contentHash: fingerprint, seededAt: new Date() },
        });
      } else await tx.seedState.deleteMany({});
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return report;
}

/**
 * Whether the store was last brought up in full to the content of this fingerprint (contentFingerprint):
 * then seeding it changes nothing, and the content need not even be read.
 */
export async function isSeeded(prisma: PrismaClient, fingerprint: string): Promise<boolean> {
  const state = await prisma.seedState.findUnique({ where: { id: 1 } });
  return state?.contentHash === fingerprint;
}

async function seedReferences(
  tx: Tx,
  refs: ReferenceEntry[],
  report: SeedReport,
  opts: { force?: boolean },
): Promise<void> {
  const rows = new Map((await tx.reference.findMany()).map((r) => [r.key, r]));
  for (const ref of refs) {
    const hash = contentHash(ref);
    const row = rows.get(ref.id);
    const data = {
      key: ref.id,
      url: ref.url,
      title: ref.title,
      language: ref.language,
      kind: ref.kind,
      reliability: ref.reliability,
      note: ref.note,
      seedHash: hash,
    };
    if (row?.seedHash === hash) {
      report.references.unchanged.push(ref.id);
      continue;
    }
    if (row && !opts.force && (row.editedAt || !row.seedHash)) {
      report.references.conflicts.push({
        key: ref.id,
        reason: row.seedHash ? 'edited through the API since the last seed' : 'added through the API',
      });
      continue;
    }
    // A reference removed through the API stays removed, as a deleted concept stays deleted; forced
    // back, its history goes on from the removal.
    const removed = row ? undefined : await removedAt(tx, ref.id);
    if (removed !== undefined && !opts.force) {
      report.references.conflicts.push({ key: ref.id, reason: 'removed through the API' });
      continue;
    }
    const written = row
      ? await tx.reference.update({
          where: { id: row.id },
          data: { ...data, editedAt: null, version: { increment: 1 } },
        })
      : await tx.reference.create({ data: { ...data, version: (removed ?? 0) + 1 } });
    await tx.revision.create({
      data: {
        subject: referenceSubject(ref.id),
        action: row ? 'seed.update' : 'seed.create',
        author: 'seed',
        version: written.version,
        before: row ? (referenceDocumentOf(row) ?? undefined) : undefined,
        after: referenceDocumentOf(data) ?? undefined,
      },
    });
    (row ? report.references.updated : report.references.created).push(ref.id);
  }
}
