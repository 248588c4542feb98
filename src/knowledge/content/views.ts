// Content files as the concept views the services read, without a database (search evaluation).
import { referenceView, snapshotOf } from '../snapshot';
import type { ConceptView } from '../types';
import type { ContentSet } from './load';

/** The views a freshly seeded store would hold for this content (version 1, a fixed date). */
export function contentViews(set: ContentSet, at = new Date(0)): ConceptView[] {
  const refs = new Map(set.references.map((r) => [r.id, referenceView({ ...r, key: r.id, version: 1 })]));
  const concepts = set.concepts.map((c): ConceptView => ({
    slug: c.slug,
    kind: c.kind,
    category: c.category,
    apiVersion: c.k8s?.apiVersion ?? null,
    k8sKind: c.k8s?.kind ?? null,
    diagnosedBy: c.diagnosedBy ?? [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    texts: { en: c.text.en, ko: c.text.ko },
    facts: c.facts.map((f) => ({
      key: f.key,
      corrects: f.corrects ? { belief: { ...f.corrects.belief } } : null,
      statements: { en: f.en, ko: f.ko },
      reference: refs.get(f.ref)!,
    })),
    outgoing: c.relations.map((r) => ({ type: r.type, source: c.slug, target: r.target, note: r.note })),
    incoming: [],
    examples: c.examples.map((e) => ({ key: e.key, title: e.title, manifest: e.manifest })),
  }));
  return snapshotOf(concepts, [...refs.values()], at).concepts;
}
