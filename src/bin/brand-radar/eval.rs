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
    /// Rows whose star rating (a third column, 1-5) was read as the page's
    /// rating signal, as the extension reads a review's stars; 0 with `text_only`.
    pub rated: usize,
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

/// One labelled row: `label<TAB>text[<TAB>stars]`.
fn row(line: &str) -> Option<(Label, &str, Option<f32>)> {
    let mut cols = line.split('\t');
    let label = Label::parse(cols.next()?)?;
    let text = cols.next()?;
    let stars = cols
        .next()
        .and_then(|s| s.trim().parse::<f32>().ok())
        .filter(|r| (1.0..=5.0).contains(r));
    Some((label, text, stars))
}

/// Scores every `label<TAB>text[<TAB>stars]` row of `tsv`; stars, unless
/// `text_only`, are the rating signal a review page gives with its text.
pub fn run(tsv: &str, text_only: bool) -> Report {
    let rows: Vec<(Label, &str, Option<f32>)> = tsv
        .lines()
        .filter_map(row)
        .map(|(l, t, s)| (l, t, s.filter(|_| !text_only)))
        .collect();
    let skipped = tsv.lines().filter(|l| !l.trim().is_empty()).count() - rows.len();
    let scorer = Scorer::builtin();
    let bytes: usize = rows.iter().map(|(_, t, _)| t.len()).sum();
    let start = Instant::now();
    let binary = !rows.iter().any(|(l, _, _)| *l == Label::Neu);
    let mut confusion = Confusion::default();
    let mut labels = Confusion::default();
    for (gold, text, stars) in &rows {
        let signals = Signals {
            rating: *stars,
            ..Signals::default()
        };
        let (score, label, _) = scorer.quick(text, &signals);
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
        rated: rows.iter().filter(|(_, _, s)| s.is_some()).count(),
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
        "rows {}  (skipped {})\n{}{}accuracy  {:.3}\nmacro-F1  {:.3}\npos/neg accuracy {:.3}\nthroughput {:.0} texts/s, {:.2} MB/s\n\nconfusion (rows: gold, columns: predicted)\n         neg     neu     pos\n",
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
        if r.rated > 0 {
            format!(
                "stars read as the rating signal on {} rows (--text-only: the words alone)\n",
                r.rated
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_column_is_the_rating_not_text() {
        assert_eq!(
            row("neu\t還可以\t3"),
            Some((Label::Neu, "還可以", Some(3.0)))
        );
        assert_eq!(row("pos\tgood"), Some((Label::Pos, "good", None)));
        assert_eq!(row("pos\tgood\tsix"), Some((Label::Pos, "good", None)));
        assert_eq!(row("pos\tgood\t9"), Some((Label::Pos, "good", None)));
        assert_eq!(row("meh\tgood\t3"), None);
    }

    #[test]
    fn stars_judge_plain_words_unless_text_only() {
        let tsv = "neg\t我們點了牛肉麵和小菜\t1\nneu\t我們點了牛肉麵和小菜\t3\npos\t我們點了牛肉麵和小菜\t5\n";
        let rated = run(tsv, false);
        assert_eq!((rated.rows, rated.rated), (3, 3));
        assert_eq!(rated.accuracy, 1.0, "{:?}", rated.confusion);
        let words = run(tsv, true);
        assert_eq!(words.rated, 0);
        assert!(words.accuracy < 0.5, "{:?}", words.confusion);
    }
}
