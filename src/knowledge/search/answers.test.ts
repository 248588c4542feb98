import { RecentAnswers } from './answers';

describe('recent answers', () => {
  test('past the entry bound, the least recently asked answer goes first', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 1000 });
    kept.set('a', 'A');
    kept.set('b', 'B');
    expect(kept.get('a')).toBe('A'); // now b is the least recently asked
    kept.set('c', 'C');
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual(['A', undefined, 'C']);
  });

  test('past the byte bound, old answers make room; an answer larger than the bound is not kept', () => {
    const kept = new RecentAnswers<string>({ entries: 100, bytes: 100 });
    kept.set('a', 'x'.repeat(40)); // 42 bytes of JSON and 2 of key
    kept.set('b', 'y'.repeat(40));
    kept.set('c', 'z'.repeat(40));
    expect([kept.get('a'), kept.get('b')?.length, kept.get('c')?.length]).toEqual([undefined, 40, 40]);
    kept.set('d', 'w'.repeat(200));
    expect([kept.get('b')?.length, kept.get('c')?.length, kept.get('d')]).toEqual([40, 40, undefined]);
  });

  test('an answer kept again under its key replaces the old one; clear forgets all', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 1000 });
    kept.set('a', 'A');
    kept.set('a', 'A2');
    kept.set('b', 'B');
    expect([kept.get('a'), kept.get('b')]).toEqual(['A2', 'B']);
    kept.clear();
    expect([kept.get('a'), kept.get('b')]).toEqual([undefined, undefined]);
  });
});
