// Comment units (reviews, replies, pushes) found by a site adapter, with
// their text gathered verbatim from text nodes so that the scorer's UTF-16
// spans map straight back onto DOM Ranges.

// The elements whose text is no prose (scripts, styles, form fields): the
// page walk (collect.js) and the CLI read the same file.
import rules from '../../adapters/index.json' with { type: 'json' };

const NUMBER = /\d+(?:\.\d+)?/;
const SKIP = new Set(rules.skip);
const SKIPPED = rules.skip.join(',');

/**
 * The text nodes of `part` a reader sees, in document order: none inside a
 * script, style or form field (an inline script in a comment is code, not
 * the comment; the CLI's `texts` in src/bin/brand-radar/units.rs the same).
 * Most comments hold none of those: one query, then a plain walk.
 */
function* shownText(part) {
  const doc = part.ownerDocument;
  if (!part.querySelector(SKIPPED)) {
    const walker = doc.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) yield /** @type {Text} */ (n);
    return;
  }
  const walker = doc.createTreeWalker(part, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT
      : SKIP.has(/** @type {Element} */ (n).localName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) yield /** @type {Text} */ (n);
}

/**
 * A user adapter's unit selector is tried element by element, in slices
 * (one `matches` each, a pause every WALK_STEP elements), never as one
 * `querySelectorAll` over the page: a selector that makes the browser
 * compare each element with thousands of others (`div:has(~ div p)`) then
 * costs its slices, not a long task. Past SLOW_SELECTOR_MS of matching in
 * all it is a mistake: it yields nothing more and ours serve the page.
 */
export const SLOW_SELECTOR_MS = 150;
const WALK_STEP = 200;

/**
 * `root` and the elements under it that match `sel`, in document order;
 * `null` entries are pauses; `found.slow` set when slow.
 */
function* matching(root, sel, found) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let spent = 0;
  let n = 0;
  for (let el = /** @type {Element | null} */ (root.nodeType === 1 ? root : walker.nextNode()); el;
    el = /** @type {Element | null} */ (walker.nextNode())) {
    const started = performance.now();
    const hit = el.matches(sel);
    spent += performance.now() - started;
    if (hit) yield el;
    if (++n % WALK_STEP === 0) {
      if (spent > SLOW_SELECTOR_MS) {
        found.slow = true;
        return;
      }
      yield null;
    }
  }
  if (spent > SLOW_SELECTOR_MS) found.slow = true;
}

function firstText(unit, sel) {
  if (!sel) return undefined;
  const el = sel === '.' ? unit : unit.querySelector(sel);
  if (!el) return undefined;
  const t = [...shownText(el)].map((n) => n.data).join('').replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** The address the unit's permalink element points to (`.`: the unit itself). */
function link(unit, sel) {
  if (!sel) return undefined;
  const el = sel === '.' ? unit : unit.querySelector(sel);
  return el?.href || el?.getAttribute?.('href') || undefined;
}

/**
 * Where the author's name (`sel`) links to, their account: the link it is,
 * or is inside of within the unit, or holds; as the CLI's `author_link`.
 */
function authorLink(unit, sel) {
  if (!sel) return undefined;
  const el = sel === '.' ? unit : unit.querySelector(sel);
  const around = el?.closest('a[href]');
  const a = around && unit.contains(around) ? around : el?.querySelector('a[href]');
  return a?.href || undefined;
}

/** Text as the CLI reads it: white space folded. */
const folded = (el) => el.textContent.replace(/\s+/g, ' ').trim();

/** Text length as the CLI measures it: white space folded, UTF-16 units. */
const foldedLength = (el) => folded(el).length;

/**
 * The generic adapter's test for a unit (adapters/generic.json; the rule is
 * documented on `Repeated` in src/adapter.rs, and the CLI applies the same).
 * Cheap checks first: most elements fail on tag or siblings before their
 * text is read.
 */
function unitTest(adapter) {
  const rule = adapter.repeated;
  const tags = new Set(rule.tags.map((t) => t.toUpperCase()));
  const datedText = new RegExp(rule.dated, 'i');
  const memo = (f) => {
    const seen = new Map();
    return (el) => {
      if (!seen.has(el)) seen.set(el, f(el));
      return seen.get(el);
    };
  };
  const signature = (el) => {
    const id = el.id && !/\d/.test(el.id) ? el.id : '';
    return `${el.localName} ${(el.getAttribute('class') ?? '').trim().split(/\s+/).join(' ')} #${id}`;
  };
  // Folded text, kept only while a unit could be that long.
  const text = memo((el) => {
    const t = folded(el);
    return t.length <= rule.text_max ? t : null;
  });
  // Siblings of the same signature among the nearest `window` on each side,
  // with `el`, if they are at least `min`.
  const alike = (el) => {
    if (!el.parentElement || !tags.has(el.tagName)) return null;
    const sig = signature(el);
    const same = [el];
    for (const step of ['previousElementSibling', 'nextElementSibling']) {
      let s = el[step];
      for (let k = 0; s && k < rule.window; k++, s = s[step]) if (signature(s) === sig) same.push(s);
    }
    return same.length >= rule.min ? same : null;
  };
  // A date or a time ago in a block no longer than a unit may be.
  const dated = memo((el) => text(el) !== null
    && (el.matches(rule.dated_by) || el.querySelector(rule.dated_by) !== null || datedText.test(text(el))));
  const block = memo((el) => {
    const semantic = el.matches(adapter.unit);
    const same = semantic ? null : alike(el);
    if (!semantic && !same) return false;
    const len = text(el)?.length ?? Infinity;
    if (len < (semantic ? 1 : rule.text_min) || len > rule.text_max) return false;
    let linked = 0;
    for (const a of el.getElementsByTagName('a')) linked += foldedLength(a);
    if (linked > rule.link_max * len || el.parentElement?.closest(rule.skip) || el.matches(rule.skip)) return false;
    // Repeated blocks are dated, as half their like siblings are.
    return semantic || (dated(el) && 2 * same.filter(dated).length >= same.length);
  });
  // A block holding two or more blocks and no date of its own outside them
  // is a list (a table of topics, a thread), not a unit: they are.
  const list = (el) => {
    let inner = 0;
    let own = '';
    let datedInside = false;
    const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n = walker.nextNode();
    while (n) {
      if (n.nodeType === Node.TEXT_NODE) own += n.data;
      else if (block(n)) {
        inner += 1;
        n = past(walker, el);
        continue;
      } else datedInside ||= n.matches(rule.dated_by);
      n = walker.nextNode();
    }
    return inner >= 2 && !datedInside && !datedText.test(own.replace(/\s+/g, ' ').trim());
  };
  return memo((el) => block(el) && !list(el));
}

/** The node after the walker's current one and all inside it, within `root`. */
function past(walker, root) {
  while (walker.currentNode !== root) {
    if (walker.nextSibling()) return walker.currentNode;
    walker.parentNode();
  }
  return null;
}

/**
 * The generic adapter's units under `root` (and `root` itself) in document
 * order, outermost only; `null` now and then so the caller can pause. The
 * walk is lazy: a page of 100,000 elements is read a slice at a time.
 */
function* genericBlocks(root, adapter, found) {
  const unit = unitTest(adapter);
  const tags = new Set(adapter.repeated.tags.map((t) => t.toUpperCase()));
  const outermost = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) if (unit(a)) return false;
    return true;
  };
  const walker = (root.ownerDocument ?? root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let n = 0;
  for (let el = root.nodeType === Node.ELEMENT_NODE ? root : walker.nextNode(); el; el = walker.nextNode()) {
    if (found.count >= adapter.repeated.max_units) return;
    if (++n % 64 === 0) yield null;
    if (!tags.has(el.tagName) && !el.matches(adapter.unit)) continue;
    if (unit(el) && outermost(el)) {
      found.count += 1;
      yield el;
    }
  }
}

/**
 * New units under `root` (and `root` itself), one at a time so the caller can
 * yield to the page between them, skipping elements in `seen`:
 * `{ el, text, nodes, starts, rating, push, likes, replies, author, authorLink, time, permalink, answered }`;
 * `null` entries are only pauses. `found` counts the generic adapter's units
 * on this page, for its cap; with `found.guard` (a user's adapter), a unit
 * selector slower than SLOW_SELECTOR_MS yields nothing and sets `found.slow`.
 */
export function* eachUnit(root, adapter, seen, found = { count: 0 }) {
  if (found.slow) return;
  let list;
  try {
    if (adapter.repeated) list = genericBlocks(root, adapter, found);
    // A user's selector (`found.guard`): in slices, and dropped when slow
    // (ours serve the page instead: content/verdicts.js). The options page
    // refuses such selectors on import already; this is for one stored by hand.
    // All of it before any unit is taken, so a slow one leaves nothing half done.
    else if (found.guard) {
      root.matches?.(adapter.unit); // throws here for a selector this browser does not know
      list = [];
      for (const el of matching(root, adapter.unit, found)) {
        if (el) list.push(el);
        else yield null;
      }
      if (found.slow) return;
    } else {
      list = [...(root.querySelectorAll?.(adapter.unit) ?? [])];
      if (root.matches?.(adapter.unit)) list.unshift(root);
    }
  } catch {
    return; // a selector this browser does not know
  }
  for (const el of list) {
    if (!el) {
      yield null;
      continue;
    }
    if (seen.has(el)) continue;
    const parts = adapter.text === '.' ? [el] : [...el.querySelectorAll(adapter.text)];
    if (!parts.length && !adapter.keep_empty) continue;
    seen.add(el);
    const nodes = [];
    const starts = [];
    const texts = [];
    let length = 0;
    for (const part of parts) {
      for (const n of shownText(part)) {
        if (length) { texts.push(' '); length += 1; }
        starts.push(length);
        nodes.push(n);
        texts.push(n.data);
        length += n.data.length;
      }
    }
    const ratingEl = adapter.rating ? el.querySelector(adapter.rating) : null;
    const ratingText = adapter.rating_attr ? ratingEl?.getAttribute(adapter.rating_attr) : ratingEl?.textContent;
    const rating = Number(ratingText?.match(NUMBER)?.[0]);
    const count = (sel) => Number(firstText(el, sel)?.replace(/,/g, '').match(/\d+/)?.[0]) || 0;
    yield {
      el, nodes, starts, text: texts.join(''),
      rating: rating >= 1 && rating <= 5 ? rating : undefined,
      push: firstText(el, adapter.push),
      likes: count(adapter.likes),
      replies: count(adapter.replies),
      author: firstText(el, adapter.author),
      authorLink: authorLink(el, adapter.author),
      time: firstText(el, adapter.time),
      permalink: link(el, adapter.permalink),
      // The business's response shown in it (Google Maps' 業主回應): answered.
      answered: Boolean(adapter.response && (adapter.response === '.' || el.querySelector(adapter.response))),
    };
  }
}

/** Units counted at most, and milliseconds of work at most, when the options try an adapter here. */
const TRY_MAX = 5000;
const TRY_BUDGET_MS = 2000;

/**
 * What a site adapter finds on this page, for the options' "test on this
 * page": `{ count, more, slow, first }` (`first`: the first unit's text,
 * author and time). Run as a user adapter is (in slices, dropped when slow),
 * yielding to the page between slices; nothing is marked.
 * @param {(generation?: number) => Promise<unknown>} rest  waits for the page's turn
 */
export async function tryAdapter(adapter, rest) {
  if (!document.body) return { count: 0, more: false, slow: false, first: null };
  const found = { count: 0, guard: true };
  const started = performance.now();
  let slice = started;
  let count = 0;
  let first = null;
  for (const u of eachUnit(document.body, adapter, new WeakSet(), found)) {
    if (u) {
      count += 1;
      first ??= { text: u.text.replace(/\s+/g, ' ').trim().slice(0, 200), author: u.author ?? '', time: u.time ?? '' };
    }
    if (count >= TRY_MAX || performance.now() - started > TRY_BUDGET_MS) {
      return { count, more: true, slow: false, first };
    }
    if (performance.now() - slice > 8) {
      await rest();
      slice = performance.now();
    }
  }
  return { count, more: false, slow: Boolean(found.slow), first };
}

/**
 * A StaticRange over UTF-16 `start..end` of a unit's text. Static, not live:
 * the browser updates every live Range in a document on every DOM change,
 * which with thousands of highlighted units made a feed's append take three
 * times as long to render. Ours are rebuilt when their text changes instead.
 */
export function unitRange(unit, start, end) {
  const { nodes, starts } = unit;
  if (!nodes.length || end <= start) return null;
  let i = 0;
  while (i + 1 < nodes.length && starts[i + 1] <= start) i++;
  let j = i;
  while (j + 1 < nodes.length && starts[j + 1] < end) j++;
  return new StaticRange({
    startContainer: nodes[i], startOffset: Math.min(Math.max(0, start - starts[i]), nodes[i].length),
    endContainer: nodes[j], endOffset: Math.min(Math.max(0, end - starts[j]), nodes[j].length),
  });
}
