// The knowledge graph as the services read it: plain data, built from the store into a snapshot.
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
/** Whether a string is one of the locales the knowledge is written in. */
export const isLocale = (l: string): l is Locale => (LOCALES as readonly string[]).includes(l);

export const CONCEPT_KINDS = ['RESOURCE', 'RESOURCE_VARIANT', 'FIELD', 'MECHANISM', 'COMPONENT', 'TASK'] as const;
export type ConceptKind = (typeof CONCEPT_KINDS)[number];

export const RELATION_TYPES = [
  'IS_A',
  'CREATES',
  'REQUIRES',
  'DEPENDS_ON',
  'GATES',
  'SUPERSEDES',
  'SELECTS',
  'GENERALIZES',
  'CONTRASTS_WITH',
  'COMPLEMENTS',
  'CONFIGURES',
  'PART_OF',
  'RELATED_TO',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const RELIABILITIES = ['AUTHORITATIVE', 'COMMUNITY', 'UNVERIFIED', 'DISPUTED'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

export const REFERENCE_KINDS = [
  'OFFICIAL_DOCS',
  'SPECIFICATION',
  'SOURCE_CODE',
  'BLOG',
  'ARTICLE',
  'BOOK',
  'TALK',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const CATEGORIES = [
  'config',
  'workloads',
  'probes',
  'services',
  'dns',
  'endpoints',
  'resources',
  'scheduling',
  'networking',
  'storage',
  'security',
  'cluster',
] as const;

export interface ConceptText {
  title: string;
  aliases: string[];
  summary: string;
  body: string;
  /** Phrasings people type for a problem the concept explains; absent when there are none. */
  symptoms?: string[];
}

export interface ReferenceView {
  key: string;
  url: string | null;
  title: string;
  language: string;
  kind: ReferenceKind;
  reliability: Reliability;
  note: string;
  /** Increases with every edit (optimistic concurrency); what updateReference's expectedVersion takes. */
  version: number;
}

/** A common belief that a fact corrects, stated neutrally in each language it is written in. */
export interface FactCorrection {
  belief: Partial<Record<Locale, string>>;
}

export interface FactView {
  key: string;
  /** The common belief this fact corrects, or null when it corrects none. */
  corrects: FactCorrection | null;
  statements: Partial<Record<Locale, string>>;
  reference: ReferenceView;
}

export interface RelationView {
  type: RelationType;
  source: string; // slug
  target: string; // slug
  note: string;
}

export interface ExampleView {
  key: string;
  title: Record<Locale, string>;
  manifest: string;
}

export interface ConceptView {
  slug: string;
  kind: ConceptKind;
  category: string;
  apiVersion: string | null;
  k8sKind: string | null;
  /** Names of the kubeknow computations that diagnose what the concept describes (computations.ts). */
  diagnosedBy?: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  texts: Partial<Record<Locale, ConceptText>>;
  facts: FactView[];
  outgoing: RelationView[];
  incoming: RelationView[];
  examples: ExampleView[];
}

/** The locales to read in: the asked one first, then the other. */
export const localesFrom = (lang: Locale): readonly Locale[] => (lang === 'ko' ? ['ko', 'en'] : ['en', 'ko']);

/** The text of a concept in the asked locale, falling back to the other one. */
export function textIn(concept: ConceptView, lang: Locale): ConceptText & { lang: Locale } {
  for (const l of localesFrom(lang)) {
    const t = concept.texts[l];
    if (t) return { ...t, lang: l };
  }
  return { title: concept.slug, aliases: [], summary: '', body: '', lang };
}

/** The Kubernetes resource the concept is (apiVersion and kind), or null when it is not one. */
export function k8sOf(c: ConceptView): { apiVersion: string; kind: string } | null {
  return c.apiVersion && c.k8sKind ? { apiVersion: c.apiVersion, kind: c.k8sKind } : null;
}

/** A text kept per locale, in the asked locale, falling back to the other one. */
export const inLocale = (texts: Partial<Record<Locale, string>>, lang: Locale): string =>
  texts[lang] ?? texts[lang === 'ko' ? 'en' : 'ko'] ?? '';

/** A fact's statement in the asked locale, falling back to the other one. */
export const statementIn = (fact: FactView, lang: Locale): string => inLocale(fact.statements, lang);

/** The belief a fact corrects in the asked locale (falling back to the other one), or null when none. */
export const beliefIn = (fact: FactView, lang: Locale): string | null =>
  fact.corrects ? inLocale(fact.corrects.belief, lang) : null;
