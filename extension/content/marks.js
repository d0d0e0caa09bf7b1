// Our marks on the page: mentions, competitors, negative phrases, the tint
// of judged comments and the popup's focus. Two ways to show them:
//
// - stealth (the default, overlay.js): painted in an overlay of our own that
//   the page cannot read;
// - highlight (per site, settings.highlightSites): the CSS Custom Highlight
//   API, which paints under the text exactly as the browser lays it out but
//   whose registry the page's scripts can read (names, every range's text).
//
// The test build also registers every mark in the registry in stealth mode,
// unstyled, so the end-to-end suite can read what is marked; the shipped
// build never does (tests/e2e/stealth.test.mjs probes the shipped one).
import HIGHLIGHT_CSS from './highlight.css';
import { overlayPainter } from './overlay.js';

export const KINDS = ['own', 'competitor', 'focus', 'negative', 'unitNeg', 'unitPos'];
const NAMES = {
  own: 'brand-radar-mention', competitor: 'brand-radar-competitor', focus: 'brand-radar-focus',
  negative: 'brand-radar-negative', unitNeg: 'brand-radar-unit-neg', unitPos: 'brand-radar-unit-pos',
};

/**
 * Chromium revalidates every registered highlight range whenever the page's
 * DOM changes: on a 5,000-comment feed where most comments name the brand
 * (about 12,000 ranges) each change cost the page 40-80 ms of rendering, with
 * or without any work of ours. So past VIRTUAL_AT ranges only those of
 * elements within about a screen and a half of the viewport are registered;
 * an IntersectionObserver moves them in and out as the user scrolls.
 */
export const VIRTUAL_AT = 5000;

/** The sheet that styles our highlights, adopted by the document and open shadow roots (highlight mode only). */
let sheet = null;
export function adoptHighlightStyle(target) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
    }
    if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  } catch { /* a document or root that refuses it: its text is still found, just unstyled */ }
}

/**
 * The highlight painter. `styled`: the page is in highlight mode (the style
 * is adopted, and the registry is watched: a page that clears it gets the
 * marks back in the next frame, backing off through `onBackoff(ms)` if it
 * keeps doing so). Unstyled, it is the test build's window on the marks.
 */
function highlightPainter({ styled, onBackoff }) {
  const highlights = Object.fromEntries(KINDS.map((k) => [k, new Highlight()]));
  // Unit tints lie under everything; the popup's focus over everything.
  highlights.unitNeg.priority = -1;
  highlights.unitPos.priority = -1;
  highlights.focus.priority = 2;
  highlights.negative.priority = 1;
  let shown = true;
  const register = () => {
    for (const k of KINDS) CSS.highlights.set(NAMES[k], highlights[k]);
  };
  register();
  if (styled) adoptHighlightStyle(document);

  const byEl = new Map(); // element -> [kind, range][]
  const near = new Set();
  let total = 0;
  let io = null;

  const toggle = (el, on) => {
    for (const [kind, range] of byEl.get(el) ?? []) {
      if (on) highlights[kind].add(range);
      else highlights[kind].delete(range);
    }
  };

  function virtualize() {
    io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) near.add(e.target);
        else near.delete(e.target);
        toggle(e.target, e.isIntersecting);
      }
    }, { rootMargin: '150% 0px' });
    for (const el of byEl.keys()) {
      toggle(el, false);
      io.observe(el);
    }
  }

  // The registry is the page's too: in highlight mode, one look a frame that
  // ours is still there. Cleared more than 5 times in a second, wait (1 s,
  // doubling to a minute) before putting it back.
  let frame = 0;
  let wait = 0;
  let timer = 0;
  const cleared = [];
  const watch = () => {
    frame = requestAnimationFrame(watch);
    if (!shown || timer || CSS.highlights.get(NAMES.own) === highlights.own) return;
    const now = performance.now();
    cleared.push(now);
    while (cleared.length && cleared[0] < now - 1000) cleared.shift();
    if (cleared.length <= 5) {
      register();
      return;
    }
    wait = Math.min(wait ? wait * 2 : 1000, 60_000);
    onBackoff?.(wait);
    timer = setTimeout(() => {
      timer = 0;
      if (shown) register();
    }, wait);
  };
  if (styled) frame = requestAnimationFrame(watch);

  return {
    add(kind, range, el) {
      let list = byEl.get(el);
      if (!list) {
        list = [];
        byEl.set(el, list);
        io?.observe(el);
      }
      list.push([kind, range]);
      total += 1;
      if (!io || near.has(el)) highlights[kind].add(range);
      if (!io && total > VIRTUAL_AT) virtualize();
    },
    remove(kind, range, el) {
      highlights[kind].delete(range);
      highlights.focus.delete(range);
      const list = byEl.get(el);
      const i = list?.findIndex(([k, r]) => k === kind && r === range) ?? -1;
      if (i < 0) return;
      list.splice(i, 1);
      total -= 1;
      if (!list.length) {
        byEl.delete(el);
        near.delete(el);
        io?.unobserve(el);
      }
    },
    focus(range) {
      highlights.focus.clear();
      if (range) highlights.focus.add(range);
    },
    changed() {},
    /** Takes our highlights out of the registry, or puts them back (a capture's primary screenshot). */
    show(on) {
      shown = on;
      for (const k of KINDS) {
        if (on) CSS.highlights.set(NAMES[k], highlights[k]);
        else CSS.highlights.delete(NAMES[k]);
      }
    },
    stop() {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      for (const k of KINDS) if (CSS.highlights.get(NAMES[k]) === highlights[k]) CSS.highlights.delete(NAMES[k]);
      io?.disconnect();
      io = null;
      byEl.clear();
      near.clear();
      total = 0;
    },
  };
}

/**
 * The marks of one page: `stealth` paints them in our overlay, else as
 * highlights. `onBackoff(ms)`: the page keeps removing them, and we wait.
 */
export function createMarks({ stealth, onBackoff }) {
  const painters = [];
  if (stealth) painters.push(overlayPainter({ onBackoff }));
  if (!stealth || __TEST__) painters.push(highlightPainter({ styled: !stealth, onBackoff }));
  return {
    stealth,
    add: (kind, range, el) => { for (const p of painters) p.add(kind, range, el); },
    remove: (kind, range, el) => { for (const p of painters) p.remove(kind, range, el); },
    /** Shows `range` (inside `el`) as the one the user asked to see; null for none. */
    focus: (range, el = null) => { for (const p of painters) p.focus(range, el); },
    /** The page's content changed: the overlay looks again for marks something now covers. */
    changed: () => { for (const p of painters) p.changed(); },
    show: (on) => { for (const p of painters) p.show?.(on); },
    stop: () => { for (const p of painters) p.stop(); },
  };
}
