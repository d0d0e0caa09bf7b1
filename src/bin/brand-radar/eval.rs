//! `brand-radar eval`: accuracy of the scorer on a labelled TSV file.

use brand_radar::sentiment::{Label, Scorer, Signals};
use serde::Serialize;
use std::time::Instant;

const LABELS: [Label; 3] = [Label::Neg, Label::Neu, Label::Pos];

/// Results of one evaluation run.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Rows scored (lines with a known label).
    pub rows: usize,
    /// Lines skipped: no tab, or an unknown label.
    pub skipped: usize,
    /// Share of rows labelled right.
    pub accuracy: f64,
    /// Mean F1 over the labels present in the gold data.
    pub macro_f1: f64,
    /// Accuracy over rows labelled neg or pos only.
    pub polar_accuracy: f64,
    /// `confusion[gold][predicted]`, labels in the order neg, neu, pos.
    pub confusion: [[usize; 3]; 3],
    /// Texts per second.
    pub texts_per_sec: f64,
    /// MB of text per second.
    pub mb_per_sec: f64,
}

fn index(l: Label) -> usize {
    LABELS.iter().position(|&x| x == l).unwrap_or(1)
}

/// Scores every `label<TAB>text` row of `tsv`.
pub fn run(tsv: &str) -> Report {
    let rows: Vec<(Label, &str)> = tsv
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(l, t)| Label::parse(l).map(|l| (l, t)))
        .collect();
    let skipped = tsv.lines().filter(|l| !l.trim().is_empty()).count() - rows.len();
    let scorer = Scorer::builtin();
    let bytes: usize = rows.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    let mut confusion = [[0usize; 3]; 3];
    for (gold, text) in &rows {
        let a = scorer.score(text, &Signals::default());
        confusion[index(*gold)][index(a.label)] += 1;
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let n = rows.len().max(1) as f64;
    let correct: usize = (0..3).map(|i| confusion[i][i]).sum();
    let mut f1s = Vec::new();
    for i in 0..3 {
        let gold: usize = confusion[i].iter().sum();
        if gold == 0 {
            continue;
        }
        let predicted: usize = (0..3).map(|g| confusion[g][i]).sum();
        let tp = confusion[i][i] as f64;
        let p = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let r = tp / gold as f64;
        f1s.push(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        });
    }
    let polar: usize = confusion[0].iter().sum::<usize>() + confusion[2].iter().sum::<usize>();
    Report {
        rows: rows.len(),
        skipped,
        accuracy: correct as f64 / n,
        macro_f1: f1s.iter().sum::<f64>() / f1s.len().max(1) as f64,
        polar_accuracy: (confusion[0][0] + confusion[2][2]) as f64 / polar.max(1) as f64,
        confusion,
        texts_per_sec: rows.len() as f64 / secs,
        mb_per_sec: bytes as f64 / 1e6 / secs,
    }
}

/// The report as a readable table.
pub fn table(r: &Report) -> String {
    let mut s = format!(
        "rows {}  (skipped {})\naccuracy  {:.3}\nmacro-F1  {:.3}\npos/neg accuracy {:.3}\nthroughput {:.0} texts/s, {:.2} MB/s\n\nconfusion (rows: gold, columns: predicted)\n         neg     neu     pos\n",
        r.rows, r.skipped, r.accuracy, r.macro_f1, r.polar_accuracy, r.texts_per_sec, r.mb_per_sec
    );
    for (i, l) in LABELS.iter().enumerate() {
        s.push_str(&format!(
            "{:<4} {:>7} {:>7} {:>7}\n",
            l.as_str(),
            r.confusion[i][0],
            r.confusion[i][1],
            r.confusion[i][2]
        ));
    }
    s
}
