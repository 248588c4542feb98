// Search's time per question (issue 16: p99 < 5 ms). Over HTTP: the bench's 1 500 distinct questions
// one at a time, from this process to a server in a process of its own (a client in the server's
// process shares its heap and event loop, and its collections and callbacks land on the server's
// tail). Without HTTP: the index the server builds, asked the same questions, then long ones (what a
// search costs most). `kernel.js search` prints those figures; `kernel.js search-answers` prints
// every answer as JSON, one a line, to compare two builds' answers byte for byte. Asserts nothing.
import { loadContent } from '../src/knowledge/content/load';
import { contentViews } from '../src/knowledge/content/views';
import { buildSearchIndex, type SearchIndex } from '../src/knowledge/search';
import { loadQuestions } from '../test/search-eval/evaluate';
import { cpuMsOf, sampleRss, start } from './graphql';
import { oneAtATime, type HttpFigure } from './http';
import { fixed, loadNote } from './timing';

/** The bench's distinct questions: three words of ten and a number, so that no answer is kept for another. */
export function distinctQuestions(): string[] {
  const words = ['헤드리스', '서비스', 'DNS', 'probe', 'readiness', 'taint', 'affinity', 'quota', '시크릿', 'endpoint'];
  return Array.from({ length: 1500 }, (_, i) =>
    [words[i % 10], words[(i * 7) % 10], words[(i * 3 + 1) % 10], `${i}`].join(' '),
  );
}

/**
 * Questions at the length search reads (400 characters) and past it: the evaluation's Korean and
 * English questions run together, with and without spaces (a pasted paragraph), each cut at a
 * different place so that every one is a new question.
 */
export function longQuestions(): string[] {
  const questions = loadQuestions();
  const run = (lang: 'ko' | 'en', sep: string) =>
    questions
      .filter((q) => q.lang === lang)
      .map((q) => q.q)
      .join(sep);
  const texts = [run('ko', ' '), run('ko', ''), run('en', ' ')];
  const out: string[] = [];
  for (const text of texts) for (let i = 0; i < 40; i++) out.push(text.slice(i * 7, i * 7 + 400 + (i % 3) * 50));
  return out;
}

interface Latencies {
  name: string;
  /** Per question, sorted. */
  wall: number[];
  cpu: number[];
  /** Wall and CPU ms of the questions during which no garbage collection ran, sorted. */
  clean: { wall: number[]; cpu: number[] };
  /** Collections during the questions, and their summed pause in ms. */
  collections: number;
  collectedMs: number;
}

/** Asks each question once; a GC observer tells which questions a collection fell in. */
async function ask(index: SearchIndex, name: string, questions: readonly string[]): Promise<Latencies> {
  const gcs: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const spans: { start: number; end: number; cpu: number }[] = [];
  for (const q of questions) {
    const usage = process.cpuUsage();
    const start = performance.now();
    index.search(q);
    const end = performance.now();
    const used = process.cpuUsage(usage);
    spans.push({ start, end, cpu: (used.user + used.system) / 1000 });
  }
  // GC entries arrive after the work that triggered them, on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const collected = (s: { start: number; end: number }) => gcs.some((g) => g.start < s.end && g.end > s.start);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const during = gcs.filter((g) => g.start < spans[spans.length - 1].end && g.end > spans[0].start);
  return {
    name,
    wall: sorted(spans.map((s) => s.end - s.start)),
    cpu: sorted(spans.map((s) => s.cpu)),
    clean: {
      wall: sorted(spans.filter((s) => !collected(s)).map((s) => s.end - s.start)),
      cpu: sorted(spans.filter((s) => !collected(s)).map((s) => s.cpu)),
    },
    collections: during.length,
    collectedMs: during.reduce((sum, g) => sum + g.end - g.start, 0),
  };
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** The index of the repository's content, warmed up on the evaluation's questions (none of those measured). */
function warmIndex(): SearchIndex {
  const index = buildSearchIndex(contentViews(loadContent()));
  for (const q of loadQuestions()) index.search(q.q, { lang: q.lang });
  return index;
}

/** What `kernel.js search` prints. */
export async function searchReport(): Promise<string> {
  const index = warmIndex();
  const rows = [
    await ask(index, '1 500 distinct questions (the HTTP bench)', distinctQuestions()),
    await ask(index, '120 long questions (400–500 chars, ko/en)', longQuestions()),
  ];
  const head = [
    'search alone (no HTTP)',
    'p50 ms',
    'p99 ms',
    'max ms',
    'p50 CPU ms',
    'p99 CPU ms',
    'without GC: p99 ms',
    'p99 CPU ms',
    'GCs',
    'GC ms',
  ];
  const body = rows.map((r) => [
    r.name,
    fixed(at(r.wall, 0.5)),
    fixed(at(r.wall, 0.99)),
    fixed(r.wall[r.wall.length - 1]),
    fixed(at(r.cpu, 0.5)),
    fixed(at(r.cpu, 0.99)),
    `${fixed(at(r.clean.wall, 0.99))} (${r.clean.wall.length})`,
    fixed(at(r.clean.cpu, 0.99)),
    String(r.collections),
    fixed(r.collectedMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [
    'Search, one question at a time in this process, each new (no kept answer helps); the server also parses, checks and serializes.',
    'Without GC: the questions no garbage collection fell in (how many in parentheses); GCs: the collections during the questions, and their pauses summed.',
    '',
    ...[head, ...body].map((cells) =>
      cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '),
    ),
    '',
    loadNote(),
  ].join('\n');
}

/** What `kernel.js search-answers` prints: each question and its answer, one JSON line each. */
export function searchAnswers(): string {
  const index = buildSearchIndex(contentViews(loadContent()));
  const asked = [
    ...loadQuestions().map((q) => ({ q: q.q, lang: q.lang })),
    ...distinctQuestions().map((q) => ({ q, lang: undefined })),
    ...longQuestions().map((q) => ({ q, lang: undefined })),
  ];
  return asked.map(({ q, lang }) => JSON.stringify({ q, lang, answer: index.search(q, { lang }) })).join('\n');
}

/**
 * GET /v1/search of each distinct question, one at a time, of kubeknow started in a process of its
 * own, after the evaluation's questions (none of those measured) have warmed it up as earlier
 * traffic would; with the server's own CPU time per answer.
 */
export async function distinctSearch(): Promise<HttpFigure> {
  const server = await start('kubeknow.js');
  const url = (q: string, lang?: string) =>
    `${server.base}/v1/search?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ''}`;
  try {
    for (const q of loadQuestions()) await (await fetch(url(q.q, q.lang))).arrayBuffer();
    const questions = distinctQuestions();
    const before = cpuMsOf(server);
    const figure = await oneAtATime(
      'REST GET /v1/search, 1 500 distinct questions, one at a time (server in its own process)',
      questions.map((q) => url(q)),
    );
    sampleRss(server);
    return {
      ...figure,
      cpuUs: Math.round(((cpuMsOf(server) - before) * 1000) / questions.length),
      rssMb: server.rssMb,
      startSeconds: server.startSeconds,
    };
  } finally {
    server.child.kill();
  }
}
