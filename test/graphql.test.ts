// The GraphQL API's reads, against the real app on a real database seeded with content/.
import fs from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { globalId } from '../src/graphql/node';
import { printKubeknowSchema, SCHEMA_FILE } from '../src/graphql/print';
import { buildGraphqlSchema } from '../src/graphql/schema';
import { ROOT } from '../src/paths';
import { startTestApp, type TestApp } from './helpers/app';
import { codeOf, graphqlClient, pathsOf, type Data } from './helpers/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const { gql, data } = graphqlClient(() => t);
const hasHangul = (s: string) => /[\uAC00-\uD7A3]/.test(s);

describe('concept', () => {
  const TEXTS = `query ($slug: String!) { concept(slug: $slug) {
    slug kind category apiVersion k8sKind version createdAt updatedAt languages
    en: title(lang: EN) ko: title(lang: KO) title language summary body aliases(lang: KO)
  } }`;

  test('reads a concept by slug in both languages', async () => {
    const { concept } = await data(TEXTS, { slug: 'headless-service' });
    expect(concept).toMatchObject({ slug: 'headless-service', category: 'services', languages: ['EN', 'KO'] });
    expect(hasHangul(concept.ko)).toBe(true);
    expect(hasHangul(concept.en)).toBe(false);
    expect(concept.version).toBeGreaterThanOrEqual(1);
    expect(new Date(concept.updatedAt).toISOString()).toBe(concept.updatedAt);
    expect(concept.aliases.length).toBeGreaterThan(0);
  });

  test('without a lang argument, reads the Accept-Language of the request, then English', async () => {
    const plain = (await data(TEXTS, { slug: 'service-type-nodeport' })).concept;
    expect(plain.title).toBe(plain.en);
    expect(plain.language).toBe('EN');
    const korean = (
      await data(TEXTS, { slug: 'service-type-nodeport' }, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' })
    ).concept;
    expect(korean.title).toBe(korean.ko);
    expect(korean.language).toBe('KO');
    expect(hasHangul(korean.summary)).toBe(true);
    const unsupported = (await data(TEXTS, { slug: 'service-type-nodeport' }, { 'accept-language': 'fr' })).concept;
    expect(unsupported.title).toBe(plain.en);
  });

  test('a resource concept names its Kubernetes kind', async () => {
    const { concept } = await data(TEXTS, { slug: 'service-type-loadbalancer' });
    expect(concept).toMatchObject({ kind: 'RESOURCE_VARIANT', apiVersion: 'v1', k8sKind: 'Service' });
  });

  test('an unknown slug is null, not an error', async () => {
    expect(await gql(TEXTS, { slug: 'no-such-concept' })).toEqual({ data: { concept: null } });
  });
});

describe('node', () => {
  const TREE = `{ concept(slug: "service-type-nodeport") {
    id slug facts { id key reference { id key } } examples { id key }
  } }`;
  const NODE = `query ($id: ID!) { node(id: $id) {
    __typename id
    ... on Concept { slug }
    ... on Fact { key concept { slug } }
    ... on Reference { key }
    ... on Example { key concept { slug } }
  } }`;

  test('every ID of every type finds its object again', async () => {
    const { concept } = await data(TREE);
    const fact = concept.facts[0];
    const example = concept.examples[0];
    const cases = [
      { id: concept.id, want: { __typename: 'Concept', slug: 'service-type-nodeport' } },
      { id: fact.id, want: { __typename: 'Fact', key: fact.key, concept: { slug: 'service-type-nodeport' } } },
      { id: fact.reference.id, want: { __typename: 'Reference', key: fact.reference.key } },
      { id: example.id, want: { __typename: 'Example', key: example.key, concept: { slug: 'service-type-nodeport' } } },
    ];
    for (const c of cases) {
      const { node } = await data(NODE, { id: c.id });
      expect(node).toEqual({ id: c.id, ...c.want });
    }
    expect(concept.id).toBe(globalId('Concept', 'service-type-nodeport'));
    expect(Buffer.from(fact.id, 'base64url').toString()).toBe(`Fact:service-type-nodeport/${fact.key}`);
  });

  test('nodes() keeps the order and gives null for what does not exist', async () => {
    const { concept } = await data(TREE);
    const ids = [concept.examples[0].id, globalId('Concept', 'no-such-concept'), concept.id];
    const { nodes } = await data(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(nodes).toEqual([{ id: ids[0] }, null, { id: ids[2] }]);
  });

  test('nodes() takes at most 100 IDs and names a bad one by its index', async () => {
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const tooMany = await gql(NODES, { ids: Array.from({ length: 101 }, (_, i) => globalId('Concept', `c${i}`)) });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(pathsOf(tooMany)).toEqual(['ids']);
    const bad = await gql(NODES, { ids: [globalId('Concept', 'service'), 'junk'] });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(pathsOf(bad)).toEqual(['ids[1]']);
  });

  test('an ID of the right shape for nothing is null', async () => {
    for (const id of [
      globalId('Concept', 'nope'),
      globalId('Fact', 'service/nope'),
      globalId('Example', 'nope'),
      globalId('Revision', '999999'),
    ]) {
      expect(await gql(NODE, { id })).toEqual({ data: { node: null } });
    }
  });

  test('an ID this API never made is BAD_USER_INPUT', async () => {
    for (const id of [
      'service',
      'not base64!',
      globalId('Concept', 'x').slice(0, -2),
      Buffer.from('User:1').toString('base64url'),
    ]) {
      const reply = await gql(NODE, { id });
      expect(codeOf(reply)).toBe('BAD_USER_INPUT');
      expect(pathsOf(reply)).toEqual(['id']);
    }
  });
});

describe('concepts', () => {
  const PAGE = `query ($first: Int, $after: String, $category: String, $kind: ConceptKind) {
    concepts(first: $first, after: $after, category: $category, kind: $kind) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { slug category kind } }
      nodes { slug }
    }
  }`;

  test('first/after walks every page exactly once, in slug order', async () => {
    const all = (await data(PAGE, { first: 100 })).concepts;
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.totalCount).toBeGreaterThan(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; ; pageNo++) {
      const page: Data = (await data(PAGE, { first: 7, after })).concepts;
      expect(page.totalCount).toBe(all.totalCount);
      expect(page.pageInfo.hasPreviousPage).toBe(pageNo > 0);
      expect(page.nodes).toEqual(page.edges.map((e: Data) => ({ slug: e.node.slug })));
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      seen.push(...page.nodes.map((n: Data) => n.slug));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(7);
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n: Data) => n.slug));
    expect([...seen].sort()).toEqual(seen);
  });

  test('first defaults to 20, also when given as null', async () => {
    for (const first of [undefined, null]) {
      const page = (await data(PAGE, { first })).concepts;
      expect(page.edges).toHaveLength(Math.min(20, page.totalCount));
    }
  });

  test('a cursor this API did not return, or a page size out of range, is BAD_USER_INPUT naming the argument', async () => {
    const badCursor = await gql(PAGE, { after: 'bm9wZQ' });
    expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');
    expect(pathsOf(badCursor)).toEqual(['after']);
    for (const first of [0, 101]) {
      const bad = await gql(PAGE, { first });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(pathsOf(bad)).toEqual(['first']);
    }
  });

  test('filters by category and by kind', async () => {
    const services = (await data(PAGE, { first: 100, category: 'services' })).concepts;
    expect(services.nodes.map((n: Data) => n.slug)).toEqual(
      expect.arrayContaining([
        'service',
        'service-type-clusterip',
        'service-type-nodeport',
        'service-type-loadbalancer',
        'headless-service',
      ]),
    );
    expect(services.edges.every((e: Data) => e.node.category === 'services')).toBe(true);
    expect(services.totalCount).toBe(services.nodes.length);

    const variants = (await data(PAGE, { first: 100, category: 'services', kind: 'RESOURCE_VARIANT' })).concepts;
    expect(
      variants.edges.every((e: Data) => e.node.kind === 'RESOURCE_VARIANT' && e.node.category === 'services'),
    ).toBe(true);
    expect(variants.nodes.map((n: Data) => n.slug)).toContain('service-type-loadbalancer');
    expect(variants.nodes.map((n: Data) => n.slug)).not.toContain('service');

    // An unknown category is refused with the list (issue #12), not answered with an empty page.
    const unknown = await gql(PAGE, { category: 'no-such-category' });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toMatch(/^category: must be one of config, workloads/);
  });

  test('an unknown kind is rejected before anything runs', async () => {
    expect(codeOf(await gql(PAGE, { kind: 'SERVICE' }))).toBe('BAD_USER_INPUT');
  });
});

describe('relations', () => {
  test('LoadBalancer builds on NodePort, which builds on ClusterIP: nested types of one Service, not created Services', async () => {
    const { concept } = await data(`{ concept(slug: "service-type-loadbalancer") {
      relations { type target { slug relations { type target { slug } } } }
    } }`);
    expect(concept.relations.filter((r: Data) => r.type === 'CREATES')).toEqual([]);
    const nested = concept.relations.filter((r: Data) => r.type === 'GENERALIZES');
    const nodePort = nested.find((r: Data) => r.target.slug === 'service-type-nodeport');
    expect(nodePort).toBeDefined();
    expect(nodePort.target.relations).toContainEqual({
      type: 'GENERALIZES',
      target: { slug: 'service-type-clusterip' },
    });
  });

  test('direction and type filter the relations, each seen from the concept asked about', async () => {
    const Q = `query ($direction: RelationDirection, $type: RelationType) { concept(slug: "service-type-clusterip") {
      default: relations { direction source { slug } }
      relations(direction: $direction, type: $type) { type direction note source { slug } target { slug } }
    } }`;
    const outgoing = (await data(Q, { direction: 'OUTGOING' })).concept;
    expect(outgoing.default).toEqual(
      outgoing.relations.map((r: Data) => ({ direction: r.direction, source: r.source })),
    );
    expect(
      outgoing.relations.every((r: Data) => r.direction === 'OUTGOING' && r.source.slug === 'service-type-clusterip'),
    ).toBe(true);

    const incoming = (await data(Q, { direction: 'INCOMING', type: 'GENERALIZES' })).concept.relations;
    expect(incoming.map((r: Data) => r.source.slug)).toEqual(
      expect.arrayContaining(['service-type-loadbalancer', 'service-type-nodeport']),
    );
    expect(
      incoming.every(
        (r: Data) =>
          r.direction === 'INCOMING' && r.type === 'GENERALIZES' && r.target.slug === 'service-type-clusterip',
      ),
    ).toBe(true);

    const both = (await data(Q, { direction: 'BOTH' })).concept.relations;
    const allIncoming = (await data(Q, { direction: 'INCOMING' })).concept.relations;
    expect(both).toEqual([...outgoing.relations, ...allIncoming]);
  });

  test('content.md relations are there', async () => {
    const cases = [
      { source: 'headless-service', type: 'IS_A', target: 'service' },
      // serviceName is optional (kubernetes#130233): the headless Service complements a StatefulSet.
      { source: 'statefulset', type: 'COMPLEMENTS', target: 'headless-service' },
      { source: 'readiness-probe', type: 'GATES', target: 'endpointslice' },
      { source: 'endpointslice', type: 'SUPERSEDES', target: 'endpoints' },
      { source: 'service', type: 'SELECTS', target: 'pod' },
      { source: 'node-affinity', type: 'GENERALIZES', target: 'node-selector' },
    ];
    for (const c of cases) {
      const { concept } = await data(
        `query ($slug: String!, $type: RelationType) { concept(slug: $slug) { relations(type: $type) { target { slug } } } }`,
        {
          slug: c.source,
          type: c.type,
        },
      );
      expect({ ...c, targets: concept.relations.map((r: Data) => r.target.slug) }).toEqual({
        ...c,
        targets: expect.arrayContaining([c.target]),
      });
    }
  });
});

describe('facts and references', () => {
  test('facts carry statements in both languages and the reference that backs them', async () => {
    const { concept } = await data(`{ concept(slug: "secret") {
      facts {
        key en: statement(lang: EN) ko: statement(lang: KO) reference { key title reliability kind url }
        corrects { en: belief(lang: EN) ko: belief(lang: KO) }
      }
      references { key }
    } }`);
    expect(concept.facts.length).toBeGreaterThan(0);
    for (const f of concept.facts) {
      expect(f.en.length).toBeGreaterThan(0);
      expect(hasHangul(f.ko)).toBe(true);
      expect(f.reference.key).toBeTruthy();
    }
    // A fact corrects a common belief (in both languages) or none (null).
    const corrected = concept.facts.filter((f: Data) => f.corrects);
    expect(corrected.map((f: Data) => f.key)).toEqual(['base64-is-not-encryption']);
    expect(corrected[0].corrects.en).toMatch(/base64/);
    expect(hasHangul(corrected[0].corrects.ko)).toBe(true);
    expect(concept.facts.filter((f: Data) => f.corrects === null).length).toBe(concept.facts.length - 1);
    const cited = [...new Set(concept.facts.map((f: Data) => f.reference.key))];
    expect(concept.references.map((r: Data) => r.key)).toEqual(cited);
  });

  test('references(reliability: DISPUTED) lists the doubted blog, and what cites it', async () => {
    const { references } = await data(`{ references(reliability: DISPUTED, first: 100) {
      totalCount nodes { key url reliability kind note citedBy { slug } }
    } }`);
    expect(references.totalCount).toBeGreaterThan(0);
    expect(references.nodes.every((r: Data) => r.reliability === 'DISPUTED')).toBe(true);
    const blog = references.nodes.find((r: Data) => r.url?.includes('malgogi-developer.tistory.com/32'));
    expect(blog).toMatchObject({ kind: 'BLOG' });
    expect(blog.note.length).toBeGreaterThan(0);
    for (const c of blog.citedBy) {
      const { concept } = await data(`query ($slug: String!) { concept(slug: $slug) { references { key } } }`, {
        slug: c.slug,
      });
      expect(concept.references).toContainEqual({ key: blog.key });
    }
  });

  test('references pages like every connection', async () => {
    const all = (await data(`{ references(first: 100) { totalCount nodes { key } } }`)).references;
    const first = (await data(`{ references(first: 3) { pageInfo { endCursor hasNextPage } nodes { key } } }`))
      .references;
    const next = (
      await data(`query ($after: String) { references(first: 3, after: $after) { nodes { key } } }`, {
        after: first.pageInfo.endCursor,
      })
    ).references;
    expect([...first.nodes, ...next.nodes]).toEqual(all.nodes.slice(0, 6));
    expect(first.pageInfo.hasNextPage).toBe(all.totalCount > 3);
  });

  test('reference(key:) finds one reference, or null', async () => {
    const { references } = await data(`{ references(first: 1) { nodes { key id } } }`);
    const { key, id } = references.nodes[0];
    expect((await data(`query ($key: String!) { reference(key: $key) { id } }`, { key })).reference).toEqual({ id });
    expect((await data(`{ reference(key: "no-such-reference") { id } }`)).reference).toBeNull();
  });
});

describe('examples', () => {
  test('an example gives its manifest and the objects the kernel reads from it, defaults filled in', async () => {
    const { concept } = await data(
      `{ concept(slug: "service-type-nodeport") { examples { key title ko: title(lang: KO) manifest objects } } }`,
    );
    expect(concept.examples.length).toBeGreaterThan(0);
    const example = concept.examples[0];
    expect(example.manifest).toContain('kind: Service');
    expect(hasHangul(example.ko)).toBe(true);
    const service = example.objects.find((o: Data) => o.kind === 'Service');
    expect(service).toMatchObject({ apiVersion: 'v1', spec: { type: 'NodePort' } });
    expect(service.spec.ports[0].nodePort).toEqual(expect.any(Number));
  });
});

describe('search', () => {
  const SEARCH = `query ($query: String!, $first: Int, $after: String, $lang: Language) {
    search(query: $query, first: $first, after: $after, lang: $lang) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor score matchedLanguage matchedField snippet highlights { start end } node { slug title } }
      nodes { slug }
    }
  }`;

  test('returns ranked edges with scores, snippets and highlights', async () => {
    const { search } = await data(SEARCH, { query: 'headless service', first: 5 });
    expect(search.edges.length).toBeGreaterThan(0);
    expect(search.edges[0].node.slug).toBe('headless-service');
    expect(search.edges[0].score).toBe(1);
    const scores = search.edges.map((e: Data) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const e of search.edges) {
      expect(e.matchedLanguage).toBe('EN');
      expect(e.snippet.length).toBeGreaterThan(0);
      for (const h of e.highlights) expect(0 <= h.start && h.start < h.end && h.end <= e.snippet.length).toBe(true);
    }
    expect(search.edges.some((e: Data) => e.highlights.length > 0)).toBe(true);
    expect(search.nodes).toEqual(search.edges.map((e: Data) => ({ slug: e.node.slug })));
  });

  test('a Korean question matches Korean text, and its nodes read in Korean', async () => {
    const { search } = await data(SEARCH, { query: '헤드리스 서비스' });
    expect(search.edges[0].node.slug).toBe('headless-service');
    expect(search.edges[0].matchedLanguage).toBe('KO');
    expect(search.edges[0].node.title).toBe('헤드리스 서비스');
    // A field's own lang still wins, and an English question reads in English.
    const asked = await data(`{ search(query: "헤드리스 서비스", first: 1) { nodes { title(lang: EN) } } }`);
    expect(asked.search.nodes[0].title).toBe('Headless Service');
    const english = await data(SEARCH, { query: 'headless service', first: 1 });
    expect(english.search.edges[0].node.title).toBe('Headless Service');
  });

  test('pages through the results with first/after', async () => {
    const all = (await data(SEARCH, { query: 'service', first: 100 })).search;
    expect(all.totalCount).toBeGreaterThan(3);
    const first = (await data(SEARCH, { query: 'service', first: 2 })).search;
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = (await data(SEARCH, { query: 'service', first: 2, after: first.pageInfo.endCursor })).search;
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect([...first.nodes, ...next.nodes]).toEqual(all.nodes.slice(0, 4));
    expect(next.totalCount).toBe(all.totalCount);
    const past = (await data(SEARCH, { query: 'service', first: 2, after: all.edges.at(-1).cursor })).search;
    expect(past).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });

  test('nothing found is an empty connection', async () => {
    expect((await data(SEARCH, { query: 'zzqxv' })).search).toMatchObject({ totalCount: 0, edges: [], nodes: [] });
  });
});

describe('schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphqlSchema();
  });

  test('every type, field, argument, input field and enum value has a description', () => {
    const missing: string[] = [];
    const need = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      need(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          need(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
      if (isEnumType(type)) for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
    expect(missing).toEqual([]);
  });

  test('follows the conventions portals rely on', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['concepts', 'references', 'revisions', 'search']) {
      const args = Object.fromEntries(query[name].args.map((a) => [a.name, String(a.type)]));
      expect({ name, first: args.first, after: args.after }).toEqual({ name, first: 'Int', after: 'String' });
    }
    for (const name of ['Concept', 'Reference', 'Example', 'Revision', 'Fact']) {
      expect(schema.getImplementations(schema.getType('Node') as never).objects.map((o) => o.name)).toContain(name);
    }
  });

  test(`${SCHEMA_FILE} is the printed schema`, async () => {
    const file = path.join(ROOT, SCHEMA_FILE);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const printed = await printKubeknowSchema();
    if (committed !== printed) {
      throw new Error(
        `${SCHEMA_FILE} is out of date with the code: run \`npm run build && npm run schema\` and review the diff`,
      );
    }
  });
});
