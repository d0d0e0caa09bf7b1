// Evidence capture, page side: works out what is being captured (a comment,
// the selection, a link, the page), brings it into view, and gives the
// background its text, HTML fragment and a snapshot of the page. The primary
// screenshot shows the page as the site showed it: everything of ours is
// hidden while it is taken (a lawyer's first question is whether the page was
// altered); the annotated one after it has our marks and the unit outlined.
// Nothing here writes page text as HTML; the snapshot is a serialised clone.
import { drop, hideAll, isOurs, makeHost, mount } from './host.js';

/** Longest our marks stay hidden if the background never says the screenshot is taken. */
const CONCEAL_MS = 10_000;
/** Images inlined into the snapshot, at most (bigger pages keep addresses). */
const INLINE_IMAGES = 200;
const INLINE_IMAGE_PIXELS = 4_000_000;

let contextTarget = null;
// The element under the last right-click, for the context menu's capture.
addEventListener('contextmenu', (e) => { contextTarget = e.composedPath()[0] ?? e.target; }, { capture: true,
  passive: true });

/** The element a context-menu click was on, if it is still on the page. */
export function contextElement() {
  return contextTarget?.isConnected ? contextTarget : null;
}

let overlay = null;

/** Draws an outline around `rect` (viewport coordinates) above everything. */
function outline(rect) {
  removeOutline();
  const { host, root } = makeHost('outline', 'position:fixed;inset:0;pointer-events:none;z-index:2147483647');
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:${rect.left - 4}px;top:${rect.top - 4}px;width:${rect.width + 8}px;`
    + `height:${rect.height + 8}px;outline:3px solid #d93025;outline-offset:0;border-radius:4px;box-sizing:border-box;`;
  root.append(box);
  mount(host);
  overlay = host;
  setTimeout(removeOutline, 10_000); // never left behind if the background goes away
}

export function removeOutline() {
  drop(overlay);
  overlay = null;
}

let restore = null;

/**
 * Hides everything of ours: the highlights (`showMarks(false)`) and our
 * elements (hidden, not removed, so nothing the page observes is added or
 * taken away). Undone by `unconceal`, or after CONCEAL_MS whatever happens.
 */
function conceal(showMarks) {
  unconceal();
  hideAll(true);
  showMarks(false);
  const timer = setTimeout(unconceal, CONCEAL_MS);
  restore = () => {
    clearTimeout(timer);
    hideAll(false);
    showMarks(true);
  };
}

function unconceal() {
  restore?.();
  restore = null;
}

/** Where the outline goes for the annotated screenshot (viewport coordinates), if anywhere. */
let outlined = null;

/** After the primary screenshot: our marks back, the captured thing outlined, painted. */
export async function annotate() {
  unconceal();
  if (outlined) outline(outlined);
  await frames();
  return true;
}

/** The capture is over (or failed): everything as it was. */
export function finish() {
  unconceal();
  removeOutline();
  outlined = null;
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Serialises a fragment as HTML (read, never written back into the page). */
function fragmentHtml(nodes) {
  const t = document.createElement('template');
  t.content.append(nodes);
  return t.innerHTML;
}

/** An image as a data: URL when the browser lets us read it (same origin, loaded). */
function dataUrl(img) {
  try {
    if (!img.complete || !img.naturalWidth || img.naturalWidth * img.naturalHeight > INLINE_IMAGE_PIXELS) return null;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d').drawImage(img, 0, 0);
    return canvas.toDataURL('image/png');
  } catch {
    return null; // cross-origin: tainted canvas
  }
}

/**
 * The page as one HTML file that opens anywhere without running anything:
 * scripts and event handlers dropped, readable style sheets inlined, same-origin
 * images inlined, every other address made absolute.
 */
export function snapshotHtml(doc = document, capturedAt = new Date().toISOString()) {
  const clone = /** @type {HTMLElement} */ (doc.documentElement.cloneNode(true));
  // Our hosts sit under <html>: the clone's children at the same places go.
  const kids = [...clone.children];
  [...doc.documentElement.children].forEach((c, i) => { if (isOurs(c)) kids[i].remove(); });
  const originals = doc.documentElement.querySelectorAll('img');
  const copies = clone.querySelectorAll('img');
  let inlined = 0;
  copies.forEach((img, i) => {
    const src = inlined < INLINE_IMAGES ? dataUrl(originals[i]) : null;
    if (src) inlined++;
    img.setAttribute('src', src ?? originals[i].currentSrc ?? originals[i].src);
    img.removeAttribute('srcset');
  });
  for (const n of clone.querySelectorAll('script, noscript, link[rel~="stylesheet"], style')) n.remove();
  for (const n of clone.querySelectorAll('*')) {
    for (const a of [...n.attributes]) {
      if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) n.removeAttribute(a.name);
    }
  }
  const head = clone.querySelector('head') ?? clone.insertBefore(doc.createElement('head'), clone.firstChild);
  const meta = (attrs) => Object.assign(doc.createElement('meta'), attrs);
  const added = [
    meta({ httpEquiv: 'Content-Security-Policy', content: "script-src 'none'; object-src 'none'" }),
    meta({ name: 'brand-radar-snapshot', content: `${doc.location.href} ${capturedAt}` }),
    Object.assign(doc.createElement('base'), { href: doc.baseURI }),
  ];
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  added.unshift(charset);
  for (const n of head.querySelectorAll('meta[charset], base, meta[http-equiv]')) n.remove();
  for (const sheet of doc.styleSheets) {
    let text = null;
    try { text = [...sheet.cssRules].map((r) => r.cssText).join('\n'); } catch { /* cross-origin sheet */ }
    if (text !== null) {
      const style = doc.createElement('style');
      style.textContent = text;
      added.push(style);
    } else if (sheet.href) {
      added.push(Object.assign(doc.createElement('link'), { rel: 'stylesheet', href: sheet.href }));
    }
  }
  head.prepend(...added);
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '<!DOCTYPE html>';
  return `${doctype}\n${clone.outerHTML}`;
}

/**
 * Prepares a capture: `req.target` is `unit` (with `unit`, the page's unit
 * entry), `selection`, `link` or `page`. Scrolls the thing into view, hides
 * everything of ours (`showMarks(on)` hides and shows the highlights), and
 * resolves once the page is painted as the site shows it.
 */
export async function prepare(req, { unit, mentionsIn, verdict, adapter, clean, showMarks }) {
  let el = unit?.el ?? null;
  let text = '';
  let fragment = '';
  let kind = unit ? 'unit' : req.target;
  const selection = getSelection();
  if (unit) {
    text = clean(unit.fullText);
    fragment = el.outerHTML;
  } else if (req.target === 'selection' && selection?.rangeCount && !selection.isCollapsed) {
    const range = selection.getRangeAt(0);
    text = range.toString();
    fragment = fragmentHtml(range.cloneContents());
    el = range.commonAncestorContainer.nodeType === Node.ELEMENT_NODE
      ? range.commonAncestorContainer : range.commonAncestorContainer.parentElement;
  } else if (req.target === 'link') {
    el = contextElement()?.closest?.('a[href]') ?? null;
    text = el?.textContent.trim() ?? '';
    fragment = el?.outerHTML ?? '';
  } else {
    kind = 'page';
    text = (req.selectionText || document.title || '').slice(0, 10_000);
  }
  const snapshot = snapshotHtml();
  outlined = null;
  if (el) {
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    outlined = (req.target === 'selection' && selection?.rangeCount)
      ? selection.getRangeAt(0).getBoundingClientRect() : el.getBoundingClientRect();
  }
  const description = {
    kind,
    text,
    fragment,
    snapshot,
    link: req.target === 'link' ? (el?.href ?? req.linkUrl ?? null) : null,
    url: location.href,
    title: document.title,
    lang: document.documentElement.lang || null,
    redirects: /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0])
      ?.redirectCount ?? 0,
    site: adapter?.site ?? null,
    author: unit?.author ?? null,
    time: unit?.time ?? null,
    permalink: unit?.permalink ?? null,
    rating: unit?.rating ?? null,
    push: unit?.push ?? null,
    mentions: mentionsIn(el),
    verdict: text ? await verdict(unit ? unit.fullText : text, unit) : null,
  };
  // Last, so that our marks are off for the screenshot only, not while the verdict is worked out.
  conceal(showMarks);
  await frames();
  return description;
}
