// Concepts by any of their names: a slug, a title or an alias in either language, a kubectl short
// name that the content lists as an alias ("svc", "sts"), as people type them ("Stateful Set",
// "파드"). What `GET /v1/concepts/<name>` finds before it redirects to the canonical slug.
import type { ConceptView } from '../types';

/** Names → the slugs they name: titles apart from aliases, as a title is the stronger claim. */
export interface NameIndex {
  titles: Map<string, string[]>;
  aliases: Map<string, string[]>;
}

/** A name as compared: NFKC, lower case, without spaces, dashes, underscores and dots. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.]+/g, '');
}

/** Indexes the titles and aliases of these concepts. */
export function nameIndex(concepts: readonly ConceptView[]): NameIndex {
  const index: NameIndex = { titles: new Map(), aliases: new Map() };
  const add = (map: Map<string, string[]>, name: string, slug: string) => {
    const key = nameKey(name);
    if (!key) return;
    const slugs = map.get(key) ?? [];
    if (!slugs.includes(slug)) map.set(key, [...slugs, slug]);
  };
  for (const c of concepts) {
    for (const t of Object.values(c.texts)) {
      if (!t) continue;
      for (const title of titleNames(t.title)) add(index.titles, title, c.slug);
      for (const a of t.aliases) add(index.aliases, a, c.slug);
    }
  }
  return index;
}

/**
 * The names a title gives its concept: whole, without its aside, and the aside alone
 * ("퍼시스턴트볼륨클레임(PVC)" names it as "퍼시스턴트볼륨클레임" and as "PVC" too).
 */
export function titleNames(title: string): string[] {
  const asides = [...title.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]);
  return [title, title.replace(/\s*\([^)]*\)\s*/g, ' ').trim(), ...asides];
}

/**
 * The slug a name stands for: the one concept whose title it is, else the one concept whose alias
 * it is. A name that two concepts share at the same level names neither (undefined), so that a
 * lookup never picks one of them by chance; "did you mean" then lists them.
 */
export function slugNamed(index: NameIndex, name: string): string | undefined {
  const key = nameKey(name);
  for (const map of [index.titles, index.aliases]) {
    const slugs = map.get(key);
    if (slugs?.length === 1) return slugs[0];
    if (slugs && slugs.length > 1) return undefined;
  }
  return undefined;
}
