//! The floor issue 15 sets: a plain TF-IDF character 1–3-gram logistic
//! regression (softmax over neg / neu / pos), trained on the same rows as
//! the scorer, so that the leave-one-source-out table shows what our model
//! adds over the textbook baseline. The same recipe, on the Chinese rows in
//! fewer buckets, makes the scorer's character n-gram model
//! (`lexicon/chargram.bin`, [`Floor::to_chars`]).
//!
//! Plain on purpose: character n-grams of the folded text (the folding is
//! the scorer's, so Simplified and Traditional meet as they do for ours),
//! sublinear TF times smoothed IDF, L2-normalised, hashed into
//! `BUCKETS`; every row weighs the same; AdaGrad, a light L2.

use super::{shuffle, Row};
use brand_radar::sentiment::{char_grams, CharGrams, Label, ScoreText};

/// Hash buckets for the n-grams (2^21: few collisions at this vocabulary).
pub const BUCKETS: usize = 1 << 21;
const EPOCHS: usize = 5;
const RATE: f32 = 0.5;
const L2: f32 = 1e-6;

/// Class order of the softmax.
const CLASSES: [Label; 3] = [Label::Neg, Label::Neu, Label::Pos];

/// The hashed character 1–3-grams of a text (the scorer's own hashing,
/// `sentiment/chargram.rs`), with their counts.
fn grams(text: &str, buckets: usize) -> Vec<(u32, f32)> {
    let folded = ScoreText::new(text).text;
    let mut ids = Vec::with_capacity(3 * folded.len());
    char_grams(&folded, buckets - 1, &mut ids);
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
    for id in ids {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    out
}

/// A trained floor model.
pub struct Floor {
    buckets: usize,
    idf: Vec<f32>,
    w: Vec<[f32; 3]>,
    bias: [f32; 3],
}

impl Floor {
    /// TF-IDF features, L2-normalised.
    fn features(&self, text: &str) -> Vec<(u32, f32)> {
        let mut f = grams(text, self.buckets);
        for (id, x) in &mut f {
            *x = (1.0 + x.ln()) * self.idf[*id as usize];
        }
        let norm = f.iter().map(|(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
        for (_, x) in &mut f {
            *x /= norm;
        }
        f
    }

    fn probabilities(&self, f: &[(u32, f32)]) -> [f32; 3] {
        let mut z = self.bias;
        for &(id, x) in f {
            let w = self.w[id as usize];
            for c in 0..3 {
                z[c] += w[c] * x;
            }
        }
        let m = z.iter().copied().fold(f32::MIN, f32::max);
        let e = z.map(|v| (v - m).exp());
        let s: f32 = e.iter().sum();
        e.map(|v| v / s)
    }

    /// Trains on `rows` with `buckets` hash buckets (a power of two;
    /// deterministic given `seed`).
    pub fn train(rows: &[&Row], seed: u64, buckets: usize) -> Floor {
        let mut df = vec![0u32; buckets];
        let counted: Vec<Vec<(u32, f32)>> = rows.iter().map(|r| grams(&r.text, buckets)).collect();
        for f in &counted {
            for &(id, _) in f {
                df[id as usize] += 1;
            }
        }
        let n = rows.len() as f32;
        let idf = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let mut model = Floor {
            buckets,
            idf,
            w: vec![[0.0; 3]; buckets],
            bias: [0.0; 3],
        };
        let mut examples: Vec<(Vec<(u32, f32)>, usize)> = rows
            .iter()
            .map(|r| {
                let class = CLASSES.iter().position(|&c| c == r.label).unwrap_or(1);
                (model.features(&r.text), class)
            })
            .collect();
        drop(counted);
        let mut g2 = vec![[1e-6f32; 3]; buckets];
        let mut gb = [1e-6f32; 3];
        let mut seed = seed;
        for _ in 0..EPOCHS {
            shuffle(&mut examples, &mut seed);
            for (f, class) in &examples {
                let p = model.probabilities(f);
                for c in 0..3 {
                    let g = p[c] - if c == *class { 1.0 } else { 0.0 };
                    for &(id, x) in f {
                        let i = id as usize;
                        let gi = g * x + L2 * model.w[i][c];
                        g2[i][c] += gi * gi;
                        model.w[i][c] -= RATE * gi / g2[i][c].sqrt();
                    }
                    gb[c] += g * g;
                    model.bias[c] -= RATE * g / gb[c].sqrt();
                }
            }
        }
        model
    }

    /// The label, and the pos-or-neg decision (for binary sources).
    pub fn judge(&self, text: &str) -> (Label, Label) {
        let p = self.probabilities(&self.features(text));
        let best = (0..3).fold(0, |b, c| if p[c] > p[b] { c } else { b });
        let polar = if p[2] >= p[0] { Label::Pos } else { Label::Neg };
        (CLASSES[best], polar)
    }

    /// Its polarity (pos against neg) as the scorer's character n-gram
    /// model file: the difference of the two classes' weights, quantised.
    pub fn to_chars(&self) -> Vec<u8> {
        let w: Vec<f32> = self.w.iter().map(|w| w[2] - w[0]).collect();
        CharGrams::to_bytes(&w, &self.idf, self.bias[2] - self.bias[0])
    }
}
