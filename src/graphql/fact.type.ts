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

  @Field(() => Boolean, {
    description: 'True when the fact corrects something the seed notes got wrong or left vague.',
  })
  correctsNotes!: boolean;
}
