// Zero network: every request made by the extension's contexts (its service
// worker, its pages, and the pages its content scripts run in) during a full
// run (fixture and demo pages, dynamic content, strict CSP with the
// background's wasm, popup, options, comment scoring) goes to the fixture
// server on 127.0.0.1 or to the extension's own files. These pages
// reference nothing external (saved real pages do: their own CDNs), so any
// other request would be ours.
// Chromium's own services (time, updater, sign-in) are not extension
// contexts and are not counted.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { launch, ROOT, serve, setWatchlist, waitForScan } from './harness.mjs';

test('the extension makes no network request of its own', async () => {
  const server = await serve({ '/pages/': join(ROOT, 'tests/e2e/pages'), '/demo/': join(ROOT, 'demo/pages') });
  const browser = await launch();
  // Pages, extension pages and content scripts: Playwright's request
  // events. The service worker (whose requests Playwright does not report,
  // and which has no resource timing): a spy on its network primitives.
  const seen = [];
  browser.context.on('request', (r) => seen.push({ url: r.url(), worker: false }));
  await browser.sw.evaluate(() => {
    const log = (globalThis.__brandRadarRequests = []);
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => { log.push(String(input?.url ?? input)); return realFetch(input, init); };
    for (const name of ['WebSocket', 'EventSource', 'XMLHttpRequest']) {
      if (!globalThis[name]) continue;
      const Real = globalThis[name];
      globalThis[name] = new Proxy(Real, { construct(t, args) { log.push(`${name} ${args[0] ?? ''}`); return new t(...args); } });
    }
  });
  try {
    await setWatchlist(browser.sw, JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8')));
    const pages = [
      ...['basic.html', 'dynamic.html', 'shadow.html', 'frames.html', 'csp.html'].map((p) => `/pages/${p}`),
      ...readdirSync(join(ROOT, 'demo/pages')).map((p) => `/demo/${p}`),
    ];
    let tabId;
    for (const path of pages) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      ({ tabId } = await waitForScan(browser.sw, page, { timeout: 30_000 }));
      if (path.endsWith('dynamic.html')) await page.evaluate(() => { window.addMore(5); window.navigate(); });
      await page.waitForTimeout(300);
    }
    for (const ui of [`popup/popup.html?tab=${tabId}`, 'options/options.html']) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${ui}`);
      await page.waitForTimeout(500);
    }
    // A fetch of its own file proves the spy is in place.
    const fromWorker = await browser.sw.evaluate(async () => {
      await fetch(chrome.runtime.getURL('brand_radar_bg.wasm')).then((r) => r.arrayBuffer());
      return globalThis.__brandRadarRequests;
    });
    seen.push(...fromWorker.map((url) => ({ url, worker: true })));
  } finally {
    await browser.close();
    await server.close();
  }
  const own = `chrome-extension://${browser.extensionId}/`;
  // Content scripts load the web-accessible wasm by the session's dynamic
  // ID (use_dynamic_url), a GUID; only our web-accessible files answer there.
  const exposed = JSON.parse(readFileSync(join(ROOT, 'dist/chrome-test/manifest.json'), 'utf8'))
    .web_accessible_resources.flatMap((w) => w.resources);
  const dynamic = (url) => {
    const m = /^chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(.+)$/.exec(url);
    return Boolean(m && exposed.includes(m[1]));
  };
  const foreign = seen.filter((r) => !r.url.startsWith(`${server.origin}/`) && !r.url.startsWith(own) && !dynamic(r.url)
    && !r.url.startsWith('about:') && !r.url.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests to anywhere but the fixture server and our own files');
  assert.ok(seen.some((r) => r.worker && r.url === `${own}brand_radar_bg.wasm`), 'the recorder sees the service worker\'s requests');
  assert.ok(seen.filter((r) => r.url.startsWith(server.origin)).length >= 10, 'the recorder sees the page loads');
});

test('no built bundle holds a network primitive but the wasm loader\'s fetch', () => {
  const dist = join(ROOT, 'dist/chrome');
  const bundles = ['background.js', 'content/index.js', 'popup/popup.js', 'options/options.js'];
  for (const b of bundles) {
    const code = readFileSync(join(dist, b), 'utf8');
    for (const api of ['WebSocket', 'EventSource', 'XMLHttpRequest', 'sendBeacon', 'importScripts', 'RTCPeerConnection']) {
      assert.ok(!code.includes(api), `${b} uses ${api}`);
    }
    const fetches = code.match(/\bfetch\(/g) ?? [];
    assert.ok(fetches.length <= 1, `${b} calls fetch ${fetches.length} times (only the wasm loader may)`);
  }
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  assert.ok(!JSON.stringify(manifest).match(/https?:\/\//), 'the manifest names no remote address');
});

test('a page cannot probe for the extension by its ID', async () => {
  const server = await serve({ '/demo/': join(ROOT, 'demo/pages') });
  const browser = await launch();
  try {
    await setWatchlist(browser.sw, JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8')));
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/demo/ptt-thread.html`);
    const { info } = await waitForScan(browser.sw, page);
    // The content script still loads its wasm (by the dynamic URL) ...
    assert.equal(info.frames[0].mode, 'local');
    // ... but the page, knowing the ID, gets nothing from any exposed file.
    const exposed = JSON.parse(readFileSync(join(ROOT, 'dist/chrome-test/manifest.json'), 'utf8'))
      .web_accessible_resources.flatMap((w) => w.resources);
    assert.ok(exposed.length > 0);
    for (const file of [...exposed, 'manifest.json', 'background.js']) {
      const answer = await page.evaluate(async (url) => {
        try { return `answered ${(await fetch(url)).status}`; } catch { return 'refused'; }
      }, `chrome-extension://${browser.extensionId}/${file}`);
      assert.equal(answer, 'refused', file);
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
