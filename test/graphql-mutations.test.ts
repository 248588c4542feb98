// The GraphQL API's edits: auth, optimistic concurrency, revisions and input errors, against the real
// app on a real database seeded with content/.
import { startTestApp, type TestApp } from './helpers/app';
import { codeOf, graphqlClient, pathsOf, type Data } from './helpers/graphql';

let t: TestApp;
let write: Record<string, string>;
let read: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  write = { authorization: await t.bearer('write') };
  read = { authorization: await t.bearer('read') };
});
afterAll(async () => {
  await t?.close();
});

const { gql, data } = graphqlClient(() => t);

const CONCEPT_FIELDS = `slug kind category version title(lang: EN) ko: title(lang: KO) summary(lang: EN) languages
  facts { key } relations(direction: OUTGOING) { type target { slug } }`;
const STATE = `query ($slug: String!) {
  concept(slug: $slug) { ${CONCEPT_FIELDS} }
  revisions(slug: $slug) { totalCount nodes { action version author } }
}`;
/** A concept and its history, to compare before and after an edit that must change nothing. */
const stateOf = (slug: string) => data(STATE, { slug });

const CREATE = `mutation ($input: CreateConceptInput!) { createConcept(input: $input) { clientMutationId concept { id ${CONCEPT_FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { clientMutationId concept { ${CONCEPT_FIELDS} } } }`;
const ADD_RELATION = `mutation ($input: AddRelationInput!) {
  addRelation(input: $input) { clientMutationId concept { slug version } relation { type direction note source { slug } target { slug } } }
}`;
const REMOVE_RELATION = `mutation ($input: RemoveRelationInput!) { removeRelation(input: $input) { clientMutationId concept { slug version ${CONCEPT_FIELDS} } } }`;
const ADD_FACT = `mutation ($input: AddFactInput!) {
  addFact(input: $input) { clientMutationId concept { version } fact { id key corrects { en: belief(lang: EN) ko: belief(lang: KO) } en: statement(lang: EN) ko: statement(lang: KO) reference { key } } }
}`;
const ADD_REFERENCE = `mutation ($input: AddReferenceInput!) {
  addReference(input: $input) { clientMutationId reference { id key url title language kind reliability note citedBy { slug } } }
}`;

const texts = (title: string) => [
  {
    locale: 'EN',
    title,
    aliases: ['ext svc ip'],
    summary: `${title}: what it is.`,
    body: '## How it behaves\n\nAs described.',
  },
  { locale: 'KO', title: `${title} (한국어)`, summary: `${title}: 무엇인가.` },
];

// One valid input per mutation, on targets that exist in the seeded content.
const EDITS = [
  {
    name: 'createConcept',
    doc: CREATE,
    slug: 'external-ips',
    input: { slug: 'external-ips', kind: 'FIELD', category: 'services', texts: texts('External IPs') },
  },
  {
    name: 'updateConcept',
    doc: UPDATE,
    slug: 'service',
    input: { slug: 'service', expectedVersion: 1, category: 'networking' },
  },
  {
    name: 'addRelation',
    doc: ADD_RELATION,
    slug: 'ingress',
    input: { source: 'ingress', target: 'service-type-nodeport', type: 'RELATED_TO' },
  },
  {
    name: 'removeRelation',
    doc: REMOVE_RELATION,
    slug: 'service-type-loadbalancer',
    input: { source: 'service-type-loadbalancer', target: 'service-type-nodeport', type: 'GENERALIZES' },
  },
  {
    name: 'addFact',
    doc: ADD_FACT,
    slug: 'service',
    input: {
      slug: 'service',
      reference: 'k8s-service',
      statements: { en: 'A Service has a name.', ko: '서비스에는 이름이 있다.' },
    },
  },
  {
    name: 'addReference',
    doc: ADD_REFERENCE,
    slug: 'reference:k8s-external-ips',
    input: {
      key: 'k8s-external-ips',
      title: 'External IPs',
      language: 'en',
      kind: 'OFFICIAL_DOCS',
      reliability: 'AUTHORITATIVE',
    },
  },
];

describe('auth', () => {
  for (const edit of EDITS) {
    test(`${edit.name} without a key is UNAUTHENTICATED and changes nothing`, async () => {
      const before = await stateOf(edit.slug);
      const reply = await gql(edit.doc, { input: edit.input });
      expect(codeOf(reply)).toBe('UNAUTHENTICATED');
      // A mutation field is nullable: a refused one is null beside the others (none here).
      expect(Object.values(reply.data ?? {})).toEqual([null]);
      expect(await stateOf(edit.slug)).toEqual(before);
    });

    test(`${edit.name} with a read-only key is FORBIDDEN and changes nothing`, async () => {
      const before = await stateOf(edit.slug);
      const reply = await gql(edit.doc, { input: edit.input }, read);
      expect(codeOf(reply)).toBe('FORBIDDEN');
      expect(reply.errors?.[0]?.message).toContain('write');
      expect(await stateOf(edit.slug)).toEqual(before);
    });
  }

  test('a malformed or unknown key is UNAUTHENTICATED', async () => {
    for (const authorization of ['Basic abc', 'Bearer kk_00000000_nope']) {
      expect(codeOf(await gql(CREATE, { input: EDITS[0].input }, { authorization }))).toBe('UNAUTHENTICATED');
    }
    expect((await stateOf('external-ips')).concept).toBeNull();
  });

  test('reads need no key', async () => {
    expect((await data(`{ concept(slug: "service") { slug } }`)).concept).toEqual({ slug: 'service' });
  });
});

test('two edits in one request are two writes: the one that conflicts is null with its error, the one saved is in the answer', async () => {
  const { version } = (await stateOf('service')).concept;
  const edit = (summary: string) =>
    `updateConcept(input: { slug: "service", expectedVersion: ${version}, texts: [{ locale: EN, summary: "${summary}" }] }) { concept { version summary(lang: EN) } }`;
  const reply = await gql(`mutation { a: ${edit('Edit A.')} b: ${edit('Edit B.')} }`, {}, write);
  // Before, the payloads were non-null: b's CONFLICT made the whole answer null while a was saved (hostile review).
  expect(reply.data).toEqual({ a: { concept: { version: version + 1, summary: 'Edit A.' } }, b: null });
  expect(reply.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'CONFLICT']]);
  expect((await stateOf('service')).concept).toMatchObject({ version: version + 1 });
});

describe('createConcept and updateConcept', () => {
  test('create writes version 1 and a revision; update increments the version and keeps the before/after documents', async () => {
    const created = (await data(CREATE, { input: { ...EDITS[0].input, clientMutationId: 'c-1' } }, write))
      .createConcept;
    expect(created.clientMutationId).toBe('c-1');
    expect(created.concept).toMatchObject({
      slug: 'external-ips',
      kind: 'FIELD',
      version: 1,
      title: 'External IPs',
      ko: 'External IPs (한국어)',
      languages: ['EN', 'KO'],
    });
    expect(
      (await data(`query ($id: ID!) { node(id: $id) { ... on Concept { slug } } }`, { id: created.concept.id })).node,
    ).toEqual({ slug: 'external-ips' });

    const updated = (
      await data(
        UPDATE,
        {
          input: {
            slug: 'external-ips',
            expectedVersion: 1,
            texts: [{ locale: 'EN', title: 'Service externalIPs' }],
            clientMutationId: 'u-1',
          },
        },
        write,
      )
    ).updateConcept;
    expect(updated).toMatchObject({
      clientMutationId: 'u-1',
      concept: { version: 2, title: 'Service externalIPs', ko: 'External IPs (한국어)' },
    });
    expect(updated.concept.summary).toBe('External IPs: what it is.');

    const { revisions } = await data(`{ revisions(slug: "external-ips") {
      totalCount nodes { id action version author before after createdAt }
    } }`);
    expect(revisions.totalCount).toBe(2);
    const [update, create] = revisions.nodes;
    expect(create).toMatchObject({ action: 'createConcept', version: 1, before: null });
    expect(update).toMatchObject({ action: 'updateConcept', version: 2 });
    expect(update.author).toMatch(/^apikey:[0-9a-f]{8} \(test\)$/);
    expect(JSON.stringify(update.before)).toContain('External IPs');
    expect(JSON.stringify(update.after)).toContain('Service externalIPs');

    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { __typename ... on Revision { action subject version } } }`,
      { id: update.id },
    );
    expect(node).toEqual({ __typename: 'Revision', action: 'updateConcept', subject: 'external-ips', version: 2 });
    const history = (
      await data(`{ concept(slug: "external-ips") { revisions(first: 1) { totalCount nodes { id } } } }`)
    ).concept.revisions;
    expect(history).toEqual({ totalCount: 2, nodes: [{ id: update.id }] });
    const second = (
      await data(
        `query ($after: String) { revisions(slug: "external-ips", first: 1, after: $after) {
        pageInfo { hasNextPage hasPreviousPage } nodes { id } } }`,
        {
          after: (await data(`{ revisions(slug: "external-ips", first: 1) { pageInfo { endCursor } } }`)).revisions
            .pageInfo.endCursor,
        },
      )
    ).revisions;
    expect(second).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: true }, nodes: [{ id: create.id }] });
  });

  test('a stale expectedVersion is CONFLICT and writes nothing', async () => {
    const before = await stateOf('service-type-clusterip');
    const version = before.concept.version;
    await data(
      UPDATE,
      { input: { slug: 'service-type-clusterip', expectedVersion: version, category: 'services' } },
      write,
    );
    const current = await stateOf('service-type-clusterip');
    expect(current.concept.version).toBe(version + 1);

    const reply = await gql(
      UPDATE,
      {
        input: {
          slug: 'service-type-clusterip',
          expectedVersion: version,
          texts: [{ locale: 'EN', title: 'Stale title' }],
        },
      },
      write,
    );
    expect(codeOf(reply)).toBe('CONFLICT');
    expect(pathsOf(reply)).toEqual(['expectedVersion']);
    expect(await stateOf('service-type-clusterip')).toEqual(current);
  });

  test('invalid input is BAD_USER_INPUT naming every bad field, and writes nothing', async () => {
    const input = {
      slug: 'Not A Slug',
      kind: 'FIELD',
      category: 'nowhere',
      texts: [{ locale: 'EN', title: ' ', summary: 'ok' }],
    };
    const reply = await gql(CREATE, { input }, write);
    expect(codeOf(reply)).toBe('BAD_USER_INPUT');
    expect(pathsOf(reply)).toEqual(expect.arrayContaining(['slug', 'category', 'texts[0].title']));
    expect((await stateOf('Not A Slug')).concept).toBeNull();
  });

  test('input GraphQL itself rejects (a missing field, an unknown enum value) is BAD_USER_INPUT too', async () => {
    expect(codeOf(await gql(CREATE, { input: { slug: 'x', kind: 'FIELD', category: 'services' } }, write))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(UPDATE, { input: { slug: 'service', expectedVersion: 1, kind: 'SERVICE' } }, write))).toBe(
      'BAD_USER_INPUT',
    );
  });

  test('creating a slug that exists is CONFLICT', async () => {
    const reply = await gql(CREATE, { input: { ...EDITS[0].input, slug: 'service' } }, write);
    expect(codeOf(reply)).toBe('CONFLICT');
  });

  test('updating an unknown concept is NOT_FOUND', async () => {
    expect(codeOf(await gql(UPDATE, { input: { slug: 'no-such-concept', expectedVersion: 1 } }, write))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('relations', () => {
  test('addRelation then removeRelation, each a revision of the source', async () => {
    const before = await stateOf('ingress');
    const added = (
      await data(
        ADD_RELATION,
        { input: { ...EDITS[2].input, note: 'Both expose Services.', clientMutationId: 'r-1' } },
        write,
      )
    ).addRelation;
    expect(added).toEqual({
      clientMutationId: 'r-1',
      concept: { slug: 'ingress', version: before.concept.version + 1 },
      relation: {
        type: 'RELATED_TO',
        direction: 'OUTGOING',
        note: 'Both expose Services.',
        source: { slug: 'ingress' },
        target: { slug: 'service-type-nodeport' },
      },
    });
    const incoming = (
      await data(
        `{ concept(slug: "service-type-nodeport") { relations(direction: INCOMING, type: RELATED_TO) { source { slug } } } }`,
      )
    ).concept.relations;
    expect(incoming).toContainEqual({ source: { slug: 'ingress' } });

    expect(codeOf(await gql(ADD_RELATION, { input: EDITS[2].input }, write))).toBe('CONFLICT');

    const removed = (await data(REMOVE_RELATION, { input: EDITS[2].input }, write)).removeRelation;
    expect(removed.concept.version).toBe(before.concept.version + 2);
    expect(removed.concept.relations).toEqual(before.concept.relations);
    const after = await stateOf('ingress');
    expect(after.revisions.nodes.slice(0, 2).map((r: Data) => r.action)).toEqual(['removeRelation', 'addRelation']);

    expect(codeOf(await gql(REMOVE_RELATION, { input: EDITS[2].input }, write))).toBe('NOT_FOUND');
  });

  test('a relation to a concept that does not exist, or to itself, is rejected', async () => {
    expect(
      codeOf(
        await gql(ADD_RELATION, { input: { source: 'ingress', target: 'no-such-concept', type: 'RELATED_TO' } }, write),
      ),
    ).toBe('NOT_FOUND');
    const self = await gql(
      ADD_RELATION,
      { input: { source: 'ingress', target: 'ingress', type: 'RELATED_TO' } },
      write,
    );
    expect(codeOf(self)).toBe('BAD_USER_INPUT');
    expect(pathsOf(self)).toEqual(['target']);
  });
});

describe('references and facts', () => {
  test('addReference, then addFact citing it', async () => {
    const ref = (
      await data(
        ADD_REFERENCE,
        {
          input: {
            ...EDITS[5].input,
            url: 'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
            clientMutationId: 'ref-1',
          },
        },
        write,
      )
    ).addReference;
    expect(ref).toMatchObject({
      clientMutationId: 'ref-1',
      reference: {
        key: 'k8s-external-ips',
        kind: 'OFFICIAL_DOCS',
        reliability: 'AUTHORITATIVE',
        note: '',
        citedBy: [],
      },
    });
    expect(
      (await data(`query ($id: ID!) { node(id: $id) { ... on Reference { key } } }`, { id: ref.reference.id })).node,
    ).toEqual({ key: 'k8s-external-ips' });
    const refHistory = (await data(`{ revisions(slug: "reference:k8s-external-ips") { nodes { action } } }`)).revisions;
    expect(refHistory.nodes).toEqual([{ action: 'addReference' }]);
    expect(codeOf(await gql(ADD_REFERENCE, { input: EDITS[5].input }, write))).toBe('CONFLICT');

    const before = (await stateOf('service-type-clusterip')).concept;
    const input = {
      slug: 'service-type-clusterip',
      key: 'external-ips-route-to-endpoints',
      reference: 'k8s-external-ips',
      statements: {
        en: 'Traffic to an external IP on a Service port is routed to the endpoints.',
        ko: '서비스 포트의 외부 IP로 온 트래픽은 엔드포인트로 라우팅된다.',
      },
      expectedVersion: before.version,
      clientMutationId: 'f-1',
    };
    const added = (await data(ADD_FACT, { input }, write)).addFact;
    expect(added).toMatchObject({
      clientMutationId: 'f-1',
      concept: { version: before.version + 1 },
      fact: {
        key: 'external-ips-route-to-endpoints',
        corrects: null,
        en: input.statements.en,
        ko: input.statements.ko,
        reference: { key: 'k8s-external-ips' },
      },
    });
    expect(
      (await data(`query ($id: ID!) { node(id: $id) { ... on Fact { key } } }`, { id: added.fact.id })).node,
    ).toEqual({ key: input.key });
    const cited = (await data(`{ reference(key: "k8s-external-ips") { citedBy { slug } } }`)).reference.citedBy;
    expect(cited).toEqual([{ slug: 'service-type-clusterip' }]);

    const stale = await gql(ADD_FACT, { input: { ...input, key: 'another-fact' } }, write);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect((await stateOf('service-type-clusterip')).concept.facts).not.toContainEqual({ key: 'another-fact' });
  });

  test('a fact that corrects a common belief keeps the belief in both languages, in the concept and its revision', async () => {
    const before = (await stateOf('service-type-nodeport')).concept;
    const input = {
      slug: 'service-type-nodeport',
      key: 'node-port-on-every-node',
      reference: 'k8s-service-type-nodeport',
      statements: {
        en: 'Every node proxies the same node port into the Service, including nodes without a backend Pod.',
        ko: '백엔드 파드가 없는 노드를 포함해 모든 노드가 같은 노드 포트를 서비스로 프록시한다.',
      },
      corrects: {
        belief: {
          en: '  only nodes that run a backend Pod answer on the node port  ',
          ko: '백엔드 파드가 있는 노드만 노드 포트에 응답한다',
        },
      },
      expectedVersion: before.version,
    };
    const added = (await data(ADD_FACT, { input }, write)).addFact;
    expect(added.fact).toMatchObject({
      key: input.key,
      corrects: { en: 'only nodes that run a backend Pod answer on the node port', ko: input.corrects.belief.ko },
    });
    const md = await t.http.get('/v1/concepts/service-type-nodeport?format=md&lang=en').expect(200);
    expect(md.text).toContain(
      '- A common belief is that only nodes that run a backend Pod answer on the node port; in fact, every node proxies the same node port',
    );
    const { revisions } = await data(
      `{ revisions(slug: "service-type-nodeport", first: 1) { nodes { action after } } }`,
    );
    expect(revisions.nodes[0].action).toBe('addFact');
    const stored = revisions.nodes[0].after.facts.find((f: Data) => f.key === input.key);
    expect(stored.corrects).toEqual({
      belief: { en: 'only nodes that run a backend Pod answer on the node port', ko: input.corrects.belief.ko },
    });

    const empty = await gql(
      ADD_FACT,
      { input: { ...input, key: 'empty-belief', corrects: { belief: { en: ' ', ko: 'x'.repeat(1001) } } } },
      write,
    );
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(pathsOf(empty).sort()).toEqual(['corrects.belief.en', 'corrects.belief.ko']);
    expect((await stateOf('service-type-nodeport')).concept.facts).not.toContainEqual({ key: 'empty-belief' });
  });

  test('a fact citing an unknown reference is NOT_FOUND; a bad url is BAD_USER_INPUT at url', async () => {
    const fact = await gql(
      ADD_FACT,
      { input: { slug: 'service', reference: 'no-such-ref', statements: { en: 'x', ko: 'x' } } },
      write,
    );
    expect(codeOf(fact)).toBe('NOT_FOUND');
    expect(pathsOf(fact)).toEqual(['reference']);
    const ref = await gql(
      ADD_REFERENCE,
      { input: { ...EDITS[5].input, key: 'bad-url', url: 'ftp://example.org/x' } },
      write,
    );
    expect(codeOf(ref)).toBe('BAD_USER_INPUT');
    expect(pathsOf(ref)).toEqual(['url']);
  });

  test('an admin key may edit too', async () => {
    const admin = { authorization: await t.bearer('admin') };
    const reply = await data(ADD_REFERENCE, { input: { ...EDITS[5].input, key: 'admin-added' } }, admin);
    expect(reply.addReference.reference.key).toBe('admin-added');
  });
});
