// Edits of the graph. Each is one transaction: check the input and the expected version, change the
// rows, bump the concept's version, keep a revision with the document before and after, and notify
// other replicas. A failed edit changes nothing.
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import { conceptDocument, type ConceptDocument } from './document';
import { createConceptInput, parseInput, relationInput, updateConceptInput, updateRelationInput } from './inputs';
import { applyPatch } from './patches';
import { conceptInclude, conceptView } from './snapshot';
import { addedNames, refuseTakenNames } from './taken-names';
import { writeConceptParts, writeRelations, type Tx } from './write';

export const CHANGE_CHANNEL = 'kubeknow_changes';

export interface Author {
  name: string; // e.g. "apikey:ab12cd34 (portal)"
}

/**
 * A concept as its document, read inside the transaction, deleted or not; NOT_FOUND when there is no
 * row. Its parts are read one query at a time, as conceptInclude would read them: given sibling
 * includes, the pg adapter sends their queries at once on the transaction's one connection, which
 * pg 8.19 deprecates and pg 9 will refuse (prisma/orm#29646).
 */
export async function readDocument(
  tx: Tx,
  slug: string,
): Promise<{ id: number; version: number; deleted: boolean; doc: ConceptDocument }> {
  const concept = await tx.concept.findUnique({ where: { slug } });
  if (!concept) fail('NOT_FOUND', `no concept "${slug}"`, 'slug');
  const texts = await tx.conceptText.findMany({ where: { conceptId: concept.id } });
  const { facts: f, outgoing: o, examples: e } = conceptInclude;
  const facts = await tx.fact.findMany({ where: { conceptId: concept.id }, include: f.include, orderBy: f.orderBy });
  const outgoing = await tx.relation.findMany({
    where: { sourceId: concept.id, ...o.where },
    include: o.include,
    orderBy: o.orderBy,
  });
  const examples = await tx.example.findMany({ where: { conceptId: concept.id }, orderBy: e.orderBy });
  const row = { ...concept, texts, facts, outgoing, examples };
  const doc = conceptDocument(conceptView(row));
  return { id: row.id, version: row.version, deleted: row.deletedAt !== null, doc };
}

/** Whether an edit applies to a concept that is there (most) or to a deleted one (restoreConcept). */
export type EditOf = 'live' | 'deleted';

/**
 * Runs one edit of one concept with optimistic concurrency and a revision; returns the new version.
 * The revision keeps the document before and after, null on the side where the concept was deleted.
 */
export async function editConcept(
  prisma: PrismaClient,
  author: Author,
  action: string,
  slug: string,
  expectedVersion: number | undefined,
  change: (tx: Tx, id: number, doc: ConceptDocument) => Promise<void>,
  of: EditOf = 'live',
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const before = await readDocument(tx, slug);
    if (before.deleted && of === 'live')
      fail('NOT_FOUND', `concept "${slug}" was deleted; restoreConcept brings it back`, 'slug');
    if (!before.deleted && of === 'deleted') fail('CONFLICT', `concept "${slug}" is not deleted`, 'slug');
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      fail(
        'CONFLICT',
        `concept "${slug}" is at version ${before.version}, not ${expectedVersion}: reload it and apply your change again`,
        'expectedVersion',
      );
    }
    await change(tx, before.id, before.doc);
    // The version guard catches a concurrent edit that committed after our read.
    const bumped = await tx.concept.updateMany({
      where: { id: before.id, version: before.version },
      data: { version: { increment: 1 }, editedAt: new Date() },
    });
    if (bumped.count !== 1)
      fail(
        'CONFLICT',
        `concept "${slug}" was changed by another edit at the same time; reload it and try again`,
        'expectedVersion',
      );
    const after = await readDocument(tx, slug);
    await tx.revision.create({
      data: {
        subject: slug,
        action,
        author: author.name,
        version: after.version,
        before: before.deleted ? undefined : before.doc,
        after: after.deleted ? undefined : after.doc,
      },
    });
    await notify(tx, slug);
    return after.version;
  });
}

/** Tells other replicas, at commit, that the subject changed. */
export async function notify(tx: Tx, subject: string): Promise<void> {
  // Delivered at commit, to every process LISTENing on the same PostgreSQL (see sync.ts).
  await tx.$executeRaw`SELECT pg_notify(${CHANGE_CHANNEL}, ${subject})`;
}

/**
 * The document `subject` was at `version` (its revision's `after`, read by `read`), for a revert:
 * NOT_FOUND when it never had that version, BAD_USER_INPUT when it was gone (deleted, removed) then;
 * both at `toVersion`. `name` says what it is (`concept "pod"`), `gone` how it went.
 */
export async function documentAt<D>(
  tx: Tx,
  subject: string,
  version: number,
  read: (after: unknown) => D | null,
  name: string,
  gone: string,
): Promise<D> {
  const revision = await tx.revision.findFirst({ where: { subject, version }, orderBy: { id: 'desc' } });
  if (!revision) fail('NOT_FOUND', `${name} has no version ${version}`, 'toVersion');
  const doc = read(revision.after);
  if (!doc)
    fail('BAD_USER_INPUT', `at version ${version} ${name} was ${gone}; revert to a version it had`, 'toVersion');
  return doc;
}

/** Creates a concept (slug must be new); version 1. */
export async function createConcept(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(createConceptInput, raw);
  await prisma.$transaction(async (tx) => {
    const existing = await tx.concept.findUnique({ where: { slug: input.slug } });
    if (existing)
      fail(
        'CONFLICT',
        existing.deletedAt
          ? `concept "${input.slug}" was deleted; restoreConcept brings it back`
          : `concept "${input.slug}" already exists`,
        'slug',
      );
    await refuseTakenNames(tx, input.slug, addedNames(input.texts));
    const c = await tx.concept.create({
      data: {
        slug: input.slug,
        kind: input.kind,
        category: input.category,
        apiVersion: input.apiVersion ?? null,
        k8sKind: input.k8sKind ?? null,
        diagnosedBy: input.diagnosedBy,
        editedAt: new Date(),
      },
    });
    const text = Object.fromEntries(input.texts.map(({ locale, ...t }) => [locale, t]));
    await writeConceptParts(tx, c.id, { text, facts: [], examples: [] }, false);
    const after = await readDocument(tx, input.slug);
    await tx.revision.create({
      data: {
        subject: input.slug,
        action: 'createConcept',
        author: author.name,
        version: 1,
        after: after.doc,
      },
    });
    await notify(tx, input.slug);
  });
  return input.slug;
}

/** Updates a concept's fields and per-locale texts: what is given changes, the rest keeps its value. */
export async function updateConcept(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(updateConceptInput, raw);
  await editConcept(prisma, author, 'updateConcept', input.slug, input.expectedVersion, async (tx, id, doc) => {
    const { kind, category, apiVersion, k8sKind, diagnosedBy } = await tx.concept.findUniqueOrThrow({ where: { id } });
    const columns = applyPatch({ kind, category, apiVersion, k8sKind, diagnosedBy }, input, {
      apiVersion: null,
      k8sKind: null,
      diagnosedBy: [],
    });
    await tx.concept.update({ where: { id }, data: columns });
    const had = [doc.text.en.title, doc.text.ko.title, ...doc.text.en.aliases, ...doc.text.ko.aliases];
    await refuseTakenNames(tx, input.slug, addedNames(input.texts ?? [], had));
    for (const [i, { locale, ...patch }] of (input.texts ?? []).entries()) {
      const next = applyPatch(doc.text[locale], patch, { aliases: [], body: '', symptoms: [] });
      // conceptDocument gives a locale the concept lacks an empty text, which a patch must fill.
      for (const field of ['title', 'summary'] as const)
        if (!next[field]) fail('BAD_USER_INPUT', `a new ${locale} text needs a ${field}`, `texts[${i}].${field}`);
      await tx.conceptText.upsert({
        where: { conceptId_locale: { conceptId: id, locale } },
        create: { conceptId: id, locale, ...next },
        update: next,
      });
    }
  });
  return input.slug;
}

/** Adds a typed relation from source to target. */
export async function addRelation(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(relationInput, raw);
  if (input.source === input.target) fail('BAD_USER_INPUT', 'a concept cannot relate to itself', 'target');
  await editConcept(prisma, author, 'addRelation', input.source, input.expectedVersion, async (tx, _id, doc) => {
    if (doc.relations.some((r) => r.type === input.type && r.target === input.target)) {
      fail('CONFLICT', `"${input.source}" already has a ${input.type} relation to "${input.target}"`, 'target');
    }
    const target = await tx.concept.findUnique({ where: { slug: input.target }, select: { deletedAt: true } });
    if (!target || target.deletedAt) fail('NOT_FOUND', `unknown concept "${input.target}"`, 'target');
    await writeRelations(tx, input.source, [{ type: input.type, target: input.target, note: input.note }], false);
  });
  return input.source;
}

/** Changes the note of a typed relation from source to target. */
export async function updateRelation(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(updateRelationInput, raw);
  await editConcept(prisma, author, 'updateRelation', input.source, input.expectedVersion, async (tx, id, doc) => {
    const old = doc.relations.find((r) => r.type === input.type && r.target === input.target);
    if (!old) fail('NOT_FOUND', `"${input.source}" has no ${input.type} relation to "${input.target}"`, 'target');
    const { note } = applyPatch(old, input, { note: '' });
    await tx.relation.updateMany({
      where: { sourceId: id, type: input.type, target: { slug: input.target } },
      data: { note },
    });
  });
  return input.source;
}

/** Removes a typed relation from source to target. */
export async function removeRelation(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(relationInput, raw);
  await editConcept(prisma, author, 'removeRelation', input.source, input.expectedVersion, async (tx, id) => {
    const target = await tx.concept.findUnique({ where: { slug: input.target }, select: { id: true } });
    const gone =
      target && (await tx.relation.deleteMany({ where: { sourceId: id, targetId: target.id, type: input.type } }));
    if (!gone || gone.count === 0)
      fail('NOT_FOUND', `"${input.source}" has no ${input.type} relation to "${input.target}"`, 'target');
  });
  return input.source;
}
