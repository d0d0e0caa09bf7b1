//! Site adapters: how to find comment units on a site, as data.
//!
//! One small JSON file per site under `adapters/` says which CSS selector
//! finds a unit (a comment, review, reply, push) and, relative to it, its
//! text, author, time, permalink, star rating, PTT push tag and reach
//! counts. The CLI applies them to saved pages; the extension applies the
//! same files to live pages, so both see the same units. Each file names
//! its `source`: the real pages it was built from, or the public markup.

use crate::input::{self, invalid, InputError};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One site's adapter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Adapter {
    /// Short id (`ptt`, `amazon`).
    pub site: String,
    /// Display name.
    pub name: String,
    /// Host names it serves (a page's host equals one or ends with `.` + one).
    pub hosts: Vec<String>,
    /// Where the selectors come from.
    pub source: String,
    /// Selector of a unit.
    pub unit: String,
    /// Selector of the unit's text, relative to the unit; `.` is the unit.
    pub text: String,
    /// Prefixes stripped from the text (PTT's `: `).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strip: Vec<String>,
    /// Keep units whose text selector finds nothing (deleted comments).
    #[serde(default, skip_serializing_if = "is_false")]
    pub keep_empty: bool,
    /// Title of the unit (reviews, posts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Time, as the site shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Link to the unit (`href`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Star rating: the first number in the element's text (or attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// Attribute holding the rating (`title="5.0 star rating"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_attr: Option<String>,
    /// PTT push tag (推 / 噓 / →).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push: Option<String>,
    /// Likes or helpful votes: the first whole number in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likes: Option<String>,
    /// Replies: the first whole number in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replies: Option<String>,
    /// The business's public response inside the unit (Google Maps'
    /// 業主回應): where it is found, the unit is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Pages on this site can be an account's own (a fan page, a profile, a
    /// channel), where a lookalike of a brand's account can live: the
    /// impersonation check runs there. Forums and review sites are where
    /// people talk about a brand, so it does not.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accounts: bool,
    /// The fields whose selector hangs on class names alone (no role,
    /// attribute, id or plain tag to fall back on): the first to break when
    /// a site regenerates its classes. Declared by hand so that a reader of
    /// the file sees its weak points; a test holds it to the selectors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub class_only: Vec<String>,
    /// The generic fallback's rule for comment-like blocks without a
    /// site-specific selector (see [`Repeated`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeated: Option<Repeated>,
}

/// How the generic adapter finds comment-like blocks on any page.
///
/// A block is a unit when it matches the adapter's `unit` selector (semantic
/// markup: `article`, `role=article`, schema.org reviews and comments) or
/// when it has one of `tags`, at least `min - 1` of its nearest `window`
/// element siblings on either side share its tag and class attribute (a
/// list of comments rendered from one template; looking near keeps the
/// test cheap on a parent of 10,000 children), and it is **dated**, as at
/// least half of those like siblings are: a date or a time ago in its text
/// (`dated`) or a `dated_by` element. Comments, reviews, posts and topics
/// carry when they were written; product specifications, opening hours,
/// menus and "22 more replies" links, also repeated, do not. Either way
/// its text, white space folded and counted in UTF-16 units, must be
/// `text_min..=text_max` long, at most `link_max` of it link text, and it
/// must not be or sit inside `skip` (navigation, page chrome, hidden
/// blocks). A block holding two or more blocks with no date of its own
/// outside them is a list (a table of topics, a thread), not a unit; of
/// other nested blocks only the outermost counts, so a comment is one
/// unit, not one per paragraph, and a blog comment keeps its replies. A
/// block longer than `text_max` is no unit, which lets the blocks inside
/// it be. A digit-free `id` makes a block one of a kind (`main-container`);
/// templated blocks number theirs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Repeated {
    /// Blocks sharing tag and classes, at least, counting itself.
    pub min: usize,
    /// How many siblings on each side are compared.
    pub window: usize,
    /// Tags a repeated block may have (lower case).
    pub tags: Vec<String>,
    /// Shortest text of a repeated block.
    pub text_min: usize,
    /// Longest text of any block.
    pub text_max: usize,
    /// Largest share of link text.
    pub link_max: f32,
    /// Selector of page chrome whose blocks are never units.
    pub skip: String,
    /// A date or a time ago in a block's text (a regular expression, read
    /// case-insensitively, in the syntax JavaScript and Rust's `regex` share).
    pub dated: String,
    /// Elements that date a block (`time`, `[datetime]`).
    pub dated_by: String,
    /// Units per page at most, the first in document order: a guess over
    /// an unknown page must not cost more than a site's adapter would.
    pub max_units: usize,
}

/// The adapter files compiled into this build, in any order:
/// `adapters/index.json` says which is tried first.
const FILES: &[&str] = &[
    include_str!("../adapters/amazon.json"),
    include_str!("../adapters/dcard.json"),
    include_str!("../adapters/facebook.json"),
    include_str!("../adapters/generic.json"),
    include_str!("../adapters/googlemaps.json"),
    include_str!("../adapters/googleplay.json"),
    include_str!("../adapters/hackernews.json"),
    include_str!("../adapters/instagram.json"),
    include_str!("../adapters/mobile01.json"),
    include_str!("../adapters/ptt.json"),
    include_str!("../adapters/reddit.json"),
    include_str!("../adapters/threads.json"),
    include_str!("../adapters/tripadvisor.json"),
    include_str!("../adapters/x.json"),
    include_str!("../adapters/yelp.json"),
    include_str!("../adapters/youtube.json"),
];

/// The rules the CLI and the extension share, from `adapters/index.json`
/// (the extension imports the same file).
#[derive(Debug, Deserialize)]
pub struct SiteRules {
    /// Adapter sites in the order they are tried.
    pub order: Vec<String>,
    /// Elements whose text is not prose the page shows.
    pub skip: Vec<String>,
    /// Inline elements: their text runs on with their neighbours'.
    pub inline: Vec<String>,
}

impl SiteRules {
    /// Whether an element named `name` holds no prose (a script, a style, a
    /// form field): its text is neither the page's nor a comment's.
    pub fn skips(&self, name: &str) -> bool {
        self.skip.iter().any(|t| t == name)
    }
}

/// The shared site rules.
///
/// # Panics
/// If `adapters/index.json` does not parse, which the tests rule out.
pub fn site_rules() -> &'static SiteRules {
    static RULES: OnceLock<SiteRules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("../adapters/index.json"))
            .unwrap_or_else(|e| panic!("adapters/index.json: {e}"))
    })
}

impl Adapter {
    /// Every built-in adapter.
    ///
    /// # Panics
    /// If a built-in file does not parse, which the tests rule out.
    pub fn builtin() -> Vec<Adapter> {
        let mut all: Vec<Adapter> = FILES
            .iter()
            .map(|f| serde_json::from_str(f).unwrap_or_else(|e| panic!("adapter file: {e}")))
            .collect();
        let order = &site_rules().order;
        let rank = |a: &Adapter| {
            order
                .iter()
                .position(|s| *s == a.site)
                .unwrap_or_else(|| panic!("adapters/index.json does not order {}", a.site))
        };
        all.sort_by_key(rank);
        all
    }

    /// Whether the adapter serves `host`.
    pub fn serves(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    }

    /// The text with the adapter's prefixes stripped and white space folded.
    pub fn clean_text(&self, raw: &str) -> String {
        let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut t = folded.as_str();
        for p in &self.strip {
            t = t.strip_prefix(p.as_str()).unwrap_or(t).trim_start();
        }
        t.to_string()
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

/// What a pack file says it is.
pub const PACK_FORMAT: &str = "brand-radar-adapters";

/// Adapters in one pack at most.
pub const PACK_MAX: usize = 200;

/// Site adapters a user taught or was given, as one file: one person in a
/// company teaches a site, the others import it. The extension keeps the
/// user's adapters in its settings and exports them in this form; the CLI's
/// `scan --adapters FILE` reads the same files (docs/adapters.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Always [`PACK_FORMAT`]: a watchlist or any other file is refused by name.
    pub format: String,
    /// Format version: 1.
    pub version: u32,
    /// The adapters, each serving the hosts it names, tried before the
    /// built-in ones there.
    pub adapters: Vec<Adapter>,
}

impl Pack {
    /// A pack of `adapters`.
    pub fn new(adapters: Vec<Adapter>) -> Self {
        Pack {
            format: PACK_FORMAT.to_string(),
            version: 1,
            adapters,
        }
    }

    /// Parses and checks a pack.
    ///
    /// # Errors
    /// Malformed JSON, a wrong type, an unknown field, another kind of file,
    /// an unsupported version, no adapters or too many, a site id used twice,
    /// a host that is no host name, an empty or over-long selector, or a
    /// generic rule (`repeated`: built in only). The error names the field.
    ///
    /// # Examples
    /// ```
    /// use brand_radar::adapter::Pack;
    /// let pack = Pack::parse(r#"{"format":"brand-radar-adapters","version":1,"adapters":[
    ///   {"site":"shop","name":"My shop","hosts":["shop.example"],"source":"taught",
    ///    "unit":"li.review","text":"p"}]}"#).unwrap();
    /// assert_eq!(pack.adapters[0].site, "shop");
    /// let e = Pack::parse(r#"{"format":"brand-radar-adapters","version":1,"adapters":[
    ///   {"site":"shop","name":"My shop","hosts":["http://shop.example/"],"source":"taught",
    ///    "unit":"li.review","text":"p"}]}"#).unwrap_err();
    /// assert_eq!(e.field, "adapters[0].hosts[0]");
    /// ```
    pub fn parse(json: &str) -> Result<Self, InputError> {
        let pack: Pack = input::parse(json)?;
        pack.check()?;
        Ok(pack)
    }

    fn check(&self) -> Result<(), InputError> {
        if self.format != PACK_FORMAT {
            return Err(invalid(
                "format".into(),
                format!("this is no Brand Radar adapter pack (format must be \"{PACK_FORMAT}\")"),
            ));
        }
        if self.version != 1 {
            return Err(invalid(
                "version".into(),
                format!(
                    "version {} is not supported (this build reads 1)",
                    self.version
                ),
            ));
        }
        if self.adapters.is_empty() || self.adapters.len() > PACK_MAX {
            return Err(invalid(
                "adapters".into(),
                format!(
                    "{} adapters: a pack holds 1 to {PACK_MAX}",
                    self.adapters.len()
                ),
            ));
        }
        for (i, a) in self.adapters.iter().enumerate() {
            let at = |field: &str| format!("adapters[{i}].{field}");
            let id_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
            if a.site.is_empty() || a.site.len() > 40 || !a.site.chars().all(id_ok) {
                return Err(invalid(
                    at("site"),
                    "a site id is 1 to 40 lower-case letters, digits, '-', '_' or '.'".into(),
                ));
            }
            if let Some(j) = self.adapters[..i].iter().position(|b| b.site == a.site) {
                return Err(invalid(
                    at("site"),
                    format!("\"{}\" is already the id of adapters[{j}]", a.site),
                ));
            }
            if a.name.trim().is_empty() || a.name.chars().count() > 80 {
                return Err(invalid(at("name"), "a name is 1 to 80 characters".into()));
            }
            if a.hosts.is_empty() || a.hosts.len() > 20 {
                return Err(invalid(
                    at("hosts"),
                    "an adapter serves 1 to 20 hosts".into(),
                ));
            }
            for (k, h) in a.hosts.iter().enumerate() {
                if !is_host(h) {
                    return Err(invalid(
                        at(&format!("hosts[{k}]")),
                        format!("\"{h}\" is no host name (write it as shop.example.com, without https:// or a path)"),
                    ));
                }
            }
            if a.repeated.is_some() {
                return Err(invalid(
                    at("repeated"),
                    "the generic rule is built in; a pack's adapters name their units with selectors".into(),
                ));
            }
            let fields = a.selectors();
            for &(field, sel) in &fields {
                if sel.trim().is_empty() || sel.len() > 1000 || sel.chars().any(char::is_control) {
                    return Err(invalid(
                        at(field),
                        "a selector is 1 to 1,000 characters on one line".into(),
                    ));
                }
            }
            for (k, f) in a.class_only.iter().enumerate() {
                if !fields.iter().any(|(name, _)| name == f) {
                    return Err(invalid(
                        at(&format!("class_only[{k}]")),
                        format!("\"{f}\" is no selector field of this adapter"),
                    ));
                }
            }
            if a.source.chars().count() > 1000 {
                return Err(invalid(at("source"), "at most 1,000 characters".into()));
            }
        }
        Ok(())
    }

    /// Every CSS selector in the pack with its field's path, for a check by
    /// a selector engine (the CLI's, the browser's).
    pub fn selectors(&self) -> Vec<(String, &str)> {
        self.adapters
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.selectors()
                    .into_iter()
                    .map(move |(f, s)| (format!("adapters[{i}].{f}"), s))
            })
            .collect()
    }
}

impl Adapter {
    /// The adapter's CSS selectors by field (`.` stands for the unit itself).
    pub fn selectors(&self) -> Vec<(&'static str, &str)> {
        let optional = [
            ("title", &self.title),
            ("author", &self.author),
            ("time", &self.time),
            ("permalink", &self.permalink),
            ("rating", &self.rating),
            ("push", &self.push),
            ("likes", &self.likes),
            ("replies", &self.replies),
            ("response", &self.response),
        ];
        [("unit", self.unit.as_str()), ("text", self.text.as_str())]
            .into_iter()
            .chain(
                optional
                    .into_iter()
                    .filter_map(|(f, s)| Some((f, s.as_deref()?))),
            )
            .collect()
    }

    /// The fields whose every alternative (`a, b`) is a selector of tags and
    /// classes only: what `class_only` must declare.
    pub fn class_only_fields(&self) -> Vec<&'static str> {
        self.selectors()
            .into_iter()
            .filter(|(_, sel)| sel.split(',').all(class_only))
            .map(|(field, _)| field)
            .collect()
    }
}

/// Whether one selector (no comma) relies on a class name and nothing
/// lasting: no attribute, no id.
fn class_only(sel: &str) -> bool {
    let sel = sel.trim();
    sel != "." && sel.contains('.') && !sel.contains('[') && !sel.contains('#')
}

/// A host name as a browser's `location.hostname` gives it: lower-case
/// labels of letters, digits and hyphens between dots (an IPv4 address too).
fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// The first number in `s` (`"4.0 out of 5 stars"` → 4.0), for ratings.
pub fn first_number(s: &str) -> Option<f32> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let rest = &s[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches('.').parse().ok()
}

/// The first whole number in `s`, reading `1,234` as 1234, for counts.
pub fn first_count(s: &str) -> Option<u32> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let digits: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_adapters_parse_and_match_hosts() {
        let all = Adapter::builtin();
        assert_eq!(all.len(), FILES.len());
        // Every adapter in the shared order, in that order, and nothing else.
        let sites: Vec<&str> = all.iter().map(|a| a.site.as_str()).collect();
        assert_eq!(sites, site_rules().order);
        assert_eq!(sites.last(), Some(&"generic"));
        let ptt = all.iter().find(|a| a.site == "ptt").unwrap();
        assert!(ptt.serves("www.ptt.cc") && ptt.serves("ptt.cc") && !ptt.serves("notptt.cc"));
        assert_eq!(ptt.clean_text(": 推爆  這家 "), "推爆 這家");
    }

    #[test]
    fn builtin_adapters_declare_their_class_only_hooks() {
        for a in Adapter::builtin() {
            let mut declared: Vec<&str> = a.class_only.iter().map(String::as_str).collect();
            declared.sort_unstable();
            let mut found = a.class_only_fields();
            found.sort_unstable();
            assert_eq!(declared, found, "class_only of adapters/{}.json", a.site);
        }
        assert!(class_only("span.push-content") && class_only("div.a"));
        assert!(!class_only("div[role=\"article\"]") && !class_only("p") && !class_only("."));
        assert!(!class_only("div.jftiEf[data-review-id]") && !class_only("#comments .c"));
    }

    #[test]
    fn numbers_from_site_text() {
        assert_eq!(first_number("4.0 out of 5 stars"), Some(4.0));
        assert_eq!(first_number("5.0 star rating"), Some(5.0));
        assert_eq!(first_number("no rating"), None);
        assert_eq!(first_count("1,234 people found this helpful"), Some(1234));
        assert_eq!(first_count("One person"), None);
    }
}
