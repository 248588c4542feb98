// The shape of content files (docs/content-format.md), checked with zod so each problem has a path.
import { z } from 'zod';
import { COMPUTATION_NAMES } from '../computations';
import { CATEGORIES, CONCEPT_KINDS, REFERENCE_KINDS, RELATION_TYPES, RELIABILITIES } from '../types';

/** A slug or key: the same rule for content files and for edits through the API. */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes');
/** The language a reference is written in. */
export const languageCode = z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code such as en or ko');
const text = z.string().trim().min(1, 'must not be empty');

const localeText = z.strictObject({
  title: text,
  aliases: z.array(text).min(1, 'needs at least one alias'),
  summary: text,
  body: text,
  /** Phrasings people type for a problem the concept explains ("pod stuck pending"). */
  symptoms: z.array(text).optional(),
});

/** A kubeknow computation that diagnoses what the concept describes (src/knowledge/computations.ts). */
const computationName = z.enum(COMPUTATION_NAMES, {
  error: (issue) =>
    `unknown computation ${JSON.stringify(issue.input)}; diagnosedBy names one of ${COMPUTATION_NAMES.join(', ')}`,
});

export const conceptFile = z.strictObject({
  slug,
  kind: z.enum(CONCEPT_KINDS),
  category: z.enum(CATEGORIES),
  k8s: z.strictObject({ apiVersion: text, kind: text }).optional(),
  diagnosedBy: z
    .array(computationName)
    .refine((names) => new Set(names).size === names.length, 'names a computation twice')
    .optional(),
  text: z.strictObject({ en: localeText, ko: localeText }),
  facts: z
    .array(
      z.strictObject({
        key: slug,
        ref: text,
        // The common belief the fact corrects, stated neutrally: `en` reads after "A common belief is
        // that …", `ko` inside "흔히 “…”라고 알려져 있지만" (see src/knowledge/corrections.ts).
        corrects: z.strictObject({ belief: z.strictObject({ en: text, ko: text }) }).optional(),
        en: text,
        ko: text,
      }),
    )
    .default([]),
  relations: z
    .array(z.strictObject({ type: z.enum(RELATION_TYPES), target: slug, note: z.string().default('') }))
    .default([]),
  examples: z
    .array(
      z.strictObject({
        key: slug,
        title: z.strictObject({ en: text, ko: text }),
        manifest: text,
      }),
    )
    .default([]),
});
export type ConceptFile = z.infer<typeof conceptFile>;

export const referenceFile = z.array(
  z.strictObject({
    id: slug,
    url: z.url().nullable().default(null),
    title: text,
    language: languageCode,
    kind: z.enum(REFERENCE_KINDS),
    reliability: z.enum(RELIABILITIES),
    note: z.string().default(''),
  }),
);
export type ReferenceEntry = z.infer<typeof referenceFile>[number];
