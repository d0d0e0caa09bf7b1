// Builds UI from elements and text nodes: page and user text is never parsed as HTML.

/** `<tag>` with `props` assigned and `children` (nodes or strings; null skipped) appended. */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c != null));
  return node;
}
