// Writing a concept's parts inside a transaction; shared by the seed and the edit services.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import type { ConceptFile } from './content/schema';
import { LOCALES, type Locale } from './types';

export type Tx = Prisma.TransactionClient | PrismaClient;

/** Writes texts, facts and examples of a concept from its document, replacing the old ones when asked. */
export async function writeConceptParts(
  tx: Tx,
  conceptId: number,
  doc: { text: Partial<ConceptFile['text']> } & Pick<ConceptFile, 'facts' | 'examples'>,
  replace: boolean,
): Promise<void> {
  if (replace) {
    await tx.conceptText.deleteMany({ where: { conceptId } });
    await tx.fact.deleteMany({ where: { conceptId } });
    await tx.example.deleteMany({ where: { conceptId } });
  }
  await tx.conceptText.createMany({
    data: LOCALES.flatMap((locale) => {
      const text = doc.text[locale];
      return text ? [{ conceptId, locale, ...text }] : [];
    }),
  });
  const refs = new Map(
    (
      await tx.reference.findMany({
        where: { key: { in: doc.facts.map((f) => f.ref) } },
        select: { id: true, key: true },
      })
    ).map((r) => [r.key, r.id]),
  );
  await tx.fact.createMany({
    data: doc.facts.flatMap((f) => {
      const referenceId = refs.get(f.ref) ?? fail('NOT_FOUND', `unknown reference "${f.ref}"`, 'ref');
      return factRows(conceptId, f.key, { en: f.en, ko: f.ko }, f.corrects?.belief ?? null, referenceId);
    }),
  });
  await tx.example.createMany({
    data: doc.examples.map((e) => ({
      conceptId,
      key: e.key,
      titleEn: e.title.en,
      titleKo: e.title.ko,
      manifest: e.manifest,
    })),
  });
}

/** The stored rows of one fact: one per locale, sharing its key and reference, each with its locale's belief. */
export function factRows(
  conceptId: number,
  key: string,
  statements: Record<Locale, string>,
  belief: Record<Locale, string> | null,
  referenceId: number,
) {
  return LOCALES.map((locale) => ({
    conceptId,
    key,
    locale,
    statement: statements[locale],
    belief: belief ? belief[locale] : null,
    referenceId,
  }));
}

/** Writes the outgoing relations of a concept (targets by slug), replacing the old ones when asked. */
export async function writeRelations(
  tx: Tx,
  slug: string,
  relations: ConceptFile['relations'],
  replace: boolean,
): Promise<void> {
  const source = await tx.concept.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  if (replace) await tx.relation.deleteMany({ where: { sourceId: source.id } });
  const targets = new Map(
    (
      await tx.concept.findMany({
        where: { slug: { in: relations.map((r) => r.target) } },
        select: { id: true, slug: true },
      })
    ).map((t) => [t.slug, t.id]),
  );
  await tx.relation.createMany({
    data: relations.map((r) => ({
      sourceId: source.id,
      targetId: targets.get(r.target) ?? fail('NOT_FOUND', `unknown concept "${r.target}"`, 'target'),
      type: r.type,
      note: r.note,
    })),
  });
}
