// Edits of a concept's examples. Each checks the caller's write scope, then makes one service call; an
// example is part of its concept, so each edit is a revision of the concept that revertConcept undoes.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { fail } from '../errors';
import type { ConceptView } from '../knowledge/types';
import { MUTATION_INPUT } from './args';
import { editor, type GraphqlContext } from './context';
import { AddExampleInput, RemoveExampleInput, UpdateExampleInput } from './example.input';
import { AddExamplePayload, RemoveExamplePayload, UpdateExamplePayload } from './payload.type';
import { examplesOf, type ExampleSource } from './sources';

/** The concept's example with this key (just written by a mutation). */
const exampleOf = (c: ConceptView, key: string): ExampleSource =>
  examplesOf(c).find((e) => e.key === key) ?? fail('NOT_FOUND', `concept "${c.slug}" has no example "${key}"`, 'key');

@Resolver()
export class ExampleEditResolver {
  @Mutation(() => AddExamplePayload, {
    nullable: true,
    description: 'Adds an example manifest to a concept. Needs an API key with the write scope.',
  })
  async addExample(
    @Arg('input', () => AddExampleInput, MUTATION_INPUT) input: AddExampleInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<AddExamplePayload> {
    const concept = ctx.knowledge.requireConcept(await ctx.knowledge.addExample(await editor(ctx), input));
    return { clientMutationId: input.clientMutationId, concept, example: exampleOf(concept, input.key) };
  }

  @Mutation(() => UpdateExamplePayload, {
    nullable: true,
    description:
      'Changes an example’s title or manifest; fields left out keep their value. Needs an API key with the write scope.',
  })
  async updateExample(
    @Arg('input', () => UpdateExampleInput, MUTATION_INPUT) input: UpdateExampleInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UpdateExamplePayload> {
    const concept = ctx.knowledge.requireConcept(await ctx.knowledge.updateExample(await editor(ctx), input));
    return { clientMutationId: input.clientMutationId, concept, example: exampleOf(concept, input.key) };
  }

  @Mutation(() => RemoveExamplePayload, {
    nullable: true,
    description: 'Removes an example from its concept. Needs an API key with the write scope.',
  })
  async removeExample(
    @Arg('input', () => RemoveExampleInput, MUTATION_INPUT) input: RemoveExampleInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RemoveExamplePayload> {
    const slug = await ctx.knowledge.removeExample(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }
}
