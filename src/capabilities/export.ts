// export: every concept as a search document, for a portal's search collator. The shape is
// Backstage's IndexableDocument (title, text, location) plus the concept's own fields; links are
// absolute, because the documents are read far from this server.
import { z } from 'zod';
import { correctionText } from '../knowledge/corrections';
import { beliefIn, k8sOf, LOCALES, statementIn, textIn } from '../knowledge/types';
import type { ConceptView, Locale } from '../knowledge/types';
import { LOOKUP, defineCapability } from './capability';
import { asJson } from './renderings';
import { conceptFilters, page, paging } from './fields';
import { nextPageQuery } from './lines';
import { pageOf } from './paging';
import { searchDocument as documentShape } from './shapes/knowledge';

/** One concept in one language for a search index (its text falls back to the other language). */
export function searchDocument(c: ConceptView, lang: Locale, base: string) {
  const t = textIn(c, lang);
  const location = `${base}/v1/concepts/${encodeURIComponent(c.slug)}?lang=${t.lang}`;
  const related = new Set([...c.outgoing.map((r) => r.target), ...c.incoming.map((r) => r.source)]);
  return {
    title: t.title,
    // What a full-text index should index: summary, markdown body and fact statements, a correction
    // written with the belief it corrects.
    text: [
      t.summary,
      t.body.trim(),
      ...c.facts.map((f) => correctionText(statementIn(f, t.lang), beliefIn(f, t.lang), t.lang)),
    ]
      .filter(Boolean)
      .join('\n\n'),
    location,
    slug: c.slug,
    lang: t.lang,
    kind: c.kind,
    category: c.category,
    aliases: t.aliases,
    summary: t.summary,
    k8s: k8sOf(c),
    related: [...related],
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    links: { json: location, markdown: `${location}&format=md`, text: `${location}&format=text` },
  };
}

export const exportDocuments = defineCapability({
  name: 'export',
  summary: 'Export concepts for a search index',
  description:
    'Every concept as a search document. Without `lang`, one document per concept and language it is written in (concept by concept, en before ko); with `lang`, one per concept in that language. The reader’s language does not narrow the export. Links are absolute, from PUBLIC_URL when set.',
  input: z.object({
    lang: z.enum(LOCALES).optional().describe('Only this language (default: every language of each concept).'),
    ...conceptFilters,
    ...paging(100, 'documents'),
  }),
  output: page(documentShape),
  ...LOOKUP,
  cost: ({ limit }) => limit,
  run: ({ lang, category, kind, limit, cursor }, ctx) => {
    const all = ctx.knowledge
      .concepts({ category, kind })
      .flatMap((c) => (lang ? [lang] : LOCALES.filter((l) => c.texts[l])).map((l) => ({ c, l })));
    return pageOf(all, limit, cursor, ({ c, l }) => searchDocument(c, l, ctx.baseUrl));
  },
  rest: {
    method: 'GET',
    path: '/v1/export',
    tag: 'export',
    formats: {
      json: asJson('A page of documents with the total and the next cursor.'),
      ndjson: {
        type: 'application/x-ndjson; charset=utf-8',
        describe: 'One document a line (`format=ndjson` or `Accept: application/x-ndjson`).',
        render: (v) => v.output.items.map((d) => `${JSON.stringify(d)}\n`).join(''),
      },
    },
    headers: ({ output, query, base }) => ({
      'X-Total-Count': String(output.total),
      Vary: 'Accept',
      ...(output.nextCursor
        ? { Link: `<${base}/v1/export?${nextPageQuery(query, output.nextCursor)}>; rel="next"` }
        : {}),
    }),
  },
});
