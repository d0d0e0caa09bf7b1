//! The lexicons compiled into the scorer: readable text files under
//! `lexicon/`, folded the way texts are.
//!
//! A text is read as units (a Latin word, one CJK character, one emoji: see
//! [`super::text::units`]). Most terms are whole Latin words or phrases of
//! them (`good`, `waste of money`), and every learned n-gram is a run of
//! units: both go into one hash map keyed by the hash of their units, so a
//! text's units are hashed once and each n-gram's key is one step from the
//! shorter one's. The other terms (Chinese, emoticons, `cp值`, `self-made`)
//! go into a leftmost-longest automaton, which on English text has little to
//! do.

use super::chargram::{CharGrams, BUILTIN};
use super::text::{each_unit, ScoreText};
use crate::crisis::Crisis;
use crate::normalize::{is_cjk, is_word_char};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The files, in the order they are read: a later valence overrides an
/// earlier one for the same term.
const FILES: &[(&str, &str)] = &[
    ("vader.en.tsv", include_str!("../../lexicon/vader.en.tsv")),
    (
        "sentiment.en.tsv",
        include_str!("../../lexicon/sentiment.en.tsv"),
    ),
    (
        "sentiment.zh.tsv",
        include_str!("../../lexicon/sentiment.zh.tsv"),
    ),
    ("emoji.tsv", include_str!("../../lexicon/emoji.tsv")),
    ("modifiers.tsv", include_str!("../../lexicon/modifiers.tsv")),
    ("crisis.tsv", crate::crisis::LEXICON),
];

/// Weights learned from labelled corpora by `examples/train`.
pub const LEARNED: &str = include_str!("../../lexicon/learned.tsv");

/// Everything the lexicons say about one folded term.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// The folded term.
    pub term: String,
    /// Curated valence, -4..+4.
    pub valence: Option<f32>,
    /// Flips the polarity of what follows.
    pub negator: bool,
    /// A negator that forbids (別, 不要): a complaint it forbids stays one.
    pub prohibition: bool,
    /// Multiplies the next sentiment word.
    pub degree: Option<f32>,
    /// What follows weighs more (but, 但是).
    pub contrast: bool,
    /// Turns praise into mockery (呵呵).
    pub sarcasm: bool,
    /// Sets praise in the past (以前, used to): what was is not what is.
    pub past: bool,
    /// Says what follows was only thought (本來以為, 以前覺得): it turned
    /// out otherwise.
    pub expected: bool,
    /// An emoji that heightens whatever the text feels (😭: 「好吃到哭😭」,
    /// 「等了一小時😭」); its value is its own lean where nothing else is felt.
    pub emphasis: Option<f32>,
    /// A way a measure moves: +1 up (rose, 增加), −1 down (fell, 下降).
    pub direction: Option<f32>,
    /// A measure whose moving says something: +1 where more is better
    /// (sales, 營收), −1 where more is worse (costs, complaints, 等待時間).
    pub measure: Option<f32>,
    /// Crisis evidence.
    pub crisis: Vec<(Crisis, f32)>,
    /// First character is a Latin letter or digit: needs a word edge before.
    pub word_start: bool,
    /// Last character is a Latin letter or digit: needs a word edge after.
    pub word_end: bool,
    /// A Chinese phrase holding a sentiment word of the other sign (沒有毛病
    /// holds 毛病, 不好吃 好吃): its characters, read as a bag of n-grams,
    /// say the opposite of the phrase, so the character n-gram model does
    /// not read them and the rules judge it.
    pub turns: bool,
    /// A crisis-only term's terms inside it (entry, start, end in bytes of
    /// the term), read beside it: `Lexicon::build` finds them.
    pub inner: Vec<(u32, usize, usize)>,
}

impl Entry {
    /// Whether the entry takes part in the rule-based (curated) pass.
    pub fn curated(&self) -> bool {
        self.valence.is_some()
            || self.negator
            || self.degree.is_some()
            || self.contrast
            || self.sarcasm
            || self.past
            || self.expected
            || self.emphasis.is_some()
            || self.direction.is_some()
            || self.measure.is_some()
    }

    /// Crisis evidence and nothing else (「很沒禮貌」, `ignored us`): found
    /// beside the sentiment words inside it, not instead of them.
    pub fn crisis_only(&self) -> bool {
        !self.crisis.is_empty() && !self.curated()
    }
}

/// A learned n-gram and its weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    /// The folded n-gram (empty in the built-in lexicon, which keeps only
    /// each n-gram's key).
    pub term: String,
    /// Polarity weight (positive pushes toward `pos`).
    pub polarity: f32,
    /// Neutrality weight.
    pub neutrality: f32,
    /// Passed the trainer's test of a sentiment-bearing phrase (the same
    /// polarity across genres, part of a lexicon's sentiment word): only
    /// these are shown to a reader as reasons; the rest still score.
    pub shown: bool,
    /// Holds its polarity across genres (the first half of the test a
    /// shown n-gram passes): evidence of an opinion, where a topic word
    /// that one genre praises (the dishes a 5-star review lists) is none.
    pub evidence: bool,
}

impl Learned {
    /// An n-gram with these weights, not shown.
    pub fn new(term: impl Into<String>, polarity: f32, neutrality: f32) -> Self {
        Learned {
            term: term.into(),
            polarity,
            neutrality,
            shown: false,
            evidence: false,
        }
    }
}

/// Model constants for one language group.
#[derive(Debug, Clone, Copy)]
pub struct LangParams {
    /// Weight of the curated, rule-adjusted sum in the final logit.
    pub curated: f32,
    /// Bias of the final logit.
    pub bias: f32,
    /// Weight of the learned n-grams' sum (the rules generalise across
    /// genres; n-grams learned on some genres less).
    pub learned: f32,
    /// |score| below this is neutral.
    pub neutral: f32,
    /// Neutrality model (where the corpora have a neutral class): bias,
    /// weight of the rule strength |curated|, and the probability above
    /// which a unit is neutral (0: no neutrality model).
    pub neutral_bias: f32,
    /// See `neutral_bias`.
    pub neutral_rules: f32,
    /// Rule strength (|squashed rule sum|) above which a unit is never
    /// neutral: clear rule evidence is not outvoted by n-grams.
    pub neutral_gate: f32,
    /// See `neutral_bias`.
    pub neutral_cut: f32,
    /// Weight of the character n-gram model's logit (0: not used).
    pub chars: f32,
}

/// Model constants stored with the learned weights (`#! name value` lines),
/// for Chinese text and for other (mostly English) text: the two differ in
/// how much the rules know and in how people use the neutral middle.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Text that is mostly CJK.
    pub zh: LangParams,
    /// Everything else.
    pub en: LangParams,
}

impl Params {
    /// The constants for Chinese (`zh`) or other text.
    pub fn of(&self, zh: bool) -> &LangParams {
        if zh {
            &self.zh
        } else {
            &self.en
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        let p = LangParams {
            curated: 0.35,
            bias: 0.0,
            learned: 1.0,
            neutral: 0.1,
            neutral_bias: 0.0,
            neutral_rules: 0.0,
            neutral_gate: f32::INFINITY,
            neutral_cut: 0.0,
            chars: 0.0,
        };
        Params { zh: p, en: p }
    }
}

/// In a [`GramInfo`]: no entry, no learned n-gram.
pub(crate) const NONE: u32 = u32::MAX;

/// What a run of units is in the lexicons.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GramInfo {
    /// A word entry: index into `entries`, or `NONE`.
    pub entry: u32,
    /// A learned n-gram: index into `learned`, or `NONE`.
    pub learned: u32,
    /// Some longer key starts with this run: worth extending by the next unit.
    pub longer: bool,
}

/// Hash of one unit's folded bytes.
#[inline]
pub(crate) fn unit_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a copy of a few bytes would be a call.
        let w = rest
            .iter()
            .enumerate()
            .fold(0u64, |w, (i, &b)| w | (b as u64) << (8 * i));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    h
}

/// The key of a run of units extended by one more unit.
#[inline]
pub(crate) fn extend(run: u64, unit: u64) -> u64 {
    (run.rotate_left(27) ^ unit).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d
}

/// The key of a folded term read as units, if it is one run of joined units
/// that spells it exactly (as a text's run of those units would).
fn run_key(folded: &str) -> Option<(u64, Vec<u64>)> {
    let mut prefixes = Vec::new();
    let key = run_key_into(folded, &mut prefixes)?;
    Some((key, prefixes))
}

/// [`run_key`] with the prefixes' keys written into a reused buffer (the
/// learned n-grams are many: no allocation each).
fn run_key_into(folded: &str, prefixes: &mut Vec<u64>) -> Option<u64> {
    prefixes.clear();
    // Joined units touch, or are two Latin words one space apart: a run of
    // them that covers the term spells it.
    let (mut key, mut end, mut whole) = (None, 0, true);
    each_unit(folded, |(s, e), joined| {
        let h = unit_hash(&folded.as_bytes()[s..e]);
        key = match key {
            None => {
                whole &= s == 0;
                Some(h)
            }
            Some(k) => {
                whole &= joined;
                prefixes.push(k);
                Some(extend(k, h))
            }
        };
        end = e;
    });
    (whole && end == folded.len()).then_some(key).flatten()
}

/// The map's entry for `key`, its beginnings `prefixes` marked as such.
fn insert<'m>(
    grams: &'m mut FxHashMap<u64, GramInfo>,
    key: u64,
    prefixes: &[u64],
) -> &'m mut GramInfo {
    let blank = GramInfo {
        entry: NONE,
        learned: NONE,
        longer: false,
    };
    for &p in prefixes {
        grams.entry(p).or_insert(blank).longer = true;
    }
    grams.entry(key).or_insert(blank)
}

/// All lexicons, compiled.
#[derive(Debug)]
pub struct Lexicon {
    /// The terms that are not runs of units, leftmost-longest.
    pub(crate) automaton: AhoCorasick,
    /// The automaton's pattern `i` is `entries[automaton_entries[i]]`.
    pub(crate) automaton_entries: Vec<u32>,
    pub(crate) entries: Vec<Entry>,
    /// Runs of units (word entries, learned n-grams, and their beginnings)
    /// by key.
    pub(crate) grams: FxHashMap<u64, GramInfo>,
    /// Learned n-grams with their weights.
    pub(crate) learned: Vec<Learned>,
    /// Model constants.
    pub params: Params,
    /// The character n-gram model, where there is one.
    pub chars: Option<CharGrams>,
}

/// Parses `term<TAB>value` / `kind<TAB>term<TAB>value` lines, skipping
/// comments (`#`) and blanks.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    /// The lexicon compiled into this build.
    pub fn builtin() -> Self {
        // The n-grams' text is read from the file in place and not kept:
        // a 64-bit key names an n-gram, and 160,000 strings were a good
        // part of the first score's time in a freshly started worker.
        let params = parse_params(LEARNED);
        Self::build(learned_rows(LEARNED), params).with_chars(CharGrams::from_bytes(BUILTIN))
    }

    /// This lexicon with the character n-gram model `chars`.
    pub fn with_chars(mut self, chars: Option<CharGrams>) -> Self {
        self.chars = chars;
        self
    }

    /// The curated lexicons plus the given learned weights (used by the
    /// learner to try candidate features).
    pub fn with_learned(learned: Vec<Learned>, params: Params) -> Self {
        let terms: Vec<String> = learned.iter().map(|l| l.term.clone()).collect();
        Self::build(terms.iter().map(String::as_str).zip(learned), params)
    }

    /// The curated lexicons plus learned n-grams given with their folded
    /// text (which a [`Learned`] may or may not keep).
    fn build<'t>(learned: impl Iterator<Item = (&'t str, Learned)>, params: Params) -> Self {
        let mut map: HashMap<String, Entry> = HashMap::new();
        fn entry<'m>(map: &'m mut HashMap<String, Entry>, term: &str) -> Option<&'m mut Entry> {
            let folded = ScoreText::new(term.trim()).text;
            if folded.is_empty() {
                return None;
            }
            Some(map.entry(folded.clone()).or_insert_with(|| Entry {
                term: folded,
                ..Entry::default()
            }))
        }
        for (name, text) in FILES {
            for r in rows(text) {
                match (*name, r.as_slice()) {
                    ("modifiers.tsv", [kind, term, value]) => {
                        if let Some(e) = entry(&mut map, term) {
                            match *kind {
                                "negator" => e.negator = true,
                                "prohibition" => (e.negator, e.prohibition) = (true, true),
                                "degree" => e.degree = value.trim().parse().ok(),
                                "contrast" => e.contrast = true,
                                "sarcasm" => e.sarcasm = true,
                                "past" => e.past = true,
                                "expected" => e.expected = true,
                                "emphasis" => e.emphasis = value.trim().parse().ok(),
                                "direction" => e.direction = value.trim().parse().ok(),
                                "measure" => e.measure = value.trim().parse().ok(),
                                _ => {}
                            }
                        }
                    }
                    ("crisis.tsv", [kind, term, ..]) if crate::crisis::is_rule(kind, term) => {}
                    ("crisis.tsv", [kind, term, weight]) => {
                        if let (Some(c), Ok(w), Some(e)) = (
                            Crisis::from_id(kind),
                            weight.trim().parse(),
                            entry(&mut map, term),
                        ) {
                            e.crisis.push((c, w));
                        }
                    }
                    (_, [term, value, ..]) => {
                        if let (Ok(v), Some(e)) =
                            (value.trim().parse::<f32>(), entry(&mut map, term))
                        {
                            e.valence = Some(v);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut entries: Vec<Entry> = map.into_values().collect();
        entries.sort_by(|a, b| a.term.cmp(&b.term));
        for e in &mut entries {
            e.word_start = e.term.chars().next().is_some_and(is_word_char);
            e.word_end = e.term.chars().next_back().is_some_and(is_word_char);
        }
        // A Chinese phrase that holds a sentiment word of the other sign.
        let valence: HashMap<&str, f32> = entries
            .iter()
            .filter_map(|e| Some((e.term.as_str(), e.valence.filter(|v| *v != 0.0)?)))
            .collect();
        let turns: Vec<bool> = entries
            .iter()
            .map(|e| {
                let (Some(v), true) = (e.valence, e.term.chars().any(is_cjk)) else {
                    return false;
                };
                // Every proper part [b[x], b[y]) of the term.
                let mut b: Vec<usize> = e.term.char_indices().map(|(i, _)| i).collect();
                b.push(e.term.len());
                let last = b.len() - 1;
                (0..last).any(|x| {
                    (x + 1..=last).any(|y| {
                        (x, y) != (0, last)
                            && valence
                                .get(&e.term[b[x]..b[y]])
                                .is_some_and(|w| w * v < 0.0)
                    })
                })
            })
            .collect();
        for (e, t) in entries.iter_mut().zip(turns) {
            e.turns = t;
        }
        let mut grams: FxHashMap<u64, GramInfo> = FxHashMap::default();
        // Latin runs go to the map; all else (and Latin runs the text may
        // cut inside a longer word, like `self` of `self-made`) to the automaton.
        let mut automaton_entries = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let key = run_key(&e.term).filter(|_| {
                e.term
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'\'')
            });
            match key {
                Some((key, prefixes)) => insert(&mut grams, key, &prefixes).entry = i as u32,
                None => automaton_entries.push(i as u32),
            }
        }
        // Crisis-only terms keep the terms inside them (「很沒禮貌」 holds 很 and
        // 沒禮貌), found once here, leftmost-longest among the terms that
        // occur inside one: the text is scanned once.
        let crisis: Vec<u32> = automaton_entries
            .iter()
            .copied()
            .filter(|&i| entries[i as usize].crisis_only())
            .collect();
        let parts: Vec<u32> = automaton_entries
            .iter()
            .copied()
            .filter(|&i| {
                let e = &entries[i as usize];
                !e.crisis_only()
                    && crisis
                        .iter()
                        .any(|&c| entries[c as usize].term.contains(e.term.as_str()))
            })
            .collect();
        let compile = |entries: &[Entry], of: &[u32]| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(of.iter().map(|&i| entries[i as usize].term.as_str()))
                .unwrap_or_else(|e| panic!("lexicon does not compile: {e}"))
        };
        if !parts.is_empty() {
            let inside = compile(&entries, &parts);
            for &c in &crisis {
                let e = &mut entries[c as usize];
                e.inner = inside
                    .find_iter(e.term.as_str())
                    .map(|m| (parts[m.pattern().as_usize()], m.start(), m.end()))
                    .collect();
            }
        }
        let automaton = compile(&entries, &automaton_entries);
        // Learned n-grams come folded (the trainer takes them from folded
        // text): folding 160,000 of them again was most of the build time.
        let mut folded_learned: Vec<Learned> = Vec::with_capacity(learned.size_hint().0);
        grams.reserve(learned.size_hint().0 * 2);
        let mut prefixes = Vec::new();
        for (term, mut l) in learned {
            let term = term.trim();
            if !l.term.is_empty() && l.term.len() != term.len() {
                l.term = term.to_string();
            }
            // A key the text's units can never spell is never found.
            let Some(key) = run_key_into(term, &mut prefixes) else {
                continue;
            };
            let id = folded_learned.len() as u32;
            let info = insert(&mut grams, key, &prefixes);
            if info.learned != NONE {
                continue; // the same n-gram twice: the first one counts
            }
            info.learned = id;
            folded_learned.push(l);
        }
        Lexicon {
            automaton,
            automaton_entries,
            entries,
            grams,
            learned: folded_learned,
            params,
            chars: None,
        }
    }

    /// Number of learned n-grams.
    pub fn learned_len(&self) -> usize {
        self.learned.len()
    }

    /// The folded n-gram of learned feature `i`.
    pub fn learned_term(&self, i: usize) -> &str {
        &self.learned[i].term
    }

    /// Learned n-gram `i`.
    pub fn learned(&self, i: usize) -> &Learned {
        &self.learned[i]
    }
}

/// A number as the trainer writes them (`-1.23`, `0.5`, `1`), read without
/// the general float parser: 480,000 of them were a third of the build
/// time in wasm. Anything else goes to the general parser.
fn decimal(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let (mut int, mut frac, mut scale, mut dot) = (0u32, 0u32, 1u32, false);
    for &c in digits {
        match c {
            b'0'..=b'9' if !dot && int < 100_000 => int = int * 10 + u32::from(c - b'0'),
            b'0'..=b'9' if dot && scale < 10_000 => {
                frac = frac * 10 + u32::from(c - b'0');
                scale *= 10;
            }
            b'.' if !dot => dot = true,
            _ => return s.trim().parse().ok(),
        }
    }
    if digits.is_empty() {
        return None;
    }
    let v = int as f32 + frac as f32 / scale as f32;
    Some(if neg { -v } else { v })
}

/// Reads `lexicon/learned.tsv`: `#! name value` parameter lines, then
/// `term<TAB>polarity weight[<TAB>neutrality weight[<TAB>flag]]`, the flag
/// `1` for a shown n-gram, `2` for one that is evidence but not shown.
pub fn parse_learned(text: &str) -> (Vec<Learned>, Params) {
    let learned = learned_rows(text)
        .map(|(term, l)| Learned {
            term: term.to_string(),
            ..l
        })
        .collect();
    (learned, parse_params(text))
}

/// The `#! name value` parameter lines of `lexicon/learned.tsv`.
fn parse_params(text: &str) -> Params {
    let mut params = Params::default();
    for line in text.lines().filter_map(|l| l.strip_prefix("#!")) {
        let mut it = line.split_whitespace();
        if let (Some(k), Some(Ok(v))) = (it.next(), it.next().map(str::parse::<f32>)) {
            let (lang, field) = k.split_once('.').unwrap_or(("", k));
            let p = match lang {
                "zh" => &mut params.zh,
                "en" => &mut params.en,
                _ => continue,
            };
            match field {
                "curated" => p.curated = v,
                "bias" => p.bias = v,
                "learned" => p.learned = v,
                "neutral" => p.neutral = v,
                "nbias" => p.neutral_bias = v,
                "nrules" => p.neutral_rules = v,
                "ngate" => p.neutral_gate = v,
                "ncut" => p.neutral_cut = v,
                "chars" => p.chars = v,
                _ => {}
            }
        }
    }
    params
}

/// The n-gram rows of `lexicon/learned.tsv`, each with its text in place
/// (the [`Learned`]'s own `term` left empty: no allocation per row).
/// 160,000 lines: split by hand, numbers read by [`decimal`].
fn learned_rows(text: &str) -> impl Iterator<Item = (&str, Learned)> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let term = cols.next()?;
            let mut num = || cols.next().map_or(Some(0.0), decimal);
            let polarity = num()?;
            let neutrality = num()?;
            let flag = num()?;
            let l = Learned {
                term: String::new(),
                polarity,
                neutrality,
                shown: flag == 1.0,
                evidence: flag > 0.0,
            };
            Some((term, l))
        })
}

#[cfg(test)]
mod tests {
    use super::{decimal, rows, ScoreText, FILES};

    /// A term listed twice in one curated file takes the later valence
    /// silently, so an edit to the earlier line does nothing; folding
    /// makes 乾柴 and 干柴 one term.
    #[test]
    fn each_curated_term_is_listed_once_per_file() {
        for (name, text) in FILES {
            if matches!(*name, "modifiers.tsv" | "crisis.tsv" | "vader.en.tsv") {
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            let twice: Vec<String> = rows(text)
                .filter_map(|r| r.first().map(|t| ScoreText::new(t.trim()).text))
                .filter(|t| !seen.insert(t.clone()))
                .collect();
            assert!(twice.is_empty(), "{name} lists {twice:?} twice");
        }
    }

    #[test]
    fn decimals_read_as_the_float_parser_reads_them() {
        for s in ["-1.23", "0.5", "1", "0", "-0.07", "12.345", "2.00", "-3"] {
            assert_eq!(decimal(s), s.parse().ok(), "{s}");
        }
        assert_eq!(decimal("1e3"), Some(1000.0));
        assert_eq!(decimal(""), None);
        assert_eq!(decimal("x"), None);
    }
}
