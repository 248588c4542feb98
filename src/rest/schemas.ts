// JSON schemas shared by REST routes (fastify validates with them; OpenAPI is generated from them).
import type { Format } from '../http/negotiate';

export const langParam = {
  type: 'string',
  enum: ['en', 'ko'],
  description: 'Language of the text (default: Accept-Language, then en).',
} as const;
/** The `format` parameter of a route that serves these formats (pass the same list to formatOf). */
export const formatParamOf = (formats: readonly Format[]) =>
  ({ type: 'string', enum: [...formats], description: 'Output format (default: from Accept, then JSON).' }) as const;
export const formatParam = formatParamOf(['json', 'text', 'md']);
export const slugParams = {
  type: 'object',
  required: ['slug'],
  properties: {
    slug: { type: 'string', minLength: 1, maxLength: 100, description: 'The concept slug, e.g. headless-service.' },
  },
} as const;

// Response schemas document the API in OpenAPI; describeApi (src/rest/docs.ts) keeps them out of
// serialization, so a field missing here is never dropped from a response.

const PROBLEM_WHEN: Record<number, string> = {
  400: 'Bad parameters (BAD_USER_INPUT), each named in `problems`.',
  404: 'No such concept (NOT_FOUND), with the nearest slugs in `suggestions`.',
  406: 'No representation the Accept header allows (NOT_ACCEPTABLE).',
  500: 'An internal error (INTERNAL).',
  503: 'Starting, shutting down, or the database does not answer (NOT_READY).',
};

/** The error responses of a route, as problem+json with the shared Problem schema. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_WHEN[s] ?? 'An error.',
        content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
      },
    ]),
  );
}

/** A 200 answer in JSON, or as text or markdown by `format` or Accept (src/http/negotiate.ts). */
export function negotiatedResponse(description: string, json: object) {
  return {
    description,
    content: {
      'application/json': { schema: json },
      'text/plain': { schema: { type: 'string', description: 'For a terminal: plain text wrapped at 80 columns.' } },
      'text/markdown': { schema: { type: 'string', description: 'For chat and portals.' } },
    },
  };
}

const str = { type: 'string' } as const;
const slugAndText = { slug: str, title: str, summary: str } as const;

/** One line of a concept list. */
export const conceptBriefSchema = {
  type: 'object',
  required: ['slug', 'title', 'summary', 'kind', 'category'],
  properties: { ...slugAndText, kind: str, category: str },
} as const;

/** A relation seen from one concept (src/knowledge/present.ts relatedOf). */
const relatedSchema = {
  type: 'object',
  required: ['direction', 'type', 'slug', 'title', 'note'],
  properties: { direction: { type: 'string', enum: ['outgoing', 'incoming'] }, type: str, ...slugAndText, note: str },
} as const;

const referenceBrief = {
  type: 'object',
  required: ['key', 'title', 'url', 'language', 'reliability'],
  properties: { key: str, title: str, url: { type: ['string', 'null'] }, language: str, reliability: str },
} as const;

/** The relations of a concept, seen from it. */
export const relationListSchema = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: relatedSchema } },
} as const;

/** A concept in one language (src/knowledge/present.ts conceptJson). */
export const conceptJsonSchema = {
  type: 'object',
  required: [
    'slug',
    'lang',
    'languages',
    'kind',
    'category',
    'title',
    'aliases',
    'summary',
    'body',
    'symptoms',
    'diagnosedBy',
    'facts',
    'relations',
    'version',
  ],
  properties: {
    ...slugAndText,
    lang: { type: 'string', description: 'The language of the text (the other one when the asked one is missing).' },
    languages: { type: 'array', items: str },
    kind: str,
    category: str,
    k8s: { type: ['object', 'null'], properties: { apiVersion: str, kind: str } },
    aliases: { type: 'array', items: str },
    body: { type: 'string', description: 'Markdown.' },
    symptoms: {
      type: 'array',
      items: str,
      description: 'Phrasings people type for a problem the concept explains ("pod stuck pending").',
    },
    diagnosedBy: {
      type: 'array',
      description: 'The kubeknow computations that diagnose what the concept describes.',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'The capability, such as `scheduling-evaluate`.' },
          route: { type: 'string', description: 'The route that serves it, such as `POST /v1/scheduling/evaluate`.' },
          does: { type: 'string', description: 'What it shows, in the language of the text.' },
        },
      },
    },
    facts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: str, statement: str, correctsNotes: { type: 'boolean' }, reference: referenceBrief },
      },
    },
    relations: { type: 'array', items: relatedSchema },
    examples: { type: 'array', items: { type: 'object', properties: { key: str, title: str, manifest: str } } },
    version: { type: 'integer', description: 'Increases with every edit (optimistic concurrency).' },
    updatedAt: { type: 'string', format: 'date-time' },
    links: { type: 'object', additionalProperties: str, description: 'The concept in each of its languages.' },
  },
} as const;
