// A concept of the knowledge graph. Fields that need arguments or other objects are resolved in
// concept.resolver.ts and concept-graph.resolver.ts; the ones here are read from the ConceptView.
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ConceptKind } from '../knowledge/types';
import { ConnectionType, EdgeType } from './connection.type';
import { ConceptKindEnum } from './enums';
import { Node } from './node.type';

@ObjectType({
  implements: Node,
  description:
    'A Kubernetes concept (a resource, a field, a mechanism…), in English and Korean, with facts, relations and examples.',
})
export class Concept implements Node {
  id!: string;

  @Field(() => String, { description: 'The stable public name of the concept, such as `headless-service`.' })
  slug!: string;

  @Field(() => ConceptKindEnum, { description: 'What sort of thing the concept is.' })
  kind!: ConceptKind;

  @Field(() => String, { description: 'The area the concept belongs to, such as `services` or `scheduling`.' })
  category!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The Kubernetes apiVersion, when the concept is an API resource (`v1`, `apps/v1`).',
  })
  apiVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The Kubernetes kind, when the concept is an API resource (`Service`).',
  })
  k8sKind!: string | null;

  @Field(() => Int, { description: 'Incremented by every edit; pass it as `expectedVersion` to edit safely.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: 'When the concept was created.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When the concept was last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'An edge in a connection of concepts.' })
export class ConceptEdge extends EdgeType(Concept) {}

@ObjectType({ description: 'A page of concepts.' })
export class ConceptConnection extends ConnectionType(Concept, ConceptEdge) {}
