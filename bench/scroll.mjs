// Scroll benchmark: the 10,000-comment thread of the hostile suite (every
// comment names the brand, a third of them negative: the most marks a page
// is likely to hold), scrolled by a script of the page 40 px a frame for
// SECONDS, with no extension, with the stealth overlay (the default) and with
// CSS highlights (the per-site option). Reports the frame intervals the page
// saw (median, 95th percentile, worst, frames over 20 ms) and main-thread
// long tasks (> 50 ms) during the scroll; and the time from the scan's start
// to every mention marked and every comment judged (the generic detection's
// 2,000: the page is on no site of ours). The feed append is bench/units.mjs's.
// Usage: [MODES=none,stealth,highlight] node bench/scroll.mjs [comments=10000] [seconds=5]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, recordLongTasks, ROOT, serve, SHIPPED, setWatchlist, waitForScan } from '../tests/e2e/harness.mjs';

const N = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 5);
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });
const comment = (i) => `<div class="c"><span class="a">u${i}</span><p>雲朵咖啡 第 ${i} 則 ${i % 3 ? '好喝' : '難喝'}</p>`
  + `<div class="m">${1 + (i % 30)} 天前</div></div>`;
writeFileSync(join(OUT, 'scroll.html'), `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>scroll</title>
<style>body { font: 16px/1.5 sans-serif; margin: 0 24px; } .c { border-bottom: 1px solid #ddd; padding: 4px 0; }</style>
</head><body><div id="l">${Array.from({ length: N }, (_, i) => comment(i)).join('')}</div>
</body></html>`);

// The page is on no site of ours: the generic detection finds its comments, up to its cap.
const UNITS = Math.min(N, JSON.parse(readFileSync(join(ROOT, 'adapters/generic.json'), 'utf8')).repeated.max_units);
const WATCH = { version: 1, brands: [{ name: '雲朵咖啡' }, { name: '星巴克', competitor: true }] };
const server = await serve({ '/data/': OUT });

/** Frame intervals over a scripted scroll, as the page's own rAF sees them. */
function scroll(seconds) {
  return new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    const step = (now) => {
      gaps.push(now - last);
      last = now;
      scrollBy(0, 40);
      if (now < end) requestAnimationFrame(step);
      else done(gaps);
    };
    requestAnimationFrame(step);
  });
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function run(mode) {
  const browser = await launch(mode === 'none' ? { extension: null } : { extension: SHIPPED });
  try {
    if (mode !== 'none') {
      await setWatchlist(browser.sw, WATCH);
      if (mode === 'highlight') await browser.sw.evaluate(() => chrome.storage.sync.set({ highlightSites: ['127.0.0.1'] }));
    }
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await recordLongTasks(page);
    await page.goto(`${server.origin}/data/scroll.html`, { waitUntil: 'load' });
    let scan = null;
    if (mode !== 'none') {
      for (;;) {
        const { info } = await waitForScan(browser.sw, page, { timeout: 120_000 });
        if (info.frames[0].units?.total >= UNITS && info.frames[0].timing.unitsEnd) { scan = info.frames[0]; break; }
        await page.waitForTimeout(100);
      }
    }
    await page.waitForTimeout(1500);
    const from = await page.evaluate(() => performance.now());
    const gaps = await page.evaluate(scroll, SECONDS);
    const to = await page.evaluate(() => performance.now());
    const long = await page.evaluate(([a, b]) => window.__longtasks.filter(([s, d]) => s + d >= a && s <= b), [from, to]);
    return {
      mode, frames: gaps.length, median: pct(gaps, 0.5), p95: pct(gaps, 0.95), worst: Math.max(...gaps),
      over20: gaps.filter((g) => g > 20).length, long: long.map(([, d]) => Math.round(d)),
      scanMs: scan && scan.timing.scanEnd - scan.timing.scanStart,
      unitsMs: scan && scan.timing.unitsEnd - scan.timing.scanStart,
    };
  } finally {
    await browser.close().catch(() => {}); // an error above is the one to see
  }
}

const rows = [];
for (const mode of (process.env.MODES ?? 'none,stealth,highlight').split(',')) {
  const r = await run(mode);
  rows.push(r);
  console.log(`${mode.padEnd(9)}: ${r.frames} frames, interval median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, `
    + `worst ${r.worst.toFixed(1)} ms, ${r.over20} over 20 ms; long tasks during the scroll: ${r.long.length ? r.long.join(', ') : 'none'}`
    + `${r.scanMs == null ? '' : `; scan ${r.scanMs.toFixed(0)} ms to every mention marked, ${r.unitsMs.toFixed(0)} ms to every comment judged`}`);
}
writeFileSync(join(OUT, 'scroll-results.json'), JSON.stringify(rows, null, 2));
await server.close();
