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

  test('a long passage is cut at sentence ends: the snippet is whole sentences between ellipses', () => {
    const text = [
      'Kubernetes runs containers in Pods.',
      'Each Pod gets its own IP address from the cluster network.',
      'When the readiness probe fails, the Pod leaves the ready set of its Service and gets no traffic.',
      'The container is not restarted for that.',
      'Liveness probes are another matter entirely and are explained on their own page.',
    ].join(' ');
    const s = snippetOf(passage(text), matching('readiness', 'traffic'))!;
    expect(s.snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS);
    expect(s.snippet).toMatch(/^… [A-Z].*\. …$/);
    expect(s.snippet).toContain(
      'When the readiness probe fails, the Pod leaves the ready set of its Service and gets no traffic.',
    );
    expect(marked(s)).toEqual(['readiness', 'traffic']);
  });

  test('Korean sentences end at 다. and 요. and ?, and the cut is marked the same way', () => {
    const text = [
      '쿠버네티스는 컨테이너를 파드로 실행한다. 파드는 가장 작은 배포 단위이며 컨테이너 여러 개를 함께 담을 수 있다.',
      '파드마다 클러스터 네트워크에서 IP를 받는다.',
      '레디니스 프로브가 실패하면 파드는 서비스의 준비된 엔드포인트에서 빠지고 트래픽을 받지 않아요.',
      '컨테이너가 재시작되나요?',
      '아니다, 재시작은 라이브니스 프로브가 하는 일이며 그 내용은 다른 페이지에서 자세하게 설명한다.',
      '이 문장은 스니펫에 들어갈 자리가 없을 만큼 길게 이어지는 마지막 문장으로 여기까지 읽을 사람은 별로 없을 것이다.'.repeat(
        2,
      ),
    ].join(' ');
    const s = snippetOf(passage(text), matching('레디니스', '엔드포인트'))!;
    expect(s.snippet).toMatch(/^… \S/);
    expect(s.snippet).toContain(
      '레디니스 프로브가 실패하면 파드는 서비스의 준비된 엔드포인트에서 빠지고 트래픽을 받지 않아요.',
    );
    expect(s.snippet).toMatch(/(다\.|요\.|\?) …$/);
    expect(s.snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS);
  });

  test('a sentence longer than a snippet is cut at words, still marked with ellipses', () => {
    const long = `${'word '.repeat(60)}readiness ${'word '.repeat(60)}end.`;
    const s = snippetOf(passage(long), matching('readiness'))!;
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['readiness']);
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
