//! The character n-gram model: TF-IDF weighted character 1–3-grams of the
//! folded text, hashed into buckets, with one polarity weight per bucket
//! (`lexicon/chargram.bin`, made by `examples/train`). It sees every
//! n-gram, where the learned n-grams keep the 160,000 most telling, and it
//! weighs them by rarity and the text's length; beside the rules and the
//! learned n-grams it carries better to review genres nobody trained on
//! (docs/sentiment.md, "Character n-grams"). It scores Chinese text only,
//! and never explains: its weights are no reasons a person would believe.
//!
//! File layout (little-endian): `BRCG`, version 1, log2 of the bucket count,
//! two zero bytes; then four f32 (weight step, bias, IDF step, IDF base);
//! then one i8 weight and one u8 IDF per bucket.

use std::cell::RefCell;

/// The model compiled into this build.
pub const BUILTIN: &[u8] = include_bytes!("../../lexicon/chargram.bin");

const MAGIC: &[u8; 4] = b"BRCG";
const VERSION: u8 = 1;
const HEADER: usize = 24;
/// Characters from which the model has its full say.
const FULL_SAY_CHARS: f32 = 40.0;

/// A character n-gram model, read from its file.
#[derive(Debug, Clone)]
pub struct CharGrams {
    mask: usize,
    step: f32,
    bias: f32,
    idf_step: f32,
    idf_base: f32,
    weights: Vec<i8>,
    idf: Vec<u8>,
}

/// FNV-1a over an n-gram's bytes.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Appends the bucket (`hash & mask`) of every character 1–3-gram of `text`
/// to `out`, sorted, so that equal buckets are neighbours. White space is
/// read as one space, none at the ends: a page joins its text nodes with
/// white space of its own, and the verdict must not depend on it.
pub fn grams(text: &str, mask: usize, out: &mut Vec<u32>) {
    thread_local! {
        static SPACED: RefCell<String> = RefCell::default();
    }
    SPACED.with_borrow_mut(|spaced| {
        spaced.clear();
        for word in text.split_whitespace() {
            if !spaced.is_empty() {
                spaced.push(' ');
            }
            spaced.push_str(word);
        }
        grams_of(spaced, mask, out);
    });
}

fn grams_of(text: &str, mask: usize, out: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    let ends = text
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain((!text.is_empty()).then_some(text.len()));
    // Starts of the last three characters, the newest first.
    let mut last = [usize::MAX; 3];
    let mut start = 0;
    for end in ends {
        last = [start, last[0], last[1]];
        for &s in last.iter().take_while(|&&s| s != usize::MAX) {
            out.push((hash(&bytes[s..end]) as usize & mask) as u32);
        }
        start = end;
    }
    out.sort_unstable();
}

impl CharGrams {
    /// Reads a model; `None` if the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<CharGrams> {
        if b.len() < HEADER || &b[..4] != MAGIC || b[4] != VERSION || b[5] > 24 {
            return None;
        }
        let buckets = 1usize << b[5];
        if b.len() != HEADER + 2 * buckets {
            return None;
        }
        let f = |at: usize| f32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
        let body = &b[HEADER..];
        Some(CharGrams {
            mask: buckets - 1,
            step: f(8),
            bias: f(12),
            idf_step: f(16),
            idf_base: f(20),
            weights: body[..buckets].iter().map(|&w| w as i8).collect(),
            idf: body[buckets..].to_vec(),
        })
    }

    /// Quantises a trained model: `weights[i]` the polarity weight (pos
    /// minus neg) of bucket `i`, `idf[i]` its IDF.
    pub fn to_bytes(weights: &[f32], idf: &[f32], bias: f32) -> Vec<u8> {
        let buckets = weights.len();
        assert!(buckets.is_power_of_two() && idf.len() == buckets);
        let top = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let step = top / 127.0;
        let (lo, hi) = idf
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let idf_step = ((hi - lo) / 255.0).max(1e-9);
        let mut out = Vec::with_capacity(HEADER + 2 * buckets);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, buckets.trailing_zeros() as u8, 0, 0]);
        for v in [step, bias, idf_step, lo] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(
            weights
                .iter()
                .map(|w| (w / step).round().clamp(-127.0, 127.0) as i8 as u8),
        );
        out.extend(
            idf.iter()
                .map(|x| ((x - lo) / idf_step).round().clamp(0.0, 255.0) as u8),
        );
        out
    }

    /// The model's polarity logit for a folded text: TF-IDF features
    /// (sublinear TF), L2-normalised, against the weights.
    pub fn log_odds(&self, text: &str) -> f32 {
        thread_local! {
            static IDS: RefCell<Vec<u32>> = RefCell::default();
        }
        IDS.with_borrow_mut(|ids| {
            ids.clear();
            grams(text, self.mask, ids);
            let (mut dot, mut norm) = (0f32, 0f32);
            let mut i = 0;
            while i < ids.len() {
                let id = ids[i];
                let mut n = 1;
                while i + n < ids.len() && ids[i + n] == id {
                    n += 1;
                }
                i += n;
                let b = id as usize;
                let x = (1.0 + (n as f32).ln())
                    * (self.idf_base + f32::from(self.idf[b]) * self.idf_step);
                norm += x * x;
                dot += x * f32::from(self.weights[b]) * self.step;
            }
            if norm > 0.0 {
                // A short text has too few n-grams to be judged by its
                // wording alone (「雲朵母湯」: the slang is rare, the name is
                // not): the model's say grows with the length.
                let say = (text.chars().count() as f32 / FULL_SAY_CHARS).min(1.0);
                say * (self.bias + dot / norm.sqrt())
            } else {
                0.0
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_one_to_three_character_gram_once() {
        let mut ids = Vec::new();
        grams("好吃a", usize::MAX, &mut ids);
        let mut want: Vec<u32> = ["好", "好吃", "好吃a", "吃", "吃a", "a"]
            .iter()
            .map(|g| (hash(g.as_bytes()) as usize & usize::MAX) as u32)
            .collect();
        want.sort_unstable();
        assert_eq!(ids, want);
        ids.clear();
        grams("", 7, &mut ids);
        assert!(ids.is_empty());
        let mut spaced = Vec::new();
        grams(" 好吃 \n\t a ", usize::MAX, &mut spaced);
        ids.clear();
        grams("好吃 a", usize::MAX, &mut ids);
        assert_eq!(spaced, ids, "white space is one space");
    }

    #[test]
    fn the_file_round_trips_and_bad_bytes_are_refused() {
        let w = [1.0f32, -0.5, 0.0, 0.25];
        let idf = [1.0f32, 2.0, 3.0, 4.0];
        let bytes = CharGrams::to_bytes(&w, &idf, 0.1);
        let m = CharGrams::from_bytes(&bytes).expect("a model");
        assert_eq!(m.weights, vec![127, -64, 0, 32]);
        assert!((m.bias - 0.1).abs() < 1e-6);
        assert!(CharGrams::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(CharGrams::from_bytes(b"BRCGxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_none());
        assert!(
            CharGrams::from_bytes(BUILTIN).is_some(),
            "the shipped model reads"
        );
    }
}
