// The content fields `symptoms` (per language) and `diagnosedBy` (the computations that diagnose a
// concept): checked when content is loaded, kept by the seed and by edits, and served as the concept's
// JSON, markdown, plain text and GraphQL fields, through the real app on a real database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { KubeknowError } from '../src/errors';
import { COMPUTATIONS, COMPUTATION_NAMES } from '../src/knowledge/computations';
import { loadContent } from '../src/knowledge/content/load';
import { conceptFile } from '../src/knowledge/content/schema';
import { contentViews } from '../src/knowledge/content/views';
import { seedContent } from '../src/knowledge/seed';
import { ROOT } from '../src/paths';
import { repoContent, startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';

const REFERENCE =
  '- { id: k8s, url: "https://kubernetes.io/", title: K, language: en, kind: OFFICIAL_DOCS, reliability: AUTHORITATIVE }\n';

/** A concept file whose text and top level take the given extra YAML. */
const concept = (slug: string, opts: { top?: string; en?: string; ko?: string } = {}) => `slug: ${slug}
kind: MECHANISM
category: workloads
${opts.top ?? ''}
text:
  en:
    title: ${slug} title
    aliases: [${slug}]
    summary: What ${slug} is.
    body: "## What it means\\n\\nIt means something."
${opts.en ?? ''}
  ko:
    title: ${slug} 제목
    aliases: [${slug}]
    summary: ${slug}는 무엇인가.
    body: "## 무슨 뜻인가\\n\\n뜻이 있다."
${opts.ko ?? ''}
`;

/** A content folder holding these concept files (name → YAML) and one reference. */
function contentDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-fields-'));
  fs.mkdirSync(path.join(dir, 'concepts'));
  fs.mkdirSync(path.join(dir, 'references'));
  fs.writeFileSync(path.join(dir, 'references', 'r.yaml'), REFERENCE);
  for (const [slug, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'concepts', `${slug}.yaml`), text);
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadContent(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KubeknowError);
    const prefix = path.relative(process.cwd(), dir) + '/';
    return (err as KubeknowError).problems.map((p) => `${p.path.replace(prefix, '')}: ${p.message}`);
  }
  throw new Error('expected the content to be rejected');
}

describe('loading content', () => {
  test('an unknown computation in diagnosedBy names the file and the entry, and lists the known ones', () => {
    const dir = contentDir({ one: concept('one', { top: 'diagnosedBy: [dns-query, dns-querry]' }) });
    expect(problemsOf(dir)).toEqual([
      `concepts/one.yaml:diagnosedBy[1]: unknown computation "dns-querry"; diagnosedBy names one of ${COMPUTATION_NAMES.join(', ')}`,
    ]);
  });

  test('a computation named twice and an empty symptom are errors at their entries, all at once', () => {
    const dir = contentDir({
      one: concept('one', { top: 'diagnosedBy: [cluster-apply, cluster-apply]' }),
      two: concept('two', { ko: '    symptoms: ["  "]' }),
    });
    expect(problemsOf(dir)).toEqual([
      'concepts/one.yaml:diagnosedBy: names a computation twice',
      'concepts/two.yaml:text.ko.symptoms[0]: must not be empty',
    ]);
  });

  test('both fields are optional: a concept without them has no symptoms and no computations', () => {
    const [view] = contentViews(loadContent(contentDir({ one: concept('one') })));
    expect(view.diagnosedBy).toEqual([]);
    expect(view.texts.en?.symptoms).toBeUndefined();
  });
});

describe('the content schema, for any values (fast-check)', () => {
  const known = fc.constantFrom(...COMPUTATION_NAMES);
  const unknownName = fc.string({ maxLength: 40 }).filter((s) => !(COMPUTATION_NAMES as readonly string[]).includes(s));
  const symptom = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom('', '   ', '파드가 계속 Pending', 'x'.repeat(5000)),
  );
  const base = (diagnosedBy: unknown, en: unknown, ko: unknown) => ({
    slug: 'one',
    kind: 'MECHANISM',
    category: 'workloads',
    ...(diagnosedBy === undefined ? {} : { diagnosedBy }),
    text: {
      en: { title: 'T', aliases: ['a'], summary: 'S', body: 'B', ...(en === undefined ? {} : { symptoms: en }) },
      ko: { title: 'T', aliases: ['a'], summary: 'S', body: 'B', ...(ko === undefined ? {} : { symptoms: ko }) },
    },
  });
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  test('accepts exactly the distinct known names and non-empty symptoms; every problem is at one of the fields', () => {
    fc.assert(
      fc.property(
        maybe(fc.array(fc.oneof(known, known, unknownName), { maxLength: 300 })),
        maybe(fc.array(symptom, { maxLength: 300 })),
        maybe(fc.array(symptom, { maxLength: 30 })),
        (names, en, ko) => {
          const out = conceptFile.safeParse(base(names, en, ko));
          const namesOk =
            names === undefined ||
            (names.every((n) => (COMPUTATION_NAMES as readonly string[]).includes(n)) &&
              new Set(names).size === names.length);
          const symptomsOk = [en, ko].every((list) => list === undefined || list.every((s) => s.trim() !== ''));
          expect(out.success).toBe(namesOk && symptomsOk);
          if (out.success) {
            expect(out.data.diagnosedBy).toEqual(names);
            expect(out.data.text.en.symptoms).toEqual(en?.map((s) => s.trim()));
          } else for (const issue of out.error.issues) expect(['diagnosedBy', 'text']).toContain(String(issue.path[0]));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('random subsets of the names, in any order, are kept as given', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...COMPUTATION_NAMES]), (names) => {
        const out = conceptFile.parse(base(names, undefined, undefined));
        expect(out.diagnosedBy).toEqual(names);
      }),
    );
  });

  test('a field of the wrong type is one problem at that field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string(), fc.object(), fc.constant(null)), (value) => {
        const out = conceptFile.safeParse(base(value, value, undefined));
        expect(out.success).toBe(false);
        const fields = new Set(out.error!.issues.map((i) => i.path.slice(0, 3).join('.')));
        expect([...fields].sort()).toEqual(['diagnosedBy', 'text.en.symptoms']);
      }),
    );
  });
});

test('docs/content-format.md lists every computation with its route, and nothing else', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'content-format.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| `((?:GET|POST) \/v1\/[^`]+)` \|/gm)].map((m) => [m[1], m[2]]);
  expect(rows).toEqual(COMPUTATIONS.map((c) => [c.name, c.route]));
});

test('the symptom concepts carry symptoms in both languages, and all but ImagePullBackOff name their computations', () => {
  const bySlug = new Map(repoContent().concepts.map((c) => [c.slug, c]));
  // kubeknow pulls no images, so no computation diagnoses ImagePullBackOff; its body says where to look.
  const symptomConcepts = ['pod-pending', 'crashloopbackoff', 'imagepullbackoff', 'oomkilled', 'service-no-endpoints'];
  for (const slug of [...symptomConcepts, 'dns-resolution-failure']) {
    const c = bySlug.get(slug);
    expect({
      slug,
      en: (c?.text.en.symptoms?.length ?? 0) >= 3,
      ko: (c?.text.ko.symptoms?.length ?? 0) >= 3,
      diagnosed: (c?.diagnosedBy?.length ?? 0) > 0,
    }).toEqual({ slug, en: true, ko: true, diagnosed: slug !== 'imagepullbackoff' });
  }
});

describe('served by the app', () => {
  let t: TestApp;
  const { data } = graphqlClient(() => t);
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const content = loadContent(
      contentDir({
        'stuck-thing': concept('stuck-thing', {
          top: 'diagnosedBy: [scheduling-evaluate, dns-query]',
          en: '    symptoms: [pod stuck pending, "0/3 nodes are available"]',
          ko: '    symptoms: [파드가 계속 Pending]',
        }),
        'plain-thing': concept('plain-thing'),
      }),
    );
    await seedContent(t.db.prisma, content);
    await t.knowledge.refresh();
  });
  afterAll(() => t.close());

  test('JSON carries the symptoms and each computation with its route, in the asked language', async () => {
    const en = await t.http.get('/v1/concepts/stuck-thing').expect(200);
    expect(en.body.symptoms).toEqual(['pod stuck pending', '0/3 nodes are available']);
    expect(en.body.diagnosedBy).toEqual([
      { name: 'scheduling-evaluate', route: 'POST /v1/scheduling/evaluate', does: COMPUTATIONS[2].does.en },
      { name: 'dns-query', route: 'POST /v1/dns/query', does: COMPUTATIONS[6].does.en },
    ]);
    const ko = await t.http.get('/v1/concepts/stuck-thing?lang=ko').expect(200);
    expect(ko.body.symptoms).toEqual(['파드가 계속 Pending']);
    expect(ko.body.diagnosedBy[0].does).toBe(COMPUTATIONS[2].does.ko);
  });

  test('a concept without them answers empty lists and no diagnosis section', async () => {
    const json = await t.http.get('/v1/concepts/plain-thing').expect(200);
    expect(json.body).toMatchObject({ symptoms: [], diagnosedBy: [] });
    const md = await t.http.get('/v1/concepts/plain-thing?format=md').expect(200);
    expect(md.text).not.toContain('kubeknow');
  });

  test('markdown and plain text have a diagnosis section listing the routes, before the facts', async () => {
    const md = await t.http.get('/v1/concepts/stuck-thing?format=md').expect(200);
    expect(md.text).toContain(
      '## Diagnose it with kubeknow\n\n' +
        `- \`POST /v1/scheduling/evaluate\` (\`scheduling-evaluate\`): ${COMPUTATIONS[2].does.en}\n` +
        `- \`POST /v1/dns/query\` (\`dns-query\`): ${COMPUTATIONS[6].does.en}\n`,
    );
    const ko = await t.http.get('/v1/concepts/stuck-thing?format=md&lang=ko').expect(200);
    expect(ko.text).toContain('## kubeknow로 진단하기\n\n- `POST /v1/scheduling/evaluate`');
    const text = await t.http.get('/v1/concepts/stuck-thing?format=text').expect(200);
    expect(text.text).toContain('Diagnose it with kubeknow\n-------------------------\n');
    expect(text.text).toContain('- POST /v1/dns/query (dns-query): ');
  });

  test('GraphQL: Concept.symptoms(lang:) and Concept.diagnosedBy { name route does(lang:) }', async () => {
    const got = await data(`{ concept(slug: "stuck-thing") {
      en: symptoms(lang: EN) ko: symptoms(lang: KO) diagnosedBy { name route does(lang: KO) } } }`);
    expect(got.concept).toEqual({
      en: ['pod stuck pending', '0/3 nodes are available'],
      ko: ['파드가 계속 Pending'],
      diagnosedBy: [
        { name: 'scheduling-evaluate', route: 'POST /v1/scheduling/evaluate', does: COMPUTATIONS[2].does.ko },
        { name: 'dns-query', route: 'POST /v1/dns/query', does: COMPUTATIONS[6].does.ko },
      ],
    });
  });

  test('an edit of the concept’s text through the API keeps its symptoms and computations', async () => {
    const write = { authorization: await t.bearer('write') };
    const { concept: before } = await data('{ concept(slug: "stuck-thing") { version } }');
    await data(
      `mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }`,
      {
        input: { slug: 'stuck-thing', expectedVersion: before.version, texts: [{ locale: 'EN', summary: 'Edited.' }] },
      },
      write,
    );
    const json = await t.http.get('/v1/concepts/stuck-thing').expect(200);
    expect(json.body).toMatchObject({ summary: 'Edited.', symptoms: ['pod stuck pending', '0/3 nodes are available'] });
    expect(json.body.diagnosedBy.map((d: { name: string }) => d.name)).toEqual(['scheduling-evaluate', 'dns-query']);
    const revision = await t.db.prisma.revision.findFirstOrThrow({
      where: { subject: 'stuck-thing', action: 'updateConcept' },
    });
    expect(revision.after).toMatchObject({
      diagnosedBy: ['scheduling-evaluate', 'dns-query'],
      text: { ko: { symptoms: ['파드가 계속 Pending'] } },
    });
  });
});
