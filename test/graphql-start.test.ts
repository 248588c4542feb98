// GraphQL is made after the app is built (src/graphql/route.ts): a second after the server listens,
// or by the first POST /graphql. Pinned here through the real app on a real database: requests that
// come before it is made wait and are answered, and a listening server makes it with no request.
import pino from 'pino';
import { Writable } from 'node:stream';
import { startTestApp, type TestApp } from './helpers/app';
import { waitFor } from './helpers/server-process';

const QUERY = 'query Title($slug: String!) { concept(slug: $slug) { slug title } }';

const post = (t: TestApp, slug: string) =>
  t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: { query: QUERY, variables: { slug } },
  });

test('GraphQL requests that come together before Apollo is made all wait for it and are answered', async () => {
  const t = await startTestApp();
  try {
    const slugs = ['pod', 'service', 'headless-service'];
    const answers = await Promise.all(slugs.map((slug) => post(t, slug)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json<{ data: { concept: { slug: string } } }>().data.concept.slug)).toEqual(slugs);
  } finally {
    await t.close();
  }
});

test('a listening server makes GraphQL without waiting for a request, and answers with it', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const t = await startTestApp({ logger: pino({ level: 'info' }, sink) });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const started = () => lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'GraphQL started');
    // The app logs a line per request: none is sent until GraphQL says it started.
    await waitFor(started, 30_000);
    expect(started()).toBe(true);
    expect(lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'request')).toBe(false);
    const answer = await post(t, 'pod');
    expect(answer.statusCode).toBe(200);
    expect(answer.json<{ data: { concept: { title: string } } }>().data.concept.title).toBeTruthy();
  } finally {
    await t.close();
  }
});
