// A checkable statement about a concept, backed by a reference.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.type';

@ObjectType({
  implements: Node,
  description: 'One checkable statement about a concept, with the reference that backs it.',
})
export class Fact implements Node {
  id!: string;

  @Field(() => String, { description: 'The name of the fact, unique within its concept.' })
  key!: string;
}

@ObjectType({
  description:
    'A common belief that a fact corrects. Present a corrected fact as “A common belief is that …; in fact, …”.',
})
export class FactCorrection {}
