//! Text as the scorer reads it: folded like the matcher's text (width, case,
//! Traditional → Simplified, invisible characters), but keeping spaces and
//! punctuation, which carry meaning here (clauses, `!!!`, `don't`), and with
//! Latin elongations cut to two letters (`sooo good` → `soo good`,
//! `goooood` → `good`). Every folded byte maps back to its source character
//! in UTF-16 code units.

use crate::normalize::{fold_char, is_cjk, is_ignorable, is_word_char, to_simplified, Fold};

/// A folded text with the UTF-16 span of the source character behind each
/// folded byte.
#[derive(Debug, Default, Clone)]
pub struct ScoreText {
    /// The folded text.
    pub text: String,
    /// `spans[i]`: UTF-16 start and end of the source of folded byte `i`.
    spans: Vec<(u32, u32)>,
    /// Folded byte offsets where a letter run was cut (an elongation).
    pub elongated: Vec<usize>,
    /// The source has both lower- and upper-case letters (so a word in
    /// capitals is shouting, not just a text in capitals).
    pub mixed_case: bool,
    /// Folded byte offsets whose source letter was upper case.
    upper: Vec<usize>,
    keep_spans: bool,
}

impl ScoreText {
    /// Folds `src` for scoring, with spans back to the source.
    pub fn new(src: &str) -> Self {
        Self::fold(src, true)
    }

    /// Folds `src`; without `spans`, [`ScoreText::source_span`] answers
    /// `(0, 0)` (labelling needs no spans, and skipping them is faster).
    pub fn fold(src: &str, spans: bool) -> Self {
        let mut t = ScoreText::default();
        t.refold(src, spans);
        t
    }

    /// Folds `src` into this, reusing its buffers.
    pub fn refold(&mut self, src: &str, spans: bool) {
        let t = self;
        t.text.clear();
        t.text.reserve(src.len());
        t.spans.clear();
        t.elongated.clear();
        t.upper.clear();
        t.keep_spans = spans;
        let mut at16 = 0u32;
        let mut last_space = true; // no leading space
        let (mut lower, mut upper) = (false, false);
        let bytes = src.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // A link or handle starts at a word's start with one of these.
            if matches!(b, b'h' | b'H' | b'w' | b'W' | b'@')
                && (last_space || !bytes[at - 1].is_ascii_alphanumeric())
            {
                if let Some(end) = link_or_handle(src, at) {
                    // Not the writer's words: `http://…` held `:/`, and a
                    // handle can hold any word. Links and handles are ASCII.
                    at16 += (end - at) as u32;
                    if !last_space {
                        t.push(' ', (at16 - 1, at16));
                        last_space = true;
                    }
                    at = end;
                    continue;
                }
            }
            if b < 0x80 {
                // Most text: no decoding tables, no folding.
                let span = (at16, at16 + 1);
                at16 += 1;
                at += 1;
                if b.is_ascii_whitespace() {
                    if !last_space {
                        t.push(' ', span);
                        last_space = true;
                    }
                    continue;
                }
                last_space = false;
                let k = b.to_ascii_lowercase();
                if k.is_ascii_lowercase() {
                    let capital = k != b;
                    upper |= capital;
                    lower |= !capital;
                    if t.stretches(k as char) {
                        continue;
                    }
                    if capital {
                        t.upper.push(t.text.len());
                    }
                }
                t.text.push(k as char);
                if t.keep_spans {
                    t.spans.push(span);
                }
                // The rest of a run of lower-case letters and digits, which
                // is most of a text: only elongation to watch for.
                while let Some(&c) = bytes.get(at) {
                    if !(c.is_ascii_lowercase() || c.is_ascii_digit()) {
                        break;
                    }
                    lower |= c.is_ascii_lowercase();
                    if !(c.is_ascii_lowercase() && t.stretches(c as char)) {
                        t.text.push(c as char);
                        if t.keep_spans {
                            t.spans.push((at16, at16 + 1));
                        }
                    }
                    at += 1;
                    at16 += 1;
                }
                continue;
            }
            if (0xE3..=0xE9).contains(&b) && at + 2 < bytes.len() {
                // The common Chinese characters: one table lookup.
                let u = ((b as u32 & 0x0F) << 12)
                    | ((bytes[at + 1] as u32 & 0x3F) << 6)
                    | (bytes[at + 2] as u32 & 0x3F);
                if (0x4E00..0xA000).contains(&u) || (0x3400..0x4DC0).contains(&u) {
                    let c = to_simplified(char::from_u32(u).unwrap_or('\u{FFFD}'));
                    t.push(c, (at16, at16 + 1));
                    at16 += 1;
                    at += 3;
                    last_space = false;
                    continue;
                }
            }
            let c = src[at..].chars().next().unwrap_or('\u{FFFD}');
            at += c.len_utf8();
            let is_upper = c.is_uppercase();
            upper |= is_upper;
            lower |= c.is_lowercase();
            let len16 = c.len_utf16() as u32;
            let span = (at16, at16 + len16);
            at16 += len16;
            if c.is_whitespace() || c == '\u{3000}' {
                if !last_space {
                    t.push(' ', span);
                    last_space = true;
                }
                continue;
            }
            if is_ignorable(c) {
                continue;
            }
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{FF07}' => '\'',
                _ => c,
            };
            let mut out = [None::<char>; 4];
            let mut n = 0;
            fold_char(c, |f| {
                let k = match f {
                    Fold::Keep(k) => k,
                    // Keep punctuation the matcher drops ("·", "・").
                    Fold::Separator => c,
                    Fold::Ignorable => return,
                };
                if n < out.len() {
                    out[n] = Some(k);
                    n += 1;
                }
            });
            for k in out.iter().take(n).flatten().copied() {
                t.emit(k, span, is_upper);
                last_space = false;
            }
        }
        t.mixed_case = lower && upper;
    }

    /// Whether the letters of folded bytes `start..end` were all capitals in
    /// the source (and there were at least two).
    pub fn is_upper(&self, start: usize, end: usize) -> bool {
        let letters = self.text[start..end]
            .chars()
            .filter(|c| c.is_alphabetic())
            .count();
        let caps = self
            .upper
            .iter()
            .filter(|&&i| i >= start && i < end)
            .count();
        letters >= 2 && caps == letters
    }

    /// Appends folded character `k`, unless it stretches a run of one Latin
    /// letter past two (an elongation, noted instead).
    #[inline(always)]
    fn emit(&mut self, k: char, span: (u32, u32), upper: bool) {
        if k.is_ascii_alphabetic() && self.stretches(k) {
            return;
        }
        if upper {
            self.upper.push(self.text.len());
        }
        self.push(k, span);
    }

    /// Whether Latin letter `k` would make a third in a row: then it is
    /// noted as an elongation instead of written (`sooo` → `soo`).
    #[inline(always)]
    fn stretches(&mut self, k: char) -> bool {
        let b = self.text.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == k as u8 && b[n - 2] == k as u8 {
            if self.elongated.last() != Some(&n) {
                self.elongated.push(n);
            }
            return true;
        }
        false
    }

    #[inline(always)]
    fn push(&mut self, c: char, span: (u32, u32)) {
        let before = self.text.len();
        self.text.push(c);
        if self.keep_spans {
            self.spans
                .extend(std::iter::repeat_n(span, self.text.len() - before));
        }
    }

    /// UTF-16 span in the source of folded bytes `start..end`.
    pub fn source_span(&self, start: usize, end: usize) -> (u32, u32) {
        if start >= end || end > self.spans.len() {
            return (0, 0);
        }
        (self.spans[start].0, self.spans[end - 1].1)
    }

    /// Whether a word goes on right before folded byte `at` (directly, or
    /// joined by a hyphen).
    pub fn word_before(&self, at: usize) -> bool {
        let mut back = self.text[..at].chars().rev();
        match back.next() {
            Some('-') => back.next().is_some_and(is_word_char),
            c => c.is_some_and(is_word_char),
        }
    }

    /// Whether a word goes on right from folded byte `at` (directly, or
    /// joined by a hyphen).
    pub fn word_after(&self, at: usize) -> bool {
        let mut ahead = self.text[at..].chars();
        match ahead.next() {
            Some('-') => ahead.next().is_some_and(is_word_char),
            c => c.is_some_and(is_word_char),
        }
    }

    /// The character at folded byte `at`, if any.
    pub fn char_at(&self, at: usize) -> Option<char> {
        self.text[at..].chars().next()
    }
}

/// Where a link (`http://`, `https://`, `www.`) or an `@handle` starting at
/// byte `at` of `src` ends: at the next space or non-ASCII character.
fn link_or_handle(src: &str, at: usize) -> Option<usize> {
    let rest = &src.as_bytes()[at..];
    let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    let handle = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    if starts(b"http://") || starts(b"https://") || starts(b"www.") {
        let mut n = rest.iter().take_while(|b| b.is_ascii_graphic()).count();
        // The sentence's own punctuation after a link stays.
        while n > 0 && b".,;:!?)]}'\"".contains(&rest[n - 1]) {
            n -= 1;
        }
        Some(at + n)
    } else if rest[0] == b'@' && rest.get(1).is_some_and(handle) {
        Some(at + 1 + rest[1..].iter().take_while(|b| handle(b)).count())
    } else {
        None
    }
}

/// Where a clause ends: a pause in a sentence or its end.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | '，'
            | '。'
            | '！'
            | '？'
            | '；'
            | '：'
            | '、'
            | '…'
            | '\n'
            | '~'
    )
}

/// The units n-gram features are made of, as byte ranges of the folded
/// text: a word of Latin letters and digits (with inner apostrophes), one CJK
/// character, or one other symbol (an emoji). Spaces and punctuation
/// separate units; `joined[i]` says whether unit `i` forms n-grams with unit
/// `i - 1`: when they touch, or are two Latin words one space apart.
pub fn units(text: &str) -> (Vec<(usize, usize)>, Vec<bool>) {
    let (mut units, mut joined) = (Vec::new(), Vec::new());
    each_unit(text, |u, j| {
        units.push(u);
        joined.push(j);
    });
    (units, joined)
}

/// Calls `f(unit, joined)` for each unit of [`units`], in order, without
/// collecting them.
pub fn each_unit(text: &str, mut f: impl FnMut((usize, usize), bool)) {
    #[derive(PartialEq)]
    enum Gap {
        Touching,
        Space,
        Break,
    }
    let bytes = text.as_bytes();
    let mut gap = Gap::Break;
    let mut any = false;
    let mut prev_latin = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (end, latin) =
            if b.is_ascii_alphanumeric() || (b >= 0x80 && is_word_char(char_at(text, i))) {
                // A word: letters and digits, with inner apostrophes.
                let mut end = i;
                while let Some(&d) = bytes.get(end) {
                    let inner_apostrophe = d == b'\''
                        && bytes.get(end + 1).is_some_and(|&n| {
                            n.is_ascii_alphanumeric()
                                || (n >= 0x80 && is_word_char(char_at(text, end + 1)))
                        });
                    if d.is_ascii_alphanumeric() || inner_apostrophe {
                        end += 1;
                    } else if d >= 0x80 && is_word_char(char_at(text, end)) {
                        end += char_at(text, end).len_utf8();
                    } else {
                        break;
                    }
                }
                (end, true)
            } else if b == b' ' {
                gap = if gap == Gap::Touching {
                    Gap::Space
                } else {
                    Gap::Break
                };
                i += 1;
                continue;
            } else if b < 0x80 {
                gap = Gap::Break;
                i += 1;
                continue;
            } else {
                let c = char_at(text, i);
                if is_cjk(c) || (!c.is_whitespace() && !is_punctuation(c)) {
                    (i + c.len_utf8(), false)
                } else {
                    gap = Gap::Break;
                    i += c.len_utf8();
                    continue;
                }
            };
        let joined = match gap {
            Gap::Touching => any,
            Gap::Space => prev_latin && latin,
            Gap::Break => false,
        };
        f((i, end), joined);
        any = true;
        gap = Gap::Touching;
        prev_latin = latin;
        i = end;
    }
}

/// The character starting at byte `i` of `text`.
#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_clause_break(c)
        || matches!(
            c,
            '「' | '」'
                | '『'
                | '』'
                | '（'
                | '）'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '·'
                | '・'
                | '“'
                | '”'
                | '—'
                | '–'
                | '"'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_strs(s: &str) -> (Vec<String>, Vec<bool>) {
        let t = ScoreText::new(s);
        let (u, j) = units(&t.text);
        (
            u.iter().map(|&(a, b)| t.text[a..b].to_string()).collect(),
            j,
        )
    }

    #[test]
    fn folds_but_keeps_spaces_and_punctuation() {
        let t = ScoreText::new("ＧＯＯＤ  Food!! 雲朵\u{200B}很讚");
        assert_eq!(t.text, "good food!! 云朵很赞");
        let t = ScoreText::new("Sooooo gooooood");
        assert_eq!(t.text, "soo good");
        assert_eq!(t.elongated.len(), 2);
        assert_eq!(ScoreText::new("don’t").text, "don't");
    }

    #[test]
    fn spans_are_utf16_of_the_source() {
        let t = ScoreText::new("😀 好吃");
        let i = t.text.find('好').unwrap();
        assert_eq!(t.source_span(i, t.text.len()), (3, 5));
    }

    #[test]
    fn units_and_joins() {
        let (u, j) = unit_strs("not good, 很好吃 cp值 😀!");
        assert_eq!(u, ["not", "good", "很", "好", "吃", "cp", "值", "😀"]);
        assert_eq!(j, [false, true, false, true, true, false, true, false]);
        let (u, _) = unit_strs("don't 'quote'");
        assert_eq!(u, ["don't", "quote"]);
    }
}
