// End to end on real saved pages from ../shared/pages: the extension must
// highlight exactly what `brand-radar scan` reports for the same file (same
// core, same text rules), as many times as an independent count of the
// visible text finds each term, without changing the page's DOM.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  hasSharedPages, launch, pageDom, settledHighlights, ROOT, serve, setWatchlist, SHARED_PAGES, waitForScan,
} from './harness.mjs';

const WATCHLIST_FILE = join(ROOT, 'tests/e2e/real/watchlist.json');
const skip = hasSharedPages ? false : `../shared/pages is absent (${SHARED_PAGES}); the synthetic pages cover the basics`;

/**
 * Per page: whether the browser should show exactly what the CLI reports
 * (false where the page's own CSS hides some text, which only the browser
 * can see), whether its DOM is compared with a run without the extension,
 * and terms whose highlight count is checked against an
 * independent count of the term in `document.body.innerText`.
 */
const PAGES = {
  'ptt/gossiping-yonglin-foundation-M.1569901516.A.5F2.html': { exact: true, dom: true, terms: ['郭董', '永齡'] },
  'yelp/philz-coffee-san-mateo.html': { exact: true, dom: true, terms: ['Starbucks', 'Philz'] },
  'mobile01/hot-topics.html': { exact: true, dom: true, terms: ['Whoscall', 'Kuga', 'Xperia', 'Ford'] },
  // Amazon's own scripts rebuild parts of the page differently on every load,
  // so its DOM cannot be compared with a baseline run.
  'amazon/kindle-the-whole-truth.html': { exact: false, dom: false, terms: ['Kindle', 'Amazon'] },
};

/** The pattern an independent count uses: Latin terms as whole words. */
function termPattern(term) {
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return /^[\x00-\x7f]+$/.test(term)
    ? `(?<![\\p{Script=Latin}0-9])${esc}(?![\\p{Script=Latin}0-9])`
    : esc;
}

/**
 * Occurrences of `term` in what the browser renders as text
 * (`innerText`, which knows CSS), less the options of drop-down lists,
 * which are not prose.
 */
function countInVisibleText(page, term) {
  return page.evaluate((src) => {
    const count = (text) => (text.match(new RegExp(src, 'giu')) ?? []).length;
    let n = count(document.body.innerText);
    for (const sel of document.body.querySelectorAll('select')) n -= count(sel.innerText);
    return n;
  }, termPattern(term));
}

/** The page's DOM after load in a browser without the extension. */
async function baselineDom(url) {
  const plain = await launch({ extension: null });
  try {
    const page = await plain.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    return await page.evaluate(() => document.documentElement.outerHTML);
  } finally {
    await plain.close();
  }
}

function cliScan(file) {
  const out = execFileSync('cargo', ['run', '-q', '--release', '--', 'scan', '--json', '--watchlist', WATCHLIST_FILE, file],
    { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('real pages', { skip }, () => {
  let browser;
  let server;
  before(async () => {
    server = await serve({ '/shared/': SHARED_PAGES });
    browser = await launch();
    await setWatchlist(browser.sw, JSON.parse(readFileSync(WATCHLIST_FILE, 'utf8')));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [path, spec] of Object.entries(PAGES)) {
    test(path, async () => {
      const cli = cliScan(join(SHARED_PAGES, path));
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/shared/${path}`, { waitUntil: 'load' });
      await waitForScan(browser.sw, page, { timeout: 60_000 });
      const h = await settledHighlights(page);
      const own = cli.mentions.filter((m) => !m.competitor).map((m) => m.text);
      const rival = cli.mentions.filter((m) => m.competitor).map((m) => m.text);
      assert.ok(cli.mentions.length > 0, 'the CLI finds mentions on this page');
      if (spec.exact) {
        assert.deepEqual(h['brand-radar-mention'] ?? [], own, 'own-brand highlights equal the CLI');
        assert.deepEqual(h['brand-radar-competitor'] ?? [], rival, 'competitor highlights equal the CLI');
        const { info } = await waitForScan(browser.sw, page);
        assert.equal(info.frames[0].total, cli.mentions.length);
      }
      if (!spec.exact) {
        // The browser may hide some of what the CLI sees, never add to it.
        for (const t of [...h['brand-radar-mention'] ?? [], ...h['brand-radar-competitor'] ?? []]) {
          assert.ok(own.includes(t) || rival.includes(t), `${t} is not in the CLI's report`);
        }
      }
      const shown = [...h['brand-radar-mention'] ?? [], ...h['brand-radar-competitor'] ?? []];
      for (const term of spec.terms) {
        const want = await countInVisibleText(page, term);
        const re = new RegExp(termPattern(term), 'giu');
        const got = shown.reduce((n, t) => n + (t.match(re) ?? []).length, 0);
        assert.equal(got, want, `${term}: ${got} highlighted, ${want} in the visible text`);
        assert.ok(want > 0, `${term} is on the page`);
      }
      if (spec.dom) {
        await page.waitForTimeout(1500);
        const dom = await pageDom(page);
        assert.equal(dom, await baselineDom(page.url()), 'the DOM differs from the same page without the extension');
      }
      await page.close();
    });
  }
});
