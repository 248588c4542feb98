// concepts: every concept, by slug, a page at a time, optionally of one category or kind.
import { z } from 'zod';
import { conceptBrief } from '../knowledge/present';
import { CONCEPT_KINDS } from '../knowledge/types';
import { defineCapability } from './capability';
import { cursor, lang, limit, page } from './fields';
import { languageOf } from './language';
import { conceptLine } from './lines';
import { pageOf } from './paging';
import { listRenderings } from './renderings';
import { conceptBrief as briefShape } from './shapes/knowledge';

export const concepts = defineCapability({
  name: 'concepts',
  summary: 'List concepts',
  description:
    'Concepts in a stable order (by slug), a page at a time (follow `nextCursor`), optionally of one category or kind.',
  input: z.object({
    category: z.string().max(100).optional().describe('Only concepts of this category, such as `services`.'),
    kind: z.enum(CONCEPT_KINDS).optional().describe('Only concepts of this kind.'),
    lang,
    limit: limit(20, 'concepts'),
    cursor,
  }),
  output: page(briefShape),
  scope: 'read',
  values: 'parameters',
  annotations: { readOnly: true, idempotent: true },
  cost: ({ limit }) => limit,
  run: ({ category, kind, lang, limit, cursor }, ctx) => {
    const l = languageOf(lang, ctx);
    return pageOf(ctx.knowledge.concepts({ category, kind }), limit, cursor, (c) => conceptBrief(c, l));
  },
  rest: {
    method: 'GET',
    path: '/v1/concepts',
    tag: 'concepts',
    formats: listRenderings('A page of concepts.', conceptLine, () => '/v1/concepts'),
  },
  graphql: { field: 'concepts', resolver: 'handwritten', args: { first: 'limit', after: 'cursor' }, omit: ['lang'] },
});
