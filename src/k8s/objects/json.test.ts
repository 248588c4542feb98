import { jsonErrorOffset, lineColumn } from './json';

const cases: [string, number][] = [
  ['{"a": [1, 2.5e3, true, null, "x\\n"]}', -1],
  ['{"a": }', 6],
  ['[1,]', 3],
  ['{"a": tru}', 6],
  ['{"a" 1}', 5],
  ['{a: 1}', 1],
  ['{"a": 1} x', 9],
  ['"unterminated', 0],
  ['[{}, [], {"b": {}}', 18],
  ['', 0],
];
for (const [text, offset] of cases)
  test(`${JSON.stringify(text)} fails at ${offset}`, () => expect(jsonErrorOffset(text)).toBe(offset));

test('a deeply nested text is scanned without recursion', () => {
  expect(jsonErrorOffset(`${'['.repeat(200000)}1${']'.repeat(199999)}`)).toBe(400000);
});

test('line and column are 1-based', () => {
  expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
});
