// Answers of GraphQL queries, kept per snapshot as REST's are (src/http/cache.ts): everything a query
// reads comes from the snapshot (or from revisions, which change only with it), so the bytes Apollo
// sent for a request stay right until the next snapshot. A repeated request is answered with them
// before Apollo sees it: no parsing, validating, costing, resolving or serializing.
// What is kept: a query (never a mutation) that Apollo answered 200 without any error, and that
// never asked for the caller's key. An answer that read the key (apiKeys, or a field needing a
// scope) depends on who asks and is never kept, so one caller's answer is never another's.
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationTypeNode } from 'graphql';
import { isSmallInput } from '../capabilities/invoke';
import { AnswerCache } from '../http/cache';
import { publicBase } from '../http/public-url';
import type { Knowledge } from '../knowledge/service';
import type { Snapshot } from '../knowledge/snapshot';
import type { GraphqlContext } from './context';
import { FASTIFY_REQUEST, type WithRequest } from './request';

/** A request too large to be worth keeping (a lookup is a few hundred bytes), so keys stay small. */
const MAX_KEY_CHARS = 4096;

interface Pending {
  snapshot: Snapshot;
  key: string;
  /** Apollo's headers for the answer, once Apollo has said it may be kept (its own plugins, such as
   * cache control's, may still add to them then). */
  headers?: Map<string, string>;
}

/**
 * What an answer depends on besides the snapshot: the operation, its name and variables, the reader's
 * language, the base of absolute links and the media type asked for. Null for requests that are not
 * kept: another body type, an extension (persisted queries), a key too long.
 */
function answerKey(req: FastifyRequest): string | null {
  if (!req.headers['content-type']?.startsWith('application/json')) return null;
  const body = req.body as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (typeof body.query !== 'string' || body.extensions !== undefined) return null;
  // Variables longer than a key may be are counted only that far, never walked or serialised whole
  // (a megabyte of them would hold the event loop for nothing); that also bounds their nesting, so
  // JSON.stringify, which recurses, stays shallow.
  if (!isSmallInput(body.variables ?? null, MAX_KEY_CHARS)) return null;
  // The headers as sent, not what they are read as (a language, a media type): parsing them is
  // work for every hit, and the same client sends the same headers. Joined by newlines, which no
  // header value, link base or JSON text holds, with the query last, so no two requests share a key;
  // only the variables and the name are serialised (escaping the whole query was most of the key's cost).
  const key = `${header(req.headers.accept)}\n${header(req.headers['accept-language'])}\n${publicBase(req)}\n${JSON.stringify(body.operationName ?? null)}\n${JSON.stringify(body.variables ?? null)}\n${body.query}`;
  return key.length <= MAX_KEY_CHARS ? key : null;
}

/** A header as a key part: absent and empty differ. */
const header = (value: string | undefined): string => (value === undefined ? '-' : `+${value}`);

/** The cache of GraphQL answers: an Apollo plugin that says which answers may be kept, and the hooks
 * of the /graphql route that answer from it and keep them. */
export function graphqlAnswers(knowledge: Knowledge): {
  plugin: ApolloServerPlugin<GraphqlContext & WithRequest>;
  hooks(scope: FastifyInstance): void;
} {
  const cache = new AnswerCache();
  // Requests whose answer may be kept, until it is sent.
  const pendings = new WeakMap<FastifyRequest, Pending>();
  return {
    plugin: {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, operation, errors, response }) => {
          const req = contextValue[FASTIFY_REQUEST];
          const pending = req && pendings.get(req);
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const clean = !errors?.length && single && !single.errors && (response.http.status ?? 200) === 200;
          if (
            !pending ||
            !clean ||
            // A type-only import: this module loads before graphql-js does (src/graphql/route.ts).
            operation?.operation !== ('query' as OperationTypeNode) ||
            contextValue.askedForPrincipal()
          )
            return;
          pending.headers = response.http.headers;
        },
      }),
    },
    hooks(scope) {
      // Callback hooks: a hit allocates no promise. A hit sends and does not call done, which ends the
      // hooks there (Fastify's "respond from a hook").
      scope.addHook('preHandler', (req, reply, done) => {
        const key = answerKey(req);
        if (!key) return done();
        // Taken before Apollo runs: an answer made while an edit lands is kept under the older
        // snapshot, which is no longer served, never under the newer one.
        const snapshot = knowledge.snapshot;
        const hit = cache.get(snapshot, key);
        if (!hit) {
          pendings.set(req, { snapshot, key });
          return done();
        }
        reply.headers(hit.headers).type(hit.type).send(hit.body);
      });
      scope.addHook('onSend', (req, reply, payload, done) => {
        const pending = pendings.get(req);
        if (!pending?.headers || reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
        // Apollo picks the media type (from Accept) after its plugins have run.
        const { 'content-type': _, ...headers } = Object.fromEntries(pending.headers);
        cache.put(
          pending.snapshot,
          pending.key,
          Buffer.from(payload),
          String(reply.getHeader('content-type')),
          headers,
        );
        done(null, payload);
      });
    },
  };
}
