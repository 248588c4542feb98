import { editDistance } from './distance';

const cases: { name: string; a: string; b: string; max?: number; want: number }[] = [
  { name: 'equal strings are 0 apart', a: 'service', b: 'service', want: 0 },
  { name: 'a missing letter is one edit', a: 'afinity', b: 'affinity', max: 2, want: 1 },
  { name: 'two deletions are two edits', a: 'liveliness', b: 'liveness', max: 2, want: 2 },
  { name: 'two letters swapped are one edit', a: 'deploymnet', b: 'deployment', max: 2, want: 1 },
  { name: 'a swap at the start is one edit too', a: 'ecrets', b: 'cerets', want: 1 },
  { name: 'past the limit it gives up at max + 1', a: 'probe', b: 'service', max: 2, want: 3 },
  { name: 'lengths too far apart give up at once', a: 'a', b: 'abcdef', max: 2, want: 3 },
  { name: 'without a limit the whole distance is counted', a: 'probe', b: 'service', want: 5 },
  { name: 'the empty string is as far as the other is long', a: '', b: 'pod', want: 3 },
];

for (const c of cases)
  test(c.name, () => {
    expect(editDistance(c.a, c.b, c.max)).toBe(c.want);
  });
