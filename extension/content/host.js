// Our elements on a page: the marks' overlay, the hover card, the banner,
// the spreading chip, the capture outline and the picker. Each is a bare
// <div> under <html>, outside the page's content, with no attribute, and
// everything it shows is in a closed shadow root: a page that watches its
// DOM learns that some element came, never whose it is or what it says.
// Styles are set from inside (`:host … !important`, which outranks the
// page's own !important rules on it), never in a style attribute.

const ours = new WeakSet();
/** Each live host's switch for hiding it (a capture's primary screenshot). */
const hiders = new Map(); // host -> <style>

/**
 * A host (`part`: what it is, e.g. `card`) placed by `place` (declarations for `:host`, e.g. `position:fixed;
 * inset:0`) with `css` inside; returns { host, root }. Not yet on the page:
 * `mount(host)` puts it there.
 */
export function makeHost(part, place, css = '') {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  // Which of ours this is, for the end-to-end tests (inside the closed root: the page cannot read it).
  style.dataset.part = part;
  const important = place.split(';').filter((d) => d.trim()).map((d) => `${d} !important;`).join('');
  style.textContent = `:host{all:initial !important;display:block !important;visibility:visible !important;${
    important}}${css}`;
  const hider = document.createElement('style');
  root.append(style, hider);
  ours.add(host);
  hiders.set(host, hider);
  return { host, root };
}

export function mount(host) {
  document.documentElement.append(host);
}

/** Takes a host off the page for good. */
export function drop(host) {
  host?.remove();
  if (host) hiders.delete(host);
}

/** Whether `node` is one of our hosts. */
export function isOurs(node) {
  return ours.has(node);
}

/** Hides (or shows again) every host of ours, in place: nothing the page observes changes. */
export function hideAll(hidden) {
  for (const hider of hiders.values()) hider.textContent = hidden ? ':host{visibility:hidden !important}' : '';
}

/**
 * Keeps `host` on the page: put back at once when the page removes it,
 * unless the page keeps doing so (more than BURST times in a second), when
 * it waits, longer each time (1 s doubling to a minute), and `onBackoff(ms)`
 * says so. Returns a function that stops guarding.
 */
const BURST = 5;
export function guard(host, onBackoff = (_ms) => {}) {
  const removals = [];
  let wait = 0;
  let timer = 0;
  const back = () => {
    timer = 0;
    if (!host.isConnected && hiders.has(host)) mount(host);
  };
  const mo = new MutationObserver(() => {
    if (host.isConnected || timer || !hiders.has(host)) return;
    const now = performance.now();
    removals.push(now);
    while (removals.length && removals[0] < now - 1000) removals.shift();
    if (removals.length <= BURST) {
      wait = 0;
      back();
      return;
    }
    wait = Math.min(wait ? wait * 2 : 1000, 60_000);
    onBackoff(wait);
    timer = setTimeout(back, wait);
  });
  mo.observe(document.documentElement, { childList: true });
  return () => {
    mo.disconnect();
    clearTimeout(timer);
  };
}
