// The core flows in real Firefox (Debian's firefox-esr), driven over
// WebDriver BiDi with puppeteer-core: the Firefox build (dist/firefox-test)
// installed as a temporary add-on, first run, mentions highlighted, comment
// units scored and tinted, the hover card, a capture exported as a bundle
// that `brand-radar verify` accepts, and the quick check. BiDi cannot open
// moz-extension:// pages itself, so the welcome page the add-on opens on
// install is the handle: our own pages navigate it to the others.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, serve } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const ID = 'brand-radar@brand-radar.invalid';
// A fixed internal UUID (a pref read at install), so the add-on's pages have a known address.
const UUID = '5a1d3c4e-0000-4000-8000-00000000b4d4';
const ext = (path) => `moz-extension://${UUID}/${path}`;
const skip = existsSync(FIREFOX) ? false : `${FIREFOX} is absent: scripts/setup.sh installs firefox-esr`;
const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8'));

/** `fn` until it returns something truthy (or the time is up). */
async function until(fn, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms: ${fn}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Firefox', { skip }, () => {
  let browser;
  let server;
  let own; // the add-on's page: the welcome page it opened on install, moved between our pages
  const downloads = mkdtempSync(join(tmpdir(), 'brand-radar-firefox-'));

  before(async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    server = await serve({ '/demo/': join(ROOT, 'demo/pages') });
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }),
        'browser.download.folderList': 2, 'browser.download.dir': downloads, 'browser.download.useDownloadDir': true,
      } });
    // The test build: the shipped one plus a window on its marks (content/marks.js).
    await browser.installExtension(join(ROOT, 'dist/firefox-test'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  /** Our page moved to `path`, once `ready` is in it. */
  async function go(path, ready) {
    await own.evaluate((u) => { location.href = u; }, ext(path));
    await until(() => own.evaluate((sel) => document.readyState === 'complete' && !!document.querySelector(sel), ready));
  }

  test('install opens the welcome page; the brand entered there is watched, the sample marked', async () => {
    own = await until(async () => {
      for (const p of await browser.pages()) if ((await p.evaluate(() => location.href)).includes('/welcome/')) return p;
      return null;
    });
    await until(() => own.evaluate(() => !!document.querySelector('#name')));
    await own.type('#name', '雲朵咖啡');
    await own.type('#competitors', '路易莎');
    await until(() => own.evaluate(() => [...document.querySelectorAll('#suggestions button')].some((b) => /雲朵$/.test(b.textContent))));
    await own.evaluate(() => [...document.querySelectorAll('#suggestions button')].find((b) => /雲朵$/.test(b.textContent)).click());
    await own.click('#save');
    const marks = await until(() => own.evaluate(() => {
      const m = [...document.querySelectorAll('#sample-comments mark')].map((x) => `${x.className}:${x.textContent}`);
      return m.length && m;
    }));
    assert.deepEqual(marks, ['mention:雲朵咖啡', 'mention:雲朵', 'competitor:路易莎', 'mention:雲朵咖啡']);
    const list = await own.evaluate(() => chrome.storage.sync.get('watchlist')
      .then(async (s) => s.watchlist ?? (await chrome.storage.local.get('watchlist')).watchlist));
    assert.deepEqual(list.brands.map((b) => b.name), ['雲朵咖啡', '路易莎']);
    // The demo's watchlist for the pages below.
    await own.evaluate((l) => chrome.storage.local.set({ watchlist: l }), WATCHLIST);
  });

  let page;
  test('a PTT thread: mentions highlighted, comments scored as the CLI scores them, the hover card', async () => {
    page = await browser.newPage();
    await page.goto(`${server.origin}/demo/ptt-thread.html`);
    const h = await until(() => page.evaluate(() => {
      const out = {};
      for (const [name, hl] of CSS.highlights) out[name] = hl.size;
      return out['brand-radar-unit-neg'] && out;
    }));
    const cli = JSON.parse(spawnSync('cargo', ['run', '-q', '--release', '--', 'scan', '--json', '--watchlist',
      join(ROOT, 'demo/watchlist.json'), join(ROOT, 'demo/pages/ptt-thread.html')], { cwd: ROOT, encoding: 'utf8' }).stdout);
    const ours = cli.mentions.filter((m) => !m.competitor).length;
    assert.equal(h['brand-radar-mention'], ours, 'every mention of our brand highlighted');
    assert.equal(h['brand-radar-competitor'], cli.mentions.length - ours);
    assert.equal(h['brand-radar-unit-neg'], cli.units.filter((u) => u.label === 'neg').length, 'negatives as the CLI');
    // The hover card: our element, shown while the pointer is on a comment.
    const box = await page.evaluate(() => {
      const el = [...document.querySelectorAll('.push-content')].find((x) => x.textContent.includes('爛透了'));
      const r = el.getBoundingClientRect();
      return { x: r.x + 8, y: r.y + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    // Our hosts are bare <div>s under <html>: the marks' overlay, then the card.
    await until(() => page.evaluate(() => document.documentElement.querySelectorAll(':scope > div').length >= 2));
  });

  test('capture from the popup, exported from the locker: brand-radar verify accepts the bundle', async () => {
    const tabId = await own.evaluate(async () => (await chrome.tabs.query({ url: '*://127.0.0.1/*' }))[0]?.id);
    assert.ok(tabId, 'the page tab');
    await go(`popup/popup.html?tab=${tabId}`, '#save-page');
    await own.click('#save-page');
    const note = await until(() => own.evaluate(() => {
      const n = document.querySelector('#save-note');
      return !n.hidden && /saved|存入/i.test(n.textContent) && n.textContent;
    }), 30_000);
    assert.doesNotMatch(note, /fail|失敗/i);
    await go('locker/locker.html', 'body[data-ready]');
    await until(() => own.evaluate(() => document.querySelectorAll('#records li, #records tr, [data-id]').length > 0));
    await own.click('#select-all');
    await own.click('#export-zip');
    const zip = await until(() => {
      const z = readdirSync(downloads).find((f) => f.endsWith('.zip'));
      return Promise.resolve(z && !readdirSync(downloads).some((f) => f.endsWith('.part')) && join(downloads, z));
    }, 30_000);
    const v = spawnSync('cargo', ['run', '-q', '--release', '--bin', 'brand-radar', '--', 'verify', zip],
      { cwd: ROOT, encoding: 'utf8' });
    assert.equal(v.status, 0, v.stdout + v.stderr);
  });

  test('the quick check in the popup', async () => {
    await go('popup/popup.html', '#check-text');
    await own.type('#check-text', '昨天吃完整晚拉肚子，同行兩個人都食物中毒，黑店！');
    await own.click('#check-run');
    const result = await until(() => own.evaluate(() => !document.querySelector('#check-result').hidden
      && [document.querySelector('#check-label').textContent, document.querySelector('#check-crises').textContent]));
    assert.match(result[0], /negative|負面/i);
    assert.match(result[1], /safety|產品安全/i);
    await page?.close();
  });
});
