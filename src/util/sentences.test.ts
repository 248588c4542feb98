import fc from 'fast-check';
import { clipAtSentence, sentenceEnds, sentenceStarts } from './sentences';

const cases: { name: string; text: string; ends: string[] }[] = [
  {
    name: 'English sentences end at a full stop, question or exclamation mark before a space',
    text: 'The Pod is ready. Is it? Yes! It is.',
    ends: ['The Pod is ready.', ' Is it?', ' Yes!', ' It is.'],
  },
  {
    name: 'Korean sentences end the same way: 다., 요., ?',
    text: '파드가 서비스에서 빠진다. 재시작은 안 돼요. 왜 그럴까? 끝',
    ends: ['파드가 서비스에서 빠진다.', ' 재시작은 안 돼요.', ' 왜 그럴까?'],
  },
  { name: 'the ideographic full stop needs no space after it', text: '一つ。二つ。', ends: ['一つ。', '二つ。'] },
  {
    name: 'a dot inside a version, a domain or an abbreviation ends nothing',
    text: 'Since v1.29 see kubernetes.io, e.g. this one. Done',
    ends: ['Since v1.29 see kubernetes.io, e.g. this one.'],
  },
  {
    name: 'a closing quote or bracket belongs to the sentence',
    text: 'It says "ready." (Really.) Next',
    ends: ['It says "ready."', ' (Really.)'],
  },
];

describe('sentence ends', () => {
  for (const c of cases)
    test(c.name, () => {
      const ends = sentenceEnds(c.text);
      expect(ends.map((e, i) => c.text.slice(ends[i - 1] ?? 0, e))).toEqual(c.ends);
    });

  test('a sentence starts after the spaces that follow an end', () => {
    expect(sentenceStarts('One. Two.  Three')).toEqual([0, 5, 11]);
  });
});

describe('clipAtSentence', () => {
  test('a text that fits is returned as it is', () => expect(clipAtSentence('Short.', 10)).toBe('Short.'));

  test('a long text stops at the last sentence that fits, then an ellipsis', () => {
    expect(clipAtSentence('파드가 빠진다. 서비스는 남는다. 그리고 더 있다.', 22)).toBe(
      '파드가 빠진다. 서비스는 남는다. …',
    );
    expect(clipAtSentence('One two. Three four five six.', 16)).toBe('One two. …');
  });

  test('without a sentence end that fits, it stops at a space', () =>
    expect(clipAtSentence('one two three four five six seven', 16)).toBe('one two three…'));

  test('a cut never leaves an inline code span open: it moves before the span', () => {
    expect(clipAtSentence('A Pod marked by `readinessProbe failures` is taken out', 30)).toBe('A Pod marked by…');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('word', '`code span`', 'x.', 'y', '`a b c`'), { maxLength: 30 }),
        fc.integer({ min: 1, max: 120 }),
        (words, max) => {
          const text = words.join(' ');
          expect(clipAtSentence(text, max).split('`').length % 2).toBe(1);
        },
      ),
    );
  });

  test('any text is cut to at most max code points, and a cut is marked', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (text, max) => {
        const out = clipAtSentence(text, max);
        expect([...out].length).toBeLessThanOrEqual(Math.max(max, 1));
        if (out !== text) expect(out.endsWith('…')).toBe(true);
      }),
    );
  });
});
