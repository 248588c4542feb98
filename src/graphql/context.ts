// What every resolver receives: the services, the caller's language, its (lazily checked) key, and
// the one way to call a capability for this request.
import type { FastifyRequest } from 'fastify';
import { authenticate, requireScope, type Principal } from '../auth/keys';
import type { Arguments } from '../capabilities/args';
import type { Capability } from '../capabilities/capability';
import { invoke, type Call } from '../capabilities/invoke';
import { acceptLanguage, preferredLanguage } from '../http/negotiate';
import { publicBase, publicPrefix } from '../http/public-url';
import type { Author } from '../knowledge/edits';
import type { Knowledge } from '../knowledge/service';
import type { Locale } from '../knowledge/types';

export interface GraphqlContext {
  knowledge: Knowledge;
  /** From Accept-Language (then en); a field's own `lang` argument wins over it. */
  lang: Locale;
  /** Accept-Language's language, when the request named one kubeknow has. */
  acceptLanguage: Locale | undefined;
  /**
   * The language a node was found in, when that is not the request's: a concept that a Korean
   * search found reads in Korean unless its field asks otherwise.
   */
  foundIn: WeakMap<object, Locale>;
  /** The caller's API key, checked only when a resolver needs it (mutations). */
  principal(): Promise<Principal | null>;
  /** Whether the key was read: the answer then depends on who asked (src/graphql/answers.ts). */
  askedForPrincipal(): boolean;
  /** Runs a capability (src/capabilities/invoke.ts) for this request. */
  call<In, Out>(cap: Capability<In, Out>, args: Arguments): Promise<Call<In, Out>>;
}

/** The context of one GraphQL request. */
export function graphqlContext(knowledge: Knowledge, req: FastifyRequest): GraphqlContext {
  let principal: Promise<Principal | null> | undefined;
  req.budget.answersOnEventLoop();
  const ctx: GraphqlContext = {
    knowledge,
    lang: acceptLanguage(req.headers['accept-language']),
    acceptLanguage: preferredLanguage(req.headers['accept-language']),
    foundIn: new WeakMap(),
    principal: () => (principal ??= authenticate(knowledge.db.prisma, req.headers.authorization)),
    askedForPrincipal: () => principal !== undefined,
    call: async (cap, args) =>
      invoke(cap, args, {
        knowledge,
        principal: cap.scope === 'write' || cap.scope === 'admin' ? await ctx.principal() : null,
        requireKeyForRead: false,
        acceptLanguage: preferredLanguage(req.headers['accept-language']),
        linkFor: (slug, lang) => `${publicPrefix()}/v1/concepts/${slug}?lang=${lang}`,
        baseUrl: publicBase(req),
        log: req.log,
        budget: req.budget,
      }),
  };
  return ctx;
}

/** The author of an edit: the caller, who must hold the write scope (UNAUTHENTICATED, FORBIDDEN). */
export async function editor(ctx: GraphqlContext): Promise<Author> {
  return { name: requireScope(await ctx.principal(), 'write').name };
}

/** GraphQL arguments as a capability's input takes them: a null argument is one left out. */
export const given = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined));
