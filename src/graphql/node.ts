// Global IDs, as in GitHub's API: opaque to clients, stable, and enough to find the object again
// (`node(id:)`). An ID is base64url of "<Type>:<key>"; nested objects use "<slug>/<key>".
import { fail } from '../errors';
import { MAX_PAGE } from '../knowledge/page';
import type { Knowledge } from '../knowledge/service';
import type { NodeSource } from './sources';

const NODE_TYPES = ['Concept', 'Reference', 'Example', 'Revision', 'Fact'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
const MAX_INT4 = 2 ** 31 - 1;

/** The global ID of an object. */
export const globalId = (type: NodeType, key: string): string => Buffer.from(`${type}:${key}`).toString('base64url');

/** The type and key inside a global ID; BAD_USER_INPUT when it is not one this API returned. */
export function parseGlobalId(id: string, path = 'id'): { type: NodeType; key: string } {
  const text = Buffer.from(id, 'base64url').toString();
  const sep = text.indexOf(':');
  const type = text.slice(0, Math.max(sep, 0)) as NodeType;
  // Re-encoding rejects strings that merely decode to something (base64url ignores junk characters).
  if (sep < 1 || !NODE_TYPES.includes(type) || globalId(type, text.slice(sep + 1)) !== id) {
    fail('BAD_USER_INPUT', 'is not an ID this API returned', path);
  }
  return { type, key: text.slice(sep + 1) };
}

/** The GraphQL type name of a node source, told apart by the fields only that shape has. */
export function nodeTypeOf(v: NodeSource): NodeType {
  if ('texts' in v) return 'Concept';
  if ('statements' in v) return 'Fact';
  if ('manifest' in v) return 'Example';
  if ('action' in v) return 'Revision';
  return 'Reference';
}

/** The object a global ID names, or null when it no longer (or never did) exist. */
export async function nodeById(knowledge: Knowledge, id: string, path = 'id'): Promise<NodeSource | null> {
  const { type, key } = parseGlobalId(id, path);
  const slash = key.indexOf('/');
  const concept = slash > 0 ? knowledge.concept(key.slice(0, slash)) : undefined;
  const child = key.slice(slash + 1);
  switch (type) {
    case 'Concept':
      return knowledge.concept(key) ?? null;
    case 'Reference':
      return knowledge.reference(key) ?? null;
    case 'Fact': {
      const fact = concept?.facts.find((f) => f.key === child);
      return fact && concept ? { ...fact, slug: concept.slug } : null;
    }
    case 'Example': {
      const example = concept?.examples.find((e) => e.key === child);
      return example && concept ? { ...example, slug: concept.slug } : null;
    }
    case 'Revision': {
      const n = Number(key);
      return /^\d+$/.test(key) && n <= MAX_INT4 ? knowledge.revision(n) : null;
    }
  }
}

/** The objects several global IDs name, in order (at most a page of them). */
export function nodesByIds(knowledge: Knowledge, ids: readonly string[]): Promise<(NodeSource | null)[]> {
  if (ids.length > MAX_PAGE) fail('BAD_USER_INPUT', `must hold at most ${MAX_PAGE} IDs`, 'ids');
  return Promise.all(ids.map((id, i) => nodeById(knowledge, id, `ids[${i}]`)));
}
