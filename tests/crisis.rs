//! Crisis types against real texts labelled by reading (`tests/data/crisis.tsv`):
//! precision and recall per type, on the half the lexicon was tuned on and on
//! the half nobody looked at while tuning. Reads the texts from
//! `../shared/corpora`; skips, saying why, where it is absent.
//!
//! `cargo test --release --test crisis -- --nocapture` prints the table that
//! docs/sentiment.md quotes.

use brand_radar::crisis::Crisis;
use brand_radar::evidence::sha256_hex;
use brand_radar::sentiment::{Scorer, Signals};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One labelled text.
struct Case {
    text: String,
    stars: Option<f32>,
    types: Vec<Crisis>,
    /// Whether the row is in the half the lexicon was tuned on (the first hex
    /// digit of its hash is even); the other half was never read while tuning.
    tuned: bool,
}

fn read(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    }
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::to_string).collect()
}

fn cases() -> Option<Vec<Case>> {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !corpora.is_dir() {
        eprintln!(
            "skipped: {} is absent (the labelled texts live beside the project)",
            corpora.display()
        );
        return None;
    }
    let refs = include_str!("data/crisis.tsv");
    let mut files: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for line in refs.lines().filter(|l| !l.starts_with('#')) {
        let [source, row, hash, types] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("crisis.tsv: bad row {line:?}");
        };
        let lines = files.entry(source).or_insert_with(|| {
            let dir = corpora.join(source);
            let path = ["train.tsv", "train.tsv.gz", "eval.tsv"]
                .iter()
                .map(|f| dir.join(f))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("no corpus file in {}", dir.display()));
            read(&path)
        });
        let row: usize = row.parse().expect("row number");
        let cols: Vec<&str> = lines[row].split('\t').collect();
        let text = cols[1].to_string();
        assert_eq!(
            &sha256_hex(text.as_bytes())[..16],
            hash,
            "{source}:{row} changed since it was labelled"
        );
        let types = if types == "-" {
            Vec::new()
        } else {
            types
                .split(',')
                .map(|t| Crisis::from_id(t).unwrap_or_else(|| panic!("unknown type {t}")))
                .collect()
        };
        out.push(Case {
            text,
            stars: cols.get(2).and_then(|s| s.parse().ok()),
            types,
            tuned: u8::from_str_radix(&hash[..1], 16).unwrap() % 2 == 0,
        });
    }
    Some(out)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn precision(self) -> f64 {
        f64::from(self.tp) / f64::from((self.tp + self.fp).max(1))
    }
    fn recall(self) -> f64 {
        f64::from(self.tp) / f64::from((self.tp + self.fn_).max(1))
    }
}

fn measure<'a>(scorer: &Scorer, cases: impl Iterator<Item = &'a Case>) -> HashMap<Crisis, Counts> {
    let mut m: HashMap<Crisis, Counts> = HashMap::new();
    for case in cases {
        let signals = Signals {
            rating: case.stars,
            ..Signals::default()
        };
        let found: Vec<Crisis> = scorer
            .score(&case.text, &signals)
            .crises
            .iter()
            .map(|c| c.crisis)
            .collect();
        for c in Crisis::ALL {
            let e = m.entry(c).or_default();
            match (case.types.contains(&c), found.contains(&c)) {
                (true, true) => e.tp += 1,
                (false, true) => e.fp += 1,
                (true, false) => e.fn_ += 1,
                (false, false) => {}
            }
            if std::env::var_os("CRISIS_ERRORS").is_some()
                && case.tuned
                && case.types.contains(&c) != found.contains(&c)
            {
                let kind = if found.contains(&c) { "FP" } else { "FN" };
                eprintln!("{kind} {:<10} {}", c.id(), case.text);
            }
        }
    }
    m
}

#[test]
fn crisis_types_measured_on_labelled_texts() {
    let Some(cases) = cases() else { return };
    assert!(cases.len() >= 900, "{} labelled texts", cases.len());
    let none = cases.iter().filter(|c| c.types.is_empty()).count();
    assert!(none >= 200, "{none} texts with no crisis");
    let scorer = Scorer::builtin();
    let all = measure(scorer, cases.iter());
    let tuned = measure(scorer, cases.iter().filter(|c| c.tuned));
    let unseen = measure(scorer, cases.iter().filter(|c| !c.tuned));
    println!("type        texts  precision recall   (tuned half P/R | unseen half P/R)");
    for c in Crisis::ALL {
        let (a, t, u) = (all[&c], tuned[&c], unseen[&c]);
        println!(
            "{:<11} {:>5}  {:>9.2} {:>6.2}   ({:.2}/{:.2} | {:.2}/{:.2})",
            c.id(),
            a.tp + a.fn_,
            a.precision(),
            a.recall(),
            t.precision(),
            t.recall(),
            u.precision(),
            u.recall()
        );
    }
    println!("{none} texts with no crisis, {} in all", cases.len());
    // The targets: precision >= 0.80 for every type, recall >= 0.60
    // for negative reviews, staff misconduct and product safety.
    for c in Crisis::ALL {
        let p = all[&c].precision();
        assert!(p >= 0.80, "{} precision {p:.2}", c.id());
    }
    for c in [Crisis::Review, Crisis::Misconduct, Crisis::Safety] {
        let r = all[&c].recall();
        assert!(r >= 0.60, "{} recall {r:.2}", c.id());
    }
    // The half nobody read while tuning is the honest figure (docs quote it);
    // these floors catch a change that only helps the tuned half.
    for c in Crisis::ALL {
        let p = unseen[&c].precision();
        assert!(p >= 0.70, "{} precision {p:.2} on the unseen half", c.id());
    }
    for c in [Crisis::Review, Crisis::Misconduct, Crisis::Safety] {
        let r = unseen[&c].recall();
        assert!(r >= 0.65, "{} recall {r:.2} on the unseen half", c.id());
    }
}
