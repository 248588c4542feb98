// A kubeknow computation a concept points to for diagnosis (src/knowledge/computations.ts).
import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A kubeknow computation that diagnoses what a concept describes, such as `scheduling-evaluate` for a Pod stuck in Pending.',
})
export class Computation {
  @Field(() => String, { description: 'The capability’s name in kebab-case, such as `scheduling-evaluate`.' })
  name!: string;

  @Field(() => String, { description: 'The REST route that serves it, such as `POST /v1/scheduling/evaluate`.' })
  route!: string;
}
