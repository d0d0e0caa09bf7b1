// Comment-unit benchmark: a generated PTT-style page of 5,000 pushes, each
// found by the adapter, scored, tinted, the negative ones explained and their
// phrases marked. Measures time from script start to all units decorated,
// main-thread long tasks (> 50 ms) meanwhile, the JS heap the extension adds
// (same page with and without it), and a feed appending 100 pushes: time from
// the append to those units decorated, beside what the append costs the page
// itself without the extension (its frame: style and layout of a 5,000-line
// list), which our answer waits behind.
// Usage: node bench/units.mjs [comments=5000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, recordLongTasks, ROOT, serve, SHIPPED, setWatchlist, waitForScan } from '../tests/e2e/harness.mjs';
import { seeded } from './random.mjs';

const N = Number(process.argv[2] ?? 5000);
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });

const { rnd, pick } = seeded(11);
const LINES = ['雲朵的拿鐵很好喝', '店員態度很差，不會再去', '價格有點貴但還可以', '雲朵咖啡CP值高推爆', '踩雷了，黑店',
  '外送很慢，咖啡都冷了', '路易莎比較好喝', '聽說個資外洩？', '普通', '環境乾淨舒服', '排隊排到傻眼', '老闆很親切',
  '有人收到假客服要加LINE，是詐騙', '吃完拉肚子，食安問題', '推', '還行吧'];
const TAGS = ['推 ', '噓 ', '→ '];
const push = (i) => `<div class="push"><span class="hl push-tag">${pick(TAGS)}</span><span class="push-userid">u${i}</span>`
  + `<span class="push-content">: ${pick(LINES)}${rnd(3) ? '' : ` ${pick(LINES)}`}</span><span class="push-ipdatetime"> 11/${1 + rnd(28)} 12:${10 + rnd(49)}</span></div>`;
const pushes = Array.from({ length: N }, (_, i) => push(i)).join('\n');
// The append script builds pushes from the page's own list, as a feed would.
writeFileSync(join(OUT, 'units.html'), `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>units bench</title></head><body>
<div id="main-content">[問卦] 雲朵咖啡怎麼了
${pushes}
</div>
<script>
window.appendPushes = (n) => {
  const main = document.getElementById('main-content');
  const frag = document.createDocumentFragment();
  const lines = ${JSON.stringify(LINES)};
  for (let i = 0; i < n; i++) {
    const d = document.createElement('div'); d.className = 'push';
    const t = document.createElement('span'); t.className = 'push-tag'; t.textContent = i % 3 ? '推 ' : '噓 ';
    const c = document.createElement('span'); c.className = 'push-content'; c.textContent = ': ' + lines[i % lines.length];
    d.append(t, c); frag.append(d);
  }
  const at = performance.now();
  main.append(frag);
  return at;
};
</script></body></html>`);

const server = await serve({ '/data/': OUT });
const url = `${server.origin}/data/units.html`;

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
}

async function openPage(context, run) {
  const page = await context.newPage();
  await recordLongTasks(page);
  await page.goto(`${url}?run=${run}`, { waitUntil: 'load' });
  return page;
}

const baseline = await launch({ extension: null });
const plain = await openPage(baseline.context, 0);
await plain.waitForTimeout(1500);
const heapWithout = await heap(plain);
// The page's own cost of an append: from it to the first task after the next frame.
const pageAppend = [];
for (let i = 0; i < 3; i++) {
  pageAppend.push(await plain.evaluate(async () => {
    const at = window.appendPushes(100);
    const end = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    return Math.round(end - at);
  }));
  await plain.waitForTimeout(200);
}
await baseline.close();

const browser = await launch({ extension: SHIPPED });
await setWatchlist(browser.sw, { version: 1, brands: [{ name: '雲朵咖啡', aliases: ['雲朵'] }, { name: '路易莎', competitor: true }] });
const results = [];
for (let run = 1; run <= 3; run++) {
  const page = await openPage(browser.context, run);
  let f;
  for (;;) {
    f = (await waitForScan(browser.sw, page, { timeout: 120_000 })).info.frames[0];
    if (f.units?.total >= N && f.timing.unitsEnd) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const long = await page.evaluate(() => window.__longtasks);
  const ours = long.filter(([start, d]) => start + d >= f.timing.scriptStart && start <= f.timing.unitsEnd);
  const heapWith = await heap(page);
  // A feed appends 100 pushes: time to all of them decorated.
  const at = await page.evaluate(() => window.appendPushes(100));
  let g;
  for (;;) {
    g = (await waitForScan(browser.sw, page)).info.frames[0];
    if (g.units?.total >= N + 100 && g.timing.unitsEnd > at) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  results.push({
    run, units: f.units.total, neg: f.units.neg,
    decoratedMs: Math.round(f.timing.unitsEnd - f.timing.scriptStart),
    scanToDecoratedMs: Math.round(f.timing.unitsEnd - f.timing.scanStart),
    longTasks: ours.map(([start, d]) => `${Math.round(d)} ms at +${Math.round(start - f.timing.scriptStart)} ms`),
    scanStartAt: Math.round(f.timing.scanStart - f.timing.scriptStart),
    mentionsDoneAt: Math.round(f.timing.scanEnd - f.timing.scriptStart),
    heapAddedMB: +((heapWith - heapWithout) / 1048576).toFixed(1),
    append100Ms: Math.round(g.timing.unitsEnd - at),
  });
  await page.close();
}
await browser.close();
await server.close();
const out = { runs: results, pageAppend100Ms: pageAppend };
console.log(JSON.stringify(out, null, 2));
writeFileSync(join(OUT, 'units.json'), JSON.stringify(out, null, 2));
