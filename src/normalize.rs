//! Text folding shared by patterns and haystacks.
//!
//! Matching runs on a *folded* copy of the text so that the spellings people
//! use to dodge filters, or simply type on another keyboard, meet the
//! watchlist: `ＣｌｏｕｄＣａｆｅ`, `cloudcafe`, `云朵`, `雲.朵`, `C l o u d`,
//! `雲\u{200B}朵` all fold to the same string as their plain form.
//!
//! Folding one character at a time keeps a map from every folded byte back
//! to the original character, which is what lets the matcher report spans in
//! the original text (and in UTF-16, for DOM ranges).
//!
//! The folds, in order:
//! 1. Unicode compatibility (NFKC) per character: full-width and half-width
//!    forms, ligatures, circled and mathematical letters.
//! 2. Accents on Latin letters are dropped (`café` → `cafe`).
//! 3. Lower case.
//! 4. Traditional → Simplified Chinese, from the `fast2s` table.
//! 5. Default-ignorable code points (zero-width spaces and joiners, bidi
//!    controls, variation selectors, soft hyphen) vanish.
//! 6. Light separators (spaces, `.`, `-`, `_`, `*`, `·`, `/`, `|`, `~`, `+`,
//!    apostrophes) vanish too, but the matcher re-checks where they stood
//!    between Latin letters (see [`crate::matcher`]).
//!
//! Line breaks inside a text fold as separators, the way HTML renders them;
//! [`BLOCK_BREAK`] (U+2029 PARAGRAPH SEPARATOR) is kept, and since no term
//! contains it, a mention never spans two blocks of a page.

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Ends a block of page text: the content script and the CLI put it between
/// blocks and at `<br>`; no mention crosses it.
pub const BLOCK_BREAK: char = '\u{2029}';

/// How one folded character takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// A character kept in the folded text.
    Keep(char),
    /// A light separator: dropped, but it separates Latin words.
    Separator,
    /// An invisible character: dropped without a trace.
    Ignorable,
}

/// First and one-past-last code point of the CJK blocks covered by the
/// Traditional → Simplified table (Extension A and the Unified block).
const CJK_FIRST: u32 = 0x3400;
const CJK_END: u32 = 0xA000;

/// Dense Traditional → Simplified table over `CJK_FIRST..CJK_END`, built once
/// from `fast2s` (a per-character lookup there would allocate a `String`).
fn t2s_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Unassigned code points become U+FFFD in `from_u32`; keep them as
        // themselves so the table stays aligned.
        let src: Vec<char> = (CJK_FIRST..CJK_END)
            .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect();
        // Interleave with a neutral char: `fast2s` looks at neighbours for a
        // handful of phrase-level exceptions, and neighbours here are random.
        let joined: String = src.iter().flat_map(|&c| [c, ' ']).collect();
        let out: Vec<char> = fast2s::convert(&joined).chars().step_by(2).collect();
        debug_assert_eq!(out.len(), src.len());
        out
    })
}

/// The Simplified table as UTF-8, three bytes per code point, for the fold
/// loop to copy; `None` if some entry were not a 3-byte character.
fn t2s_utf8() -> Option<&'static [[u8; 3]]> {
    static TABLE: OnceLock<Option<Vec<[u8; 3]>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            t2s_table()
                .iter()
                .map(|c| {
                    let mut b = [0u8; 4];
                    let e = c.encode_utf8(&mut b);
                    (e.len() == 3).then(|| [b[0], b[1], b[2]])
                })
                .collect()
        })
        .as_deref()
}

/// Folds a Chinese character to Simplified script; other characters pass.
#[inline]
pub fn to_simplified(c: char) -> char {
    let u = c as u32;
    if (CJK_FIRST..CJK_END).contains(&u) {
        t2s_table()[(u - CJK_FIRST) as usize]
    } else {
        c
    }
}

/// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties),
/// minus the Hangul fillers that render as blanks and are handled as spaces.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
        | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// Separators people slip between the letters of a name.
#[inline]
const fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '.'
            | '-'
            | '_'
            | '*'
            | '/'
            | '|'
            | '~'
            | '+'
            | '\''
            | '\u{00A0}'
            | '\u{00B7}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2022}'
            | '\u{2010}'..='\u{2015}' | '\u{2027}' | '\u{3000}' | '\u{30FB}' | '\u{FF65}'
    )
}

/// Chinese, Japanese and Korean scripts, which have no spaces between words
/// and so no word boundaries for the matcher to check.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A letter or digit of a spaced script: where word boundaries apply.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // The range check first: the Unicode table lookup is slow.
        !is_cjk(c) && c.is_alphanumeric()
    }
}

/// Folds one character, calling `emit` for each resulting [`Fold`].
///
/// Most characters give exactly one; compatibility forms such as `㈱` or `ﬁ`
/// give several.
#[inline]
pub fn fold_char(c: char, mut emit: impl FnMut(Fold)) {
    if c.is_ascii() {
        emit(fold_ascii(c));
        return;
    }
    let u = c as u32;
    if (0x4E00..CJK_END).contains(&u) || (CJK_FIRST..0x4DC0).contains(&u) {
        emit(Fold::Keep(to_simplified(c)));
    } else if is_ignorable(c) {
        emit(Fold::Ignorable);
    } else if is_separator(c) {
        emit(Fold::Separator);
    } else if (0xFF01..=0xFF5E).contains(&u) {
        // Full-width ASCII: the common case of NFKC, without the tables.
        emit(fold_ascii(char::from_u32(u - 0xFEE0).unwrap_or(c)));
    } else {
        fold_slow(c, emit);
    }
}

#[inline]
fn fold_ascii(c: char) -> Fold {
    if is_separator(c) {
        Fold::Separator
    } else {
        Fold::Keep(c.to_ascii_lowercase())
    }
}

/// Latin letters with diacritics, whose marks are dropped (`é` → `e`).
fn is_marked_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

#[cold]
fn fold_slow(c: char, mut emit: impl FnMut(Fold)) {
    fold_slow_dyn(c, &mut emit);
}

fn fold_slow_dyn(c: char, emit: &mut dyn FnMut(Fold)) {
    let latin = is_marked_latin(c);
    if !latin {
        // A compatibility form may stand for a marked Latin letter (the
        // Ångström sign `Å` is `Å`): fold what it stands for the same way,
        // so that folding twice changes nothing (found by tests/fuzz.rs).
        let mut marked = false;
        for d in std::iter::once(c).nfkc() {
            marked |= is_marked_latin(d);
        }
        if marked {
            for d in std::iter::once(c).nfkc() {
                fold_slow_dyn(d, emit);
            }
            return;
        }
    }
    let mut push = |d: char| {
        if latin && is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            emit(if l.is_ascii() {
                fold_ascii(l)
            } else if is_ignorable(l) {
                Fold::Ignorable
            } else if is_separator(l) {
                Fold::Separator
            } else {
                Fold::Keep(to_simplified(l))
            });
        }
    };
    if latin {
        std::iter::once(c).nfkd().for_each(&mut push);
    } else {
        std::iter::once(c).nfkc().for_each(&mut push);
    }
}

/// Folds a whole string, dropping separators and ignorables.
///
/// # Examples
/// ```
/// use brand_radar::normalize::fold_str;
/// assert_eq!(fold_str("ＣＬＯＵＤ Café"), "cloudcafe");
/// assert_eq!(fold_str("雲.朵\u{200B}咖啡"), "云朵咖啡");
/// ```
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |f| {
            if let Fold::Keep(k) = f {
                out.push(k);
            }
        });
    }
    out
}

/// A folded copy of a text, with a way back to the original offsets.
///
/// Folding mostly keeps lengths (ASCII stays ASCII, a CJK character stays
/// three bytes), so instead of one original offset per folded byte we keep
/// *anchors*: each time the distance between folded and original offsets
/// changes (a dropped space, a full-width letter), the pair of offsets where
/// it does. That writes about one entry per word of English and none for a
/// run of Chinese, where a full map wrote four bytes per byte.
#[derive(Debug, Default)]
pub struct Folded {
    /// The folded text, as UTF-8 bytes (the automaton searches bytes, and
    /// skipping the validation of a `String` saves a third of the fold).
    pub text: Vec<u8>,
    /// `(folded byte, original byte)` at each change of distance, ascending.
    anchors: Vec<(u32, u32)>,
}

impl Folded {
    /// The original byte offset of the character behind the folded
    /// character that starts at `at`.
    pub fn origin(&self, at: usize) -> usize {
        self.origins().at(at)
    }

    /// A reader of original offsets for folded positions visited in
    /// increasing order, as the matcher visits its hits.
    pub fn origins(&self) -> Origins<'_> {
        Origins {
            anchors: &self.anchors,
            i: 0,
        }
    }
}

/// Maps folded offsets back to the original, moving forward only.
#[derive(Debug)]
pub struct Origins<'a> {
    anchors: &'a [(u32, u32)],
    i: usize,
}

impl Origins<'_> {
    fn seek(&mut self, at: usize) {
        while self
            .anchors
            .get(self.i + 1)
            .is_some_and(|&(f, _)| f as usize <= at)
        {
            self.i += 1;
        }
    }

    /// The original byte offset behind the folded character starting at
    /// `at`; `at` must not be less than in the previous call.
    pub fn at(&mut self, at: usize) -> usize {
        self.seek(at);
        match self.anchors.get(self.i) {
            Some(&(f, o)) if f as usize <= at => o as usize + (at - f as usize),
            _ => at,
        }
    }

    /// Whether folded bytes `start..end` came from the original with nothing
    /// dropped or resized in between (no anchor inside), so the original span
    /// holds no separators or invisible characters.
    pub fn verbatim(&mut self, start: usize, end: usize) -> bool {
        self.seek(start);
        self.anchors
            .get(self.i + 1)
            .is_none_or(|&(f, _)| f as usize >= end)
    }
}

/// ASCII folding as a table: the lower-cased byte, or 0 for a separator.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if is_separator(c as char) {
            0
        } else {
            c.to_ascii_lowercase()
        };
        i += 1;
    }
    t
};

impl Folded {
    /// Replaces the contents with the fold of `src[start..end]`; offsets
    /// stay relative to the whole of `src`. Buffers are reused between calls.
    ///
    /// This is the matcher's hot loop: ASCII goes through a table and the
    /// common 3-byte CJK characters are copied from a table of UTF-8;
    /// everything else takes [`fold_char`].
    pub fn fold_range(&mut self, src: &str, start: usize, end: usize) {
        let out = &mut self.text;
        out.clear();
        self.anchors.clear();
        let anchors = &mut self.anchors;
        // Original minus folded offset; an anchor is written when it changes.
        let mut shift = start as i64;
        anchors.push((0, start as u32));
        let raw = &src.as_bytes()[start..end];
        out.reserve(raw.len());
        let cjk = t2s_utf8();
        // Whether the shift may have moved since the last anchor: ASCII and
        // table CJK keep their length, so only drops and the slow path move it.
        let mut dirty = false;
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b < 0x80 {
                let f = ASCII_FOLD[b as usize];
                if f != 0 {
                    if dirty {
                        note(anchors, &mut shift, out.len(), start + i);
                        dirty = false;
                    }
                    out.push(f);
                } else {
                    dirty = true; // a dropped byte shifts what follows
                }
                i += 1;
                continue;
            }
            if let (Some(table), true) = (cjk, (0xE3..=0xE9).contains(&b) && i + 2 < raw.len()) {
                // U+3000..U+9FFF: the blocks the Simplified table covers.
                let u = ((b as u32 & 0x0F) << 12)
                    | ((raw[i + 1] as u32 & 0x3F) << 6)
                    | (raw[i + 2] as u32 & 0x3F);
                if (CJK_FIRST..CJK_END).contains(&u) && !(0x4DC0..0x4E00).contains(&u) {
                    if dirty {
                        note(anchors, &mut shift, out.len(), start + i);
                        dirty = false;
                    }
                    let [x, y, z] = table[(u - CJK_FIRST) as usize];
                    // Three pushes: a 3-byte extend_from_slice is an out-of-line memcpy.
                    out.push(x);
                    out.push(y);
                    out.push(z);
                    i += 3;
                    continue;
                }
            }
            let Some(c) = src[start + i..].chars().next() else {
                break;
            };
            let at = start + i;
            // Lengths may change either way here: note every character, and
            // let the next fast-path character check again.
            dirty = true;
            fold_char(c, |f| {
                if let Fold::Keep(k) = f {
                    note(anchors, &mut shift, out.len(), at);
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(k.encode_utf8(&mut buf).as_bytes());
                }
            });
            i += c.len_utf8();
        }
    }
}

/// Records that the folded character starting at `folded` comes from the
/// original character at `orig`, writing an anchor if the distance moved.
#[inline(always)]
fn note(anchors: &mut Vec<(u32, u32)>, shift: &mut i64, folded: usize, orig: usize) {
    let s = orig as i64 - folded as i64;
    if s != *shift {
        *shift = s;
        anchors.push((folded as u32, orig as u32));
    }
}

/// Counts UTF-16 code units in a UTF-8 byte slice that starts and ends on
/// character boundaries.
#[inline]
pub fn utf16_len(bytes: &[u8]) -> usize {
    // Every character has one non-continuation byte; 4-byte ones (lead byte
    // 0xF0..) need a surrogate pair. Summed in u8 lanes over chunks that
    // cannot overflow them, which vectorises 32 bytes at a time.
    bytes
        .chunks(127)
        .map(|chunk| {
            let units: u8 = chunk
                .iter()
                .map(|&b| ((b as i8) >= -0x40) as u8 + (b >= 0xF0) as u8)
                .sum();
            units as usize
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_script_and_separators() {
        let cases = [
            ("ＣｌｏｕｄＣａｆｅ", "cloudcafe"),
            ("C l o u d", "cloud"),
            ("雲.朵", "云朵"),
            ("雲 朵", "云朵"),
            ("云朵", "云朵"),
            ("臺灣", "台湾"),
            ("雲\u{200B}朵\u{FE0F}", "云朵"),
            ("Peet’s", "peets"),
            ("CAFÉ", "cafe"),
            ("ﬁne", "fine"),
            ("㈱", "(株)"),
            ("a\nb", "ab"),
            ("a\u{2029}b", "a\u{2029}b"),
            ("😀x", "😀x"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_str(input), want, "input {input:?}");
        }
    }

    #[test]
    fn origin_points_at_source_characters() {
        let src = "Ｃ l雲㈱x";
        let mut f = Folded::default();
        f.fold_range(src, 0, src.len());
        let text = std::str::from_utf8(&f.text).unwrap();
        assert_eq!(text, "cl云(株)x");
        // 'c' from byte 0 (3 bytes wide), 'l' from 4, '云' from 5, "(株)" from 8, 'x' from 11.
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| f.origin(i)).collect();
        assert_eq!(starts, [0, 4, 5, 8, 8, 8, 11]);
        // Offsets stay relative to the whole source.
        f.fold_range(src, 4, src.len());
        assert_eq!(f.origin(0), 4);
        assert_eq!(f.origin(1), 5);
    }

    #[test]
    fn utf16_len_counts_surrogate_pairs() {
        assert_eq!(utf16_len("a雲😀".as_bytes()), 1 + 1 + 2);
        assert_eq!(utf16_len(b""), 0);
    }

    #[test]
    fn t2s_table_is_aligned() {
        assert_eq!(to_simplified('雲'), '云');
        assert_eq!(to_simplified('齡'), '龄');
        assert_eq!(to_simplified('云'), '云');
        assert_eq!(to_simplified('a'), 'a');
    }
}
