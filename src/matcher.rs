//! Finding watchlist mentions in text.
//!
//! Every name, alias and exclusion of a [`Watchlist`] is folded (see
//! [`crate::normalize`]), written in the watchlist's own alphabet (see
//! `matcher/symbols.rs`) and compiled into one leftmost-longest Aho-Corasick
//! automaton. The text is folded the same way in windows of at most
//! [`WINDOW`] bytes, so memory stays flat on a 50 MB text node.
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
//! A hit that fails these checks gives way to the longest shorter term that
//! starts at the same place and passes them (`Cloud` in `Cloud Cafeteria`
//! when `Cloud Cafe` fails its word edge), else the search goes on from the
//! next character.
//!
//! Text joined from several DOM text nodes ([`Matcher::find_in_nodes`]) can
//! hide a block boundary between two nodes that only the page knows of; the
//! checks that a boundary would change are then left to the caller, as flags.
//!
//! Spans are reported in UTF-16 code units of the original text, ready for
//! DOM `Range`s, and in UTF-8 bytes for native callers.

mod symbols;

use crate::normalize::{fold_char, fold_str, is_ignorable, is_word_char, utf16_len, Fold};
use crate::watchlist::Watchlist;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::sync::OnceLock;
use symbols::{Alphabet, Resume, SymText};

/// Most patterns compiled to a DFA (about 3 MB at 1,000 patterns).
const DFA_MAX_PATTERNS: usize = 5_000;

/// Largest window of original text folded at once, in bytes.
pub const WINDOW: usize = 1 << 20;

/// [`Matcher::find_in_nodes`] flag: the mention spans two or more text nodes.
pub const CROSSES_NODES: u32 = 1;
/// Flag: a letter or digit ends the previous node right before the mention
/// (a word edge only if that node is in another block).
pub const WORD_BEFORE: u32 = 2;
/// Flag: a letter or digit starts the next node right after the mention.
pub const WORD_AFTER: u32 = 4;

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
    /// [`CROSSES_NODES`], [`WORD_BEFORE`], [`WORD_AFTER`]: what
    /// [`Matcher::find_in_nodes`] leaves to the caller; 0 otherwise.
    pub flags: u32,
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
    /// Another term is a prefix of this one (so if this one fails its
    /// checks, that one may pass them).
    has_prefix: bool,
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
    alphabet: Alphabet,
    automaton: AhoCorasick,
    /// The patterns in symbols, for `shorter`.
    patterns: Vec<Vec<u8>>,
    /// Every pattern at every place, built the first time a hit fails its
    /// checks and a shorter one must be looked for.
    overlapping: OnceLock<AhoCorasick>,
    terms: Vec<Term>,
    /// Bytes two forced windows share, so no match is cut in two.
    overlap: usize,
}

/// Node starts (UTF-16) of a text joined from DOM text nodes, and a cursor
/// from bytes to UTF-16 offsets.
struct Place<'a> {
    nodes: &'a [u32],
    cursor: Utf16Cursor,
}

impl Matcher {
    /// Compiles a validated watchlist.
    pub fn new(list: &Watchlist) -> Self {
        let mut folded = Vec::new();
        let mut terms = Vec::new();
        for (b, brand) in list.brands.iter().enumerate() {
            let named = brand.terms().map(|t| (t, false));
            let excluded = brand.exclusions.iter().map(|t| (t.as_str(), true));
            for (i, (raw, exclusion)) in named.chain(excluded).enumerate() {
                let f = fold_str(raw);
                if f.is_empty() {
                    continue;
                }
                terms.push(Term {
                    brand: b as u32,
                    term: i as u32,
                    exclusion,
                    chars: f.chars().count(),
                    word_start: f.chars().next().is_some_and(is_word_char),
                    word_end: f.chars().next_back().is_some_and(is_word_char),
                    breaks: gaps(raw, false).into_iter().map(|(g, _)| g).collect(),
                    has_prefix: false,
                });
                folded.push(f);
            }
        }
        let alphabet = Alphabet::new(folded.iter().map(String::as_str));
        let patterns: Vec<Vec<u8>> = folded.iter().map(|f| alphabet.encode(f)).collect();
        let set: std::collections::HashSet<&str> = folded.iter().map(String::as_str).collect();
        for (t, f) in terms.iter_mut().zip(&folded) {
            t.has_prefix = f.char_indices().skip(1).any(|(i, _)| set.contains(&f[..i]));
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
            alphabet,
            automaton,
            patterns,
            overlapping: OnceLock::new(),
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
    pub fn find_with(&self, text: &str, sink: impl FnMut(Mention)) {
        self.find_in_nodes(text, &[], sink);
    }

    /// Like [`Matcher::find_with`], for text joined from DOM text nodes:
    /// `nodes` holds the UTF-16 offset where each node starts, ascending.
    /// Whether two neighbouring nodes belong to one block (so that a word
    /// goes on across them, or a mention may span them) only the page
    /// knows: a mention that spans nodes, or whose word edge is a node
    /// boundary with a letter beyond it, is reported with the flags saying
    /// so, for the caller to keep or drop.
    pub fn find_in_nodes(&self, text: &str, nodes: &[u32], mut sink: impl FnMut(Mention)) {
        if self.terms.is_empty() {
            return;
        }
        let mut sym = SymText::default();
        let mut place = Place {
            nodes,
            cursor: Utf16Cursor::default(),
        };
        let mut start = 0;
        let mut taken_to = 0;
        while start < text.len() {
            let (end, next) = self.window(text, start);
            self.alphabet.fold(text, start, end, &mut sym);
            let bytes = sym.bytes();
            let mut resume = Resume::default();
            let mut at = 0;
            while let Some(hit) = self.automaton.find(Input::new(bytes).span(at..bytes.len())) {
                let (os, oe, verbatim) = self.alphabet.source_span(
                    &text[..end],
                    &sym,
                    hit.start(),
                    hit.end(),
                    &mut resume,
                );
                if os >= next {
                    break; // the next window sees it whole
                }
                if os < taken_to {
                    at = hit.end(); // the previous window reported an overlapping match
                    continue;
                }
                let pattern = hit.pattern().as_usize();
                let judged = self
                    .judge(text, os, oe, pattern, verbatim, &mut place)
                    .map(|m| (pattern, m, hit.end()))
                    .or_else(|| {
                        let failed = (hit.start(), hit.end());
                        self.terms[pattern].has_prefix.then(|| {
                            self.shorter(text, end, &sym, failed, &mut resume, &mut place)
                        })?
                    });
                let Some((pattern, m, folded_end)) = judged else {
                    // The search goes on from the hit's second character.
                    at = hit.start() + utf8_len(bytes[hit.start()]);
                    continue;
                };
                at = folded_end;
                taken_to = m.byte_end;
                if !self.terms[pattern].exclusion {
                    sink(m);
                }
            }
            start = next;
        }
    }

    /// The longest shorter term that starts where a failed hit
    /// (`fs..fe`, folded) starts and passes the checks: its pattern, the
    /// mention and its folded end.
    #[cold]
    fn shorter(
        &self,
        text: &str,
        end: usize,
        sym: &SymText,
        (fs, fe): (usize, usize),
        resume: &mut Resume,
        place: &mut Place,
    ) -> Option<(usize, Mention, usize)> {
        let all = self.overlapping.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&self.patterns)
                .unwrap_or_else(|e| panic!("watchlist too large for the matcher: {e}"))
        });
        let mut found: Vec<(usize, usize)> = all
            .find_overlapping_iter(&sym.bytes()[fs..fe - 1])
            .filter(|m| m.start() == 0)
            .map(|m| (m.end(), m.pattern().as_usize()))
            .collect();
        found.sort_unstable_by(|a, b| b.cmp(a));
        found.into_iter().find_map(|(len, pattern)| {
            let (os, oe, verbatim) =
                self.alphabet
                    .source_span(&text[..end], sym, fs, fs + len, resume);
            self.judge(text, os, oe, pattern, verbatim, place)
                .map(|m| (pattern, m, fs + len))
        })
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

    /// The mention if source bytes `os..oe`, a hit on `pattern`, pass the
    /// checks that folding alone cannot make (see the module docs).
    /// `verbatim`: nothing vanished inside the span, so only the word edges
    /// need checking.
    fn judge(
        &self,
        text: &str,
        os: usize,
        oe: usize,
        pattern: usize,
        verbatim: bool,
        place: &mut Place,
    ) -> Option<Mention> {
        let term = &self.terms[pattern];
        let span = &text[os..oe];
        if !verbatim
            && (span.chars().count() > max_spread(term.chars) || longest_skip(span) > MAX_SKIP)
        {
            return None;
        }
        if !verbatim
            && !gaps(span, true)
                .iter()
                .all(|&(g, single)| single || term.breaks.binary_search(&g).is_ok())
        {
            return None;
        }
        let start = place.cursor.seek(text, os) as u32;
        let end = place.cursor.seek(text, oe) as u32;
        let mut flags = 0;
        if place.nodes.len() > 1 {
            let from = place.nodes.partition_point(|&n| n <= start);
            if place.nodes.get(from).is_some_and(|&n| n < end) {
                flags |= CROSSES_NODES;
            }
        }
        if term.word_start {
            if let Some((_, at)) = visible_before(text, os).filter(|&(c, _)| is_word_char(c)) {
                // `at`: where that character ends; a node may start there.
                let from = start - utf16_len(&text.as_bytes()[at..os]) as u32;
                if !place.boundary(from, start) {
                    return None;
                }
                flags |= WORD_BEFORE;
            }
        }
        if term.word_end {
            if let Some((_, at)) = visible_after(text, oe).filter(|&(c, _)| is_word_char(c)) {
                let to = end + utf16_len(&text.as_bytes()[oe..at]) as u32;
                if !place.boundary(end, to) {
                    return None;
                }
                flags |= WORD_AFTER;
            }
        }
        Some(Mention {
            brand: term.brand,
            term: term.term,
            start,
            end,
            byte_start: os,
            byte_end: oe,
            flags,
        })
    }
}

impl Place<'_> {
    /// Whether a node starts within UTF-16 offsets `from..=to`.
    fn boundary(&self, from: u32, to: u32) -> bool {
        let i = self.nodes.partition_point(|&n| n < from);
        self.nodes.get(i).is_some_and(|&n| n <= to && n > 0)
    }
}

/// Length of a UTF-8 character from its lead byte.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F | 0xFF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
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

/// The last visible character before byte `at`, and the byte where it ends.
fn visible_before(text: &str, at: usize) -> Option<(char, usize)> {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_ignorable(c))
        .map(|(i, c)| (c, i + c.len_utf8()))
}

/// The first visible character from byte `at`, and the byte where it starts.
fn visible_after(text: &str, at: usize) -> Option<(char, usize)> {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_ignorable(c))
        .map(|(i, c)| (c, at + i))
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
