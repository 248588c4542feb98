// A concept is found by any of its names (search/names.ts): its slug first, then a title, then an
// alias; a name two concepts share names neither. So a title or an alias an edit adds must not be a name of
// another concept: it would never find this one (a slug or title wins), or it would make a name that
// finds the other concept today find nothing. Names already shared (content/ has a few) are left
// alone: only what an edit adds is checked.
import { KubeknowError, type Problem } from '../errors';
import { nameKey, titleNames } from './search/names';
import type { Tx } from './write';

/** A name (a title, or an alias) an edit adds, at its place in the edit's input. */
export interface AddedName {
  path: string;
  name: string;
}

/** Refuses (CONFLICT, naming the other concept) every added name that already names another live concept. */
export async function refuseTakenNames(tx: Tx, slug: string, added: readonly AddedName[]): Promise<void> {
  if (!added.length) return;
  const others = await tx.conceptText.findMany({
    where: { concept: { slug: { not: slug }, deletedAt: null } },
    select: { title: true, aliases: true, concept: { select: { slug: true } } },
  });
  const owners = new Map<string, string>();
  for (const t of others) {
    owners.set(nameKey(t.concept.slug), `"${t.concept.slug}" (its slug)`);
    for (const n of titleNames(t.title))
      if (!owners.has(nameKey(n))) owners.set(nameKey(n), `"${t.concept.slug}" (its title "${t.title}")`);
    for (const a of t.aliases) if (!owners.has(nameKey(a))) owners.set(nameKey(a), `"${t.concept.slug}" (its alias)`);
  }
  const problems: Problem[] = added.flatMap(({ path, name }) => {
    const owner = owners.get(nameKey(name));
    return owner
      ? [{ code: 'CONFLICT', path, message: `"${name}" already names concept ${owner}; a name must find one concept` }]
      : [];
  });
  if (problems.length) throw new KubeknowError(problems);
}

/**
 * The names these texts give that the concept does not have yet (in any language), with their input
 * paths: each title's names (whole, without its aside, the aside alone) and each alias. `had` holds
 * the concept's titles and aliases before the edit; names it already has may be sent again.
 */
export function addedNames(
  texts: readonly { title?: string | null; aliases?: readonly string[] | null }[],
  had: readonly string[] = [],
): AddedName[] {
  const old = new Set(had.flatMap(titleNames).map(nameKey));
  return texts.flatMap((t, i) => {
    // A title without an aside names its concept once, not twice.
    const titled = new Map((t.title ? titleNames(t.title) : []).map((name) => [nameKey(name), name]));
    return [
      ...[...titled].filter(([key]) => key && !old.has(key)).map(([, name]) => ({ path: `texts[${i}].title`, name })),
      ...(t.aliases ?? []).flatMap((name, j) =>
        old.has(nameKey(name)) ? [] : [{ path: `texts[${i}].aliases[${j}]`, name }],
      ),
    ];
  });
}
