// What a user sees in a real browser (headless Chromium driven by playwright-core), with every
// request that leaves 127.0.0.1 refused as on a machine without internet access: the GraphQL
// playground runs a query with a token; Swagger UI of REST and of Docs runs a call (and shows the
// typed document of ?keyspace= / ?namespace=, with the token the user enters); and a page on
// another local origin calls REST, Docs and GraphQL (CORS), while an origin not on the allow-list
// is refused by the browser.
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningHttpApi, startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { registerDocsApi } from '../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../services/docs/src/config.js';
import { registerRestApi } from '../../services/rest/src/app.js';
import { type RestConfig, restConfigSchemas } from '../../services/rest/src/config.js';
import {
  startTestGraphqlApi,
  type TestGraphqlApi,
} from '../integration/graphql/support/graphql-api-harness.js';
import { startTestBridge, type TestBridge } from '../support/bridge-harness.js';
import { findChromium, HEADLESS_CHROMIUM_ARGS } from '../support/find-chromium.js';
import { useTestKeyspace } from '../support/keyspace.js';
import { type OriginPageServer, startOriginPageServer } from '../support/origin-page-server.js';

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    '\n!!! Chromium not found: the browser tests (playground, Swagger UI, CORS) are SKIPPED.\n' +
      '!!!   Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)\n',
  );
}

/** The web app on another origin: calls each API named in its URL with the token, shows the outcome. */
const APP_PAGE = `<!doctype html>
<html><body><pre id="out">running</pre><script>
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const calls = JSON.parse(params.get('calls'));
  Promise.all(calls.map(async (call) => {
    try {
      const res = await fetch(call.url, {
        method: call.body ? 'POST' : 'GET',
        headers: {
          ...(call.noToken ? {} : { 'X-Cassandra-Token': token }),
          ...(call.body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: call.body ? JSON.stringify(call.body) : undefined,
      });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      return { error: err.name + ': ' + err.message };
    }
  })).then((results) => { document.getElementById('out').textContent = JSON.stringify(results); });
</script></body></html>`;

const keyspace = useTestKeyspace('browser');
let bridge: TestBridge;
let appPage: OriginPageServer;
let graphql: TestGraphqlApi;
let rest: RunningHttpApi;
let docs: RunningHttpApi;
let browser: Browser;
let context: BrowserContext;
/** Requests the browser tried to send off 127.0.0.1 (each was refused). */
const offline: string[] = [];

const urlOf = (api: RunningHttpApi) => `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;

describe.skipIf(!chromiumPath)('in headless Chromium, offline', () => {
  beforeAll(async () => {
    await keyspace.client.execute(`CREATE TABLE ${keyspace.keyspace}.items (id int PRIMARY KEY, name text)`);
    await keyspace.client.execute(
      `INSERT INTO ${keyspace.keyspace}.items (id, name) VALUES (1, 'from-cassandra')`,
    );
    appPage = await startOriginPageServer(APP_PAGE);
    bridge = await startTestBridge();
    const env = {
      BIND_HOST: '127.0.0.1',
      BRIDGE_ADDRESS: bridge.address,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SHUTDOWN_DEADLINE_MS: '3000',
      CORS_ALLOWED_ORIGINS: appPage.origin,
    };
    graphql = await startTestGraphqlApi(bridge.address, bridge.token, env);
    const restConfig = loadConfig<RestConfig>(restConfigSchemas, { ...env, REST_PORT: '0' });
    rest = await startHttpApi({
      service: 'rest',
      sourceApi: 'rest',
      config: restConfig,
      port: 0,
      register: (app, ctx) => registerRestApi(app, ctx, restConfig),
    });
    const docsConfig = loadConfig<DocsConfig>(docsConfigSchemas, { ...env, DOCS_PORT: '0' });
    docs = await startHttpApi({
      service: 'docs',
      sourceApi: 'rest',
      config: docsConfig,
      port: 0,
      register: (app, ctx) => registerDocsApi(app, ctx, docsConfig),
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: HEADLESS_CHROMIUM_ARGS });
    context = await browser.newContext();
    // As on a machine without internet access: anything not on loopback fails.
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      offline.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([graphql?.close(), rest?.close(), docs?.close(), appPage?.close()]);
    await bridge?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  test('the GraphQL playground loads without the internet, takes a token and runs a query', async () => {
    const page = await open(`${graphql.url}/playground?endpoint=/graphql/${keyspace.keyspace}`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.fill('#token', bridge.token);
    await page.press('#token', 'Tab');
    // The query editor is CodeMirror: set its text through its own API, as typing would add brackets.
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page
      .locator('.graphiql-query-editor .CodeMirror')
      .evaluate((editor: unknown) =>
        (editor as CodeMirrorElement).CodeMirror.setValue('{ items(value: {id: 1}) { values { id name } } }'),
      );
    await page.click('.graphiql-execute-button');
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 20_000 }).toContain('from-cassandra');
    expect(JSON.parse(await readResponseEditor(page))).toEqual({
      data: { items: { values: [{ id: 1, name: 'from-cassandra' }] } },
    });
    expect(offline).toEqual([]);
    await page.close();
  });

  test.each([
    ['REST', '/v2/schemas/keyspaces'],
    ['Docs', '/v2/schemas/namespaces'],
  ])('Swagger UI of %s authorizes with the token and runs GET %s', async (api, path) => {
    const page = await open(`${urlOf(api === 'REST' ? rest : docs)}/swagger-ui`);
    await page.click('button.authorize');
    await page.locator('.auth-container input').first().fill(bridge.token);
    await page.click('.auth-btn-wrapper button.authorize');
    await page.click('.auth-btn-wrapper button.btn-done');
    const operation = page.locator('.opblock-get', {
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table .response');
    // The status cell reads "200", followed by "Undocumented" where the document lists no 200.
    await expect
      .poll(() => live.locator('.response-col_status').first().textContent(), { timeout: 20_000 })
      .toMatch(/^\s*200(?!\d)/);
    // Each lists the test's keyspace (a namespace to the Document API).
    expect(await live.locator('.response-col_description').first().textContent()).toContain(
      keyspace.keyspace,
    );
    expect(offline).toEqual([]);
    await page.close();
  });

  test('Swagger UI of REST shows the typed document of ?keyspace= with the token the user enters, and runs a read', async () => {
    const page = await context.newPage();
    // No token authorized yet: Swagger UI asks for one to fetch the document.
    page.once('dialog', (dialog) => void dialog.accept(bridge.token));
    await page.goto(`${urlOf(rest)}/swagger-ui?keyspace=${keyspace.keyspace}`);
    const path = `/v2/keyspaces/${keyspace.keyspace}/items/{id}`;
    const operation = page.locator('.opblock-get', {
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });
    await operation.locator('.opblock-summary').first().click({ timeout: 20_000 });
    await operation.locator('button.try-out__btn').click();
    await operation.locator('tr[data-param-name="id"] input').fill('1');
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table .response');
    await expect
      .poll(() => live.locator('.response-col_status').first().textContent(), { timeout: 20_000 })
      .toMatch(/^\s*200(?!\d)/);
    expect(await live.locator('.response-col_description').first().textContent()).toContain('from-cassandra');
    expect(offline).toEqual([]);
    await page.close();
  });

  test('Swagger UI of Docs shows the typed document of ?namespace=', async () => {
    const page = await context.newPage();
    page.once('dialog', (dialog) => void dialog.accept(bridge.token));
    await page.goto(`${urlOf(docs)}/swagger-ui?namespace=${keyspace.keyspace}`);
    await expect
      .poll(() => page.locator('.info .title').first().textContent(), { timeout: 20_000 })
      .toContain(`Document API v2: namespace ${keyspace.keyspace}`);
    await page.close();
  });

  test('a page on an allowed origin calls REST, Docs and GraphQL with the token (CORS)', async () => {
    const results = await runAppPage(appPage.origin);
    // The refusal without a token is readable too: the page can tell the user to log in.
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 401]);
    expect(JSON.parse(results[3]!.body!)).toMatchObject({ code: 401 });
    expect(results[0]!.body).toContain(keyspace.keyspace);
    expect(JSON.parse(results[2]!.body!)).toEqual({
      data: { items: { values: [{ name: 'from-cassandra' }] } },
    });
  });

  test('the same page on an origin not on the allow-list is refused by the browser', async () => {
    const other = appPage.origin.replace('127.0.0.1', 'localhost');
    const results = await runAppPage(other);
    expect(results).toEqual(Array(4).fill({ error: expect.stringMatching(/^TypeError: Failed to fetch/) }));
  });

  async function runAppPage(
    origin: string,
  ): Promise<Array<{ status?: number; body?: string; error?: string }>> {
    const calls = [
      { url: `${urlOf(rest)}/v2/schemas/keyspaces` },
      { url: `${urlOf(docs)}/v2/schemas/namespaces` },
      {
        url: `${graphql.url}/graphql/${keyspace.keyspace}`,
        body: { query: '{ items(value: {id: 1}) { values { name } } }' },
      },
      { url: `${urlOf(rest)}/v2/schemas/keyspaces`, noToken: true },
    ];
    const query = new URLSearchParams({ token: bridge.token, calls: JSON.stringify(calls) });
    const page = await open(`${origin}/?${query}`);
    const out = page.locator('#out');
    await expect.poll(() => out.textContent(), { timeout: 20_000 }).not.toBe('running');
    const results = JSON.parse((await out.textContent()) ?? '');
    await page.close();
    return results;
  }
});

/** CodeMirror 5 keeps its editor object on its element. */
interface CodeMirrorElement {
  CodeMirror: { setValue(text: string): void; getValue(): string };
}

function readResponseEditor(page: Page): Promise<string> {
  return page
    .locator('.graphiql-response .CodeMirror')
    .evaluate((editor: unknown) => (editor as CodeMirrorElement).CodeMirror.getValue());
}
