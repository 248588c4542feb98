// Content files as the concept views the services read, without a database (search evaluation).
import type { ConceptView, ReferenceView } from '../types';
import type { ContentSet } from './load';

/** The views a freshly seeded store would hold for this content (version 1, a fixed date). */
export function contentViews(set: ContentSet, at = new Date(0)): ConceptView[] {
  const refs = new Map<string, ReferenceView>(
    set.references.map((r) => [
      r.id,
      {
        key: r.id,
        url: r.url,
        title: r.title,
        language: r.language,
        kind: r.kind,
        reliability: r.reliability,
        note: r.note,
      },
    ]),
  );
  const views = new Map<string, ConceptView>();
  for (const c of set.concepts) {
    views.set(c.slug, {
      slug: c.slug,
      kind: c.kind,
      category: c.category,
      apiVersion: c.k8s?.apiVersion ?? null,
      k8sKind: c.k8s?.kind ?? null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      texts: { en: c.text.en, ko: c.text.ko },
      facts: c.facts.map((f) => ({
        key: f.key,
        correctsNotes: !!f.correctsNotes,
        statements: { en: f.en, ko: f.ko },
        reference: refs.get(f.ref)!,
      })),
      outgoing: c.relations.map((r) => ({ type: r.type, source: c.slug, target: r.target, note: r.note })),
      incoming: [],
      examples: c.examples.map((e) => ({ key: e.key, title: e.title, manifest: e.manifest })),
    });
  }
  for (const v of views.values()) for (const r of v.outgoing) views.get(r.target)?.incoming.push(r);
  return [...views.values()];
}
