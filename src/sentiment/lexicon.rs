//! The lexicons compiled into the scorer: readable text files under
//! `lexicon/`, folded the way texts are. Curated and crisis terms go into
//! one leftmost-longest automaton; learned n-grams into a hash map, looked
//! up by the n-grams of a text's units (as the learner enumerates them).

use super::text::{units, ScoreText};
use crate::crisis::Crisis;
use crate::normalize::is_word_char;
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
    ("crisis.tsv", include_str!("../../lexicon/crisis.tsv")),
];

/// Weights learned from labelled corpora by `examples/learn_lexicon.rs`.
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
    /// Multiplies the next sentiment word.
    pub degree: Option<f32>,
    /// What follows weighs more (but, 但是).
    pub contrast: bool,
    /// Turns praise into mockery (呵呵).
    pub sarcasm: bool,
    /// Crisis evidence.
    pub crisis: Vec<(Crisis, f32)>,
    /// First character is a Latin letter or digit: needs a word edge before.
    pub word_start: bool,
    /// Last character is a Latin letter or digit: needs a word edge after.
    pub word_end: bool,
}

impl Entry {
    /// Whether the entry takes part in the rule-based (curated) pass.
    pub fn curated(&self) -> bool {
        self.valence.is_some()
            || self.negator
            || self.degree.is_some()
            || self.contrast
            || self.sarcasm
    }
}

/// Model constants for one language group.
#[derive(Debug, Clone, Copy)]
pub struct LangParams {
    /// Weight of the curated, rule-adjusted sum in the final logit.
    pub curated: f32,
    /// Bias of the final logit.
    pub bias: f32,
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

impl Default for Params {
    fn default() -> Self {
        let p = LangParams {
            curated: 0.35,
            bias: 0.0,
            neutral: 0.1,
            neutral_bias: 0.0,
            neutral_rules: 0.0,
            neutral_gate: f32::INFINITY,
            neutral_cut: 0.0,
        };
        Params { zh: p, en: p }
    }
}

/// The index entry of an n-gram that only starts longer learned ones.
pub(crate) const NOT_LEARNED: u32 = u32::MAX;

/// All lexicons, compiled.
#[derive(Debug)]
pub struct Lexicon {
    pub(crate) automaton: AhoCorasick,
    pub(crate) entries: Vec<Entry>,
    /// Learned n-gram → index into `learned`.
    /// Learned n-gram → its index into `learned` (`NOT_LEARNED` for an
    /// n-gram kept only as the start of longer ones) and whether a longer
    /// learned n-gram starts with it: a text's bigram is looked up only
    /// after its first word was such a start, and so on.
    pub(crate) learned_index: FxHashMap<String, (u32, bool)>,
    /// Learned n-grams with their polarity and neutrality weights.
    pub(crate) learned: Vec<(String, f32, f32)>,
    /// Model constants.
    pub params: Params,
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
        let (learned, params) = parse_learned(LEARNED);
        Self::with_learned(learned, params)
    }

    /// The curated lexicons plus the given learned weights (used by the
    /// learner to try candidate features).
    pub fn with_learned(learned: Vec<(String, f32, f32)>, params: Params) -> Self {
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
                                "degree" => e.degree = value.trim().parse().ok(),
                                "contrast" => e.contrast = true,
                                "sarcasm" => e.sarcasm = true,
                                _ => {}
                            }
                        }
                    }
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
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(entries.iter().map(|e| e.term.as_str()))
            .unwrap_or_else(|e| panic!("lexicon does not compile: {e}"));
        let mut learned_index: FxHashMap<String, (u32, bool)> = FxHashMap::default();
        let mut folded_learned = Vec::with_capacity(learned.len());
        for (term, w, n) in learned {
            let folded = ScoreText::new(term.trim()).text;
            if folded.is_empty()
                || learned_index
                    .get(&folded)
                    .is_some_and(|e| e.0 != NOT_LEARNED)
            {
                continue;
            }
            learned_index.entry(folded.clone()).or_insert((0, false)).0 =
                folded_learned.len() as u32;
            let (u, _) = units(&folded);
            for &(_, end) in u.iter().take(u.len().saturating_sub(1)) {
                learned_index
                    .entry(folded[..end].to_string())
                    .or_insert((NOT_LEARNED, false))
                    .1 = true;
            }
            folded_learned.push((folded, w, n));
        }
        Lexicon {
            automaton,
            entries,
            learned_index,
            learned: folded_learned,
            params,
        }
    }

    /// Number of learned n-grams.
    pub fn learned_len(&self) -> usize {
        self.learned.len()
    }

    /// The folded n-gram of learned feature `i`.
    pub fn learned_term(&self, i: usize) -> &str {
        &self.learned[i].0
    }
}

/// Reads `lexicon/learned.tsv`: `#! name value` parameter lines, then
/// `term<TAB>polarity weight[<TAB>neutrality weight]`.
pub fn parse_learned(text: &str) -> (Vec<(String, f32, f32)>, Params) {
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
                "neutral" => p.neutral = v,
                "nbias" => p.neutral_bias = v,
                "nrules" => p.neutral_rules = v,
                "ngate" => p.neutral_gate = v,
                "ncut" => p.neutral_cut = v,
                _ => {}
            }
        }
    }
    let learned = rows(text)
        .filter_map(|r| match r.as_slice() {
            [term, w] => w.trim().parse().ok().map(|w| (term.to_string(), w, 0.0)),
            [term, w, n] => match (w.trim().parse(), n.trim().parse()) {
                (Ok(w), Ok(n)) => Some((term.to_string(), w, n)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    (learned, params)
}
