// A concept as one JSON document, in the shape of its content file: what revisions keep as
// before/after, so any revision can be read, compared, or written back to content/.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { computation, type ComputationName } from './computations';
import type { ConceptFile } from './content/schema';
import { CATEGORIES, CONCEPT_KINDS, RELATION_TYPES, k8sOf, type ConceptView } from './types';

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

// A document as a revision kept it. Revisions outlive schema changes (a field added or dropped since),
// so it is read leniently: unknown fields are dropped, missing lists are empty, and a computation
// no longer offered is left out. An empty title is a locale the concept did not have.
const storedText = z
  .object({
    title: z.string(),
    aliases: z.array(z.string()).default([]),
    summary: z.string().default(''),
    body: z.string().default(''),
    symptoms: z.array(z.string()).optional(),
  })
  .optional()
  .transform((t) => (t?.title ? t : undefined));
const pair = z.object({ en: z.string(), ko: z.string() });
const storedDocument = z.object({
  slug: z.string(),
  kind: z.enum(CONCEPT_KINDS),
  category: z.enum(CATEGORIES),
  k8s: z.object({ apiVersion: z.string(), kind: z.string() }).optional(),
  diagnosedBy: z
    .array(z.string())
    .default([])
    .transform((names) => names.flatMap((n): ComputationName[] => (computation(n) ? [computation(n)!.name] : []))),
  text: z.object({ en: storedText, ko: storedText }),
  facts: z
    .array(
      z.object({
        key: z.string(),
        ref: z.string(),
        corrects: z.object({ belief: pair }).optional(),
        en: z.string(),
        ko: z.string(),
      }),
    )
    .default([]),
  relations: z
    .array(z.object({ type: z.enum(RELATION_TYPES), target: z.string(), note: z.string().default('') }))
    .default([]),
  examples: z.array(z.object({ key: z.string(), title: pair, manifest: z.string() })).default([]),
});
/** A document as written back to the store: a locale the concept lacks has no text. */
export type StoredDocument = z.infer<typeof storedDocument>;

/** The document a revision kept, as the store can write it back; null when it is not one. */
export function storedDocumentOf(json: unknown): StoredDocument | null {
  const out = storedDocument.safeParse(json);
  return out.success ? out.data : null;
}

/** One field a revision changed: its path in the document, and its value before and after (null: absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

// Lists whose items have a name of their own are compared item by item, under that name; other
// lists (aliases, symptoms, diagnosedBy) are one value each.
const ITEM_NAMES: Record<string, (item: Record<string, unknown>) => string> = {
  facts: (f) => String(f.key),
  examples: (e) => String(e.key),
  relations: (r) => `${String(r.type)}:${String(r.target)}`,
};

/**
 * What changed between two documents, field by field, in document order: `text.en.body`,
 * `facts.ports-are-virtual.en`, `relations.SELECTS:pod.note`. A field or item that is on one side
 * only is shown whole, with null on the other side; a whole document likewise when one side is null.
 */
export function documentChanges(before: unknown, after: unknown, field = ''): FieldChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const keyed = ITEM_NAMES[field];
  if (keyed && Array.isArray(before) && Array.isArray(after))
    return documentChanges(byName(before, keyed), byName(after, keyed), field);
  if (!isRecord(before) || !isRecord(after)) return [{ field, before: before ?? null, after: after ?? null }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((k) => documentChanges(before[k], after[k], field ? `${field}.${k}` : k));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byName = (items: unknown[], name: (item: Record<string, unknown>) => string) =>
  Object.fromEntries(items.filter(isRecord).map((item) => [name(item), item]));
