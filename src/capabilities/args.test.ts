import { z } from 'zod';
import { KubeknowError, MAX_PROBLEMS } from '../errors';
import { argumentList, argumentsOf, refuseUnknown, reportedAs, type Arguments } from './args';
import { concepts } from './concepts';

const input = z.strictObject({
  query: z.strictObject({ name: z.string().describe('name'), type: z.string().default('A') }),
  ttl: z.int().optional(),
  limit: z.int().default(10),
  fit: z.string().default('both'),
});

describe('argumentsOf', () => {
  const cases: {
    name: string;
    args: Record<string, unknown>;
    renames?: Record<string, string>;
    fixed?: object;
    want: Arguments['raw'];
    reported: [string, string][];
  }[] = [
    {
      name: 'fields under their own names pass as they are, and nothing is reported renamed',
      args: { ttl: 7, limit: 3 },
      want: { ttl: 7, limit: 3 },
      reported: [],
    },
    {
      name: 'a flat argument fills the nested field it stands for',
      args: { name: 'web', type: 'SRV', ttl: 7 },
      renames: { name: 'query.name', type: 'query.type' },
      want: { query: { name: 'web', type: 'SRV' }, ttl: 7 },
      reported: [
        ['query.name', 'name'],
        ['query.type', 'type'],
      ],
    },
    {
      name: "the input's own field wins over an alias of it, and the alias is not reported",
      args: { query: { name: 'own' }, name: 'alias' },
      renames: { name: 'query.name' },
      want: { query: { name: 'own' } },
      reported: [],
    },
    {
      name: 'fixed values win over what the caller sent',
      args: { fit: 'markdown', first: 2 },
      renames: { first: 'limit' },
      fixed: { fit: 'both' },
      want: { fit: 'both', limit: 2 },
      reported: [['limit', 'first']],
    },
    {
      name: "arguments left out are not set at all, and their fields' problems keep the caller's names",
      args: { ttl: undefined, first: undefined },
      renames: { first: 'limit', name: 'query.name' },
      want: {},
      reported: [
        ['limit', 'first'],
        ['query.name', 'name'],
      ],
    },
    {
      name: "a flat argument left out is not reported when the caller sent the field's object itself",
      args: { query: { type: 'A' } },
      renames: { name: 'query.name' },
      want: { query: { type: 'A' } },
      reported: [],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const got = argumentsOf(Object.freeze({ ...c.args }), c.renames, c.fixed as Record<string, unknown>);
      expect(got.raw).toEqual(c.want);
      expect([...got.reportAs]).toEqual(c.reported);
    });
});

test('reportedAs names each problem after the argument the caller used, paths inside it too', () => {
  const err = new KubeknowError(
    [
      { code: 'FIELD_INVALID', path: 'query.name', message: 'bad' },
      { code: 'BAD_USER_INPUT', path: 'limit', message: 'too many' },
      { code: 'FIELD_INVALID', path: 'objects[0].spec', message: 'kept' },
      { code: 'FIELD_INVALID', path: 'limits', message: 'another field that starts alike' },
    ],
    { suggestions: ['x'] },
  );
  const got = reportedAs(
    err,
    new Map([
      ['query.name', 'name'],
      ['limit', 'first'],
    ]),
  );
  expect(got.problems.map((p) => p.path)).toEqual(['name', 'first', 'objects[0].spec', 'limits']);
  expect(got.details).toEqual({ suggestions: ['x'] });
  expect(reportedAs(err, new Map())).toBe(err);
});

describe('argumentList', () => {
  const names = (list: ReturnType<typeof argumentList>) =>
    list.map((a) => `${a.name}${a.required ? '!' : ''}=${a.path}`);
  test('every field under its own name; required when it must be given', () => {
    expect(names(argumentList(input))).toEqual(['query!=query', 'ttl=ttl', 'limit=limit', 'fit=fit']);
  });
  test('an object offered flat is not offered whole; a renamed field only under its new name', () => {
    const list = argumentList(input, { renames: { name: 'query.name', type: 'query.type', first: 'limit' } });
    expect(names(list)).toEqual(['ttl=ttl', 'fit=fit', 'name!=query.name', 'type=query.type', 'first=limit']);
  });
  test('fields left out or fixed are not offered', () => {
    expect(names(argumentList(input, { omit: ['ttl'], fixed: { fit: 'both' } }))).toEqual([
      'query!=query',
      'limit=limit',
    ]);
  });
});

test('refuseUnknown lists the first problems with the supported names and a did-you-mean, and counts the rest', () => {
  const names = ['limt', ...Array.from({ length: 2000 }, (_, i) => `junk${i}`)];
  let problems: readonly { path: string; message: string }[] = [];
  try {
    refuseUnknown(concepts, names, ['limit', 'cursor'], 'query parameter');
  } catch (err) {
    problems = (err as KubeknowError).problems;
  }
  expect(problems).toHaveLength(MAX_PROBLEMS + 1);
  expect(problems[0]).toMatchObject({
    path: 'limt',
    message: 'unknown query parameter; supported: "limit", "cursor". Did you mean "limit"?',
  });
  expect(problems[MAX_PROBLEMS - 1].message).toMatch(/^unknown query parameter; supported: "limit", "cursor"/);
  expect(problems[MAX_PROBLEMS].message).toBe(
    'and 1981 more problems (BAD_USER_INPUT), not listed: fix the ones above and send again',
  );
});
