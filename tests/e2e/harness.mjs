// Real Chromium with the real unpacked extension, pages served from 127.0.0.1.
// Shared by the end-to-end tests, the demo and the page benchmarks.
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The test build: the shipped one plus the hooks the tests drive (scripts/build.mjs). */
export const EXTENSION = join(ROOT, 'dist/chrome-test');
/** The build users get: for the demo, the screenshots and the benchmarks. */
export const SHIPPED = join(ROOT, 'dist/chrome');
/** Saved real pages beside the project; absent in a user's own clone. */
export const SHARED_PAGES = resolve(ROOT, '../shared/pages');
export const hasSharedPages = existsSync(SHARED_PAGES);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json',
  '.css': 'text/css', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png' };

/**
 * Serves `mounts` ({ '/prefix': dir }) on 127.0.0.1. A file `X.headers.json`
 * beside `X` adds response headers (e.g. a strict CSP). Anything else the page
 * asks for (missing CSS, images) gets a quick 404, never the network.
 */
export async function serve(mounts) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (existsSync(`${file}.headers.json`)) Object.assign(headers, JSON.parse(readFileSync(`${file}.headers.json`, 'utf8')));
      res.writeHead(200, headers);
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Launches Chromium with the extension (or none, for a baseline, with
 * `extension: null`); returns { context, sw, extensionId, close }. Requests
 * for anything but 127.0.0.1 are refused, so saved pages that reference
 * their original CDNs stay offline and deterministic.
 */
export async function launch({ extension = EXTENSION, headless = true, args = [], lang = 'zh-TW', proxy = null,
  profileRoot = tmpdir(), welcome = false } = {}) {
  const profile = mkdtempSync(join(profileRoot, 'brand-radar-profile-'));
  const load = extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [];
  // Every request from every context (loopback too: `<-loopback>`) through the proxy.
  if (proxy) load.push(`--proxy-server=${proxy}`, '--proxy-bypass-list=<-loopback>');
  // Chromium's own services (updater, autofill, sign-in) would talk to the
  // network too; they are not ours, so they stay off.
  const quiet = ['--disable-default-apps', '--no-pings', '--disable-domain-reliability',
    '--disable-client-side-phishing-detection', '--allow-browser-signin=false',
    '--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,MediaRouter,DialMediaRouteProvider'];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless,
    // The UI language Chromium gives chrome.i18n comes from the environment.
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
    locale: lang,
    viewport: { width: 1280, height: 900 },
    args: [...load, '--no-sandbox',
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...quiet, `--lang=${lang}`, ...args],
  });
  await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'));
  let sw = null;
  let firstRun = null;
  if (extension) {
    [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    // An install opens the welcome page (extension/welcome/): kept with
    // `welcome`, closed for every other test.
    const isWelcome = (/** @type {import('playwright-core').Page} */ p) => p.url().includes('/welcome/welcome.html');
    firstRun = context.pages().find(isWelcome)
      ?? await context.waitForEvent('page', { predicate: isWelcome, timeout: 10_000 }).catch(() => null);
    if (firstRun && !welcome) {
      await firstRun.close();
      firstRun = null;
    }
  }
  const extensionId = sw && new URL(sw.url()).host;
  return {
    context, sw, extensionId, welcome: firstRun,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Stores a watchlist the way the options page does. */
export async function setWatchlist(sw, list) {
  await sw.evaluate((l) => Promise.all([chrome.storage.local.set({ watchlist: l }), chrome.storage.sync.remove('watchlist')]), list);
}

/** The ids of the open tabs: pass them as `exclude` to `waitForScan` for a page opened after. */
export function tabIds(sw) {
  return sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
}

/**
 * Waits until the top frame of `page` (and `frames` frames in all) reported a
 * finished scan of its current URL. The tab id comes from those reports: the
 * extension has no `tabs` permission, so tab URLs are hidden from it.
 */
export async function waitForScan(sw, page, { frames = 1, timeout = 20_000, exclude = [] } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    // Only tabs still open: a closed tab's report may outlive it for a moment, and an earlier
    // test's tab may show the same URL. Of several, the newest (Chrome's tab ids only grow).
    const [all, open] = await sw.evaluate(async () => [await chrome.storage.session.get(null),
      (await chrome.tabs.query({})).map((t) => t.id)]);
    const found = Object.entries(all)
      .filter(([key, info]) => key.startsWith('tab:') && open.includes(Number(key.slice(4)))
        && !exclude.includes(Number(key.slice(4)))
        && info.frames?.[0]?.url === page.url() && Object.keys(info.frames).length >= frames)
      .map(([key, info]) => ({ tabId: Number(key.slice(4)), info }))
      .sort((a, b) => b.tabId - a.tabId);
    if (found.length) return found[0];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no scan report for ${page.url()} within ${timeout} ms`);
}

/** Highlighted strings per highlight name, read from the page's main world. */
export function highlights(frame) {
  // Plain loops: hostile test pages override Array.prototype.map and friends.
  return frame.evaluate(() => {
    // Our ranges are StaticRanges (no toString), and the page may have
    // replaced Range and createRange: read the text nodes directly.
    const text = (r) => {
      if (r.startContainer === r.endContainer) return r.startContainer.data.slice(r.startOffset, r.endOffset);
      const w = document.createTreeWalker(r.startContainer.getRootNode(), NodeFilter.SHOW_TEXT);
      w.currentNode = r.startContainer;
      let s = r.startContainer.data.slice(r.startOffset);
      for (let n = w.nextNode(); n && n !== r.endContainer; n = w.nextNode()) s += /** @type {Text} */ (n).data;
      return s + r.endContainer.data.slice(0, r.endOffset);
    };
    const out = {};
    for (const [name, h] of /** @type {any} */ (CSS.highlights)) {
      const list = [];
      for (const r of h) list.push(text(r));
      out[name] = list;
    }
    return out;
  });
}

/** Records the page's serialized DOM at DOMContentLoaded, before the extension runs. */
export async function snapshotOnLoad(page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      /** @type {any} */ (window).__brandRadarSnapshot = document.documentElement.outerHTML;
    });
  });
}

/**
 * The page's serialized DOM with our hosts set aside: bare <div>s under
 * <html>, outside the page's content, with no attribute and a closed shadow
 * root (attaching another one throws), which is all the page can see of them.
 */
export function pageDom(frame) {
  return frame.evaluate(() => {
    const html = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
    const kids = Array.from(html.children);
    const live = Array.from(document.documentElement.children);
    for (let i = 0; i < live.length; i++) {
      const c = live[i];
      if (c.localName !== 'div' || c.attributes.length || c.childNodes.length) continue;
      let closed = false;
      try { c.attachShadow({ mode: 'open' }); } catch { closed = true; }
      if (closed) kids[i].remove();
    }
    return html.outerHTML;
  });
}

/** Whether the page's DOM (ours set aside) is as it was before the extension ran (`snapshotOnLoad`). */
export async function domUnchanged(frame) {
  return await frame.evaluate(() => /** @type {any} */ (window).__brandRadarSnapshot) === await pageDom(frame);
}

export function badgeText(sw, tabId) {
  return sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Highlights once they have stopped changing for `quiet` ms (pages that keep rendering). */
export async function settledHighlights(frame, { quiet = 600, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = JSON.stringify(await highlights(frame));
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = JSON.stringify(await highlights(frame));
    if (now !== last) { last = now; since = Date.now(); } else if (Date.now() - since >= quiet) break;
  }
  return JSON.parse(last);
}

/**
 * The page's scan report once it has stopped changing for `quiet` ms: for
 * the shipped build, whose marks the page (and so the test) cannot read.
 */
export async function settledScan(sw, page, { quiet = 600, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  const key = ({ info }) => JSON.stringify(Object.values(info.frames).map((f) => [f.total, f.units?.total, f.units?.neg]));
  let found = await waitForScan(sw, page, { timeout });
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await waitForScan(sw, page, { timeout });
    if (key(now) !== key(found)) since = Date.now();
    else if (Date.now() - since >= quiet) return now;
    found = now;
  }
  return found;
}

/**
 * Registers node:test hooks that serve `mounts`, launch Chromium with the
 * extension and store `watchlist`; returns `{ browser, server }`, filled in
 * once the hooks have run.
 */
export function useBrowser(mounts, watchlist) {
  const env = { browser: null, server: null };
  before(async () => {
    env.server = await serve(mounts);
    env.browser = await launch();
    if (watchlist) await setWatchlist(env.browser.sw, watchlist);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A forward proxy on 127.0.0.1 that records every request it is asked to
 * make (`log`: method and URL or CONNECT target). Plain HTTP to 127.0.0.1
 * is passed on, so fixture pages still load; anything else is refused.
 */
export async function recordingProxy() {
  const log = [];
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const url = new URL(req.url);
    if (url.hostname !== '127.0.0.1') {
      res.writeHead(403).end();
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers },
      (up) => { res.writeHead(up.statusCode, up.headers); up.pipe(res); });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    log.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(r)) };
}

/** Polls `fn` every 50 ms until it returns something truthy (returned), or `timeout` ms pass (its last value). */
export async function eventually(fn, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

/**
 * The slices of a scan (flat `[start, end, ...]`, as its timing reports them)
 * that long task `[start, duration]` holds, as `[start, end]` pairs: tasks on
 * one thread do not overlap, so a long task that overlaps a slice holds it.
 */
export function slicesHeld([t, d], slices) {
  const held = [];
  for (let i = 0; i < slices.length; i += 2) if (t < slices[i + 1] && t + d > slices[i]) held.push([slices[i], slices[i + 1]]);
  return held;
}

/** Keeps the page's main-thread long tasks (> 50 ms) in `window.__longtasks` as `[start, duration]`. */
export async function recordLongTasks(page) {
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__longtasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  });
}

/** Which of our hosts (content/host.js parts: card, banner, marks, …) are on the page now, read over CDP. */
export async function ourParts(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    (function walk(n) {
      if (n.nodeName === 'STYLE' && (n.attributes ?? [])[0] === 'data-part') found.push(n.attributes[1]);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    }(root));
    return found;
  } finally {
    await cdp.detach();
  }
}

/** Waits until our host `part` is on the page. */
export async function waitForPart(page, part, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await ourParts(page)).includes(part)) {
    if (Date.now() > deadline) throw new Error(`our ${part} did not appear within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The text inside one of our closed shadow roots (`part`: card, banner,
 * spread, picker, outline, marks; content/host.js), read the way DevTools
 * reads it (CDP, pierce): page scripts cannot. With `click`, also clicks its
 * first button, or (a string) the first button whose text includes it, with
 * the mouse, as a user would. '' when that part is not on the page.
 * @param {any} page
 * @param {string} part
 * @param {{ click?: boolean | string }} [options]
 */
export async function closedShadow(page, part, { click } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const texts = [];
    const buttons = [];
    const textOf = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children ?? []).map(textOf).join(''));
    // Each host of ours says what it is inside its root: <style data-part="card">.
    const isPart = (n) => n.nodeName === '#document-fragment' && (n.children ?? []).some((c) => c.nodeName === 'STYLE'
      && (c.attributes ?? []).join(' ') === `data-part ${part}`);
    (function walk(n, inside) {
      if (n.nodeName === 'STYLE') return;
      const here = inside || isPart(n);
      if (here && n.nodeType === 3 && n.parentId !== undefined) texts.push(n.nodeValue);
      if (here && n.nodeName === 'BUTTON') buttons.push([n, textOf(n)]);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
    }(root, false));
    if (click) {
      const hit = buttons.find(([, t]) => click === true || t.includes(click));
      if (!hit) throw new Error(`no button ${click} in ${part}: ${buttons.map(([, t]) => t)}`);
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: hit[0].backendNodeId });
      const [x1, y1, , , x2, y2] = model.content;
      await page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2);
    }
    return texts.join(' ');
  } finally {
    await cdp.detach();
  }
}
