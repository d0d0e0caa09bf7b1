// "Teach this site" (教我認留言): an element picker like uBlock Origin's. The
// user points at one comment and clicks; we propose the repeated structure
// around it — the nearest block whose parent holds others like it — outline
// every sibling unit it would take, with the count, and let the user widen
// or narrow it (parent / child). Saving sends the unit selector to the
// background, which checks it with the core and keeps it as a site adapter
// of the user's own (settings.adapters; docs/adapters.md): from then on it
// finds the comments here, in the side panel, history and captures too.
// Everything we draw lives in a closed shadow root on our own element, with
// text set as text; the page's clicks are ours only while picking.
import { t } from '../shared/i18n.js';
import { drop, makeHost, mount } from './host.js';
import { CS_BG_TEACH } from '../shared/messages.js';

/** Outlines drawn at most: enough to see the pattern on a long thread. */
const MAX_OUTLINES = 300;
/** A unit shorter than this is a word, not a comment. */
const MIN_TEXT = 4;

const STYLE = `
.box { position: fixed; pointer-events: none; box-sizing: border-box; border: 2px solid #1a73e8;
  background: rgba(26,115,232,.08); z-index: 2147483646; }
.box.hover { border-style: dashed; background: rgba(26,115,232,.04); }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; width: 300px; padding: 10px 12px;
  font: 13px/1.45 system-ui, "Noto Sans TC", "Noto Sans CJK TC", sans-serif; color: #202124; background: #fff;
  border: 1px solid #dadce0; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); }
.row { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
button { font: inherit; padding: 4px 10px; border: 1px solid #c0c6d0; border-radius: 6px; background: #fff; cursor: pointer; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button:disabled { opacity: .5; cursor: default; }
.error { color: #a50e0e; } .done { color: #137333; }
`;

const classes = (el) => [...el.classList].sort().join(' ');
const shape = (el) => [...el.children].map((c) => c.localName).join(' ');

/**
 * Siblings of `el` (itself included) that look like it: the same tag and
 * either the same classes or the same children (generated class names may
 * differ from one comment to the next).
 */
const alike = (el) => (el.parentElement ? [...el.parentElement.children].filter((s) => s.localName === el.localName
  && (classes(s) === classes(el) || (s.children.length > 0 && shape(s) === shape(el)))) : [el]);

/** A CSS identifier or attribute value, escaped. */
const esc = (s) => CSS.escape(s);

/**
 * A selector for `el` from what lasts longest: a role, itemprop or data-*
 * attribute, then its tag and classes; under its parent's own selector when
 * that alone would take more than its like siblings.
 */
function selectorFor(el) {
  // What `e` shares with every element of `group`: a lasting attribute, else its common classes.
  const own = (e, group = [e]) => {
    for (const attr of ['role', 'itemprop', 'data-testid', 'data-type', 'data-hook']) {
      const v = e.getAttribute(attr);
      if (v && group.every((g) => g.getAttribute(attr) === v)) return `${e.localName}[${attr}="${v.replace(/["\\]/g, '\\$&')}"]`;
    }
    return e.localName + [...e.classList].filter((c) => group.every((g) => g.classList.contains(c)))
      .map((c) => `.${esc(c)}`).join('');
  };
  const group = alike(el);
  const mine = own(el, group);
  const want = group.length;
  const count = (sel) => {
    try { return document.querySelectorAll(sel).length; } catch { return -1; }
  };
  if (count(mine) === want) return mine;
  const parent = el.parentElement;
  if (!parent || parent === document.body || parent === document.documentElement) return mine;
  const up = parent.id && !/\d/.test(parent.id) ? `#${esc(parent.id)}` : own(parent);
  const nested = `${up} > ${mine}`;
  return count(nested) >= want ? nested : mine;
}

/** Why `el` cannot be a unit, or null. */
function refusal(el) {
  if (!el || !el.isConnected) return 'pickGone';
  if (el === document.body || el === document.documentElement || el.contains(document.body)) return 'pickWholePage';
  if (el.localName === 'iframe' || el.localName === 'frame') return 'pickFrame';
  if ((el.textContent ?? '').replace(/\s+/g, ' ').trim().length < MIN_TEXT) return 'pickTooSmall';
  return null;
}

let active = null;

/** Starts picking on this page (again, if already picking). */
export function startPicker() {
  active?.stop();
  active = picker();
}

function picker() {
  const { host, root } = makeHost('picker', 'position:fixed;top:0;left:0;z-index:2147483647');
  const style = document.createElement('style');
  style.textContent = STYLE;
  const boxes = document.createElement('div');
  const panel = document.createElement('div');
  panel.className = 'panel';
  root.append(style, boxes, panel);
  mount(host);

  let path = []; // from the clicked element up to <body>
  let at = -1; // index in `path` of the proposed unit
  let hovered = null;

  const button = (label, onClick, primary = false) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t(label);
    if (primary) b.className = 'primary';
    b.addEventListener('click', (e) => { e.stopPropagation(); onClick(); });
    return b;
  };
  const say = (key, cls = '', ...subs) => {
    const p = document.createElement('p');
    p.className = cls;
    p.textContent = t(key, ...subs);
    return p;
  };
  const box = (el, cls = '') => {
    const r = el.getBoundingClientRect();
    const b = document.createElement('div');
    b.className = `box ${cls}`;
    b.style.cssText = `left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`;
    return b;
  };

  function draw() {
    const unit = path[at];
    const units = unit ? alike(unit) : [];
    boxes.replaceChildren(...(hovered && !unit ? [box(hovered, 'hover')] : []),
      ...units.slice(0, MAX_OUTLINES).map((u) => box(u)));
    const why = unit ? refusal(unit) : null;
    panel.replaceChildren(
      unit ? (why ? say(why, 'error') : say('pickFound', '', String(units.length))) : say('pickHint'),
      ...(unit ? [Object.assign(document.createElement('div'), { className: 'row' })] : []),
    );
    const row = panel.querySelector('.row');
    row?.append(
      Object.assign(button('pickWider', () => { at = Math.min(at + 1, path.length - 1); draw(); }),
        { disabled: at >= path.length - 1 }),
      Object.assign(button('pickNarrower', () => { at = Math.max(at - 1, 0); draw(); }), { disabled: at <= 0 }),
      Object.assign(button('pickSave', save, true), { disabled: Boolean(why) }),
    );
    panel.append(Object.assign(document.createElement('div'), { className: 'row' }));
    panel.lastElementChild.append(button('pickCancel', stop));
  }

  async function save() {
    const unit = path[at];
    const why = refusal(unit);
    if (why) {
      draw();
      return;
    }
    const reply = await chrome.runtime.sendMessage({ type: CS_BG_TEACH, unit: selectorFor(unit), text: '.' })
      .catch((err) => ({ ok: false, message: String(err?.message ?? err) }));
    panel.replaceChildren(reply?.ok ? say('pickSaved', 'done', reply.name)
      : say('pickFailed', 'error', reply?.message ?? ''));
    if (reply?.ok) setTimeout(stop, 1500);
  }

  const ours = (e) => e.composedPath().includes(host);
  const onMove = (e) => {
    if (ours(e) || path.length) return;
    hovered = document.elementFromPoint(e.clientX, e.clientY);
    if (hovered === host) hovered = null;
    draw();
  };
  const onClick = (e) => {
    if (ours(e)) return;
    e.preventDefault();
    e.stopPropagation();
    const clicked = document.elementFromPoint(e.clientX, e.clientY);
    if (!clicked || clicked === host) return;
    path = [];
    for (let n = clicked; n && n !== document.body && n !== document.documentElement; n = n.parentElement) path.push(n);
    // Outside every block: the page itself, which the panel refuses.
    if (!path.length) path.push(clicked);
    // The proposal: the nearest block that has siblings like it.
    at = path.findIndex((n) => alike(n).length >= 2);
    if (at < 0) at = 0;
    draw();
  };
  const onKey = (e) => { if (e.key === 'Escape') stop(); };
  const onScroll = () => draw();
  document.addEventListener('mousemove', onMove, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKey, true);
  window.addEventListener('scroll', onScroll, true);
  draw();

  function stop() {
    document.removeEventListener('mousemove', onMove, true);
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('keydown', onKey, true);
    window.removeEventListener('scroll', onScroll, true);
    drop(host);
    if (active?.stop === stop) active = null;
  }
  return { stop };
}
