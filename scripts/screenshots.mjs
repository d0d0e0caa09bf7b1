// Screenshots of every screen, in Traditional Chinese and in English, for
// the docs: the page with its highlights and hover card, the popup with its
// page summary and quick check, the side panel, the options, the dashboard,
// the evidence locker and the impersonation warning.
// Usage: node scripts/screenshots.mjs [NAME...] (after node scripts/build.mjs);
// with names (e.g. reply-check), only those screens are written; `store`
// writes the store listing's 1280x800 screenshots into store/screenshots.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, ROOT, serve, SHIPPED, setWatchlist, settledScan, waitForPart, waitForScan,
} from '../tests/e2e/harness.mjs';

const OUT = join(ROOT, 'docs/screenshots');
const STORE = join(ROOT, 'store/screenshots');
mkdirSync(OUT, { recursive: true });
mkdirSync(STORE, { recursive: true });
const PAGES = join(ROOT, 'demo/pages');
const server = await serve({ '/demo/': PAGES });
const browser = await launch({ extension: SHIPPED });
const ext = (path) => `chrome-extension://${browser.extensionId}/${path}`;
await setWatchlist(browser.sw, JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8')));

async function open(file) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(`${server.origin}/demo/${file}`);
  await settledScan(browser.sw, page, { quiet: 800 });
  // The first report may come before the comments are scored.
  for (let i = 0; ; i++) {
    const scan = await waitForScan(browser.sw, page);
    if (scan.info.frames[0].units?.total || i > 50) return { page, ...scan };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function extPage(path, { width = 1000, height = 800, ready = 'body' } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(ext(path));
  await page.waitForSelector(ready);
  return page;
}

// Browse every demo page once so the history and dashboard have something to show.
for (const file of readdirSync(PAGES).filter((f) => f.endsWith('.html'))) await (await open(file)).page.close();
await new Promise((r) => setTimeout(r, 1000));
// And one comment in the evidence locker.
{
  const { page, tabId, info } = await open('ptt-thread.html');
  const ui = await extPage('locker/locker.html');
  await page.bringToFront();
  const saved = await ui.evaluate((request) => chrome.runtime.sendMessage({ type: 'ui-bg-capture', request }),
    { tabId, frameId: 0, unitId: info.frames[0].units.top[0].id, target: 'unit', source: 'popup' });
  if (!saved.ok) throw new Error(`capture failed: ${saved.message}`);
  // And the impersonation page, for the takedown kit.
  const fake = await open('fake-fanpage.html');
  await fake.page.bringToFront();
  const page2 = await ui.evaluate((request) => chrome.runtime.sendMessage({ type: 'ui-bg-capture', request }),
    { tabId: fake.tabId, frameId: 0, target: 'page', source: 'banner' });
  if (!page2.ok) throw new Error(`capture failed: ${page2.message}`);
  await Promise.all([ui.close(), page.close(), fake.page.close()]);
}

const only = process.argv.slice(2);
// The demo pages as highlighted, whole (the UI language does not change them).
for (const file of ['ptt-thread.html', 'maps-reviews.html', 'en-reviews.html', 'feed.html']) {
  const { page } = await open(file);
  const name = `page-${file.replace('.html', '')}`;
  if (!only.length || only.includes(name)) await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  await page.close();
}

// A response plan, and a thread that spread yesterday (a visit as the background
// records it: history/store.js), for the options, the dashboard and the digest.
await browser.sw.evaluate(() => chrome.storage.sync.set({ plan: { team: [
  { name: '王經理', role: '店長', contact: '0912-345-678', from: 'high' },
  { name: '林總', role: '營運長', contact: 'lin@cloudcafe.example.tw', from: 'critical' },
], steps: { safety: '下架同批產品並送驗\n24 小時內公開說明\n通報衛生局' } } }));
{
  const ui = await extPage('dashboard/dashboard.html', { ready: 'body[data-ready]' });
  await ui.evaluate((visit) => new Promise((resolve, reject) => {
    const req = globalThis.indexedDB.open('brand-radar-history', 2);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('visits', 'readwrite');
      tx.objectStore('visits').put({ ...visit, at: Date.now() - 3_600_000 });
      tx.oncomplete = () => { req.result.close(); resolve(undefined); };
    };
  }), { id: 'demo\u001f1', page: `${server.origin}/demo/ptt-thread.html`, since: 1,
    url: `${server.origin}/demo/ptt-thread.html`,
    title: '[問卦] 雲朵咖啡是不是出事了？ - 看板 Gossiping - 批踢踢實業坊', site: 'PTT', total: 118, neg: 64, up: 12,
    down: 71, negReach: 0, spreading: { reasons: ['boos', 'negatives'], rates: { hours: 1, total: 90, neg: 52, down: 58,
      negReach: 0 } } });
  await ui.close();
}

for (const lang of ['zh_TW', 'en']) {
  await browser.sw.evaluate((l) => chrome.storage.sync.set({ language: l }), lang);
  const shot = (page, name, opts = {}) => (only.length && !only.includes(name) ? null
    : page.screenshot({ path: join(OUT, `${lang}-${name}.png`), ...opts }));

  const { page, tabId } = await open('ptt-thread.html');
  await page.hover('text=個資外洩還不道歉');
  await page.waitForTimeout(800);
  await shot(page, 'page-hover-card');
  // The spreading chip, as the background shows it when the thread grows fast.
  const why = lang === 'en' ? '+58 boos (噓) an hour, +52 negative comments an hour' : '每小時 +58 噓、每小時 +52 則負面留言';
  await browser.sw.evaluate(({ id, w }) => chrome.tabs.sendMessage(id, { type: 'bg-cs-spreading', spreading: true,
    why: w }, { frameId: 0 }), { id: tabId, w: why });
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  await shot(page, 'spreading');
  await browser.sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'bg-cs-spreading', spreading: false },
    { frameId: 0 }), tabId);

  const popup = await extPage(`popup/popup.html?tab=${tabId}`, { width: 360, height: 560, ready: '#risks li' });
  await shot(popup, 'popup');
  await popup.close();
  const check = await extPage(`popup/popup.html?check=${encodeURIComponent('雲朵咖啡的店員態度超差，還把客人個資外洩，爛透了，不會再去')}`,
    { width: 360, height: 640, ready: '#check-result:not([hidden])' });
  await shot(check, 'quick-check', { fullPage: true });
  await check.close();
  const draft = lang === 'en'
    ? 'We apologize for any inconvenience. Please post your phone number here and we will look into it.'
    : '造成您的不便敬請見諒，可能是您個人體質的問題。請留下您的電話，我們會盡快處理。';
  const reply = await extPage(`popup/popup.html?reply=${encodeURIComponent(draft)}`,
    { width: 360, height: 640, ready: '#reply-result:not([hidden])' });
  await shot(reply, 'reply-check', { fullPage: true });
  await reply.close();
  const panel = await extPage(`sidepanel/panel.html?tab=${tabId}`, { width: 380, height: 640, ready: '#units li' });
  await shot(panel, 'side-panel');
  await panel.close();
  await page.close();

  const fake = await open('fake-fanpage.html');
  await waitForPart(fake.page, 'banner');
  await fake.page.waitForTimeout(300);
  await shot(fake.page, 'impersonation');
  await fake.page.close();

  const options = await extPage('options/options.html', { ready: '.brand' });
  await shot(options, 'options', { fullPage: true });
  await options.close();
  const dash = await extPage('dashboard/dashboard.html', { width: 1100, ready: 'body[data-ready]' });
  await dash.waitForTimeout(300);
  await shot(dash, 'dashboard', { fullPage: true });
  await dash.click('#digest-open');
  await dash.waitForSelector('body[data-digest]');
  if (!only.length || only.includes('digest')) {
    await (await dash.$('#digest')).screenshot({ path: join(OUT, `${lang}-digest.png`) });
  }
  await dash.close();
  const locker = await extPage('locker/locker.html', { width: 1100, ready: 'body[data-ready]' });
  await shot(locker, 'locker');
  await locker.fill('#search', '十週年');
  await locker.waitForSelector('#list li[data-id]:only-child');
  await locker.click('#takedown');
  await locker.waitForSelector('#kit:not([hidden])');
  await shot(locker, 'takedown-kit', { fullPage: true });
  await locker.close();
  if (!only.length || only.includes('store')) {
    // The store's size, 1280x800: the thread with its hover card, the dashboard, the takedown kit, the welcome page.
    const size = { width: 1280, height: 800 };
    const thread = await browser.context.newPage();
    await thread.setViewportSize(size);
    await thread.goto(`${server.origin}/demo/ptt-thread.html`);
    await settledScan(browser.sw, thread, { quiet: 800 });
    await thread.hover('text=個資外洩還不道歉');
    await thread.waitForTimeout(800);
    await thread.screenshot({ path: join(STORE, `${lang}-1-page.png`) });
    await thread.close();
    const board = await extPage('dashboard/dashboard.html', { ...size, ready: 'body[data-ready]' });
    await board.waitForTimeout(300);
    await board.screenshot({ path: join(STORE, `${lang}-2-dashboard.png`) });
    await board.close();
    const kit = await extPage('locker/locker.html', { ...size, ready: 'body[data-ready]' });
    await kit.fill('#search', '十週年');
    await kit.waitForSelector('#list li[data-id]:only-child');
    await kit.click('#takedown');
    await kit.waitForSelector('#kit:not([hidden])');
    await kit.screenshot({ path: join(STORE, `${lang}-3-takedown-kit.png`) });
    await kit.close();
    const welcome = await extPage('welcome/welcome.html', { ...size, ready: '#name' });
    await welcome.click('#save');
    await welcome.waitForSelector('#sample:not([hidden]) li');
    await welcome.screenshot({ path: join(STORE, `${lang}-4-welcome.png`) });
    await welcome.close();
  }
  console.log(`screenshots (${lang}) in ${OUT}`);
}
await browser.sw.evaluate(() => chrome.storage.sync.remove('language'));
await browser.close();
await server.close();
