//! `--audit`: the curated reasons and rules of the shipped scorer that
//! decide held-out rows wrongly.
//!
//! For every reason shown on a polar held-out row (a word, a negator, a
//! degree or contrast word, a sarcasm cue), the row's two-class decision is
//! taken again without the reason's contribution to the logit: a reason
//! that turns more rows wrong than right is a rule or a word to read again.
//! Session 33 found the sarcasm cue 呵呵 this way (it turned all 160 hotel
//! rows with it negative, 138 of them praise).

use super::Row;
use brand_radar::metrics::Split;
use brand_radar::sentiment::{Label, Scorer, Signals};
use std::collections::HashMap;

/// Fewest rows a reason must turn before it is listed.
const LISTED: u32 = 3;

/// What one reason did: rows it turned wrong, rows it turned right, rows
/// it was shown on, and the first source it turned wrong.
#[derive(Default)]
struct Tally {
    wrong: u32,
    right: u32,
    shown: u32,
    example: Option<usize>,
}

/// Prints every reason that turns more held-out rows wrong than right.
pub fn audit(scorer: &Scorer, names: &[&str], rows: &[Row]) {
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    for row in rows {
        if row.split != Split::Test || row.label == Label::Neu {
            continue;
        }
        let a = scorer.score(&row.text, &Signals::default());
        // The final logit, from the score (`tanh(logit / 2)`).
        let logit = 2.0 * a.score.clamp(-0.9999, 0.9999).atanh();
        let right = |x: f32| (x > 0.0) == (row.label == Label::Pos);
        let mut each: HashMap<String, f32> = HashMap::new();
        for r in a.reasons.iter().filter(|r| !r.text.is_empty()) {
            *each.entry(format!("{:?} {}", r.kind, r.text)).or_default() += r.contribution;
        }
        for (reason, c) in each {
            let t = tallies.entry(reason).or_default();
            t.shown += 1;
            match (right(logit), right(logit - c)) {
                (false, true) => {
                    t.wrong += 1;
                    t.example.get_or_insert(row.source);
                }
                (true, false) => t.right += 1,
                _ => {}
            }
        }
    }
    let mut listed: Vec<(String, Tally)> = tallies
        .into_iter()
        .filter(|(_, t)| t.wrong > t.right && t.wrong >= LISTED)
        .collect();
    listed.sort_by_key(|(r, t)| (std::cmp::Reverse(t.wrong - t.right), r.clone()));
    println!("## Reasons that turn more held-out rows wrong than right\n");
    println!("| reason | turned wrong | turned right | shown on | e.g. in |");
    println!("|---|---|---|---|---|");
    for (reason, t) in &listed {
        let source = t.example.map_or("", |s| names[s]);
        println!(
            "| {reason} | {} | {} | {} | {source} |",
            t.wrong, t.right, t.shown
        );
    }
    if listed.is_empty() {
        println!("(none)");
    }
}
