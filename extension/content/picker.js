// "Teach this site" (教我認留言): an element picker like uBlock Origin's. The
// user points at one comment and clicks; we propose the repeated structure
// around it — the nearest block whose parent holds others like it — outline
// every sibling unit it would take, with the count, and let the user widen
// or narrow it (parent / child). Saving sends the unit selector to the
// background, which checks it with the core and keeps it as a site adapter
// of the user's own (settings.adapters; docs/adapters.md): from then on it
// finds the comments here, in the side panel, history and captures too.
// Inside the unit it guesses the author and time from what sites commonly
// mark them with; the user may point at the text, author and time instead.
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
.part { display: flex; gap: 6px; align-items: baseline; margin-top: 4px; }
.part b { flex: none; } .part span { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
  color: #5f6368; }
.part button { padding: 1px 6px; font-size: 12px; }
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

/** The parts of a unit a user may point at, and the sub-selectors that commonly mark them (guesses). */
const PARTS = {
  text: { label: 'pickPartText', guesses: [] },
  author: { label: 'pickPartAuthor', guesses: ['[itemprop="author"]', '[rel="author"]', 'a[href*="/user"]',
    '[class*="author" i]', '[class*="user" i]', '[class*="nick" i]', '[class*="name" i]'] },
  time: { label: 'pickPartTime', guesses: ['time', '[datetime]', '[class*="time" i]', '[class*="date" i]'] },
};
/** A part's text longer than this is no author or time. */
const MAX_PART = 60;

const textOf = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Of `units`, how many hold `sel` (a selector relative to a unit); 0 for a selector the browser refuses. */
function reach(units, sel) {
  try { return units.filter((u) => u.querySelector(sel)).length; } catch { return 0; }
}

/**
 * A selector for `part` relative to its `unit` that the other `units` mostly
 * share: the chain of elements between them, by lasting attributes and
 * classes, else by tag alone; null when the others hold nothing like it.
 */
function partSelector(unit, part, units) {
  const chain = [];
  for (let n = part; n && n !== unit; n = n.parentElement) chain.unshift(n);
  const byClass = (e) => {
    for (const attr of ['itemprop', 'role', 'data-testid']) {
      const v = e.getAttribute(attr);
      if (v) return `${e.localName}[${attr}="${v.replace(/["\\]/g, '\\$&')}"]`;
    }
    return e.localName + [...e.classList].map((c) => `.${esc(c)}`).join('');
  };
  for (const name of [byClass, (e) => e.localName]) {
    const sel = chain.map(name).join(' > ');
    let first = null;
    try { first = unit.querySelector(sel); } catch { continue; }
    if (first === part && reach(units, sel) * 2 >= units.length) return sel;
  }
  return null;
}

/** A guessed selector for `kind` (author, time) that most `units` hold with short text, or null. */
function guess(kind, units) {
  return PARTS[kind].guesses.find((sel) => reach(units, sel) * 2 >= units.length
    && units.every((u) => textOf(u.querySelector(sel)).length <= MAX_PART)) ?? null;
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
  /** Sub-selectors of the unit's parts (null: the whole unit's text, or none), and which part a click sets. */
  let parts = { text: null, author: null, time: null };
  let choosing = null;
  let note = null; // a message about the last part picked

  /** The proposed unit with its like siblings; its parts guessed anew. */
  const propose = (i) => {
    at = i;
    const units = path[at] ? alike(path[at]) : [];
    parts = { text: null, author: guess('author', units), time: guess('time', units) };
    choosing = null;
    note = null;
    draw();
  };

  const button = (label, onClick, primary = false) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
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
      Object.assign(button(t('pickWider'), () => propose(Math.min(at + 1, path.length - 1))),
        { disabled: at >= path.length - 1 }),
      Object.assign(button(t('pickNarrower'), () => propose(Math.max(at - 1, 0))), { disabled: at <= 0 }),
      Object.assign(button(t('pickSave'), save, true), { disabled: Boolean(why) }),
    );
    if (unit && !why) panel.append(...partRows(unit));
    panel.append(Object.assign(document.createElement('div'), { className: 'row' }));
    panel.lastElementChild.append(button(t('pickCancel'), stop));
  }

  /** What each part is in the comment clicked (its text), with buttons to point at it or clear it. */
  function partRows(unit) {
    const rows = [choosing ? say('pickPartHint', '', t(PARTS[choosing].label)) : say('pickParts')];
    if (note) rows.push(note);
    for (const kind of Object.keys(PARTS)) {
      const sel = parts[kind];
      const shown = sel ? textOf(unit.querySelector(sel)) : '';
      const row = document.createElement('div');
      row.className = 'part';
      const name = document.createElement('b');
      name.textContent = t(PARTS[kind].label);
      const value = document.createElement('span');
      value.textContent = sel ? shown.slice(0, 40) : t(kind === 'text' ? 'pickWhole' : 'pickUnset');
      row.append(name, value, button(t('pickSet', t(PARTS[kind].label)), () => {
        choosing = kind;
        note = null;
        draw();
      }));
      if (sel) row.append(button(t('pickClear', t(PARTS[kind].label)), () => { parts[kind] = null; draw(); }));
      rows.push(row);
    }
    return rows;
  }

  /** A click while choosing a part: inside one of the outlined units, the part it points at. */
  function pickPart(clicked) {
    const kind = choosing;
    const label = t(PARTS[kind].label);
    const units = alike(path[at]);
    const unit = units.find((u) => u !== clicked && u.contains(clicked));
    const sel = unit ? partSelector(unit, clicked, units) : null;
    if (!unit) note = say('pickPartOutside', 'error');
    else if (!sel) note = say('pickPartRare', 'error', label);
    else {
      parts[kind] = sel;
      choosing = null;
      note = null;
    }
    draw();
  }

  async function save() {
    const unit = path[at];
    const why = refusal(unit);
    if (why) {
      draw();
      return;
    }
    const reply = await chrome.runtime.sendMessage({ type: CS_BG_TEACH, unit: selectorFor(unit),
      text: parts.text ?? '.', author: parts.author, time: parts.time })
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
    if (choosing && path[at]) {
      pickPart(clicked);
      return;
    }
    path = [];
    for (let n = clicked; n && n !== document.body && n !== document.documentElement; n = n.parentElement) path.push(n);
    // Outside every block: the page itself, which the panel refuses.
    if (!path.length) path.push(clicked);
    // The proposal: the nearest block that has siblings like it.
    propose(Math.max(0, path.findIndex((n) => alike(n).length >= 2)));
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
