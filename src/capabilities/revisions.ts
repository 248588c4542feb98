// revisions: the history of a concept (or a reference), newest first, each edit with what it changed
// field by field. Every edit keeps one (src/knowledge/edits.ts), so nothing written is ever lost:
// revertConcept writes an earlier version back, restoreConcept a deleted concept.
import { z } from 'zod';
import { documentChanges } from '../knowledge/document';
import type { RevisionView } from '../knowledge/service';
import { LOOKUP, defineCapability } from './capability';
import { page, paging } from './fields';
import { listRenderings } from './renderings';

const change = z.object({
  field: z
    .string()
    .describe('Where in the document: `kind`, `text.en.body`, `facts.<key>.ko`, `relations.<TYPE>:<target>.note`.'),
  before: z.unknown().describe('Its value before the edit; null when it was not there.'),
  after: z.unknown().describe('Its value after the edit; null when it is no longer there.'),
});
const revision = z.object({
  id: z.int().describe('The revision’s number, unique across all histories.'),
  subject: z.string().describe('What was edited: a concept’s slug, or `reference:<key>`.'),
  action: z.string().describe('The edit: `updateConcept`, `revertConcept`, `deleteConcept`, `seed.update`, …'),
  author: z.string().describe('Who made it: the API key’s prefix and name, or `seed`.'),
  version: z
    .int()
    .describe('The concept’s (or reference’s) version after the edit: what revertConcept (revertReference) takes.'),
  createdAt: z.string().describe('When it was committed (ISO 8601).'),
  changes: z.array(change).describe('What it changed, field by field, in document order.'),
});

/** A revision as the capability answers it: its changes instead of the two documents. */
export const revisionItem = (r: RevisionView): z.output<typeof revision> => ({
  id: r.id,
  subject: r.subject,
  action: r.action,
  author: r.author,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  changes: documentChanges(r.before, r.after),
});

const short = (v: unknown): string => {
  const s = v === null || v === undefined ? '∅' : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
/** A revision as a line: version, action, author, and the fields it changed. */
function revisionLine(r: z.output<typeof revision>, format: 'text' | 'md'): string {
  const fields = r.changes.map((c) => c.field || '(whole document)').join(', ');
  if (format === 'md') {
    const changes = r.changes.map((c) => `\n  - \`${c.field || '*'}\`: ${short(c.before)} → ${short(c.after)}`);
    return `- **v${r.version}** ${r.action} by ${r.author}, ${r.createdAt}${changes.join('')}`;
  }
  return `v${String(r.version).padEnd(4)} ${r.action.padEnd(16)} ${r.createdAt}  by ${r.author}  ${fields}`;
}

export const revisions = defineCapability({
  name: 'revisions',
  summary: 'The history of a concept',
  description:
    'Every committed edit of a concept (or of a reference, as `reference:<key>`), newest first: who, when, the version it made, and what it changed field by field. A deleted concept keeps its history.',
  input: z.object({
    slug: z
      .string()
      .min(1)
      .max(100)
      .describe('A concept slug, e.g. "service", or `reference:<key>` for the history of a reference.'),
    ...paging(20, 'revisions'),
  }),
  output: page(revision),
  ...LOOKUP,
  cost: ({ limit }) => limit,
  run: async ({ slug, limit, cursor }, ctx) => {
    const found = await ctx.knowledge.revisions(slug, limit, cursor, { first: 'limit', after: 'cursor' });
    return {
      items: found.items.map(({ node }) => revisionItem(node)),
      total: found.totalCount,
      nextCursor: found.hasNextPage ? found.endCursor : null,
    };
  },
  rest: {
    method: 'GET',
    path: '/v1/concepts/:slug/revisions',
    tag: 'concepts',
    formats: listRenderings(
      'A page of revisions, newest first.',
      revisionLine,
      (i: { slug: string }) => `/v1/concepts/${encodeURIComponent(i.slug)}/revisions`,
    ),
  },
  mcp: {
    tool: 'get_revisions',
    title: 'Read the edit history of a concept',
    description:
      'Who changed a concept, when, and what each edit changed field by field (before → after), newest first. ' +
      'Use it to see whether a text was edited recently or what it said before. ' +
      'Examples: {"slug": "service"}, {"slug": "reference:k8s-service", "limit": 5}.',
    text: (out) =>
      out.items.length
        ? out.items.map((r) => revisionLine(r, 'md')).join('\n') +
          (out.nextCursor ? `\n\nMore: cursor ${out.nextCursor}` : '')
        : 'No revisions.',
  },
  graphql: { field: 'revisions', resolver: 'handwritten', args: { first: 'limit', after: 'cursor' } },
});
