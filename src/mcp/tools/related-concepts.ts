// related_concepts: the typed relations of a concept, with the titles of the concepts at the other end.
import { z } from 'zod';
import { relatedOf } from '../../knowledge/present';
import { RELATION_TYPES } from '../../knowledge/types';
import { defineTool } from '../tool';
import { lang, slug } from './shared';

export const relatedConcepts = defineTool({
  name: 'related_concepts',
  title: 'Relations of a Kubernetes concept',
  description:
    'How a concept relates to others: typed, directed relations such as IS_A, CREATES, REQUIRES, GATES, SUPERSEDES, SELECTS, ' +
    'GENERALIZES, CONTRASTS_WITH, COMPLEMENTS. "outgoing" reads "<slug> TYPE <other>" (service-type-loadbalancer CREATES ' +
    'service-type-nodeport); "incoming" reads "<other> TYPE <slug>". Use it to explain what depends on what, or to find neighbouring ' +
    'topics to read next. Returns at most `limit` relations and says how many more there are. ' +
    'Examples: {"slug": "readiness-probe"}, {"slug": "headless-service", "direction": "incoming"}, {"slug": "service", "type": "IS_A"}.',
  inputSchema: {
    slug,
    direction: z
      .enum(['outgoing', 'incoming'])
      .optional()
      .describe('Only relations from the concept ("outgoing") or to it ("incoming"). Default: both.'),
    type: z.enum(RELATION_TYPES).optional().describe('Only relations of this type, e.g. "REQUIRES".'),
    limit: z.number().int().min(1).max(50).default(20).describe('Most relations to return (1-50, default 20).'),
    lang,
  },
  scope: 'read',
  run({ slug, direction, type, limit, lang }, { knowledge }) {
    const concept = knowledge.requireConcept(slug);
    const all = relatedOf(concept, lang ?? 'en', knowledge.concept, { direction, type });
    if (!all.length) return `\`${concept.slug}\` has no ${[direction, type, 'relations'].filter(Boolean).join(' ')}.`;
    const lines = all.slice(0, limit).map((r) => {
      const other = `${r.title} (\`${r.slug}\`)`;
      const edge =
        r.direction === 'outgoing' ? `${concept.slug} ${r.type} ${other}` : `${other} ${r.type} ${concept.slug}`;
      return `- ${r.direction}: ${edge}${r.note ? ` — ${r.note}` : ''}`;
    });
    if (all.length > limit)
      lines.push(
        '',
        `[truncated: showing ${limit} of ${all.length} relations; raise limit (up to 50) or filter by direction or type.]`,
      );
    return lines.join('\n');
  },
});
