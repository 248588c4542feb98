// The OpenAPI description of a capability's REST route, made from its schemas: parameters from its
// input's fields (under REST's names), the request body of a POST, a response per rendering, and
// the problem responses it can give.
import { z } from 'zod';
import { argumentList, type Argument } from '../capabilities/args';
import type { Capability, RestBinding } from '../capabilities/capability';
import { argumentsSchema, jsonSchemaOf } from '../capabilities/json-schema';
import { schemaAtPath, unwrap } from '../capabilities/schema-walk';
import { LOCALES } from '../knowledge/types';
import { YAML_TYPES } from './manifest-body';
import { problemResponses } from './schemas';

const HOW =
  ' Send `{ "objects": [...] }` (or `manifests` text) with the options as JSON, one object or a `kind: List` as the body itself, or the manifests as YAML (`Content-Type: application/yaml`); options may also be in the query string.';

/** A route's arguments (its input's fields under their REST names) split into path parameters and
 * the rest, which the query string may carry: the one list the route and its description both read. */
export function routeArguments(cap: Capability, rest: RestBinding<unknown, unknown>) {
  const pathParams = new Set([...rest.path.matchAll(/:(\w+)/g)].map((m) => m[1]));
  const args = argumentList(cap.input, { renames: rest.params, omit: rest.omit });
  // With manifests, the objects come only in the body, and so do the options that are objects or lists
  // of them (scheduling's `pod`, `shape`): a query string cannot carry them, so it does not offer them.
  const bodyOnly = (a: Argument) =>
    rest.manifests && (['objects', 'manifests'].includes(a.name) || structured(a.schema));
  return {
    inPath: args.filter((a) => pathParams.has(a.name)),
    inQuery: args.filter((a) => !pathParams.has(a.name) && !bodyOnly(a)),
  };
}

/** Whether a field's values are objects, or lists of objects (not text, numbers or lists of them). */
function structured(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  if (s instanceof z.ZodArray) return structured(s.element as z.ZodType);
  return s instanceof z.ZodObject || s instanceof z.ZodRecord || s instanceof z.ZodUnknown;
}

/** The OpenAPI description of a capability's route, from its schemas. */
export function routeSchema(cap: Capability, rest: RestBinding<unknown, unknown>) {
  const { inPath, inQuery } = routeArguments(cap, rest);
  // With manifests, the query string carries the options (a JSON body may give them instead).
  const queryArgs = rest.manifests ? inQuery.map((a) => ({ ...a, required: false })) : inQuery;
  const formats = Object.keys(rest.formats);
  // kubectl's `output` is chosen by name only (src/http/negotiate.ts); `format` also by Accept.
  const formatParam = rest.formatParam ?? 'format';
  const format = z
    .enum(formats as [string, ...string[]])
    .optional()
    .describe(
      `Output format: ${formats.join(', ')} (default ${formats[0]}${rest.formatParam ? '' : '; or by Accept'}).`,
    );
  // Every route takes `lang` (src/rest/capabilities.ts); one whose input has none reads it as the reader's language.
  const lang: Record<string, z.ZodType> = schemaAtPath(cap.input, 'lang')
    ? {}
    : {
        lang: z
          .enum(LOCALES)
          .optional()
          .describe(
            'The reader’s language, in any case, as Accept-Language gives it: Korean where the answer has some, else English.',
          ),
      };
  const querystring = argumentsSchema(queryArgs, { ...(formats.length > 1 ? { [formatParam]: format } : {}), ...lang });
  const params = argumentsSchema(inPath);
  const yaml = (description: string) => ({ schema: { type: 'string', description } });
  const post = rest.method === 'POST';
  // What a POST's body may be: manifests (JSON or YAML), or its input fields as JSON (and YAML when the
  // binding takes it). The query string may carry the same fields.
  const bodies = {
    'application/json': { schema: jsonSchemaOf(cap.input, 'input') },
    ...(rest.manifests || rest.yaml
      ? Object.fromEntries(
          YAML_TYPES.map((t) => [
            t,
            yaml(
              rest.manifests
                ? 'Manifests as `kubectl get -o yaml` prints them (documents separated by ---; JSON works too).'
                : 'The same fields as the JSON body, as a YAML mapping.',
            ),
          ]),
        )
      : {}),
  };
  const statuses = [
    400,
    ...(inPath.length || rest.manifests ? [404] : []),
    ...(rest.manifests || rest.yaml ? [413] : []),
    ...(post ? [415] : []),
    ...(rest.manifests || (post && cap.values === 'fields') ? [422] : []),
    // An edit needs a key with its scope, and checks the version it expects.
    ...(cap.scope === 'write' ? [401, 403, 409] : []),
    500,
  ];
  return {
    summary: cap.summary,
    description: cap.description + (rest.manifests ? HOW : ''),
    tags: [rest.tag],
    ...(inPath.length ? { params } : {}),
    querystring,
    ...(post ? { body: { content: bodies } } : {}),
    response: {
      200: {
        description: cap.summary,
        content: Object.fromEntries(
          Object.values(rest.formats).map((r) => [
            r.type.split(';')[0],
            {
              schema:
                r.type === 'application/json'
                  ? jsonSchemaOf(cap.output, 'output')
                  : { type: 'string', description: r.describe },
            },
          ]),
        ),
      },
      ...problemResponses(...statuses),
    },
  };
}
