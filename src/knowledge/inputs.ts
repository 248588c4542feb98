// The inputs of edits, checked once here so GraphQL, REST and MCP reject the same things the same way.
import { z } from 'zod';
import { KubeknowError, pathOf } from '../errors';
import { unstorableTexts } from '../util/text';
import { MAX_INPUT_DEPTH } from '../k8s/objects';
import { COMPUTATION_NAMES } from './computations';
import { languageCode, slug as slugRule } from './content/schema';
import { clearable, kept } from './patches';
import { nameKey } from './search/names';
import { CATEGORIES, CONCEPT_KINDS, LOCALES, REFERENCE_KINDS, RELATION_TYPES, RELIABILITIES } from './types';

const slug = slugRule.max(80);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const version = z.number().int().min(1);
// A name is looked up as typed: an invisible character (a zero-width space, a bidi control) would make
// one that reads as "pod" and leads elsewhere.
// U+0000 is left to the check for texts PostgreSQL cannot store (util/text.ts), which names it so.
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const INVISIBLE = /[\u0001-\u001f\u007f-\u009f\p{Cf}]/u;
const name = text(200).superRefine((v, ctx) => {
  const found = INVISIBLE.exec(v)?.[0];
  if (found === undefined) return;
  const at = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  ctx.addIssue({ code: 'custom', message: `must not contain invisible or control characters (${at})` });
});
const names = z.array(name).max(50);
// An empty apiVersion or kind is none at all, as null is.
const k8sField = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v || null);
const diagnosedBy = z
  .array(z.enum(COMPUTATION_NAMES))
  .max(COMPUTATION_NAMES.length)
  .refine((list) => new Set(list).size === list.length, 'names a computation twice');
/** Each locale at most once, so no two patches of one text race; the repeat is named at its `locale`. */
const oneEachLocale = (list: readonly { locale: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  for (const [i, { locale }] of list.entries()) {
    if (seen.has(locale))
      ctx.addIssue({ code: 'custom', path: [i, 'locale'], message: `gives the locale "${locale}" twice` });
    seen.add(locale);
  }
};
/** Aliases are names as lookups compare them (case, spaces, dashes aside): one that repeats another is refused at its index. */
const aliases = names.superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [i, alias] of list.entries()) {
    const key = nameKey(alias);
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `repeats an alias: "${alias}" is the same name (names compare without case, spaces, dashes, underscores and dots)`,
      });
    seen.add(key);
  }
});

const localeText = z.object({
  locale: z.enum(LOCALES),
  title: text(200),
  aliases: aliases.default([]),
  summary: text(2000),
  body: z.string().max(100_000).default(''),
  symptoms: names.default([]),
});

/** A patch of a concept's text in one locale; see patches.ts. */
const localeTextPatch = z.object({
  locale: z.enum(LOCALES),
  title: kept(text(200)),
  aliases: clearable(aliases),
  summary: kept(text(2000)),
  body: clearable(z.string().max(100_000)),
  symptoms: clearable(names),
});

export const createConceptInput = z.object({
  slug,
  kind: z.enum(CONCEPT_KINDS),
  category: z.enum(CATEGORIES),
  apiVersion: k8sField.nullish(),
  k8sKind: k8sField.nullish(),
  diagnosedBy: diagnosedBy.default([]),
  texts: z
    .array(localeText)
    .min(1, 'needs the text in at least one locale')
    .max(LOCALES.length)
    .superRefine(oneEachLocale),
});

export const updateConceptInput = z.object({
  slug,
  expectedVersion: version,
  kind: kept(z.enum(CONCEPT_KINDS)),
  category: kept(z.enum(CATEGORIES)),
  apiVersion: clearable(k8sField),
  k8sKind: clearable(k8sField),
  diagnosedBy: clearable(diagnosedBy),
  texts: kept(z.array(localeTextPatch).max(LOCALES.length).superRefine(oneEachLocale)),
});

export const relationInput = z.object({
  source: slug,
  target: slug,
  type: z.enum(RELATION_TYPES),
  note: z.string().max(1000).default(''),
  expectedVersion: version.optional(),
});

/** Changes the note of a relation; its source, target and type name it. */
export const updateRelationInput = z.object({
  source: slug,
  target: slug,
  type: z.enum(RELATION_TYPES),
  note: clearable(z.string().max(1000)),
  expectedVersion: version.optional(),
});

const referenceKey = z.string().min(1).max(100);
const statement = text(2000);
const belief = text(1000);

export const addFactInput = z.object({
  slug,
  key: slug.optional(),
  reference: referenceKey,
  statements: z.object({ en: statement, ko: statement }),
  corrects: z.object({ belief: z.object({ en: belief, ko: belief }) }).nullish(),
  expectedVersion: version.optional(),
});

/** A patch of a fact, named by its concept and key; null `corrects` makes it correct no belief. */
export const updateFactInput = z.object({
  slug,
  key: slug,
  reference: kept(referenceKey),
  statements: kept(z.object({ en: kept(statement), ko: kept(statement) })),
  corrects: clearable(z.object({ belief: z.object({ en: kept(belief), ko: kept(belief) }) })),
  expectedVersion: version.optional(),
});

export const removeFactInput = z.object({ slug, key: slug, expectedVersion: version.optional() });

export const addReferenceInput = z.object({
  key: slug,
  url: z.url({ protocol: /^https?$/ }).nullish(),
  title: text(300),
  language: languageCode,
  kind: z.enum(REFERENCE_KINDS),
  reliability: z.enum(RELIABILITIES),
  note: z.string().max(2000).default(''),
});

/** A patch of a reference, named by its key. */
export const updateReferenceInput = z.object({
  key: slug,
  url: clearable(z.url({ protocol: /^https?$/ })),
  title: kept(text(300)),
  language: kept(languageCode),
  kind: kept(z.enum(REFERENCE_KINDS)),
  reliability: kept(z.enum(RELIABILITIES)),
  note: clearable(z.string().max(2000)),
  expectedVersion: version.optional(),
});

/** Writes back the reference as an earlier revision left it. */
export const revertReferenceInput = z.object({ key: slug, toVersion: version, expectedVersion: version });
/** Removes a reference no fact cites; a revert brings it back. */
export const removeReferenceInput = z.object({ key: slug, expectedVersion: version });

const exampleTitle = text(200);
// Kept as sent (a YAML block's last newline too), so a manifest reads back as it was written.
const manifest = z
  .string()
  .max(100_000)
  .refine((m) => m.trim() !== '', 'must not be empty');

/** Adds a manifest to a concept, under a key new to it. */
export const addExampleInput = z.object({
  slug,
  key: slug,
  title: z.object({ en: exampleTitle, ko: exampleTitle }),
  manifest,
  expectedVersion: version.optional(),
});

/** A patch of an example, named by its concept and key. */
export const updateExampleInput = z.object({
  slug,
  key: slug,
  title: kept(z.object({ en: kept(exampleTitle), ko: kept(exampleTitle) })),
  manifest: kept(manifest),
  expectedVersion: version.optional(),
});

export const removeExampleInput = z.object({ slug, key: slug, expectedVersion: version.optional() });

/** Writes back the concept as an earlier revision left it. */
export const revertConceptInput = z.object({ slug, toVersion: version, expectedVersion: version });
/** Deletes a concept, or brings a deleted one back; both kept as revisions. */
export const deleteConceptInput = z.object({ slug, expectedVersion: version });
export const restoreConceptInput = z.object({ slug, expectedVersion: version.optional() });

/** Parses an edit's input, or throws BAD_USER_INPUT naming every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const out = schema.safeParse(value);
  // A text the store cannot keep would fail in the database, after the checks (INTERNAL): refused here.
  const issues = [...(out.success ? [] : out.error.issues), ...unstorableTexts(value, MAX_INPUT_DEPTH)];
  if (out.success && !issues.length) return out.data;
  throw new KubeknowError(
    issues.map((i) => ({
      code: 'BAD_USER_INPUT' as const,
      path: pathOf(i.path),
      message: i.message,
    })),
  );
}
