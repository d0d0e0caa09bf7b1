// Stealth marks (the default): painted in an overlay of our own, inside a
// closed shadow root, instead of the page's CSS highlight registry, which the
// page's scripts can read (every watched word and every verdict). The page
// sees one bare <div> under <html> (host.js) and nothing in its content.
//
// Only elements within about a screen and a half of the viewport are painted.
// An IntersectionObserver moves them in and out, up to DENSE_AT elements;
// past that its own work cost every scrolled frame (a third of the frames
// dropped with 8,000 targets, none with 5,000: bench/scroll.mjs), and the
// elements near the viewport are found by a binary search over them in
// document order, where a long feed or thread lays them out. Marks are placed in the
// document's coordinates, so the document's own scrolling moves them with no
// work of ours; whatever else moves text (a scrolling panel, a fixed element,
// content inserted above, a font or an image loading, a resize) is caught by
// one check per frame of the painted elements' boxes. A mark in a scrolling
// panel is clipped to it, and a mark something else covers (a dialog, a
// sticky header, text hidden by clipping) is not shown.

import { drop, guard, isOurs, makeHost, mount } from './host.js';

// Marks are painted over the text, not under it as highlights are: light
// enough that the text reads through them. Blending them with the page
// (multiply, screen) read better but cost every scrolled frame a repaint of
// what lies under them: frames dropped on a 1,000-comment page
// (bench/scroll.mjs). Comments on dark backgrounds get stronger tints.
const STYLE = `
.g { position: absolute; left: 0; top: 0; z-index: 2147483647; }
.l { position: absolute; left: 0; top: 0; }
.c { overflow: hidden; }
.m { position: absolute; box-sizing: border-box; }
.m.hid { display: none; }
.own { background: rgba(255, 214, 0, 0.4); }
.competitor { background: rgba(120, 190, 255, 0.4); }
.focus { background: rgba(255, 140, 0, 0.45); outline: 2px solid rgb(255, 120, 0); }
.negative { background: rgba(217, 48, 37, 0.16); border-bottom: 2px solid rgb(217, 48, 37); }
.unitNeg { background: rgba(217, 48, 37, 0.07); }
.unitPos { background: rgba(30, 142, 62, 0.07); }
.dark .own { background: rgba(255, 214, 0, 0.45); }
.dark .negative { background: rgba(217, 48, 37, 0.35); }
.dark .unitNeg { background: rgba(217, 48, 37, 0.2); }
.dark .unitPos { background: rgba(30, 142, 62, 0.2); }
`;

/** Kinds drawn as one box over their text (a whole comment), not one per line. */
const BOXED = new Set(['unitNeg', 'unitPos']);
/** Paint order, bottom first. */
const ORDER = ['unitNeg', 'unitPos', 'own', 'competitor', 'negative', 'focus'];

/** Past this many marked elements, no IntersectionObserver (above). */
export const DENSE_AT = 4000;
/** How far past the viewport marks are painted ahead, in viewport heights. */
const AHEAD = 1.5;
/** Out-of-order elements tolerated at the band's edges of a dense page. */
const SLACK = 16;

/** An element's parent, across a shadow root's boundary to its host. */
const parentOf = (el) => el.parentElement ?? /** @type {any} */ (el.parentNode)?.host ?? null;

/** Scroll settles this long before covered marks are looked for again. */
const SETTLE_MS = 150;
/** Covered marks are looked for again at most this often while the page changes. */
const RETEST_MS = 200;
/** Milliseconds of hit tests (covered marks) per frame at most; the rest wait for the next frame. */
const HIT_BUDGET_MS = 4;

/**
 * The overlay painter. `onBackoff(ms)` is told when the page keeps removing
 * the overlay (host.js `guard`).
 * @param {{ onBackoff?: (ms: number) => void }} options
 */
export function overlayPainter({ onBackoff }) {
  const { host, root } = makeHost('marks', 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible;'
    + 'pointer-events:none', STYLE);
  const groups = { light: document.createElement('div'), dark: document.createElement('div') };
  for (const [tone, g] of Object.entries(groups)) {
    g.className = `g ${tone}`;
    root.append(g);
  }
  const tones = new WeakMap(); // element -> 'light' | 'dark', by the background it shows
  const byEl = new Map(); // element -> [kind, range][]
  let near = new Set(); // elements within AHEAD viewports of the viewport
  let ordered = null; // dense pages: the marked elements in the order they came (document order, mostly)
  const layers = new Map(); // element -> { layer, box: "x,y,w,h", marks: [{ div, x, y, tested }] }
  const clips = new WeakMap(); // element -> its nearest scrolling ancestor, or null
  const measure = document.createRange();
  let focus = null; // { range, el, drawn }
  let frame = 0;
  let retest = false;
  let settle = 0;
  let later = 0;
  let lastRetest = 0;
  let unguard = null;

  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) near.add(e.target);
      else {
        near.delete(e.target);
        erase(e.target);
      }
    }
    request();
  }, { rootMargin: `${AHEAD * 100}% 0px` });

  /** Dense pages: no observer from here on. */
  function goDense() {
    io.disconnect();
    ordered = [...byEl.keys()];
    request();
  }

  /**
   * Dense pages: the elements near the viewport, by a binary search over
   * `ordered` for the first that ends below the band's top, then a walk
   * until SLACK in a row start below its bottom. Elements that are not laid
   * out (no box) are stepped over. Returns the boxes it read, for the
   * frame's check to use rather than read again.
   */
  function nearDense() {
    if (ordered.length > byEl.size * 2) ordered = ordered.filter((el) => byEl.has(el));
    const top = -AHEAD * innerHeight;
    const bottom = (1 + AHEAD) * innerHeight;
    const boxOfAt = (i) => {
      const el = ordered[i];
      if (!byEl.has(el)) return null;
      const r = el.getBoundingClientRect();
      return r.width || r.height ? r : null;
    };
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let r = null;
      let at = mid;
      while (at < hi && !(r = boxOfAt(at))) at++;
      if (!r || r.bottom >= top) hi = mid;
      else lo = at + 1;
    }
    const found = new Map(); // element -> its box
    let past = 0;
    for (let i = Math.max(0, lo - SLACK); i < ordered.length && past < SLACK; i++) {
      const r = boxOfAt(i);
      if (!r) continue;
      if (r.top > bottom) past++;
      else {
        past = 0;
        if (r.bottom >= top) found.set(ordered[i], r);
      }
    }
    for (const el of near) if (!found.has(el)) erase(el);
    near = new Set(found.keys());
    return found;
  }

  function attach() {
    if (host.isConnected) return;
    mount(host);
    unguard ??= guard(host, onBackoff);
  }

  function request(again = false) {
    retest ||= again;
    if (!frame) frame = requestAnimationFrame(refresh);
  }

  function erase(el) {
    layers.get(el)?.layer.remove();
    layers.delete(el);
  }

  /** The nearest element from `el` up that clips its content (a scrolling panel), or null. */
  function clipOf(el) {
    if (!el || el === document.body || el === document.documentElement) return null;
    if (clips.has(el)) return clips.get(el);
    const s = getComputedStyle(el);
    const found = s.overflowX !== 'visible' || s.overflowY !== 'visible' ? el
      : clipOf(parentOf(el));
    clips.set(el, found);
    return found;
  }

  /** Whether `el` shows its text on a dark background: the first opaque one from it up, else the page's (white). */
  function toneOf(el) {
    if (!el || el === document.documentElement) return 'light';
    if (tones.has(el)) return tones.get(el);
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(el).backgroundColor);
    const alpha = m ? Number(m[4] ?? 1) : 0;
    const tone = alpha < 0.5 ? toneOf(parentOf(el))
      : 0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3]) < 110 ? 'dark' : 'light';
    tones.set(el, tone);
    return tone;
  }

  /** Client rects of a (static) range; none if its nodes changed under it. */
  function rectsOf(kind, range) {
    try {
      measure.setStart(range.startContainer, range.startOffset);
      measure.setEnd(range.endContainer, range.endOffset);
    } catch {
      return [];
    }
    return BOXED.has(kind) ? [measure.getBoundingClientRect()] : measure.getClientRects();
  }

  /** Draws `list` ([kind, range][]) of `el` in a new layer, against `origin`, the overlay's own box. */
  function draw(el, list, origin, box) {
    const clipEl = clipOf(el);
    const layer = document.createElement('div');
    layer.className = 'l';
    // Marks are placed in the layer's coordinates; centres kept in the overlay's.
    let dx = origin.left;
    let dy = origin.top;
    if (clipEl) {
      const c = clipEl.getBoundingClientRect();
      dx = c.left + clipEl.clientLeft;
      dy = c.top + clipEl.clientTop;
      layer.className = 'l c';
      layer.style.cssText = `left:${dx - origin.left}px;top:${dy - origin.top}px;`
        + `width:${clipEl.clientWidth}px;height:${clipEl.clientHeight}px`;
    }
    const marks = [];
    const sorted = [...list].sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]));
    for (const [kind, range] of sorted) {
      for (const r of rectsOf(kind, range)) {
        if (r.width < 1 || r.height < 1) continue;
        const div = document.createElement('div');
        div.className = `m ${kind}`;
        div.style.cssText = `left:${r.left - dx}px;top:${r.top - dy}px;width:${r.width}px;height:${r.height}px`;
        layer.append(div);
        marks.push({ div, x: r.left + r.width / 2 - origin.left, y: r.top + r.height / 2 - origin.top, tested: false });
      }
    }
    groups[toneOf(el)].append(layer);
    return { layer, box, marks };
  }

  /** Whether the page shows `el`'s text at (x, y) of the viewport, or something else covers it there. */
  function uncovered(el, x, y) {
    const hit = document.elementFromPoint(x, y);
    if (!hit || isOurs(hit)) return true;
    // The comment's own parts (a stretched link, a badge) do not cover it;
    // anything from outside its few nearest ancestors does.
    let a = el;
    for (let i = 0; i < 4 && a && a !== document.body && a !== document.documentElement; i++, a = a.parentElement) {
      if (a.contains(hit)) return true;
    }
    return hit.contains(el);
  }

  /**
   * Hides the marks of `drawn` that something covers, each tested once it is
   * in view, within the frame's hit-test budget; false when the budget ran
   * out first (the rest wait for the next frame). A hit test costs 0.3-0.6 ms
   * on a long page, so marks on one line of the element share one.
   */
  function test(el, drawn, origin, until) {
    const w = innerWidth;
    const h = innerHeight;
    const lines = new Map();
    for (const m of drawn.marks) {
      if (m.tested) continue;
      const x = m.x + origin.left;
      const y = m.y + origin.top;
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      const line = Math.round(y / 6);
      let shown = lines.get(line);
      if (shown === undefined) {
        if (performance.now() > until) return false;
        shown = uncovered(el, x, y);
        lines.set(line, shown);
      }
      m.tested = true;
      m.div.classList.toggle('hid', !shown);
    }
    return true;
  }

  /** The element's box (`r`, if just read) relative to the overlay, as a key that changes when it moves or resizes. */
  const boxOf = (el, origin, r = el.getBoundingClientRect()) => {
    return `${r.left - origin.left},${r.top - origin.top},${r.width},${r.height}`;
  };

  function refresh() {
    frame = 0;
    if (!host.isConnected) return;
    const boxes = ordered ? nearDense() : null;
    const origin = host.getBoundingClientRect();
    const all = retest;
    retest = false;
    if (all) lastRetest = performance.now();
    const until = performance.now() + HIT_BUDGET_MS;
    let done = true;
    for (const el of near) {
      const list = byEl.get(el);
      if (!list) continue;
      const box = boxOf(el, origin, boxes?.get(el));
      let drawn = layers.get(el);
      if (drawn?.box !== box) {
        erase(el);
        drawn = draw(el, list, origin, box);
        layers.set(el, drawn);
      }
      // Everything in view again (the page changed): each mark keeps how it
      // shows until its turn comes.
      if (all) for (const m of drawn.marks) m.tested = false;
      if (done) done = test(el, drawn, origin, until);
    }
    if (!done) request();
    if (focus && focus.el.isConnected) {
      const box = boxOf(focus.el, origin);
      if (focus.drawn?.box !== box) {
        focus.drawn?.layer.remove();
        focus.drawn = draw(focus.el, [['focus', focus.range]], origin, box);
      }
    }
  }

  // The document's own scrolling moves every mark with it; what else moves
  // is found by the next frame's check. Marks coming into view are tested as
  // they come, all of them again once the scrolling settles (a sticky header).
  const onScroll = () => {
    request();
    clearTimeout(settle);
    settle = setTimeout(() => request(true), SETTLE_MS);
  };
  const onChange = () => request(true);
  addEventListener('scroll', onScroll, { capture: true, passive: true });
  addEventListener('resize', onChange, { passive: true });
  addEventListener('load', onChange, { capture: true, passive: true }); // images above shift the text
  document.fonts?.addEventListener?.('loadingdone', onChange);
  const ro = new ResizeObserver(onChange);
  ro.observe(document.documentElement);
  // A dialog or menu shown by a class or style change adds no node (the
  // scheduler's observer sees added nodes and calls `changed`).
  const shown = new MutationObserver(() => api.changed());
  shown.observe(document.documentElement, { subtree: true, attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'open'] });

  const api = {
    add(kind, range, el) {
      let list = byEl.get(el);
      if (!list) {
        list = [];
        byEl.set(el, list);
        if (ordered) {
          ordered.push(el);
          request();
        } else if (byEl.size > DENSE_AT) goDense();
        else io.observe(el);
      }
      list.push([kind, range]);
      attach();
      if (near.has(el)) {
        erase(el); // drawn again, with the new mark, before the next frame
        request();
      }
    },
    remove(kind, range, el) {
      if (focus?.range === range) this.focus(null);
      const list = byEl.get(el);
      const i = list?.findIndex(([k, r]) => k === kind && r === range) ?? -1;
      if (i < 0) return;
      list.splice(i, 1);
      if (!list.length) {
        byEl.delete(el);
        near.delete(el);
        if (!ordered) io.unobserve(el);
      }
      erase(el);
      if (list.length && near.has(el)) request();
    },
    /** Marks `range` (inside `el`) as the one the user asked to see, or none. */
    focus(range, el = null) {
      focus?.drawn?.layer.remove();
      focus = range ? { range, el: el ?? range.startContainer.parentElement ?? document.documentElement, drawn: null }
        : null;
      if (focus) attach();
      request();
    },
    /**
     * The page changed: covered marks are looked for again, at most every
     * RETEST_MS (a feed that changes all the time costs a hit test per mark
     * in view, not per mutation).
     */
    changed() {
      if (!layers.size || later) return;
      const wait = lastRetest + RETEST_MS - performance.now();
      if (wait <= 0) request(true);
      else later = setTimeout(() => { later = 0; request(true); }, wait);
    },
    stop() {
      io.disconnect();
      ro.disconnect();
      shown.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(settle);
      clearTimeout(later);
      removeEventListener('scroll', onScroll, { capture: true });
      removeEventListener('resize', onChange);
      removeEventListener('load', onChange, { capture: true });
      document.fonts?.removeEventListener?.('loadingdone', onChange);
      unguard?.();
      drop(host);
      measure.detach();
      byEl.clear();
      near.clear();
      layers.clear();
      ordered = null;
    },
  };
  return api;
}
