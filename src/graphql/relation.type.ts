// A typed, directed edge between two concepts.
import { Field, ObjectType } from 'type-graphql';
import type { RelationType } from '../knowledge/types';
import { RelationDirection, RelationTypeEnum } from './enums';

@ObjectType({ description: 'A typed relation from a source concept to a target concept, seen from one of them.' })
export class Relation {
  @Field(() => RelationTypeEnum, { description: 'How the source relates to the target.' })
  type!: RelationType;

  @Field(() => RelationDirection, {
    description: 'OUTGOING when the concept it was read from is the source, INCOMING when it is the target.',
  })
  direction!: 'outgoing' | 'incoming';

  @Field(() => String, { description: 'Why the relation holds, or what to know about it; may be empty.' })
  note!: string;
}
