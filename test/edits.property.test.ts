// Edits are patches (issue 9): random subsets of the fields of every edit input — concept fields,
// texts in both languages, facts, relations, references, examples — sent through the real GraphQL app to a real
// database. After an edit exactly the given fields hold their new value (null: the field's empty
// value, where it can be cleared) and nothing else changed; an input with a bad field (null where a
// field cannot be cleared, a value over its limit) is refused with that field's path and changes nothing.
import fc from 'fast-check';
import { COMPUTATION_NAMES } from '../src/knowledge/computations';
import { CATEGORIES, CONCEPT_KINDS, REFERENCE_KINDS, RELIABILITIES } from '../src/knowledge/types';
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient, pathsOf, type Reply } from './helpers/graphql';

let t: TestApp;
let write: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  write = { authorization: await t.bearer('write') };
});
afterAll(async () => {
  await t?.close();
});
const { gql } = graphqlClient(() => t);

// Edited again and again, each run from where the last left it: a concept, one of its facts, one of
// its relations, and a reference (not the fact's, so each field has one place in the state).
const SLUG = 'service';
const FACT = 'selector-maintains-endpointslices';
const RELATION = { type: 'SELECTS', target: 'pod' };
const EXAMPLE = 'multi-port';
const REFERENCE_KEY = 'k8s-service-headless';
const FACT_REFERENCES = ['k8s-service', 'k8s-service-types'];

/** The concept, the fact, the relation and the reference, flattened to field path → stored value. */
async function stateOf(): Promise<Record<string, unknown>> {
  const c = await t.db.prisma.concept.findUniqueOrThrow({
    where: { slug: SLUG },
    include: {
      texts: true,
      facts: { include: { reference: true } },
      outgoing: { include: { target: true } },
      examples: { where: { key: EXAMPLE } },
    },
  });
  const out: Record<string, unknown> = {
    version: c.version,
    kind: c.kind,
    category: c.category,
    apiVersion: c.apiVersion,
    k8sKind: c.k8sKind,
    diagnosedBy: c.diagnosedBy,
  };
  for (const x of c.texts) for (const f of TEXT_FIELDS) out[`texts.${x.locale}.${f}`] = x[f];
  for (const f of c.facts.filter((f) => f.key === FACT)) {
    out[`fact.${f.locale}.statement`] = f.statement;
    out[`fact.${f.locale}.belief`] = f.belief;
    out['fact.reference'] = f.reference.key;
  }
  for (const r of c.outgoing.filter((r) => r.type === RELATION.type && r.target.slug === RELATION.target))
    out['relation.note'] = r.note;
  for (const e of c.examples)
    Object.assign(out, { 'example.en': e.titleEn, 'example.ko': e.titleKo, 'example.manifest': e.manifest });
  const ref = await t.db.prisma.reference.findUniqueOrThrow({ where: { key: REFERENCE_KEY } });
  for (const f of REFERENCE_FIELDS) out[`reference.${f}`] = (ref as Record<string, unknown>)[f];
  out['reference.version'] = ref.version;
  return out;
}

// A field of an input: its good values, the value null stores (absent: it cannot be cleared), its
// limit (a value over it is refused), and how a given value is stored ('' apiVersion is none).
interface Field {
  good: fc.Arbitrary<unknown>;
  clear?: unknown;
  max?: number;
  stored?: (v: unknown) => unknown;
}
const word = fc
  .tuple(fc.constantFrom('Service', '서비스', 'Pod 파드', 'ClusterIP'), fc.nat(999))
  .map(([w, n]) => `${w} ${n}`);
const names: Field = { good: fc.array(word, { maxLength: 3 }), clear: [], max: 50 };
const noneWhenEmpty = (v: unknown) => v || null;
const TEXT: Record<string, Field> = {
  title: { good: word, max: 200 },
  aliases: names,
  summary: { good: word.map((w) => `${w} is a thing.`), max: 2000 },
  body: { good: fc.constantFrom('', '## How\n\nIt works.', '본문입니다.'), clear: '', max: 100_000 },
  symptoms: names,
};
const TEXT_FIELDS = ['title', 'aliases', 'summary', 'body', 'symptoms'] as const;
const CONCEPT: Record<string, Field> = {
  kind: { good: fc.constantFrom(...CONCEPT_KINDS) },
  category: { good: fc.constantFrom(...CATEGORIES) },
  apiVersion: { good: fc.constantFrom('v1', 'apps/v1', ''), clear: null, max: 100, stored: noneWhenEmpty },
  k8sKind: { good: fc.constantFrom('Service', 'Deployment', ''), clear: null, max: 100, stored: noneWhenEmpty },
  diagnosedBy: { good: fc.subarray([...COMPUTATION_NAMES]), clear: [] },
};
const STATEMENT: Record<string, Field> = {
  en: { good: word.map((w) => `${w} holds.`), max: 2000 },
  ko: { good: word.map((w) => `${w}이다.`), max: 2000 },
};
const BELIEF: Record<string, Field> = {
  en: { good: word.map((w) => `${w} does not hold`), max: 1000 },
  ko: { good: word.map((w) => `${w}이 아니다`), max: 1000 },
};
const REFERENCE: Record<string, Field> = {
  url: { good: fc.constantFrom('https://kubernetes.io/docs/', 'http://example.org/a'), clear: null },
  title: { good: word, max: 300 },
  language: { good: fc.constantFrom('en', 'ko', 'pt-BR') },
  kind: { good: fc.constantFrom(...REFERENCE_KINDS) },
  reliability: { good: fc.constantFrom(...RELIABILITIES) },
  note: { good: fc.constantFrom('', 'Checked against the source.'), clear: '', max: 2000 },
};
const REFERENCE_FIELDS = Object.keys(REFERENCE);

const overLimit = (f: Field) =>
  f.max === undefined ? [] : [f.clear instanceof Array ? Array(f.max + 1).fill('a') : 'x'.repeat(f.max + 1)];
/**
 * Any subset of the fields (of any size, so one-field patches are frequent), each mostly good,
 * sometimes null, sometimes over its limit: most patches are written, enough are refused.
 */
const patchOf = (fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .subarray(Object.keys(fields))
    .chain((keys) =>
      fc.record(
        Object.fromEntries(
          keys.map((k) => [
            k,
            fc.oneof(
              { arbitrary: fields[k].good, weight: 30 },
              { arbitrary: fc.constant(null), weight: 1 },
              ...overLimit(fields[k]).map((v) => ({ arbitrary: fc.constant(v), weight: 1 })),
            ),
          ]),
        ),
      ),
    );

/** What a patch should do: the stored values it sets by state path, or the input paths it is refused at. */
interface Expected {
  sets: Record<string, unknown>;
  bad: string[];
}
/** Adds what a patch of these fields should do: at(k) is a field's place in the state, path(k) in the input. */
function expectPatch(
  into: Expected,
  patch: Record<string, unknown>,
  fields: Record<string, Field>,
  at: (k: string) => string,
  path: (k: string) => string = (k) => k,
): void {
  for (const [k, v] of Object.entries(patch)) {
    const f = fields[k];
    const over = (typeof v === 'string' || Array.isArray(v)) && f.max !== undefined && v.length > f.max;
    if (over || (v === null && !('clear' in f))) into.bad.push(path(k));
    else into.sets[at(k)] = v === null ? f.clear : (f.stored ?? ((x: unknown) => x))(v);
  }
}

type Input = Record<string, unknown>;
/** An edit: its mutation, and its input and expected outcome given the state before it. */
interface Edit {
  mutation: string;
  make(before: Record<string, unknown>): { input: Input; expected: Expected };
}
const LOCALE = { en: 'EN', ko: 'KO' } as const;
/** Mostly given, sometimes left out, sometimes null. */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: arb, weight: 12 },
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
const given = (input: Input): Input => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

const texts = fc
  .shuffledSubarray(['en', 'ko'] as const)
  .chain((locales) => fc.tuple(...locales.map((l) => patchOf(TEXT).map((p) => ({ l, p })))));
const updateConcept: fc.Arbitrary<Edit> = fc.record({ fields: patchOf(CONCEPT), texts: maybe(texts) }).map((g) => ({
  mutation: 'updateConcept',
  make: (before) => {
    const expected: Expected = { sets: { version: Number(before.version) + 1 }, bad: [] };
    expectPatch(expected, g.fields, CONCEPT, (k) => k);
    if (g.texts === null) expected.bad.push('texts');
    for (const [i, { l, p }] of (g.texts ?? []).entries())
      expectPatch(
        expected,
        p,
        TEXT,
        (k) => `texts.${l}.${k}`,
        (k) => `texts[${i}].${k}`,
      );
    const textInput = g.texts?.map(({ l, p }) => ({ locale: LOCALE[l], ...p })) ?? g.texts;
    return { input: given({ slug: SLUG, expectedVersion: before.version, ...g.fields, texts: textInput }), expected };
  },
}));

const updateFact: fc.Arbitrary<Edit> = fc
  .record({
    fields: patchOf({ reference: { good: fc.constantFrom(...FACT_REFERENCES), max: 100 } }),
    statements: maybe(patchOf(STATEMENT)),
    corrects: maybe(patchOf(BELIEF)),
  })
  .map((g) => ({
    mutation: 'updateFact',
    make: (before) => {
      const expected: Expected = { sets: { version: Number(before.version) + 1 }, bad: [] };
      expectPatch(expected, g.fields, { reference: { good: fc.constant(''), max: 100 } }, () => 'fact.reference');
      if (g.statements === null) expected.bad.push('statements');
      expectPatch(
        expected,
        g.statements ?? {},
        STATEMENT,
        (l) => `fact.${l}.statement`,
        (l) => `statements.${l}`,
      );
      if (g.corrects === null) Object.assign(expected.sets, { 'fact.en.belief': null, 'fact.ko.belief': null });
      else if (g.corrects) {
        expectPatch(
          expected,
          g.corrects,
          BELIEF,
          (l) => `fact.${l}.belief`,
          (l) => `corrects.belief.${l}`,
        );
        // A fact that corrected no belief needs it in both languages, checked once the input is.
        for (const l of ['en', 'ko'])
          if (!expected.bad.length && !(`fact.${l}.belief` in expected.sets) && before[`fact.${l}.belief`] === null)
            expected.bad.push(`corrects.belief.${l}`);
      }
      const corrects = g.corrects ? { belief: g.corrects } : g.corrects;
      const input = { slug: SLUG, key: FACT, expectedVersion: before.version, ...g.fields };
      return { input: given({ ...input, statements: g.statements, corrects }), expected };
    },
  }));

const NOTE: Field = { good: fc.constantFrom('', 'It selects them.', '셀렉터로 고른다.'), clear: '', max: 1000 };
const updateRelation: fc.Arbitrary<Edit> = patchOf({ note: NOTE }).map((fields) => ({
  mutation: 'updateRelation',
  make: (before) => {
    const expected: Expected = { sets: { version: Number(before.version) + 1 }, bad: [] };
    expectPatch(expected, fields, { note: NOTE }, () => 'relation.note');
    return { input: { source: SLUG, ...RELATION, expectedVersion: before.version, ...fields }, expected };
  },
}));

const updateReference: fc.Arbitrary<Edit> = patchOf(REFERENCE).map((fields) => ({
  mutation: 'updateReference',
  make: (before) => {
    const expected: Expected = { sets: { 'reference.version': Number(before['reference.version']) + 1 }, bad: [] };
    expectPatch(expected, fields, REFERENCE, (k) => `reference.${k}`);
    return { input: { key: REFERENCE_KEY, expectedVersion: before['reference.version'], ...fields }, expected };
  },
}));

const EXAMPLE_TITLE: Record<string, Field> = {
  en: { good: word.map((w) => `A ${w} example`), max: 200 },
  ko: { good: word.map((w) => `${w} 예시`), max: 200 },
};
const MANIFEST: Field = {
  good: fc.constantFrom('apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }\n'),
  max: 100_000,
};
const updateExample: fc.Arbitrary<Edit> = fc
  .record({ manifest: patchOf({ manifest: MANIFEST }), title: maybe(patchOf(EXAMPLE_TITLE)) })
  .map((g) => ({
    mutation: 'updateExample',
    make: (before) => {
      const expected: Expected = { sets: { version: Number(before.version) + 1 }, bad: [] };
      expectPatch(expected, g.manifest, { manifest: MANIFEST }, () => 'example.manifest');
      if (g.title === null) expected.bad.push('title');
      expectPatch(
        expected,
        g.title ?? {},
        EXAMPLE_TITLE,
        (l) => `example.${l}`,
        (l) => `title.${l}`,
      );
      const input = { slug: SLUG, key: EXAMPLE, expectedVersion: before.version, ...g.manifest };
      return { input: given({ ...input, title: g.title }), expected };
    },
  }));

const MUTATIONS: Record<string, string> = {
  updateExample: 'mutation ($input: UpdateExampleInput!) { updateExample(input: $input) { example { key } } }',
  updateConcept: 'mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }',
  updateFact: 'mutation ($input: UpdateFactInput!) { updateFact(input: $input) { fact { key } } }',
  updateRelation: 'mutation ($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { note } } }',
  updateReference: 'mutation ($input: UpdateReferenceInput!) { updateReference(input: $input) { reference { key } } }',
};

// Each edit is a real write (a transaction, then a snapshot rebuild), so runs are few and each test has time.
const EDITS = { updateConcept, updateFact, updateRelation, updateReference, updateExample };
for (const [name, edits] of Object.entries(EDITS)) {
  test(`${name} changes exactly the fields it gives, or is refused at its bad fields and changes nothing`, async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(edits, async (edit) => {
        const before = await stateOf();
        const { input, expected } = edit.make(before);
        const reply: Reply = await gql(MUTATIONS[edit.mutation], { input }, write);
        const after = await stateOf();
        if (expected.bad.length) {
          expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          expect(pathsOf(reply).sort()).toEqual([...expected.bad].sort());
          expect(after).toEqual(before);
        } else {
          expect(reply.errors).toBeUndefined();
          expect(after).toEqual({ ...before, ...expected.sets });
          written++;
        }
      }),
      { numRuns: Number(process.env.EDIT_RUNS ?? 20) },
    );
    // The generator reaches the database: some edits were written, not all refused.
    expect(written).toBeGreaterThan(0);
  }, 240_000);
}
