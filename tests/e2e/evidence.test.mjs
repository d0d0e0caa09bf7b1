// End to end: evidence capture from every entry point, the locker, ZIP and
// WACZ export, verification by sha256sum, by `brand-radar verify` and by the
// locker's import, and atomic saves when the service worker is stopped.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import {
  ROOT, SHARED_PAGES, closedShadow, eventually, hasSharedPages, launch, ourParts, serve, setWatchlist, settledHighlights,
  tabIds, waitForPart, waitForScan,
} from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8'));
const WACZ = join(ROOT, '.cache/wacz/bin/wacz');
const work = mkdtempSync(join(tmpdir(), 'brand-radar-evidence-'));
let env;

before(async () => {
  const server = await serve({ '/demo/': join(ROOT, 'demo/pages'), ...(hasSharedPages ? { '/shared/': SHARED_PAGES } : {}) });
  const browser = await launch();
  await setWatchlist(browser.sw, WATCHLIST);
  env = { server, browser };
});
after(async () => {
  await env?.browser.close();
  await env?.server.close();
});

const ext = (path) => `chrome-extension://${env.browser.extensionId}/${path}`;

async function open(path) {
  // Earlier tests open the same pages: their tabs are not this one, even if still open.
  const exclude = await tabIds(env.browser.sw);
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await settledHighlights(page, { quiet: 500 });
  const { tabId, info } = await waitForScan(env.browser.sw, page, { exclude });
  return { page, tabId, info };
}

/** Asks the background to capture, as the popup and side panel do. */
async function captureFrom(extPage, request) {
  return extPage.evaluate((req) => chrome.runtime.sendMessage({ type: 'ui-bg-capture', request: req }), request);
}

/** The locker's contents read with the raw IndexedDB API, not our wrapper. */
function readLocker(extPage) {
  return extPage.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('brand-radar-evidence');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['records', 'files', 'chain'], 'readonly');
      const all = (store, keys = false) => new Promise((r) => {
        const q = keys ? tx.objectStore(store).getAllKeys() : tx.objectStore(store).getAll();
        q.onsuccess = () => r(q.result);
      });
      Promise.all([all('records'), all('files', true), all('chain')]).then(([records, files, chain]) => {
        db.close();
        resolve({ records, files, chain });
      });
    };
  }));
}

/** Every record has all its files and its chain link; links follow each other. */
function assertConsistent({ records, files, chain }) {
  const names = new Set(files);
  for (const r of records) {
    for (const a of r.artifacts) assert.ok(names.has(a.name), `${a.name} of ${r.id} is stored`);
    assert.ok(chain.some((l) => l.kind === 'record' && l.id === r.id && l.hash === r.hash), `${r.id} is in the chain`);
  }
  const owned = new Set(records.flatMap((r) => r.artifacts.map((a) => a.name)));
  for (const f of files) assert.ok(owned.has(f), `${f} belongs to a record (no half-saved files)`);
  let prev = '0'.repeat(64);
  const deleted = new Set(chain.filter((l) => l.kind === 'deletion').map((l) => l.id));
  for (const l of chain) {
    assert.equal(l.prev, prev, `chain link ${l.id} follows the one before`);
    prev = l.hash;
    if (l.kind === 'record') assert.ok(records.some((r) => r.id === l.id) || deleted.has(l.id), `chain link ${l.id} has its record, or its deletion`);
  }
}

/** A record's fragment.html, read from the locker's IndexedDB. */
async function fragmentOf(extPage, record) {
  const name = record.artifacts.find((a) => a.kind === 'fragment').name;
  return Uint8Array.from(await extPage.evaluate((n) => new Promise((resolve) => {
    const req = indexedDB.open('brand-radar-evidence');
    req.onsuccess = () => {
      const get = req.result.transaction('files').objectStore('files').get(n);
      get.onsuccess = async () => resolve([...new Uint8Array(await get.result.arrayBuffer())]);
    };
  }), name));
}

async function lockerPage() {
  const locker = await env.browser.context.newPage();
  await locker.goto(ext('locker/locker.html'));
  await locker.waitForSelector('body[data-ready]');
  return locker;
}

async function download(page, selector, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(work, name);
  await dl.saveAs(path);
  return path;
}

function extract(zipPath) {
  const dir = mkdtempSync(join(work, 'x-'));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

function verifyCli(zipPath) {
  const r = spawnSync('cargo', ['run', '-q', '--release', '--bin', 'brand-radar', '--', 'verify', zipPath], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

/**
 * How many pixels of PNG `a` differ from PNG `b` (`{ diff, total }`), decoded
 * by `page`'s own canvas; different sizes count every pixel.
 */
function pixelDiff(page, a, b) {
  return page.evaluate(async ([a64, b64]) => {
    const read = async (b) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b}`;
      await img.decode();
      const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height);
    };
    const [x, y] = [await read(a64), await read(b64)];
    const total = x.width * x.height;
    if (x.width !== y.width || x.height !== y.height) return { diff: total, total, sizes: [x.width, x.height, y.width, y.height] };
    let diff = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) diff++;
    }
    return { diff, total };
  }, [Buffer.from(a).toString('base64'), Buffer.from(b).toString('base64')]);
}

/** A message key shown as it is (`reason_comparison`): its message is missing. */
const UNTRANSLATED = /\b[a-z]+(?:[A-Z][a-z]*)*_[a-z_]+\b/;
/** The hover card's text; with `click`, its first button is clicked too. */
const clickInCard = (page, click) => closedShadow(page, 'card', { click: click && true });

describe('capture', () => {
  test('from the popup: a comment with its screenshot, MHTML, snapshot, fragment and verdict, in under a second', async () => {
    const { page, tabId, info } = await open('/demo/ptt-thread.html');
    const top = info.frames[0].units.top[0];
    assert.equal(top.text, '雲朵早就爛透了，個資外洩還不道歉');
    const popup = await env.browser.context.newPage();
    await popup.goto(ext(`popup/popup.html?tab=${tabId}`));
    await popup.waitForSelector('#risks li .save');
    await page.bringToFront();
    const started = Date.now();
    await popup.click('#risks li:first-child .save');
    // Polled: a page in the background gets no animation frames.
    await popup.waitForFunction(() => /已存入證據庫/.test(document.querySelector('#save-note').textContent), null, { timeout: 5000, polling: 20 });
    const ms = Date.now() - started;
    assert.ok(ms <= 1000, `click to saved record took ${ms} ms`);

    const { records } = await readLocker(popup);
    const r = records.find((x) => x.details.text === top.text);
    assert.ok(r, 'the record is in the locker');
    assert.equal(r.final_url, page.url());
    assert.equal(r.url, page.url());
    assert.equal(r.title, await page.title());
    assert.match(r.captured_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(r.time_zone, 'time zone recorded');
    assert.equal(r.details.kind, 'unit');
    assert.equal(r.details.site, 'ptt');
    assert.equal(r.details.author, 'angrybird');
    assert.equal(r.details.time, '11/24 21:16');
    assert.equal(r.details.push, '噓');
    assert.deepEqual(r.details.mentions, ['雲朵咖啡']);
    assert.equal(r.details.verdict.label, 'neg');
    // A clearly negative comment is a negative review too.
    assert.deepEqual(r.details.verdict.crises, ['review', 'breach']);
    assert.equal(r.details.source, 'popup');
    assert.match(r.details.browser, /Chrom/);
    assert.equal(r.details.extension, '0.1.0');
    assert.deepEqual(r.artifacts.map((a) => a.kind).sort(),
      ['annotated-screenshot', 'fragment', 'html', 'mhtml', 'screenshot']);
    assert.match(r.prev, /^[0-9a-f]{64}$/);
    assert.match(r.hash, /^[0-9a-f]{64}$/);

    // The artifacts themselves, exported and read back.
    const locker = await lockerPage();
    await locker.fill('#search', 'angrybird');
    const zipPath = await download(locker, '#export-zip', 'popup.zip');
    const files = unzipSync(readFileSync(zipPath));
    const file = (kind) => files[r.artifacts.find((a) => a.kind === kind).name];
    assert.deepEqual([...file('screenshot').slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    const mhtml = new TextDecoder().decode(file('mhtml'));
    assert.match(mhtml, /Content-Type: multipart\/related/);
    const snapshot = new TextDecoder().decode(file('html'));
    assert.match(snapshot, /雲朵早就爛透了/);
    assert.doesNotMatch(snapshot, /<script/i, 'the snapshot runs nothing');
    assert.match(snapshot, /<style>[^<]*push-userid/, 'style sheets inlined');
    const fragment = new TextDecoder().decode(file('fragment'));
    assert.match(fragment, /^<div class="push">.*angrybird.*<\/div>$/s);
    assert.doesNotMatch(snapshot, /<brand-radar-(card|outline|banner)/, 'no element of ours in the snapshot');

    // The primary screenshot is the page as the site shows it: the same pixels as the same
    // page, scrolled alike, in a browser without the extension. The annotated one has our marks.
    const at = await page.evaluate(() => [scrollX, scrollY]);
    const plain = await launch({ extension: null });
    try {
      const bare = await plain.context.newPage();
      await bare.goto(page.url());
      await bare.evaluate(([x, y]) => scrollTo(x, y), at);
      await bare.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const expected = await bare.screenshot();
      const clean = await pixelDiff(bare, file('screenshot'), expected);
      assert.ok(clean.diff <= clean.total / 1000, `primary screenshot: ${JSON.stringify(clean)} pixels differ`);
      const marked = await pixelDiff(bare, file('annotated-screenshot'), expected);
      assert.ok(marked.diff > 1000, `annotated screenshot: only ${marked.diff} pixels differ`);
    } finally {
      await plain.close();
    }
    await Promise.all([popup.close(), locker.close(), page.close()]);
  });

  test('from the hover card: its verdict, and its button saves the comment (closed shadow root)', async () => {
    const { page } = await open('/demo/ptt-thread.html');
    // Page CSS that would wreck an unisolated card.
    await page.addStyleTag({ content: '* { display: none !important; color: transparent !important; } html, body, div, span { display: block !important; }' });
    await page.hover('text=個資外洩還不道歉');
    const card = await eventually(async () => {
      const text = await clickInCard(page);
      return /危急/.test(text) && text;
    });
    assert.match(card, /負面/);
    assert.match(card, /個資外洩/);
    assert.match(card, /爛透了/, 'the reasons name the negative phrase');
    assert.doesNotMatch(card, UNTRANSLATED, 'every reason kind is named in words');
    assert.ok(await page.evaluate(() => [...document.documentElement.children].every((c) => !c.shadowRoot)), 'closed to the page');
    const first = await lockerPage();
    const before = (await readLocker(first)).records.length;
    await first.close();
    await clickInCard(page, 'save');
    const saved = await eventually(async () => /已存入證據庫/.test(await clickInCard(page)));
    assert.ok(saved, 'the card says it is saved');
    const locker = await lockerPage();
    const { records } = await readLocker(locker);
    assert.equal(records.length, before + 1);
    const r = records.find((x) => x.details.source === 'hover');
    assert.equal(r.details.text, '雲朵早就爛透了，個資外洩還不道歉');
    await Promise.all([locker.close(), page.close()]);
  });

  test('the hover card of a comment naming two brands gives the verdict toward each', async () => {
    const { page } = await open('/demo/ptt-thread.html');
    await page.hover('text=改喝路易莎啦');
    const card = await eventually(async () => {
      const text = await clickInCard(page);
      return /對各品牌/.test(text) && text;
    });
    // 改喝路易莎啦 雲朵母湯: negative about our 雲朵, positive about the competitor 路易莎.
    assert.match(card, /雲朵咖啡 負面/);
    assert.match(card, /路易莎（競品） 正面/);
    assert.doesNotMatch(card, UNTRANSLATED, 'every reason kind is named in words');
    await page.close();
  });

  test('from the context menu (selection, link, page) and the keyboard shortcut', async () => {
    const { page, tabId } = await open('/demo/ptt-thread.html');
    const run = (fn, ...args) => env.browser.sw.evaluate(([f, a]) => globalThis.entryPoints[f](...a), [fn, args]);
    // A selection.
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNode([...document.querySelectorAll('.push-content')].find((s) => s.textContent.includes('爛透了')));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    const sel = await run('onMenuClick', { menuItemId: 'save-selection', selectionText: ': 雲朵早就爛透了，個資外洩還不道歉', frameId: 0 }, { id: tabId });
    assert.ok(sel.ok, JSON.stringify(sel));
    // The page, right-clicked on a comment: that comment is what is saved.
    await page.click('text=等官方說明吧', { button: 'right' });
    const onUnit = await run('onMenuClick', { menuItemId: 'save-page', frameId: 0 }, { id: tabId });
    assert.ok(onUnit.ok, JSON.stringify(onUnit));
    // The shortcut, with the pointer over a comment. The right click left the pointer on a
    // comment, whose hover card may now cover the next ones: away first, as a user would.
    await page.mouse.move(0, 0);
    await eventually(async () => !(await ourParts(page)).includes('card'));
    await page.hover('text=我還是覺得');
    await page.waitForTimeout(100);
    const key = await run('onCommand', 'save-evidence', { id: tabId });
    assert.ok(key.ok, JSON.stringify(key));
    const locker = await lockerPage();
    const { records } = await readLocker(locker);
    const byId = (id) => records.find((r) => r.id === id);
    assert.equal(byId(sel.id).details.kind, 'selection');
    assert.equal(byId(sel.id).details.text, ': 雲朵早就爛透了，個資外洩還不道歉');
    assert.match(new TextDecoder().decode(await fragmentOf(locker, byId(sel.id))), /^<span class="f3 push-content">: 雲朵早就爛透了/);
    assert.equal(byId(sel.id).details.source, 'menu');
    assert.equal(byId(sel.id).details.verdict.label, 'neg');
    assert.equal(byId(onUnit.id).details.kind, 'unit');
    assert.equal(byId(onUnit.id).details.text, '等官方說明吧，別亂傳謠言');
    assert.equal(byId(key.id).details.source, 'shortcut');
    assert.equal(byId(key.id).details.text, '我還是覺得雲朵的手沖很讚');
    assert.equal(await env.browser.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '✓');
    await Promise.all([locker.close(), page.close()]);
  });

  test('on every real saved page: the riskiest comment (or the page), timed', { skip: hasSharedPages ? false : `../shared/pages is absent (${SHARED_PAGES})` }, async () => {
    const pages = readdirSync(SHARED_PAGES, { withFileTypes: true }).filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(SHARED_PAGES, d.name)).filter((f) => f.endsWith('.html')).map((f) => `${d.name}/${f}`));
    const popup = await env.browser.context.newPage();
    await popup.goto(ext('popup/popup.html'));
    const timings = [];
    for (const path of pages) {
      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.origin}/shared/${path}`, { waitUntil: 'load' });
      const { tabId, info } = await waitForScan(env.browser.sw, page, { timeout: 60_000 });
      const top = info.frames[0].units?.top?.[0];
      const request = top ? { tabId, frameId: 0, unitId: top.id, target: 'unit' } : { tabId, frameId: 0, target: 'page' };
      await page.bringToFront();
      const r = await captureFrom(popup, { source: 'popup', ...request });
      assert.ok(r.ok, `${path}: ${r.message}`);
      timings.push([path, r.ms]);
      const rec = (await readLocker(popup)).records.find((x) => x.id === r.id);
      if (top) assert.equal(rec.details.text.slice(0, 140), top.text);
      assert.ok(rec.artifacts.find((a) => a.kind === 'mhtml').bytes > 1000, `${path}: MHTML saved`);
      await page.close();
    }
    console.log(`capture ms per real page: ${timings.map(([p, ms]) => `${p} ${ms}`).join(', ')}`);
    // The figure that matters (≤ 1 s a capture) is a benchmark's, printed above and kept in
    // docs/benchmarks.md. Since session 9 a capture takes two screenshots (the page as shown,
    // then annotated) under Chromium's limit of two a second, which back-to-back captures hit;
    // on this 2-core machine the 3 MB page took 1.3 s in one CI run and 3.0 s in a slow hour
    // with the same code. Here only a pathological slowdown fails.
    for (const [path, ms] of timings) assert.ok(ms <= 6000, `${path}: capture took ${ms} ms`);
    await popup.close();
  });
});

describe('bundle', () => {
  let zipPath;

  test('export: sha256sum -c and brand-radar verify accept it; report.html lists every item', async () => {
    const locker = await lockerPage();
    zipPath = await download(locker, '#export-zip', 'all.zip');
    const dir = extract(zipPath);
    const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    assert.doesNotMatch(sums, /FAILED/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.ok(manifest.records.length >= 5);
    for (const r of manifest.records) for (const a of r.artifacts) assert.match(sums, new RegExp(`${a.name}: OK`));
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const r of manifest.records) assert.ok(report.includes(r.artifacts.find((a) => a.kind === 'screenshot').sha256), `report lists ${r.id}`);
    assert.doesNotMatch(report, /<script/i);
    const v = verifyCli(zipPath);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, /verdict: intact/);
    assert.equal((v.out.match(/^OK /gm) ?? []).length, manifest.records.length);
    // The RFC 3161 request, over this manifest, as openssl reads it.
    const tsq = execFileSync('openssl', ['ts', '-query', '-in', 'timestamp.tsq', '-text'], { cwd: dir, encoding: 'utf8' });
    const digest = createHash('sha256').update(readFileSync(join(dir, 'manifest.json'))).digest('hex');
    const dump = tsq.split('Message data:')[1].split('Policy OID')[0].split('\n').filter((l) => l.includes(' - '));
    assert.equal(dump.map((l) => l.split(' - ')[1].slice(0, 47).replace(/[ -]/g, '')).join(''), digest);
    assert.match(tsq, /Certificate required: yes/);
    await locker.close();
  });

  test('one flipped byte in any artifact: sha256sum, verify and the locker import all refuse it, naming the file', async () => {
    const files = unzipSync(readFileSync(zipPath));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    const record = manifest.records[0];
    const locker = await lockerPage();
    for (const a of record.artifacts) {
      const tampered = { ...files, [a.name]: Uint8Array.from(files[a.name]) };
      tampered[a.name][Math.floor(tampered[a.name].length / 2)] ^= 1;
      const path = join(work, `tampered-${a.kind}.zip`);
      writeFileSync(path, zipSync(tampered));
      const v = verifyCli(path);
      assert.equal(v.code, 1, `${a.name}: ${v.out}`);
      assert.ok(v.out.includes(a.name), `verify names ${a.name}: ${v.out}`);
      assert.match(v.out, /^FAIL/m);
      const dir = extract(path);
      const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
      assert.notEqual(sums.status, 0);
      assert.match(sums.stdout, new RegExp(`${a.name}: FAILED`));
      await locker.setInputFiles('#import', path);
      await locker.waitForFunction((name) => document.querySelector('#message').textContent.includes(name), a.name, { polling: 50 });
      assert.equal(await locker.getAttribute('#message', 'class'), 'error');
      assert.match(await locker.textContent('#message'), /拒絕/);
    }
    await locker.setInputFiles('#import', zipPath);
    await locker.waitForFunction(() => document.querySelector('#message').className === 'ok', null, { polling: 50 });
    assert.match(await locker.textContent('#message'), /驗證通過/);
    await locker.setInputFiles('#import', { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await locker.waitForFunction(() => /ZIP/.test(document.querySelector('#message').textContent), null, { polling: 50 });
    await locker.close();
  });

  test('WACZ export validates with the wacz package', { skip: existsSync(WACZ) ? false : `${WACZ} is absent: run scripts/setup.sh` }, async () => {
    const locker = await lockerPage();
    const path = await download(locker, '#export-wacz', 'archive.wacz');
    const out = execFileSync(WACZ, ['validate', '-f', path], { encoding: 'utf8' });
    assert.match(out, /Validation succeeded/);
    const files = unzipSync(readFileSync(path));
    const pages = new TextDecoder().decode(files['pages/pages.jsonl']).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(pages.some((p) => p.url?.endsWith('/demo/ptt-thread.html')));
    const cdx = new TextDecoder().decode(files['indexes/index.cdx']);
    assert.match(cdx, /"mime":"text\/html"/);
    await locker.close();
  });
});

describe('locker', () => {
  test('storage that stays: not evicted, with the space used and free in plain words', async () => {
    const locker = await lockerPage();
    await locker.waitForSelector('#storage[data-kept]');
    // unlimitedStorage exempts the extension's storage from eviction (and from the quota).
    assert.equal(await locker.getAttribute('#storage', 'data-kept'), 'true');
    assert.equal(await locker.evaluate(() => chrome.permissions.contains({ permissions: ['unlimitedStorage'] })), true);
    assert.match(await locker.textContent('#storage'), /^已用 [\d.]+ (KB|MB|GB)，尚可用 [\d.]+ (KB|MB|GB)；瀏覽器不會自動清除/);
    await locker.close();
  });

  test('search, filter, note and tags, delete with confirmation recorded in the chain', async () => {
    const locker = await lockerPage();
    const count = () => locker.$$eval('#list li[data-id]', (l) => l.length);
    const all = await count();
    await locker.fill('#search', '等官方說明');
    assert.equal(await count(), 1);
    await locker.fill('#search', '');
    await locker.selectOption('#f-crisis', 'breach');
    const breach = await count();
    assert.ok(breach >= 2 && breach < all, `${breach} of ${all}`);
    await locker.selectOption('#f-crisis', '');
    await locker.selectOption('#f-site', 'ptt');
    assert.ok(await count() >= 5);
    await locker.selectOption('#f-site', '');

    await locker.click('#list li[data-id]:first-child');
    await locker.waitForSelector('#detail:not([hidden])');
    assert.match(await locker.textContent('#d-meta'), /[0-9a-f]{64}/);
    await locker.fill('#d-note', '已向平台檢舉');
    await locker.fill('#d-tags', '檢舉, 律師');
    await locker.click('#d-save');
    await locker.waitForFunction(() => /已儲存/.test(document.querySelector('#message').textContent), null, { polling: 50 });
    await locker.fill('#search', '律師');
    assert.equal(await count(), 1);
    await locker.fill('#search', '');

    const id = await locker.getAttribute('#list li[data-id]:first-child', 'data-id');
    await locker.check(`#list li[data-id="${id}"] input`);
    let asked = null;
    locker.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await locker.click('#delete');
    assert.match(asked, /確定刪除 1 筆/);
    assert.equal(await count(), all, 'dismissed: nothing deleted');
    locker.once('dialog', (d) => d.accept());
    await locker.click('#delete');
    await locker.waitForFunction((n) => document.querySelectorAll('#list li[data-id]').length === n, all - 1, { polling: 50 });
    const state = await readLocker(locker);
    assertConsistent(state);
    const last = state.chain.at(-1);
    assert.equal(last.kind, 'deletion');
    assert.equal(last.id, id);
    assert.match(await locker.textContent('#chain'), /1 筆刪除/);

    // A bundle exported after the deletion still verifies: the deletion is a sealed link.
    const path = await download(locker, '#export-zip', 'after-delete.zip');
    const v = verifyCli(path);
    assert.equal(v.code, 0, v.out);
    await locker.close();
  });
});

describe('takedown kit', () => {
  test('for the impersonation page: a report citing the locker\'s record, hashes and time; steps; nothing sent', async () => {
    const { page } = await open('/demo/fake-fanpage.html');
    await waitForPart(page, 'banner');
    // The warning's own button saves the page.
    await closedShadow(page, 'banner', { click: '存證' });
    // The capture shoots this tab: it stays in front until the banner says it is saved.
    assert.ok(await eventually(async () => /已存入證據庫/.test(await closedShadow(page, 'banner'))),
      'the banner says it is saved');
    const first = await lockerPage();
    const record = await eventually(async () => (await readLocker(first)).records
      .find((r) => r.final_url.endsWith('/demo/fake-fanpage.html') && r.details.source === 'banner'));
    assert.ok(record, 'the banner saved the page');
    await first.close();
    const locker = await lockerPage();
    await locker.fill('#search', '十週年感恩');
    await locker.waitForFunction((id) => [...document.querySelectorAll('#list li[data-id]')].map((l) => l.dataset.id)
      .join() === id, record.id);
    await locker.click('#takedown');
    await locker.waitForSelector('#kit:not([hidden])');
    // Served from 127.0.0.1: no platform known, the general steps.
    assert.equal(await locker.inputValue('#kit-platform'), 'other');
    const text = await locker.inputValue('#kit-text');
    const shot = record.artifacts.find((a) => a.kind === 'screenshot');
    for (const want of [record.id, record.hash, record.captured_at, shot.sha256, record.final_url,
      ...WATCHLIST.brands[0].official, '主旨：檢舉冒用「雲朵咖啡」名義']) {
      assert.ok(text.includes(want), `the report cites ${want}`);
    }
    await locker.selectOption('#kit-platform', 'facebook');
    assert.match(await locker.textContent('#kit-steps'), /檢舉粉絲專頁/);
    await locker.selectOption('#kit-lang', 'en');
    assert.match(await locker.inputValue('#kit-text'), /^Subject: report: impersonating Facebook Page using the name of 雲朵咖啡/);
    // The bundle goes with it: exported from the kit, named in the report.
    const [dl] = await Promise.all([locker.waitForEvent('download'), locker.click('#kit-bundle')]);
    const bundle = join(work, dl.suggestedFilename());
    await dl.saveAs(bundle);
    assert.ok((await locker.inputValue('#kit-text')).includes(dl.suggestedFilename()));
    const verified = spawnSync('cargo', ['run', '-q', '--release', '--', 'verify', bundle], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    // Saved as text, exactly what is shown.
    const saved = await download(locker, '#kit-save', 'takedown.txt');
    assert.equal(readFileSync(saved, 'utf8'), await locker.inputValue('#kit-text'));

    // The team digest of the day names the scam page and the evidence, as the locker holds it.
    const dash = await env.browser.context.newPage();
    await dash.goto(ext('dashboard/dashboard.html'));
    await dash.waitForSelector('body[data-ready]');
    await dash.click('#digest-open');
    await dash.waitForSelector('body[data-digest]');
    const md = await dash.inputValue('#digest-text');
    const section = (title) => md.slice(md.indexOf(`## ${title}`), md.indexOf('\n## ', md.indexOf(`## ${title}`) + 3));
    assert.match(section('高風險以上'), /雲朵咖啡 Cloud Cafe 官方粉絲團｜十週年感恩抽獎/, 'the impersonation, critical');
    assert.ok(section('新存證').includes(`${record.id} · ${record.captured_at}`), section('新存證'));
    await Promise.all([dash.close(), locker.close(), page.close()]);
  });
});

describe('atomic saves', () => {
  test('stopping the service worker during saves loses nothing saved and leaves no half record', async () => {
    const { page, tabId } = await open('/demo/ptt-thread.html');
    const popup = await env.browser.context.newPage();
    await popup.goto(ext('popup/popup.html'));
    const cdp = await env.browser.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    const before = await readLocker(popup);
    assertConsistent(before);
    let stopped = 0;
    for (const delay of [0, 20, 40, 60, 80, 100, 130, 160, 200]) {
      await page.bringToFront();
      const save = captureFrom(popup, { tabId, frameId: 0, target: 'page', source: 'popup' }).catch((e) => ({ ok: false, message: String(e) }));
      await new Promise((r) => setTimeout(r, delay));
      await cdp.send('ServiceWorker.stopAllWorkers');
      stopped++;
      await save;
      const now = await readLocker(popup);
      assertConsistent(now);
      for (const r of before.records) assert.ok(now.records.some((x) => x.id === r.id && x.hash === r.hash), `${r.id} survived`);
    }
    const after = await readLocker(popup);
    assert.ok(stopped === 9);
    console.log(`records before ${before.records.length}, after 9 interrupted saves ${after.records.length}`);
    // The worker comes back on the next event and saves normally.
    const ok = await eventually(async () => (await captureFrom(popup, { tabId, frameId: 0, target: 'page', source: 'popup' }).catch(() => null))?.ok);
    assert.ok(ok, 'saving works again after the stops');
    assertConsistent(await readLocker(popup));
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('backup and restore', () => {
  let backupPath;
  /** Deletes the first listed record in a locker page, confirming; resolves to its id. */
  async function deleteFirst(locker) {
    const n = await locker.$$eval('#list li[data-id]', (l) => l.length);
    const id = await locker.getAttribute('#list li[data-id]:first-child', 'data-id');
    await locker.check(`#list li[data-id="${id}"] input`);
    locker.once('dialog', (d) => d.accept());
    await locker.click('#delete');
    await locker.waitForFunction((k) => document.querySelectorAll('#list li[data-id]').length === k, n - 1, { polling: 50 });
    return id;
  }
  const said = (page, pattern) => page.waitForFunction((p) => new RegExp(p).test(document.querySelector('#message').textContent),
    pattern.source, { polling: 50, timeout: 60_000 });

  test('back up, wipe, restore: the same verifiable locker; tampered, truncated and diverged backups refused', async () => {
    const locker = await lockerPage();
    const mine = await readLocker(locker);
    assert.ok(mine.records.length >= 5, `${mine.records.length} records to back up`);
    const path = await download(locker, '#backup', 'backup.zip');
    backupPath = path;
    await said(locker, /已備份 \d+ 筆/);
    // A backup is a bundle: the CLI and sha256sum check it as one.
    const v = verifyCli(path);
    assert.equal(v.code, 0, v.out.slice(0, 2000));
    const files = unzipSync(readFileSync(path));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    assert.equal(manifest.kind, 'backup');
    assert.equal(manifest.records.length, mine.records.length);
    assert.deepEqual(manifest.chain.length, mine.chain.length);
    assert.ok(JSON.parse(new TextDecoder().decode(files['backup/settings.json'])).watchlist.brands.length > 0);
    assert.ok(Array.isArray(JSON.parse(new TextDecoder().decode(files['backup/history.json']))));

    // A new profile: an empty locker, no watchlist.
    const fresh = await launch();
    try {
      const page = await fresh.context.newPage();
      await page.goto(`chrome-extension://${fresh.extensionId}/locker/locker.html`);
      await page.waitForSelector('body[data-ready]');

      // Tampered (one byte of one artifact) and truncated backups: refused, naming why; nothing restored.
      const victim = manifest.records[0].artifacts[0].name;
      const tampered = { ...files, [victim]: Uint8Array.from(files[victim]) };
      tampered[victim][Math.floor(tampered[victim].length / 2)] ^= 1;
      writeFileSync(join(work, 'backup-tampered.zip'), zipSync(tampered));
      await page.setInputFiles('#restore', join(work, 'backup-tampered.zip'));
      await said(page, /無法還原/);
      assert.ok((await page.textContent('#message')).includes(victim), await page.textContent('#message'));
      const whole = readFileSync(path);
      await page.setInputFiles('#restore', { name: 'cut.zip', mimeType: 'application/zip',
        buffer: whole.subarray(0, Math.floor(whole.length * 0.7)) });
      await said(page, /無法還原.*ZIP/);
      assert.equal((await readLocker(page)).records.length, 0, 'nothing restored from a bad backup');

      await page.setInputFiles('#restore', path);
      await said(page, new RegExp(`已還原 ${mine.records.length} 筆證據`));
      const back = await readLocker(page);
      const byId = (list) => list.map((r) => `${r.id} ${r.hash}`).sort();
      assert.deepEqual(byId(back.records), byId(mine.records));
      assert.deepEqual(back.chain, mine.chain);
      assert.deepEqual([...back.files].sort(), [...mine.files].sort());
      assertConsistent(back);
      assert.match(await page.textContent("#chain"), /雜湊鏈完整/);
      // Settings come back into a fresh profile.
      const watchlist = await fresh.sw.evaluate(async () => (await chrome.storage.sync.get('watchlist')).watchlist
        ?? (await chrome.storage.local.get('watchlist')).watchlist);
      assert.deepEqual(watchlist.brands.map((b) => b.name), WATCHLIST.brands.map((b) => b.name));
      // Again: nothing new.
      await page.setInputFiles('#restore', path);
      await said(page, /都已在證據庫中/);
      // The restored locker exports bundles the CLI verifies.
      const exported = await download(page, '#export-zip', 'restored.zip');
      assert.equal(verifyCli(exported).code, 0);

      // Each locker goes its own way: a deletion here, another there, a new backup of that one.
      await deleteFirst(page);
      await locker.reload();
      await locker.waitForSelector('body[data-ready]');
      await locker.fill('#search', '');
      const before = await readLocker(page);
      await deleteFirst(locker);
      await page.bringToFront();
      const newer = await download(locker, '#backup', 'backup-newer.zip');
      await page.setInputFiles('#restore', newer);
      await said(page, /無法還原.*各自/);
      assert.deepEqual(await readLocker(page), before, 'a refused restore changes nothing');
    } finally {
      await fresh.close();
    }
    await locker.close();
  });
});

describe('migrations and reminders', () => {
  test('a version-1 locker opens upgraded: every record and the chain intact; the backup reminder', async () => {
    const files = unzipSync(readFileSync(join(work, 'backup.zip')));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    const fresh = await launch();
    try {
      const url = (p) => `chrome-extension://${fresh.extensionId}/${p}`;
      // The fixture: the locker as version 1 wrote it (its four stores), filled with the backup's
      // records, files and chain, written by a page that does not open the locker itself.
      const writer = await fresh.context.newPage();
      await writer.goto(url('dashboard/dashboard.html'));
      const artifacts = Object.fromEntries(manifest.records.flatMap((r) => r.artifacts)
        .map((a) => [a.name, Buffer.from(files[a.name]).toString('base64')]));
      await writer.evaluate(([m, bytes]) => new Promise((resolve, reject) => {
        const req = indexedDB.open('brand-radar-evidence', 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          db.createObjectStore('records', { keyPath: 'id' });
          db.createObjectStore('files');
          db.createObjectStore('chain', { autoIncrement: true });
          db.createObjectStore('notes', { keyPath: 'id' });
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['records', 'files', 'chain'], 'readwrite');
          for (const r of m.records) tx.objectStore('records').put(r);
          for (const [name, b64] of Object.entries(bytes)) {
            tx.objectStore('files').put(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]), name);
          }
          for (const link of m.chain) tx.objectStore('chain').add(link);
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      }), [manifest, artifacts]);
      await writer.close();

      // Remind after 3 captures not backed up.
      await fresh.sw.evaluate(() => chrome.storage.local.set({ backupCaptures: 3 }));
      const locker = await fresh.context.newPage();
      await locker.goto(url('locker/locker.html'));
      await locker.waitForSelector('body[data-ready]');
      const state = await readLocker(locker);
      const version = await locker.evaluate(() => new Promise((r) => {
        const req = indexedDB.open('brand-radar-evidence');
        req.onsuccess = () => { const db = req.result; r([db.version, [...db.objectStoreNames],
          [...db.transaction('records').objectStore('records').indexNames]]); db.close(); };
      }));
      assert.deepEqual(version, [2, ['chain', 'files', 'meta', 'notes', 'records'], ['captured_at']]);
      assert.equal(state.records.length, manifest.records.length);
      assert.deepEqual(state.chain, manifest.chain);
      assertConsistent(state);
      assert.match(await locker.textContent('#chain'), /雜湊鏈完整/);
      const exported = await download(locker, '#export-zip', 'migrated.zip');
      assert.equal(verifyCli(exported).code, 0, 'the upgraded locker exports a bundle that verifies');

      // Nothing was ever backed up in this profile: the popup and the locker say how much.
      await locker.waitForSelector('#backup-reminder:not([hidden])');
      assert.match(await locker.textContent('#backup-reminder'), new RegExp(`有 ${manifest.records.length} 筆證據還沒備份`));
      const popup = await fresh.context.newPage();
      await popup.goto(url('popup/popup.html'));
      await popup.waitForSelector('#backup-reminder:not([hidden])');
      assert.match(await popup.textContent('#backup-reminder'), /還沒備份.*立即備份/);
      // "Later": gone from the popup until as many captures or days again.
      await popup.click('#backup-reminder button');
      await popup.waitForSelector('#backup-reminder', { state: 'hidden' });
      await popup.reload();
      await popup.waitForTimeout(500);
      assert.equal(await popup.isHidden('#backup-reminder'), true);
      // Dismissed for the locker too.
      await locker.reload();
      await locker.waitForSelector('body[data-ready]');
      await locker.waitForTimeout(300);
      assert.equal(await locker.isHidden('#backup-reminder'), true);
      // A backup is noted in the locker's bookkeeping: nothing is left to remind of.
      await download(locker, '#backup', 'backup-after-migration.zip');
      await locker.waitForFunction(() => /已備份/.test(document.querySelector('#message').textContent));
      const meta = await locker.evaluate(() => new Promise((r) => {
        const req = indexedDB.open('brand-radar-evidence');
        req.onsuccess = () => {
          const get = req.result.transaction('meta').objectStore('meta').get('backup');
          get.onsuccess = () => { r(get.result); req.result.close(); };
        };
      }));
      assert.equal(meta.records, manifest.records.length);
    } finally {
      await fresh.close();
    }
  });
});

describe('speed', () => {
  test('export of 100 records in at most 10 s', async () => {
    const { page, tabId } = await open('/demo/ptt-thread.html');
    const popup = await env.browser.context.newPage();
    await popup.goto(ext('popup/popup.html'));
    await page.bringToFront();
    const have = (await readLocker(popup)).records.length;
    for (let i = have; i < 100; i++) {
      const r = await captureFrom(popup, { tabId, frameId: 0, target: 'page', source: 'popup' });
      assert.ok(r.ok, r.message);
    }
    const locker = await lockerPage();
    assert.equal(await locker.$$eval('#list li[data-id]', (l) => l.length), Math.max(100, have));
    const started = Date.now();
    const path = await download(locker, '#export-zip', 'hundred.zip');
    const ms = Date.now() - started;
    console.log(`export of ${Math.max(100, have)} records: ${ms} ms (in-page ${await locker.getAttribute('body', 'data-export-ms')} ms)`);
    assert.ok(ms <= 10_000, `export took ${ms} ms`);
    const v = verifyCli(path);
    assert.equal(v.code, 0, v.out.slice(0, 2000));
    await Promise.all([popup.close(), locker.close(), page.close()]);
  });
});
