// concepts: every concept, by slug, a page at a time, optionally of one category or kind.
import { z } from 'zod';
import { conceptBrief } from '../knowledge/present';
import { LOOKUP, defineCapability } from './capability';
import { conceptFilters, lang, page, paging } from './fields';
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
  input: z.object({ ...conceptFilters, lang, ...paging(20, 'concepts') }),
  output: page(briefShape),
  ...LOOKUP,
  cost: ({ limit }) => limit,
  run: ({ category, kind, lang, limit, cursor }, ctx) => {
    const l = languageOf(lang, ctx);
    return pageOf(ctx.knowledge.concepts({ category, kind }), limit, cursor, (c) => conceptBrief(c, l));
  },
  rest: {
    method: 'GET',
    cached: true,
    path: '/v1/concepts',
    headers: (v) => ({ 'Content-Language': languageOf(v.input.lang, v.ctx) }),
    tag: 'concepts',
    formats: listRenderings('A page of concepts.', conceptLine, () => '/v1/concepts'),
  },
  graphql: { field: 'concepts', resolver: 'handwritten', args: { first: 'limit', after: 'cursor' }, omit: ['lang'] },
});
