// The main job: runs the built extension in Chromium on the bundled demo
// pages with the bundled demo watchlist, and writes screenshots and a
// findings summary to out/demo/. With a display (and not in CI) it opens a
// visible browser and leaves it open for you.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import {
  launch, ourParts, ROOT, serve, SHIPPED, setWatchlist, settledScan,
} from '../tests/e2e/harness.mjs';

const OUT = join(ROOT, 'out/demo');
const PAGES = join(ROOT, 'demo/pages');
const headed = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');

mkdirSync(OUT, { recursive: true });
const watchlist = JSON.parse(readFileSync(join(ROOT, 'demo/watchlist.json'), 'utf8'));
const server = await serve({ '/demo/': PAGES });
const browser = await launch({ extension: SHIPPED, headless: !headed });
await setWatchlist(browser.sw, watchlist);

const findings = [];
for (const file of readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort()) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/demo/${file}`);
  // The marks are painted where the page cannot read them: the report says what was found.
  const { tabId, info } = await settledScan(browser.sw, page, { quiet: 1000 });
  const shot = join(OUT, file.replace('.html', '.png'));
  await page.screenshot({ path: shot, fullPage: true });

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 340, height: 420 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#brands li, #status:not(:empty)');
  await popup.screenshot({ path: join(OUT, file.replace('.html', '.popup.png')) });
  await popup.close();

  findings.push({
    page: file,
    title: await page.title(),
    mentions: info.frames[0].total,
    brands: Object.fromEntries(info.frames[0].brands.map((b) => [b.name + (b.competitor ? ' (competitor)' : ''),
      b.count])),
    units: info.frames[0].units,
    scanMs: info.frames[0].scanMs,
    // The impersonation warning, if the page got one (our element; its contents are closed to pages).
    impersonation: (await ourParts(page)).includes('banner'),
    screenshot: shot,
  });
  if (!headed) await page.close();
}

// The whole evidence flow on the riskiest comment of all the demo pages:
// capture it, export its bundle, and check the bundle with sha256sum.
const RISK = ['low', 'medium', 'high', 'critical'];
const riskiest = findings.flatMap((f) => (f.units?.top ?? []).map((u) => ({ ...u, page: f.page })))
  .sort((a, b) => RISK.indexOf(b.risk) - RISK.indexOf(a.risk) || a.score - b.score)[0];
let evidence = null;
if (riskiest) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/demo/${riskiest.page}`);
  const { tabId, info } = await settledScan(browser.sw, page, { quiet: 500 });
  const unit = info.frames[0].units.top.find((u) => u.text === riskiest.text);
  // The hover card and the side panel, as a user sees them on this page.
  await page.hover(`text=${riskiest.text.slice(0, 8)}`);
  await page.waitForTimeout(700);
  await page.screenshot({ path: join(OUT, 'hover-card.png') });
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 380, height: 640 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel/panel.html?tab=${tabId}`);
  await panel.waitForSelector('#units li');
  await panel.screenshot({ path: join(OUT, 'side-panel.png') });
  await panel.close();
  const ui = await browser.context.newPage();
  await ui.goto(`chrome-extension://${browser.extensionId}/locker/locker.html`);
  await page.bringToFront();
  const saved = await ui.evaluate((request) => chrome.runtime.sendMessage({ type: 'ui-bg-capture', request }),
    { tabId, frameId: 0, unitId: unit.id, target: 'unit', source: 'popup' });
  if (!saved.ok) throw new Error(`capture failed: ${saved.message}`);
  await ui.reload();
  await ui.waitForSelector('body[data-ready]');
  await ui.fill('#search', riskiest.text);
  const [download] = await Promise.all([ui.waitForEvent('download'), ui.click('#export-zip')]);
  const zipPath = join(OUT, 'evidence.zip');
  await download.saveAs(zipPath);
  await ui.screenshot({ path: join(OUT, 'locker.png') });
  const dir = join(OUT, 'evidence');
  rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  evidence = { text: riskiest.text, risk: riskiest.risk, page: riskiest.page, ms: saved.ms, hash: saved.hash,
    zip: zipPath, sums };
  await ui.close();
  if (!headed) await page.close();
}

writeFileSync(join(OUT, 'findings.json'), `${JSON.stringify(findings, null, 2)}\n`);
const lines = ['# Brand Radar demo findings', '', `Watchlist: demo/watchlist.json (${watchlist.brands.length} brands)`, ''];
for (const f of findings) {
  lines.push(`## ${f.title}`, '', `- page: demo/pages/${f.page}`, `- mentions: ${f.mentions}`);
  for (const [brand, n] of Object.entries(f.brands)) lines.push(`  - ${brand}: ${n}`);
  if (f.units?.total) {
    lines.push(`- comments (${f.units.site}): ${f.units.total}, negative ${f.units.neg}, neutral ${f.units.neu}, positive ${f.units.pos}`);
    for (const u of f.units.top) lines.push(`  - risk ${u.risk}${u.crises.length ? ` [${u.crises.join(', ')}]` : ''}: ${u.text}`);
  }
  if (f.impersonation) {
    lines.push('- **impersonation warning shown**: named after the brand, not at an official address, scam signals');
  }
  lines.push(`- screenshot: ${f.screenshot}`, '');
}
if (evidence) {
  lines.push('## Evidence', '', `- saved the riskiest comment (${evidence.risk}, demo/pages/${evidence.page}) in ${evidence.ms} ms: ${evidence.text}`,
    `- record hash ${evidence.hash}`, `- bundle: ${evidence.zip} (unzipped in ${join(OUT, 'evidence')}; report.html is printable)`,
    '- sha256sum -c SHA256SUMS:', ...evidence.sums.trim().split('\n').map((l) => `  - ${l}`), '');
}
writeFileSync(join(OUT, 'findings.md'), `${lines.join('\n')}\n`);

console.log(lines.join('\n'));
console.log(`\nScreenshots and findings are in ${OUT}`);
if (headed) {
  console.log('The browser stays open with the demo pages: close its window to finish.');
  await new Promise((r) => browser.context.on('close', r));
} else {
  await browser.close();
}
await server.close();
