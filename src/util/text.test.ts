import { unstorableTexts } from './text';

const nested = (depth: number, inner: unknown): unknown => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

const NUL = 'must not contain the character U+0000 (NUL), found at index 1: it cannot be stored';

const cases: { name: string; input: unknown; want: { path: PropertyKey[]; message: string }[] }[] = [
  { name: 'storable text is no problem', input: { a: ['x', 1, null, { b: 'y' }] }, want: [] },
  {
    name: 'a bad key comes before the bad texts under it, and all come in input order',
    input: { 'k\u0000': { a: 'a\u0000' }, b: ['', 'b\u0000'] },
    want: [
      { path: ['k\u0000'], message: `its key ${NUL}` },
      { path: ['k\u0000', 'a'], message: NUL },
      { path: ['b', 1], message: NUL },
    ],
  },
  {
    name: 'a text under an earlier object comes before a later text beside that object',
    input: [{ a: { x: 'x\u0000' } }, 'y\u0000', '\ud800'],
    want: [
      { path: [0, 'a', 'x'], message: NUL },
      { path: [1], message: NUL },
      {
        path: [2],
        message: 'must not contain a lone UTF-16 surrogate (\\ud800 at index 0): it is not valid Unicode',
      },
    ],
  },
  { name: 'a text alone is checked too', input: 'z\u0000', want: [{ path: [], message: NUL }] },
  {
    // It overflowed the call stack when it recursed (a 500 on every route that takes manifests).
    name: 'a text 5000 arrays deep is found without recursion, at its full path',
    input: { objects: nested(5000, 'x\u0000') },
    want: [{ path: ['objects', ...Array<number>(5000).fill(0)], message: NUL }],
  },
];

for (const c of cases) test(c.name, () => expect(unstorableTexts(c.input, 5001)).toEqual(c.want));

// Its own bound: a value past it, or one that contains itself (YAML `&a [*a]`), walked without end before.
test('a value deeper than the bound is too large, and so is one that contains itself', () => {
  const problem = { code: 'PAYLOAD_TOO_LARGE', path: '', message: 'input nesting is deeper than 3 levels' };
  expect(() => unstorableTexts(nested(3, 'x'), 3)).not.toThrow();
  expect(() => unstorableTexts(nested(4, 'x'), 3)).toThrow(expect.objectContaining({ problems: [problem] }));
  const self: unknown[] = [];
  self.push(self);
  expect(() => unstorableTexts({ a: self }, 3)).toThrow(expect.objectContaining({ problems: [problem] }));
});
