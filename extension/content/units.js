// Comment units (reviews, replies, pushes) found by a site adapter, with
// their text gathered verbatim from text nodes so that the scorer's UTF-16
// spans map straight back onto DOM Ranges.

const NUMBER = /\d+(?:\.\d+)?/;

function firstText(unit, sel) {
  if (!sel) return undefined;
  const el = sel === '.' ? unit : unit.querySelector(sel);
  const t = el?.textContent.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** The address the unit's permalink element points to (`.`: the unit itself). */
function link(unit, sel) {
  if (!sel) return undefined;
  const el = sel === '.' ? unit : unit.querySelector(sel);
  return el?.href || el?.getAttribute?.('href') || undefined;
}

/**
 * New units under `root` (and `root` itself), one at a time so the caller can
 * yield to the page between them, skipping elements in `seen`:
 * `{ el, text, nodes, starts, rating, push, likes, replies, author, time, permalink }`.
 */
export function* eachUnit(root, adapter, seen) {
  let list;
  try {
    list = [...(root.querySelectorAll?.(adapter.unit) ?? [])];
    if (root.matches?.(adapter.unit)) list.unshift(root);
  } catch {
    return; // a selector this browser does not know
  }
  for (const el of list) {
    if (seen.has(el)) continue;
    const parts = adapter.text === '.' ? [el] : [...el.querySelectorAll(adapter.text)];
    if (!parts.length && !adapter.keep_empty) continue;
    seen.add(el);
    const nodes = [];
    const starts = [];
    const texts = [];
    let length = 0;
    for (const part of parts) {
      const walker = el.ownerDocument.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
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
      time: firstText(el, adapter.time),
      permalink: link(el, adapter.permalink),
    };
  }
}

/** A Range over UTF-16 `start..end` of a unit's text. */
export function unitRange(unit, start, end) {
  const { nodes, starts } = unit;
  if (!nodes.length || end <= start) return null;
  let i = 0;
  while (i + 1 < nodes.length && starts[i + 1] <= start) i++;
  let j = i;
  while (j + 1 < nodes.length && starts[j + 1] < end) j++;
  const range = nodes[i].ownerDocument.createRange();
  range.setStart(nodes[i], Math.min(Math.max(0, start - starts[i]), nodes[i].length));
  range.setEnd(nodes[j], Math.min(Math.max(0, end - starts[j]), nodes[j].length));
  return range;
}
