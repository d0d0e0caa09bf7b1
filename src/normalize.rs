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
//! 4. Traditional → Simplified Chinese, from the `fast2s` table (read at
//!    build time, see build.rs).
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

// `CJK_FIRST`, `CJK_END` and the `T2S` pairs, from build.rs.
include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// Dense Traditional → Simplified table over `CJK_FIRST..CJK_END`, built once
/// from the pairs build.rs takes from `fast2s`.
fn t2s_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Unassigned code points stay themselves, so the table stays aligned.
        let mut table: Vec<char> = (CJK_FIRST..CJK_END)
            .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect();
        for &(t, s) in T2S {
            table[(t as u32 - CJK_FIRST) as usize] = s;
        }
        table
    })
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

/// What [`fold_char`] gives one character, as far as text folded for
/// matching is concerned (separators dropped): the common case of at most
/// one kept character is what a matcher keeps in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folding {
    /// Keeps this one character (and maybe separators, which vanish).
    Keep(char),
    /// Only separators.
    Separator,
    /// Vanishes.
    Ignorable,
    /// Keeps several characters (`㈱`, `ﬁ`): ask [`fold_char`].
    Several,
}

/// [`fold_char`] as a [`Folding`].
pub fn folding(c: char) -> Folding {
    let (mut kept, mut first, mut separator) = (0, '\0', false);
    fold_char(c, |f| match f {
        Fold::Keep(k) => {
            kept += 1;
            if kept == 1 {
                first = k;
            }
        }
        Fold::Separator => separator = true,
        Fold::Ignorable => {}
    });
    match kept {
        0 if separator => Folding::Separator,
        0 => Folding::Ignorable,
        1 => Folding::Keep(first),
        _ => Folding::Several,
    }
}

/// Characters below this whose fold is cached by [`folding_cached`]: Latin
/// letters with marks, general punctuation (`“”…`), symbols; above it,
/// callers have CJK tables of their own.
pub const CACHED_BELOW: u32 = 0x3000;

/// [`folding`] of a character below [`CACHED_BELOW`], computed once per
/// block of 256 (the slow path of folding normalises, and page text repeats
/// the same few punctuation marks).
pub fn folding_cached(c: char) -> Folding {
    const BLOCKS: usize = (CACHED_BELOW / 256) as usize;
    static CACHE: [OnceLock<Box<[Folding; 256]>>; BLOCKS] = [const { OnceLock::new() }; BLOCKS];
    let u = c as u32;
    let Some(block) = CACHE.get((u >> 8) as usize) else {
        return folding(c);
    };
    let table = block.get_or_init(|| {
        let base = u & !0xFF;
        Box::new(std::array::from_fn(|i| {
            char::from_u32(base + i as u32).map_or(Folding::Several, folding)
        }))
    });
    table[(u & 0xFF) as usize]
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
    fn utf16_len_counts_surrogate_pairs() {
        assert_eq!(utf16_len("a雲😀".as_bytes()), 1 + 1 + 2);
        assert_eq!(utf16_len(b""), 0);
        // Across the counting's chunks, against the standard library.
        let long = "a雲😀é".repeat(100);
        for end in (0..long.len())
            .filter(|&e| long.is_char_boundary(e))
            .step_by(7)
        {
            let s = &long[..end];
            assert_eq!(utf16_len(s.as_bytes()), s.encode_utf16().count(), "{end}");
        }
    }

    #[test]
    fn t2s_table_is_aligned() {
        assert_eq!(to_simplified('雲'), '云');
        assert_eq!(to_simplified('齡'), '龄');
        assert_eq!(to_simplified('云'), '云');
        assert_eq!(to_simplified('a'), 'a');
    }
}
