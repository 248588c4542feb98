// Concepts as MCP resources: kubeknow://concepts/<slug> (add ?lang=ko for Korean), read as markdown.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { KubeknowError } from '../errors';
import { conceptMarkdown } from '../knowledge/present';
import type { Knowledge } from '../knowledge/service';
import { isLocale, LOCALES, textIn } from '../knowledge/types';

export const CONCEPT_URI = 'kubeknow://concepts/{slug}';
/** The MCP spec's code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

/** Our errors as JSON-RPC errors: resources have no error result, unlike tools. */
export function protocolError(err: KubeknowError): McpError {
  const code =
    err.code === 'NOT_FOUND'
      ? RESOURCE_NOT_FOUND
      : err.status < 500
        ? ErrorCode.InvalidRequest
        : ErrorCode.InternalError;
  return new McpError(code, `${err.code}: ${err.message}`, {
    code: err.code,
    problems: err.problems,
    ...(err.details ?? {}),
  });
}

/** Registers the concept resource template; `allowed` throws when the caller may not read. */
export function registerConceptResources(server: McpServer, knowledge: Knowledge, allowed: () => void): void {
  const guarded = <T>(run: () => T): T => {
    try {
      allowed();
      return run();
    } catch (err) {
      throw err instanceof KubeknowError ? protocolError(err) : err;
    }
  };
  const template = new ResourceTemplate(CONCEPT_URI, {
    list: () =>
      guarded(() => ({
        resources: knowledge.concepts().map((c) => {
          const t = textIn(c, 'en');
          return {
            uri: `kubeknow://concepts/${c.slug}`,
            name: c.slug,
            title: t.title,
            description: t.summary,
            mimeType: 'text/markdown',
          };
        }),
      })),
    complete: {
      slug: (value) =>
        knowledge
          .concepts()
          .map((c) => c.slug)
          .filter((s) => s.startsWith(value.toLowerCase()))
          .slice(0, 100),
    },
  });
  server.registerResource(
    'concept',
    template,
    {
      title: 'Kubernetes concept',
      description:
        'One concept as markdown: summary, body, facts with their sources, relations. English; append ?lang=ko for Korean.',
      mimeType: 'text/markdown',
    },
    (uri) =>
      guarded(() => {
        // The template's {slug} also captures a query string, so the URI itself is read.
        const slug = decodeURIComponent(uri.pathname.replace(/^\//, ''));
        const lang = uri.searchParams.get('lang') ?? 'en';
        if (!isLocale(lang)) {
          throw new KubeknowError({
            code: 'BAD_USER_INPUT',
            path: 'lang',
            message: `must be one of ${LOCALES.join(', ')}`,
            value: lang,
          });
        }
        const concept = knowledge.requireConcept(slug);
        const text = conceptMarkdown(concept, lang, knowledge.concept);
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
      }),
  );
}
