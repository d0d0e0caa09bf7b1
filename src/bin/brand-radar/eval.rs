//! `brand-radar eval`: accuracy of the scorer on a labelled TSV file.

use brand_radar::metrics::{Confusion, LABELS};
use brand_radar::sentiment::{Label, Scorer, Signals};
use serde::Serialize;
use std::time::Instant;

/// Results of one evaluation run.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Rows scored (lines with a known label).
    pub rows: usize,
    /// 3, or 2 for a file without any `neu` row: a binary set asks a binary
    /// question, so each row is judged pos or neg by the sign of its score
    /// (as binary benchmarks and the baselines are judged).
    pub classes: u8,
    /// Accuracy of the three labels as a user sees them (equals `accuracy`
    /// when `classes` is 3).
    pub label_accuracy: f64,
    /// Lines skipped: no tab, or an unknown label.
    pub skipped: usize,
    /// Share of rows labelled right.
    pub accuracy: f64,
    /// Mean F1 over the labels present in the gold data.
    pub macro_f1: f64,
    /// Accuracy over rows labelled neg or pos only.
    pub polar_accuracy: f64,
    /// `confusion[gold][predicted]`, labels in the order neg, neu, pos.
    pub confusion: Confusion,
    /// Texts per second.
    pub texts_per_sec: f64,
    /// MB of text per second.
    pub mb_per_sec: f64,
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
    let binary = !rows.iter().any(|(l, _)| *l == Label::Neu);
    let mut confusion = Confusion::default();
    let mut labels = Confusion::default();
    for (gold, text) in &rows {
        let (score, label, _) = scorer.quick(text, &Signals::default());
        labels.add(*gold, label);
        let judged = match (binary, score >= 0.0) {
            (false, _) => label,
            (true, true) => Label::Pos,
            (true, false) => Label::Neg,
        };
        confusion.add(*gold, judged);
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    Report {
        rows: rows.len(),
        classes: if binary { 2 } else { 3 },
        label_accuracy: labels.accuracy(),
        skipped,
        accuracy: confusion.accuracy(),
        macro_f1: confusion.macro_f1(),
        polar_accuracy: confusion.polar_accuracy(),
        confusion,
        texts_per_sec: rows.len() as f64 / secs,
        mb_per_sec: bytes as f64 / 1e6 / secs,
    }
}

/// The report as a readable table.
pub fn table(r: &Report) -> String {
    let mut s = format!(
        "rows {}  (skipped {})\n{}accuracy  {:.3}\nmacro-F1  {:.3}\npos/neg accuracy {:.3}\nthroughput {:.0} texts/s, {:.2} MB/s\n\nconfusion (rows: gold, columns: predicted)\n         neg     neu     pos\n",
        r.rows,
        r.skipped,
        if r.classes == 2 {
            format!(
                "two classes (no neu row): each row judged pos or neg\nthree-label accuracy {:.3}\n",
                r.label_accuracy
            )
        } else {
            String::new()
        },
        r.accuracy,
        r.macro_f1,
        r.polar_accuracy,
        r.texts_per_sec,
        r.mb_per_sec
    );
    for (l, row) in LABELS.iter().zip(r.confusion.counts) {
        s.push_str(&format!(
            "{:<4} {:>7} {:>7} {:>7}\n",
            l.as_str(),
            row[0],
            row[1],
            row[2]
        ));
    }
    s
}
