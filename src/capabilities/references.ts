// references: the sources facts cite, each marked for how far to trust it, with the concepts citing it.
import { z } from 'zod';
import { RELIABILITIES } from '../knowledge/types';
import { LOOKUP, defineCapability } from './capability';
import { page, paging } from './fields';
import { referenceLine } from './lines';
import { pageOf } from './paging';
import { listRenderings } from './renderings';
import { reference } from './shapes/knowledge';

export const references = defineCapability({
  name: 'references',
  summary: 'List references',
  description:
    'The sources that facts cite, each marked AUTHORITATIVE, COMMUNITY, UNVERIFIED or DISPUTED, with the concepts citing it. References keep their own language; they are not translated.',
  input: z.object({
    reliability: z.enum(RELIABILITIES).optional().describe('Only references this reliable (or unreliable).'),
    ...paging(20, 'references'),
  }),
  output: page(reference),
  ...LOOKUP,
  cost: ({ limit }) => limit,
  run: ({ reliability, limit, cursor }, ctx) =>
    pageOf(ctx.knowledge.references({ reliability }), limit, cursor, (r) => ({
      ...r,
      citedBy: ctx.knowledge.citing(r.key).map((c) => c.slug),
    })),
  rest: {
    method: 'GET',
    cached: true,
    path: '/v1/references',
    tag: 'references',
    formats: listRenderings('A page of references.', referenceLine, () => '/v1/references'),
  },
  graphql: { field: 'references', resolver: 'handwritten', args: { first: 'limit', after: 'cursor' } },
});
