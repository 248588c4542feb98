// search_concepts: the concepts that best match a question or keywords, Korean or English.
import { z } from 'zod';
import { textIn } from '../../knowledge/types';
import { defineTool } from '../tool';
import { lang } from './shared';

export const searchConcepts = defineTool({
  name: 'search_concepts',
  title: 'Search Kubernetes concepts',
  description:
    'Find the Kubernetes concepts (resources, fields, mechanisms) that match a question or keywords, in English or Korean. ' +
    'Use it first when you need a slug for get_concept or related_concepts, or to see which topics the knowledge base covers. ' +
    'Returns up to `limit` concepts, most relevant first, each with its slug, title, one-paragraph summary and the passage that matched. ' +
    'For an answer with citable facts use get_context instead. ' +
    'Examples: {"query": "clusterIP: None"}, {"query": "why is my pod pending", "limit": 3}, {"query": "헤드리스 서비스 DNS", "lang": "ko"}.',
  inputSchema: {
    query: z.string().min(1).max(500).describe('The question or keywords, in English or Korean.'),
    lang,
    limit: z.number().int().min(1).max(20).default(5).describe('How many concepts to return (1-20, default 5).'),
  },
  scope: 'read',
  run({ query, lang, limit }, { knowledge }) {
    const { total, hits } = knowledge.search(query, { lang, limit });
    if (!hits.length)
      return `No concept matches "${query}". Try other words, Kubernetes field names, or the other language.`;
    const lines = [`${hits.length} of ${total} matching concepts for "${query}", most relevant first:`, ''];
    hits.forEach((h, i) => {
      const c = knowledge.requireConcept(h.slug);
      const t = textIn(c, lang ?? h.matchedLang);
      lines.push(
        `${i + 1}. **${t.title}** — slug \`${h.slug}\` (score ${h.score.toFixed(2)}, ${c.category})`,
        `   ${t.summary}`,
        `   Matched in ${h.field}: "${h.snippet}"`,
        '',
      );
    });
    if (total > hits.length) lines.push(`${total - hits.length} more match; raise limit (up to 20) to see them.`);
    lines.push(
      'Next: get_concept {"slug": …} for the full text, or get_context {"question": …} for facts with sources.',
    );
    return lines.join('\n');
  },
});
