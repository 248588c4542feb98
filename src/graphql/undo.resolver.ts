// Undo: revert a concept (or a reference) to an earlier version, delete a concept, restore it, remove a reference. Each is an edit with a revision,
// so each can itself be undone.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { MUTATION_INPUT } from './args';
import { editor, type GraphqlContext } from './context';
import {
  DeleteConceptPayload,
  RemoveReferencePayload,
  RestoreConceptPayload,
  RevertConceptPayload,
  RevertReferencePayload,
} from './payload.type';
import { referenceOf } from './sources';
import {
  DeleteConceptInput,
  RemoveReferenceInput,
  RestoreConceptInput,
  RevertConceptInput,
  RevertReferenceInput,
} from './undo.input';

@Resolver()
export class UndoResolver {
  @Mutation(() => RevertConceptPayload, {
    nullable: true,
    description:
      'Makes a concept again what it was at `toVersion`, as a new version, if it is still at `expectedVersion`. Needs an API key with the write scope.',
  })
  async revertConcept(
    @Arg('input', () => RevertConceptInput, MUTATION_INPUT) input: RevertConceptInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RevertConceptPayload> {
    const slug = await ctx.knowledge.revertConcept(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }

  @Mutation(() => RevertReferencePayload, {
    nullable: true,
    description:
      'Makes a reference again what it was at `toVersion`, as a new version, if it is still at `expectedVersion`. Needs an API key with the write scope.',
  })
  async revertReference(
    @Arg('input', () => RevertReferenceInput, MUTATION_INPUT) input: RevertReferenceInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RevertReferencePayload> {
    const key = await ctx.knowledge.revertReference(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, reference: referenceOf(ctx.knowledge, key) };
  }

  @Mutation(() => RemoveReferencePayload, {
    nullable: true,
    description:
      'Removes a reference no fact cites, if it is still at `expectedVersion`; while facts cite it, CONFLICT names them. revertReference brings it back. Needs an API key with the write scope.',
  })
  async removeReference(
    @Arg('input', () => RemoveReferenceInput, MUTATION_INPUT) input: RemoveReferenceInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RemoveReferencePayload> {
    const version = await ctx.knowledge.removeReference(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, key: input.key, version };
  }

  @Mutation(() => DeleteConceptPayload, {
    nullable: true,
    description:
      'Deletes a concept, if it is still at `expectedVersion`: it and the relations to it are no longer read, and its history stays; restoreConcept brings it back. Needs an API key with the write scope.',
  })
  async deleteConcept(
    @Arg('input', () => DeleteConceptInput, MUTATION_INPUT) input: DeleteConceptInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<DeleteConceptPayload> {
    const version = await ctx.knowledge.deleteConcept(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, slug: input.slug, version };
  }

  @Mutation(() => RestoreConceptPayload, {
    nullable: true,
    description:
      'Brings a deleted concept back as it was, with the relations to it. Needs an API key with the write scope.',
  })
  async restoreConcept(
    @Arg('input', () => RestoreConceptInput, MUTATION_INPUT) input: RestoreConceptInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RestoreConceptPayload> {
    const slug = await ctx.knowledge.restoreConcept(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }
}
