// search: concepts ranked for a question or keywords in Korean or English, each with the passage it matched.
import { z } from 'zod';
import { encodeCursor } from '../knowledge/page';
import { textIn } from '../knowledge/types';
import { LOOKUP, defineCapability } from './capability';
import { lang, page, paging, question, questionCost } from './fields';
import { languageOf } from './language';
import { hitLine } from './lines';
import { offsetOf } from './paging';
import { listRenderings } from './renderings';
import { searchHit, searchMatch } from './shapes/knowledge';

// What a model should make of the match: it decides whether the hits may ground an answer.
const MATCH_TEXT = {
  strong: 'Match: strong (the first concept answers the question).',
  weak: 'Match: weak (no concept clearly covers the question; the first may answer it in part, so check before relying on it).',
  none: 'Match: none (no concept covers this question; these only share some words with it, so say the knowledge base does not cover it).',
} as const;

// REST's and MCP's name for the query (`?q=`, `"q"`), declared once for both; GraphQL's argument is
// `query`, the input's own name.
const NAMES = { q: 'query' } as const;

export const search = defineCapability({
  name: 'search',
  summary: 'Search concepts',
  description:
    'Concepts for a question or keywords in Korean or English (aliases, typos and Korean particles are understood), each with a snippet around the match, ranked by `score` (where the question’s words are found: a title, alias or symptom weighs more than the body), highest first. `relevance` is a separate measure, the share of the question the concept covers wherever it has the words, so a lower item may show a higher relevance; `match` says from the best item’s relevance whether the search answers the question.',
  input: z.object({
    query: question(
      'The question or keywords, in Korean or English, such as "헤드리스 서비스 DNS" or "pod stuck pending".',
    ),
    lang,
    ...paging(10, 'hits'),
  }),
  output: page(searchHit).extend({ match: searchMatch }),
  ...LOOKUP,
  takesTurns: true,
  cost: ({ query, limit }) => 10 + limit + questionCost(query),
  run: ({ query, lang, limit, cursor }, ctx) => {
    const l = languageOf(lang, ctx, query);
    const offset = offsetOf(limit, cursor);
    const { total, hits, match } = ctx.knowledge.search(query, { lang: l, limit, offset });
    const items = hits.map((h) => {
      const t = textIn(ctx.knowledge.requireConcept(h.slug), l);
      const { slug, score, relevance, matchedLang, field, snippet, highlights } = h;
      return {
        slug,
        title: t.title,
        summary: t.summary,
        score,
        relevance,
        matchedLang,
        matchedField: field,
        snippet,
        highlights,
      };
    });
    const next = offset + items.length < total ? encodeCursor(offset + items.length - 1) : null;
    return { items, total, nextCursor: next, match };
  },
  rest: {
    method: 'GET',
    path: '/v1/search',
    tag: 'search',
    params: NAMES,
    formats: listRenderings('The hits, ranked by score, highest first.', hitLine, () => '/v1/search'),
    headers: (v) => ({
      Vary: 'Accept, Accept-Language',
      'Content-Language': languageOf(v.input.lang, v.ctx, v.input.query),
    }),
  },
  mcp: {
    tool: 'search_concepts',
    title: 'Search Kubernetes concepts',
    description:
      'Find the Kubernetes concepts (resources, fields, mechanisms) that match a question or keywords, in English or Korean. ' +
      'Use it first when you need a slug for get_concept or related_concepts, or to see which topics the knowledge base covers. ' +
      'Returns up to `limit` concepts ranked by score, highest first: where the question’s words are found counts (a title, alias or symptom over a passing mention in the body). ' +
      'Each comes with its slug, title, one-paragraph summary, the passage that matched, its score (1 for the first, a fraction of it for the others) ' +
      'and its relevance, a separate 0-1 measure of how much of the question it covers anywhere in its text, so a lower item may show a higher relevance. ' +
      'The first line says whether the first concept answers the question (Match: strong, weak or none). ' +
      'For an answer with citable facts use get_context instead. ' +
      'Examples: {"q": "clusterIP: None"}, {"q": "why is my pod pending", "limit": 3}, {"q": "헤드리스 서비스 DNS", "lang": "ko"}.',
    args: NAMES,
    text: ({ items, total, nextCursor, match }, { query }, _extras, ctx) => {
      if (!items.length)
        return `No concept matches "${query}". Try other words, Kubernetes field names, or the other language.`;
      const lines = [
        `${items.length} of ${total} matching concepts for "${query}", ranked by score. ${MATCH_TEXT[match]}`,
        '',
      ];
      items.forEach((h, i) => {
        const c = ctx.knowledge.requireConcept(h.slug);
        lines.push(
          `${i + 1}. **${h.title}** — slug \`${h.slug}\` (score ${h.score.toFixed(2)}, relevance ${h.relevance.toFixed(2)}, ${c.category})`,
          `   ${h.summary}`,
          `   Matched in ${h.matchedField}: "${h.snippet}"`,
          '',
        );
      });
      if (nextCursor) lines.push(`More match: raise limit, or pass "cursor": "${nextCursor}" for the next ones.`);
      lines.push('Next: get_concept {"slug": …} for the full text, or get_context {"q": …} for facts with sources.');
      return lines.join('\n');
    },
  },
  graphql: { field: 'search', resolver: 'handwritten', args: { first: 'limit', after: 'cursor' } },
});
