//! The text as the matcher's automaton reads it.
//!
//! Each character is folded (see [`crate::normalize`]) and then written as its
//! *symbol*: its place in the watchlist's alphabet, the characters its folded
//! terms are made of. A folded ASCII character in the alphabet is itself (one
//! byte); any other character in the alphabet gets a code from 0x80 up,
//! written as UTF-8 (two bytes for the first 1,920). Every character outside
//! the alphabet can never be part of a match, so it becomes [`OTHER`], a byte
//! that no UTF-8 pattern holds, and a run of them is written once. Separators
//! and invisible characters vanish, as in the folding.
//!
//! So a Chinese page watched for a few Latin and Chinese names shrinks to a
//! fraction of its bytes before the automaton sees it, and folding is a table
//! lookup per character. What is lost is the way back from a folded offset
//! to the source: instead of an entry per character, a mark every
//! [`MARK_SPAN`] source bytes lets a hit fold its stretch again to find its
//! source span (hits are few; characters are many).

use crate::normalize::{
    fold_char, folding, folding_cached, is_cjk, Fold, Folding, BLOCK_BREAK, CACHED_BELOW,
};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Every character outside the alphabet. Never part of valid UTF-8, so never
/// part of a pattern.
pub const OTHER: u8 = 0xFF;

/// Source bytes between two marks (a character may carry one past).
const MARK_SPAN: usize = 32;

/// The code points the per-watchlist table covers, in three stretches: the
/// rest of two-byte UTF-8 (Latin letters with accents, `·`); CJK punctuation,
/// kana and the ideographs the Traditional → Simplified fold knows; the
/// full-width and half-width forms (`，`, `！`, `ＣＬＯＵＤ`), which Chinese text
/// is full of.
const LATIN: (u32, u32) = (0x80, 0x800);
const CJK: (u32, u32) = (CACHED_BELOW, 0xA000);
const WIDE: (u32, u32) = (0xFF00, 0xFFF0);

/// Where each stretch starts in the table.
const LATIN_AT: usize = 0;
const CJK_AT: usize = LATIN_AT + (LATIN.1 - LATIN.0) as usize;
const WIDE_AT: usize = CJK_AT + (CJK.1 - CJK.0) as usize;

/// Table entries besides symbol codes (an ASCII symbol, below 0x80, or a
/// code from 0x80 up).
const T_OTHER: u32 = 0;
const T_DROP: u32 = 1;
const T_SEVERAL: u32 = 2;

/// Where folded output goes: the folded text itself, or a counter that folds
/// a stretch again to find where a hit came from.
pub trait Sink: Default {
    /// Appends one symbol byte.
    #[inline(always)]
    fn push(&mut self, b: u8) {
        self.put([b, 0], 1, b == OTHER);
    }
    /// Whether the last byte written is [`OTHER`].
    fn after_other(&self) -> bool;
    /// Makes room for `n` more bytes (the fast paths write at most as many
    /// bytes as they read; the slow path asks first).
    fn room(&mut self, _n: usize) {}
    /// Writes `bytes[..n]` (`n` ≤ 2) and notes whether the text now ends in
    /// [`OTHER`], without a branch on `n`: in mixed text which case comes
    /// next is a coin toss, and a mispredicted branch costs more than the
    /// stores.
    fn put(&mut self, bytes: [u8; 2], n: usize, other: bool);
}

/// The folded text being written: a buffer sized ahead, the bytes written so
/// far, and whether the last one is [`OTHER`], all kept at hand.
#[derive(Default)]
struct Out {
    buf: Vec<u8>,
    len: usize,
    other: bool,
}

impl Out {
    /// Makes room for `n` more bytes.
    #[inline(always)]
    fn room(&mut self, n: usize) {
        if self.len + n > self.buf.len() {
            let size = (self.buf.len() * 2).max(self.len + n);
            self.buf.resize(size, 0);
        }
    }
}

impl Sink for Out {
    #[inline(always)]
    fn after_other(&self) -> bool {
        self.other
    }
    #[inline(always)]
    fn room(&mut self, n: usize) {
        Out::room(self, n);
    }
    #[inline(always)]
    fn put(&mut self, bytes: [u8; 2], n: usize, other: bool) {
        self.buf[self.len..self.len + 2].copy_from_slice(&bytes);
        self.len += n;
        self.other = other;
    }
}

/// Counts folded bytes without keeping them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counter {
    len: usize,
    other: bool,
}

impl Sink for Counter {
    #[inline(always)]
    fn after_other(&self) -> bool {
        self.other
    }
    #[inline(always)]
    fn put(&mut self, _bytes: [u8; 2], n: usize, other: bool) {
        self.len += n;
        self.other = other;
    }
}

/// A watchlist's alphabet, and the tables that fold text into it.
#[derive(Debug)]
pub struct Alphabet {
    /// Per ASCII byte: its symbol, [`OTHER`], or [`ASCII_DROP`].
    ascii: [u8; 128],
    /// Per code point of the three stretches (`LATIN_AT`, `CJK_AT`,
    /// `WIDE_AT`): a symbol code, or `T_OTHER`, `T_DROP`, `T_SEVERAL`.
    table: Vec<u16>,
    /// Codes of the alphabet's non-ASCII characters.
    codes: FxHashMap<char, u32>,
}

/// In the ASCII table: a separator.
const ASCII_DROP: u8 = 0xFE;

impl Alphabet {
    /// The alphabet of `terms`, each already folded by
    /// [`crate::normalize::fold_str`].
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut chars: Vec<char> = terms.into_iter().flat_map(str::chars).collect();
        chars.sort_unstable();
        chars.dedup();
        chars.retain(|&c| c != BLOCK_BREAK);
        let mut codes = FxHashMap::default();
        let mut next = 0x80u32;
        for &c in chars.iter().filter(|c| !c.is_ascii()) {
            codes.insert(c, next);
            next += 1;
            if next == 0xD800 {
                next = 0xE000; // codes are written as UTF-8
            }
        }
        let mut ascii = [OTHER; 128];
        for (b, slot) in ascii.iter_mut().enumerate() {
            *slot = match folding(b as u8 as char) {
                Folding::Keep(k) if chars.binary_search(&k).is_ok() => k as u8,
                Folding::Separator | Folding::Ignorable => ASCII_DROP,
                _ => OTHER,
            };
        }
        // Most of the table folds to characters outside the alphabet: a bit
        // per code point (mod 2^16) of the alphabet rules those out quickly.
        let mut maybe = vec![0u64; 1024];
        for &c in codes.keys() {
            maybe[(c as usize >> 6) & 1023] |= 1 << (c as u32 & 63);
        }
        let table = fold_table()
            .iter()
            .map(|&f| match f {
                F_DROP => T_DROP as u16,
                F_SEVERAL => T_SEVERAL as u16,
                k if k < 0x80 => match ascii[k as usize] {
                    OTHER | ASCII_DROP => T_OTHER as u16,
                    // A control character in a term: the slow path writes it.
                    s if s as u32 <= T_SEVERAL => T_SEVERAL as u16,
                    s => s as u16,
                },
                k if maybe[(k as usize >> 6) & 1023] & (1 << (k & 63)) == 0 => T_OTHER as u16,
                k => match char::from_u32(k).and_then(|k| codes.get(&k)) {
                    // Codes past the table's width are left to the slow path.
                    Some(&code) if code < 0x1_0000 => code as u16,
                    Some(_) => T_SEVERAL as u16,
                    None => T_OTHER as u16,
                },
            })
            .collect();
        Alphabet {
            ascii,
            table,
            codes,
        }
    }

    /// The code of folded character `k`, if it is in the alphabet.
    #[inline]
    fn code(&self, k: char) -> Option<u32> {
        if k.is_ascii() {
            let s = self.ascii[k as usize];
            (s != OTHER && s != ASCII_DROP).then_some(s as u32)
        } else {
            self.codes.get(&k).copied()
        }
    }

    /// The pattern for a folded term: its symbols.
    pub fn encode(&self, folded: &str) -> Vec<u8> {
        let mut sink = Out {
            buf: vec![0; folded.len() * 4],
            len: 0,
            other: false,
        };
        for k in folded.chars() {
            match self.code(k) {
                Some(code) => write_code(&mut sink, code),
                None => sink.push(OTHER), // only BLOCK_BREAK: the term can never match
            }
        }
        sink.buf.truncate(sink.len);
        sink.buf
    }

    /// Writes folded character `k`: its code, or OTHER (once a run).
    #[inline(always)]
    fn write(&self, out: &mut impl Sink, k: char) {
        match self.code(k) {
            Some(code) => write_code(out, code),
            None => push_sym(out, OTHER),
        }
    }

    /// Folds the character starting at byte `i` of `src` into `out`;
    /// returns its length in bytes and whether it vanished. The one
    /// definition of the folding the matcher searches, used both to fold a
    /// text and to fold a stretch of it again.
    #[inline(always)]
    pub fn push_char(&self, src: &str, i: usize, out: &mut impl Sink) -> (usize, bool) {
        self.push_fast(src.as_bytes(), i, out)
            .unwrap_or_else(|| aside(out, |o| self.push_slow(src, i, o)))
    }

    /// [`Alphabet::push_char`] for the common cases (ASCII, and the table's
    /// characters that fold to one symbol or none); `None`, having written
    /// nothing, for the rest.
    #[inline(always)]
    fn push_fast(&self, raw: &[u8], i: usize, out: &mut impl Sink) -> Option<(usize, bool)> {
        let b = raw[i];
        let was_other = out.after_other();
        if b < 0x80 {
            // A symbol, OTHER (once a run) or nothing (a separator).
            let s = self.ascii[b as usize];
            let drop = s == ASCII_DROP;
            let other = s == OTHER;
            let n = usize::from(!(drop || other && was_other));
            out.put([s, 0], n, if drop { was_other } else { other });
            return Some((1, drop));
        }
        let (at, len) = if (0xE3..=0xE9).contains(&b) && i + 2 < raw.len() {
            let u = ((b as usize & 0x0F) << 12)
                | ((raw[i + 1] as usize & 0x3F) << 6)
                | (raw[i + 2] as usize & 0x3F);
            (u - CJK.0 as usize + CJK_AT, 3)
        } else {
            rare_place(raw, i)?
        };
        let code = self.table[at] as u32;
        if code == T_OTHER || (0x80..0x800).contains(&code) {
            // OTHER (once a run), or a two-byte code.
            let other = code == T_OTHER;
            let first = if other {
                OTHER
            } else {
                0xC0 | (code >> 6) as u8
            };
            let n = if other { usize::from(!was_other) } else { 2 };
            out.put([first, 0x80 | (code & 0x3F) as u8], n, other);
            return Some((len, false));
        }
        match code {
            T_DROP => Some((len, true)),
            T_SEVERAL => None,
            // A full-width letter or digit: its ASCII symbol.
            s if s < 0x80 => {
                out.put([s as u8, 0], 1, false);
                Some((len, false))
            }
            _ => None, // a three-byte code: only in alphabets of thousands
        }
    }

    #[cold]
    fn push_slow(&self, src: &str, i: usize, out: &mut impl Sink) -> (usize, bool) {
        // NFKC gives at most 18 characters for one, each code at most 4 bytes.
        out.room(128);
        let c = src[i..].chars().next().unwrap_or('\u{FFFD}');
        let len = c.len_utf8();
        let simple = if (c as u32) < CACHED_BELOW {
            folding_cached(c)
        } else if is_cjk(c) && !(CJK.0..CJK.1).contains(&(c as u32)) {
            folding(c) // CJK beyond the table: one character, no normalising
        } else {
            Folding::Several
        };
        match simple {
            Folding::Keep(k) => self.write(out, k),
            Folding::Separator | Folding::Ignorable => return (len, true),
            Folding::Several => {
                let mut kept = false;
                fold_char(c, |f| {
                    if let Fold::Keep(k) = f {
                        kept = true;
                        self.write(out, k);
                    }
                });
                return (len, !kept);
            }
        }
        (len, false)
    }

    /// Folds `src[start..end]` into `out`, replacing what it held.
    // Not inlined: the loop keeps its state in registers only in a function
    // of its own.
    #[inline(never)]
    pub fn fold(&self, src: &str, start: usize, end: usize, out: &mut SymText) {
        out.marks.clear();
        out.marks.reserve((end - start) / MARK_SPAN + 2);
        let mut sink = Out {
            buf: std::mem::take(&mut out.buf),
            len: 0,
            other: false,
        };
        // Grown, never cleared: zeroing a window's worth each time costs more
        // than it protects (only bytes written are read).
        let need = end - start + 8;
        if sink.buf.len() < need {
            sink.buf.resize(need, 0);
        }
        let src = &src[..end];
        let raw = src.as_bytes();
        let mut i = start;
        'marks: while i < end {
            // A mark per stretch of source rather than a check per character,
            // and the slow path outside the inner loop: it then has no call
            // and keeps its state in registers.
            out.marks.push((sink.len as u32, i as u32));
            let stop = (i + MARK_SPAN).min(end);
            while i < stop {
                match self.push_fast(raw, i, &mut sink) {
                    Some((n, _)) => i += n,
                    None => {
                        i += aside(&mut sink, |o| self.push_slow(src, i, o)).0;
                        continue 'marks;
                    }
                }
            }
        }
        out.buf = sink.buf;
        out.len = sink.len;
    }

    /// The source span behind folded bytes `fs..fe` of `t` (folded from
    /// `src`), and whether nothing vanished inside it. Folds again from the
    /// nearest mark, or from where the previous hit started if that is
    /// nearer (`from`, updated: hits come in order).
    pub fn source_span(
        &self,
        src: &str,
        t: &SymText,
        fs: usize,
        fe: usize,
        from: &mut Resume,
    ) -> (usize, usize, bool) {
        let k = t.marks.partition_point(|&(f, _)| f as usize <= fs) - 1;
        let (f0, s0) = (t.marks[k].0 as usize, t.marks[k].1 as usize);
        let (mut count, mut i) = if from.folded <= fs && from.folded > f0 {
            let count = Counter {
                len: from.folded,
                other: from.other,
            };
            (count, from.source)
        } else {
            let count = Counter {
                len: f0,
                other: f0 > 0 && t.bytes()[f0 - 1] == OTHER,
            };
            (count, s0)
        };
        // Up to the character that writes byte `fs`, then on to `fe`: two
        // loops, each with one way out.
        let (start, n) = loop {
            if i >= src.len() {
                return (s0, i, true); // only if the marks lie
            }
            let before = count;
            let (n, _) = self.push_char(src, i, &mut count);
            if count.len > fs {
                *from = Resume {
                    folded: before.len,
                    source: i,
                    other: before.other,
                };
                break (i, n);
            }
            i += n;
        };
        i = start + n;
        let mut dropped = false;
        while count.len < fe && i < src.len() {
            let (n, gone) = self.push_char(src, i, &mut count);
            dropped |= gone;
            i += n;
        }
        (start, i, !dropped)
    }
}

/// In [`fold_table`]: vanishes, or folds to several characters.
const F_DROP: u32 = u32::MAX;
const F_SEVERAL: u32 = u32::MAX - 1;

/// What each code point of the table's stretches folds to, whatever the
/// watchlist: a character, `F_DROP` or `F_SEVERAL`. Built once per process.
fn fold_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (LATIN.0..LATIN.1)
            .chain(CJK.0..CJK.1)
            .chain(WIDE.0..WIDE.1)
            .map(|u| match char::from_u32(u).map(folding) {
                Some(Folding::Keep(k)) => k as u32,
                Some(Folding::Separator | Folding::Ignorable) => F_DROP,
                _ => F_SEVERAL,
            })
            .collect()
    })
}

/// Where in the table the two-byte or full-width character at byte `i` of
/// `raw` is, and its length; `None` for any other.
#[inline]
fn rare_place(raw: &[u8], i: usize) -> Option<(usize, usize)> {
    let b = raw[i];
    if (0xC2..=0xDF).contains(&b) && i + 1 < raw.len() {
        let u = ((b as usize & 0x1F) << 6) | (raw[i + 1] as usize & 0x3F);
        return Some((u - LATIN.0 as usize + LATIN_AT, 2));
    }
    if b == 0xEF && i + 2 < raw.len() {
        let u = 0xF000 | ((raw[i + 1] as usize & 0x3F) << 6) | (raw[i + 2] as usize & 0x3F);
        if (WIDE.0 as usize..WIDE.1 as usize).contains(&u) {
            return Some((u - WIDE.0 as usize + WIDE_AT, 3));
        }
    }
    None
}

/// Runs `f` (the slow path) on a moved-out copy of `out`: a sink whose
/// address never leaves the inlined fast paths stays in registers.
#[inline(always)]
fn aside<S: Sink, R>(out: &mut S, f: impl FnOnce(&mut S) -> R) -> R {
    let mut moved = std::mem::take(out);
    let r = f(&mut moved);
    *out = moved;
    r
}

/// Writes a symbol byte; a run of [`OTHER`] is written once.
#[inline(always)]
fn push_sym(out: &mut impl Sink, s: u8) {
    if s != OTHER || !out.after_other() {
        out.push(s);
    }
}

/// Writes a symbol code as UTF-8.
#[inline(always)]
fn write_code(out: &mut impl Sink, code: u32) {
    if code < 0x80 {
        out.push(code as u8);
    } else if code < 0x800 {
        out.push(0xC0 | (code >> 6) as u8);
        out.push(0x80 | (code & 0x3F) as u8);
    } else if code < 0x1_0000 {
        out.push(0xE0 | (code >> 12) as u8);
        out.push(0x80 | ((code >> 6) & 0x3F) as u8);
        out.push(0x80 | (code & 0x3F) as u8);
    } else {
        out.push(0xF0 | (code >> 18) as u8);
        out.push(0x80 | ((code >> 12) & 0x3F) as u8);
        out.push(0x80 | ((code >> 6) & 0x3F) as u8);
        out.push(0x80 | (code & 0x3F) as u8);
    }
}

/// Where folding again may resume: a folded offset, the source byte of the
/// character that writes there, and whether the byte before is [`OTHER`].
#[derive(Debug, Default, Clone, Copy)]
pub struct Resume {
    folded: usize,
    source: usize,
    other: bool,
}

/// A folded stretch of text: symbol bytes, and a mark every [`MARK_SPAN`]
/// source bytes pairing a source byte with the folded offset it starts at.
#[derive(Debug, Default)]
pub struct SymText {
    /// The symbols, and room past them.
    buf: Vec<u8>,
    len: usize,
    marks: Vec<(u32, u32)>,
}

impl SymText {
    /// The symbols.
    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_str;

    fn alphabet(terms: &[&str]) -> Alphabet {
        let folded: Vec<String> = terms.iter().map(|t| fold_str(t)).collect();
        Alphabet::new(folded.iter().map(String::as_str))
    }

    fn fold(a: &Alphabet, src: &str) -> SymText {
        let mut t = SymText::default();
        a.fold(src, 0, src.len(), &mut t);
        t
    }

    #[test]
    fn outside_the_alphabet_is_one_byte_a_run() {
        let a = alphabet(&["雲朵", "Cloud"]);
        let t = fold(&a, "今天去雲朵，好 CLOUD!!");
        let pat = a.encode(&fold_str("雲朵"));
        assert_eq!(pat.len(), 4, "two 2-byte codes");
        let mut want = vec![OTHER];
        want.extend(&pat);
        want.push(OTHER);
        want.extend(b"cloud");
        want.push(OTHER);
        assert_eq!(t.bytes(), want);
    }

    #[test]
    fn folds_script_width_and_drops_separators() {
        let a = alphabet(&["雲朵", "Cloud"]);
        let plain = fold(&a, "云朵cloud").bytes().to_vec();
        assert_eq!(fold(&a, "雲.朵ＣＬＯＵＤ").bytes(), plain);
        assert_eq!(fold(&a, "雲\u{200B}朵C l o u d").bytes(), plain);
    }

    #[test]
    fn source_span_finds_the_characters_behind_a_hit() {
        let a = alphabet(&["雲朵", "Cloud"]);
        let src = "x".repeat(200) + "今天去雲 朵，和 ＣＬＯＵＤ。";
        let t = fold(&a, &src);
        let pat = a.encode("云朵");
        let at = t.bytes().windows(pat.len()).position(|w| w == pat).unwrap();
        let (s, e, verbatim) = a.source_span(&src, &t, at, at + pat.len(), &mut Resume::default());
        assert_eq!(&src[s..e], "雲 朵");
        assert!(!verbatim);
        let at = t.bytes().windows(5).position(|w| w == b"cloud").unwrap();
        let (s, e, verbatim) = a.source_span(&src, &t, at, at + 5, &mut Resume::default());
        assert_eq!(&src[s..e], "ＣＬＯＵＤ");
        assert!(verbatim);
    }

    #[test]
    fn the_tables_agree_with_the_folding() {
        // Terms that use Latin, accented, full-width and CJK characters, so
        // that every kind of table entry occurs.
        let a = alphabet(&["Cloud Café", "雲朵", "ＰＸ", "¼", "ß", "株", "ｶ"]);
        let stretches = [(0x20, 0x80), LATIN, CJK, WIDE];
        for c in stretches
            .iter()
            .flat_map(|&(s, e)| s..e)
            .filter_map(char::from_u32)
        {
            // Each character between two letters outside the alphabet, so
            // that OTHER before and after it shows how runs are written.
            let src = format!("q{c}q");
            let mut want = vec![OTHER];
            fold_char(c, |f| {
                if let Fold::Keep(k) = f {
                    match a.code(k) {
                        Some(code) => {
                            let mut one = Out::default();
                            one.buf.resize(4, 0);
                            write_code(&mut one, code);
                            want.extend(&one.buf[..one.len]);
                        }
                        None if want.last() == Some(&OTHER) => {}
                        None => want.push(OTHER),
                    }
                }
            });
            if want.last() != Some(&OTHER) {
                want.push(OTHER);
            }
            assert_eq!(fold(&a, &src).bytes(), want, "U+{:04X} {c}", c as u32);
        }
    }

    #[test]
    fn several_characters_from_one() {
        let a = alphabet(&["(株)", "fine"]);
        let src = "㈱ ﬁne";
        let t = fold(&a, src);
        let pat = a.encode("fine");
        let at = t.bytes().windows(pat.len()).position(|w| w == pat).unwrap();
        let (s, e, _) = a.source_span(src, &t, at, at + pat.len(), &mut Resume::default());
        assert_eq!(&src[s..e], "ﬁne");
        assert!(t.bytes().starts_with(&a.encode("(株)")));
    }
}
