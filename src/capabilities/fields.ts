// Input fields several capabilities share, so that they read, default and limit the same everywhere.
import { z } from 'zod';
import { MAX_PAGE } from '../knowledge/page';
import { MAX_QUERY_CHARS } from '../knowledge/search/query';
import { CATEGORIES, CONCEPT_KINDS, LOCALES } from '../knowledge/types';
import { didYouMeanText } from '../util/suggest';

/** The language of the answer; left out, it is decided by languageOf (language.ts). */
export const lang = z
  .enum(LOCALES)
  .optional()
  .describe(
    'Language of the answer: "en" or "ko". Default: the reader\'s language when the transport knows it (Accept-Language), then the question\'s (Hangul → Korean), then English.',
  );

export const slug = z
  .string()
  .min(1)
  .max(100)
  .describe('A concept slug, e.g. "headless-service", "readiness-probe" (search_concepts and /v1/search give them).');

/** A question or keywords in Korean or English. */
export const question = (description: string) =>
  z
    .string()
    .min(1)
    .max(500)
    // Blank is empty: refused here, at the field the caller sent, rather than deeper in.
    // An empty one is told only that it is empty (min above).
    .refine((s) => s === '' || s.trim() !== '', 'must not be only spaces')
    .describe(description);

/**
 * What a question adds to a lookup's cost: its length, up to the characters the search reads. A long
 * question is many terms, each looked up (a 400-character Korean one without spaces is about 12 ms
 * of the event loop); priced at 1, three hundred GraphQL aliases of it held every client for seconds.
 */
export const questionCost = (text: string): number => Math.ceil(Math.min(text.length, MAX_QUERY_CHARS) / 4);

/** How many items a page holds, 1 to 100, with this default. */
export const limit = (fallback: number, what = 'items') =>
  z
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(fallback)
    .describe(`How many ${what} to return (1-${MAX_PAGE}, default ${fallback}).`);

export const cursor = z
  .string()
  .max(200)
  .optional()
  .describe('Continue after this cursor: the `nextCursor` of the previous page (GraphQL: an `endCursor`).');

/** The page of a list, as every list answers it. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.int().describe('How many items all pages hold.'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.'),
  });

/** The page a list capability returns: `limit` items (with this default) after `cursor`. */
export const paging = (fallback: number, what: string) => ({ limit: limit(fallback, what), cursor });

/** Upper-case ASCII letters lowered, nothing else: toLowerCase also folds other letters, such as the
 * Kelvin sign K to k, which would read `Networ\u212Aing` as `networking`. */
export const lowerAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The filters of a list of concepts. */
export const conceptFilters = {
  // A string checked against the list, not an enum, so GraphQL keeps its String argument; an unknown
  // category is refused with the list rather than answered with an empty page. Read in any case, as
  // `lang` is: the categories are kubeknow's own lower-case words, so `Networking` can only mean
  // `networking` (it was refused, on every transport, with a did-you-mean of the same word).
  category: z
    .string()
    .max(100)
    .transform(lowerAscii)
    .superRefine((c, ctx) => {
      if (!(CATEGORIES as readonly string[]).includes(c))
        ctx.addIssue({
          code: 'custom',
          message: `must be one of ${CATEGORIES.join(', ')}${didYouMeanText(c, CATEGORIES)}`,
        });
    })
    .optional()
    .describe(`Only concepts of this category, in any case: ${CATEGORIES.join(', ')}.`),
  kind: z.enum(CONCEPT_KINDS).optional().describe('Only concepts of this kind.'),
};
