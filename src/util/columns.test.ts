import fc from 'fast-check';
import { columns } from './columns';

test('a header in capitals over columns as wide as their widest cell, three spaces apart', () => {
  expect(
    columns(
      ['prefix', 'name', 'status'],
      [
        ['kk_1a2b3c4d', 'ci', 'active'],
        ['kk_00000000', 'a longer name', 'revoked'],
      ],
    ),
  ).toEqual([
    'PREFIX        NAME            STATUS',
    'kk_1a2b3c4d   ci              active',
    'kk_00000000   a longer name   revoked',
  ]);
});

test('no rows is the header alone', () => {
  expect(columns(['prefix', 'name'], [])).toEqual(['PREFIX   NAME']);
});

test('every cell starts where its column starts, whatever the cells hold', () => {
  const cell = fc.string({ maxLength: 12 }).filter((s) => !/\s/.test(s));
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 8 }), (rows) => {
      const lines = columns(['a', 'b', 'c'], rows);
      const starts = [0, ...[0, 1].map((i) => Math.max(1, ...rows.map((r) => r[i].length)) + 3)];
      const at = [starts[0], starts[1], starts[1] + starts[2]];
      expect(lines).toHaveLength(rows.length + 1);
      rows.forEach((r, j) => r.forEach((c, i) => expect(lines[j + 1].slice(at[i], at[i] + c.length)).toBe(c)));
    }),
  );
});
