// A manifest attached to a concept.
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.type';

@ObjectType({
  implements: Node,
  description: 'A Kubernetes manifest that shows a concept, as `kubectl apply` takes it.',
})
export class Example implements Node {
  id!: string;

  @Field(() => String, { description: 'The name of the example, unique within its concept.' })
  key!: string;

  @Field(() => String, { description: 'The manifest as YAML text (one or more documents).' })
  manifest!: string;
}
