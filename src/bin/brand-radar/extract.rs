//! Page text as the content script sees it.
//!
//! The rules mirror `extension/content/collect.js`, so that `brand-radar scan`
//! reports the same mentions as the extension: text inside `<body>` only;
//! no script, style, form fields, templates, editable or `hidden` content;
//! text nodes under the same block joined verbatim (so `<b>雲朵</b>咖啡`
//! reads `雲朵咖啡`; the core folds their line breaks and blank runs as white
//! space, as HTML renders them); [`BLOCK_BREAK`] between blocks and at `<br>`. The browser also hides what CSS hides; here only inline
//! `display:none` / `visibility:hidden` can be seen.

// Which elements are skipped and which are inline: `adapters/index.json`,
// which the extension's walk reads too.
use brand_radar::adapter::site_rules;
use brand_radar::normalize::BLOCK_BREAK;
use scraper::{ElementRef, Html, Node};

/// The visible text of an HTML document, blocks separated by [`BLOCK_BREAK`].
#[cfg(test)]
pub fn page_text(html: &str) -> String {
    doc_text(&Html::parse_document(html))
}

/// [`page_text`] of a parsed document.
pub fn doc_text(doc: &Html) -> String {
    let body = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or_else(|| doc.root_element());
    let mut out = String::new();
    let mut last_block = None;
    let mut started = false;
    // An explicit stack: hostile pages nest thousands of levels deep.
    let mut stack = vec![(*body, body.id())];
    while let Some((node, block)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                if last_block != Some(block) {
                    if started {
                        out.push(BLOCK_BREAK);
                    }
                    started = true;
                    last_block = Some(block);
                }
                // Verbatim: line breaks and blank runs fold as white space.
                out.push_str(t);
            }
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    // A line break, as a block ends.
                    last_block = None;
                    continue;
                }
                let hidden = site_rules().skips(name)
                    || e.attr("hidden").is_some()
                    || e.attr("contenteditable").is_some_and(|v| v != "false")
                    || e.attr("style").is_some_and(hides);
                if hidden {
                    continue;
                }
                let inner = if site_rules().inline.iter().any(|t| t == name) {
                    block
                } else {
                    node.id()
                };
                for child in node.children().rev() {
                    stack.push((child, inner));
                }
            }
            _ => {}
        }
    }
    out
}

fn hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_inline_and_breaks_blocks() {
        let t = page_text(
            "<html><head><title>x</title></head><body><p><b>雲朵</b>咖啡</p><div>二<script>bad()</script></div>\
             <p hidden>secret</p><p style='display: none'>no</p><textarea>typed</textarea><div contenteditable>ed</div></body></html>",
        );
        assert_eq!(t, "雲朵咖啡\u{2029}二");
    }

    #[test]
    fn keeps_text_verbatim_and_breaks_at_br() {
        let t = page_text(
            "<body><div><a>Rentals</a>\n  <a>Kindle\nUnlimited</a></div>\n<p>x</p></body>",
        );
        assert_eq!(t, "Rentals\n  Kindle\nUnlimited\u{2029}\n\u{2029}x");
        let t = page_text("<body><div><a>Sell on Amazon<br>Start</a> now<br> <br>end</div></body>");
        assert_eq!(t, "Sell on Amazon\u{2029}Start now\u{2029} \u{2029}end");
    }

    #[test]
    fn survives_deep_nesting() {
        let html = format!(
            "<body>{}x{}</body>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(page_text(&html), "x");
    }
}
