// A thread that analyses concepts for the search index (build.ts): the tokenising, stemming and
// Hangul splitting that are most of a full rebuild's work. It gets only what the index reads of each
// concept and answers plain data, so it loads the analyser and nothing else.
import { analysedConcept, type AnalysedConcept, type SearchableConcept } from './documents';

/** The concepts analysed for the index, in the order given. */
export default function analyse(concepts: readonly SearchableConcept[]): AnalysedConcept[] {
  return concepts.map(analysedConcept);
}
