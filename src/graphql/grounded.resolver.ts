// groundedContext: the context capability — what GET /v1/context and the MCP get_context tool return.
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { argumentsOf } from '../capabilities/args';
import { context } from '../capabilities/context';
import { contextMarkdown } from '../knowledge/context';
import type { Locale } from '../knowledge/types';
import { given, type GraphqlContext } from './context';
import { Language } from './enums';
import { GroundedContext } from './grounded.type';

@Resolver()
export class GroundedResolver {
  @Query(() => GroundedContext, {
    description:
      'What a retrieval-augmented chatbot puts in its prompt for a question: concepts, facts with sources and reliability, within a size budget.',
  })
  async groundedContext(
    @Arg('question', () => String, { description: 'The user’s question, in Korean or English.' }) question: string,
    @Arg('lang', () => Language, {
      nullable: true,
      description:
        'The answer language; defaults to the request’s Accept-Language, then KO when the question contains Hangul, else EN.',
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
  ): Promise<GroundedContext> {
    // The capability takes a budget in either unit as its own field, and refuses both at once (context.ts).
    const args = argumentsOf(given({ question, lang, budgetChars, budgetTokens }));
    const { output } = await ctx.call(context, args);
    return { ...output, budget: output.budget.limit, markdown: contextMarkdown(output) };
  }
}
