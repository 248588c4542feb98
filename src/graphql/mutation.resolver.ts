// Edits. Each checks the caller's write scope, then makes one service call; the service validates the
// input, writes a revision and refreshes the snapshot that the payload is read from.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CreateConceptInput, UpdateConceptInput } from './concept.input';
import { MUTATION_INPUT } from './args';
import { editor, type GraphqlContext } from './context';
import { AddFactInput, RemoveFactInput, UpdateFactInput } from './fact.input';
import {
  AddFactPayload,
  AddReferencePayload,
  AddRelationPayload,
  CreateConceptPayload,
  RemoveFactPayload,
  RemoveRelationPayload,
  UpdateConceptPayload,
  UpdateFactPayload,
  UpdateReferencePayload,
  UpdateRelationPayload,
} from './payload.type';
import { AddReferenceInput, UpdateReferenceInput } from './reference.input';
import { AddRelationInput, RemoveRelationInput, UpdateRelationInput } from './relation.input';
import { factOf, outgoingRelation, referenceOf } from './sources';

@Resolver()
export class MutationResolver {
  @Mutation(() => CreateConceptPayload, {
    nullable: true,
    description: 'Creates a concept. Needs an API key with the write scope.',
  })
  async createConcept(
    @Arg('input', () => CreateConceptInput, MUTATION_INPUT) input: CreateConceptInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<CreateConceptPayload> {
    const slug = await ctx.knowledge.createConcept(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }

  @Mutation(() => UpdateConceptPayload, {
    nullable: true,
    description:
      'Changes the given fields and texts of a concept, if it is still at `expectedVersion`; fields left out keep their value. Needs an API key with the write scope.',
  })
  async updateConcept(
    @Arg('input', () => UpdateConceptInput, MUTATION_INPUT) input: UpdateConceptInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UpdateConceptPayload> {
    const slug = await ctx.knowledge.updateConcept(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }

  @Mutation(() => AddRelationPayload, {
    nullable: true,
    description: 'Adds a typed relation between two concepts. Needs an API key with the write scope.',
  })
  async addRelation(
    @Arg('input', () => AddRelationInput, MUTATION_INPUT) input: AddRelationInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<AddRelationPayload> {
    const concept = ctx.knowledge.requireConcept(await ctx.knowledge.addRelation(await editor(ctx), input));
    return {
      clientMutationId: input.clientMutationId,
      concept,
      relation: outgoingRelation(concept, input.type, input.target),
    };
  }

  @Mutation(() => RemoveRelationPayload, {
    nullable: true,
    description: 'Removes a typed relation between two concepts. Needs an API key with the write scope.',
  })
  async removeRelation(
    @Arg('input', () => RemoveRelationInput, MUTATION_INPUT) input: RemoveRelationInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RemoveRelationPayload> {
    const slug = await ctx.knowledge.removeRelation(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }

  @Mutation(() => AddFactPayload, {
    nullable: true,
    description:
      'Adds a fact, in English and Korean, backed by an existing reference. Needs an API key with the write scope.',
  })
  async addFact(
    @Arg('input', () => AddFactInput, MUTATION_INPUT) input: AddFactInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<AddFactPayload> {
    const { slug, key } = await ctx.knowledge.addFact(await editor(ctx), input);
    const concept = ctx.knowledge.requireConcept(slug);
    return { clientMutationId: input.clientMutationId, concept, fact: factOf(concept, key) };
  }

  @Mutation(() => AddReferencePayload, {
    nullable: true,
    description: 'Adds a reference that facts can cite. Needs an API key with the write scope.',
  })
  async addReference(
    @Arg('input', () => AddReferenceInput, MUTATION_INPUT) input: AddReferenceInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<AddReferencePayload> {
    const key = await ctx.knowledge.addReference(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, reference: referenceOf(ctx.knowledge, key) };
  }

  @Mutation(() => UpdateRelationPayload, {
    nullable: true,
    description: 'Changes the note of a typed relation. Needs an API key with the write scope.',
  })
  async updateRelation(
    @Arg('input', () => UpdateRelationInput, MUTATION_INPUT) input: UpdateRelationInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UpdateRelationPayload> {
    const concept = ctx.knowledge.requireConcept(await ctx.knowledge.updateRelation(await editor(ctx), input));
    const relation = outgoingRelation(concept, input.type, input.target);
    return { clientMutationId: input.clientMutationId, concept, relation };
  }

  @Mutation(() => UpdateFactPayload, {
    nullable: true,
    description:
      'Changes a fact’s statements, reference or the belief it corrects; fields left out keep their value. Needs an API key with the write scope.',
  })
  async updateFact(
    @Arg('input', () => UpdateFactInput, MUTATION_INPUT) input: UpdateFactInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UpdateFactPayload> {
    const { slug, key } = await ctx.knowledge.updateFact(await editor(ctx), input);
    const concept = ctx.knowledge.requireConcept(slug);
    return { clientMutationId: input.clientMutationId, concept, fact: factOf(concept, key) };
  }

  @Mutation(() => RemoveFactPayload, {
    nullable: true,
    description: 'Removes a fact, in every language. Needs an API key with the write scope.',
  })
  async removeFact(
    @Arg('input', () => RemoveFactInput, MUTATION_INPUT) input: RemoveFactInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<RemoveFactPayload> {
    const slug = await ctx.knowledge.removeFact(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, concept: ctx.knowledge.requireConcept(slug) };
  }

  @Mutation(() => UpdateReferencePayload, {
    nullable: true,
    description: 'Changes a reference; fields left out keep their value. Needs an API key with the write scope.',
  })
  async updateReference(
    @Arg('input', () => UpdateReferenceInput, MUTATION_INPUT) input: UpdateReferenceInput,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UpdateReferencePayload> {
    const key = await ctx.knowledge.updateReference(await editor(ctx), input);
    return { clientMutationId: input.clientMutationId, reference: referenceOf(ctx.knowledge, key) };
  }
}
