// Search results: a connection of concepts whose edges say why each matched.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { SearchField, SearchMatch } from '../knowledge/search';
import type { Locale } from '../knowledge/types';
import { Concept } from './concept.type';
import { ConnectionType } from './connection.type';
import { Language, SearchFieldEnum, SearchMatchEnum } from './enums';

@ObjectType({ description: 'A range of characters in a text: from `start` up to, not including, `end`.' })
export class TextRange {
  @Field(() => Int, {
    description: 'The offset of the first character, counted in UTF-16 code units as JavaScript counts them.',
  })
  start!: number;

  @Field(() => Int, { description: 'The offset just after the last character.' })
  end!: number;
}

@ObjectType({ description: 'A concept that matched a search, with how well and where.' })
export class SearchResultEdge {
  @Field(() => String, { description: 'A cursor for use in pagination.' })
  cursor!: string;

  @Field(() => Concept, { description: 'The concept that matched.' })
  node!: unknown;

  @Field(() => Float, {
    description:
      'What the results are ranked by, highest first: the first result of the search scores 1, the others their fraction of it. Where the question’s words are found counts (a title, alias or symptom over the body).',
  })
  score!: number;

  @Field(() => Float, {
    description:
      'How much of the question this concept covers wherever it has the words, 0 to 1, comparable across questions. Not the order: results are ranked by score, so a later result may show a higher relevance.',
  })
  relevance!: number;

  @Field(() => Language, { description: 'The language of the text the snippet quotes.' })
  matchedLanguage!: Locale;

  @Field(() => SearchFieldEnum, { description: 'The part of the concept the snippet is taken from.' })
  matchedField!: SearchField;

  @Field(() => String, { description: 'At most about 200 characters around the best match; “…” marks a cut.' })
  snippet!: string;

  @Field(() => [TextRange], { description: 'Where the matched words are in `snippet`, in order and not overlapping.' })
  highlights!: TextRange[];
}

@ObjectType({ description: 'A page of search results, ranked by score, highest first.' })
export class SearchResultConnection extends ConnectionType(Concept, SearchResultEdge) {
  @Field(() => SearchMatchEnum, {
    description: 'Whether the best result of the whole search (not only of this page) answers the question.',
  })
  match!: SearchMatch;
}
