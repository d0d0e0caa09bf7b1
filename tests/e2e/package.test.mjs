// What is shipped is what is tested: the Chrome Web Store package that
// `node scripts/build.mjs --package` writes, unpacked and loaded into
// Chromium once, holds exactly dist/chrome and marks a demo page.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { unzipSync } from 'fflate';
import { ROOT, SHIPPED, launch, serve, setWatchlist, waitForPart, waitForScan } from './harness.mjs';

const { version } = JSON.parse(readFileSync(join(ROOT, 'extension/manifest.json'), 'utf8'));
const ZIP = join(ROOT, `dist/packages/brand-radar-chrome-${version}.zip`);
const skip = existsSync(ZIP) ? false : `${ZIP} is absent: node scripts/build.mjs --package`;

test('the Chrome package, unpacked: the shipped build, file for file, and it marks a page', { skip }, async () => {
  const files = unzipSync(new Uint8Array(readFileSync(ZIP)));
  const walk = (d, base = '') => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name), `${base}${e.name}/`) : [`${base}${e.name}`]));
  assert.deepEqual(Object.keys(files).sort(), walk(SHIPPED).sort());
  for (const [name, bytes] of Object.entries(files)) {
    assert.ok(Buffer.from(bytes).equals(readFileSync(join(SHIPPED, name))), name);
  }
  const dir = mkdtempSync(join(tmpdir(), 'brand-radar-package-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const server = await serve({ '/demo/': join(ROOT, 'demo/pages') });
  const browser = await launch({ extension: dir });
  try {
    await setWatchlist(browser.sw, JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8')));
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/demo/ptt-thread.html`);
    const { info } = await waitForScan(browser.sw, page);
    assert.ok(info.frames[0].total > 0, 'mentions counted');
    // The shipped build's marks are closed to the page (and so to this test): its overlay is there.
    await waitForPart(page, 'marks');
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
