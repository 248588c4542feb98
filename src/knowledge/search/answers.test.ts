import { RecentAnswers } from './answers';

/** An answer as its question is asked the second time, when it is kept. */
function askedTwice<T>(kept: RecentAnswers<T>, key: string, answer: T): void {
  kept.set(key, answer);
  kept.set(key, answer);
}

describe('recent answers', () => {
  test('an answer is kept the second time its question is asked, not the first', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 1000 });
    kept.set('a', 'A');
    expect(kept.get('a')).toBeUndefined();
    kept.set('a', 'A');
    expect(kept.get('a')).toBe('A');
    // Questions asked once are noted within the entry bound: the oldest is forgotten first.
    kept.set('b', 'B');
    kept.set('c', 'C');
    kept.set('d', 'D');
    kept.set('b', 'B');
    kept.set('d', 'D');
    expect([kept.get('b'), kept.get('d')]).toEqual([undefined, 'D']);
    kept.clear();
    kept.set('a', 'A');
    expect(kept.get('a')).toBeUndefined();
  });

  test('past the entry bound, the least recently asked answer goes first', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 1000 });
    askedTwice(kept, 'a', 'A');
    askedTwice(kept, 'b', 'B');
    expect(kept.get('a')).toBe('A'); // now b is the least recently asked
    askedTwice(kept, 'c', 'C');
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual(['A', undefined, 'C']);
  });

  test('past the byte bound, old answers make room; an answer larger than the bound is not kept', () => {
    const kept = new RecentAnswers<string>({ entries: 100, bytes: 100 });
    askedTwice(kept, 'a', 'x'.repeat(40)); // 42 bytes of JSON and 2 of key
    askedTwice(kept, 'b', 'y'.repeat(40));
    askedTwice(kept, 'c', 'z'.repeat(40));
    expect([kept.get('a'), kept.get('b')?.length, kept.get('c')?.length]).toEqual([undefined, 40, 40]);
    askedTwice(kept, 'd', 'w'.repeat(200));
    expect([kept.get('b')?.length, kept.get('c')?.length, kept.get('d')]).toEqual([40, 40, undefined]);
  });

  test('an answer kept again under its key replaces the old one; clear forgets all', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 1000 });
    askedTwice(kept, 'a', 'A');
    askedTwice(kept, 'a', 'A2');
    askedTwice(kept, 'b', 'B');
    expect([kept.get('a'), kept.get('b')]).toEqual(['A2', 'B']);
    kept.clear();
    expect([kept.get('a'), kept.get('b')]).toEqual([undefined, undefined]);
  });
});
