// The API reference (/docs) and GraphiQL (/graphql) in a real browser: Chromium (the system's, or the
// one @sparticuz/chromium ships: helpers/chromium.ts) driven by playwright-core, against the real app listening on 127.0.0.1. Both must render and work, and no
// request may leave this machine: they are served from node_modules for offline use.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './helpers/app';
import { chromiumExecutable } from './helpers/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // Never a skip: every machine has a Chromium (a devDependency ships one), so a missing one is a failure.
  const executable = chromiumExecutable();
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: executable.path, headless: true, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

/** A fresh page that records every request it makes and every error it reports. */
async function visit(path: string): Promise<Visit> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(base + path);
  return { page, requests, errors };
}

/** The requests that went anywhere but this server (data: and blob: URLs never leave the page). */
const elsewhere = (requests: string[]) =>
  requests.filter((u) => {
    const url = new URL(u);
    return !['data:', 'blob:'].includes(url.protocol) && url.origin !== base;
  });

test('/docs renders every operation of /openapi.json, and "Try it out" calls this server', async () => {
  const { page, requests, errors } = await visit('/docs');
  const spec = (await t.http.get('/openapi.json').expect(200)).body as { paths: Record<string, object> };
  const operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  await page.locator('.opblock').first().waitFor();
  expect(await page.locator('.opblock').count()).toBe(operations);
  await expect(page.locator('.opblock-summary-path').allInnerTexts()).resolves.toEqual(
    expect.arrayContaining(['/v1/concepts/{slug}', '/v1/export']),
  );

  const op = page.locator('.opblock', { has: page.locator('.opblock-summary-path[data-path="/v1/concepts/{slug}"]') });
  await op.locator('.opblock-summary').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('input[placeholder="slug"]').fill('headless-service');
  await op.locator('button.execute').click();
  await op.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor();
  await expect(op.locator('.live-responses-table').innerText()).resolves.toContain('"slug": "headless-service"');

  expect(requests).toContain(`${base}/openapi.json`);
  expect(requests).toContain(`${base}/v1/concepts/headless-service`);
  expect(elsewhere(requests)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test('GraphiQL at /graphql runs a typed query and shows the answer', async () => {
  const { page, requests, errors } = await visit('/graphql');
  const editor = page.locator('.graphiql-query-editor .CodeMirror');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Typed as a person would; CodeMirror closes brackets and quotes, and typing the closing one steps over it.
  await page.keyboard.type('{ concept(slug: "headless-service") { slug title } }');
  const typed = await editor.evaluate((el) =>
    (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
  );
  expect(typed).toBe('{ concept(slug: "headless-service") { slug title } }');
  await page.locator('.graphiql-execute-button').click();

  const result = page.locator('.graphiql-response');
  await result.getByText('"headless-service"').waitFor();
  const shown = await result.innerText();
  expect(shown).toContain('"slug": "headless-service"');
  expect(shown).toMatch(/"title": ".*[Hh]eadless/);

  expect(requests).toContain(`${base}/graphql/assets/graphiql.min.js`);
  expect(elsewhere(requests)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
