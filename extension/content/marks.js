// Our highlight ranges, and which of them the browser is given.
//
// Chromium revalidates every registered highlight range whenever the page's
// DOM changes: on a 5,000-comment feed where most comments name the brand
// (about 12,000 ranges) each change cost the page 40-80 ms of rendering, with
// or without any work of ours. So past VIRTUAL_AT ranges only those of
// elements within about a screen and a half of the viewport are registered;
// an IntersectionObserver moves them in and out as the user scrolls. Below
// it, every range is registered, as before.

export const VIRTUAL_AT = 5000;

/** `highlights`: the Highlight objects by kind. */
export function createMarks(highlights) {
  const byEl = new Map(); // element -> [kind, range][]
  const near = new Set();
  let total = 0;
  let io = null;

  const show = (el, on) => {
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
        show(e.target, e.isIntersecting);
      }
    }, { rootMargin: '150% 0px' });
    for (const el of byEl.keys()) {
      show(el, false);
      io.observe(el);
    }
  }

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
    stop() {
      io?.disconnect();
      io = null;
      byEl.clear();
      near.clear();
      total = 0;
    },
  };
}
