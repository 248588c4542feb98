// A validation rule that refuses queries nested deeper than a limit: relations { target { relations
// … } } can otherwise be nested without end, and each level multiplies the work.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export const MAX_QUERY_DEPTH = 12;

/**
 * The depth of every selection set of a document, each fragment measured once: fragments that
 * spread the next one twice would otherwise be walked 2^n times (n = 30 is 2 KB and an hour of CPU,
 * issue 10). A fragment met again while it is being measured is a cycle, which graphql-js's own
 * NoFragmentCycles rule reports; it counts as nothing here, so the walk ends.
 */
export function depthCounter(document: { definitions: readonly unknown[] }) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions as FragmentDefinitionNode[])
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measured = new Map<string, number>();
  const measuring = new Set<string>();
  let visits = 0;
  const fragmentDepth = (name: string): number => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || measuring.has(name)) return 0;
    measuring.add(name);
    const depth = depthOf(fragment.selectionSet);
    measuring.delete(name);
    measured.set(name, depth);
    return depth;
  };
  const depthOf = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const sel of set.selections) {
      visits++;
      if (sel.kind === Kind.FIELD)
        deepest = Math.max(deepest, sel.name.value.startsWith('__') ? 0 : 1 + depthOf(sel.selectionSet));
      else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(sel.selectionSet));
      else deepest = Math.max(deepest, fragmentDepth(sel.name.value));
    }
    return deepest;
  };
  /** `visits` counts the selections walked, which stays linear in the document's size. */
  return { depthOf, visits: () => visits };
}

/** The validation rule: a field deeper than `max` levels is an error with code BAD_USER_INPUT. */
export function depthLimit(max = MAX_QUERY_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const { depthOf } = depthCounter(context.getDocument());
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > max) {
          context.reportError(
            new GraphQLError(`query is ${depth} levels deep; the limit is ${max}`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}
