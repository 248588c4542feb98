// A search's answer is kept for a question asked again (src/knowledge/search/answers.ts) only until
// the knowledge changes: an edit through the API changes what the same question answers at once.
// Through the real app on a real database.
import { startTestApp, type TestApp } from './helpers/app';
import { graphqlClient } from './helpers/graphql';

let t: TestApp;
let write: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  write = { authorization: await t.bearer('write') };
});
afterAll(async () => {
  await t?.close();
});
const { data } = graphqlClient(() => t);

// A word no concept of the content uses.
const WORD = 'quixotically';
const UPDATE = `mutation ($input: UpdateConceptInput!) { updateConcept(input: $input) { concept { version } } }`;
const VERSION = `query ($slug: String!) { concept(slug: $slug) { version } }`;

const search = async () => {
  const res = await t.http
    .get('/v1/search')
    .query({ q: `${WORD} pod`, lang: 'en' })
    .expect(200);
  return res.body as { items: { slug: string; snippet: string }[]; match: string };
};

test('the same question asked before and after an edit gets the answer of the knowledge it is asked of', async () => {
  const before = await search();
  expect(await search()).toEqual(before);
  expect(before.items.map((i) => i.snippet).join(' ')).not.toContain(WORD);

  const { version } = (await data(VERSION, { slug: 'pod' })).concept;
  const summary = `A Pod is ${WORD} the smallest thing Kubernetes runs.`;
  await data(UPDATE, { input: { slug: 'pod', expectedVersion: version, texts: [{ locale: 'EN', summary }] } }, write);

  const after = await search();
  expect(after.items[0]).toMatchObject({ slug: 'pod', snippet: summary });
  expect(after).not.toEqual(before);
});
