// No breakage: a server-rendered React app hydrates with the extension on
// (a content script that touched the DOM would make hydration fail), keeps
// responding, and its re-renders are highlighted as they happen.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { domUnchanged, eventually, ROOT, settledHighlights, snapshotOnLoad, useBrowser, waitForScan } from './harness.mjs';
import WATCHLIST from './watchlist.json' with { type: 'json' };

const APP = join(ROOT, 'tests/e2e/react');
const made = mkdtempSync(join(tmpdir(), 'brand-radar-react-'));
const common = { bundle: true, jsx: 'automatic', logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"' } };
await esbuild.build({ ...common, entryPoints: [join(APP, 'client.jsx')], outfile: join(made, 'client.js'), format: 'iife', target: 'chrome120' });
// The server side: the same app rendered to a string in Node.
await esbuild.build({
  ...common, platform: 'node', format: 'cjs', outfile: join(made, 'server.cjs'),
  stdin: { resolveDir: APP, loader: 'jsx', contents: "import { renderToString } from 'react-dom/server'; import { App } from './app.jsx'; export const html = renderToString(<App />);" },
});
const { html } = createRequire(import.meta.url)(join(made, 'server.cjs'));
writeFileSync(join(made, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>React reviews</title></head>
<body><div id="root">${html}</div><script src="client.js"></script></body></html>`);

const env = useBrowser({ '/react/': made }, WATCHLIST);
const MENTION = 'brand-radar-mention';
const COMPETITOR = 'brand-radar-competitor';

describe('a React app', () => {
  test('hydrates, keeps working, and its re-renders are highlighted', async () => {
    const page = await env.browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await snapshotOnLoad(page);
    await page.goto(`${env.server.origin}/react/index.html`);
    await waitForScan(env.browser.sw, page);
    assert.ok(await eventually(() => page.evaluate(() => window.hydrated === true)), 'hydrated');
    assert.deepEqual(await page.evaluate(() => window.reactErrors), [], 'no hydration mismatch');
    assert.equal(await domUnchanged(page), true, 'the extension left the DOM as the server sent it');
    let h = await settledHighlights(page);
    assert.deepEqual(h[MENTION], ['雲朵咖啡', 'Cloud Cafe']);
    assert.deepEqual(h[COMPETITOR], ['Starbucks']);

    // Event handlers are attached and state updates render.
    await page.click('li[data-id="1"] .like');
    assert.equal(await page.textContent('li[data-id="1"] .like'), '讚 4');
    await page.click('#more');
    assert.equal(await page.textContent('#count'), '5 則');
    h = await eventually(async () => {
      const now = await settledHighlights(page);
      return now[MENTION]?.length === 4 ? now : null;
    });
    assert.deepEqual(h?.[MENTION], ['雲朵咖啡', 'Cloud Cafe', '雲朵咖啡', '雲朵咖啡']);

    // A controlled input re-renders the list; highlights follow what is shown.
    await page.fill('#filter', '雲朵');
    assert.equal(await page.textContent('#count'), '3 則');
    h = await eventually(async () => {
      const now = await settledHighlights(page);
      return now[MENTION]?.length === 3 && !now[COMPETITOR]?.length ? now : null;
    });
    assert.deepEqual(h?.[MENTION], ['雲朵咖啡', '雲朵咖啡', '雲朵咖啡']);
    assert.equal(await page.inputValue('#filter'), '雲朵', 'the input kept its value');
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.reactErrors), []);
    await page.close();
  });
});
