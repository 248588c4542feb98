// The GraphQL enums of the hand-written types. Most values are the service's own SCREAMING_CASE
// strings (namesEnum); Language, RelationDirection, SearchMatch and SearchField (and ApiKeyScope in
// apikey.type.ts) carry the lower-case values of the services and capabilities under such names. The enums of generated fields (PodMode, DnsQueryType) are made from the
// capabilities' schemas (src/graphql/generate.ts).
import { registerEnumType } from 'type-graphql';
import type { DIRECTIONS } from '../capabilities/relations';
import type { SearchField, SearchMatch } from '../knowledge/search';
import type { ConceptKind, Locale, ReferenceKind, RelationType, Reliability } from '../knowledge/types';

type Described<T extends string> = { [K in T]: string };

/** Registers an enum for GraphQL with a description of each of its values, and returns it. */
export function describedEnum<E extends Record<string, string>>(
  values: E,
  name: string,
  description: string,
  described: { [K in keyof E]: string },
): E {
  const valuesConfig = Object.fromEntries(Object.entries(described).map(([k, d]) => [k, { description: d }])) as {
    [K in keyof E]: { description: string };
  };
  registerEnumType(values, { name, description, valuesConfig });
  return values;
}

/** An enum whose values are their own names (the service's SCREAMING_CASE strings), each described. */
const namesEnum = <T extends string>(name: string, description: string, described: Described<T>) =>
  describedEnum(
    Object.fromEntries(Object.keys(described).map((k) => [k, k])) as { [K in T]: K },
    name,
    description,
    described,
  );

export const Language = { EN: 'en', KO: 'ko' } as const satisfies Record<string, Locale>;
describedEnum(Language, 'Language', 'A language the knowledge is written in.', {
  EN: 'English.',
  KO: 'Korean (한국어).',
});

const conceptKinds: Described<ConceptKind> = {
  RESOURCE: 'A Kubernetes API resource, such as Service or Pod.',
  RESOURCE_VARIANT: 'A variant of a resource, such as a Service of type NodePort or a headless Service.',
  FIELD: 'A field of a resource and what it does, such as a Pod’s hostname and subdomain.',
  MECHANISM: 'Behaviour of the system, such as cluster DNS records or scheduling filters.',
  COMPONENT: 'A program that runs in a cluster, such as kube-proxy or CoreDNS.',
  TASK: 'Something people do with a cluster, such as reaching the API server from a Pod.',
};
export const ConceptKindEnum = namesEnum('ConceptKind', 'What sort of thing a concept is.', conceptKinds);

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
export const RelationTypeEnum = namesEnum(
  'RelationType',
  'How one concept relates to another; relations are directed from source to target.',
  relationTypes,
);

// The values are the relations capability's own directions (src/capabilities/relations.ts).
export const RelationDirection = {
  OUTGOING: 'outgoing',
  INCOMING: 'incoming',
  BOTH: 'both',
} as const satisfies Record<string, (typeof DIRECTIONS)[number]>;
export type RelationDirection = (typeof DIRECTIONS)[number];
describedEnum(RelationDirection, 'RelationDirection', 'Which relations of a concept to list, seen from that concept.', {
  OUTGOING: 'Relations whose source is the concept.',
  INCOMING: 'Relations whose target is the concept.',
  BOTH: 'Outgoing relations, then incoming ones.',
});

const reliabilities: Described<Reliability> = {
  AUTHORITATIVE: 'Maintained by the Kubernetes project (kubernetes.io, the specifications, the source code).',
  COMMUNITY: 'A reviewed community source that is generally right.',
  UNVERIFIED: 'Not checked yet, or cited without a link; do not rely on it alone.',
  DISPUTED: 'Known or suspected to be wrong in places; cite it only to say so.',
};
export const ReliabilityEnum = namesEnum('Reliability', 'How far a reference can be trusted.', reliabilities);

const referenceKinds: Described<ReferenceKind> = {
  OFFICIAL_DOCS: 'Official documentation, such as a kubernetes.io page.',
  SPECIFICATION: 'A specification, such as Kubernetes DNS-Based Service Discovery.',
  SOURCE_CODE: 'Source code, such as a file of Kubernetes or CoreDNS.',
  BLOG: 'A blog post.',
  ARTICLE: 'An article that is not a blog post, such as a magazine or vendor article.',
  BOOK: 'A book.',
  TALK: 'A conference talk or video.',
};
export const ReferenceKindEnum = namesEnum('ReferenceKind', 'What sort of source a reference is.', referenceKinds);

export const SearchMatchEnum = {
  STRONG: 'strong',
  WEAK: 'weak',
  NONE: 'none',
} as const satisfies Record<string, SearchMatch>;
describedEnum(SearchMatchEnum, 'SearchMatch', 'Whether the best concept answers the question.', {
  STRONG: 'It does: ground the answer on it.',
  WEAK: 'It may, in part: no concept clearly covers the question; check before relying on it.',
  NONE: 'No concept covers the question: say the knowledge base does not cover it.',
});

export const SearchFieldEnum = {
  TITLE: 'title',
  ALIASES: 'aliases',
  SUMMARY: 'summary',
  FACTS: 'facts',
  BODY: 'body',
} as const satisfies Record<string, SearchField>;
describedEnum(SearchFieldEnum, 'SearchField', 'The part of a concept a search snippet is taken from.', {
  TITLE: 'The title.',
  ALIASES: 'The aliases.',
  SUMMARY: 'The one-paragraph summary.',
  FACTS: 'One of the facts’ statements.',
  BODY: 'A passage of the markdown body.',
});
