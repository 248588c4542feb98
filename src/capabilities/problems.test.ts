import { z } from 'zod';
import type { Problem } from '../errors';
import { parseInput } from './problems';

const options = z.strictObject({
  name: z.string().min(1).max(10),
  ttl: z.int().min(0).max(3600).default(5),
  mode: z.enum(['insecure', 'verified', 'disabled']).default('insecure'),
  nested: z.strictObject({ port: z.int().min(1).max(65535) }).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  query: z
    .strictObject({ name: z.string() })
    .describe('The question: `{ "name": "web.shop.svc.cluster.local" }`.')
    .optional(),
});

const problems = (values: 'parameters' | 'fields', raw: unknown, sensitive = false): Problem[] => {
  try {
    parseInput({ input: options, values, sensitive }, raw);
  } catch (err) {
    return (err as { problems: Problem[] }).problems;
  }
  return [];
};

const cases: { name: string; values: 'parameters' | 'fields'; raw: unknown; want: Partial<Problem>[] }[] = [
  { name: 'a good input has no problems', values: 'fields', raw: { name: 'web' }, want: [] },
  {
    name: "a computation's missing field is a 422 naming it",
    values: 'fields',
    raw: {},
    want: [{ code: 'FIELD_REQUIRED', path: 'name', message: 'required' }],
  },
  {
    name: "a lookup's missing parameter is a 400 naming it",
    values: 'parameters',
    raw: {},
    want: [{ code: 'BAD_USER_INPUT', path: 'name', message: 'required' }],
  },
  {
    name: "a computation's value of the wrong type is a 422 saying the type",
    values: 'fields',
    raw: { name: 'web', ttl: 'soon' },
    want: [{ code: 'FIELD_INVALID', path: 'ttl', message: 'must be a whole number', value: 'soon' }],
  },
  {
    name: "a map of names to values is an object to a client, not zod's record",
    values: 'fields',
    raw: { name: 'web', labels: 'app=web' },
    want: [{ code: 'FIELD_INVALID', path: 'labels', message: 'must be an object', value: 'app=web' }],
  },
  {
    name: 'an object given as a string is shown as its description writes one',
    values: 'fields',
    raw: { name: 'web', query: 'web.shop.svc.cluster.local' },
    want: [
      {
        code: 'FIELD_INVALID',
        path: 'query',
        message: 'must be an object, e.g. { "name": "web.shop.svc.cluster.local" }',
        value: 'web.shop.svc.cluster.local',
      },
    ],
  },
  {
    name: 'an input that is not an object at all is a 400, with nothing in it to name',
    values: 'fields',
    raw: ['web'],
    want: [{ code: 'BAD_USER_INPUT', path: '', message: 'must be an object' }],
  },
  {
    name: "a computation's number out of range is a field error with its bounds",
    values: 'fields',
    raw: { name: 'web', ttl: 99999 },
    want: [{ code: 'FIELD_INVALID', path: 'ttl', message: 'must be a whole number between 0 and 3600', value: 99999 }],
  },
  {
    name: "a lookup's number out of range is a parameter error",
    values: 'parameters',
    raw: { name: 'web', ttl: -1 },
    want: [{ code: 'BAD_USER_INPUT', path: 'ttl', message: 'must be a whole number between 0 and 3600' }],
  },
  {
    name: "a computation's unsupported value lists the values and suggests one, as Kubernetes words it",
    values: 'fields',
    raw: { name: 'web', mode: 'verifed' },
    want: [
      {
        code: 'FIELD_NOT_SUPPORTED',
        path: 'mode',
        message:
          'Unsupported value: "verifed": supported values: "disabled", "insecure", "verified". Did you mean "verified"?',
      },
    ],
  },
  {
    name: "a lookup's value in another ASCII case is that value (any-case.ts)",
    values: 'parameters',
    raw: { name: 'web', mode: 'Insecure' },
    want: [],
  },
  {
    name: "a lookup's unsupported value lists the values",
    values: 'parameters',
    raw: { name: 'web', mode: 'Insecur' },
    want: [
      {
        code: 'BAD_USER_INPUT',
        path: 'mode',
        message: 'must be one of insecure, verified, disabled. Did you mean "insecure"?',
      },
    ],
  },
  {
    name: 'an unknown field is named with the supported ones and the likeliest',
    values: 'fields',
    raw: { name: 'web', tll: 5 },
    want: [
      {
        code: 'FIELD_NOT_SUPPORTED',
        path: 'tll',
        message: 'unknown field; supported: "name", "ttl", "mode", "nested", "labels", "query". Did you mean "ttl"?',
      },
    ],
  },
  {
    name: 'nested paths print as Kubernetes prints them',
    values: 'fields',
    raw: { name: 'web', nested: { port: 0, extra: 1 } },
    want: [
      { code: 'FIELD_INVALID', path: 'nested.port' },
      { code: 'FIELD_NOT_SUPPORTED', path: 'nested.extra' },
    ],
  },
  {
    name: 'every problem at once, in the order of the fields',
    values: 'fields',
    raw: { name: '', ttl: 'x', mode: 'nope' },
    want: [
      { code: 'FIELD_INVALID', path: 'name', message: 'must not be empty' },
      { code: 'FIELD_INVALID', path: 'ttl' },
      { code: 'FIELD_NOT_SUPPORTED', path: 'mode' },
    ],
  },
  {
    name: 'a long string is named by its length, and not repeated back',
    values: 'parameters',
    raw: { name: 'x'.repeat(300) },
    want: [{ code: 'BAD_USER_INPUT', path: 'name', message: 'must be at most 10 characters long' }],
  },
  {
    // zod finds two issues (over the maximum, and over the largest exact integer), worded alike: the
    // hostile review's `limit=99999999999999999999` listed "limit: must be … between 1 and 100" twice.
    name: 'a number too large to be exact is one problem, not one per bound it breaks',
    values: 'parameters',
    raw: { name: 'web', ttl: 1e20 },
    want: [{ code: 'BAD_USER_INPUT', path: 'ttl', message: 'must be a whole number between 0 and 3600', value: 1e20 }],
  },
];

for (const c of cases)
  test(c.name, () => {
    const got = problems(c.values, c.raw);
    expect(got).toEqual(c.want.map((w) => expect.objectContaining(w)));
    if (c.name.includes('not repeated')) expect(got[0]).not.toHaveProperty('value');
  });

test('a sensitive capability never repeats a value given', () => {
  const got = problems('fields', { name: 'hunter2-secret', ttl: 'hunter2' }, true);
  expect(got.length).toBeGreaterThan(0);
  expect(JSON.stringify(got)).not.toContain('hunter2');
});

// zod passes over a field it does not know; the text check walks it, within its own bound.
test('a field no schema knows that contains itself is too large, not a walk without end', () => {
  const self: Record<string, unknown> = {};
  self.again = self;
  expect(problems('fields', { name: 'web', extra: self })).toEqual([
    { code: 'PAYLOAD_TOO_LARGE', path: '', message: 'input nesting is deeper than 102 levels' },
  ]);
});

test('a wrong type in a sensitive input is not called missing', () => {
  expect(problems('fields', { name: ['hunter2'] }, true)).toEqual([
    { code: 'FIELD_INVALID', path: 'name', message: 'must be a string' },
  ]);
});
