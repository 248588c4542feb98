// Every edit input, checked alone (no database): random subsets of its fields, each given a good
// value, null, an empty value, something of the wrong type or far over its limit. An input is either
// accepted or refused with BAD_USER_INPUT problems at paths of fields it has; and a patch never grows a
// field that was not given — a default would turn "left out" into "empty" (issue 9).
import fc from 'fast-check';
import type { z } from 'zod';
import { KubeknowError } from '../src/errors';
import * as inputs from '../src/knowledge/inputs';
import { nameKey } from '../src/knowledge/search/names';

const { parseInput } = inputs;
const word = fc.constantFrom('service', 'Pod 파드', 'k8s-service', 'https://kubernetes.io/docs/', 'en', 'RESOURCE');
const value: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: word, weight: 6 },
  { arbitrary: fc.integer({ min: -1, max: 5 }), weight: 2 },
  { arbitrary: fc.constantFrom(null, '', '   ', [], {}, true), weight: 2 },
  { arbitrary: fc.constantFrom(101, 1001, 2001, 100_001).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: fc.array(word, { maxLength: 60 }), weight: 1 },
  {
    arbitrary: fc.record(
      { locale: fc.constantFrom('en', 'ko', 'fr'), title: word, en: word, ko: word, belief: fc.record({ en: word }) },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
);

// Every input schema of an edit, by name, with its top-level fields.
const SCHEMAS = Object.entries(inputs as Record<string, unknown>).filter(
  (e): e is [string, z.ZodObject] => e[0].endsWith('Input') && typeof (e[1] as z.ZodObject).shape === 'object',
);
// The patches: what they do not name they must not touch.
const PATCHES = [
  'updateConceptInput',
  'updateFactInput',
  'updateRelationInput',
  'updateReferenceInput',
  'updateExampleInput',
];

test('every edit input has a property run here, the patches among them', () => {
  expect(SCHEMAS.map(([name]) => name)).toEqual(
    expect.arrayContaining([...PATCHES, 'revertConceptInput', 'removeReferenceInput']),
  );
});

for (const [name, schema] of SCHEMAS) {
  const fields = Object.keys(schema.shape);
  test(`${name}: accepted, or refused at the paths of its own fields; a patch adds no field`, () => {
    const given = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] });
    fc.assert(
      fc.property(given, (raw) => {
        try {
          const out: Record<string, unknown> = parseInput(schema, raw);
          if (PATCHES.includes(name))
            for (const f of fields) if (!(f in raw)) expect({ [f]: out[f] }).toEqual({ [f]: undefined });
        } catch (e) {
          if (!(e instanceof KubeknowError)) throw e;
          for (const p of e.problems) {
            expect(p.code).toBe('BAD_USER_INPUT');
            expect(fields).toContain(p.path.split(/[.[]/)[0]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
}

// PostgreSQL refuses U+0000 in text, and a lone surrogate would be stored as U+FFFD: either, in any
// field of any edit (nested too), used to fail in the database (INTERNAL) or change what was written.
const unstorable = fc.constantFrom('a\u0000b', '\u0000', 'x\ud800', '\udc00y', 'ok \ud83d');
for (const [name, schema] of SCHEMAS) {
  test(`${name}: a text the store cannot keep is refused at its path, wherever it is`, () => {
    const fields = Object.keys(schema.shape);
    const placed = fc.record({
      field: fc.constantFrom(...fields),
      nested: fc.constantFrom([], [0], ['en'], [1, 'title']),
      text: unstorable,
      rest: fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(placed, ({ field, nested, text, rest }) => {
        let bad: unknown = text;
        for (const step of [...nested].reverse())
          bad = typeof step === 'number' ? Object.assign(Array(step + 1).fill('ok'), { [step]: bad }) : { [step]: bad };
        const path = nested.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`), field);
        try {
          parseInput(schema, { ...rest, [field]: bad });
          throw new Error(`accepted ${JSON.stringify(text)} at ${path}`);
        } catch (e) {
          if (!(e instanceof KubeknowError)) throw e;
          expect(e.problems).toContainEqual({
            code: 'BAD_USER_INPUT',
            path,
            message: expect.stringMatching(/U\+0000 \(NUL\)|lone UTF-16 surrogate/),
          });
        }
      }),
      { numRuns: 100 },
    );
  });
}

test('a good concept patch keeps exactly its fields, in the concept and in each language’s text', () => {
  const names = fc.array(word, { maxLength: 3 });
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const text = fc.record(
    {
      locale: fc.constantFrom('en', 'ko'),
      title: word,
      aliases: nullable(fc.uniqueArray(word, { maxLength: 3, selector: nameKey })),
      summary: word,
      body: nullable(word),
      symptoms: nullable(names),
    },
    { requiredKeys: ['locale'] },
  );
  const patch = fc.record(
    {
      kind: fc.constantFrom('RESOURCE', 'TASK'),
      category: fc.constantFrom('workloads', 'dns'),
      apiVersion: nullable(fc.constantFrom('v1', '')),
      k8sKind: nullable(fc.constantFrom('Pod', '')),
      diagnosedBy: nullable(fc.constantFrom([], ['dns-query'])),
      texts: fc.uniqueArray(text, { selector: (t) => t.locale, maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(patch, (p) => {
      const out = parseInput(inputs.updateConceptInput, { slug: 'pod', expectedVersion: 1, ...p });
      expect(Object.keys(out).sort()).toEqual(['slug', 'expectedVersion', ...Object.keys(p)].sort());
      expect(out.texts?.map((t) => Object.keys(t).sort())).toEqual(p.texts?.map((t) => Object.keys(t).sort()));
    }),
  );
});

test('aliases of one text are refused at the first repeat of a name, as lookups compare names', () => {
  const alias = fc.constantFrom('Foo Bar', 'foo-bar', 'FOO_BAR', 'foo.bar', 'baz', 'Baz ', 'qux');
  fc.assert(
    fc.property(fc.array(alias, { maxLength: 5 }), (aliases) => {
      const raw = { slug: 'pod', expectedVersion: 1, texts: [{ locale: 'en', aliases }] };
      const repeat = aliases.findIndex((a, i) => aliases.slice(0, i).some((b) => nameKey(b) === nameKey(a)));
      if (repeat < 0) return void inputs.updateConceptInput.parse(raw);
      const err = (() => {
        try {
          inputs.parseInput(inputs.updateConceptInput, raw);
        } catch (e) {
          return e as KubeknowError;
        }
      })();
      expect(err?.problems[0]).toMatchObject({ code: 'BAD_USER_INPUT', path: `texts[0].aliases[${repeat}]` });
    }),
  );
});

test('an alias or symptom with an invisible or control character is refused at its place, naming it', () => {
  // A hostile review added the alias "p\u200bod": it reads as "pod" and led to another concept.
  const invisible = fc.constantFrom('\u200b', '\u200d', '\u202e', '\ufeff', '\u0007', '\u00ad');
  const word = fc.stringMatching(/^[a-z]{1,8}$/);
  fc.assert(
    fc.property(word, invisible, word, fc.constantFrom('aliases', 'symptoms'), (a, c, b, field) => {
      const raw = { slug: 'pod', expectedVersion: 1, texts: [{ locale: 'en', [field]: ['ok', `${a}${c}${b}`] }] };
      let err: KubeknowError | undefined;
      try {
        inputs.parseInput(inputs.updateConceptInput, raw);
      } catch (e) {
        err = e as KubeknowError;
      }
      const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(err?.problems).toEqual([
        {
          code: 'BAD_USER_INPUT',
          path: `texts[0].${field}[1]`,
          message: `must not contain invisible or control characters (U+${code})`,
        },
      ]);
    }),
  );
});

// An edit's input is walked for unstorable texts within its own bound, whatever the schema reads.
test('an edit input that contains itself is too large, not a walk without end', () => {
  const self: Record<string, unknown> = {};
  self.again = self;
  let err: unknown;
  try {
    parseInput(inputs.updateConceptInput, { slug: 'service', expectedVersion: 1, extra: self });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(KubeknowError);
  expect((err as KubeknowError).problems).toEqual([
    { code: 'PAYLOAD_TOO_LARGE', path: '', message: 'input nesting is deeper than 102 levels' },
  ]);
});
