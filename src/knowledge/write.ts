// Writing a concept's parts inside a transaction; shared by the seed and the edit services.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { fail } from '../errors';
import type { ConceptFile } from './content/schema';
import type { StoredDocument } from './document';
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

/** The concept's own columns, as its document has them. */
export const conceptColumns = (doc: Pick<ConceptFile, 'slug' | 'kind' | 'category' | 'k8s' | 'diagnosedBy'>) => ({
  slug: doc.slug,
  kind: doc.kind,
  category: doc.category,
  apiVersion: doc.k8s?.apiVersion ?? null,
  k8sKind: doc.k8s?.kind ?? null,
  diagnosedBy: doc.diagnosedBy ?? [],
});

/** Makes the stored concept exactly its document (columns, texts, facts, examples, outgoing relations). */
export async function writeDocument(tx: Tx, conceptId: number, doc: StoredDocument): Promise<void> {
  await tx.concept.update({ where: { id: conceptId }, data: conceptColumns(doc) });
  await writeConceptParts(tx, conceptId, doc, true);
  await writeRelations(tx, doc.slug, doc.relations, true);
}

/**
 * Writes the outgoing relations of a concept (targets by slug), replacing the old ones when asked.
 * Relations to a deleted concept are hidden, so they are not replaced either: they come back with it
 * (a document that has one again keeps the row that is there).
 */
export async function writeRelations(
  tx: Tx,
  slug: string,
  relations: ConceptFile['relations'],
  replace: boolean,
): Promise<void> {
  const source = await tx.concept.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  if (replace) await tx.relation.deleteMany({ where: { sourceId: source.id, target: { deletedAt: null } } });
  const targets = new Map(
    (
      await tx.concept.findMany({
        where: { slug: { in: relations.map((r) => r.target) } },
        select: { id: true, slug: true },
      })
    ).map((t) => [t.slug, t.id]),
  );
  await tx.relation.createMany({
    skipDuplicates: true,
    data: relations.map((r) => ({
      sourceId: source.id,
      targetId: targets.get(r.target) ?? fail('NOT_FOUND', `unknown concept "${r.target}"`, 'target'),
      type: r.type,
      note: r.note,
    })),
  });
}
