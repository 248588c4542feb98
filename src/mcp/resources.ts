// Concepts as MCP resources: kubeknow://concepts/<slug> (add ?lang=ko for Korean), read as markdown.
// A read is the concept capability, as the get_concept tool is, and the list is the concepts
// capability, page after page; only slug completion reads the graph directly.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { requireScope } from '../auth/keys';
import { argumentsOf, concept, concepts, invoke } from '../capabilities';
import type { CapabilityContext } from '../capabilities/capability';
import { KubeknowError } from '../errors';

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

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof KubeknowError ? protocolError(err) : err;
  }
}

/** Every concept, a page of the concepts capability at a time. */
async function allConcepts(ctx: CapabilityContext) {
  const all = [];
  let cursor: string | null | undefined;
  do {
    const { output } = await invoke(
      concepts,
      argumentsOf({ lang: 'en', limit: 100, cursor: cursor ?? undefined }),
      ctx,
    );
    all.push(...output.items);
    cursor = output.nextCursor;
  } while (cursor);
  return all;
}

const uriProblem = (message: string) => new KubeknowError({ code: 'BAD_USER_INPUT', path: 'uri', message });

/**
 * A concept URI's slug and language, read as REST reads `/v1/concepts/:slug?lang=`: the template's {slug}
 * also captures a query string, so the URI itself is read. A slug that is not percent-encoded UTF-8 was
 * an internal error (-32603, "URI malformed"), and an unknown or repeated parameter was ignored, where
 * REST refuses both (hostile review).
 */
function conceptUriArguments(uri: URL): { slug: string; lang: string } {
  let slug: string;
  try {
    slug = decodeURIComponent(uri.pathname.replace(/^\//, ''));
  } catch {
    throw uriProblem(`the slug is not percent-encoded UTF-8: ${uri.pathname.replace(/^\//, '')}`);
  }
  const names = [...uri.searchParams.keys()];
  const unknown = names.find((n) => n !== 'lang');
  if (unknown !== undefined) throw uriProblem(`takes only ?lang=en or ?lang=ko; got ?${unknown}=`);
  if (names.length > 1) throw uriProblem('lang given twice; give it once');
  return { slug, lang: uri.searchParams.get('lang') ?? 'en' };
}

/** Registers the concept resource template, read with the caller's context (and its key). */
export function registerConceptResources(server: McpServer, ctx: CapabilityContext): void {
  const template = new ResourceTemplate(CONCEPT_URI, {
    list: () =>
      guarded(async () => ({
        resources: (await allConcepts(ctx)).map((c) => ({
          uri: `kubeknow://concepts/${c.slug}`,
          name: c.slug,
          title: c.title,
          description: c.summary,
          mimeType: 'text/markdown',
        })),
      })),
    complete: {
      slug: (value) =>
        guarded(async () => {
          // Completion lists slugs, so with MCP_REQUIRE_KEY it needs the key a read needs.
          if (ctx.requireKeyForRead) requireScope(ctx.principal, 'read');
          return ctx.knowledge
            .concepts()
            .map((c) => c.slug)
            .filter((s) => s.startsWith(value.toLowerCase()))
            .slice(0, 100);
        }),
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
      guarded(async () => {
        const { input, output } = await invoke(concept, argumentsOf(conceptUriArguments(uri)), ctx);
        const text = concept.mcp!.text(output, input, {}, ctx);
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
      }),
  );
}
