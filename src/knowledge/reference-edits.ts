// Edits of references. A reference is edited as a concept is (edits.ts): one transaction that checks
// the expected version, changes the row, bumps its version and keeps a revision (subject
// `reference:<key>`) with the reference before and after, so any edit can be reverted. Removing a
// reference deletes its row (facts hold it by a foreign key, so only one no fact cites can go) and keeps
// it in the removal's revision: a revert writes it back under its key, its history continuing.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import { documentAt, notify, type Author } from './edits';
import {
  addReferenceInput,
  parseInput,
  removeReferenceInput,
  revertReferenceInput,
  updateReferenceInput,
} from './inputs';
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

/** The version at which a reference was removed, when removing it is the last thing that happened to it. */
export async function removedAt(tx: Tx, key: string): Promise<number | undefined> {
  const last = await tx.revision.findFirst({
    where: { subject: referenceSubject(key) },
    orderBy: { id: 'desc' },
    select: { action: true, version: true },
  });
  return last?.action === 'removeReference' ? last.version : undefined;
}

/** The row of a reference an edit changes: NOT_FOUND, saying how to bring it back if it was removed. */
async function rowOf(tx: Tx, key: string) {
  const row = await tx.reference.findUnique({ where: { key } });
  if (row) return row;
  const removed = await removedAt(tx, key);
  if (removed === undefined) fail('NOT_FOUND', `no reference "${key}"`, 'key');
  fail('NOT_FOUND', `reference "${key}" was removed at version ${removed}; revertReference brings it back`, 'key');
}

const staleVersion = (key: string, version: number, expected: number): never =>
  fail(
    'CONFLICT',
    `reference "${key}" is at version ${version}, not ${expected}: reload it and apply your change again`,
    'expectedVersion',
  );

const lostRace = (key: string): never =>
  fail(
    'CONFLICT',
    `reference "${key}" was changed by another edit at the same time; reload it and try again`,
    'expectedVersion',
  );

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
    const row = await rowOf(tx, key);
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      staleVersion(key, row.version, expectedVersion);
    const before = referenceDocumentOf(row)!;
    const after = await change(tx, before);
    // The version guard catches a concurrent edit that committed after our read.
    const bumped = await tx.reference.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...after, version: { increment: 1 }, editedAt: new Date() },
    });
    if (bumped.count !== 1) lostRace(key);
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
    // Its history would start again at version 1 beside the old one; a revert continues it instead.
    const removed = await removedAt(tx, input.key);
    if (removed !== undefined)
      fail(
        'CONFLICT',
        `reference "${input.key}" was removed at version ${removed}; revertReference brings it back with its history`,
        'key',
      );
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

/** Makes a reference again what it was at an earlier version, as a new version; returns its key. A removed
 * reference comes back so, under its key and with its history. */
export async function revertReference(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const { key, toVersion, expectedVersion } = parseInput(revertReferenceInput, raw);
  const then = async (tx: Tx, before: ReferenceDocument | null): Promise<ReferenceDocument> => {
    const doc = await documentAt(
      tx,
      referenceSubject(key),
      toVersion,
      referenceDocumentOf,
      `reference "${key}"`,
      'removed',
    );
    if (isDeepStrictEqual(before, { ...doc, key }))
      fail(
        'BAD_USER_INPUT',
        `reference "${key}" is already as it was at version ${toVersion}: there is nothing to revert`,
        'toVersion',
      );
    return { ...doc, key };
  };
  if (await prisma.reference.findUnique({ where: { key }, select: { id: true } }))
    await editReference(prisma, author, 'revertReference', key, expectedVersion, then);
  else await bringBack(prisma, author, key, expectedVersion, (tx) => then(tx, null));
  return key;
}

/** Writes a removed reference back, as the version after its removal (which `expectedVersion` must be). */
async function bringBack(
  prisma: PrismaClient,
  author: Author,
  key: string,
  expectedVersion: number,
  then: (tx: Tx) => Promise<ReferenceDocument>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const removed = await removedAt(tx, key);
    if (removed === undefined) fail('NOT_FOUND', `no reference "${key}"`, 'key');
    if (removed !== expectedVersion) staleVersion(key, removed, expectedVersion);
    const after = await then(tx);
    const version = removed + 1;
    // A concurrent revert or seed that wrote the key first makes this a unique violation: CONFLICT.
    await tx.reference.create({ data: { ...after, version, editedAt: new Date() } });
    await tx.revision.create({
      data: { subject: referenceSubject(key), action: 'revertReference', author: author.name, version, after },
    });
    await notify(tx, referenceSubject(key));
  });
}

// How many citing facts a refusal names; the count says how many more there are.
const CITATIONS_NAMED = 10;

/** Removes a reference no fact cites, if it is still at `expectedVersion`; returns the version of the removal. */
export async function removeReference(prisma: PrismaClient, author: Author, raw: unknown): Promise<number> {
  const { key, expectedVersion } = parseInput(removeReferenceInput, raw);
  return prisma.$transaction(async (tx) => {
    const row = await rowOf(tx, key);
    if (row.version !== expectedVersion) staleVersion(key, row.version, expectedVersion);
    const citations = await citationsOf(tx, row.id);
    if (citations.length) {
      const named = citations.slice(0, CITATIONS_NAMED).join(', ');
      const more = citations.length > CITATIONS_NAMED ? ` and ${citations.length - CITATIONS_NAMED} more` : '';
      fail(
        'CONFLICT',
        `reference "${key}" is cited by ${citations.length} fact(s): ${named}${more}; remove them (removeFact) or make them cite another reference (updateFact) first`,
        'key',
      );
    }
    // The version guard catches a concurrent edit that committed after our read.
    const gone = await tx.reference.deleteMany({ where: { id: row.id, version: row.version } });
    if (gone.count !== 1) lostRace(key);
    const version = row.version + 1;
    await tx.revision.create({
      data: {
        subject: referenceSubject(key),
        action: 'removeReference',
        author: author.name,
        version,
        before: referenceDocumentOf(row)!,
      },
    });
    await notify(tx, referenceSubject(key));
    return version;
  });
}

/** The facts citing a reference, as `<slug>/<fact key>`, a deleted concept's marked so (its rows still cite it). */
async function citationsOf(tx: Tx, referenceId: number): Promise<string[]> {
  const facts = await tx.fact.findMany({
    where: { referenceId },
    select: { key: true, concept: { select: { slug: true, deletedAt: true } } },
    orderBy: [{ conceptId: 'asc' }, { key: 'asc' }],
  });
  // One row per language: each fact once.
  const named = facts.map((f) => `${f.concept.slug}/${f.key}${f.concept.deletedAt ? ' (deleted concept)' : ''}`);
  return [...new Set(named)];
}
