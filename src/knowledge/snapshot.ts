// The whole concept graph in memory. It is small (tens of concepts), so reads never touch the
// database: the snapshot is rebuilt after every committed write and on a change notification.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { isLocale, type ConceptView, type FactView, type ReferenceView } from './types';

export interface Snapshot {
  concepts: ConceptView[]; // sorted by slug
  bySlug: Map<string, ConceptView>;
  references: ReferenceView[]; // sorted by key
  loadedAt: Date;
}

/** A reference as the services read it, from a stored row or a content entry (given its id as key). */
export const referenceView = (r: ReferenceView): ReferenceView => ({
  key: r.key,
  url: r.url,
  title: r.title,
  language: r.language,
  kind: r.kind,
  reliability: r.reliability,
  note: r.note,
  version: r.version,
});

/** The snapshot of these views: concepts by slug, each given the relations that point at it. */
export function snapshotOf(concepts: ConceptView[], references: ReferenceView[], loadedAt: Date): Snapshot {
  const bySlug = new Map(concepts.map((c) => [c.slug, c]));
  for (const c of concepts) for (const r of c.outgoing) bySlug.get(r.target)?.incoming.push(r);
  return { concepts, bySlug, references, loadedAt };
}

/** What a concept view is read with (the edits read one concept the same way, inside their transaction). */
export const conceptInclude = {
  texts: true,
  facts: { include: { reference: true }, orderBy: { id: 'asc' } },
  // A deleted concept is hidden with the relations that point at it (deleteConcept in undo.ts).
  outgoing: {
    where: { target: { deletedAt: null } },
    include: { target: { select: { slug: true } } },
    orderBy: { id: 'asc' },
  },
  examples: { orderBy: { id: 'asc' } },
} satisfies Prisma.ConceptInclude;
type ConceptRow = Prisma.ConceptGetPayload<{ include: typeof conceptInclude }>;

/** Reads every concept that is not deleted, with its texts, facts, relations and examples, and every reference. */
export async function loadSnapshot(prisma: PrismaClient): Promise<Snapshot> {
  const [rows, refs] = await Promise.all([
    prisma.concept.findMany({ where: { deletedAt: null }, orderBy: { slug: 'asc' }, include: conceptInclude }),
    prisma.reference.findMany({ orderBy: { key: 'asc' } }),
  ]);
  return snapshotOf(rows.map(conceptView), refs.map(referenceView), new Date());
}

/** One stored concept as a view (its incoming relations are filled in by the snapshot). */
export function conceptView(c: ConceptRow): ConceptView {
  const facts = new Map<string, FactView>();
  for (const f of c.facts) {
    const fact: FactView = facts.get(f.key) ?? {
      key: f.key,
      corrects: null,
      statements: {},
      reference: referenceView(f.reference),
    };
    if (isLocale(f.locale)) {
      fact.statements[f.locale] = f.statement;
      // Each locale's row carries the belief in that locale; a fact corrects a belief when any row has one.
      if (f.belief !== null) (fact.corrects ??= { belief: {} }).belief[f.locale] = f.belief;
    }
    facts.set(f.key, fact);
  }
  return {
    slug: c.slug,
    kind: c.kind,
    category: c.category,
    apiVersion: c.apiVersion,
    k8sKind: c.k8sKind,
    diagnosedBy: c.diagnosedBy,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    texts: Object.fromEntries(
      c.texts
        .filter((t) => isLocale(t.locale))
        .map((t) => [
          t.locale,
          {
            title: t.title,
            aliases: t.aliases,
            summary: t.summary,
            body: t.body,
            ...(t.symptoms.length ? { symptoms: t.symptoms } : {}),
          },
        ]),
    ),
    facts: [...facts.values()],
    outgoing: c.outgoing.map((r) => ({ type: r.type, source: c.slug, target: r.target.slug, note: r.note })),
    incoming: [],
    examples: c.examples.map((e) => ({ key: e.key, title: { en: e.titleEn, ko: e.titleKo }, manifest: e.manifest })),
  };
}
