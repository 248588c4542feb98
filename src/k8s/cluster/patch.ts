// `kubectl apply` of a manifest over an object kubectl did not create (the cluster's own `kubernetes`
// and `kube-dns`): it has no last-applied-configuration annotation, so the three-way strategic merge
// patch (strategicpatch.CreateThreeWayMergePatch in apimachinery's util/strategicpatch) has no original
// to compute deletions from, and the patch is the manifest's fields that differ from the live object.
// Applied by the API server, maps merge key by key (a `null` deletes), lists with a merge strategy merge
// item by item on their key, other lists and scalars are replaced.
import { isObj, type Obj } from '../objects';

/** A list the patch merges item by item, and how an item is keyed. */
export interface MergeList {
  path: readonly string[];
  key: (item: Obj) => string;
}

function mergeItems(live: unknown[], given: unknown[], key: MergeList['key']): unknown[] {
  const out = [...live];
  const at = new Map(live.flatMap((x, i) => (isObj(x) ? [[key(x), i] as const] : [])));
  for (const item of given) {
    const i = isObj(item) ? at.get(key(item)) : undefined;
    // A live item keeps its place with the given fields over it; a new one is added at the end.
    if (i === undefined) out.push(item);
    else out[i] = merged(out[i], item, [], []);
  }
  return out;
}

function merged(live: unknown, given: unknown, path: readonly string[], lists: readonly MergeList[]): unknown {
  if (isObj(live) && isObj(given)) {
    const out: Obj = { ...live };
    for (const [k, v] of Object.entries(given)) {
      if (v === null) delete out[k];
      else out[k] = merged(live[k], v, [...path, k], lists);
    }
    return out;
  }
  const list = lists.find((l) => l.path.length === path.length && l.path.every((p, i) => p === path[i]));
  if (list && Array.isArray(live) && Array.isArray(given)) return mergeItems(live, given, list.key);
  return given;
}

/** The live object after `kubectl apply` of `given` over it, `lists` naming the lists merged by key. */
export function appliedOver(live: Obj, given: Obj, lists: readonly MergeList[]): Obj {
  return merged(live, given, [], lists) as Obj;
}
