// Page benchmark: a generated page of 10,000 mixed Chinese / English
// comments; time from scan start to all highlights applied, for Brand Radar
// (the real extension), mark.js 8.11.1 (DOM wrapping, separateWordSearch:
// false) and a plain-JS baseline (TreeWalker + indexOf per term + CSS
// highlight ranges), at 20 and 1,000 watch terms, in one Chromium run.
// Also counts main-thread long tasks (> 50 ms) during our scans. The plain-JS
// baseline runs twice: in the page's main world, and in an isolated world as a
// content script runs (where every DOM node touched costs a new wrapper).
// This machine's timings wander by ±30% from run to run, so each figure is
// the median of ROUNDS runs (our rescans of a settled page: the site paused
// and resumed; baselines: a fresh page each), with the range beside it.
// Usage: node bench/page.mjs [comments=10000] [rounds=5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, recordLongTasks, ROOT, serve, SHIPPED, setWatchlist, slicesHeld, waitForScan } from '../tests/e2e/harness.mjs';
import { seeded } from './random.mjs';

const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });

const { rnd, pick } = seeded(7);

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
const browser = await launch({ extension: SHIPPED });
const { context, sw } = browser;

let runs = 0;
async function open() {
  const page = await context.newPage();
  runs += 1;
  await recordLongTasks(page);
  // A fresh URL per run, so no report from an earlier tab can be mistaken for this one.
  await page.goto(`${url}?run=${runs}`, { waitUntil: 'load' });
  return page;
}

/** Our scan as reported by the content script, once the report for `since` arrives. */
async function report(page, since) {
  for (;;) {
    const { info } = await waitForScan(sw, page, { timeout: 120_000 });
    const f = info.frames[0];
    if (f.timing.scanStart > since) return f;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Our scans on one page: the one at page load, then ROUNDS rescans of the
 * settled page (as the baselines run), pausing and resuming the site.
 */
async function ours(terms) {
  await setWatchlist(sw, { version: 1, brands: terms.map((name) => ({ name })) });
  const page = await open();
  const load = await report(page, 0);
  const scans = [];
  for (let r = 0; r < ROUNDS; r++) {
    await page.waitForTimeout(700);
    const before = await page.evaluate(() => performance.now());
    await sw.evaluate(() => chrome.storage.local.set({ pausedSites: ['127.0.0.1'] }));
    await page.waitForTimeout(300);
    await sw.evaluate(() => chrome.storage.local.set({ pausedSites: [] }));
    scans.push(await report(page, before));
  }
  // The marks are painted where the page cannot read them (stealth): the report counts them.
  const count = scans.at(-1).total;
  // Tasks that overlap a scan (ours starts a moment before scanStart is taken).
  const longIn = (t) => page.evaluate(([a, b]) => window.__longtasks.filter(([s, d]) => s <= b && s + d >= a), [t.scanStart, t.scanEnd]);
  const long = [];
  for (const f of [load, ...scans]) {
    const ours = (x) => (slicesHeld(x, f.timing.slices ?? []).length ? 'ours' : 'between our slices');
    long.push(...(await longIn(f.timing)).map((x) => [...x, `${f === load ? 'at load' : 'rescan'}, ${ours(x)}`]));
  }
  await page.close();
  const ms = (f) => f.timing.scanEnd - f.timing.scanStart;
  return {
    load: { ms: ms(load), busy: load.timing.busyMs },
    ms: scans.map(ms), findMs: scans.map((f) => f.timing.findMs), count, long,
  };
}

/** The plain-JS baseline, as a function evaluated in a page. */
const PLAIN = (ts) => {
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
};

/** Runs the baseline in the page's main world, or in an isolated world as a content script would. */
async function plain(terms, { isolated = false } = {}) {
  const page = await open();
  let r;
  if (!isolated) {
    r = await page.evaluate(PLAIN, terms);
  } else {
    const cdp = await context.newCDPSession(page);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'baseline' });
    const res = await cdp.send('Runtime.evaluate', {
      expression: `(${PLAIN})(${JSON.stringify(terms)})`, contextId: executionContextId, returnByValue: true,
    });
    r = res.result.value;
    await cdp.detach();
  }
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
  const p = [];
  const pi = [];
  for (let r = 0; r < ROUNDS; r++) {
    p.push(await plain(terms));
    pi.push(await plain(terms, { isolated: true }));
  }
  const m = terms.length <= 20 ? await markjs(terms) : null;
  const ourMs = median(o.ms);
  rows.push({ terms: terms.length, ours: o, plain: p, plainIsolated: pi, mark: m });
  console.log(`${N} comments, ${terms.length} terms (median of ${ROUNDS}, range):`);
  console.log(`  Brand Radar, settled page: ${spread(o.ms)} to all highlights (${median(o.findMs).toFixed(0)} ms of it in the core), `
    + `${o.count} highlights; at page load ${o.load.ms.toFixed(0)} ms; ${o.long.length} long tasks during our scans`
    + `${o.long.length ? ` (${o.long.map((x) => `${x[1].toFixed(0)} ms ${x[2]}`).join(', ')})` : ''}`);
  const vs = (xs) => `${spread(xs.map((x) => x.ms))}, ${xs[0].count} highlights -> ours is ${(median(xs.map((x) => x.ms)) / ourMs).toFixed(1)}x faster`;
  console.log(`  plain JS, page's main world          : ${vs(p)}`);
  console.log(`  plain JS, isolated world (as ours)   : ${vs(pi)}`);
  if (m) console.log(`  mark.js     : ${m.ms.toFixed(0)} ms, ${m.count} marks       -> ours is ${(m.ms / ourMs).toFixed(1)}x faster`);
}
writeFileSync(join(OUT, 'page-results.json'), JSON.stringify(rows, null, 2));
await browser.close();
await server.close();
