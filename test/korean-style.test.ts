// The answers' Korean is written in one register, the plain form (해라체: "거부한다", "채워졌다"),
// as the content's Korean is: a chatbot that repeats two explanations side by side should not switch
// to the polite form (하십시오체: "거부합니다") between them. Read from the sources, so a new text is
// checked the day it is written.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', 'src');
// Files that name the polite endings as data (the search analyser strips them from questions).
const LISTS_ENDINGS = new Set([path.join(ROOT, 'knowledge', 'search', 'hangul.ts')]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !LISTS_ENDINGS.has(p) ? [p] : [];
  });
}

// A syllable with the final consonant ㅂ (합, 됩, 습, 입) before 니다: the polite ending, not 아니다 ("is not").
const POLITE = /([가-힣])니다/g;
const hasFinalBieup = (syllable: string) => (syllable.charCodeAt(0) - 0xac00) % 28 === 17;
const isPolite = (line: string) => [...line.matchAll(POLITE)].some((m) => hasFinalBieup(m[1]));

test('no Korean answer text in the sources uses the polite -ㅂ니다 form', () => {
  const polite = sources(ROOT).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ where: `${path.relative(ROOT, file)}:${i + 1}`, line }))
      .filter(({ line }) => isPolite(line)),
  );
  expect(polite.map((p) => p.where)).toEqual([]);
});
