// A concept is found by any of its names (search/names.ts): its slug first, then a title, then an
// alias; a name two concepts share names neither. So an alias an edit adds must not be a name of
// another concept: it would never find this one (a slug or title wins), or it would make a name that
// finds the other concept today find nothing. Names already shared (content/ has a few) are left
// alone: only what an edit adds is checked.
import { KubeknowError, type Problem } from '../errors';
import { nameKey } from './search/names';
import type { Tx } from './write';

/** An alias an edit adds, at its place in the edit's input. */
export interface AddedAlias {
  path: string;
  alias: string;
}

/** Refuses (CONFLICT, naming the other concept) every added alias that already names another live concept. */
export async function refuseTakenAliases(tx: Tx, slug: string, added: readonly AddedAlias[]): Promise<void> {
  if (!added.length) return;
  const others = await tx.conceptText.findMany({
    where: { concept: { slug: { not: slug }, deletedAt: null } },
    select: { title: true, aliases: true, concept: { select: { slug: true } } },
  });
  const owners = new Map<string, string>();
  for (const t of others) {
    owners.set(nameKey(t.concept.slug), `"${t.concept.slug}" (its slug)`);
    if (!owners.has(nameKey(t.title))) owners.set(nameKey(t.title), `"${t.concept.slug}" (its title "${t.title}")`);
    for (const a of t.aliases) if (!owners.has(nameKey(a))) owners.set(nameKey(a), `"${t.concept.slug}" (its alias)`);
  }
  const problems: Problem[] = added.flatMap(({ path, alias }) => {
    const owner = owners.get(nameKey(alias));
    return owner
      ? [{ code: 'CONFLICT', path, message: `"${alias}" already names concept ${owner}; a name must find one concept` }]
      : [];
  });
  if (problems.length) throw new KubeknowError(problems);
}

/** The aliases of these texts that the concept does not have yet (in any language), with their input paths. */
export function addedAliases(
  texts: readonly { aliases?: readonly string[] | null }[],
  had: readonly string[] = [],
): AddedAlias[] {
  const old = new Set(had.map(nameKey));
  return texts.flatMap((t, i) =>
    (t.aliases ?? []).flatMap((alias, j) =>
      old.has(nameKey(alias)) ? [] : [{ path: `texts[${i}].aliases[${j}]`, alias }],
    ),
  );
}
