// What every resolver receives: the services, the caller's language, and its (lazily checked) key.
import type { FastifyRequest } from 'fastify';
import { authenticate, requireScope, type Principal } from '../auth/keys';
import { acceptLanguage } from '../http/negotiate';
import type { Author } from '../knowledge/edits';
import type { Knowledge } from '../knowledge/service';
import type { Locale } from '../knowledge/types';

export interface GraphqlContext {
  knowledge: Knowledge;
  /** From Accept-Language (then en); a field's own `lang` argument wins over it. */
  lang: Locale;
  /** The caller's API key, checked only when a resolver needs it (mutations). */
  principal(): Promise<Principal | null>;
}

/** The context of one GraphQL request. */
export function graphqlContext(knowledge: Knowledge, req: FastifyRequest): GraphqlContext {
  let principal: Promise<Principal | null> | undefined;
  return {
    knowledge,
    lang: acceptLanguage(req.headers['accept-language']),
    principal: () => (principal ??= authenticate(knowledge.db.prisma, req.headers.authorization)),
  };
}

/** The author of an edit: the caller, who must hold the write scope (UNAUTHENTICATED, FORBIDDEN). */
export async function editor(ctx: GraphqlContext): Promise<Author> {
  return { name: requireScope(await ctx.principal(), 'write').name };
}
