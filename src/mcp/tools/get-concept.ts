// get_concept: one concept as markdown, cut to maxChars.
import { conceptMarkdown } from '../../knowledge/present';
import { bounded, defineTool, MAX_TOOL_CHARS } from '../tool';
import { lang, maxChars, slug } from './shared';

export const getConcept = defineTool({
  name: 'get_concept',
  title: 'Read a Kubernetes concept',
  description:
    'The full text of one concept as markdown: title, summary, how it behaves and what goes wrong, its facts (each citing its source, ' +
    'with UNVERIFIED or DISPUTED sources marked, and facts that correct common misunderstandings labelled) and its relations. ' +
    'Use it when you know the slug (from search_concepts or get_context) and need the details. ' +
    'Long concepts are cut to `maxChars` with a note saying so. ' +
    'Examples: {"slug": "headless-service"}, {"slug": "startup-probe", "lang": "ko", "maxChars": 3000}.',
  inputSchema: { slug, lang, maxChars: maxChars(8000) },
  scope: 'read',
  run({ slug, lang, maxChars }, { knowledge }) {
    const concept = knowledge.requireConcept(slug);
    const md = conceptMarkdown(concept, lang ?? 'en', knowledge.concept);
    return bounded(
      md,
      maxChars,
      `Call get_concept again with a larger maxChars (up to ${MAX_TOOL_CHARS}), or read the resource kubeknow://concepts/${concept.slug}.`,
    );
  },
});
