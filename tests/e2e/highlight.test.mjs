// End to end: the built extension in Debian's Chromium highlights watched
// brands on synthetic pages covering every case the content script handles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import {
  ROOT, badgeText, domUnchanged, eventually, highlights, snapshotOnLoad, useBrowser, waitForScan,
} from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'tests/e2e/watchlist.json'), 'utf8'));
const MENTION = 'brand-radar-mention';
const COMPETITOR = 'brand-radar-competitor';

const env = useBrowser({ '/pages/': join(ROOT, 'tests/e2e/pages') }, WATCHLIST);

async function open(path) {
  const page = await env.browser.context.newPage();
  await snapshotOnLoad(page);
  await page.goto(`${env.server.origin}/pages/${path}`);
  return page;
}

/** Polls until `check(highlights)` holds, returning the last highlights. */
async function until(frame, check, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let h;
  while (Date.now() < deadline) {
    h = await highlights(frame);
    if (check(h)) return h;
    await new Promise((r) => setTimeout(r, 50));
  }
  return h;
}

describe('highlighting', () => {
  test('finds every spelling, skips hidden and editable text, leaves the DOM alone', async () => {
    const page = await open('basic.html');
    const { tabId, info } = await waitForScan(env.browser.sw, page);
    const h = await highlights(page);
    assert.deepEqual(h[MENTION], [
      '雲朵咖啡', '雲朵咖啡', '云朵', '雲.朵', '雲 朵', 'ＣｌｏｕｄＣａｆｅ', 'C l o u d Cafe', '雲\u200B朵', '雲朵',
    ]);
    assert.deepEqual(h[COMPETITOR], ['Starbucks']);
    assert.equal(info.frames[0].total, 10);
    assert.equal(info.frames[0].mode, 'local');
    assert.equal(await badgeText(env.browser.sw, tabId), '10');
    assert.equal(await domUnchanged(page), true, 'page DOM changed');
    await page.close();
  });

  test('judges where text nodes meet by the page\'s blocks, lines and words', async () => {
    const page = await open('blocks.html');
    const { info } = await waitForScan(env.browser.sw, page);
    const h = await highlights(page);
    // Inline elements join a name; blocks, cells and <br> end one, and a
    // name at the end of a block is still found; a word going on in the
    // next inline element is no word edge.
    assert.deepEqual(h[MENTION], ['雲朵咖啡', 'Cloud Cafe', 'CloudCafe', 'CloudCafe', '雲朵']);
    assert.deepEqual(h[COMPETITOR], ['Starbucks', 'Starbucks']);
    assert.equal(info.frames[0].total, 7);
    assert.equal(await domUnchanged(page), true, 'page DOM changed');
    await page.close();
  });

  test('keeps up with infinite scroll, edited text and SPA navigation', async () => {
    const page = await open('dynamic.html');
    const { tabId } = await waitForScan(env.browser.sw, page);
    assert.deepEqual((await highlights(page))[MENTION], ['雲朵咖啡']);

    await page.evaluate(() => window.addMore(3));
    let h = await until(page, (x) => x[COMPETITOR]?.length === 3);
    assert.deepEqual(h[COMPETITOR], ['Starbucks', 'Starbucks', 'Starbucks']);
    // The badge follows the marks once the background has the frame's report;
    // waiting for each count keeps an earlier one from passing for a later.
    const badge = (text) => eventually(async () => await badgeText(env.browser.sw, tabId) === text);
    assert.ok(await badge('4'), `badge ${await badgeText(env.browser.sw, tabId)}, not 4, after the feed grew`);

    await page.evaluate(() => window.editFirst());
    h = await until(page, (x) => x[MENTION]?.[0] === '雲朵');
    assert.deepEqual(h[MENTION], ['雲朵']);

    await page.evaluate(() => window.navigate());
    h = await until(page, (x) => x[MENTION]?.[0] === 'CloudCafe' && !x[COMPETITOR]?.length);
    assert.deepEqual(h[MENTION], ['CloudCafe']);
    assert.deepEqual(h[COMPETITOR] ?? [], []);
    assert.ok(await badge('1'), `badge ${await badgeText(env.browser.sw, tabId)}, not 1, after navigating`);
    await page.close();
  });

  test('reads open shadow roots, including late ones, and not closed ones', async () => {
    const page = await open('shadow.html');
    await waitForScan(env.browser.sw, page);
    let h = await until(page, (x) => x[MENTION]?.length === 2);
    assert.deepEqual(h[MENTION], ['雲朵', '雲朵咖啡']);
    assert.deepEqual(h[COMPETITOR] ?? [], []);
    await page.evaluate(() => window.addLateShadow());
    h = await until(page, (x) => x[MENTION]?.length === 3);
    assert.deepEqual(h[MENTION], ['雲朵', '雲朵咖啡', 'CloudCafe']);
    await page.close();
  });

  test('covers same-origin and srcdoc iframes; the badge sums the frames', async () => {
    const page = await open('frames.html');
    const { tabId } = await waitForScan(env.browser.sw, page, { frames: 3 });
    assert.deepEqual((await highlights(page))[MENTION], ['雲朵']);
    const child = page.frames().find((f) => f.url().endsWith('frame-child.html'));
    const srcdoc = page.frames().find((f) => f.url() === 'about:srcdoc');
    assert.deepEqual((await until(child, (x) => x[MENTION]?.length))[MENTION], ['CloudCafe']);
    const s = await until(srcdoc, (x) => x[MENTION]?.length && x[COMPETITOR]?.length);
    assert.deepEqual(s[MENTION], ['雲朵咖啡']);
    assert.deepEqual(s[COMPETITOR], ['Starbucks']);
    // The storage write comes before the badge's: wait for the badge itself.
    assert.ok(await eventually(async () => await badgeText(env.browser.sw, tabId) === '4'),
      `badge ${await badgeText(env.browser.sw, tabId)}, not 4`);
    await page.close();
  });

  test('works on a page whose CSP blocks WebAssembly, through the background', async () => {
    const page = await open('csp.html');
    const { info } = await waitForScan(env.browser.sw, page);
    assert.equal(info.frames[0].mode, 'background');
    assert.deepEqual((await highlights(page))[MENTION], ['雲朵咖啡']);
    assert.equal(await page.textContent('#ok'), 'page script ran');
    assert.equal(await domUnchanged(page), true);
    await page.close();
  });
});
