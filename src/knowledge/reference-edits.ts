// Edits of references. A reference is edited as a concept is (edits.ts): one transaction that checks
// the expected version, changes the row, bumps its version and keeps a revision (subject
// `reference:<key>`) with the reference before and after, so any edit can be reverted.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import { notify, type Author } from './edits';
import { addReferenceInput, parseInput, revertReferenceInput, updateReferenceInput } from './inputs';
import { applyPatch } from './patches';
import { REFERENCE_KINDS, RELIABILITIES } from './types';
import type { Tx } from './write';

/** A reference as its revisions keep it: its fields, without its version. */
const storedReference = z.object({
  key: z.string(),
  url: z.string().nullable().default(null),
  title: z.string(),
  language: z.string(),
  kind: z.enum(REFERENCE_KINDS),
  reliability: z.enum(RELIABILITIES),
  note: z.string().default(''),
});
export type ReferenceDocument = z.infer<typeof storedReference>;

/** The reference a revision (or a row) holds, read leniently as revisions of any age are; null when it is none. */
export function referenceDocumentOf(json: unknown): ReferenceDocument | null {
  const out = storedReference.safeParse(json);
  return out.success ? out.data : null;
}

export const referenceSubject = (key: string) => `reference:${key}`;

/**
 * Runs one edit of one reference with optimistic concurrency and a revision; `change` returns the
 * reference's new fields. The seed then leaves the reference alone (editedAt), as it does an edited concept.
 */
async function editReference(
  prisma: PrismaClient,
  author: Author,
  action: string,
  key: string,
  expectedVersion: number | undefined,
  change: (tx: Tx, before: ReferenceDocument) => Promise<ReferenceDocument>,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.reference.findUnique({ where: { key } });
    if (!row) fail('NOT_FOUND', `no reference "${key}"`, 'key');
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      fail(
        'CONFLICT',
        `reference "${key}" is at version ${row.version}, not ${expectedVersion}: reload it and apply your change again`,
        'expectedVersion',
      );
    const before = referenceDocumentOf(row)!;
    const after = await change(tx, before);
    // The version guard catches a concurrent edit that committed after our read.
    const bumped = await tx.reference.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...after, version: { increment: 1 }, editedAt: new Date() },
    });
    if (bumped.count !== 1)
      fail(
        'CONFLICT',
        `reference "${key}" was changed by another edit at the same time; reload it and try again`,
        'expectedVersion',
      );
    const version = row.version + 1;
    await tx.revision.create({
      data: { subject: referenceSubject(key), action, author: author.name, version, before, after },
    });
    await notify(tx, referenceSubject(key));
    return version;
  });
}

/** Adds a reference (key must be new); version 1. */
export async function addReference(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(addReferenceInput, raw);
  await prisma.$transaction(async (tx) => {
    if (await tx.reference.findUnique({ where: { key: input.key } }))
      fail('CONFLICT', `reference "${input.key}" already exists`, 'key');
    const after: ReferenceDocument = { ...input, url: input.url ?? null };
    await tx.reference.create({ data: { ...after, editedAt: new Date() } });
    await tx.revision.create({
      data: { subject: referenceSubject(input.key), action: 'addReference', author: author.name, version: 1, after },
    });
    await notify(tx, referenceSubject(input.key));
  });
  return input.key;
}

/** Changes a reference: what is given changes, the rest keeps its value. */
export async function updateReference(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const { expectedVersion, ...input } = parseInput(updateReferenceInput, raw);
  await editReference(prisma, author, 'updateReference', input.key, expectedVersion, async (_tx, before) =>
    applyPatch(before, input, { url: null, note: '' }),
  );
  return input.key;
}

/** Makes a reference again what it was at an earlier version, as a new version; returns its key. */
export async function revertReference(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const { key, toVersion, expectedVersion } = parseInput(revertReferenceInput, raw);
  await editReference(prisma, author, 'revertReference', key, expectedVersion, async (tx, before) => {
    const revision = await tx.revision.findFirst({
      where: { subject: referenceSubject(key), version: toVersion },
      orderBy: { id: 'desc' },
    });
    const then = revision && referenceDocumentOf(revision.after);
    if (!then) fail('NOT_FOUND', `reference "${key}" has no version ${toVersion}`, 'toVersion');
    if (isDeepStrictEqual(before, { ...then, key }))
      fail(
        'BAD_USER_INPUT',
        `reference "${key}" is already as it was at version ${toVersion}: there is nothing to revert`,
        'toVersion',
      );
    return { ...then, key };
  });
  return key;
}
