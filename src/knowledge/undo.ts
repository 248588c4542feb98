// Undoing edits. Nothing is ever removed for good: reverting writes an earlier revision back as a new
// revision, and deleting hides a concept (its rows stay) until restoring shows it again. Each is an
// edit of the concept (edits.ts), so each has a version, a revision and optimistic concurrency.
import { isDeepStrictEqual } from 'node:util';
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import { storedDocumentOf } from './document';
import { documentAt, editConcept, type Author } from './edits';
import { deleteConceptInput, parseInput, restoreConceptInput, revertConceptInput } from './inputs';
import { writeDocument } from './write';

/** Makes a concept again what it was at an earlier version; returns its slug. */
export async function revertConcept(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const { slug, toVersion, expectedVersion } = parseInput(revertConceptInput, raw);
  await editConcept(prisma, author, 'revertConcept', slug, expectedVersion, async (tx, id, current) => {
    const doc = await documentAt(tx, slug, toVersion, storedDocumentOf, `concept "${slug}"`, 'deleted');
    // A revert that would write the document back unchanged would only add an empty version.
    if (isDeepStrictEqual(storedDocumentOf(current), doc))
      fail(
        'BAD_USER_INPUT',
        `concept "${slug}" is already as it was at version ${toVersion}: there is nothing to revert`,
        'toVersion',
      );
    await writeDocument(tx, id, { ...doc, slug });
  });
  return slug;
}

/** Deletes a concept: it and the relations to it are hidden from every read; returns its new version. */
export async function deleteConcept(prisma: PrismaClient, author: Author, raw: unknown): Promise<number> {
  const { slug, expectedVersion } = parseInput(deleteConceptInput, raw);
  return editConcept(prisma, author, 'deleteConcept', slug, expectedVersion, async (tx, id) => {
    await tx.concept.update({ where: { id }, data: { deletedAt: new Date() } });
  });
}

/** Brings a deleted concept back as it was when deleted, with the relations to it; returns its slug. */
export async function restoreConcept(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const { slug, expectedVersion } = parseInput(restoreConceptInput, raw);
  await editConcept(
    prisma,
    author,
    'restoreConcept',
    slug,
    expectedVersion,
    async (tx, id) => {
      await tx.concept.update({ where: { id }, data: { deletedAt: null } });
    },
    'deleted',
  );
  return slug;
}
