// Edits of facts. A fact is part of its concept, so its edits are edits of the concept (edits.ts: a
// version and a revision). References are edited on their own (reference-edits.ts).
import type { PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import { editConcept, type Author } from './edits';
import { addFactInput, parseInput, removeFactInput, updateFactInput } from './inputs';
import { applyPatch } from './patches';
import { LOCALES } from './types';
import { factRows, type Tx } from './write';

/** The id of the reference with this key; NOT_FOUND naming `path` when there is none. */
async function referenceId(tx: Tx, key: string, path: string): Promise<number> {
  const ref = await tx.reference.findUnique({ where: { key }, select: { id: true } });
  return ref?.id ?? fail('NOT_FOUND', `no reference "${key}"; add it first with addReference`, path);
}
/** Adds a fact in both locales, backed by an existing reference. */
export async function addFact(
  prisma: PrismaClient,
  author: Author,
  raw: unknown,
): Promise<{ slug: string; key: string }> {
  const input = parseInput(addFactInput, raw);
  const key =
    input.key ??
    input.statements.en
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  await editConcept(prisma, author, 'addFact', input.slug, input.expectedVersion, async (tx, id, doc) => {
    if (doc.facts.some((f) => f.key === key))
      fail('CONFLICT', `concept "${input.slug}" already has a fact "${key}"`, 'key');
    const ref = await referenceId(tx, input.reference, 'reference');
    await tx.fact.createMany({ data: factRows(id, key, input.statements, input.corrects?.belief ?? null, ref) });
  });
  return { slug: input.slug, key };
}

/** Changes a fact's statements, reference or the belief it corrects: what is given changes, the rest keeps its value. */
export async function updateFact(
  prisma: PrismaClient,
  author: Author,
  raw: unknown,
): Promise<{ slug: string; key: string }> {
  const input = parseInput(updateFactInput, raw);
  await editConcept(prisma, author, 'updateFact', input.slug, input.expectedVersion, async (tx, id, doc) => {
    const old = doc.facts.find((f) => f.key === input.key);
    if (!old) fail('NOT_FOUND', `concept "${input.slug}" has no fact "${input.key}"`, 'key');
    const statements = applyPatch({ en: old.en, ko: old.ko }, input.statements ?? {}, {});
    let belief = old.corrects?.belief ?? null;
    if (input.corrects === null) belief = null;
    else if (input.corrects) {
      belief = applyPatch(belief ?? { en: '', ko: '' }, input.corrects.belief, {});
      // A fact that corrected no belief has none to keep: both languages are needed at once.
      for (const locale of LOCALES)
        if (!belief[locale]) fail('BAD_USER_INPUT', 'must not be empty', `corrects.belief.${locale}`);
    }
    const ref = input.reference === undefined ? undefined : await referenceId(tx, input.reference, 'reference');
    for (const locale of LOCALES) {
      await tx.fact.updateMany({
        where: { conceptId: id, key: input.key, locale },
        data: { statement: statements[locale], belief: belief?.[locale] ?? null, referenceId: ref },
      });
    }
  });
  return { slug: input.slug, key: input.key };
}

/** Removes a fact, in every locale, from its concept. */
export async function removeFact(prisma: PrismaClient, author: Author, raw: unknown): Promise<string> {
  const input = parseInput(removeFactInput, raw);
  await editConcept(prisma, author, 'removeFact', input.slug, input.expectedVersion, async (tx, id) => {
    const gone = await tx.fact.deleteMany({ where: { conceptId: id, key: input.key } });
    if (gone.count === 0) fail('NOT_FOUND', `concept "${input.slug}" has no fact "${input.key}"`, 'key');
  });
  return input.slug;
}
