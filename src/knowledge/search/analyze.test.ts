import fc from 'fast-check';
import { analyze, indexKey, termOfKey, termTexts, type Analysis } from './analyze';
import { splitCamel, stem } from './english';
import { isKoreanSuffix, stripKoreanSuffix } from './hangul';
import { keyText } from './phrases';

const keys = (text: string) => analyze(text, 'query').keys;
const terms = (text: string, mode: 'index' | 'query' = 'index') => termTexts(analyze(text, mode));
const compact = (text: string) => keyText(keys(text)).compact;
const spanTexts = (text: string, a: Analysis) => a.units.map((u) => text.slice(u.start, u.end));

describe('Korean particles and endings', () => {
  const cases: [string, string][] = [
    ['서비스는', '서비스'],
    ['파드가', '파드'],
    ['노드에서는', '노드'],
    ['네임스페이스란', '네임스페이스'],
    ['프로브들을', '프로브'],
    ['재시작돼요', '재시작'],
    ['쫓겨났어요', '쫓겨났'],
    ['접근하려면', '접근'],
    ['실패하면', '실패'],
    ['무엇인가요', '무엇'],
    // A one-syllable particle is only stripped from a longer word: "프로" is a noun, not 프 + 로.
    ['프로', '프로'],
    ['키가', '키가'],
    ['레코드', '레코드'],
  ];
  for (const [word, want] of cases) test(`${word} → ${want}`, () => expect(stripKoreanSuffix(word)).toBe(want));

  test('a particle does not block the word it is attached to', () => {
    expect(keys('헤드리스 서비스는 DNS에서 뭘 돌려줘?')).toEqual(['헤드리스', '서비스', 'dns', '돌려']);
  });

  test('a particle attached to a Latin word is dropped, not indexed', () => {
    expect(isKoreanSuffix('에서')).toBe(true);
    expect(keys('DNS에서')).toEqual(['dns']);
    expect(keys('kube-proxy가 하는 일')).toEqual(['kube', 'proxy', '일']);
  });

  test('question words and fillers are stop words', () => {
    expect(keys('뭘 어떻게 해야 돼')).toEqual([]);
  });

  test('a symptom keeps its topic: spoken endings, adverbs and light verbs go', () => {
    expect(keys('파드가 갑자기 Evicted 됐어요')).toEqual(['파드', 'evict']);
    expect(keys('인그레스로 접속하면 404가 나와요')).toEqual(['인그레스', '접속', '404']);
    expect(keys('볼륨 때문에 파드가 노드에 스케줄되지 않아요')).toEqual(['볼륨', '파드', '노드', '스케줄']);
    expect(keys('컨테이너가 자꾸 죽어요')).toEqual(['컨테이너', '죽']);
  });

  test('a loanword spelled otherwise reads as the docs spell it, with or without its particle', () => {
    expect(keys('팟이 계속 Pending')).toEqual(['파드', 'pend']);
    expect(keys('포드를 지워요')).toEqual(keys('파드를 지워요'));
    expect(terms('팟이')).toContain('파드');
    // Only whole words: a spot instance is no Pod.
    expect(keys('스팟이나 SSD')).toEqual(['스팟', 'ssd']);
  });

  test('a respelled loanword still highlights what was typed', () => {
    const text = '팟이 안 떠요';
    expect(spanTexts(text, analyze(text, 'query'))[0]).toBe('팟');
  });

  test('the unstripped form stays searchable, as a noun may end in a particle-like syllable', () => {
    const t = analyze('게이트웨이', 'index').units[0].terms;
    expect(t.map((x) => x.text)).toEqual(expect.arrayContaining(['게이트웨', '게이트웨이']));
  });
});

describe('Hangul spacing variants', () => {
  test('a compound matches with or without the space', () => {
    expect(compact('엔드포인트 슬라이스')).toBe(compact('엔드포인트슬라이스'));
    expect(terms('엔드포인트 슬라이스')).toContain('엔드포인트슬라이스');
  });

  test('bigrams are taken across the space, so the spaced and unspaced forms share them all', () => {
    const spaced = terms('엔드포인트 슬라이스').filter((t) => t.length === 2);
    const joined = terms('엔드포인트슬라이스').filter((t) => t.length === 2);
    expect(new Set(spaced)).toEqual(new Set(joined));
    expect(joined).toEqual(expect.arrayContaining(['엔드', '트슬', '이스']));
  });

  test('a stop word breaks a phrase: no bigram spans it', () => {
    expect(terms('헤드리스 뭘 서비스')).not.toContain('스서');
  });

  test('English spacing variants compare equal as phrases', () => {
    expect(compact('end point slice')).toBe(compact('EndpointSlice'));
    expect(compact('endpoint slices')).toBe(compact('EndpointSlice'));
  });
});

describe('English words and identifiers', () => {
  const stems: [string, string][] = [
    ['probes', 'prob'],
    ['probe', 'prob'],
    ['restarting', 'restart'],
    ['restarted', 'restart'],
    ['scheduling', 'schedul'],
    ['schedule', 'schedul'],
    ['policies', 'policy'],
    ['running', 'run'],
    ['killed', 'kill'],
    ['dns', 'dns'],
    ['ingress', 'ingress'],
    ['ips', 'ip'],
    ['endpoints', 'endpoint'],
  ];
  for (const [word, want] of stems) test(`stem(${word}) = ${want}`, () => expect(stem(word)).toBe(want));

  const camel: [string, string[]][] = [
    ['readinessProbe', ['readiness', 'Probe']],
    [
      'requiredDuringSchedulingIgnoredDuringExecution',
      ['required', 'During', 'Scheduling', 'Ignored', 'During', 'Execution'],
    ],
    ['podIPs', ['pod', 'IPs']],
    ['IPFamily', ['IP', 'Family']],
    ['IPv4', ['IPv4']],
    ['ClusterIP', ['Cluster', 'IP']],
  ];
  for (const [word, want] of camel) test(`splitCamel(${word})`, () => expect(splitCamel(word)).toEqual(want));

  test('a camelCase key yields its words and the whole identifier', () => {
    expect(keys('readinessProbe')).toEqual(['readiness', 'prob']);
    expect(terms('readinessProbe')).toEqual(expect.arrayContaining(['readiness', 'prob', 'readinessprob']));
    expect(compact('readinessProbe')).toBe(compact('readiness probe'));
  });

  test('identifiers joined by dots, slashes, underscores and colons also index whole', () => {
    expect(terms('kubernetes.io/tls')).toEqual(expect.arrayContaining(['kubernetes', 'io', 'tls', 'kubernetesiotls']));
    expect(terms('KUBERNETES_SERVICE_HOST')).toEqual(
      expect.arrayContaining(['kubernetes', 'servic', 'host', 'kubernetesservichost']),
    );
    expect(terms('ndots:5')).toEqual(expect.arrayContaining(['ndots', '5', 'ndots5']));
  });

  test('stop words go, but not inside identifiers', () => {
    expect(keys('what is the default')).toEqual(['default']);
    expect(keys('KUBERNETES_SERVICE_HOST')).toEqual(['kubernetes', 'servic', 'host']);
  });

  test('"A" as in "A record" is kept, a lone lower-case letter is not', () => {
    expect(keys('pod A record')).toEqual(['pod', 'a', 'record']);
    expect(keys('node(s) a x')).toEqual(['node']);
  });

  test('queries also carry the unstemmed word, for matching typos', () => {
    expect(terms('readines', 'query')).toEqual(['readin', 'readines']);
    expect(terms('readines', 'index')).toEqual(['readin']);
  });
});

describe('units', () => {
  test('every unit points at the text it came from', () => {
    const text = '헤드리스 서비스는 clusterIP: None 으로';
    const a = analyze(text, 'index');
    const spans = spanTexts(text, a);
    expect(spans).toEqual(
      expect.arrayContaining(['헤드리스', '서비스', 'cluster', 'IP', 'clusterIP', 'None', '헤드리스 서비스']),
    );
    expect(spans).not.toContain('서비스는');
  });

  test('mixed scripts split at the script boundary', () => {
    expect(keys('클러스터IP도')).toEqual(['클러스터', 'ip']);
    expect(keys('파드IP로')).toEqual(['파드', 'ip']);
  });
});

describe('index keys', () => {
  test('Hangul is stored as jamo and restored exactly', () => {
    for (const t of ['헤드리스', '엔드포인트슬라이스', '쓰로틀링', 'readiness', 'kubernetesiotls'])
      expect(termOfKey(indexKey(t))).toBe(t);
    expect(indexKey('헤드')).not.toBe('헤드');
    expect(indexKey('pod')).toBe('pod');
  });

  test('a syllable typo is one jamo away', () => {
    const a = [...indexKey('헤드리스')];
    const b = [...indexKey('해드리스')];
    expect(a.length).toBe(b.length);
    expect(a.filter((ch, i) => ch !== b[i]).length).toBe(1);
  });
});

describe('any text', () => {
  // Hangul syllables, particles, loanword variants, Latin and punctuation mixed as people type them.
  const piece = fc.constantFrom(
    '팟',
    '포드',
    '파드',
    '이',
    '가',
    '어요',
    '됐어요',
    '스팟',
    'Pod',
    ' ',
    '.',
    '갑자기',
    '않아요',
  );
  const text = fc.oneof(
    fc.string(),
    fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
  );

  test('every unit and key span lies inside the text, and keys and spans stay parallel', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = analyze(t, 'query');
        for (const u of a.units) expect(0 <= u.start && u.start < u.end && u.end <= t.length).toBe(true);
        expect(a.keySpans).toHaveLength(a.keys.length);
        for (const [s, e] of a.keySpans) expect(0 <= s && s <= e && e <= t.length).toBe(true);
      }),
    );
  });
});
