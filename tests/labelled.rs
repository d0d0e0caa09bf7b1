//! Real texts labelled by reading, kept as references in `tests/data/`:
//! crisis types (`crisis.tsv`: precision and recall per type, on the half the
//! lexicon was tuned on and on the half nobody looked at while tuning) and
//! verdicts toward each brand (`brands.tsv`), and the verdict on each sentence
//! of a review (`sentences.tsv`). Reads the texts from
//! `../shared/corpora`; skips, saying why, where it is absent.
//!
//! `cargo test --release --test labelled -- --nocapture` prints the tables
//! that docs/sentiment.md quotes.

use brand_radar::crisis::Crisis;
use brand_radar::evidence::sha256_hex;
use brand_radar::metrics::{Confusion, LABELS};
use brand_radar::sentiment::{Label, Mentioned, Scorer, Signals};
use std::collections::HashMap;

mod common;
use common::{read_text, shared, tuned};

/// One referenced text: the corpus row it names, checked against its hash.
struct Row<'a> {
    text: String,
    stars: Option<f32>,
    /// The first hex digit of the text's hash is even: rows of the half the
    /// crisis lexicon was tuned on.
    tuned: bool,
    /// The file's last column (the labels).
    labels: &'a str,
}

/// The rows a reference file names, read from `../shared/corpora`; `None`
/// (saying why) where the corpora are absent.
fn rows(refs: &str) -> Option<Vec<Row<'_>>> {
    let corpora = shared("corpora")?;
    let mut files: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for line in refs.lines().filter(|l| !l.starts_with('#')) {
        // The last column may hold tabs of its own (sentences: its hash, then its label).
        let [source, row, hash, labels] = line.splitn(4, '\t').collect::<Vec<_>>()[..] else {
            panic!("bad reference row {line:?}");
        };
        let lines = files.entry(source).or_insert_with(|| {
            let dir = corpora.join(source);
            let path = ["train.tsv", "train.tsv.gz", "eval.tsv"]
                .iter()
                .map(|f| dir.join(f))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("no corpus file in {}", dir.display()));
            read_text(&path).lines().map(str::to_string).collect()
        });
        let row: usize = row.parse().expect("row number");
        let cols: Vec<&str> = lines[row].split('\t').collect();
        let text = cols[1].to_string();
        assert_eq!(
            &sha256_hex(text.as_bytes())[..16],
            hash,
            "{source}:{row} changed since it was labelled"
        );
        out.push(Row {
            text,
            stars: cols.get(2).and_then(|s| s.parse().ok()),
            tuned: tuned(hash),
            labels,
        });
    }
    Some(out)
}

/// One text labelled with its crisis types.
struct Case {
    text: String,
    stars: Option<f32>,
    types: Vec<Crisis>,
    tuned: bool,
}

fn cases() -> Option<Vec<Case>> {
    let rows = rows(include_str!("data/crisis.tsv"))?;
    Some(
        rows.into_iter()
            .map(|r| Case {
                types: if r.labels == "-" {
                    Vec::new()
                } else {
                    r.labels
                        .split(',')
                        .map(|t| Crisis::from_id(t).unwrap_or_else(|| panic!("unknown type {t}")))
                        .collect()
                },
                text: r.text,
                stars: r.stars,
                tuned: r.tuned,
            })
            .collect(),
    )
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
    // The targets on the whole set: precision >= 0.80 for every
    // type, recall >= 0.60 for negative reviews, staff misconduct and product
    // safety. The half nobody read while tuning is the honest figure (docs
    // quote it); its floors catch a change that only helps the tuned half.
    for (counts, precision, recall, which) in [
        (&all, 0.80, 0.60, "the whole set"),
        (&unseen, 0.70, 0.65, "the unseen half"),
    ] {
        for c in Crisis::ALL {
            let p = counts[&c].precision();
            assert!(p >= precision, "{} precision {p:.2} on {which}", c.id());
            let recalled = [Crisis::Review, Crisis::Misconduct, Crisis::Safety].contains(&c);
            let r = counts[&c].recall();
            assert!(
                !recalled || r >= recall,
                "{} recall {r:.2} on {which}",
                c.id()
            );
        }
    }
}

/// Every occurrence of `name` in `text` (ASCII case folded, so `iPhone`
/// finds `iphone`), as byte spans.
fn occurrences(text: &str, name: &str) -> Vec<(usize, usize)> {
    let (hay, needle) = (text.to_ascii_lowercase(), name.to_ascii_lowercase());
    hay.match_indices(&needle)
        .map(|(s, m)| (s, s + m.len()))
        .collect()
}

#[test]
fn verdicts_toward_each_brand_on_labelled_comments() {
    let Some(rows) = rows(include_str!("data/brands.tsv")) else {
        return;
    };
    assert!(rows.len() >= 300, "{} labelled comments", rows.len());
    let scorer = Scorer::builtin();
    // Toward each brand; the whole comment's verdict, for comparison; and
    // per brand on the tuned half and on the other.
    let (mut toward, mut whole) = (Confusion::default(), Confusion::default());
    let mut halves = [Confusion::default(); 2];
    let mut bases = std::collections::BTreeMap::new();
    for row in &rows {
        let expected: Vec<(&str, Label)> = row
            .labels
            .split(' ')
            .map(|t| {
                let (name, label) = t.split_once('=').expect("NAME=LABEL");
                (name, Label::parse(label).expect("neg, neu or pos"))
            })
            .collect();
        let mentions: Vec<Mentioned> = expected
            .iter()
            .flat_map(|&(name, _)| {
                occurrences(&row.text, name)
                    .into_iter()
                    .map(move |(start, end)| Mentioned {
                        brand: name,
                        competitor: false,
                        start,
                        end,
                    })
            })
            .collect();
        let signals = Signals {
            rating: row.stars,
            ..Signals::default()
        };
        // As the extension and the CLI judge them: the names blanked.
        let text = scorer.blank_names(&row.text, &mentions);
        let analysis = scorer.score(&text, &signals);
        let targets = scorer.targets(&text, &mentions, &analysis, &signals);
        for (name, want) in expected {
            let target = targets
                .iter()
                .find(|t| t.brand == name)
                .unwrap_or_else(|| panic!("no verdict toward {name} in {}", row.text));
            let got = target.label;
            let b = bases.entry(target.basis.as_str()).or_insert((0, 0));
            b.0 += usize::from(got == want);
            b.1 += 1;
            if std::env::var_os("BRAND_ERRORS").is_some() && row.tuned && got != want {
                eprintln!(
                    "{name}: want {} got {} ({}) | {}",
                    want.as_str(),
                    got.as_str(),
                    target.basis.as_str(),
                    row.text
                );
            }
            toward.add(want, got);
            whole.add(want, analysis.label);
            halves[usize::from(!row.tuned)].add(want, got);
        }
    }
    let (accuracy, baseline) = (toward.accuracy(), whole.accuracy());
    println!(
        "{} comments, {} targets: per-target accuracy {accuracy:.3} \
         (one verdict for the whole comment: {baseline:.3})",
        rows.len(),
        toward.total()
    );
    println!(
        "tuned half {:.3}, unseen half {:.3}",
        halves[0].accuracy(),
        halves[1].accuracy()
    );
    for (basis, (right, all)) in &bases {
        println!("by {basis}: {right} of {all} right");
    }
    println!("expected \\ got   neg   neu   pos");
    for (l, row) in LABELS.iter().zip(toward.counts) {
        println!(
            "{:<14} {:>5} {:>5} {:>5}",
            l.as_str(),
            row[0],
            row[1],
            row[2]
        );
    }
    // The target is 0.80; these floors hold what is reached (docs).
    assert!(accuracy >= 0.60, "per-target accuracy {accuracy:.3}");
    assert!(
        accuracy > baseline + 0.03,
        "per-target verdicts ({accuracy:.3}) no better than the comment's ({baseline:.3})"
    );
}

/// A review cut into sentences as `tests/data/sentences.tsv` names them.
fn sentences(review: &str) -> impl Iterator<Item = &str> {
    review
        .split(['。', '！', '!', '？', '?', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[test]
fn review_sentences_judged_as_a_reader_would() {
    let Some(rows) = rows(include_str!("data/sentences.tsv")) else {
        return;
    };
    let scorer = Scorer::builtin();
    let mut c = Confusion::default();
    for row in &rows {
        let (hash, label) = row
            .labels
            .split_once('\t')
            .expect("SENTENCE-HASH<TAB>LABEL");
        let want = Label::parse(label).expect("neg, neu or pos");
        let sentence = sentences(&row.text)
            .find(|s| sha256_hex(s.as_bytes()).starts_with(hash))
            .unwrap_or_else(|| panic!("no sentence {hash} in {}", row.text));
        // A sentence alone, as a blog's would be read: no stars.
        let got = scorer.quick(sentence, &Signals::default());
        if std::env::var_os("SENTENCE_ERRORS").is_some() && got.1 != want {
            println!("{want:?} got {:?} {:.2} | {sentence}", got.1, got.0);
        }
        c.add(want, got.1);
    }
    let f1 = |l| c.f1(l).unwrap_or(0.0);
    println!(
        "{} review sentences: accuracy {:.3}, macro-F1 {:.3}, F1 neg {:.2} neu {:.2} pos {:.2}",
        c.total(),
        c.accuracy(),
        c.macro_f1(),
        f1(Label::Neg),
        f1(Label::Neu),
        f1(Label::Pos)
    );
    assert!(c.total() >= 350, "{} labelled sentences", c.total());
    // Floors under what is reached (docs/sentiment.md, "Review sentences").
    assert!(c.macro_f1() >= 0.58, "macro-F1 {:.3}", c.macro_f1());
    assert!(c.accuracy() >= 0.70, "accuracy {:.3}", c.accuracy());
}
