// What a retrieval-augmented chatbot puts in its prompt, as GraphQL types (src/knowledge/context/).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { SearchMatch } from '../knowledge/search';
import type { Reliability } from '../knowledge/types';
import { ReliabilityEnum, SearchMatchEnum } from './enums';

@ObjectType({ description: 'A concept chosen for the question, with its summary and link.' })
export class GroundedConcept {
  @Field(() => String, { description: 'The concept slug.' }) slug!: string;
  @Field(() => String, { description: 'Its title in the answer language.' }) title!: string;
  @Field(() => String, { description: 'Its summary (the best concept’s may be cut to fit the budget).' })
  summary!: string;
  @Field(() => String, { description: 'Where to read the whole concept.' }) link!: string;
  @Field(() => Float, { description: 'Ranking score: 1 for the best concept, the others their fraction of it.' })
  score!: number;
  @Field(() => Float, {
    description: 'How much of the question the concept covers, 0 to 1, comparable across questions.',
  })
  relevance!: number;
}

@ObjectType({ description: 'A source of a grounded statement.' })
export class GroundedSource {
  @Field(() => String, { description: 'The reference key.' }) key!: string;
  @Field(() => String, { description: 'The reference title.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'The URL, when the source has one.' }) url!: string | null;
}

@ObjectType({
  description:
    'A common belief that a grounded statement corrects. Present it as “A common belief is that …; in fact, …”.',
})
export class GroundedCorrection {
  @Field(() => String, {
    description: 'The belief in the answer language, stated neutrally (in English, a clause that follows “that”).',
  })
  belief!: string;
}

@ObjectType({ description: 'A statement that bears on the question, with how far its source can be trusted.' })
export class GroundedFact {
  @Field(() => String, { description: 'The concept the statement belongs to.' }) concept!: string;
  @Field(() => String, { description: 'The fact key, unique within the concept.' }) key!: string;
  @Field(() => String, { description: 'The statement in the answer language.' }) statement!: string;
  @Field(() => GroundedCorrection, {
    nullable: true,
    description: 'The common belief the statement corrects; null when it corrects none.',
  })
  corrects?: GroundedCorrection;
  @Field(() => ReliabilityEnum, { description: 'The reliability of its source.' }) reliability!: Reliability;
  @Field(() => GroundedSource, { description: 'The source to cite.' }) source!: GroundedSource;
  @Field(() => String, {
    nullable: true,
    description: 'Why not to present it as settled, unless the source is authoritative.',
  })
  caution?: string;
}

@ObjectType({
  description: 'Grounded context for a question, within a size budget, as JSON-like fields and as markdown.',
})
export class GroundedContext {
  @Field(() => SearchMatchEnum, {
    description:
      'STRONG: the concepts and facts ground the answer. WEAK: no concept clearly covers the question; the nearest concepts are listed without facts. NONE: nothing to ground an answer on.',
  })
  match!: SearchMatch;
  @Field(() => [GroundedConcept], { description: 'The best concepts for the question, best first.' })
  concepts!: GroundedConcept[];
  @Field(() => [GroundedFact], {
    description: 'Statements backed by authoritative, community or unverified sources (each flagged by reliability).',
  })
  facts!: GroundedFact[];
  @Field(() => [GroundedFact], {
    description: 'Statements whose only source is DISPUTED: never to be presented as fact.',
  })
  caveats!: GroundedFact[];
  @Field(() => Boolean, { description: 'Whether anything was dropped or cut to fit the budget.' }) truncated!: boolean;
  @Field(() => Int, { description: 'The budget the context was fitted into, in its unit.' }) budget!: number;
  @Field(() => String, { description: 'The same context rendered as markdown, ready for a prompt.' }) markdown!: string;
}
