// relations: the typed relations of a concept, seen from it, with the titles of the concepts at the other end.
import { z } from 'zod';
import { relatedOf } from '../knowledge/present';
import { RELATION_TYPES } from '../knowledge/types';
import { LOOKUP, defineCapability } from './capability';
import { lang, slug } from './fields';
import { languageOf } from './language';
import { relationLine } from './lines';
import { listRenderings } from './renderings';
import { related } from './shapes/knowledge';

/** Which relations to list, seen from the concept; the one definition of GraphQL's RelationDirection too. */
export const DIRECTIONS = ['outgoing', 'incoming', 'both'] as const;

export const relations = defineCapability({
  name: 'relations',
  summary: 'Relations of a concept',
  description:
    'Typed relations from the concept (`outgoing`: <concept> TYPE <other>) and to it (`incoming`: <other> TYPE <concept>), with the title of the concept at the other end, outgoing ones first.',
  input: z.object({
    slug,
    direction: z
      .enum(DIRECTIONS)
      .default('both')
      .describe('Only relations from the concept ("outgoing"), to it ("incoming"), or both (the default).'),
    type: z.enum(RELATION_TYPES).optional().describe('Only relations of this type, e.g. "REQUIRES".'),
    lang,
    limit: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('At most this many relations (1-100); all of them when left out.'),
  }),
  output: z.object({
    items: z.array(related),
    total: z.int().describe('How many relations match, `limit` aside.'),
  }),
  ...LOOKUP,
  cost: () => 1,
  run: ({ slug, direction, type, lang, limit }, ctx) => {
    const c = ctx.knowledge.requireConcept(slug);
    const filter = { direction: direction === 'both' ? undefined : direction, type };
    const all = relatedOf(c, languageOf(lang, ctx), ctx.knowledge.concept, filter);
    return { items: all.slice(0, limit), total: all.length };
  },
  rest: {
    method: 'GET',
    path: '/v1/concepts/:slug/relations',
    tag: 'concepts',
    formats: listRenderings(
      'The relations.',
      relationLine,
      (input: { slug: string }) => `/v1/concepts/${input.slug}/relations`,
    ),
    headers: (v) => ({ 'Content-Language': languageOf(v.input.lang, v.ctx) }),
    cached: true,
  },
  mcp: {
    tool: 'related_concepts',
    title: 'Relations of a Kubernetes concept',
    description:
      'How a concept relates to others: typed, directed relations such as IS_A, CREATES, REQUIRES, GATES, SUPERSEDES, SELECTS, ' +
      'GENERALIZES, CONTRASTS_WITH, COMPLEMENTS. "outgoing" reads "<slug> TYPE <other>" (service-type-loadbalancer GENERALIZES ' +
      'service-type-nodeport: a LoadBalancer Service does all a NodePort one does, and more; service CREATES endpointslice); ' +
      '"incoming" reads "<other> TYPE <slug>". Each relation has a note saying what it means for these two concepts. Use it to explain what depends on what, or to find neighbouring ' +
      'topics to read next. Returns at most `limit` relations and says how many more there are. ' +
      'Examples: {"slug": "readiness-probe"}, {"slug": "headless-service", "direction": "incoming"}, {"slug": "service", "type": "IS_A"}.',
    text: ({ items, total }, { slug, direction, type }, _extras, ctx) => {
      const from = ctx.knowledge.requireConcept(slug).slug;
      if (!total)
        return `\`${from}\` has no ${[direction === 'both' ? '' : direction, type, 'relations'].filter(Boolean).join(' ')}.`;
      const lines = items.map((r) => {
        const other = `${r.title} (\`${r.slug}\`)`;
        const edge = r.direction === 'outgoing' ? `${from} ${r.type} ${other}` : `${other} ${r.type} ${from}`;
        return `- ${r.direction}: ${edge}${r.note ? ` — ${r.note}` : ''}`;
      });
      if (total > items.length)
        lines.push(
          '',
          `[truncated: showing ${items.length} of ${total} relations; raise limit (up to 100) or filter by direction or type.]`,
        );
      return lines.join('\n');
    },
  },
  graphql: {
    field: 'Concept.relations',
    resolver: 'handwritten',
    omit: ['slug', 'lang', 'limit'],
    defaults: { direction: 'outgoing' },
  },
});
