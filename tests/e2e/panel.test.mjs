// End to end: the side panel lists the page's negative comments and brand
// mentions, riskiest first; a click scrolls there; "save" captures evidence.
// Also the option to mark only comments that mention a watched brand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, highlights, settledHighlights, useBrowser, waitForScan } from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8'));
const env = useBrowser({ '/demo/': join(ROOT, 'demo/pages') }, WATCHLIST);

describe('side panel', () => {
  test('lists negative units and mentions by risk; click scrolls there; save captures', async () => {
    const page = await env.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 300 });
    await page.goto(`${env.server.origin}/demo/ptt-thread.html`);
    await settledHighlights(page, { quiet: 500 });
    const { tabId } = await waitForScan(env.browser.sw, page);
    const panel = await env.browser.context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel/panel.html?tab=${tabId}`);
    await panel.waitForSelector('#units li[data-unit]');
    assert.equal(await panel.textContent('#counts'), '共 5 則留言：負面 4、中立 0、正面 1');
    const rows = await panel.$$eval('#units li[data-unit]', (lis) => lis.map((li) => [li.className, li.querySelector('.text').textContent, li.querySelector('.chip').textContent]));
    assert.deepEqual(rows.map((r) => r[1]), [
      '雲朵早就爛透了，個資外洩還不道歉', '我也收到簡訊，一看就是詐騙，雲朵官方有發聲明', '等官方說明吧，別亂傳謠言', '改喝路易莎啦 雲朵母湯',
      '我還是覺得雲朵的手沖很讚',
    ], 'negative ones riskiest first (the rumour talk and the jab, a negative review toward 雲朵, tie at 4 × 3: the more negative first), then the positive one that mentions the brand');
    assert.deepEqual(rows.slice(2, 4).map((r) => r[2]), ['風險 高', '風險 高']);
    assert.deepEqual(rows.slice(0, 2).map((r) => r[2]), ['風險 危急', '風險 危急']);
    assert.equal(rows[4][0], 'pos');

    await page.evaluate(() => scrollTo(0, 0));
    await panel.click('#units li[data-unit]:nth-child(5) .text');
    await page.waitForFunction(() => scrollY > 0, null, { polling: 50 });
    const last = await page.evaluate(() => [...document.querySelectorAll('.push')].at(-1).textContent);
    assert.deepEqual((await highlights(page))['brand-radar-focus'], [last], 'the whole comment is in focus');

    await page.bringToFront();
    await panel.click('#units li[data-unit]:first-child .save');
    await panel.waitForFunction(() => ['✓', '!'].includes(document.querySelector('#units li[data-unit] .save').textContent), null, { polling: 50 });
    assert.equal(await panel.textContent('#units li[data-unit] .save'), '✓', await panel.getAttribute('#units li[data-unit] .save', 'title'));
    await Promise.all([panel.close(), page.close()]);
  });

  test('"only comments that mention a brand" leaves the others unmarked', async () => {
    await env.browser.sw.evaluate(() => Promise.all([chrome.storage.local.set({ onlyMentions: true }), chrome.storage.sync.remove('onlyMentions')]));
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/ptt-thread.html`);
    const h = await settledHighlights(page, { quiet: 500 });
    const { info } = await waitForScan(env.browser.sw, page);
    // "等官方說明吧，別亂傳謠言" names no brand: not scored, not tinted.
    assert.equal(info.frames[0].units.total, 4);
    for (const name of ['brand-radar-unit-neg', 'brand-radar-unit-pos']) {
      for (const text of h[name] ?? []) assert.doesNotMatch(text, /等官方說明/);
    }
    await env.browser.sw.evaluate(() => chrome.storage.local.set({ onlyMentions: false }));
    await page.close();
  });
});
