// Pages cannot see what the user watches (issue 19). The shipped build, on a
// page whose own script runs before the extension (an init script) and
// probes after it: the highlight registry, the selection, a
// MutationObserver on the whole document, computed styles (with a highlight
// of our old name registered by the page), elementsFromPoint over the marks,
// overridden DOM prototypes, our files by the extension's ID, layout sizes,
// style sheets, globals, resource timing. None of it may yield a watched
// term, a competitor or a verdict, nor Brand Radar's name. The marks are
// checked by their pixels (the test cannot read them any better than the
// page can), and they heal: put back when the page removes them, backing
// off when it keeps doing so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ROOT, SHIPPED, domUnchanged, eventually, launch, serve, setWatchlist, snapshotOnLoad, waitForPart, waitForScan,
} from './harness.mjs';

const WATCHLIST = JSON.parse(readFileSync(join(ROOT, 'tests/e2e/watchlist.json'), 'utf8'));
/** Everything a page must not learn from us. */
const SECRETS = ['雲朵', 'Cloud Cafe', '星巴克', 'Starbucks', '爛透了', 'brand-radar', 'Brand Radar', 'neg', 'mention'];

let server;
let browser;
let decoder; // a blank page whose canvas reads screenshots' pixels
before(async () => {
  server = await serve({ '/stealth/': join(ROOT, 'tests/e2e/pages/stealth') });
  browser = await launch({ extension: SHIPPED });
  await setWatchlist(browser.sw, WATCHLIST);
  decoder = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's own script, before anything of ours runs: hooks that record what it could see. */
function probeBefore() {
  const probe = { records: [], calls: [], loaded: -1 };
  Object.defineProperty(window, '__probe', { value: probe });
  const hook = (proto, name) => {
    const orig = proto[name];
    proto[name] = function hooked(...args) {
      probe.calls.push(name);
      return orig.apply(this, args);
    };
  };
  hook(Element.prototype, 'attachShadow');
  hook(Node.prototype, 'appendChild');
  hook(Node.prototype, 'insertBefore');
  hook(Element.prototype, 'append');
  hook(Element.prototype, 'setAttribute');
  hook(Document.prototype, 'createElement');
  hook(Range.prototype, 'getClientRects');
  hook(Element.prototype, 'getBoundingClientRect');
  hook(Document.prototype, 'getSelection');
  hook(HighlightRegistry.prototype, 'set');
  new MutationObserver((list) => {
    for (const m of list) {
      probe.records.push({
        type: m.type, target: m.target.nodeName, attr: m.attributeName,
        added: [...m.addedNodes].map((n) => ({ name: n.nodeName, attrs: n.attributes?.length ?? 0,
          text: n.textContent, kids: n.childNodes.length })),
        removed: m.removedNodes.length,
      });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => {
    const html = document.documentElement;
    probe.loaded = probe.records.length;
    probe.calls.length = 0;
    probe.styles = [...document.querySelectorAll('p')].map((p) => {
      const s = getComputedStyle(p);
      return [s.color, s.backgroundColor, s.textDecorationLine, s.outlineStyle, s.boxShadow, s.filter].join('|');
    });
    probe.size = [html.scrollWidth, html.scrollHeight, document.body.offsetHeight];
    probe.sheets = document.styleSheets.length;
    probe.globals = Object.getOwnPropertyNames(window).length;
  });
}

async function open(path = '/stealth/page.html') {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  await snapshotOnLoad(page);
  await page.addInitScript(probeBefore);
  await page.goto(`${server.origin}${path}`);
  const scan = await waitForScan(browser.sw, page);
  await eventually(async () => (await waitForScan(browser.sw, page)).info.frames[0].units?.neg >= 1);
  await waitForPart(page, 'marks');
  await page.waitForTimeout(300); // a frame or two for the overlay to paint
  return { page, tabId: scan.tabId };
}

/** The viewport box of the first `text` inside `selector`, read with a range of the page's own. */
function boxOf(page, selector, text) {
  return page.evaluate(([sel, t]) => {
    const el = document.querySelector(sel);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(t);
      if (i < 0) continue;
      const r = new Range();
      r.setStart(n, i);
      r.setEnd(n, i + t.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }
    throw new Error(`no ${t} in ${sel}`);
  }, [selector, text]);
}

/** Share of the pixels in `box` that are highlighter yellow (our mention marks). */
async function yellow(page, box) {
  const png = await page.screenshot({ clip: box });
  return decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, img.width, img.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] - data[i + 2] > 60 && data[i + 1] - data[i + 2] > 40) n++;
    return n / (data.length / 4);
  }, png.toString('base64'));
}

describe('stealth marks (the shipped build)', () => {
  test('the marks are painted where the text is, clipped by a scrolling panel, hidden under a dialog', async () => {
    const { page } = await open();
    assert.ok(await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 'a mention is marked');
    assert.ok(await yellow(page, await boxOf(page, '#in-view', '雲朵咖啡')) > 0.3, 'in the panel too');
    assert.equal(await yellow(page, await boxOf(page, '#c1', '的拿鐵很好喝')), 0, 'nothing else is');
    // Scrolled out of the panel's view: its mark must not show below the panel.
    assert.equal(await yellow(page, await boxOf(page, '#out-of-view', '雲朵咖啡')), 0, 'clipped by the panel');
    // Scrolling the panel brings it into view, marked.
    await page.evaluate(() => { document.querySelector('#out-of-view').scrollIntoView({ block: 'nearest' }); });
    await page.waitForTimeout(300);
    assert.ok(await yellow(page, await boxOf(page, '#out-of-view', '雲朵咖啡')) > 0.3, 'followed the panel');
    // A dialog over everything covers the marks as it covers the text.
    await page.evaluate(() => { document.querySelector('#modal').style.display = 'block'; });
    await page.waitForTimeout(300);
    assert.equal(await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')), 0, 'not painted over the dialog');
    await page.evaluate(() => { document.querySelector('#modal').style.display = 'none'; });
    await page.waitForTimeout(300);
    assert.ok(await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 'back when it closes');
    await page.close();
  });

  test('a page\'s scripts, before and after, learn nothing of what is watched', async () => {
    const { page } = await open();
    const seen = await page.evaluate(async ([id, files]) => {
      const probe = /** @type {any} */ (window).__probe;
      const calls = [...probe.calls]; // before the probing below makes its own
      const records = probe.records.slice(probe.loaded);
      const html = document.documentElement;
      const hosts = [...html.children].filter((c) => c !== document.head && c !== document.body);
      // Our old highlight names, registered by the page: is any style of ours behind them?
      const p = document.querySelector('#c1');
      const h = new Highlight(new StaticRange({ startContainer: p.firstChild, startOffset: 0, endContainer: p.firstChild,
        endOffset: 3 }));
      const probeStyle = {};
      for (const name of ['brand-radar-mention', 'brand-radar-negative', 'brand-radar-unit-neg', 'nothing-here']) {
        CSS.highlights.set(name, h);
        const s = getComputedStyle(p, `::highlight(${name})`);
        probeStyle[name] = [s.backgroundColor, s.color, s.textDecorationLine].join('|');
        CSS.highlights.delete(name);
      }
      // Every point of every text of the page: what is there, by the page's own hit testing.
      const atPoints = [];
      for (const t of document.querySelectorAll('p')) {
        const r = new Range();
        r.selectNodeContents(t);
        for (const b of r.getClientRects()) {
          atPoints.push(...document.elementsFromPoint(b.x + b.width / 2, b.y + b.height / 2)
            .filter((e) => e !== html && !document.body.contains(e)).map((e) => e.nodeName));
        }
      }
      const fetched = [];
      for (const f of files) {
        try { fetched.push(`${f}: answered ${(await fetch(`chrome-extension://${id}/${f}`)).status}`); } catch { /* refused */ }
      }
      let attachable = 0;
      for (const host of hosts) {
        try { host.attachShadow({ mode: 'open' }); attachable++; } catch { /* already has a (closed) root */ }
      }
      const s = [...document.querySelectorAll('p')].map((el) => {
        const c = getComputedStyle(el);
        return [c.color, c.backgroundColor, c.textDecorationLine, c.outlineStyle, c.boxShadow, c.filter].join('|');
      });
      return {
        registry: CSS.highlights.size,
        selection: [getSelection().rangeCount, getSelection().toString()],
        records, calls, probeStyle, atPoints, fetched, attachable,
        hosts: hosts.map((x) => ({ name: x.localName, attrs: x.attributes.length, html: x.innerHTML, text: x.textContent,
          shadow: x.shadowRoot, serialized: x.getHTML({ serializableShadowRoots: true }) })),
        stylesSame: JSON.stringify(s) === JSON.stringify(probe.styles),
        sizeSame: JSON.stringify([html.scrollWidth, html.scrollHeight, document.body.offsetHeight])
          === JSON.stringify(probe.size),
        sheets: [document.styleSheets.length, probe.sheets, document.adoptedStyleSheets.length],
        globals: [Object.getOwnPropertyNames(window).length, probe.globals],
        resources: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith('http')),
        everything: html.getHTML({ serializableShadowRoots: true }),
      };
    }, [browser.extensionId, ['brand_radar_match_bg.wasm', 'manifest.json', 'background.js', 'content/index.js',
      'content/highlight.css']]);
    assert.equal(await domUnchanged(page), true, 'no element added to the page\'s content');
    assert.equal(seen.registry, 0, 'nothing in the highlight registry');
    assert.deepEqual(seen.selection, [0, ''], 'nothing selected');
    assert.deepEqual(seen.calls, [], 'none of the page\'s overridden prototypes was called');
    // All the page's observer saw: one bare <div> under <html>.
    assert.deepEqual(seen.records.map((r) => [r.type, r.target, r.attr ?? null, r.removed, r.added]),
      [['childList', 'HTML', null, 0, [{ name: 'DIV', attrs: 0, text: '', kids: 0 }]]]);
    assert.deepEqual(seen.hosts, [{ name: 'div', attrs: 0, html: '', text: '', shadow: null, serialized: '' }]);
    assert.equal(seen.attachable, 0, 'what the page can learn: the element has a closed shadow root');
    const none = seen.probeStyle['nothing-here'];
    for (const [name, style] of Object.entries(seen.probeStyle)) assert.equal(style, none, `${name} is styled by no one`);
    assert.deepEqual(seen.atPoints, [], 'hit testing over the marks finds only the page');
    assert.deepEqual(seen.fetched, [], 'our files cannot be fetched by the extension\'s ID');
    assert.ok(seen.stylesSame, 'marked text is styled as before');
    assert.ok(seen.sizeSame, 'the page\'s layout sizes are unchanged');
    assert.deepEqual(seen.sheets, [seen.sheets[1], seen.sheets[1], 0], 'no style sheet added');
    assert.equal(seen.globals[0], seen.globals[1], 'no global added');
    assert.deepEqual(seen.resources, [], 'no resource of ours in the page\'s timing');
    // The page's own text names the brand; nothing beyond it may.
    const pageText = readFileSync(join(ROOT, 'tests/e2e/pages/stealth/page.html'), 'utf8');
    for (const secret of SECRETS) {
      const inPage = pageText.split(secret).length - 1;
      assert.ok(seen.everything.split(secret).length - 1 <= inPage, `${secret}: no more than the page itself holds`);
    }
    await page.close();
  });

  test('marks heal: put back when the page removes them, not in a loop when it keeps doing so', async () => {
    const { page, tabId } = await open();
    // Removed once: back before the next frame.
    const back = await page.evaluate(async () => {
      const ours = () => [...document.documentElement.children].filter((c) => c.localName === 'div');
      for (const h of ours()) h.remove();
      await new Promise((r) => requestAnimationFrame(r));
      return ours().length;
    });
    assert.equal(back, 1, 'the overlay is back within a frame');
    await page.waitForTimeout(200);
    assert.ok(await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 'and painted');
    // Re-rendered text: the marks follow the new nodes.
    await page.evaluate(() => { const p = document.querySelector('#c1'); p.textContent = `${p.textContent}`; });
    await eventually(async () => await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 5000);
    // Removed as fast as it comes back, for two seconds: we wait, and say so.
    const removals = await page.evaluate(async () => {
      let n = 0;
      const strip = () => {
        for (const c of [...document.documentElement.children]) if (c.localName === 'div') { c.remove(); n++; }
      };
      const mo = new MutationObserver(strip);
      mo.observe(document.documentElement, { childList: true });
      strip();
      await new Promise((r) => setTimeout(r, 2000));
      mo.disconnect();
      return n;
    });
    assert.ok(removals < 20, `${removals} removals in 2 s: no tug of war`);
    const { info } = await waitForScan(browser.sw, page);
    assert.ok(info.frames[0].marks.backoffMs >= 1000, 'the tab report says we back off');
    // The page stops: the marks come back once the wait is over.
    await eventually(async () => await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 70_000);
    // The popup says so in the user's language.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('#marks-note button');
    await eventually(async () => /一直移除標示/.test(await popup.textContent('#marks-note')), 5000);
    await popup.close();
    await page.close();
  });

  test('highlight mode, per site: the registry is used (and readable, as the options say), and healed', async () => {
    await browser.sw.evaluate(() => chrome.storage.sync.set({ highlightSites: ['127.0.0.1'] }));
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/stealth/page.html`);
      await waitForScan(browser.sw, page);
      await eventually(() => page.evaluate(() => (CSS.highlights.get('brand-radar-mention')?.size ?? 0) >= 3));
      const healed = await page.evaluate(async () => {
        CSS.highlights.clear();
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(r));
        return CSS.highlights.get('brand-radar-mention')?.size ?? 0;
      });
      assert.ok(healed >= 3, 'back within a frame of being cleared');
      assert.ok(await yellow(page, await boxOf(page, '#c1', '雲朵咖啡')) > 0.3, 'styled: the mention is yellow');
      // Cleared every frame for two seconds: we back off and say so.
      await page.evaluate(async () => {
        const end = performance.now() + 2000;
        await new Promise((done) => {
          const again = () => {
            CSS.highlights.clear();
            if (performance.now() < end) requestAnimationFrame(again); else done(undefined);
          };
          again();
        });
      });
      const { info } = await waitForScan(browser.sw, page);
      assert.ok(info.frames[0].marks.backoffMs >= 1000, 'the tab report says we back off');
      assert.equal(info.frames[0].marks.stealth, false);
      await page.close();
    } finally {
      await browser.sw.evaluate(() => chrome.storage.sync.set({ highlightSites: [] }));
    }
  });
});
