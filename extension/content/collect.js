// Gathers a page's text into batches for one wasm call each, and maps the
// UTF-16 spans that come back onto DOM Ranges. Mirrors the CLI's
// src/bin/brand-radar/extract.rs so both report the same mentions.
//
// Speed matters here (a 10,000-comment page must scan in a few tens of ms):
// the walk shows text nodes only, with no per-node JS filter; what to skip
// and which block a node belongs to is decided from the parent's tag; line
// breaks inside a node are left to the core's folding; and visibility and
// editability (the costly checks) are asked only of the nodes that hold a
// mention.

/** Elements whose text is not prose the page shows. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select',
  'option', 'head', 'title', 'iframe', 'object', 'embed']);

/** Elements that flow inside a line: their text joins their neighbours'. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn',
  'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span',
  'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);

/** Ends a block in the joined text; the core never lets a mention cross it. */
export const BLOCK_BREAK = '\u2029';

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

/** The text nodes that come right after a `<br>`: each starts a new line. */
function afterBreaks(root, doc) {
  const out = new Set();
  const brs = root.getElementsByTagName?.('br') ?? root.querySelectorAll?.('br') ?? [];
  if (!brs.length) return out;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (const br of brs) {
    walker.currentNode = br;
    const next = walker.nextNode();
    if (next) out.add(next);
  }
  return out;
}

/**
 * Walks `root` (an element, document or shadow root) and yields batches
 * `{ text, nodes, starts }`: `text` joins the text nodes, BLOCK_BREAK
 * between blocks and at `<br>`; `starts[i]` is where `nodes[i]` begins. A
 * batch closes at a block boundary once it holds `limit` code units or
 * `clock.due()` says the page needs the thread back.
 */
export function* batches(root, { limit = 60_000, clock = { due: () => false } } = {}) {
  const doc = root.ownerDocument || root;
  if (rootSkipped(root)) return;
  const breaks = afterBreaks(root, doc);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let parts = [];
  let nodes = [];
  let starts = [];
  let length = 0;
  let lastBlock;
  let lastParent;
  let block = null;
  let sinceClock = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentNode;
    if (parent !== lastParent) {
      lastParent = parent;
      const tag = parent.localName;
      // These hold their text as direct children; hidden and editable
      // subtrees are read, and their mentions dropped in toRanges.
      block = SKIP.has(tag) ? null : INLINE.has(tag) ? blockOf(parent) : parent;
    }
    if (block === null) continue;
    if (breaks.size && breaks.has(n)) lastBlock = undefined;
    if (block !== lastBlock) {
      // performance.now() is a call too: ask the clock every 64 nodes.
      if (nodes.length && (length >= limit || (++sinceClock % 64 === 0 && clock.due()))) {
        yield { text: parts.join(''), nodes, starts };
        parts = []; nodes = []; starts = []; length = 0;
      } else if (nodes.length) {
        parts.push(BLOCK_BREAK);
        length += 1;
      }
      lastBlock = block;
    }
    const data = n.data;
    if (data.length > limit) {
      // A huge node (a 50 MB dump) goes alone, in overlapping segments, so
      // that no single wasm call holds the thread for long.
      if (nodes.length) yield { text: parts.join(''), nodes, starts };
      parts = []; nodes = []; starts = []; length = 0;
      yield* segments(n, limit);
      lastBlock = undefined;
      continue;
    }
    starts.push(length);
    nodes.push(n);
    parts.push(data);
    length += data.length;
  }
  if (nodes.length) yield { text: parts.join(''), nodes, starts };
}

/** Overlap between segments of a huge node: longer than any mention can be. */
const SEGMENT_OVERLAP = 4096;

/**
 * Batches over one huge text node, `limit` code units each, overlapping by
 * SEGMENT_OVERLAP; `base` is where the segment starts in the node, and a
 * mention starting at or past `reportBelow` is left to the next segment.
 */
function* segments(node, limit) {
  const data = node.data;
  const step = limit - SEGMENT_OVERLAP;
  for (let base = 0; base < data.length; base += step) {
    const last = base + limit >= data.length;
    yield { text: data.slice(base, base + limit), nodes: [node], starts: [0], base, reportBelow: last ? Infinity : step };
    if (last) break;
  }
}

/** Open shadow roots of the elements in `root` (and of `root` itself). */
export function shadowRoots(root) {
  const doc = root.ownerDocument || root;
  const found = root.shadowRoot ? [root.shadowRoot] : [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode(); el; el = walker.nextNode()) if (el.shadowRoot) found.push(el.shadowRoot);
  return found;
}

/**
 * Turns flat `[brand, start, end]` triples (UTF-16 offsets into
 * `batch.text`, in increasing order) into `{ brand, range, node }` records,
 * dropping mentions in text the page does not show (CSS, `hidden`) or that
 * the user is editing (`contenteditable`). Asked only of mention nodes,
 * since these checks are the costly ones.
 */
export function toRanges(batch, found) {
  const { nodes, starts, base = 0, reportBelow = Infinity } = batch;
  const out = [];
  const shown = new Map();
  const visible = (node) => {
    const el = node.parentElement ?? node.parentNode?.host;
    if (!el) return true;
    let v = shown.get(el);
    if (v === undefined) shown.set(el, v = !el.isContentEditable && el.checkVisibility({ visibilityProperty: true }));
    return v;
  };
  let i = 0;
  for (let k = 0; k + 2 < found.length; k += 3) {
    const s = found[k + 1];
    const e = found[k + 2];
    if (s >= reportBelow) break; // the next segment reports it whole
    while (i + 1 < nodes.length && starts[i + 1] <= s) i++;
    let j = i;
    while (j + 1 < nodes.length && starts[j + 1] < e) j++;
    let all = true;
    for (let x = i; x <= j && all; x++) all = visible(nodes[x]);
    if (!all) continue;
    const range = new StaticRange({
      startContainer: nodes[i], startOffset: Math.min(base + s - starts[i], nodes[i].length),
      endContainer: nodes[j], endOffset: Math.min(base + e - starts[j], nodes[j].length),
    });
    out.push({ brand: found[k], range, node: nodes[i] });
  }
  return out;
}

/**
 * Batches over several roots, joined up to `limit`: a pass over many small
 * changes (a feed's append) crosses into wasm once, not once per change.
 */
export function* batchesOf(roots, opts = {}) {
  const limit = opts.limit ?? 60_000;
  let acc = null;
  for (const root of roots) {
    for (const b of batches(root, opts)) {
      // Segments of a huge text node carry their own offsets: never joined.
      const joinable = (x) => x.base === undefined;
      if (acc && joinable(acc) && joinable(b) && acc.text.length + b.text.length < limit) {
        const offset = acc.text.length + BLOCK_BREAK.length;
        acc.text += BLOCK_BREAK + b.text;
        for (let i = 0; i < b.nodes.length; i++) {
          acc.nodes.push(b.nodes[i]);
          acc.starts.push(b.starts[i] + offset);
        }
      } else {
        if (acc) yield acc;
        acc = joinable(b) ? { text: b.text, nodes: [...b.nodes], starts: [...b.starts] } : b;
      }
    }
  }
  if (acc) yield acc;
}

