//! Impersonation pages: a page that calls itself by a watched brand's name,
//! is not at one of that brand's official addresses, and shows the signs of
//! a scam (prizes, LINE IDs, money transfers, too-good discounts, urgency).
//!
//! Signals are found by the same matcher as brand mentions, over the same
//! folded text, so `加ＬＩＮＥ` and `加 LINE` count as `加LINE`. One kind of
//! signal is ordinary marketing (a time-limited sale); a warning needs two.

use crate::matcher::Matcher;
use crate::watchlist::{Brand, Watchlist, VERSION};
use serde::Serialize;
use std::sync::OnceLock;

/// The kinds of scam signal, in the order of `lexicon/scam-signals.tsv`.
pub const KINDS: [&str; 5] = ["prize", "line", "transfer", "discount", "urgency"];

/// The lexicon's kind for words of people reporting a scam (`詐騙`, `小心`).
const REPORT: &str = "report";

/// Distinct kinds a page must show to be flagged.
pub const MIN_KINDS: usize = 2;

/// One signal in the page text.
#[derive(Debug, Clone, Serialize)]
pub struct Signal {
    /// One of [`KINDS`].
    pub kind: &'static str,
    /// The text as written on the page.
    pub text: String,
    /// UTF-16 start in the page text.
    pub start: u32,
    /// UTF-16 end (exclusive).
    pub end: u32,
}

/// Why a page looks like an impersonation of `brand`.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The brand's index in the watchlist.
    pub brand: u32,
    /// The brand's name.
    pub name: String,
    /// The signals, in text order.
    pub signals: Vec<Signal>,
    /// The distinct kinds among them.
    pub kinds: Vec<&'static str>,
}

fn signal_matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut brands: Vec<Brand> = KINDS
            .iter()
            .chain(std::iter::once(&REPORT))
            .map(|k| Brand {
                name: format!("\u{1}{k}"), // never found in page text
                aliases: Vec::new(),
                exclusions: Vec::new(),
                official: Vec::new(),
                competitor: false,
            })
            .collect();
        for line in include_str!("../lexicon/scam-signals.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some((kind, term)) = line.split_once('\t') {
                let i = KINDS.iter().position(|k| *k == kind);
                if let Some(i) = i.or((kind == REPORT).then_some(KINDS.len())) {
                    brands[i].aliases.push(term.trim().to_string());
                }
            }
        }
        Matcher::new(&Watchlist {
            version: VERSION,
            brands,
        })
    })
}

/// Every scam signal in `text`.
pub fn signals(text: &str) -> Vec<Signal> {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    signal_matcher()
        .find(text)
        .into_iter()
        .filter(|m| (m.brand as usize) < KINDS.len())
        .map(|m| Signal {
            kind: KINDS[m.brand as usize],
            text: String::from_utf16_lossy(&utf16[m.start as usize..m.end as usize]),
            start: m.start,
            end: m.end,
        })
        .collect()
}

/// The distinct kinds among `signals`, in the order of [`KINDS`].
fn kinds_of(signals: &[Signal]) -> Vec<&'static str> {
    KINDS
        .iter()
        .copied()
        .filter(|k| signals.iter().any(|s| s.kind == *k))
        .collect()
}

/// Whether `text` shows the signals of a scam: of [`MIN_KINDS`] kinds or more.
pub fn looks_like_scam(text: &str) -> bool {
    kinds_of(&signals(text)).len() >= MIN_KINDS
}

/// The host and path of an address, lower-cased, without scheme, `www.`,
/// query or fragment: `https://WWW.Example.tw/a/?x` → (`example.tw`, `/a/`).
fn host_path(url: &str) -> (String, String) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host = host.rsplit('@').next().unwrap_or(host); // no user:pass@
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host, format!("/{}", path.to_lowercase()))
}

/// Whether `url` is one of `official`: an address (same host or a subdomain
/// of it, and under its path) or an account handle (`@cloudcafe.tw` matches
/// `facebook.com/cloudcafe.tw`, `instagram.com/cloudcafe.tw/`,
/// `threads.net/@cloudcafe.tw`).
pub fn is_official(url: &str, official: &[String]) -> bool {
    let (host, path) = host_path(url);
    official.iter().any(|o| {
        let o = o.trim();
        if let Some(handle) = o.strip_prefix('@') {
            let handle = handle.to_lowercase();
            return path
                .split('/')
                .take(3)
                .any(|seg| seg == handle || seg.strip_prefix('@') == Some(handle.as_str()));
        }
        let (oh, op) = host_path(o);
        let host_ok = !oh.is_empty() && (host == oh || host.ends_with(&format!(".{oh}")));
        let op = op.trim_end_matches('/');
        host_ok && (op.is_empty() || path == op || path.starts_with(&format!("{op}/")))
    })
}

/// Whether a page's name talks about a scam rather than presenting the page
/// as the brand: a question (a forum thread) or a word of warning.
fn talks_about(names: &str) -> bool {
    names.contains(['?', '？'])
        || signal_matcher()
            .find(names)
            .iter()
            .any(|m| m.brand as usize == KINDS.len())
}

/// Checks a page: `names` is what the page calls itself (its title, account
/// name, site name), `text` its visible text. Only the user's own brands
/// count: a page may well be named after a competitor.
pub fn check(
    matcher: &Matcher,
    list: &Watchlist,
    url: &str,
    names: &str,
    text: &str,
) -> Option<Finding> {
    if talks_about(names) {
        return None;
    }
    let brand = matcher
        .find(names)
        .into_iter()
        .map(|m| m.brand as usize)
        .find(|&b| {
            list.brands
                .get(b)
                .is_some_and(|b| !b.competitor && !is_official(url, &b.official))
        })?;
    if list.brands[brand].official.is_empty() {
        return None; // nothing to compare the address with
    }
    let signals = signals(text);
    let kinds = kinds_of(&signals);
    (kinds.len() >= MIN_KINDS).then(|| Finding {
        brand: brand as u32,
        name: list.brands[brand].name.clone(),
        signals,
        kinds,
    })
}
