// What the knowledge capabilities answer, as output schemas: the JSON of REST and of MCP's
// structuredContent. GraphQL shows the same knowledge as its graph types (src/graphql/*.type.ts).
import { z } from 'zod';
import { CONCEPT_KINDS, LOCALES, REFERENCE_KINDS, RELATION_TYPES, RELIABILITIES } from '../../knowledge/types';
import { SEARCH_FIELDS, SEARCH_MATCHES } from '../../knowledge/search';
import { str } from './fields';

const language = z.enum(LOCALES);
const k8s = z
  .object({ apiVersion: z.string(), kind: z.string() })
  .nullable()
  .describe('The Kubernetes resource the concept is, or null when it is not one.');

/** A relation seen from one concept (knowledge/present.ts relatedOf). */
export const related = z.object({
  direction: z
    .enum(['outgoing', 'incoming'])
    .describe('"outgoing": <concept> TYPE <slug>; "incoming": <slug> TYPE <concept>.'),
  type: z.enum(RELATION_TYPES),
  slug: str('The concept at the other end.'),
  title: str('Its title.'),
  note: str('What the relation means here.'),
});

/** One line of a concept list. */
export const conceptBrief = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(CONCEPT_KINDS),
  category: z.string(),
});

const referenceBrief = z.object({
  key: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  language: z.string(),
  reliability: z.enum(RELIABILITIES),
});

/** A concept in one language (knowledge/present.ts conceptJson). */
export const conceptJson = z.object({
  slug: z.string(),
  lang: language.describe('The language of the text (the other one when the asked one is missing).'),
  languages: z.array(z.string()).describe('The languages the concept is written in.'),
  kind: z.enum(CONCEPT_KINDS),
  category: z.string(),
  k8s,
  title: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  body: str('Markdown.'),
  symptoms: z
    .array(z.string())
    .describe('Phrasings people type for a problem the concept explains ("pod stuck pending").'),
  diagnosedBy: z
    .array(
      z.object({
        name: str('The computation, such as `scheduling-evaluate`.'),
        route: str('The route that serves it, such as `POST /v1/scheduling/evaluate`.'),
        does: str('What it shows, in the language of the text.'),
      }),
    )
    .describe('The kubeknow computations that diagnose what the concept describes.'),
  facts: z.array(
    z.object({
      key: z.string(),
      statement: z.string(),
      corrects: z
        .object({ belief: z.string().nullable() })
        .nullable()
        .describe('The common belief the fact corrects (in the same language), or null when it corrects none.'),
      reference: referenceBrief,
    }),
  ),
  relations: z.array(related),
  examples: z.array(z.object({ key: z.string(), title: z.string(), manifest: z.string() })),
  version: z.int().describe('Increases with every edit (optimistic concurrency).'),
  updatedAt: z.string().meta({ format: 'date-time' }),
  links: z.record(z.string(), z.string()).describe('The concept in each of its languages.'),
});

/** A search hit with the text it matched. */
/** Absolute relevance, comparable across questions (the score is relative to the best hit). */
const relevance = () =>
  z
    .number()
    .min(0)
    .max(1)
    .describe(
      'How much of the question this concept covers wherever it has the words, 0-1, comparable across questions. Not the order: items are ranked by score, so a lower item may show a higher relevance.',
    );

/** Whether the best concept answers the question. */
export const searchMatch = z
  .enum(SEARCH_MATCHES)
  .describe(
    'Whether the best concept answers the question: strong (it does), weak (it may, in part: check before relying on it), none (no concept covers the question).',
  );

export const searchHit = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  score: z
    .number()
    .describe(
      'What the items are ranked by, highest first: 1 for the first, a fraction of it for the others. Where the question’s words are found counts (a title, alias or symptom over the body); it says nothing about whether the first answers the question (relevance and match do).',
    ),
  relevance: relevance(),
  matchedLang: language.describe('The language of the text the snippet quotes.'),
  matchedField: z.enum(SEARCH_FIELDS).describe('The part of the concept the snippet is taken from.'),
  snippet: str('About 200 characters around the best match; "…" marks a cut.'),
  highlights: z
    .array(z.tuple([z.int(), z.int()]))
    .describe('[start, end) offsets of the matched words in the snippet, in UTF-16 code units.'),
});

/** A reference with its reliability and the concepts citing it. */
export const reference = z.object({
  key: z.string(),
  url: z.string().nullable().describe('null for a source known by its title only.'),
  title: z.string(),
  language: z.string(),
  kind: z.enum(REFERENCE_KINDS),
  reliability: z.enum(RELIABILITIES),
  note: z.string(),
  version: z.int().describe('Increases with every edit (optimistic concurrency): what updateReference takes.'),
  citedBy: z.array(z.string()).describe('Slugs of the concepts whose facts cite it.'),
});

const contextFact = z.object({
  concept: str('The concept the statement belongs to.'),
  key: z.string(),
  statement: z.string(),
  corrects: z
    .object({ belief: z.string() })
    .optional()
    .describe('Present when the statement corrects a common belief: the belief, in the language of the answer.'),
  reliability: z.enum(RELIABILITIES),
  source: z.object({ key: z.string(), title: z.string(), url: z.string().nullable() }),
  caution: str('How far the statement may be trusted, unless its source is authoritative.').optional(),
});

/** Grounded context for a question (knowledge/context/types.ts GroundedContext). */
export const groundedContext = z.object({
  query: str('The question, cut to 80 characters.'),
  lang: language,
  budget: z.object({
    unit: z.enum(['chars', 'tokens']),
    limit: z.int(),
    used: z.object({ json: z.int(), markdown: z.int() }).describe('The size of each rendering, in the unit.'),
  }),
  match: searchMatch.describe(
    'strong: concepts and facts ground the answer; weak: no concept clearly covers the question, so the nearest concepts are listed without facts; none: nothing to ground an answer on.',
  ),
  concepts: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      summary: z.string(),
      link: z.string(),
      score: z.number(),
      relevance: relevance(),
    }),
  ),
  facts: z.array(contextFact).describe('Statements backed by authoritative, community or unverified sources.'),
  caveats: z.array(contextFact).describe('Statements whose only source is DISPUTED: never to be presented as fact.'),
  related: z.array(
    z.object({
      from: z.string(),
      direction: z.enum(['outgoing', 'incoming']),
      type: z.enum(RELATION_TYPES),
      slug: z.string(),
      title: z.string(),
    }),
  ),
  truncated: z.boolean().describe('Whether anything was dropped or cut to fit the budget.'),
  omitted: z.object({ concepts: z.int(), facts: z.int(), caveats: z.int(), related: z.int() }),
});

/** A concept in one language as a search document: Backstage's IndexableDocument plus its own fields. */
export const searchDocument = z
  .object({
    title: z.string(),
    text: str('To index: summary, markdown body and fact statements (a correction with the belief it corrects).'),
    location: str('The absolute URL of the concept in this language.').meta({ format: 'uri' }),
    slug: z.string(),
    lang: language,
    kind: z.enum(CONCEPT_KINDS),
    category: z.string(),
    aliases: z.array(z.string()),
    summary: z.string(),
    k8s,
    related: z.array(z.string()).describe('Slugs of the concepts it relates to, either way.'),
    version: z.int(),
    updatedAt: z.string().meta({ format: 'date-time' }),
    links: z.object({ json: z.string(), markdown: z.string(), text: z.string() }),
  })
  .describe(
    "A concept in one language, shaped as Backstage's IndexableDocument (title, text, location) plus its own fields.",
  );
