// The GraphQL enums of the hand-written types. Their values are the service's own strings, except
// Language and RelationDirection, whose SCREAMING_CASE names carry the lower-case values of the
// services and capabilities. The enums of generated fields (PodMode, DnsQueryType) are made from the
// capabilities' schemas (src/graphql/generate.ts).
import { registerEnumType } from 'type-graphql';
import type { DIRECTIONS } from '../capabilities/relations';
import type { SearchField, SearchMatch } from '../knowledge/search';
import type { ConceptKind, Locale, ReferenceKind, RelationType, Reliability } from '../knowledge/types';

type Described<T extends string> = { [K in T]: string };
const values = <T extends string>(described: Described<T>) =>
  Object.fromEntries(Object.keys(described).map((k) => [k, k])) as { [K in T]: K };
const descriptions = <T extends string>(described: Described<T>) =>
  Object.fromEntries(Object.entries(described).map(([k, d]) => [k, { description: d as string }])) as {
    [K in T]: { description: string };
  };

export const Language = { EN: 'en', KO: 'ko' } as const satisfies Record<string, Locale>;
registerEnumType(Language, {
  name: 'Language',
  description: 'A language the knowledge is written in.',
  valuesConfig: { EN: { description: 'English.' }, KO: { description: 'Korean (한국어).' } },
});

const conceptKinds: Described<ConceptKind> = {
  RESOURCE: 'A Kubernetes API resource, such as Service or Pod.',
  RESOURCE_VARIANT: 'A variant of a resource, such as a Service of type NodePort or a headless Service.',
  FIELD: 'A field of a resource and what it does, such as a Pod’s hostname and subdomain.',
  MECHANISM: 'Behaviour of the system, such as cluster DNS records or scheduling filters.',
  COMPONENT: 'A program that runs in a cluster, such as kube-proxy or CoreDNS.',
  TASK: 'Something people do with a cluster, such as reaching the API server from a Pod.',
};
export const ConceptKindEnum = values(conceptKinds);
registerEnumType(ConceptKindEnum, {
  name: 'ConceptKind',
  description: 'What sort of thing a concept is.',
  valuesConfig: descriptions(conceptKinds),
});

const relationTypes: Described<RelationType> = {
  IS_A: 'The source is a kind of the target (a headless Service is a Service).',
  CREATES:
    'Having the source makes Kubernetes create target objects (a Deployment’s Pods, a Service’s EndpointSlices).',
  REQUIRES: 'The source does not work without the target (in-cluster API access needs a ServiceAccount).',
  DEPENDS_ON: 'The source is derived from the target (a Service’s DNS records come from the Service).',
  GATES: 'The source decides whether the target applies (a readiness probe gates EndpointSlice membership).',
  SUPERSEDES: 'The source replaces the target (EndpointSlice supersedes Endpoints).',
  SELECTS: 'The source picks instances of the target by labels (a Service selects Pods).',
  GENERALIZES:
    'The source can express or do everything the target can, and more (node affinity and nodeSelector; a NodePort Service and a ClusterIP Service).',
  CONTRASTS_WITH: 'The source is the opposite or an alternative of the target (pod anti-affinity and pod affinity).',
  COMPLEMENTS: 'The source and the target are used together, each covering what the other does not.',
  CONFIGURES: 'The source sets how the target behaves.',
  PART_OF: 'The source is a part of the target.',
  RELATED_TO: 'The two are worth reading together; no stronger relation holds.',
};
export const RelationTypeEnum = values(relationTypes);
registerEnumType(RelationTypeEnum, {
  name: 'RelationType',
  description: 'How one concept relates to another; relations are directed from source to target.',
  valuesConfig: descriptions(relationTypes),
});

// The values are the relations capability's own directions (src/capabilities/relations.ts).
export const RelationDirection = {
  OUTGOING: 'outgoing',
  INCOMING: 'incoming',
  BOTH: 'both',
} as const satisfies Record<string, (typeof DIRECTIONS)[number]>;
export type RelationDirection = (typeof DIRECTIONS)[number];
registerEnumType(RelationDirection, {
  name: 'RelationDirection',
  description: 'Which relations of a concept to list, seen from that concept.',
  valuesConfig: {
    OUTGOING: { description: 'Relations whose source is the concept.' },
    INCOMING: { description: 'Relations whose target is the concept.' },
    BOTH: { description: 'Outgoing relations, then incoming ones.' },
  },
});

const reliabilities: Described<Reliability> = {
  AUTHORITATIVE: 'Maintained by the Kubernetes project (kubernetes.io, the specifications, the source code).',
  COMMUNITY: 'A reviewed community source that is generally right.',
  UNVERIFIED: 'Not checked yet, or cited without a link; do not rely on it alone.',
  DISPUTED: 'Known or suspected to be wrong in places; cite it only to say so.',
};
export const ReliabilityEnum = values(reliabilities);
registerEnumType(ReliabilityEnum, {
  name: 'Reliability',
  description: 'How far a reference can be trusted.',
  valuesConfig: descriptions(reliabilities),
});

const referenceKinds: Described<ReferenceKind> = {
  OFFICIAL_DOCS: 'Official documentation, such as a kubernetes.io page.',
  SPECIFICATION: 'A specification, such as Kubernetes DNS-Based Service Discovery.',
  SOURCE_CODE: 'Source code, such as a file of Kubernetes or CoreDNS.',
  BLOG: 'A blog post.',
  ARTICLE: 'An article that is not a blog post, such as a magazine or vendor article.',
  BOOK: 'A book.',
  TALK: 'A conference talk or video.',
};
export const ReferenceKindEnum = values(referenceKinds);
registerEnumType(ReferenceKindEnum, {
  name: 'ReferenceKind',
  description: 'What sort of source a reference is.',
  valuesConfig: descriptions(referenceKinds),
});

export const SearchMatchEnum = {
  STRONG: 'strong',
  WEAK: 'weak',
  NONE: 'none',
} as const satisfies Record<string, SearchMatch>;
registerEnumType(SearchMatchEnum, {
  name: 'SearchMatch',
  description: 'Whether the best concept answers the question.',
  valuesConfig: {
    STRONG: { description: 'It does: ground the answer on it.' },
    WEAK: { description: 'It may, in part: no concept clearly covers the question; check before relying on it.' },
    NONE: { description: 'No concept covers the question: say the knowledge base does not cover it.' },
  },
});

export const SearchFieldEnum = {
  TITLE: 'title',
  ALIASES: 'aliases',
  SUMMARY: 'summary',
  FACTS: 'facts',
  BODY: 'body',
} as const satisfies Record<string, SearchField>;
registerEnumType(SearchFieldEnum, {
  name: 'SearchField',
  description: 'The part of a concept a search snippet is taken from.',
  valuesConfig: {
    TITLE: { description: 'The title.' },
    ALIASES: { description: 'The aliases.' },
    SUMMARY: { description: 'The one-paragraph summary.' },
    FACTS: { description: 'One of the facts’ statements.' },
    BODY: { description: 'A passage of the markdown body.' },
  },
});
