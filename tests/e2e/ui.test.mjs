// End to end: the popup (counts, jump to a mention, pause / resume) and the
// options page (edit, import, export-safe validation) in real Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ROOT, badgeText, eventually, highlights, launch, setWatchlist, useBrowser, waitForScan,
} from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'tests/e2e/watchlist.json'), 'utf8'));
const env = useBrowser({ '/pages/': join(ROOT, 'tests/e2e/pages') }, WATCHLIST);

// Where the options page keeps it: sync, or local when sync refuses it.
const stored = () => env.browser.sw.evaluate(async () => (await chrome.storage.local.get('watchlist')).watchlist ?? (await chrome.storage.sync.get('watchlist')).watchlist);

describe('first run', () => {
  test('install opens the welcome page; the brand added there is watched and the sample shows its mentions', async () => {
    const b = await launch({ welcome: true });
    try {
      const w = b.welcome;
      assert.ok(w, 'the welcome page opened on install');
      await w.waitForSelector('#name');
      assert.equal(await w.textContent('h1'), '歡迎使用品牌雷達');
      await w.fill('#name', '雲朵咖啡');
      // The short name people write, offered as an alias; width and script variants need none.
      await w.click('#suggestions button:has-text("雲朵")');
      assert.equal(await w.inputValue('#aliases'), '雲朵');
      await w.fill('#english', 'Cloud Cafe');
      await w.fill('#competitors', '路易莎');
      await w.fill('#official', '@cloudcafe.tw');
      await w.click('#save');
      await w.waitForSelector('#sample:not([hidden]) li');
      assert.match(await w.textContent('#message'), /已開始監測「雲朵咖啡」/);
      const sample = await w.$$eval('#sample-comments li', (lis) => lis.map((li) => ({ label: li.className,
        marks: [...li.querySelectorAll('mark')].map((m) => `${m.className}:${m.textContent}`) })));
      assert.deepEqual(sample.map((s) => s.marks), [['mention:雲朵咖啡'], ['mention:雲朵'], ['competitor:路易莎'], ['mention:雲朵咖啡']]);
      // Each comment with the core's verdict: the praise and the complaint at least are plain.
      assert.deepEqual(sample.slice(0, 2).map((s) => s.label), ['pos', 'neg']);
      assert.ok(sample.every((s) => ['neg', 'neu', 'pos'].includes(s.label)));
      const list = await b.sw.evaluate(async () => (await chrome.storage.sync.get('watchlist')).watchlist
        ?? (await chrome.storage.local.get('watchlist')).watchlist);
      assert.deepEqual(list.brands.map((x) => [x.name, x.aliases, x.competitor]),
        [['雲朵咖啡', ['雲朵', 'Cloud Cafe'], false], ['路易莎', [], true]]);
      assert.deepEqual(list.brands[0].official, ['@cloudcafe.tw']);
      // The popup leads back to it.
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup/popup.html`);
      assert.equal(await popup.getAttribute('#welcome', 'href'), '../welcome/welcome.html');
    } finally {
      await b.close();
    }
  });
});

describe('popup', () => {
  test('lists mentions by brand, jumps to them, pauses and resumes the site', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/pages/basic.html`);
    const { tabId } = await waitForScan(env.browser.sw, page);
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('#brands li');
    assert.equal(await popup.textContent('#status'), '本頁提及 10 次');
    const rows = await popup.$$eval('#brands li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(rows, ['雲朵咖啡9', '星巴克競品1']);

    assert.equal(await page.evaluate(() => scrollY), 0);
    await popup.click('#brands li.competitor button');
    await popup.waitForSelector('#reveal-note:not([hidden])');
    assert.equal(await popup.textContent('#reveal-note'), '顯示第 1 / 1 則提及');
    assert.deepEqual((await highlights(page))['brand-radar-focus'], ['Starbucks']);
    assert.ok(await page.evaluate(() => scrollY) > 1000, 'the mention was scrolled into view');

    await popup.click('#brands li.own button');
    await popup.waitForFunction(() => document.querySelector('#reveal-note').textContent.includes('/ 9'));
    assert.deepEqual((await highlights(page))['brand-radar-focus'], ['雲朵咖啡']);

    await popup.click('#pause');
    assert.ok(await eventually(async () => !(await highlights(page))['brand-radar-mention']), 'highlights removed');
    assert.ok(await eventually(async () => (await badgeText(env.browser.sw, tabId)) === ''), 'badge cleared');
    await popup.waitForFunction(() => document.querySelector('#status').textContent.includes('暫停'));
    await popup.click('#pause');
    const back = await eventually(async () => (await highlights(page))['brand-radar-mention']?.length === 9);
    assert.ok(back, 'highlights back after resume');
    await popup.close();
    await page.close();
  });
});

describe('quick check', () => {
  test('scores pasted text with its reasons marked, crisis types, risk and first steps', async () => {
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
    await popup.fill('#check-text', '昨天吃完整晚拉肚子，同行兩個人都食物中毒，黑店！');
    await popup.click('#check-run');
    await popup.waitForSelector('#check-result:not([hidden])');
    assert.equal(await popup.textContent('#check-label'), '負面');
    assert.ok(await popup.$eval('#check-gauge', (m) => m.value) < -0.5);
    assert.equal(await popup.textContent('#check-risk'), '危急');
    assert.match(await popup.textContent('#check-crises'), /產品安全/);
    const marked = await popup.$$eval('#check-marked span.neg', (spans) => spans.map((x) => x.textContent));
    assert.deepEqual(marked, ['拉肚子', '食物中毒', '黑店']);
    const steps = await popup.$$eval('#check-steps li', (lis) => lis.map((x) => x.textContent));
    assert.ok(steps.includes('立即通報危機處理小組或負責人。'), steps.join(' / '));
    // Hostile text stays text: nothing is parsed as markup.
    await popup.fill('#check-text', '<img src=x onerror="document.title=1">爛透了');
    await popup.click('#check-run');
    await popup.waitForFunction(() => document.querySelector('#check-marked').textContent.includes('<img'));
    assert.equal(await popup.$$eval('#check-marked img', (x) => x.length), 0);
    await popup.close();
  });

  test('judges pasted text toward each watched brand, as the hover card does', async () => {
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
    await popup.fill('#check-text', '改喝星巴克啦 雲朵母湯');
    await popup.click('#check-run');
    await popup.waitForSelector('#check-targets:not([hidden])');
    // The headline is the verdict toward our own brand; the competitor is praised.
    assert.equal(await popup.textContent('#check-label'), '負面');
    assert.equal(await popup.textContent('#check-toward'), '對雲朵咖啡');
    const toward = await popup.$$eval('#check-targets .label', (xs) => xs.map((x) => [x.textContent, x.className]));
    assert.deepEqual(toward.sort(), [['星巴克（競品） 正面', 'label pos'], ['雲朵咖啡 負面', 'label neg']]);
    // Text naming no brand: no verdict toward any.
    await popup.fill('#check-text', '店員態度很差');
    await popup.click('#check-run');
    await popup.waitForFunction(() => document.querySelector('#check-targets').hidden);
    assert.equal(await popup.textContent('#check-toward'), '');
    assert.equal(await popup.textContent('#check-label'), '負面');
    await popup.close();
  });

  test('from the context menu on a selection: opens the check with that text', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/pages/basic.html`);
    const { tabId } = await waitForScan(env.browser.sw, page);
    const opened = env.browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?check='));
    // The browser's menu has no UI headless: call the listener as the browser would.
    await env.browser.sw.evaluate(([info, tab]) => globalThis.entryPoints.onMenuClick(info, tab),
      [{ menuItemId: 'quick-check', selectionText: '店員態度很差，不會再來了', frameId: 0 }, { id: tabId }]);
    const check = await opened;
    await check.waitForSelector('#check-result:not([hidden])');
    assert.equal(await check.inputValue('#check-text'), '店員態度很差，不會再來了');
    assert.equal(await check.textContent('#check-label'), '負面');
    assert.ok((await check.$$eval('#check-marked span.neg', (s) => s.length)) > 0, 'the negative words are marked');
    await Promise.all([check.close(), page.close()]);
  });
});

describe('reply check', () => {
  test('a draft that adds fuel: each finding with its words and advice; a template passes', async () => {
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
    await popup.check('input[name="check-mode"][value="reply"]');
    assert.equal(await popup.getAttribute('#check-text', 'placeholder'), '貼上您準備發出的回覆草稿…');
    await popup.fill('#reply-comment', '吃完拉肚子一整晚');
    await popup.fill('#check-text', '這是您自己沒有看清楚說明，我們會盡快處理。');
    await popup.click('#check-run');
    await popup.waitForSelector('#reply-result:not([hidden])');
    assert.match(await popup.textContent('#reply-verdict'), /^建議重寫/);
    const findings = await popup.$$eval('#reply-findings li', (lis) => lis.map((x) => x.textContent));
    assert.ok(findings.some((f) => f.startsWith('推卸責任 「您自己沒有」') && f.includes('先承擔')), findings.join(' | '));
    assert.ok(findings.some((f) => f.startsWith('承諾沒有時間 「會盡快」')), findings.join(' | '));
    assert.ok(findings.some((f) => f.startsWith('沒有道歉')), 'harm was done (拉肚子): an apology is due');
    assert.deepEqual(await popup.$$eval('#reply-marked span.finding', (s) => s.map((x) => x.textContent)), ['您自己沒有', '會盡快']);
    // A template for the crisis type is a draft that passes.
    await popup.selectOption('#reply-template', 'safety');
    assert.match(await popup.inputValue('#check-text'), /^非常抱歉讓您身體不舒服/);
    await popup.click('#check-run');
    await popup.waitForFunction(() => document.querySelector('#reply-verdict').textContent.startsWith('可以發布'));
    assert.equal(await popup.$$eval('#reply-findings li', (lis) => lis.length), 0);
    assert.match(await popup.textContent('#reply-good'), /道歉.*具體補救.*私下管道/);
    // Page text never becomes markup.
    await popup.fill('#check-text', '<img src=x onerror="document.title=1">是您自己的問題');
    await popup.click('#check-run');
    await popup.waitForFunction(() => document.querySelector('#reply-marked').textContent.includes('<img'));
    assert.equal(await popup.$$eval('#reply-marked img, #reply-findings img', (x) => x.length), 0);
    await popup.close();
  });

  test('from the context menu on an editable field: checks the draft written there', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/pages/reply.html`);
    const { tabId } = await waitForScan(env.browser.sw, page);
    const draft = await page.inputValue('#draft');
    await page.focus('#draft');
    const opened = env.browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?reply='));
    await env.browser.sw.evaluate(([info, tab]) => globalThis.entryPoints.onMenuClick(info, tab),
      [{ menuItemId: 'reply-check', editable: true, frameId: 0 }, { id: tabId }]);
    const check = await opened;
    await check.waitForSelector('#reply-result:not([hidden])');
    assert.equal(await check.inputValue('#check-text'), draft);
    assert.ok(await check.isChecked('input[name="check-mode"][value="reply"]'));
    const kinds = await check.$$eval('#reply-findings li b', (bs) => bs.map((b) => b.textContent));
    assert.deepEqual(kinds, ['官腔', '推卸責任', '公開索取個資', '承諾沒有時間', '沒有具體補救或下一步', '沒有私下管道']);
    await check.close();
    // A contenteditable box too.
    await page.focus('#rich');
    const rich = env.browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?reply='));
    await env.browser.sw.evaluate(([info, tab]) => globalThis.entryPoints.onMenuClick(info, tab),
      [{ menuItemId: 'reply-check', editable: true, frameId: 0 }, { id: tabId }]);
    const second = await rich;
    await second.waitForSelector('#reply-result:not([hidden])');
    assert.equal(await second.inputValue('#check-text'), 'We apologize for any inconvenience.');
    assert.match(await second.textContent('#reply-findings'), /官腔/);
    await Promise.all([second.close(), page.close()]);
  });
});

describe('response plan', () => {
  test('the team and steps set in the options reach the quick check and the dashboard', async () => {
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
    await options.waitForSelector('#plan-steps textarea');
    assert.match(await options.getAttribute('#plan-steps textarea[name="safety"]', 'placeholder'), /\S/,
      'the guide\'s steps show through');
    await options.click('#plan-add');
    await options.fill('#plan-members tbody tr:last-child .plan-name', '王經理');
    await options.fill('#plan-members tbody tr:last-child .plan-role', '店長');
    await options.fill('#plan-members tbody tr:last-child .plan-contact', '0912-345-678');
    await options.selectOption('#plan-members tbody tr:last-child .plan-from', 'high');
    await options.fill('#plan-steps textarea[name="safety"]', '下架同批產品\n通報衛生局');
    await options.click('#plan-save');
    await options.waitForFunction(() => document.querySelector('#plan-message').textContent.includes('1'));
    const stored = await env.browser.sw.evaluate(async () => (await chrome.storage.sync.get('plan')).plan);
    assert.deepEqual(stored.team, [{ name: '王經理', role: '店長', contact: '0912-345-678', from: 'high' }]);
    await options.close();

    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
    await popup.fill('#check-text', '昨天吃完整晚拉肚子，同行兩個人都食物中毒，黑店！');
    await popup.click('#check-run');
    await popup.waitForSelector('#check-result:not([hidden])');
    const steps = await popup.$$eval('#check-steps li', (lis) => lis.map((x) => x.textContent));
    const own = steps.indexOf('下架同批產品');
    assert.ok(own >= 0 && steps[own + 1] === '通報衛生局', `the plan's own steps for a safety hazard: ${steps}`);
    assert.equal(steps.at(-1), '通知：王經理（店長、0912-345-678）', 'a critical grade: the person to tell');
    await popup.close();

    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard/dashboard.html`);
    await dash.waitForSelector('#plan-team tbody tr');
    assert.equal(await dash.textContent('#plan-team tbody tr'), '王經理店長0912-345-678高 以上');
    await dash.close();
    await env.browser.sw.evaluate(() => chrome.storage.sync.remove('plan'));
  });
});

describe('options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brand-radar-import-'));
  const file = (name, text) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  async function openOptions() {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
    await page.waitForSelector('.brand');
    return page;
  }

  test('imports a valid file and refuses broken ones, keeping the current list', async () => {
    await setWatchlist(env.browser.sw, WATCHLIST);
    const page = await openOptions();
    const good = { version: 1, brands: [{ name: '好好食堂', aliases: ['HaoHao'] }] };
    await page.setInputFiles('#import', file('good.json', JSON.stringify(good)));
    await page.waitForSelector('#message.ok');
    assert.match(await page.textContent('#message'), /good\.json/);
    assert.equal((await stored()).brands[0].name, '好好食堂');
    assert.equal(await page.inputValue('.brand [name=name]'), '好好食堂');

    const broken = [
      ['syntax.json', '{\n  "version": 1,\n  "brands": [\n    { "name": "x", }\n  ]\n}', /line 4, column/],
      ['types.json', '{"version":1,"brands":[{"name":"x","aliases":"not a list"}]}', /brands\[0\]\.aliases/],
      ['proto.json', '{"version":1,"brands":[],"__proto__":{"polluted":true}}', /__proto__/],
      ['version.json', '{"version":9,"brands":[]}', /version/],
    ];
    for (const [name, text, why] of broken) {
      await page.setInputFiles('#import', file(name, text));
      await page.waitForFunction((n) => document.querySelector('#message.error')?.textContent.includes(n), name);
      assert.match(await page.textContent('#message'), why, name);
      assert.equal((await stored()).brands[0].name, '好好食堂', `${name} must not replace the list`);
    }
    assert.equal(await page.evaluate(() => ({}).polluted), undefined);
    await page.close();
  });

  test('edits brands in the form and refuses an empty name', async () => {
    await setWatchlist(env.browser.sw, WATCHLIST);
    const page = await openOptions();
    assert.equal(await page.locator('.brand').count(), 2);
    await page.click('#add');
    const card = page.locator('.brand').nth(2);
    await card.locator('[name=name]').fill('新品牌');
    await card.locator('[name=aliases]').fill('NewBrand\n新牌');
    await card.locator('[name=competitor]').check();
    await page.click('#save');
    await page.waitForSelector('#message.ok');
    const saved = await stored();
    assert.deepEqual(saved.brands[2], { name: '新品牌', aliases: ['NewBrand', '新牌'], exclusions: [], official: [], competitor: true });

    await card.locator('[name=name]').fill('   ');
    await page.click('#save');
    await page.waitForSelector('#message.error');
    assert.match(await page.textContent('#message'), /brands\[2\]\.name/);
    assert.equal((await stored()).brands.length, 3);
    await page.close();
  });
});
