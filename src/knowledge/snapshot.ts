// The whole concept graph in memory. It is small (tens of concepts), so reads never touch the
// database: after every committed write and on a change notification a new snapshot replaces it,
// read whole or, when a change names a few concepts, made from the last one with those reread.
// A snapshot is never changed once made: a request keeps the one it started with.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { isLocale, LOCALES, type ConceptView, type FactView, type ReferenceView, type RelationView } from './types';

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

// Code-point order, the same on every database whatever its collation, so that a concept added to a
// snapshot goes where a whole read would put it.
const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Reads every concept that is not deleted, with its texts, facts, relations and examples, and every reference. */
export async function loadSnapshot(prisma: PrismaClient): Promise<Snapshot> {
  const [rows, refs] = await Promise.all([
    prisma.concept.findMany({ where: { deletedAt: null }, include: conceptInclude }),
    prisma.reference.findMany(),
  ]);
  return snapshotOf(rows.map(conceptView).sort(bySlug), refs.map(referenceView).sort(byKey), new Date());
}

/** What a change rereads: concepts by slug (null: not there, or deleted) and, when references changed, all of them. */
export interface Reread {
  concepts: ReadonlyMap<string, ConceptView | null>;
  references: ReferenceView[] | null;
}

/**
 * Rereads the concepts named, and with them what their change may have changed in other views: the
 * concepts whose relations point at one that appeared or disappeared (deleting hides those
 * relations, restoring shows them), and the concepts whose facts cite a reference named.
 */
export async function rereadConcepts(
  prisma: PrismaClient,
  old: Snapshot,
  slugs: readonly string[],
  referenceKeys: readonly string[],
): Promise<Reread> {
  const rows = await prisma.concept.findMany({
    where: { slug: { in: [...slugs] }, deletedAt: null },
    include: conceptInclude,
  });
  const concepts = new Map<string, ConceptView | null>(slugs.map((s) => [s, null]));
  for (const row of rows) concepts.set(row.slug, conceptView(row));
  const moved = slugs.filter((s) => old.bySlug.has(s) !== (concepts.get(s) !== null));
  if (moved.length || referenceKeys.length) {
    const touched = await prisma.concept.findMany({
      where: {
        deletedAt: null,
        slug: { notIn: [...slugs] },
        OR: [
          { outgoing: { some: { target: { slug: { in: moved } } } } },
          { facts: { some: { reference: { key: { in: [...referenceKeys] } } } } },
        ],
      },
      include: conceptInclude,
    });
    for (const row of touched) concepts.set(row.slug, conceptView(row));
  }
  const references = referenceKeys.length ? (await prisma.reference.findMany()).map(referenceView).sort(byKey) : null;
  return { concepts, references };
}

/**
 * The snapshot after a change: `old` with the reread concepts in place of theirs (null ones gone) and
 * every incoming relation list made again. Views are shared with `old` except those of the reread
 * concepts and of their neighbours (either way, before or after): a neighbour shows a changed
 * concept's title in its relations, and renderings are kept per view (present.ts).
 */
export function patchSnapshot(old: Snapshot, reread: Reread, loadedAt: Date): Snapshot {
  const neighbours = new Set<string>();
  const touch = (c: ConceptView | null | undefined) => {
    for (const r of c?.outgoing ?? []) neighbours.add(r.target);
    for (const r of c?.incoming ?? []) neighbours.add(r.source);
  };
  for (const [slug, view] of reread.concepts) {
    touch(old.bySlug.get(slug));
    touch(view);
  }
  const merged = old.concepts.filter((c) => !reread.concepts.has(c.slug));
  for (const view of reread.concepts.values()) if (view) merged.push(view);
  merged.sort(bySlug);
  const incoming = new Map<string, RelationView[]>();
  for (const c of merged) {
    for (const r of c.outgoing) {
      const list = incoming.get(r.target);
      if (list) list.push(r);
      else incoming.set(r.target, [r]);
    }
  }
  const concepts = merged.map((c) =>
    reread.concepts.has(c.slug) || neighbours.has(c.slug) ? { ...c, incoming: incoming.get(c.slug) ?? [] } : c,
  );
  return {
    concepts,
    bySlug: new Map(concepts.map((c) => [c.slug, c])),
    references: reread.references ?? old.references,
    loadedAt,
  };
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
    // In LOCALES' order, not the rows': an edit rewrites a text's row, and PostgreSQL then returns it
    // last, so the concept's languages (and links) changed order with every edit.
    texts: Object.fromEntries(
      LOCALES.flatMap((l) => c.texts.filter((t) => t.locale === l)).map((t) => [
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
