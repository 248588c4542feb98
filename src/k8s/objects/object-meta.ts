// What every object has: its metadata and its raw form. Kept apart from types.ts, which builds on it
// as scheduling-types.ts does, so neither of those needs the other.
export interface ObjectMeta {
  name: string;
  namespace: string; // defaulted to "default" for namespaced kinds, "" for cluster-scoped ones
  labels: Record<string, string>;
  annotations: Record<string, string>;
  uid?: string;
  deletionTimestamp?: string;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The object as written in the input, before defaulting; kept so output can show fields the kernel does not model. */
export type RawObject = Record<string, unknown>;
