import { analyze } from './analyze';
import { passages } from './markdown';
import { keyText, keyTextOf, nameCoverage, occursIn, runCoverage } from './phrases';
import type { Passage } from './fields';
import { SNIPPET_CHARS, snippetOf } from './snippet';

const passage = (text: string): Passage => ({ text, pairs: true });
const matching =
  (...terms: string[]) =>
  (t: string) =>
    terms.includes(t) ? 1 : 0;
const marked = (s: { snippet: string; highlights: [number, number][] }) =>
  s.highlights.map(([a, b]) => s.snippet.slice(a, b));

describe('snippets', () => {
  test('a short passage is shown whole, with the matched words highlighted', () => {
    const s = snippetOf(passage('A Service with clusterIP: None gets no virtual IP.'), matching('none', 'clusterip'))!;
    expect(s.snippet).toBe('A Service with clusterIP: None gets no virtual IP.');
    expect(marked(s)).toEqual(['clusterIP', 'None']);
  });

  test('overlapping matches (a compound and its words) become one highlight', () => {
    const s = snippetOf(
      passage('set readinessProbe on every container'),
      matching('readiness', 'prob', 'readinessprob'),
    )!;
    expect(s.highlights).toEqual([[4, 18]]);
  });

  test('a Korean match highlights the word without its particle', () => {
    const s = snippetOf(passage('헤드리스 서비스는 파드 IP를 돌려준다'), matching('서비스', 'ip'))!;
    expect(marked(s)).toEqual(['서비스', 'IP']);
  });

  test('a long passage is cut to the window with the most matches, at word boundaries', () => {
    const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(8);
    const text = `${filler}The readiness probe removes the Pod IP from the Service endpoints. ${filler}`;
    const s = snippetOf(passage(text), matching('readiness', 'remov', 'endpoint'))!;
    expect(s.snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['readiness', 'removes', 'endpoints']);
    const words = new Set(text.split(' '));
    for (const word of s.snippet.replace(/…/g, '').split(' ')) expect(words).toContain(word);
  });

  test('the window prefers the rarer words', () => {
    const text = `${'pod '.repeat(60)}and then, much later, the rare word ndots appears ${'x '.repeat(80)}`;
    const s = snippetOf(passage(text), (t) => (t === 'ndots' ? 5 : t === 'pod' ? 0.1 : 0))!;
    expect(marked(s)).toContain('ndots');
  });

  test('wherever the only match sits in a long passage, the snippet shows it whole', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split(' ');
    for (let at = 0; at < 120; at += 3) {
      const parts = Array.from({ length: 120 }, (_, i) => (i === at ? 'ndots:5,' : words[i % words.length]));
      const s = snippetOf(passage(parts.join(' ')), matching('ndots', 'ndots5'))!;
      expect(marked(s)).toEqual(['ndots:5']);
      expect(s.snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
    }
  });

  test('no match, no snippet', () => {
    expect(snippetOf(passage('nothing relevant here'), matching('probe'))).toBeNull();
  });

  test('highlights always lie inside the snippet, ascending and apart', () => {
    const text = 'probe '.repeat(100);
    const s = snippetOf(passage(text), matching('prob'))!;
    let last = -1;
    for (const [a, b] of s.highlights) {
      expect(a).toBeGreaterThan(last);
      expect(b).toBeLessThanOrEqual(s.snippet.length);
      expect(s.snippet.slice(a, b)).toBe('probe');
      last = b;
    }
  });
});

describe('markdown passages', () => {
  test('markup is removed and blocks become passages', () => {
    const md = [
      '## How it behaves',
      '',
      '- A **ready** Pod is in the `EndpointSlice`,',
      '  see [the docs](https://kubernetes.io/docs/).',
      '- *Not ready*: out.',
      '',
      '| field | meaning |',
      '|---|---|',
      '| `clusterIP` | None |',
      '',
      '```yaml',
      'spec:',
      '  clusterIP: None',
      '```',
      'Plain text',
      'over two lines.',
    ].join('\n');
    expect(passages(md)).toEqual([
      'How it behaves',
      'A ready Pod is in the EndpointSlice,',
      'see the docs.',
      'Not ready: out.',
      'field · meaning',
      'clusterIP · None',
      'spec: clusterIP: None',
      'Plain text over two lines.',
    ]);
  });

  test('snake_case and a lone asterisk survive', () => {
    expect(passages('KUBERNETES_SERVICE_HOST and 2 * 3')).toEqual(['KUBERNETES_SERVICE_HOST and 2 * 3']);
  });
});

describe('word order', () => {
  const kt = (text: string) => keyText(analyze(text, 'query').keys);

  test('a phrase matches only on word boundaries', () => {
    expect(occursIn('podaffinity', kt('pod affinity rules'))).toBe(true);
    expect(occursIn('podaffinity', kt('pod anti affinity'))).toBe(false);
    expect(occursIn('affin', kt('pod affinity'))).toBe(false);
  });

  test('name coverage is the share of the query the longest contained name explains', () => {
    const names = ['clusterip', 'clusteripnone'];
    expect(nameCoverage(names, kt('clusterIP: None'))).toBe(1);
    expect(nameCoverage(names, kt('clusterIP'))).toBe(1);
    expect(nameCoverage(['headless'], kt('headless service'))).toBeCloseTo(8 / 14);
    expect(nameCoverage(['nodeport'], kt('node affinity'))).toBe(0);
  });

  test('the longest run of query words found in order in one passage', () => {
    const text = keyTextOf([
      analyze('The pod IP disappears from the Service.', 'index').keys,
      analyze('health check fails', 'index').keys,
    ]);
    const q = kt('the pod IP disappears from the service when the health check fails');
    expect(runCoverage(text, q)).toBeCloseTo('podipdisappearservic'.length / q.compact.length);
    expect(runCoverage(text, kt('pod'))).toBe(0);
  });
});
