//! Site adapters: how to find comment units on a site, as data.
//!
//! One small JSON file per site under `adapters/` says which CSS selector
//! finds a unit (a comment, review, reply, push) and, relative to it, its
//! text, author, time, permalink, star rating, PTT push tag and reach
//! counts. The CLI applies them to saved pages; the extension applies the
//! same files to live pages, so both see the same units. Each file names
//! its `source`: the real pages it was built from, or the public markup.

use serde::Deserialize;
use std::sync::OnceLock;

/// One site's adapter.
#[derive(Debug, Clone, Deserialize)]
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
    #[serde(default)]
    pub strip: Vec<String>,
    /// Keep units whose text selector finds nothing (deleted comments).
    #[serde(default)]
    pub keep_empty: bool,
    /// Title of the unit (reviews, posts).
    #[serde(default)]
    pub title: Option<String>,
    /// Author.
    #[serde(default)]
    pub author: Option<String>,
    /// Time, as the site shows it.
    #[serde(default)]
    pub time: Option<String>,
    /// Link to the unit (`href`).
    #[serde(default)]
    pub permalink: Option<String>,
    /// Star rating: the first number in the element's text (or attribute).
    #[serde(default)]
    pub rating: Option<String>,
    /// Attribute holding the rating (`title="5.0 star rating"`).
    #[serde(default)]
    pub rating_attr: Option<String>,
    /// PTT push tag (推 / 噓 / →).
    #[serde(default)]
    pub push: Option<String>,
    /// Likes or helpful votes: the first whole number in the text.
    #[serde(default)]
    pub likes: Option<String>,
    /// Replies: the first whole number in the text.
    #[serde(default)]
    pub replies: Option<String>,
    /// Pages on this site can be an account's own (a fan page, a profile, a
    /// channel), where a lookalike of a brand's account can live: the
    /// impersonation check runs there. Forums and review sites are where
    /// people talk about a brand, so it does not.
    #[serde(default)]
    pub accounts: bool,
    /// The generic fallback's rule for comment-like blocks without a
    /// site-specific selector (see [`Repeated`]).
    #[serde(default)]
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
#[derive(Debug, Clone, Deserialize)]
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
    fn numbers_from_site_text() {
        assert_eq!(first_number("4.0 out of 5 stars"), Some(4.0));
        assert_eq!(first_number("5.0 star rating"), Some(5.0));
        assert_eq!(first_number("no rating"), None);
        assert_eq!(first_count("1,234 people found this helpful"), Some(1234));
        assert_eq!(first_count("One person"), None);
    }
}
