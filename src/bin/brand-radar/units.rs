//! Comment units of a saved page, found by a site adapter (`adapters/`).

use brand_radar::adapter::{first_count, first_number, site_rules, Adapter, Repeated};
use brand_radar::matcher::Matcher;
use brand_radar::sentiment::{Analysis, Mentioned, PushTag, Scorer, Signals, Target};
use brand_radar::voice;
use brand_radar::watchlist::Watchlist;
use scraper::{ElementRef, Html, Node, Selector};
use serde::Serialize;

/// One comment unit with its verdict.
#[derive(Debug, Serialize)]
pub struct Unit {
    /// The unit's text.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub push: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<u32>,
    /// Score in [-1, 1].
    pub score: f32,
    /// `neg` / `neu` / `pos`.
    pub label: &'static str,
    /// Crisis type ids.
    pub crises: Vec<&'static str>,
    /// `low` / `medium` / `high` / `critical`.
    pub risk: &'static str,
    /// The verdict toward each watched brand the unit mentions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// The own brand whose reply this is (`voice::owner`): not a verdict on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The own brand replied to it: a reply of its own comes next
    /// ([`mark_answered`]), or the site shows the business's response in it
    /// (the adapter's `response`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub answered: bool,
}

/// How many units back a reply of the brand's own looks for what it answers
/// (the extension's `REPLY_REACH`, content/verdicts.js).
const REPLY_REACH: usize = 200;

/// Marks the units the brand answered. A reply of its own answers the
/// nearest unit before it, not its own, that it is nested under (a reply
/// thread sits deeper below what the two share than the comment it answers)
/// or whose author it names (a flat list's reply says whom it answers:
/// 「@mia 抱歉」); in a flat list, also the unit right before it where it
/// speaks to one person (「您好，已私訊您」: `voice::addresses`). A comment of
/// its own in the list, a post's update or a giveaway, answers nothing. The
/// extension marks the same (`content/verdicts.js`, `markAnswered`).
fn mark_answered(units: &mut [Unit], els: &[ElementRef]) {
    for i in 0..units.len() {
        if units[i].owner.is_none() {
            continue;
        }
        let text = &units[i].text;
        let answered = (i.saturating_sub(REPLY_REACH)..i).rev().find(|&j| {
            let level = depths(els[i], els[j]);
            units[j].owner.is_none()
                && (level.is_some_and(|(r, c)| r > c)
                    || units[j]
                        .author
                        .as_deref()
                        .is_some_and(|a| voice::names(text, a))
                    || (j + 1 == i && level.is_some_and(|(r, c)| r == c) && voice::addresses(text)))
        });
        if let Some(j) = answered {
            units[j].answered = true;
        }
    }
}

/// How deep `reply` and `comment` each sit below the nearest ancestor they
/// share: deeper, a thread's reply; level, the next in a list.
fn depths(reply: ElementRef, comment: ElementRef) -> Option<(usize, usize)> {
    let above: Vec<_> = comment.ancestors().map(|a| a.id()).collect();
    reply
        .ancestors()
        .enumerate()
        .find_map(|(r, a)| above.iter().position(|&id| id == a.id()).map(|c| (r, c)))
}

/// The verdict on `text` and toward each brand of `list` it mentions, the
/// sentiment words inside the names blanked before scoring, as the
/// extension's engine does (`Scorer::blank_names`: a brand called 好吃屋 is
/// not praised by its name).
pub fn judge(
    scorer: &Scorer,
    text: &str,
    list: &Watchlist,
    matcher: &Matcher,
    signals: &Signals,
) -> (Analysis, Vec<Target>) {
    let mentions: Vec<Mentioned> = matcher
        .find(text)
        .iter()
        .map(|m| {
            let b = &list.brands[m.brand as usize];
            Mentioned {
                brand: &b.name,
                competitor: b.competitor,
                start: m.byte_start,
                end: m.byte_end,
            }
        })
        .collect();
    let blanked = scorer.blank_names(text, &mentions);
    let a = scorer.score(&blanked, signals);
    let targets = scorer.targets(&blanked, &mentions, &a, signals);
    (a, targets)
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The first element `sel` finds in `unit` (`.` is the unit itself).
fn pick<'a>(unit: ElementRef<'a>, sel: &str) -> Option<ElementRef<'a>> {
    if sel == "." {
        return Some(unit);
    }
    unit.select(&selector(sel)?).next()
}

/// The text nodes of `el` a reader sees, in document order: none inside
/// the elements `adapters/index.json` skips (an inline script or style in a
/// comment is code, not the comment; the extension's `shownText` the same).
fn texts<'a>(el: ElementRef<'a>) -> Vec<&'a str> {
    let rules = site_rules();
    let mut out = Vec::new();
    let mut stack: Vec<_> = el.children().rev().collect();
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => out.push(&**t),
            Node::Element(e) if !rules.skips(e.name()) => stack.extend(n.children().rev()),
            _ => {}
        }
    }
    out
}

fn text_of(el: ElementRef) -> String {
    texts(el)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn field(unit: ElementRef, sel: &Option<String>) -> Option<String> {
    let t = text_of(pick(unit, sel.as_deref()?)?);
    (!t.is_empty()).then_some(t)
}

/// Where the author's name links to (their account): the link it is, or is
/// inside of within the unit, or holds; as the extension's `authorLink`.
fn author_link(unit: ElementRef, sel: &Option<String>) -> Option<String> {
    let el = pick(unit, sel.as_deref()?)?;
    let is_link = |e: &ElementRef| e.value().name() == "a" && e.value().attr("href").is_some();
    let around = std::iter::successors(Some(el), |e| {
        (e.id() != unit.id())
            .then(|| e.parent().and_then(ElementRef::wrap))
            .flatten()
    })
    .find(is_link);
    let a = around.or_else(|| el.descendants().filter_map(ElementRef::wrap).find(is_link))?;
    a.value().attr("href").map(String::from)
}

/// Text as the extension measures it: text nodes joined as they are, white
/// space folded, length in UTF-16 units.
fn folded_len(el: ElementRef) -> usize {
    folded(el).encode_utf16().count()
}

/// Text as the extension reads it: text nodes joined as they are, white
/// space folded.
fn folded(el: ElementRef) -> String {
    let joined: String = el.text().collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The generic adapter's blocks (see [`Repeated`]), in document order.
fn generic_blocks<'a>(doc: &'a Html, semantic: &Selector, rule: &Repeated) -> Vec<ElementRef<'a>> {
    let skip = selector(&rule.skip);
    let link = selector("a").expect("a valid selector");
    // Tag and classes; a digit-free id names a one-off landmark
    // (`main-container`), where templated blocks number theirs (`comment-12`).
    let signature = |el: &ElementRef| {
        let v = el.value();
        let class = v.attr("class").unwrap_or("");
        let id = v
            .attr("id")
            .filter(|id| !id.bytes().any(|b| b.is_ascii_digit()))
            .unwrap_or("");
        format!(
            "{} {} #{id}",
            v.name(),
            class.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    let dated_by = selector(&rule.dated_by);
    let dated_text = regex::RegexBuilder::new(&rule.dated)
        .case_insensitive(true)
        .build()
        .ok();
    let dated_words = |text: &str| dated_text.as_ref().is_some_and(|r| r.is_match(text));
    // A date or a time ago in a block no longer than a unit may be.
    let dated = |el: &ElementRef| {
        let text = folded(*el);
        text.encode_utf16().count() <= rule.text_max
            && (dated_by
                .as_ref()
                .is_some_and(|s| s.matches(el) || el.select(s).next().is_some())
                || dated_words(&text))
    };
    // Siblings of the same signature among the nearest `window` on each
    // side, with `el`, if they are at least `min`.
    let alike = |el: ElementRef<'a>| -> Option<Vec<ElementRef<'a>>> {
        let tag = el.value().name();
        if !rule.tags.iter().any(|t| t == tag) || el.parent().and_then(ElementRef::wrap).is_none() {
            return None;
        }
        let sig = signature(&el);
        let mut same = vec![el];
        for it in [
            &mut el.prev_siblings() as &mut dyn Iterator<Item = _>,
            &mut el.next_siblings(),
        ] {
            let near = it.filter_map(ElementRef::wrap).take(rule.window);
            same.extend(near.filter(|s| signature(s) == sig));
        }
        (same.len() >= rule.min).then_some(same)
    };
    let candidate = |el: ElementRef<'a>| -> bool {
        let semantic_match = semantic.matches(&el);
        let same = if semantic_match { None } else { alike(el) };
        if !semantic_match && same.is_none() {
            return false;
        }
        let len = folded_len(el);
        let min = if semantic_match { 1 } else { rule.text_min };
        if len < min || len > rule.text_max {
            return false;
        }
        let linked: usize = el.select(&link).map(folded_len).sum();
        if linked as f32 > rule.link_max * len as f32 {
            return false;
        }
        let chrome = skip.as_ref().is_some_and(|s| {
            s.matches(&el)
                || el
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| s.matches(&a))
        });
        if chrome {
            return false;
        }
        // Repeated blocks are dated, as half their like siblings are.
        same.is_none_or(|same| {
            dated(&el) && 2 * same.iter().filter(|s| dated(s)).count() >= same.len()
        })
    };
    let all: Vec<ElementRef<'a>> = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let chosen: std::collections::HashSet<_> = all
        .iter()
        .filter(|e| candidate(**e))
        .map(|e| e.id())
        .collect();
    // A block holding two or more blocks and no date of its own outside them
    // is a list (a table of topics, a thread), not a unit: they are.
    let list = |el: &ElementRef| {
        let mut inner = 0;
        let mut own = String::new();
        let mut dated_inside = false;
        let mut walk = el.descendants();
        walk.next();
        let mut skip_below = None;
        for node in walk {
            if let Some(top) = skip_below {
                if node.ancestors().any(|a| a.id() == top) {
                    continue;
                }
                skip_below = None;
            }
            if chosen.contains(&node.id()) {
                inner += 1;
                skip_below = Some(node.id());
            } else if let Some(t) = node.value().as_text() {
                own.push_str(t);
            } else if let Some(e) = ElementRef::wrap(node) {
                dated_inside |= dated_by.as_ref().is_some_and(|s| s.matches(&e));
            }
        }
        let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
        inner >= 2 && !dated_inside && !dated_words(&own)
    };
    let units: std::collections::HashSet<_> = all
        .iter()
        .filter(|e| chosen.contains(&e.id()) && !list(e))
        .map(|e| e.id())
        .collect();
    all.into_iter()
        .filter(|e| units.contains(&e.id()))
        .filter(|e| !e.ancestors().any(|a| units.contains(&a.id())))
        .take(rule.max_units)
        .collect()
}

/// The unit elements `adapter` finds in `doc`.
fn unit_elements<'a>(doc: &'a Html, adapter: &Adapter) -> Vec<ElementRef<'a>> {
    let Some(unit_sel) = selector(&adapter.unit) else {
        return Vec::new();
    };
    match &adapter.repeated {
        Some(rule) => generic_blocks(doc, &unit_sel, rule),
        None => doc.select(&unit_sel).collect(),
    }
}

/// The units `adapter` finds in `doc`.
pub fn find(doc: &Html, adapter: &Adapter, list: &Watchlist, matcher: &Matcher) -> Vec<Unit> {
    let scorer = Scorer::builtin();
    let mut out = Vec::new();
    let mut els = Vec::new();
    for unit in unit_elements(doc, adapter) {
        // All matches of the text selector: a comment may span paragraphs.
        let text = if adapter.text == "." {
            Some(text_of(unit))
        } else {
            selector(&adapter.text).and_then(|s| {
                let parts: Vec<String> = unit.select(&s).map(text_of).collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })
        };
        let text = match text {
            Some(t) => adapter.clean_text(&t),
            None if adapter.keep_empty => String::new(),
            None => continue,
        };
        let rating = adapter.rating.as_deref().and_then(|sel| {
            let el = pick(unit, sel)?;
            match &adapter.rating_attr {
                Some(attr) => first_number(el.value().attr(attr)?),
                None => first_number(&text_of(el)),
            }
        });
        let push = field(unit, &adapter.push);
        let likes = field(unit, &adapter.likes).and_then(|t| first_count(&t));
        let replies = field(unit, &adapter.replies).and_then(|t| first_count(&t));
        let signals = Signals {
            rating: rating.filter(|r| (1.0..=5.0).contains(r)),
            push: push.as_deref().and_then(PushTag::parse),
            likes: likes.unwrap_or(0),
            replies: replies.unwrap_or(0),
        };
        let (a, targets) = judge(scorer, &text, list, matcher, &signals);
        let author = field(unit, &adapter.author);
        let owner = author.as_deref().and_then(|name| {
            let link = author_link(unit, &adapter.author);
            voice::owner(matcher, list, name, link.as_deref(), &text)
        });
        let permalink = adapter
            .permalink
            .as_deref()
            .and_then(|sel| pick(unit, sel)?.value().attr("href").map(String::from));
        out.push(Unit {
            title: field(unit, &adapter.title),
            author,
            time: field(unit, &adapter.time),
            permalink,
            rating,
            push,
            likes,
            replies,
            score: a.score,
            label: a.label.as_str(),
            crises: a.crises.iter().map(|c| c.crisis.id()).collect(),
            risk: a.risk.grade.as_str(),
            targets,
            owner: owner.map(|b| list.brands[b as usize].name.clone()),
            answered: adapter
                .response
                .as_deref()
                .is_some_and(|sel| pick(unit, sel).is_some()),
            text,
        });
        els.push(unit);
    }
    mark_answered(&mut out, &els);
    out
}

/// The adapter for a saved page: the one named, or the first whose unit
/// selector finds units with text.
pub fn detect<'a>(doc: &Html, adapters: &'a [Adapter]) -> Option<&'a Adapter> {
    adapters.iter().find(|a| {
        unit_elements(doc, a)
            .into_iter()
            .any(|u| a.text == "." || pick(u, &a.text).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The units of `doc`, with a watchlist none of them mentions.
    fn find(doc: &Html, adapter: &Adapter) -> Vec<Unit> {
        let list = Watchlist::from_specs(&["Nobody Here"]).unwrap();
        super::find(doc, adapter, &list, &Matcher::new(&list))
    }

    fn adapter(site: &str) -> Adapter {
        Adapter::builtin()
            .into_iter()
            .find(|a| a.site == site)
            .unwrap()
    }

    #[test]
    fn ptt_pushes_with_tags_and_stripped_text() {
        let doc = Html::parse_document(
            r#"<div id="main-content"><div class="push"><span class="hl push-tag">噓 </span><span class="push-userid">troll</span><span class="push-content">: 黑店 避雷</span><span class="push-ipdatetime"> 11/24 21:16</span></div>
            <div class="push"><span class="hl push-tag">推 </span><span class="push-userid">fan</span><span class="push-content">: 超好吃推爆</span></div></div>"#,
        );
        let units = find(&doc, &adapter("ptt"));
        assert_eq!(units.len(), 2);
        assert_eq!(
            (
                units[0].text.as_str(),
                units[0].push.as_deref(),
                units[0].author.as_deref()
            ),
            ("黑店 避雷", Some("噓"), Some("troll"))
        );
        assert_eq!(units[0].label, "neg");
        assert_eq!(units[1].label, "pos");
        assert_eq!(
            detect(&doc, &Adapter::builtin()).map(|a| a.site.as_str()),
            Some("ptt")
        );
    }

    #[test]
    fn ratings_from_text_and_attributes() {
        let doc = Html::parse_document(
            r#"<div data-hook="review"><i data-hook="review-star-rating"><span class="a-icon-alt">1.0 out of 5 stars</span></i><span data-hook="review-body">Broke after a week.</span><span data-hook="helpful-vote-statement">12 people found this helpful</span></div>"#,
        );
        let u = &find(&doc, &adapter("amazon"))[0];
        assert_eq!((u.rating, u.likes), (Some(1.0), Some(12)));
        assert_eq!(u.label, "neg");
        let doc = Html::parse_document(
            r#"<div class="review review--with-sidebar"><div class="review-content"><div class="i-stars" title="5.0 star rating"></div><p lang="en">Great coffee</p></div></div><div class="review review--with-sidebar">no content</div>"#,
        );
        let units = find(&doc, &adapter("yelp"));
        assert_eq!(units.len(), 1, "a box without review text is no unit");
        assert_eq!(units[0].rating, Some(5.0));
    }

    #[test]
    fn a_script_or_style_inside_a_comment_is_not_its_text() {
        let doc = Html::parse_document(
            r#"<div data-hook="review"><span data-hook="review-body">Broke after a week.<script>var awful = "terrible";</script><style>.x{color:red}</style><noscript>enable scripts</noscript> Shame.</span></div>"#,
        );
        let u = &find(&doc, &adapter("amazon"))[0];
        assert_eq!(u.text, "Broke after a week. Shame.");
    }

    /// The generic adapter on every saved real page in ../shared/pages, its
    /// site adapter set aside (issue 17: reach at least 95% of the site
    /// adapter's units, with no more than 5% extra). A site unit is reached
    /// when a generic unit is it, holds it and no other, or lies inside it
    /// (the first such); a generic unit that holds several is a merge, one
    /// that reaches none is extra. `cargo test --release --bin brand-radar
    /// generic_ -- --nocapture` prints the table in docs/design.md.
    #[test]
    fn generic_adapter_on_real_pages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages");
        let Ok(dirs) = std::fs::read_dir(&root) else {
            eprintln!(
                "skipped: {} is absent (a clone without ../shared)",
                root.display()
            );
            return;
        };
        let mut files: Vec<_> = dirs
            .flatten()
            .filter(|d| d.path().is_dir())
            .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        files.sort();
        let adapters = Adapter::builtin();
        let generic = adapter("generic");
        let (mut real_all, mut reached_all, mut extra_all) = (0, 0, 0);
        println!("page | site units | reached | generic units | extra");
        for f in &files {
            let doc = Html::parse_document(&std::fs::read_to_string(f).unwrap());
            let site = detect(&doc, &adapters).expect("a site adapter");
            // The site's units as `find` keeps them: with text, or kept empty.
            let real: Vec<_> = unit_elements(&doc, site)
                .into_iter()
                .filter(|u| {
                    site.keep_empty || pick(*u, &site.text).is_some_and(|t| folded_len(t) > 0)
                })
                .collect();
            let found = unit_elements(&doc, &generic);
            let mut reached = std::collections::HashSet::new();
            let mut extra = 0;
            for g in &found {
                let held: Vec<usize> = (0..real.len())
                    .filter(|&i| {
                        real[i].id() == g.id() || real[i].ancestors().any(|a| a.id() == g.id())
                    })
                    .collect();
                let inside = || {
                    g.ancestors()
                        .find_map(|a| real.iter().position(|r| r.id() == a.id()))
                };
                match held.as_slice() {
                    [one] => {
                        reached.insert(*one);
                    }
                    [] => match inside() {
                        Some(i) if reached.insert(i) => {}
                        _ => extra += 1,
                    },
                    _ => extra += 1,
                }
            }
            let name = f.strip_prefix(&root).unwrap().display();
            println!(
                "{name} | {} | {} | {} | {extra}",
                real.len(),
                reached.len(),
                found.len()
            );
            real_all += real.len();
            reached_all += reached.len();
            extra_all += extra;
        }
        let (reach, extra) = (
            reached_all as f64 / real_all as f64,
            extra_all as f64 / real_all as f64,
        );
        println!(
            "all: {reached_all} of {real_all} reached ({reach:.3}), {extra_all} extra ({extra:.3})"
        );
        assert!(
            reach >= 0.95,
            "the generic adapter reaches {reach:.3} of the real units"
        );
        assert!(
            extra <= 0.05,
            "the generic adapter finds {extra:.3} extra units"
        );
    }
}
