// GraphQL is made after the app is built (src/graphql/route.ts): a second after the server listens,
// or by the first POST /graphql. Pinned here through the real app on a real database: requests that
// come before it is made wait and are answered, a listening server makes it with no request, and it
// is made in steps with other requests answered between them.
import pino from 'pino';
import { Writable } from 'node:stream';
import { listeningBase, startTestApp, type TestApp } from './helpers/app';
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

/** A logger for the app, and the messages it logged so far, in order. */
function logged() {
  const messages: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      messages.push(String((JSON.parse(chunk.toString()) as { msg?: string }).msg));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), messages };
}

test('a listening server makes GraphQL without waiting for a request, and answers with it', async () => {
  const { logger, messages } = logged();
  const t = await startTestApp({ logger });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const started = () => messages.includes('GraphQL started');
    // The app logs a line per request: none is sent until GraphQL says it started.
    await waitFor(started, 30_000);
    expect(started()).toBe(true);
    expect(messages).not.toContain('request');
    const answer = await post(t, 'pod');
    expect(answer.statusCode).toBe(200);
    expect(answer.json<{ data: { concept: { title: string } } }>().data.concept.title).toBeTruthy();
  } finally {
    await t.close();
  }
});

test('a server making GraphQL answers /healthz between the steps of making it', async () => {
  const { logger, messages } = logged();
  const t = await startTestApp({ logger });
  try {
    const base = await listeningBase(t);
    // /healthz, one request after another, until GraphQL is made (or a generous bound passes).
    for (const end = Date.now() + 60_000; !messages.includes('GraphQL started') && Date.now() < end;)
      await (await fetch(`${base}/healthz`)).arrayBuffer();
    // Made in one piece, GraphQL would hold the event loop from its first log line to its last, and
    // no request would be answered (logged) between them; each step gives a turn to what is waiting.
    const from = messages.indexOf('starting GraphQL');
    const to = messages.indexOf('GraphQL started');
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    expect(messages.slice(from, to)).toContain('request');
  } finally {
    await t.close();
  }
});
