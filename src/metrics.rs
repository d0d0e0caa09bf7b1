//! Accuracy figures for a labelled set: the same arithmetic for
//! `brand-radar eval` and the lexicon learner.

use crate::sentiment::Label;
use serde::Serialize;

/// Labels in matrix order.
pub const LABELS: [Label; 3] = [Label::Neg, Label::Neu, Label::Pos];

fn index(l: Label) -> usize {
    match l {
        Label::Neg => 0,
        Label::Neu => 1,
        Label::Pos => 2,
    }
}

/// A confusion matrix: `counts[gold][predicted]`, labels in [`LABELS`] order.
#[derive(Debug, Clone, Copy, Default, Serialize)]
#[serde(transparent)]
pub struct Confusion {
    /// The counts.
    pub counts: [[usize; 3]; 3],
}

impl Confusion {
    /// Counts one verdict.
    pub fn add(&mut self, gold: Label, predicted: Label) {
        self.counts[index(gold)][index(predicted)] += 1;
    }

    /// Rows counted.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// Share of rows labelled right.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..3).map(|i| self.counts[i][i]).sum();
        right as f64 / self.total().max(1) as f64
    }

    /// F1 of one label, or `None` where the gold data has none of it.
    pub fn f1(&self, label: Label) -> Option<f64> {
        let i = index(label);
        let gold: usize = self.counts[i].iter().sum();
        if gold == 0 {
            return None;
        }
        let predicted: usize = self.counts.iter().map(|row| row[i]).sum();
        let tp = self.counts[i][i] as f64;
        let (p, r) = (tp / predicted.max(1) as f64, tp / gold as f64);
        Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        })
    }

    /// Mean F1 over the labels that occur in the gold data (so a corpus
    /// without `neu` rows is scored over two classes).
    pub fn macro_f1(&self) -> f64 {
        let f1s: Vec<f64> = LABELS.iter().filter_map(|&l| self.f1(l)).collect();
        f1s.iter().sum::<f64>() / f1s.len().max(1) as f64
    }

    /// Accuracy over rows whose gold label is `neg` or `pos` (a `neu`
    /// prediction there is wrong).
    pub fn polar_accuracy(&self) -> f64 {
        let polar: usize =
            self.counts[0].iter().sum::<usize>() + self.counts[2].iter().sum::<usize>();
        (self.counts[0][0] + self.counts[2][2]) as f64 / polar.max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_from_a_known_matrix() {
        let mut c = Confusion::default();
        for _ in 0..8 {
            c.add(Label::Pos, Label::Pos);
        }
        c.add(Label::Pos, Label::Neg);
        c.add(Label::Neg, Label::Neg);
        c.add(Label::Neg, Label::Neu);
        assert_eq!(c.total(), 11);
        assert!((c.accuracy() - 9.0 / 11.0).abs() < 1e-9);
        // pos: p = 8/8, r = 8/9; neg: p = 1/2, r = 1/2; neu has no gold rows.
        let want = ((2.0 * 8.0 / 9.0 / (1.0 + 8.0 / 9.0)) + 0.5) / 2.0;
        assert!((c.macro_f1() - want).abs() < 1e-9);
        assert_eq!(c.f1(Label::Neu), None);
        assert!((c.f1(Label::Neg).unwrap() - 0.5).abs() < 1e-9);
        assert!((c.polar_accuracy() - 9.0 / 11.0).abs() < 1e-9);
    }
}

/// Which part of a labelled corpus a row belongs to when training the
/// scorer (`examples/train.rs`), by a hash of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// 70%: weights are learned from these.
    Train,
    /// 10%: the model constants are tuned on these.
    Tune,
    /// 20%: held out; the documented held-out figures are measured here.
    Test,
}

impl Split {
    /// The split of a row with this text: an FNV-1a-style hash of its bytes,
    /// mod 10. (Its multiplier is 16 times FNV's prime, 0x100000001b3: a
    /// slip, kept because every documented figure was measured on this split.)
    pub fn of(text: &str) -> Split {
        let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x1000_0000_01b3)
        });
        match h % 10 {
            0 | 1 => Split::Test,
            2 => Split::Tune,
            _ => Split::Train,
        }
    }
}
