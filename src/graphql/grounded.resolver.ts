// groundedContext: the same context GET /v1/context and the MCP get_context tool return.
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { contextFor, contextMarkdown } from '../knowledge/context';
import type { Locale } from '../knowledge/types';
import type { GraphqlContext } from './context';
import { Language } from './enums';
import { GroundedContext } from './grounded.type';

@Resolver()
export class GroundedResolver {
  @Query(() => GroundedContext, {
    description:
      'What a retrieval-augmented chatbot puts in its prompt for a question: concepts, facts with sources and reliability, within a size budget.',
  })
  groundedContext(
    @Arg('question', () => String, { description: 'The user’s question, in Korean or English.' }) question: string,
    @Arg('lang', () => Language, {
      nullable: true,
      description: 'The answer language; defaults to the request’s Accept-Language, then EN.',
    })
    lang: Locale | null,
    @Arg('budgetChars', () => Int, {
      nullable: true,
      description: 'Size budget in characters (600 to 20000; 4000 when neither budget is given).',
    })
    budgetChars: number | null,
    @Arg('budgetTokens', () => Int, {
      nullable: true,
      description: 'Size budget in approximate LLM tokens (200 to 5000), instead of characters.',
    })
    budgetTokens: number | null,
    @Ctx() ctx: GraphqlContext,
  ): GroundedContext {
    const budget =
      budgetTokens != null ? { tokens: budgetTokens } : budgetChars != null ? { chars: budgetChars } : undefined;
    const grounded = contextFor(ctx.knowledge, { q: question, lang: lang ?? ctx.lang, budget });
    return { ...grounded, budget: grounded.budget.limit, markdown: contextMarkdown(grounded) };
  }
}
