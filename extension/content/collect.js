// Gathers a page's text into batches for one wasm call each, and maps the
// UTF-16 spans that come back onto DOM Ranges. Gives the mentions the CLI's
// src/bin/brand-radar/extract.rs gives, which knows the page's blocks.
//
// Speed matters here (a 10,000-comment page must scan in a few tens of ms),
// and in a content script's isolated world every DOM node touched costs a
// wrapper object of its own (about as much as reading its text). So the
// walk shows text nodes only and asks each for its length, nothing more: not
// its parent (a second wrapper), not its text (a string apiece); a batch's
// text comes from one Range over its nodes. Which block a node belongs to,
// whether it is shown, whether the user is editing it: asked only of the
// nodes around a mention. Where two text nodes meet, the core cannot tell a
// word or a name going on across an inline element (`<b>雲朵</b>咖啡`) from
// two blocks (`<td>Apple</td><td>Samsung</td>`): it flags those mentions
// and `settle` asks the page.

import { MENTION_STRIDE } from '../shared/wire.js';
// Which elements are skipped and which are inline: the CLI's extract.rs reads the same file.
import rules from '../../adapters/index.json' with { type: 'json' };

/** Elements whose text is not prose the page shows. */
const SKIP = new Set(rules.skip);

/**
 * Text nodes longer than this are asked for their parent during the walk,
 * so that a page's big inline scripts and styles (JSON state, CSS) are not
 * read at all; shorter ones in such elements are read, and their mentions
 * dropped with the hidden ones.
 */
const LONG = 512;

/** Elements that flow inside a line: their text joins their neighbours'. */
const INLINE = new Set(rules.inline);

/** Ends a block in joined text; the core never lets a mention cross it. */
export const BLOCK_BREAK = '\u2029';

/** The core's flags on a mention (src/matcher.rs, `find_in_nodes`). */
const CROSSES_NODES = 1;
const WORD_BEFORE = 2;
const WORD_AFTER = 4;

/** The nearest ancestor that is not inline: text under one block reads as one run. */
export function blockOf(node) {
  let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (el && el.nodeType === Node.ELEMENT_NODE && INLINE.has(el.localName)) el = el.parentNode;
  return el;
}

/** Whether text placed under `root` is skipped as a whole (a rescan inside a textarea). */
function rootSkipped(root) {
  for (let el = root; el?.nodeType === Node.ELEMENT_NODE; el = el.parentNode) if (SKIP.has(el.localName)) return true;
  return false;
}

/**
 * Walks `root` (an element, document or shadow root) and yields batches
 * `{ text, nodes, starts }`: `text` joins the text nodes `nodes`;
 * `starts[i]` (a Uint32Array) is where `nodes[i]` begins. A batch closes
 * once it holds `limit` code units, at a long skipped text, or when
 * `clock.due()` says the page needs the thread back; its nodes and text are
 * read in one go, so they agree even if the page changes in between.
 */
export function* batches(root, { limit = LIMIT, clock = { due: () => false } } = {}) {
  if (rootSkipped(root)) return;
  const walk = new Walk(root, limit, clock);
  for (let b = walk.take(); b; b = walk.take()) yield* pieces(b);
}

/**
 * The walk behind `batches`, as a plain loop: generators are not optimised
 * while they run, and this loop visits every text node of the page.
 */
class Walk {
  constructor(root, limit, clock) {
    const doc = root.ownerDocument || root;
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.range = doc.createRange();
    // A small first batch: the core's code starts out unoptimised, and the
    // engine optimises a function after it has run for a while, for the
    // calls after that one.
    this.limit = Math.min(limit, FIRST_LIMIT);
    this.full = limit;
    this.clock = clock;
    this.next = this.walker.nextNode();
  }

  /** The next batch, or null at the end. */
  take() {
    const { walker, limit, clock } = this;
    const nodes = [];
    let starts = this.starts ??= new Uint32Array(1024);
    let length = 0;
    let n = this.next;
    let due = false;
    for (let count = 1; n; n = walker.nextNode(), count++) {
      const len = n.length;
      if (len > LONG && SKIP.has(n.parentNode?.localName)) {
        if (nodes.length) {
          n = walker.nextNode();
          break;
        }
        continue;
      }
      // performance.now() is a call too: ask the clock every 64 nodes.
      if (nodes.length && (length + len > limit || (count % 64 === 0 && (due = clock.due())))) break;
      if (nodes.length === starts.length) {
        starts = new Uint32Array(starts.length * 2);
        starts.set(this.starts);
        this.starts = starts;
      }
      starts[nodes.length] = length;
      nodes.push(n);
      length += len;
    }
    this.next = n;
    this.limit = this.full;
    if (!nodes.length) return null;
    const last = nodes[nodes.length - 1];
    let text;
    // One huge node (a 50 MB dump) is read in segments by pieces(): reading
    // its data whole copies it, one task of 30-70 ms.
    if (nodes.length === 1) text = last.length > this.full ? null : last.data;
    else {
      this.range.setStart(nodes[0], 0);
      this.range.setEnd(last, last.length);
      text = this.range.toString();
    }
    // `whole`: the batch ends where its root's text ends, so the next
    // root's may join it; `due`: time to hand the thread back.
    return { text, nodes, starts: starts.slice(0, nodes.length), whole: !n, due };
  }
}

/** Most code units per wasm call: a few ms of matching. */
const LIMIT = 200_000;
const FIRST_LIMIT = 16_000;

/**
 * Overlap between segments of a huge node: longer than any mention with the
 * exclusion around it can be (terms are at most 200 characters, 400 code
 * units: src/watchlist.rs).
 */
const SEGMENT_OVERLAP = 1024;

/**
 * Segments of a huge text node: small, so that no single read or wasm call
 * is long even on a busy machine (a 64,000-unit call took 13 ms there).
 */
const SEGMENT = 16_000;

/**
 * A batch as it is, or, for one huge text node (longer than the batch limit,
 * its text left unread), its text in segments of SEGMENT code units
 * overlapping by SEGMENT_OVERLAP, each read on its own, so that no single
 * read or wasm call holds the thread for long: `base` is where a segment
 * starts in the node. Each segment reports the mentions that start in its
 * share, from the middle of the overlap before it (`reportFrom`) to the
 * middle of the one after (`reportBelow`), so that every mention is
 * matched with half an overlap of text on either side: an exclusion around
 * it is seen whole.
 */
function* pieces(batch) {
  if (batch.text !== null) {
    yield batch;
    return;
  }
  const { nodes } = batch;
  const node = nodes[0];
  const length = node.length;
  const step = SEGMENT - SEGMENT_OVERLAP;
  const half = SEGMENT_OVERLAP / 2;
  for (let base = 0; base < length; base += step) {
    const last = base + SEGMENT >= length;
    yield { text: node.substringData(base, SEGMENT), nodes, starts: new Uint32Array(1), base,
      reportFrom: base ? half : 0, reportBelow: last ? Infinity : step + half };
    if (last) break;
  }
}

/** Open shadow roots of the elements in `root` (and of `root` itself), a slice at a time: `null` when `clock.due()`. */
export function* shadowRoots(root, clock = { due: () => false }) {
  const doc = root.ownerDocument || root;
  if (root.shadowRoot) yield root.shadowRoot;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let n = 0;
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if (el.shadowRoot) yield el.shadowRoot;
    if (++n % 256 === 0 && clock.due()) yield null;
  }
}

const FOLLOWS = Node.DOCUMENT_POSITION_FOLLOWING;

/** Whether text nodes `a` and, after it, `b` read as one line: one block, no `<br>` between. */
function oneLine(a, b) {
  const block = blockOf(a);
  if (block !== blockOf(b)) return false;
  for (const br of block?.getElementsByTagName?.('br') ?? []) {
    if (a.compareDocumentPosition(br) & FOLLOWS && br.compareDocumentPosition(b) & FOLLOWS) return false;
  }
  return true;
}

/**
 * Settles a flagged mention over `nodes[i..=j]`: the index of the first
 * node boundary inside it that is a line break (the mention is wrong; what
 * lies on either side may hold shorter ones), -1 if a word goes on past
 * its edge (wrong), or `j + 1`: right.
 */
function settle(flags, nodes, i, j) {
  if (flags & CROSSES_NODES) for (let x = i; x < j; x++) if (!oneLine(nodes[x], nodes[x + 1])) return x + 1;
  if (flags & WORD_BEFORE && i > 0 && oneLine(nodes[i - 1], nodes[i])) return -1;
  if (flags & WORD_AFTER && j + 1 < nodes.length && oneLine(nodes[j], nodes[j + 1])) return -1;
  return j + 1;
}

/**
 * Turns flat `[brand, start, end, flags]` quadruples (UTF-16 offsets into
 * `batch.text`, in increasing order) into `{ brand, range, node }` records,
 * dropping mentions in text the page does not show (CSS, `hidden`, scripts
 * and styles) or that the user is editing (`contenteditable`, `<textarea>`). Returns `{ records, again, done }`:
 * `again` holds the pieces of mentions that turned out to cross a line, to
 * be searched once more (a name at the end of one line may still be there).
 * With a `cursor` (made by `rangeCursor()`) it stops when `clock.due()`,
 * `done` false, and the next call with the same cursor goes on from there:
 * a feed of thousands of mentions costs its visibility checks in slices.
 */
export function toRanges(batch, found, cursor = rangeCursor(), clock = NO_CLOCK) {
  const { nodes, starts, base = 0, reportFrom = 0, reportBelow = Infinity } = batch;
  const records = [];
  const again = [];
  const { shown } = cursor;
  const visible = (node) => {
    const el = node.parentElement ?? node.parentNode?.host;
    if (!el) return true;
    let v = shown.get(el);
    if (v === undefined) {
      v = !SKIP.has(el.localName) && !el.isContentEditable && el.checkVisibility({ visibilityProperty: true });
      shown.set(el, v);
    }
    return v;
  };
  let { i, k } = cursor;
  const done = () => {
    Object.assign(cursor, { i, k });
    return { records, again, done: k + MENTION_STRIDE - 1 >= found.length };
  };
  for (let n = 1; k + MENTION_STRIDE - 1 < found.length; k += MENTION_STRIDE, n++) {
    // performance.now() is a call too: ask the clock every 64 mentions.
    if (n % 64 === 0 && clock.due()) return done();
    const s = found[k + 1];
    const e = found[k + 2];
    if (s >= reportBelow) {
      k = found.length; // the next segment reports it whole
      break;
    }
    if (s < reportFrom) continue;
    while (i + 1 < nodes.length && starts[i + 1] <= s) i++;
    let j = i;
    while (j + 1 < nodes.length && starts[j + 1] < e) j++;
    if (found[k + 3]) {
      const cut = settle(found[k + 3], nodes, i, j);
      if (cut < 0) continue;
      if (cut <= j) {
        // Each line the mention touched, searched on its own.
        let from = s;
        let first = i;
        for (let x = i + 1; x <= j + 1; x++) {
          if (x <= j && oneLine(nodes[x - 1], nodes[x])) continue;
          const to = x <= j ? starts[x] : e;
          again.push(slice(batch, first, from, to));
          from = to;
          first = x;
        }
        continue;
      }
    }
    let all = true;
    for (let x = i; x <= j && all; x++) all = visible(nodes[x]);
    if (!all) continue;
    const range = new StaticRange({
      startContainer: nodes[i], startOffset: Math.min(base + s - starts[i], nodes[i].length),
      endContainer: nodes[j], endOffset: Math.min(base + e - starts[j], nodes[j].length),
    });
    records.push({ brand: found[k], range, node: nodes[i] });
  }
  return done();
}

/** Where `toRanges` goes on from: the next quadruple, its node, the visibility found so far. */
export const rangeCursor = () => ({ k: 0, i: 0, shown: new Map() });

const NO_CLOCK = { due: () => false };

/**
 * The text `from..to` of a batch as a batch of its own, from the start of
 * its node `first` (so that node offsets stay whole); what it finds before
 * `from` was found already.
 */
function slice(batch, first, from, to) {
  const at = batch.starts[first];
  const nodes = [];
  const starts = [];
  for (let y = first; y < batch.nodes.length && batch.starts[y] < to; y++) {
    nodes.push(batch.nodes[y]);
    starts.push(batch.starts[y] - at);
  }
  return { text: batch.text.slice(at, to), nodes, starts: Uint32Array.from(starts), reportFrom: from - at };
}

/**
 * Batches over several roots, joined up to `limit`: a pass over many small
 * changes (a feed's append) crosses into wasm once, not once per change.
 */
export function* batchesOf(roots, opts = {}) {
  const limit = opts.limit ?? LIMIT;
  let acc = null; // a batch, or pieces being joined: { text, nodes, starts: number[] }
  const flush = function* flush() {
    if (acc) yield Array.isArray(acc.starts) ? { ...acc, starts: Uint32Array.from(acc.starts) } : acc;
    acc = null;
  };
  for (const root of roots) {
    for (const b of batches(root, opts)) {
      // Segments of a huge text node carry their own offsets: never joined.
      if (b.base === undefined && acc?.whole && !acc.due && acc.text.length + b.text.length < limit) {
        if (!Array.isArray(acc.starts)) acc = { text: acc.text, nodes: [...acc.nodes], starts: [...acc.starts] };
        const offset = acc.text.length + BLOCK_BREAK.length;
        acc.text += BLOCK_BREAK + b.text;
        for (let i = 0; i < b.nodes.length; i++) {
          acc.nodes.push(b.nodes[i]);
          acc.starts.push(b.starts[i] + offset);
        }
        acc.whole = b.whole;
        acc.due = b.due;
      } else {
        yield* flush();
        acc = b;
      }
    }
  }
  yield* flush();
}
