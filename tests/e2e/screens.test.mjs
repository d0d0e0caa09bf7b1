// The screens beyond the page: history recorded while browsing, alerts, the
// dashboard's numbers against that history, CSV, clearing, opting out, and
// the UI language setting.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, closedShadow, eventually, setWatchlist, useBrowser, waitForPart, waitForScan } from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8'));
const env = useBrowser({
  '/demo/': join(ROOT, 'demo/pages'), '/sites/': join(ROOT, 'tests/e2e/pages/sites'), '/imp/': join(ROOT, 'tests/e2e/pages/impersonation'),
}, WATCHLIST);
const ext = (path) => `chrome-extension://${env.browser.extensionId}/${path}`;

/** A store's records, read with the raw IndexedDB API (not our code); none if the database was never made. */
const readStore = (name, store) => env.browser.sw.evaluate(async ([n, st]) => {
  if (!(await indexedDB.databases()).some((d) => d.name === n)) return [];
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(n);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(st).objectStore(st).getAll();
      req.onsuccess = () => { db.close(); resolve(req.result); };
      req.onerror = () => { db.close(); reject(req.error); };
    };
  });
}, [name, store]);
const lockerRecords = () => readStore('brand-radar-evidence', 'records');

/** The history as stored, read with the raw IndexedDB API (not our code). */
const history = () => readStore('brand-radar-history', 'items');
const settings = (values) => env.browser.sw.evaluate((v) => Promise.all([chrome.storage.sync.set(v), chrome.storage.local.remove(Object.keys(v))]), values);
const own = (i) => i.brands.some((b) => !b.competitor);

async function browse(path) {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForScan(env.browser.sw, page, { timeout: 30_000 });
  return page;
}

describe('history, alerts and dashboard', () => {
  test('browsing records each mention once; a critical one raises an alert that opens the page', async () => {
    await settings({ history: true, alertGrade: 'high', retentionDays: 90 });
    await env.browser.sw.evaluate(() => chrome.storage.local.remove('alerts'));
    const ptt = await browse('/demo/ptt-thread.html');
    const items = await eventually(async () => {
      const h = await history();
      return h.some((i) => i.url === ptt.url() && i.risk === 'critical') && h;
    }, 15_000);
    assert.ok(items, 'the critical comment is in the history');
    const critical = items.find((i) => i.risk === 'critical' && i.crises.includes('breach'));
    assert.ok(critical, JSON.stringify(items.map((i) => [i.risk, i.crises])));
    assert.equal(critical.label, 'neg');
    assert.ok(critical.brands.some((b) => b.name === '雲朵咖啡' && !b.competitor));
    assert.match(critical.day, /^\d{4}-\d\d-\d\d$/);
    // A comment naming two brands keeps the verdict toward each.
    const switching = items.find((i) => i.text.includes('改喝路易莎'));
    assert.deepEqual(switching?.brands.map((b) => [b.name, b.competitor, b.label]).sort(),
      [['路易莎', true, 'pos'], ['雲朵咖啡', false, 'neg']], JSON.stringify(switching));
    // Reloading shows the same comments: nothing is counted twice.
    await ptt.reload();
    await waitForScan(env.browser.sw, ptt);
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await history()).length, items.length);

    const notes = await eventually(() => env.browser.sw.evaluate(() => chrome.notifications.getAll()));
    const id = Object.keys(notes).find((k) => k.startsWith('item:'));
    assert.ok(id, `an item alert: ${JSON.stringify(notes)}`);
    const opened = env.browser.context.waitForEvent('page');
    assert.equal(await env.browser.sw.evaluate((n) => entryPoints.onNotificationClick(n), id), ptt.url());
    assert.equal((await opened).url(), ptt.url());
    await ptt.close();
  });

  test('a spike of negatives today raises one spike alert', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(ext('dashboard/dashboard.html'));
    const items = Array.from({ length: 8 }, (_, i) => ({
      text: `雲朵咖啡第 ${i} 次讓人失望，爛透了`, label: 'neg', score: -0.8, crises: [], author: null,
      risk: { grade: 'medium', likelihood: 3, impact: 2 }, brands: [{ name: '雲朵咖啡', competitor: false }],
    }));
    await page.evaluate((its) => chrome.runtime.sendMessage({ type: 'cs-bg-seen', url: 'https://forum.example/t/1', title: 't', site: null, items: its }), items);
    const notes = await eventually(async () => {
      const n = await env.browser.sw.evaluate(() => chrome.notifications.getAll());
      return Object.keys(n).some((k) => k.startsWith('spike:')) && n;
    });
    assert.ok(notes, 'a spike alert');
    await page.close();
  });

  test('the dashboard agrees with the history; CSV holds the same items', async () => {
    for (const p of ['/sites/generic-blog.html', '/sites/generic-reviews.html', '/demo/en-reviews.html']) await (await browse(p)).close();
    await new Promise((r) => setTimeout(r, 1000));
    const items = (await history()).filter(own);
    const negatives = items.filter((i) => i.label === 'neg');
    const page = await env.browser.context.newPage();
    await page.goto(ext('dashboard/dashboard.html'));
    await page.waitForSelector('body[data-ready]');
    assert.equal(await page.textContent('#n-mentions'), String(items.length));
    assert.match(await page.textContent('#n-negative'), new RegExp(`^${negatives.length} \\(${Math.round((100 * negatives.length) / items.length)}%\\)`));
    assert.equal(await page.textContent('#n-severe'), String(negatives.filter((i) => ['high', 'critical'].includes(i.risk)).length));
    const matrixTotal = await page.$$eval('#matrix td', (tds) => tds.reduce((n, td) => n + Number(td.textContent || 0), 0));
    assert.equal(matrixTotal, negatives.length, 'every negative sits in one matrix cell');
    assert.match(await page.textContent('#top tbody tr:first-child .risk'), /危急/);
    const sites = await page.$$eval('#sites tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
    assert.equal(sites.reduce((n, r) => n + Number(r[1]), 0), items.length);
    assert.ok(sites.some((r) => r[0] === '127.0.0.1'), `pages of no known site go by their host: ${JSON.stringify(sites)}`);
    assert.ok(await page.$('#chart canvas'), 'the chart is drawn');
    assert.ok((await page.$$('#steps li')).length >= 3, 'first steps for what was found');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync(await dl.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeffat,day,site,url'));
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 1 + (await history()).length, 'a row per item, own brands and competitors');
    assert.ok(!/\n[^"]*,=/.test(csv), 'no cell starts a formula');
    await page.close();
  });

  test('a complaint the brand answered is kept answered: no alert, marked on the dashboard', async () => {
    // The Facebook fixture: the brand's reply nested under 王大明's complaint.
    const fb = await browse('/sites/facebook.html');
    const items = await eventually(async () => {
      const h = (await history()).filter((i) => i.url === fb.url());
      return h.some((i) => i.text.includes('態度很差')) && h;
    }, 15_000);
    assert.ok(items, 'the complaint is in the history');
    assert.equal(items.find((i) => i.text.includes('態度很差')).answered, true);
    assert.ok(items.filter((i) => !i.text.includes('態度很差')).every((i) => !i.answered), JSON.stringify(items));
    assert.ok(!items.some((i) => i.text.includes('已私訊您')), 'the brand\'s own reply is not remembered');
    // The replies under the rumour load later (「12 則回覆」 clicked): the brand's among them
    // marks the comment, remembered before it, answered.
    await fb.evaluate(() => {
      const li = document.querySelectorAll('[role=main] > ul > li')[2];
      const reply = document.createElement('div');
      reply.setAttribute('role', 'article');
      reply.setAttribute('aria-label', 'Reply by 雲朵咖啡 Cloud Cafe 剛剛');
      const who = Object.assign(document.createElement('a'), { href: '/cloudcafe.tw' });
      who.setAttribute('role', 'link');
      who.append(Object.assign(document.createElement('span'), { textContent: '雲朵咖啡 Cloud Cafe' }));
      const text = Object.assign(document.createElement('div'), { dir: 'auto', textContent: '您好，這是不實消息，會員資料都安全。' });
      reply.append(Object.assign(document.createElement('div'), {}), text);
      reply.firstChild.append(who, text);
      li.append(Object.assign(document.createElement('ul'), {}));
      li.lastChild.append(Object.assign(document.createElement('li'), {}));
      li.lastChild.lastChild.append(reply);
    });
    assert.ok(await eventually(async () => (await history()).find((i) => i.url === fb.url() && i.text.includes('個資外洩'))
      ?.answered, 15_000), 'a reply loaded later marks the comment answered in the history');
    await fb.close();

    const answered = (await history()).filter((i) => own(i) && i.label === 'neg' && i.answered).length;
    const dash = await env.browser.context.newPage();
    await dash.goto(ext('dashboard/dashboard.html'));
    await dash.waitForSelector('body[data-ready]');
    assert.equal(await dash.textContent('#n-answered'), `其中 ${answered} 則已回覆`);
    assert.ok(await dash.$('#top tbody .answered'), 'the riskiest list marks it');

    // Alerts: a critical complaint raises one; the same grade already answered does not.
    const seen = (items) => dash.evaluate((its) => chrome.runtime.sendMessage({ type: 'cs-bg-seen',
      url: 'https://forum.example/t/answered', title: 't', site: null, items: its }), items);
    const critical = (text, answered) => ({ text, label: 'neg', score: -0.9, crises: ['safety'], author: null, answered,
      risk: { grade: 'critical', likelihood: 5, impact: 4 }, brands: [{ name: '雲朵咖啡', competitor: false }] });
    const itemAlerts = () => env.browser.sw.evaluate(async () => Object.keys(await chrome.notifications.getAll())
      .filter((k) => k.startsWith('item:')));
    const quiet = () => env.browser.sw.evaluate(async () => {
      await chrome.storage.local.remove('alerts');
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    await quiet();
    await seen([critical('雲朵咖啡的沙拉吃到蟑螂，已回覆過了', true)]);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await itemAlerts(), [], 'no alert for an answered complaint');
    await seen([critical('雲朵咖啡吃完拉肚子，誰來負責', false)]);
    assert.ok(await eventually(async () => (await itemAlerts()).length === 1), 'an unanswered one alerts');
    // Answered on a later visit: the stored item is marked.
    await seen([critical('雲朵咖啡吃完拉肚子，誰來負責', true)]);
    assert.ok(await eventually(async () => (await history()).find((i) => i.text === '雲朵咖啡吃完拉肚子，誰來負責')?.answered));
    await quiet();
    await dash.close();
  });

  test('opting out stops recording; clearing empties the history and the dashboard', async () => {
    const before = (await history()).length;
    await settings({ history: false });
    await (await browse('/demo/feed.html')).close();
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await history()).length, before);
    await settings({ history: true });

    const options = await env.browser.context.newPage();
    await options.goto(ext('options/options.html'));
    await options.waitForSelector('.brand');
    await options.click('#clear-history');
    await options.waitForFunction(() => /\d/.test(document.querySelector('#settings-message').textContent));
    assert.match(await options.textContent('#settings-message'), new RegExp(`${before}`));
    assert.equal((await history()).length, 0);
    const dash = await env.browser.context.newPage();
    await dash.goto(ext('dashboard/dashboard.html'));
    await dash.waitForSelector('body[data-ready]');
    assert.equal(await dash.textContent('#n-mentions'), '0');
    assert.equal(await dash.isVisible('#empty'), true);
    await Promise.all([options.close(), dash.close()]);
  });

  test('the UI language can be chosen: English everywhere, then back', async () => {
    const options = await env.browser.context.newPage();
    await options.goto(ext('options/options.html'));
    await options.waitForSelector('.brand');
    await Promise.all([options.waitForEvent('load'), options.selectOption('#language', 'en')]);
    await options.waitForSelector('.brand');
    assert.equal(await options.textContent('h1'), 'Brand Radar settings');
    const dash = await env.browser.context.newPage();
    await dash.goto(ext('dashboard/dashboard.html'));
    await dash.waitForSelector('body[data-ready]');
    assert.equal(await dash.textContent('h1'), 'Brand Radar reputation dashboard');
    assert.equal(await dash.getAttribute('html', 'lang'), 'en');
    await Promise.all([options.waitForEvent('load'), options.selectOption('#language', 'auto')]);
    await options.waitForSelector('.brand');
    assert.match(await options.textContent('h1'), /設定/);
    await Promise.all([options.close(), dash.close()]);
  });

  test('impersonation: a warning on the lookalike scam page, with evidence capture; none on the official page or a plain promo', async () => {
    // The official address is the fixture server's /imp/official/: a page there is the brand's own.
    const list = structuredClone(WATCHLIST);
    list.brands[0].official = [`${env.server.origin}/imp/official/`, '@cloudcafe.tw'];
    await setWatchlist(env.browser.sw, list);
    const banner = (p) => p.evaluate(() => {
      // Our hosts are the bare <div>s under <html>; the banner is the one with a height.
      const hosts = [...document.documentElement.children].filter((c) => c.localName === 'div');
      const height = Math.max(0, ...hosts.map((h) => h.getBoundingClientRect().height));
      return height ? { shown: true, height } : { shown: false };
    });
    const scam = await browse('/imp/scam.html');
    await waitForPart(scam, 'banner');
    assert.equal(await scam.getAttribute('#own', 'data-ran'), 'yes', 'the page still runs');
    // Closed shadow root: page scripts cannot read it; the test reads it the way DevTools does.
    assert.ok(await scam.evaluate(() => [...document.documentElement.children].every((c) => !c.shadowRoot)));
    const text = await closedShadow(scam, 'banner');
    assert.match(text, /這可能是冒用「雲朵咖啡」的頁面/);
    assert.match(text, /中獎|抽中/);
    assert.match(text, /LINE/);
    // Save as evidence from the banner: a page record lands in the locker.
    const before = (await lockerRecords()).length;
    await closedShadow(scam, 'banner', { click: '存證' });
    assert.ok(await eventually(async () => /已存入證據庫/.test(await closedShadow(scam, 'banner')), 15_000), 'the banner says it is saved');
    const records = await eventually(async () => { const r = await lockerRecords(); return r.length > before && r; });
    assert.equal(records.length, before + 1);
    assert.equal(records.at(-1).final_url, scam.url());
    // And in the history as a critical scam item.
    assert.ok(await eventually(async () => (await history()).some((i) => i.url === scam.url() && i.crises.includes('scam') && i.risk === 'critical')));
    await closedShadow(scam, 'banner', { click: '關閉' });
    assert.deepEqual(await banner(scam), { shown: false });
    await scam.close();

    for (const path of ['/imp/official/index.html', '/imp/promo.html']) {
      const p = await browse(path);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await banner(p), { shown: false }, path);
      await p.close();
    }
    await setWatchlist(env.browser.sw, WATCHLIST);
  });

  test('settings live in sync storage; a watchlist over its quota falls back to local, and back again', async () => {
    const where = () => env.browser.sw.evaluate(async () => ({
      sync: (await chrome.storage.sync.get('watchlist')).watchlist?.brands.length ?? 0,
      local: (await chrome.storage.local.get('watchlist')).watchlist?.brands.length ?? 0,
    }));
    const options = await env.browser.context.newPage();
    await options.goto(ext('options/options.html'));
    await options.waitForSelector('.brand');
    const file = (name, list) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(list)) });
    const big = { version: 1, brands: Array.from({ length: 40 }, (_, i) => ({ name: `品牌${i}`, aliases: Array.from({ length: 20 }, (_, j) => `${i}號店別名${j}`) })) };
    assert.ok(JSON.stringify(big).length > 8192, 'over sync\'s per-item quota');
    await options.setInputFiles('#import', file('big.json', big));
    await options.waitForFunction(() => /big\.json/.test(document.querySelector('#message').textContent));
    assert.equal(await options.getAttribute('#message', 'class'), 'ok', await options.textContent('#message'));
    assert.deepEqual(await where(), { sync: 0, local: 40 });
    await options.setInputFiles('#import', file('small.json', WATCHLIST));
    await options.waitForFunction(() => /small\.json/.test(document.querySelector('#message').textContent));
    assert.deepEqual(await where(), { sync: WATCHLIST.brands.length, local: 0 });
    // Other settings go to sync too.
    await options.selectOption('#sensitivity', 'low');
    assert.equal(await eventually(() => env.browser.sw.evaluate(async () => (await chrome.storage.sync.get('sensitivity')).sensitivity)), 'low');
    await options.selectOption('#sensitivity', 'normal');
    await options.close();
  });
});
