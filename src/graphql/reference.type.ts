// A source that facts cite, with how far it can be trusted.
import { Field, Int, ObjectType } from 'type-graphql';
import type { ReferenceKind, Reliability } from '../knowledge/types';
import { ConnectionType, EdgeType } from './connection.type';
import { ReferenceKindEnum, ReliabilityEnum } from './enums';
import { Node } from './node.type';

@ObjectType({
  implements: Node,
  description: 'A source that facts cite: a documentation page, a specification, a blog post…',
})
export class Reference implements Node {
  id!: string;

  @Field(() => String, { description: 'The stable public name of the reference, such as `k8s-service`.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Where to read it; null for sources cited by title only.' })
  url!: string | null;

  @Field(() => String, { description: 'The title of the source.' })
  title!: string;

  @Field(() => String, { description: 'The language the source is written in, such as `en` or `ko`.' })
  language!: string;

  @Field(() => ReferenceKindEnum, { description: 'What sort of source it is.' })
  kind!: ReferenceKind;

  @Field(() => ReliabilityEnum, { description: 'How far the source can be trusted.' })
  reliability!: Reliability;

  @Field(() => String, {
    description: 'Why the source has its reliability, or what to keep in mind when citing it; may be empty.',
  })
  note!: string;

  @Field(() => Int, {
    description:
      'Increases with every edit of the reference: what updateReference’s `expectedVersion` and revertReference’s `toVersion` take.',
  })
  version!: number;
}

@ObjectType({ description: 'An edge in a connection of references.' })
export class ReferenceEdge extends EdgeType(Reference) {}

@ObjectType({ description: 'A page of references.' })
export class ReferenceConnection extends ConnectionType(Reference, ReferenceEdge) {}
