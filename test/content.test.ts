// The content as readers get it: no user-facing sentence, in content/ or in what the API serves,
// mentions the notes the knowledge was first written from; corrections keep their belief as data;
// the relations and references the content review asked for are there.
import type { ConceptFile, ReferenceEntry } from '../src/knowledge/content/schema';
import { repoContent, startTestApp, type TestApp } from './helpers/app';

// The notes as a source: "the notes say …", "the notes' …", "(노트 정정)", "노트에는 …", "메모에 …".
// Not caught on purpose: 노트북 (a laptop), 메모리 (memory), and "release notes" (Kubernetes changelogs,
// a legitimate source to cite). The singular "note" is not caught either: it is ordinary English
// ("Note that …") and the name of the relation field.
const NOTES_AS_SOURCE = [/(?<!release )\bnotes\b/i, /노트(?!북)/, /메모(?!리)/];

/** The parts of a text that mention the notes as a source. */
function mentionsOfNotes(text: string): string[] {
  return NOTES_AS_SOURCE.flatMap((p) => {
    const m = p.exec(text);
    return m ? [text.slice(Math.max(0, m.index - 30), m.index + 30)] : [];
  });
}

interface Text {
  where: string;
  text: string;
}

/** Every string of a concept file that reaches a reader (keys, slugs and reference ids do not). */
function conceptTexts(c: ConceptFile): Text[] {
  const out: Text[] = [];
  const add = (where: string, text: string) => out.push({ where: `${c.slug}:${where}`, text });
  for (const lang of ['en', 'ko'] as const) {
    const t = c.text[lang];
    add(`text.${lang}.title`, t.title);
    t.aliases.forEach((a, i) => add(`text.${lang}.aliases[${i}]`, a));
    (t.symptoms ?? []).forEach((s, i) => add(`text.${lang}.symptoms[${i}]`, s));
    add(`text.${lang}.summary`, t.summary);
    add(`text.${lang}.body`, t.body);
  }
  c.facts.forEach((f, i) => {
    add(`facts[${i}].en`, f.en);
    add(`facts[${i}].ko`, f.ko);
    if (f.corrects) {
      add(`facts[${i}].corrects.belief.en`, f.corrects.belief.en);
      add(`facts[${i}].corrects.belief.ko`, f.corrects.belief.ko);
    }
  });
  c.relations.forEach((r, i) => add(`relations[${i}].note`, r.note));
  c.examples.forEach((e, i) => {
    add(`examples[${i}].title.en`, e.title.en);
    add(`examples[${i}].title.ko`, e.title.ko);
    add(`examples[${i}].manifest`, e.manifest);
  });
  return out;
}

const referenceTexts = (r: Pick<ReferenceEntry, 'id' | 'title' | 'note'>): Text[] => [
  { where: `reference ${r.id}: title`, text: r.title },
  { where: `reference ${r.id}: note`, text: r.note },
];

/** "where: …excerpt…" for every text that mentions the notes. */
const offending = (texts: Text[]) =>
  texts.flatMap(({ where, text }) => mentionsOfNotes(text).map((excerpt) => `${where}: …${excerpt}…`));

describe('the notes are never mentioned to a reader', () => {
  test('the check catches the notes as a source and lets the look-alikes through', () => {
    const caught = [
      'The notes say a query is limited to the namespace.',
      "the notes' three filters",
      'Notes: see above',
      '(노트 정정) 준비성 프로브',
      '노트에는 이렇게 되어 있다',
      '노트의 "비용 최적화"',
      '메모에 따르면',
    ];
    const allowed = [
      '클러스터 밖의 노트북에서 접속하면',
      '메모리 제한을 넘으면',
      'See the Kubernetes v1.35 release notes.',
      'Note that the field is optional.',
      'note: a relation note',
    ];
    for (const text of caught) expect(mentionsOfNotes(text)).not.toEqual([]);
    for (const text of allowed) expect(mentionsOfNotes(text)).toEqual([]);
  });

  test('in content/: concept texts, facts and beliefs, relation notes, examples, references', () => {
    const content = repoContent();
    const texts = [...content.concepts.flatMap(conceptTexts), ...content.references.flatMap(referenceTexts)];
    expect(texts.length).toBeGreaterThan(1000);
    expect(offending(texts)).toEqual([]);
  });

  describe('in what the API serves', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t?.close());

    for (const lang of ['en', 'ko'] as const) {
      test(`the ${lang} export: titles, aliases, summaries and indexed text of every concept`, async () => {
        const texts: Text[] = [];
        let cursor: string | null = null;
        do {
          const res = await t.http
            .get('/v1/export')
            .query({ lang, limit: 100, ...(cursor ? { cursor } : {}) })
            .expect(200);
          const page = res.body as {
            items: { slug: string; title: string; summary: string; text: string; aliases: string[] }[];
            nextCursor: string | null;
          };
          for (const d of page.items)
            texts.push(
              { where: `${d.slug} title`, text: d.title },
              { where: `${d.slug} summary`, text: d.summary },
              { where: `${d.slug} text`, text: d.text },
              ...d.aliases.map((a) => ({ where: `${d.slug} alias`, text: a })),
            );
          cursor = page.nextCursor;
        } while (cursor);
        expect(texts.length).toBeGreaterThanOrEqual(repoContent().concepts.length * 3);
        expect(offending(texts)).toEqual([]);
      });

      test(`every concept as ${lang} markdown: facts with their corrections, relation notes, example titles`, async () => {
        const texts: Text[] = [];
        for (const c of repoContent().concepts) {
          const res = await t.http.get(`/v1/concepts/${c.slug}`).query({ format: 'md', lang }).expect(200);
          texts.push({ where: `${c.slug} (${lang} markdown)`, text: res.text });
        }
        expect(offending(texts)).toEqual([]);
      });
    }

    test('the references and their notes', async () => {
      const refs: { key: string; title: string; note: string }[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get('/v1/references')
          .query({ limit: 100, ...(cursor ? { cursor } : {}) })
          .expect(200);
        refs.push(...(res.body.items as typeof refs));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(refs).toHaveLength(repoContent().references.length);
      expect(offending(refs.flatMap((r) => referenceTexts({ ...r, id: r.key })))).toEqual([]);
    });
  });
});

describe('corrections keep the belief as data', () => {
  const corrected = repoContent().concepts.flatMap((c) =>
    c.facts.filter((f) => f.corrects).map((f) => ({ where: `${c.slug}/${f.key}`, ...f.corrects!.belief })),
  );

  test('facts that correct a common belief state it in both languages', () => {
    expect(corrected.length).toBeGreaterThan(15);
    for (const b of corrected) {
      expect({ where: b.where, ko: /[가-힣]/.test(b.ko) }).toEqual({ where: b.where, ko: true });
      // The English belief is a clause that continues "A common belief is that …".
      expect({ where: b.where, en: b.en }).toEqual({ where: b.where, en: b.en.replace(/\.$/, '') });
      expect(b.en).not.toMatch(/^(A common belief|The belief|It is believed)/i);
    }
  });

  test('no fact cites a source known only by its title', () => {
    const { concepts, references } = repoContent();
    const untitled = new Set(references.filter((r) => r.url === null).map((r) => r.id));
    const citing = concepts.flatMap((c) => c.facts.filter((f) => untitled.has(f.ref)).map((f) => `${c.slug}/${f.key}`));
    expect(citing).toEqual([]);
  });
});

describe('relations and references the content review asked for', () => {
  const { concepts, references } = repoContent();
  const edges = new Set(concepts.flatMap((c) => c.relations.map((r) => `${c.slug} ${r.type} ${r.target}`)));
  const linked = (a: string, b: string) =>
    concepts.some(
      (c) =>
        (c.slug === a && c.relations.some((r) => r.target === b)) ||
        (c.slug === b && c.relations.some((r) => r.target === a)),
    );

  test('Service types are nested in one Service object: never a Service type that CREATES another', () => {
    const serviceTypes = concepts.filter((c) => c.slug.startsWith('service-type-')).map((c) => c.slug);
    const created = [...edges].filter((e) => {
      const [source, type, target] = e.split(' ');
      return type === 'CREATES' && serviceTypes.includes(source) && serviceTypes.includes(target);
    });
    expect(created).toEqual([]);
    expect(edges).toContain('service-type-nodeport GENERALIZES service-type-clusterip');
    expect(edges).toContain('service-type-loadbalancer GENERALIZES service-type-nodeport');
  });

  test('the scheduling concepts are linked to pod-scheduling', () => {
    const scheduling = [
      'node-affinity',
      'node-selector',
      'pod-affinity',
      'pod-anti-affinity',
      'pod-topology-spread',
      'taints-and-tolerations',
      'scheduler-preemption',
      'scheduling-resource-filter',
      'scheduling-topology-filter',
      'scheduling-volume-filter',
    ];
    expect(scheduling.filter((s) => !linked(s, 'pod-scheduling'))).toEqual([]);
  });

  test('a Service leads to its EndpointSlices and kube-proxy; a LimitRange to its namespace', () => {
    expect(edges).toContain('service CREATES endpointslice');
    expect(edges).toContain('service RELATED_TO kube-proxy');
    expect(edges).toContain('limit-range CONFIGURES namespace');
    // serviceName is optional: a StatefulSet works without its headless Service.
    expect(edges).toContain('statefulset COMPLEMENTS headless-service');
    expect(edges).not.toContain('statefulset REQUIRES headless-service');
  });

  test('a kubernetes.io reference whose title names a section links to that section', () => {
    const missing = references
      .filter((r) => r.url?.startsWith('https://kubernetes.io/') && r.title.includes(' — ') && !r.url.includes('#'))
      .map((r) => r.id);
    expect(missing).toEqual([]);
  });
});
