// Page benchmark: a generated page of 10,000 mixed Chinese / English
// comments; time from scan start to all highlights applied, for Brand Radar
// (the real extension), mark.js 8.11.1 (DOM wrapping, separateWordSearch:
// false) and a plain-JS baseline (TreeWalker + indexOf per term + CSS
// highlight ranges), at 20 and 1,000 watch terms, in one Chromium run.
// Also counts main-thread long tasks (> 50 ms) during our scan.
// Usage: node bench/page.mjs [comments=10000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, serve, setWatchlist, waitForScan } from '../tests/e2e/harness.mjs';

const N = Number(process.argv[2] ?? 10_000);
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });

let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pick = (xs) => xs[rnd(xs.length)];

const TERMS20 = ['雲朵咖啡', '路易莎', '星巴克', 'Cloud Cafe', 'Louisa', 'Starbucks', '王小明', '好好食堂', 'HaoHao',
  '全聯', 'PX Mart', '85度C', 'Mister Donut', '鼎泰豐', 'Din Tai Fung', '春水堂', 'Chun Shui Tang', '麥當勞', 'McDonald', 'Uber Eats'];
const EXTRA = Array.from({ length: 980 }, (_, i) => (i % 2 ? `Vendor${i}q` : `品牌${i}號`));
const ZH = ['今天', '咖啡', '服務', '很好', '不推', '店員態度', '價格有點貴', '環境乾淨', '排隊很久', '好吃', '味道普通',
  '推薦給朋友', '下次還會再來', '外送很慢', '份量很多', 'CP值高', '踩雷了', '老闆親切', '停車方便'];
const EN = ['the coffee was great', 'service was slow', 'friendly staff', 'a bit pricey', 'would come back',
  'not recommended', 'delivery was late', 'really tasty', 'clean place', 'long queue'];

function comment(i) {
  const parts = [];
  const len = 3 + rnd(6);
  for (let k = 0; k < len; k++) parts.push(rnd(2) ? pick(ZH) : ` ${pick(EN)} `);
  if (rnd(100) < 20) parts.splice(rnd(parts.length), 0, ` ${pick(TERMS20)} `);
  return `<div class="comment"><div class="author">user${i}</div><p>${parts.join('，')}</p>`
    + `<div class="meta">${1 + rnd(30)} 天前 · 讚 ${rnd(200)}</div></div>`;
}
const body = Array.from({ length: N }, (_, i) => comment(i)).join('\n');
writeFileSync(join(OUT, 'page.html'), `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>bench</title></head><body>\n${body}\n</body></html>`);

const server = await serve({ '/data/': OUT, '/markjs/': join(ROOT, 'node_modules/mark.js/dist') });
const url = `${server.origin}/data/page.html`;
const browser = await launch();
const { context, sw } = browser;

async function open() {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((l) => window.__longtasks.push(...l.getEntries().map((e) => [e.startTime, e.duration])))
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

async function ours(terms) {
  await setWatchlist(sw, { version: 1, brands: terms.map((name) => ({ name })) });
  const page = await open();
  const { info } = await waitForScan(sw, page, { timeout: 120_000 });
  const f = info.frames[0];
  const count = await page.evaluate(() => CSS.highlights.get('brand-radar-mention')?.size ?? 0);
  const long = await page.evaluate(([a, b]) => window.__longtasks.filter(([s]) => s >= a && s <= b), [f.timing.scanStart, f.timing.scanEnd]);
  await page.close();
  return { ms: f.timing.scanEnd - f.timing.scanStart, fromScript: f.timing.scanEnd - f.timing.scriptStart, count, long };
}

async function plain(terms) {
  const page = await open();
  const r = await page.evaluate((ts) => {
    const t0 = performance.now();
    const h = new Highlight();
    const lower = ts.map((t) => t.toLowerCase());
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = w.nextNode(); node; node = w.nextNode()) {
      const data = node.data.toLowerCase();
      for (const t of lower) {
        for (let i = data.indexOf(t); i !== -1; i = data.indexOf(t, i + t.length)) {
          const r = new Range();
          r.setStart(node, i);
          r.setEnd(node, i + t.length);
          h.add(r);
          count++;
        }
      }
    }
    CSS.highlights.set('baseline', h);
    return { ms: performance.now() - t0, count };
  }, terms);
  await page.close();
  return r;
}

async function markjs(terms) {
  const page = await open();
  await page.addScriptTag({ url: `${server.origin}/markjs/mark.min.js` });
  const r = await page.evaluate((ts) => new Promise((resolve) => {
    const t0 = performance.now();
    let count = 0;
    new window.Mark(document.body).mark(ts, {
      separateWordSearch: false, each: () => count++, done: () => resolve({ ms: performance.now() - t0, count }),
    });
  }), terms);
  await page.close();
  return r;
}

const rows = [];
for (const terms of [TERMS20, [...TERMS20, ...EXTRA]]) {
  const o = await ours(terms);
  await setWatchlist(sw, { version: 1, brands: [] }); // the extension idles for the baselines
  const p = await plain(terms);
  const m = terms.length <= 20 ? await markjs(terms) : null;
  rows.push({ terms: terms.length, ours: o, plain: p, mark: m });
  console.log(`${N} comments, ${terms.length} terms:`);
  console.log(`  Brand Radar : ${o.ms.toFixed(0)} ms scan (${o.fromScript.toFixed(0)} ms from content-script start), ${o.count} highlights, `
    + `${o.long.length} long tasks${o.long.length ? ` (max ${Math.max(...o.long.map((x) => x[1])).toFixed(0)} ms)` : ''}`);
  console.log(`  plain JS    : ${p.ms.toFixed(0)} ms, ${p.count} highlights  -> ours is ${(p.ms / o.ms).toFixed(1)}x faster`);
  if (m) console.log(`  mark.js     : ${m.ms.toFixed(0)} ms, ${m.count} marks       -> ours is ${(m.ms / o.ms).toFixed(1)}x faster`);
}
writeFileSync(join(OUT, 'page-results.json'), JSON.stringify(rows, null, 2));
await browser.close();
await server.close();
