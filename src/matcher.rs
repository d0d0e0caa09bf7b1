//! Finding watchlist mentions in text.
//!
//! Every name, alias and exclusion of a [`Watchlist`] is folded (see
//! [`crate::normalize`]) and compiled into one leftmost-longest
//! Aho-Corasick automaton. The text is folded the same way in windows of at
//! most [`WINDOW`] bytes, so memory stays flat on a 50 MB text node.
//!
//! A raw hit is kept only if it passes the checks folding cannot express:
//! - **Word boundaries for Latin terms.** A term that starts (ends) with a
//!   letter or digit of a spaced script must not have one right before
//!   (after) it: `Cloud` does not match inside `Cloudflare` or `iCloud`.
//!   CJK has no word boundaries, so `雲朵` matches inside `去雲朵咖啡`.
//! - **Separators between Latin letters.** Folding drops spaces and dots,
//!   so `cloud cafe` meets `Cloud Cafe`. A gap in the text between two
//!   Latin letters must either stand where the term had one, or next to a
//!   letter standing alone, as in a name spelled out (`C l o u d Cafe`);
//!   `map pleasure` is not `Apple`.
//! - **Spread.** At most three separators or invisible characters in a row,
//!   and the span at most four times the term plus eight characters, so
//!   `雲` and `朵` a line of spaces apart do not meet.
//! - **Blocks.** No mention crosses [`crate::normalize::BLOCK_BREAK`].
//! - **Exclusions.** A hit on an exclusion (`雲朵棉花糖`) is dropped, and
//!   because it is the longer match it hides the alias inside it.
//!
//! Spans are reported in UTF-16 code units of the original text, ready for
//! DOM `Range`s, and in UTF-8 bytes for native callers.

use crate::normalize::{fold_char, fold_str, is_ignorable, is_word_char, utf16_len, Fold, Folded};
use crate::watchlist::Watchlist;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Most patterns compiled to a DFA (about 3 MB at 1,000 patterns).
const DFA_MAX_PATTERNS: usize = 5_000;

/// Largest window of original text folded at once, in bytes.
pub const WINDOW: usize = 1 << 20;

/// One mention of a watched brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of the brand in the watchlist.
    pub brand: u32,
    /// Index of the matched term within its brand: 0 is the name, `i + 1`
    /// is `aliases[i]`.
    pub term: u32,
    /// Start, in UTF-16 code units of the original text.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Start, in UTF-8 bytes of the original text.
    pub byte_start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub byte_end: usize,
}

/// What the automaton knows about one pattern.
#[derive(Debug)]
struct Term {
    brand: u32,
    term: u32,
    exclusion: bool,
    /// Folded length in characters.
    chars: usize,
    /// First / last folded character is a Latin letter or digit.
    word_start: bool,
    word_end: bool,
    /// Folded character positions preceded by a separator in the term.
    breaks: Vec<u32>,
}

/// A compiled watchlist, built once and used for many texts.
///
/// # Examples
/// ```
/// use brand_radar::{matcher::Matcher, watchlist::Watchlist};
/// let list = Watchlist::from_specs(&["雲朵咖啡,雲朵,Cloud Cafe"]).unwrap();
/// let m = Matcher::new(&list);
/// let text = "昨天去云朵，今天 ＣＬＯＵＤ ＣＡＦＥ，不是 Cloudflare";
/// let found: Vec<&str> = m.find(text).iter().map(|x| &text[x.byte_start..x.byte_end]).collect();
/// assert_eq!(found, ["云朵", "ＣＬＯＵＤ ＣＡＦＥ"]);
/// ```
#[derive(Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    terms: Vec<Term>,
    /// Bytes two forced windows share, so no match is cut in two.
    overlap: usize,
}

impl Matcher {
    /// Compiles a validated watchlist.
    pub fn new(list: &Watchlist) -> Self {
        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        for (b, brand) in list.brands.iter().enumerate() {
            let named = brand.terms().map(|t| (t, false));
            let excluded = brand.exclusions.iter().map(|t| (t.as_str(), true));
            for (i, (raw, exclusion)) in named.chain(excluded).enumerate() {
                let folded = fold_str(raw);
                if folded.is_empty() {
                    continue;
                }
                terms.push(Term {
                    brand: b as u32,
                    term: i as u32,
                    exclusion,
                    chars: folded.chars().count(),
                    word_start: folded.chars().next().is_some_and(is_word_char),
                    word_end: folded.chars().next_back().is_some_and(is_word_char),
                    breaks: gaps(raw, false).into_iter().map(|(g, _)| g).collect(),
                });
                patterns.push(folded);
            }
        }
        // A DFA searches about twice as fast as the contiguous NFA (measured
        // in bench_match) but its memory grows with the pattern count: keep it
        // for watchlists of ordinary size.
        let kind = if patterns.len() <= DFA_MAX_PATTERNS {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&patterns)
            // Only a pattern set too large for the automaton's ID space fails
            // here, which the watchlist limits rule out.
            .unwrap_or_else(|e| panic!("watchlist too large for the matcher: {e}"));
        let longest = terms.iter().map(|t| t.chars).max().unwrap_or(0);
        Matcher {
            automaton,
            terms,
            overlap: max_spread(longest) * 4,
        }
    }

    /// Number of patterns compiled (names, aliases and exclusions).
    pub fn pattern_count(&self) -> usize {
        self.terms.len()
    }

    /// Finds every mention in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.find_with(text, |m| out.push(m));
        out
    }

    /// Like [`Matcher::find`], calling `sink` for each mention instead of
    /// collecting them.
    pub fn find_with(&self, text: &str, mut sink: impl FnMut(Mention)) {
        if self.terms.is_empty() {
            return;
        }
        let mut folded = Folded::default();
        let mut cursor = Utf16Cursor::default();
        let mut start = 0;
        let mut taken_to = 0;
        while start < text.len() {
            let (end, next) = self.window(text, start);
            folded.fold_range(text, start, end);
            let mut origins = folded.origins();
            for hit in self.automaton.find_iter(&folded.text) {
                let verbatim = origins.verbatim(hit.start(), hit.end());
                let os = origins.at(hit.start());
                if os >= next {
                    break; // the next window sees it whole
                }
                if os < taken_to {
                    continue; // the previous window reported an overlapping match
                }
                let mut last = hit.end() - 1;
                while folded.text[last] & 0xC0 == 0x80 {
                    last -= 1; // back to the lead byte of the last character
                }
                let lo = origins.at(last);
                let oe = lo + text[lo..].chars().next().map_or(1, char::len_utf8);
                let term = &self.terms[hit.pattern().as_usize()];
                if !self.accepts(text, os, oe, term, verbatim) {
                    continue;
                }
                taken_to = oe;
                if term.exclusion {
                    continue;
                }
                let s16 = cursor.seek(text, os);
                let e16 = cursor.seek(text, oe);
                sink(Mention {
                    brand: term.brand,
                    term: term.term,
                    start: s16 as u32,
                    end: e16 as u32,
                    byte_start: os,
                    byte_end: oe,
                });
            }
            start = next;
        }
    }

    /// The window starting at `start`: where it ends, and where the next one
    /// starts. Windows end after a block break when there is one in their
    /// second half (no match crosses one, so nothing is shared); otherwise
    /// they overlap by `self.overlap` bytes.
    fn window(&self, text: &str, start: usize) -> (usize, usize) {
        if text.len() - start <= WINDOW {
            return (text.len(), text.len());
        }
        let cut = floor_boundary(text, start + WINDOW);
        let half = start + WINDOW / 2;
        // U+2029 is E2 80 A9 in UTF-8; find its last byte.
        let bytes = text.as_bytes();
        if let Some(p) = bytes[half..cut].iter().rposition(|&b| b == 0xA9) {
            let end = half + p + 1;
            if bytes[..end].ends_with("\u{2029}".as_bytes()) {
                return (end, end);
            }
        }
        let next = floor_boundary(text, cut - self.overlap.min(WINDOW / 4));
        (cut, next.max(start + 1))
    }

    /// The checks that folding alone cannot make; see the module docs.
    /// `verbatim`: nothing was dropped inside the span, so only the word
    /// boundaries need checking.
    fn accepts(&self, text: &str, os: usize, oe: usize, term: &Term, verbatim: bool) -> bool {
        let span = &text[os..oe];
        if !verbatim
            && (span.chars().count() > max_spread(term.chars) || longest_skip(span) > MAX_SKIP)
        {
            return false;
        }
        if term.word_start && visible_before(text, os).is_some_and(is_word_char) {
            return false;
        }
        if term.word_end && visible_after(text, oe).is_some_and(is_word_char) {
            return false;
        }
        verbatim
            || gaps(span, true)
                .iter()
                .all(|&(g, single)| single || term.breaks.binary_search(&g).is_ok())
    }
}

/// Most separators and invisible characters in a row inside a mention:
/// enough for `雲 . 朵`, not for two words a line of spaces apart.
const MAX_SKIP: usize = 3;

/// Longest run of characters that fold to nothing; consecutive white space
/// counts once, as HTML renders it.
fn longest_skip(span: &str) -> usize {
    let (mut run, mut longest, mut prev_space) = (0, 0, false);
    for c in span.chars() {
        let mut kept = false;
        fold_char(c, |f| kept |= matches!(f, Fold::Keep(_)));
        let space = c.is_whitespace();
        if kept {
            run = 0;
        } else if !(space && prev_space) {
            run += 1;
        }
        prev_space = space;
        longest = longest.max(run);
    }
    longest
}

/// Longest original span a term of `chars` folded characters may cover.
fn max_spread(chars: usize) -> usize {
    chars * 4 + 8
}

/// Folded positions where a separator stands between two characters, each
/// with whether the Latin run on either side of it is a single letter (a
/// spelled-out name: `C l o u d`). With `word_only`, only gaps between two
/// Latin letters or digits count.
fn gaps(s: &str, word_only: bool) -> Vec<(u32, bool)> {
    let mut found: Vec<(u32, bool)> = Vec::new();
    let (mut idx, mut run) = (0u32, 0u32);
    let (mut after_sep, mut prev_word) = (false, false);
    let close_run = |found: &mut Vec<(u32, bool)>, run: u32| {
        // The run that just ended follows the last gap: mark that gap.
        if let Some(last) = found.last_mut() {
            last.1 |= run == 1;
        }
    };
    for c in s.chars() {
        fold_char(c, |f| match f {
            Fold::Keep(k) => {
                let word = is_word_char(k);
                if after_sep && idx > 0 && (!word_only || (word && prev_word)) {
                    close_run(&mut found, run);
                    found.push((idx, run == 1));
                    run = 0;
                }
                run = if word { run + 1 } else { 0 };
                prev_word = word;
                after_sep = false;
                idx += 1;
            }
            Fold::Separator => after_sep = true,
            Fold::Ignorable => {}
        });
    }
    close_run(&mut found, run);
    found
}

fn visible_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().rev().find(|&c| !is_ignorable(c))
}

fn visible_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().find(|&c| !is_ignorable(c))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Converts increasing byte offsets to UTF-16 offsets without rescanning
/// from the start each time.
#[derive(Debug, Default)]
struct Utf16Cursor {
    byte: usize,
    unit: usize,
}

impl Utf16Cursor {
    fn seek(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        if byte >= self.byte {
            self.unit += utf16_len(&bytes[self.byte..byte]);
        } else {
            self.unit -= utf16_len(&bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.unit
    }
}
