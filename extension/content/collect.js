// Gathers a page's visible text into batches for one wasm call each, and maps
// the UTF-16 spans that come back onto DOM Ranges. Mirrors the rules of the
// CLI's src/bin/brand-radar/extract.rs so both report the same mentions.

/** Elements whose text is not prose the page shows. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select',
  'option', 'head', 'iframe', 'object', 'embed']);

/** Elements that flow inside a line: their text joins their neighbours'. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn',
  'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span',
  'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);

const NOT_BLANK = /\S/;
const NEWLINES = /[\n\r]/g;

/** The nearest ancestor that is not inline: text under one block reads as one run. */
export function blockOf(node) {
  let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (el && el.nodeType === Node.ELEMENT_NODE && INLINE.has(el.localName)) el = el.parentNode;
  return el;
}

function skipsElement(el) {
  return SKIP.has(el.localName) || el.hasAttribute('hidden') ||
    (el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false');
}

/**
 * Walks `root` (an element, document or shadow root) and yields batches
 * `{ text, nodes, starts }`: `text` joins the text nodes, a "\n" between
 * blocks; `starts[i]` is where `nodes[i]` begins in `text`. A batch closes at
 * a block boundary once it holds `limit` code units or `clock.due()` says the
 * page needs the thread back. Open shadow roots found on the way go to
 * `onShadow`.
 */
export function* batches(root, { limit = 60_000, clock = { due: () => false }, onShadow = () => {} } = {}) {
  const doc = root.ownerDocument || root;
  if (root.shadowRoot) onShadow(root.shadowRoot); // the walker never shows us its root
  let visParent = null;
  let visible = false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(n) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        if (n.localName === 'br') return NodeFilter.FILTER_ACCEPT;
        if (skipsElement(n)) return NodeFilter.FILTER_REJECT;
        if (n.shadowRoot) onShadow(n.shadowRoot);
        return NodeFilter.FILTER_SKIP;
      }
      const parent = n.parentElement;
      if (parent !== visParent) {
        visParent = parent;
        // Text right under a shadow root has no parent element; it shows if its host does.
        const el = parent || n.parentNode?.host;
        visible = !el || el.checkVisibility({ visibilityProperty: true });
      }
      return visible ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  let parts = [];
  let nodes = [];
  let starts = [];
  let length = 0;
  let lastBlock;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.ELEMENT_NODE) { // <br>: a line break, as a block ends
      lastBlock = null;
      continue;
    }
    const block = blockOf(n);
    // A blank node only matters between two inline runs of one block.
    if (block !== lastBlock && !NOT_BLANK.test(n.data)) continue;
    if (block !== lastBlock) {
      if (nodes.length && (length >= limit || clock.due())) {
        yield { text: parts.join(''), nodes, starts };
        parts = []; nodes = []; starts = []; length = 0;
      } else if (nodes.length) {
        parts.push('\n');
        length += 1;
      }
      lastBlock = block;
    }
    starts.push(length);
    nodes.push(n);
    // As rendered: blank nodes are one space, line breaks inside a node are
    // spaces (same length, so offsets stay exact); "\n" only ends a block.
    const data = NOT_BLANK.test(n.data) ? n.data.replace(NEWLINES, ' ') : ' ';
    parts.push(data);
    length += data.length;
  }
  if (nodes.length) yield { text: parts.join(''), nodes, starts };
}

/**
 * Turns flat `[brand, start, end]` triples (UTF-16 offsets into
 * `batch.text`, in increasing order) into `{ brand, range, node }` records.
 */
export function toRanges(batch, found) {
  const { nodes, starts } = batch;
  const out = [];
  let i = 0;
  for (let k = 0; k + 2 < found.length; k += 3) {
    const s = found[k + 1];
    const e = found[k + 2];
    while (i + 1 < nodes.length && starts[i + 1] <= s) i++;
    let j = i;
    while (j + 1 < nodes.length && starts[j + 1] < e) j++;
    const range = nodes[i].ownerDocument.createRange();
    range.setStart(nodes[i], Math.min(s - starts[i], nodes[i].length));
    range.setEnd(nodes[j], Math.min(e - starts[j], nodes[j].length));
    out.push({ brand: found[k], range, node: nodes[i] });
  }
  return out;
}
