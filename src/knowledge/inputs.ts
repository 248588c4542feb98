// The inputs of edits, checked once here so GraphQL, REST and MCP reject the same things the same way.
import { z } from 'zod';
import { KubeknowError, pathOf } from '../errors';
import { languageCode, slug as slugRule } from './content/schema';
import { CATEGORIES, CONCEPT_KINDS, LOCALES, REFERENCE_KINDS, RELATION_TYPES, RELIABILITIES } from './types';

const slug = slugRule.max(80);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const version = z.number().int().min(1);

const localeText = z.object({
  locale: z.enum(LOCALES),
  title: text(200),
  aliases: z.array(text(200)).max(50).default([]),
  summary: text(2000),
  body: z.string().max(100_000).default(''),
});

export const createConceptInput = z.object({
  slug,
  kind: z.enum(CONCEPT_KINDS),
  category: z.enum(CATEGORIES),
  apiVersion: z.string().max(100).nullish(),
  k8sKind: z.string().max(100).nullish(),
  texts: z.array(localeText).min(1, 'needs the text in at least one locale').max(LOCALES.length),
});

export const updateConceptInput = z.object({
  slug,
  expectedVersion: version,
  kind: z.enum(CONCEPT_KINDS).optional(),
  category: z.enum(CATEGORIES).optional(),
  apiVersion: z.string().max(100).nullish(),
  k8sKind: z.string().max(100).nullish(),
  texts: z
    .array(localeText.partial().required({ locale: true }))
    .max(LOCALES.length)
    .optional(),
});

export const relationInput = z.object({
  source: slug,
  target: slug,
  type: z.enum(RELATION_TYPES),
  note: z.string().max(1000).default(''),
  expectedVersion: version.optional(),
});

export const addFactInput = z.object({
  slug,
  key: slug.optional(),
  reference: z.string().min(1).max(100),
  statements: z.object({ en: text(2000), ko: text(2000) }),
  corrects: z.object({ belief: z.object({ en: text(1000), ko: text(1000) }) }).nullish(),
  expectedVersion: version.optional(),
});

export const addReferenceInput = z.object({
  key: slug,
  url: z.url({ protocol: /^https?$/ }).nullish(),
  title: text(300),
  language: languageCode,
  kind: z.enum(REFERENCE_KINDS),
  reliability: z.enum(RELIABILITIES),
  note: z.string().max(2000).default(''),
});

/** Parses an edit's input, or throws BAD_USER_INPUT naming every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const out = schema.safeParse(value);
  if (out.success) return out.data;
  throw new KubeknowError(
    out.error.issues.map((i) => ({
      code: 'BAD_USER_INPUT' as const,
      path: pathOf(i.path),
      message: i.message,
    })),
  );
}
