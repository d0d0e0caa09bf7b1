// Bad input gets a clear message and loses nothing: settings of the wrong
// type, a damaged stored watchlist, a huge import, and evidence bundles that
// are bombs, escape their folder, carry `__proto__` keys or wrong types.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { eventually, settledHighlights, useBrowser, waitForScan } from './harness.mjs';
import WATCHLIST from './watchlist.json' with { type: 'json' };

const made = mkdtempSync(join(tmpdir(), 'brand-radar-validation-'));
const page = (body) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
writeFileSync(join(made, 'plain.html'), page('<p>雲朵咖啡好喝</p>'));
writeFileSync(join(made, 'script.html'), page('<p id="own">雲朵咖啡</p><script>document.getElementById("own").dataset.ran = "yes"</script>'));
const env = useBrowser({ '/v/': made }, WATCHLIST);
const MENTION = 'brand-radar-mention';

async function extPage(path, ready) {
  const p = await env.browser.context.newPage();
  await p.goto(`chrome-extension://${env.browser.extensionId}/${path}`);
  await p.waitForSelector(ready);
  return p;
}

/** Puts values into storage as a buggy older version or a hand edit might. */
function store(values) {
  return env.browser.sw.evaluate((json) => Promise.all([
    chrome.storage.local.set(JSON.parse(json)),
    chrome.storage.sync.remove(Object.keys(JSON.parse(json))),
  ]), JSON.stringify(values));
}

async function openServed(name) {
  const p = await env.browser.context.newPage();
  await p.goto(`${env.server.origin}/v/${name}`);
  return p;
}

const polluted = (p) => p.evaluate(() => ({}).polluted !== undefined || Object.prototype.includes !== undefined);

describe('bad input', () => {
  test('settings of the wrong type fall back to safe values', async () => {
    // A string where a list belongs: '127.0.0.1'.includes(host) would have paused this site.
    await store({ watchlist: WATCHLIST, pausedSites: '127.0.0.1', onlyMentions: 'yes', sensitivity: 42, retentionDays: -5 });
    await env.browser.sw.evaluate(() => chrome.storage.local.set(JSON.parse('{"alertGrade":{"__proto__":{"polluted":true}}}')));
    const p = await openServed('plain.html');
    await waitForScan(env.browser.sw, p);
    assert.deepEqual((await settledHighlights(p))[MENTION], ['雲朵咖啡']);
    const options = await extPage('options/options.html', '.brand');
    assert.equal(await options.inputValue('.brand [name=name]'), '雲朵咖啡');
    assert.equal(await options.isChecked('#only-mentions'), false);
    assert.equal(await options.inputValue('#sensitivity'), 'normal');
    assert.equal(await polluted(options), false);
    assert.equal(await env.browser.sw.evaluate(() => ({}).polluted), undefined);
    await Promise.all([p.close(), options.close()]);
    await store({ pausedSites: [], onlyMentions: false, sensitivity: 'normal', retentionDays: 90, alertGrade: 'high' });
  });

  test('a damaged stored watchlist: pages unharmed, the popup and options say why', async () => {
    await store({ watchlist: { version: 1, brands: [{ name: 5, aliases: 'x' }] } });
    const p = await openServed('script.html');
    await waitForScan(env.browser.sw, p);
    assert.equal(await p.getAttribute('#own', 'data-ran'), 'yes');
    assert.equal((await settledHighlights(p))[MENTION], undefined);
    const popup = await extPage('popup/popup.html', '#status');
    assert.match(await eventually(async () => {
      const s = await popup.textContent('#status');
      return /無法使用/.test(s) && s;
    }), /brands\[0\]/);
    const options = await extPage('options/options.html', '.brand');
    assert.match(await eventually(() => options.textContent('#message')), /無法使用.*brands\[0\]/);
    assert.equal(await options.inputValue('.brand [name=aliases]'), '', 'what cannot be shown is left out, not crashed on');
    await Promise.all([p.close(), popup.close(), options.close()]);
    await store({ watchlist: WATCHLIST });
  });

  test('a huge watchlist file is refused and the list kept', async () => {
    const options = await extPage('options/options.html', '.brand');
    const huge = JSON.stringify({ version: 1, brands: [{ name: 'x', aliases: Array.from({ length: 400_000 }, (_, i) => `alias${i}`) }] });
    await options.setInputFiles('#import', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(huge) });
    await options.waitForSelector('#message.error');
    assert.match(await options.textContent('#message'), /huge\.json/);
    assert.equal(await options.inputValue('.brand [name=name]'), '雲朵咖啡');
    await options.close();
  });

  test('bundle imports: bombs, escaping names, __proto__ keys and wrong types get a clear refusal', async () => {
    const locker = await extPage('locker/locker.html', 'body[data-ready]');
    const refusal = async (name, bytes) => {
      await locker.evaluate(() => { document.querySelector('#message').textContent = ''; });
      await locker.setInputFiles('#import', { name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
      await locker.waitForFunction(() => document.querySelector('#message').textContent, null, { polling: 50 });
      return { cls: await locker.getAttribute('#message', 'class'), text: await locker.textContent('#message') };
    };
    const utf8 = (s) => new TextEncoder().encode(s);
    const withSums = (files) => {
      const sums = Object.keys(files).map((n) => `${createHash('sha256').update(files[n]).digest('hex')}  ${n}\n`).join('');
      return zipSync({ ...files, SHA256SUMS: utf8(sums) });
    };

    // A bomb: the central directory says the one file inflates to 4 GB.
    const bomb = zipSync({ 'manifest.json': utf8('{}') });
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    let r = await refusal('bomb.zip', bomb);
    assert.equal(r.cls, 'error');
    assert.match(r.text, /unpacks to more than 1 GB/);

    r = await refusal('escape.zip', zipSync({ '../outside.txt': utf8('x') }));
    assert.match(r.text, /unsafe file name "\.\.\/outside\.txt"/);
    // fflate will not write that name (nor should anyone): rename a same-length entry in place.
    const proto = zipSync({ 'xxproto__': utf8('x') });
    for (let i = 0; i + 9 <= proto.length; i++) {
      if (new TextDecoder().decode(proto.subarray(i, i + 9)) === 'xxproto__') proto.set(utf8('__proto__'), i);
    }
    r = await refusal('proto-name.zip', proto);
    assert.match(r.text, /unsafe file name "__proto__"/);

    r = await refusal('types.zip', withSums({ 'manifest.json': utf8('{"format":"brand-radar-evidence","version":1,"created":"x","records":"x","chain":[]}') }));
    assert.equal(r.cls, 'error');
    assert.match(r.text, /manifest\.json: .*records|invalid type/);

    // __proto__ as a JSON key is data, never a prototype.
    const manifest = '{"format":"brand-radar-evidence","version":1,"created":"2026-11-25T00:00:00Z","records":[],"chain":[],"__proto__":{"polluted":true}}';
    r = await refusal('proto-key.zip', withSums({ 'manifest.json': utf8(manifest) }));
    assert.equal(await polluted(locker), false);
    assert.match(r.text, /驗證通過|拒絕/);
    await locker.close();
  });
});
