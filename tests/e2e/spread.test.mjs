// End to end: spread velocity. A PTT thread about our brand, served from a
// folder this test rewrites between visits, gains 噓 fast: the page is
// flagged spreading (the chip on the page, the popup, the badge), one alert
// goes out, and the dashboard lists it as rising; a quiet thread is not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, closedShadow, eventually, useBrowser, waitForScan } from './harness.mjs';

const live = mkdtempSync(join(tmpdir(), 'brand-radar-live-'));
const env = useBrowser({ '/live/': live }, JSON.parse(readFileSync(join(ROOT, 'tests/e2e/watchlist.json'), 'utf8')));

/** A PTT thread about 雲朵咖啡 with `boos` 噓 pushes and `pushes` 推. */
function thread(file, boos, pushes = 2) {
  const push = (tag, i, text) => `<div class="push"><span class="hl push-tag">${tag} </span>`
    + `<span class="f3 hl push-userid">user${tag === '噓' ? 'b' : 'p'}${i}</span>`
    + `<span class="f3 push-content">: ${text}</span><span class="push-ipdatetime"> 12/03 10:${String(i % 60).padStart(2, '0')}</span></div>`;
  const rows = [
    ...Array.from({ length: pushes }, (_, i) => push('推', i, `雲朵的拿鐵還是不錯喝 ${i}`)),
    ...Array.from({ length: boos }, (_, i) => push('噓', i, `雲朵咖啡爛透了，吃完拉肚子 第${i}樓`)),
  ];
  writeFileSync(join(live, file), `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>[爆卦] 雲朵咖啡吃完拉肚子 - 看板 Gossiping - 批踢踢實業坊</title></head><body>
<div id="main-content"><div class="article-metaline"><span class="article-meta-tag">標題</span><span class="article-meta-value">[爆卦] 雲朵咖啡吃完拉肚子</span></div>
昨天在雲朵咖啡吃完，半夜一直拉肚子。
--
${rows.join('\n')}
</div></body></html>`);
}

const spreadNotes = () => env.browser.sw.evaluate(async () => Object.keys(await chrome.notifications.getAll())
  .filter((id) => id.startsWith('spread:')));

describe('spread velocity', () => {
  test('a thread gaining 噓 fast: flagged on the page and in the popup, alerted once, listed as rising', async () => {
    thread('storm.html', 3);
    thread('calm.html', 1);
    const page = await env.browser.context.newPage();
    const url = `${env.server.origin}/live/storm.html`;
    await page.goto(url);
    await waitForScan(env.browser.sw, page);
    const calm = await env.browser.context.newPage();
    await calm.goto(`${env.server.origin}/live/calm.html`);
    await waitForScan(env.browser.sw, calm);
    assert.deepEqual(await spreadNotes(), [], 'one visit is no rate');

    // Minutes later (for the rate, at least MIN_HOURS: five minutes), 45 more 噓.
    thread('storm.html', 48);
    await page.reload();
    const { tabId } = await waitForScan(env.browser.sw, page);
    await calm.reload();
    await waitForScan(env.browser.sw, calm);
    const chip = await eventually(async () => {
      const text = await closedShadow(page, 'spread');
      return /擴散中/.test(text) && text;
    }, 15_000);
    assert.match(chip, /每小時 \+\d+ 噓/);
    assert.match(chip, /則負面留言/);
    assert.equal(await closedShadow(calm, 'spread'), '', 'the calm thread is not flagged');
    assert.deepEqual((await spreadNotes()).length, 1, 'one alert');

    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('#spread:not([hidden])');
    assert.match(await popup.textContent('#spread'), /^擴散中：每小時 \+\d+ 噓/);
    assert.equal(await env.browser.sw.evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId)
      .then((c) => c.slice(0, 3).join()), '232,113,10', 'the badge turns orange');
    await popup.close();

    // Seen again the same day: no second alert.
    await env.browser.sw.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    thread('storm.html', 90);
    await page.reload();
    await waitForScan(env.browser.sw, page);
    await page.waitForTimeout(500);
    assert.deepEqual(await spreadNotes(), [], 'once a day per page');

    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard/dashboard.html`);
    await dash.waitForSelector('body[data-rising]');
    assert.equal(await dash.getAttribute('body', 'data-rising'), '1');
    const row = await dash.textContent('#rising tbody tr');
    assert.match(row, /雲朵咖啡吃完拉肚子/);
    assert.match(row, /每小時 \+\d+ 噓/);
    assert.equal(await dash.getAttribute('#rising tbody tr a', 'href'), url);

    // The team digest of the day: the thread's negatives and its spreading, to paste or mail.
    await dash.click('#digest-open');
    await dash.waitForSelector('body[data-digest]');
    const md = await dash.inputValue('#digest-text');
    assert.match(md, /^# 品牌雷達摘要：雲朵咖啡/);
    assert.match(md, /## 正在擴散 \(1\)\n\n- \[\\\[爆卦\\\] 雲朵咖啡吃完拉肚子/);
    assert.ok(md.includes(`(${url})`));
    assert.match(md, /## 新的負面留言 \((\d+)\)/);
    assert.ok(Number(/## 新的負面留言 \((\d+)\)/.exec(md)[1]) >= 45, 'the thread\'s negatives');
    await dash.selectOption('#digest-lang', 'en');
    await dash.waitForFunction(() => document.querySelector('#digest-text').value.startsWith('# Brand Radar digest'));
    const [dl] = await Promise.all([dash.waitForEvent('download'), dash.click('#digest-html')]);
    const html = readFileSync(await dl.path(), 'utf8');
    assert.match(html, /<h2>Spreading \(1\)<\/h2>/);
    assert.ok(html.includes(`href="${url}"`));
    await Promise.all([dash.close(), calm.close(), page.close()]);
  });

  test('a negative comment whose likes climb fast: flagged, alerted, rising, its reach over time in the side panel', async () => {
    const video = (likes) => writeFileSync(join(live, 'video.html'), `<!doctype html><html lang="zh-Hant"><head>
<meta charset="utf-8"><title>雲朵咖啡開箱 - YouTube</title></head><body><div id="contents">
<ytd-comment-view-model><a id="author-text" href="/@a"><span>@angry</span></a>
  <span id="content-text">雲朵咖啡的店員態度超差，把我的餐點用摔的，爛透了</span><span id="vote-count-middle">${likes}</span>
</ytd-comment-view-model>
<ytd-comment-view-model><a id="author-text" href="/@b"><span>@fan</span></a>
  <span id="content-text">雲朵咖啡的肉桂捲很好吃</span><span id="vote-count-middle">2</span>
</ytd-comment-view-model></div></body></html>`);
    video(3);
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/live/video.html`);
    await waitForScan(env.browser.sw, page);
    await page.waitForTimeout(800); // the history is written after the scan's report
    video(420);
    await page.reload();
    const { tabId } = await waitForScan(env.browser.sw, page);
    const notes = await eventually(async () => {
      const ids = await spreadNotes();
      return ids.some((id) => !id.includes('http')) && ids;
    });
    assert.ok(notes, 'an alert for the comment');

    const panel = await env.browser.context.newPage();
    await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel/panel.html?tab=${tabId}`);
    await panel.waitForSelector('#units li .reach');
    assert.match(await panel.textContent('#units li .reach'), /^讚與回覆：3 → 420（每小時 \+\d+）$/);
    await panel.close();

    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard/dashboard.html`);
    await dash.waitForSelector('body[data-rising]');
    const rows = await dash.$$eval('#rising tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.some((r) => r.includes('店員態度超差') && /每小時 \+\d+ 讚與回覆/.test(r)), rows.join(' | '));
    await Promise.all([dash.close(), page.close()]);
  });
});

