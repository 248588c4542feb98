// A concept as one JSON document, in the shape of its content file: what revisions keep as
// before/after, so any revision can be read, compared, or written back to content/.
import type { ConceptFile } from './content/schema';
import { k8sOf, type ConceptView } from './types';

export type ConceptDocument = ConceptFile;

/** The concept view as a content-file document (facts in both locales, outgoing relations). */
export function conceptDocument(c: ConceptView): ConceptDocument {
  const text = (l: 'en' | 'ko') => c.texts[l] ?? { title: '', aliases: [], summary: '', body: '' };
  const k8s = k8sOf(c);
  return {
    slug: c.slug,
    kind: c.kind,
    category: c.category as ConceptFile['category'],
    ...(k8s ? { k8s } : {}),
    ...(c.diagnosedBy?.length ? { diagnosedBy: c.diagnosedBy as ConceptFile['diagnosedBy'] } : {}),
    text: { en: text('en'), ko: text('ko') },
    facts: c.facts.map((f) => ({
      key: f.key,
      ref: f.reference.key,
      ...(f.corrects
        ? { corrects: { belief: { en: f.corrects.belief.en ?? '', ko: f.corrects.belief.ko ?? '' } } }
        : {}),
      en: f.statements.en ?? '',
      ko: f.statements.ko ?? '',
    })),
    relations: c.outgoing.map((r) => ({ type: r.type, target: r.target, note: r.note })),
    examples: c.examples.map((e) => ({ key: e.key, title: e.title, manifest: e.manifest })),
  };
}
