// One committed edit, kept so nothing is lost.
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from './connection.type';
import { Node } from './node.type';

@ObjectType({
  implements: Node,
  description: 'One committed edit of a concept or a reference: who, when, and the document before and after.',
})
export class Revision implements Node {
  id!: string;

  @Field(() => String, { description: 'What was edited: a concept’s slug, or `reference:<key>`.' })
  subject!: string;

  @Field(() => String, { description: 'The mutation that made the edit, such as `updateConcept`.' })
  action!: string;

  @Field(() => String, { description: 'Who made the edit: the API key’s prefix and name.' })
  author!: string;

  @Field(() => Int, {
    description:
      'The concept’s (or reference’s) version after the edit: what revertConcept’s (or revertReference’s) `toVersion` takes.',
  })
  version!: number;

  @Field(() => JSONResolver, {
    nullable: true,
    description: 'The edited document before the edit; null when the edit created it or restored it.',
  })
  before!: unknown;

  @Field(() => JSONResolver, {
    nullable: true,
    description: 'The edited document after the edit; null when the edit deleted it.',
  })
  after!: unknown;

  @Field(() => DateTimeResolver, { description: 'When the edit was committed.' })
  createdAt!: Date;
}

@ObjectType({ description: 'One field an edit changed, with its value before and after.' })
export class RevisionChange {
  @Field(() => String, {
    description:
      'Where in the document: `kind`, `text.en.body`, `facts.<key>.ko`, `relations.<TYPE>:<target>.note`; empty for the whole document.',
  })
  field!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'Its value before the edit; null when it was not there.' })
  before!: unknown;

  @Field(() => JSONResolver, {
    nullable: true,
    description: 'Its value after the edit; null when it is no longer there.',
  })
  after!: unknown;
}

@ObjectType({ description: 'An edge in a connection of revisions.' })
export class RevisionEdge extends EdgeType(Revision) {}

@ObjectType({ description: 'A page of revisions, newest first.' })
export class RevisionConnection extends ConnectionType(Revision, RevisionEdge) {}
