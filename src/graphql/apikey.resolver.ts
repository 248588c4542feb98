// The admin API for keys: list, create, revoke, each needing a key with the admin scope. The same
// service calls as REST's /v1/admin/keys (src/rest/admin.ts) and `npm run apikey`.
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { createApiKey, listApiKeys, MAX_KEYS_LISTED, requireScope, revokeApiKey, type ApiKeyView } from '../auth/keys';
import { CreateApiKeyInput, RevokeApiKeyInput } from './apikey.input';
import { ApiKey, CreateApiKeyPayload, RevokeApiKeyPayload } from './apikey.type';
import type { GraphqlContext } from './context';

const INPUT = { description: 'Parameters for the mutation.' } as const;

async function asAdmin(ctx: GraphqlContext): Promise<void> {
  requireScope(await ctx.principal(), 'admin');
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], {
    description: 'The newest API keys, revoked ones too. Needs an API key with the admin scope.',
  })
  async apiKeys(
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 100,
      description: `How many keys to return (1 to ${MAX_KEYS_LISTED}; 100 when left out or null).`,
    })
    first: number | null,
    @Ctx() ctx: GraphqlContext,
  ): Promise<ApiKeyView[]> {
    await asAdmin(ctx);
    return (await listApiKeys(ctx.knowledge.db.prisma, first ?? 100)).items;
  }

  @Mutation(() => CreateApiKeyPayload, {
    nullable: true,
    description: 'Makes an API key and returns it, this once. Needs an API key with the admin scope.',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, INPUT) input: CreateApiKeyInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<CreateApiKeyPayload> {
    await asAdmin(ctx);
    const made = await createApiKey(ctx.knowledge.db.prisma, input.name ?? undefined, input.scopes ?? undefined);
    return { clientMutationId: input.clientMutationId, key: made.key, apiKey: made.apiKey };
  }

  @Mutation(() => RevokeApiKeyPayload, {
    nullable: true,
    description:
      'Revokes an API key: it stops working at once, on every replica. Needs an API key with the admin scope.',
  })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, INPUT) input: RevokeApiKeyInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RevokeApiKeyPayload> {
    await asAdmin(ctx);
    return {
      clientMutationId: input.clientMutationId,
      apiKey: await revokeApiKey(ctx.knowledge.db.prisma, input.prefix),
    };
  }
}
