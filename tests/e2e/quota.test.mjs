// A full disk, the way the browser reports it: the extension's storage is
// exempt from quotas (unlimitedStorage), so the test gives Chromium a profile
// on a small tmpfs and captures until the disk is full. The user is told what
// to do, the failed capture leaves no half record, and nothing saved before is
// lost; once space is freed (a ballast file removed) capturing works again,
// without restarting the browser. Mounting needs root; elsewhere the test
// skips, saying so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, launch, serve, setWatchlist, waitForScan } from './harness.mjs';

const mount = mkdtempSync(join(tmpdir(), 'brand-radar-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=18m', 'tmpfs', mount]).status === 0;
const ballast = join(mount, 'ballast');
let env;

before(async () => {
  if (!mounted) return;
  const server = await serve({ '/demo/': join(ROOT, 'demo/pages') });
  writeFileSync(ballast, new Uint8Array(4 << 20)); // 4 MB the test frees once the disk is full
  const browser = await launch({ profileRoot: mount });
  await setWatchlist(browser.sw, JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8')));
  env = { server, browser };
});
after(async () => {
  await env?.browser.close().catch(() => {});
  await env?.server.close();
  if (mounted) spawnSync('umount', [mount]);
  rmSync(mount, { recursive: true, force: true });
});

describe('a full disk', () => {
  test('captures until the disk is full: told what to do, no half record, nothing lost, works once freed', {
    skip: mounted ? false : 'cannot mount a tmpfs here (needs root): the full-disk test needs one',
    timeout: 300_000,
  }, async () => {
    const { browser, server } = env;
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/demo/ptt-thread.html`);
    const { tabId } = await waitForScan(browser.sw, page);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await page.bringToFront();
    const capture = () => popup.evaluate((req) => chrome.runtime.sendMessage({ type: 'ui-bg-capture', request: req }),
      { tabId, frameId: 0, target: 'page', source: 'popup' });
    let saved = 0;
    let failed = null;
    while (saved < 1000 && !failed) {
      const r = await capture();
      if (r.ok) saved++;
      else failed = r;
    }
    assert.ok(failed, `the 18 MB disk never filled in ${saved} captures`);
    assert.ok(saved >= 5, `only ${saved} captures fit`);
    assert.equal(failed.quota, true, `a full disk is told apart from a bug: ${failed.message}`);
    // The user is told, in their language, what to do; the badge says the same.
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('#save-page');
    await page.bringToFront();
    await popup.click('#save-page');
    await popup.waitForFunction(() => !/存證中/.test(document.querySelector('#save-note').textContent), null,
      { polling: 50, timeout: 30_000 });
    assert.match(await popup.textContent('#save-note'), /儲存空間已滿.*先前的證據都還在.*備份/);

    // Space freed: the next capture is saved, in the same browser session.
    rmSync(ballast);
    const again = await capture();
    assert.equal(again.ok, true, `capturing works again once space is freed: ${again.message}`);
    saved++;

    // Every record saved before is whole and chained; the failed one left nothing behind.
    const state = await popup.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open('brand-radar-evidence');
      req.onsuccess = () => {
        const tx = req.result.transaction(['records', 'files', 'chain']);
        const all = (s, keys) => new Promise((r) => {
          const q = keys ? tx.objectStore(s).getAllKeys() : tx.objectStore(s).getAll();
          q.onsuccess = () => r(q.result);
        });
        Promise.all([all('records'), all('files', true), all('chain')]).then(([records, files, chain]) => {
          req.result.close();
          resolve({ records: records.map((r) => ({ id: r.id, hash: r.hash, prev: r.prev, artifacts: r.artifacts })),
            files, chain });
        });
      };
    }));
    assert.equal(state.records.length, saved, 'every capture reported saved is in the locker, and no other');
    assert.equal(state.chain.length, saved);
    const names = new Set(state.files);
    for (const r of state.records) for (const a of r.artifacts) assert.ok(names.has(a.name), `${a.name} is stored`);
    assert.equal(state.files.length, state.records.reduce((n, r) => n + r.artifacts.length, 0), 'no orphan files');
    let prev = '0'.repeat(64);
    for (const link of state.chain) {
      assert.equal(link.prev, prev, 'the chain is unbroken');
      prev = link.hash;
    }
    await Promise.all([popup.close(), page.close()]);
  });
});
