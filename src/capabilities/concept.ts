// concept: one concept in one language, with its facts (each citing a reference), relations and examples.
import { z } from 'zod';
import { conceptJson, conceptMarkdown, conceptText } from '../knowledge/present';
import type { Locale } from '../knowledge/types';
import { LOOKUP, defineCapability, TOOL_TEXT, type CapabilityContext } from './capability';
import { lang, slug } from './fields';
import { languageOf } from './language';
import { asJson, MARKDOWN, TEXT } from './renderings';
import { conceptJson as conceptShape } from './shapes/knowledge';

// A concept asked for by a Korean name ("파드") is answered in Korean, as a Korean question is.
const answerLanguage = (input: { slug: string; lang?: Locale }, ctx: CapabilityContext) =>
  languageOf(input.lang, ctx, input.slug);

/** The concept asked for, rendered as markdown or as plain text, in the language of the answer. */
function rendered(as: typeof conceptMarkdown, input: { slug: string; lang?: Locale }, ctx: CapabilityContext) {
  return as(ctx.knowledge.requireConceptNamed(input.slug), answerLanguage(input, ctx), ctx.knowledge.concept);
}

/** The same query string, as the canonical URL keeps it, with the language the name implied when none was asked. */
function queryOf(query: Record<string, unknown>, implied: Locale | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') params.set(k, v);
  if (implied && !params.has('lang')) params.set('lang', implied);
  const text = params.toString();
  return text ? `?${text}` : '';
}

// The language the canonical URL must carry for the answer to stay in the name's language: the slug
// alone would answer in English.
function impliedLanguage(input: { slug: string; lang?: Locale }, ctx: CapabilityContext): Locale | undefined {
  const language = answerLanguage(input, ctx);
  return language === languageOf(input.lang, ctx) ? undefined : language;
}

export const concept = defineCapability({
  name: 'concept',
  summary: 'One concept',
  description:
    'A concept with its facts (each citing a reference with its reliability), relations and example manifests, in English or Korean. ' +
    'It is found by its slug or any of its names: a title or alias in either language, such as "svc", "sts" or "파드".',
  input: z.object({
    slug: slug.describe(
      'The concept slug, or any of its names: a title or alias in English or Korean ("svc", "sts", "파드", "CrashLoopBackOff").',
    ),
    lang,
  }),
  output: conceptShape,
  ...LOOKUP,
  cost: () => 1,
  run: (input, ctx) => {
    const c = ctx.knowledge.requireConceptNamed(input.slug);
    return conceptJson(c, answerLanguage(input, ctx), ctx.knowledge.concept);
  },
  rest: {
    method: 'GET',
    path: '/v1/concepts/:slug',
    tag: 'concepts',
    // A name that is not the slug goes to the canonical URL. Temporary (302): which concept a name
    // stands for is content, which edits may change.
    redirect: (v) =>
      v.output.slug === v.input.slug
        ? undefined
        : `${v.base}/v1/concepts/${encodeURIComponent(v.output.slug)}${queryOf(v.query, impliedLanguage(v.input, v.ctx))}`,
    formats: {
      json: asJson('The concept in one language.'),
      text: {
        type: TEXT,
        describe: 'For a terminal: plain text wrapped at 80 columns.',
        render: (v) => rendered(conceptText, v.input, v.ctx),
      },
      md: {
        type: MARKDOWN,
        describe: 'For chat and portals: markdown.',
        render: (v) => rendered(conceptMarkdown, v.input, v.ctx),
      },
    },
    headers: (v) => ({ 'Content-Language': answerLanguage(v.input, v.ctx) }),
    cached: true,
  },
  mcp: {
    tool: 'get_concept',
    title: 'Read a Kubernetes concept',
    description:
      'The full text of one concept as markdown: title, summary, how it behaves and what goes wrong, its facts (each citing its source, ' +
      'with UNVERIFIED or DISPUTED sources marked, and facts that correct common misunderstandings labelled) and its relations. ' +
      'Use it when you know the slug (from search_concepts or get_context) and need the details. ' +
      'Long concepts are cut to `maxChars` with a note saying so. ' +
      'Examples: {"slug": "headless-service"}, {"slug": "startup-probe", "lang": "ko", "maxChars": 3000}.',
    maxChars: 8000,
    cut: ({ slug }) =>
      `Call get_concept again with a larger maxChars (up to ${TOOL_TEXT.max}), or read the resource kubeknow://concepts/${slug.toLowerCase()}.`,
    text: (_out, input, _extras, ctx) => rendered(conceptMarkdown, input, ctx),
  },
  graphql: { field: 'concept', resolver: 'handwritten', omit: ['lang'] },
});
