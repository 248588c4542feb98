// What a capability is: one thing kubeknow can look up or compute, declared once — its input with
// every default and limit, its output, the key scope it needs, its cost, and `run` — and served by
// REST, GraphQL and MCP from that one declaration (as kube-scheduler serves every plugin from one
// registry). The transport bindings say only how each transport names and presents it.
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Principal, Scope as KeyScope } from '../auth/keys';
import type { Knowledge } from '../knowledge/service';
import type { Locale } from '../knowledge/types';
import type { Budget } from './budget';

/** The API key scope a call needs: none at all, or one of the keys' scopes. */
export type Scope = 'none' | KeyScope;

/** What `run` may use besides its input: the services, and what the transport knows about the caller. */
export interface CapabilityContext {
  knowledge: Knowledge;
  /** The caller's API key, null without one. */
  principal: Principal | null;
  /** Reads need a key with the read scope (MCP_REQUIRE_KEY on the MCP endpoint). */
  requireKeyForRead: boolean;
  /** The reader's language when the transport knows it (Accept-Language); a capability's `lang` input wins. */
  acceptLanguage?: Locale;
  /** How this transport links to a concept: a REST URL, or an MCP resource URI. */
  linkFor: (slug: string, lang: Locale) => string;
  /** The absolute base of this server's URLs, for documents read elsewhere. */
  baseUrl: string;
  log: FastifyBaseLogger;
  /** The request's budget, which `invoke` charges with each call's cost and output (budget.ts). */
  budget: Budget;
}

/** Fields by name, as z.object takes them. */
export type Shape = Readonly<Record<string, z.ZodType>>;

/** Transport argument name → the input path it stands for (`name` → `query.name`). */
export type ArgMap = Readonly<Record<string, string>>;

/** A REST answer as one rendering shows it: JSON (a value) or text of a media type. */
export interface RestView<In, Out> {
  input: In;
  output: Out;
  /** The query string as sent (for "next page" links that keep it). */
  query: Record<string, unknown>;
  /** The absolute base of this server's URLs. */
  base: string;
  /** The format asked for. */
  format: string;
  ctx: CapabilityContext;
}

export interface Rendering<In, Out> {
  /** The Content-Type. A rendering that returns text is sent as it is (kubectl's exact bytes, a zone
   * file); one that returns a value is serialized as JSON. */
  type: string;
  describe: string;
  render(view: RestView<In, Out>): unknown;
}

export interface RestBinding<In, Out> {
  /** DELETE removes what the path names (its input from the path and the query string, as GET's). */
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify's path syntax: `/v1/concepts/:slug`; path parameters are input fields. */
  path: string;
  tag: string;
  /** Parameters whose name differs from the input field they fill: REST name → input path. */
  params?: ArgMap;
  /** Input fields REST does not offer as parameters (`prepare` sets them). */
  omit?: readonly string[];
  /** The input from the REST parameters and the format asked for, when renaming is not enough. */
  prepare?(params: Record<string, unknown>, format: string): Record<string, unknown>;
  /** A POST that takes manifests: a JSON body (`{ objects | manifests, …options }`, or one object or
   * a `kind: List` as the body itself) or a YAML body, with options in the query string. Any other
   * POST takes a JSON object of input fields, over those of the query string. */
  manifests?: boolean;
  /** A POST whose JSON object of input fields may also come as YAML text (the same fields), for requests
   * people write as YAML (a probe timeline's Pod and scenario). */
  yaml?: boolean;
  /** Output formats by `?format=` name; the first is the default. */
  formats: Record<string, Rendering<In, Out>>;
  /** The query parameter that names the format, when not `format` (kubectl's `output`). */
  formatParam?: string;
  /** Response headers (Content-Language, Link, …). */
  headers?(view: RestView<In, Out>): Record<string, string>;
  /** The answer depends only on the snapshot and the request (URL, format, language, base URL): served
   * from the per-snapshot answer cache (src/http/cache.ts), with ETag, 304 and compression. */
  cached?: boolean;
  /** Where the answer lives when the request named it otherwise (a concept by an alias): a 302 there. */
  redirect?(view: RestView<In, Out>): string | undefined;
}

export interface McpBinding<In, Out> {
  tool: string;
  title: string;
  /** For the model: when to use the tool, what it returns, and examples. */
  description: string;
  /** Tool arguments whose name differs from the input field they fill. */
  args?: ArgMap;
  /** Input values the tool always sends, not offered as arguments. */
  fixed?: Record<string, unknown>;
  /** Input fields the tool does not offer (another transport's spelling of one it offers). */
  omit?: readonly string[];
  /** Arguments only the tool has, for its text (`explain`). */
  extras?: Shape;
  /** The default of the tool's `maxChars` argument, when its text is cut to fit one. */
  maxChars?: number;
  /** What to tell the model when the text was cut. */
  cut?(input: In): string;
  /** The answer as text for a model; `structuredContent` carries the output itself. */
  text(output: Out, input: In, extras: Record<string, unknown>, ctx: CapabilityContext): string;
}

export interface GraphqlBinding {
  /** The field: of Query, or `Type.field` for a field of another type. */
  field: string;
  /** `generated`: made from the input and output schemas here (src/graphql/generate.ts); `handwritten`:
   * a type-graphql resolver that calls the capability, proven to match it by test/graphql-capabilities.test.ts. */
  resolver: 'generated' | 'handwritten';
  /** Arguments whose name differs from the input field they fill. */
  args?: ArgMap;
  /** Input fields the field does not take (a handwritten field's type has its own arguments for them). */
  omit?: readonly string[];
  /** Defaults the field has instead of the input's, when GraphQL reads differently: Concept.relations
   * walks the graph from source to target, so it lists outgoing relations unless asked. */
  defaults?: Readonly<Record<string, unknown>>;
  /** The output property the field returns, when it returns a part of the output. */
  pick?: string;
  /** Also a field of Example, computed from the example's manifest with these arguments. */
  example?: {
    field: string;
    description: string;
    args: readonly string[];
    /** Whether the example's manifest is a question this answers; others answer null rather than an error. */
    applies?: (manifest: string) => boolean;
  };
}

export interface Capability<In = unknown, Out = unknown> {
  /** The capability's one name, as logs, budgets and tests name it (a generated GraphQL field takes it too). */
  name: string;
  /** For people: one line (the OpenAPI summary). */
  summary: string;
  /** For people: what it answers and how (OpenAPI and GraphQL descriptions). */
  description: string;
  input: z.ZodType<In>;
  output: z.ZodType<Out>;
  scope: Scope;
  /** How bad input values are reported: as request parameters (400 BAD_USER_INPUT), or as fields
   * Kubernetes itself checks (422 FIELD_INVALID, FIELD_NOT_SUPPORTED), as the kernel reports manifests. */
  values: 'parameters' | 'fields';
  /** Inputs may hold secrets: problems never repeat a value given (src/capabilities/problems.ts). */
  sensitive?: boolean;
  annotations: { readOnly: boolean; idempotent: boolean };
  /** The work a call costs, roughly in objects read and records produced, counted before `run`: charged
   * to the request's budget (budget.ts) and logged with each call (invoke.ts). */
  cost(input: In): number;
  /** A computation (CPU work on manifests): it waits for a turn at the computing gate (budget.ts). */
  computes?: boolean;
  /** Milliseconds of work on the event loop (a search): it runs in a turn of its own (src/util/turns.ts). */
  takesTurns?: boolean;
  run(input: In, ctx: CapabilityContext): Out | Promise<Out>;
  rest?: RestBinding<In, Out>;
  mcp?: McpBinding<In, Out>;
  graphql?: GraphqlBinding;
}

/** Identity, so a capability's input and output types are inferred from its schemas. */
export function defineCapability<I extends z.ZodType, O extends z.ZodType>(
  c: Capability<z.output<I>, z.output<O>> & { input: I; output: O },
): Capability<z.output<I>, z.output<O>> {
  return c;
}

/** What GraphQL calls a type made from a schema: every object and enum that GraphQL shows needs one. */
export interface GraphqlName {
  name: string;
  description: string;
  /** For an enum: each value's description. */
  values?: Record<string, string>;
  /** Show this object or list as the JSON scalar (Kubernetes objects keep their own shape). */
  json?: boolean;
}

// Kept by the schema's definition, which .describe() and .meta() copies share, and apart from zod's
// global registry so that JSON Schemas do not carry them.
const graphqlNames = new WeakMap<object, GraphqlName>();

/** The schema, registered under a GraphQL name. */
export function named<S extends z.ZodType>(schema: S, name: GraphqlName): S {
  graphqlNames.set(schema.def, name);
  return schema;
}

/** The GraphQL name a schema was registered under, if any. */
export const graphqlNameOf = (schema: z.ZodType): GraphqlName | undefined => graphqlNames.get(schema.def);

/** The most characters an MCP tool's text holds, and the least `maxChars` a tool accepts. */
export const TOOL_TEXT = { max: 20000, min: 500 } as const;

/** A read of the knowledge graph: open unless reads need a key; bad parameters are 400s. */
export const LOOKUP = {
  scope: 'read',
  values: 'parameters',
  annotations: { readOnly: true, idempotent: true },
} as const satisfies Pick<Capability, 'scope' | 'values' | 'annotations'>;

/** A pure computation from manifests: open unless reads need a key; bad values are Kubernetes field
 * errors (422); it takes a turn at the computing gate. */
export const COMPUTATION = {
  scope: 'read',
  values: 'fields',
  annotations: { readOnly: true, idempotent: true },
  computes: true,
} as const satisfies Pick<Capability, 'scope' | 'values' | 'annotations' | 'computes'>;
