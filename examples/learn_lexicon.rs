//! Learns `lexicon/learned.tsv`: weights for word and character n-grams,
//! fitted by logistic regression next to the curated, rule-adjusted score,
//! on labelled corpora.
//!
//! ```text
//! cargo run --release --example learn_lexicon -- ../shared/corpora/*/
//! ```
//!
//! Each corpus folder holds `eval.tsv` (`label<TAB>text`). Rows are split by
//! a hash of their text: 60% to learn weights from, 20% to tune the
//! model constants on, and 20% held out: nothing is learned or tuned on it, and
//! the accuracy printed at the end is measured on it only. Features
//! must occur in at least `MIN_DF` training rows, so no single row can leave
//! a trace in the lexicon; the file holds n-grams of at most three words or
//! characters and their weights, never text from the corpora.

use brand_radar::metrics::Confusion;
use brand_radar::sentiment::{
    is_chinese, units, Label, LangParams, Lexicon, Params, ScoreText, Scorer, Signals,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// Fewest training rows a feature must appear in.
const MIN_DF: u32 = 6;
/// Most candidate features tried, and most kept.
const MAX_CANDIDATES: usize = 120_000;
const MAX_KEPT: usize = 40_000;
/// Smallest |weight| kept.
const MIN_WEIGHT: f32 = 0.3;
const EPOCHS: usize = 8;
/// Epochs over the kept features alone, after pruning.
const REFIT_EPOCHS: usize = 3;
const L2: f32 = 3e-5;
/// Latin n-grams get a stronger pull to zero: the English corpora are small,
/// and the rules (VADER's lexicon and heuristics) already know English well.
const L2_LATIN: f32 = 3e-3;
const RATE: f32 = 0.2;
/// Tuning choices this close to the best mean macro-F1 count as equal.
const NEAR_BEST: f64 = 0.005;

/// Which part of the data a row belongs to, by a hash of its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Split {
    /// 60%: weights are learned from these.
    Train,
    /// 20%: the neutral band is chosen on these.
    Tune,
    /// 20%: held out; the accuracy printed is measured here.
    Test,
}

struct Row {
    corpus: usize,
    label: Label,
    text: String,
    split: Split,
    zh: bool,
}

/// FNV-1a: a stable hash for the train / test split.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x1000_0000_01b3)
    })
}

/// The n-grams (1..=3 units) of a text, each once.
fn ngrams(text: &str) -> Vec<String> {
    let t = ScoreText::new(text);
    let (u, joined) = units(&t.text);
    let mut out = Vec::new();
    for i in 0..u.len() {
        for n in 1..=3 {
            let j = i + n - 1;
            if j >= u.len() || (i + 1..=j).any(|k| !joined[k]) {
                break;
            }
            out.push(t.text[u[i].0..u[j].1].to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// A small deterministic shuffle (xorshift), so runs are reproducible.
fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

/// One training row as the model sees it.
struct Example {
    /// 0: en, 1: zh.
    lang: usize,
    /// The dense feature: the rule-adjusted curated sum (or its size).
    rules: f32,
    /// Learned-feature entries present, each with its scope factor.
    grams: Vec<(u32, f32)>,
    /// 1 or 0.
    target: f32,
    /// How much the row counts (its corpus's share).
    weight: f32,
}

/// Logistic regression per language (0: en, 1: zh) with one dense feature
/// and sparse n-gram features, trained by AdaGrad.
struct Logistic {
    w: Vec<f32>,
    g2: Vec<f32>,
    dense: [f32; 2],
    gd: [f32; 2],
    bias: [f32; 2],
    gb: [f32; 2],
}

impl Logistic {
    fn new(features: usize, dense: f32) -> Self {
        Logistic {
            w: vec![0.0; features],
            g2: vec![1e-6; features],
            dense: [dense; 2],
            gd: [1e-6; 2],
            bias: [0.0; 2],
            gb: [1e-6; 2],
        }
    }

    /// One pass over `examples`, using only `active` features; returns the
    /// mean log loss.
    fn epoch(&mut self, examples: &[Example], active: &[bool], l2: &[f32]) -> f32 {
        let mut loss = 0.0;
        for e in examples {
            let on = || {
                e.grams
                    .iter()
                    .map(|&(i, x)| (i as usize, x))
                    .filter(|&(i, _)| active[i])
            };
            let lang = e.lang;
            let z = self.bias[lang]
                + self.dense[lang] * e.rules
                + on().map(|(i, x)| self.w[i] * x).sum::<f32>();
            let p = sigmoid(z);
            loss -= if e.target > 0.5 {
                p.max(1e-7).ln()
            } else {
                (1.0 - p).max(1e-7).ln()
            };
            let g = (p - e.target) * e.weight;
            for (i, x) in on() {
                let gi = g * x + l2[i] * self.w[i];
                self.g2[i] += gi * gi;
                self.w[i] -= RATE * gi / self.g2[i].sqrt();
            }
            let gx = g * e.rules;
            self.gd[lang] += gx * gx;
            self.dense[lang] -= RATE * gx / self.gd[lang].sqrt();
            self.gb[lang] += g * g;
            self.bias[lang] -= RATE * g / self.gb[lang].sqrt();
        }
        loss / examples.len().max(1) as f32
    }

    fn fit(
        &mut self,
        examples: &mut [Example],
        epochs: usize,
        active: &[bool],
        l2: &[f32],
        seed: &mut u64,
        name: &str,
    ) {
        for epoch in 0..epochs {
            shuffle(examples, seed);
            eprintln!(
                "{name} epoch {epoch}: loss {:.4}",
                self.epoch(examples, active, l2)
            );
        }
    }
}

fn evaluate(scorer: &Scorer, rows: &[&Row]) -> (f64, f64) {
    let mut c = Confusion::default();
    for r in rows {
        c.add(r.label, scorer.quick(&r.text, &Signals::default()).1);
    }
    (c.accuracy(), c.macro_f1())
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: learn_lexicon CORPUS_DIR... (each with eval.tsv)");
        std::process::exit(2);
    }
    let mut names = Vec::new();
    let mut rows = Vec::new();
    for (c, dir) in dirs.iter().enumerate() {
        let path = Path::new(dir).join("eval.tsv");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        names.push(
            Path::new(dir)
                .file_name()
                .map_or(dir.clone(), |n| n.to_string_lossy().into_owned()),
        );
        for line in text.lines() {
            if let Some((l, t)) = line.split_once('\t') {
                if let Some(label) = Label::parse(l) {
                    let split = match fnv(t) % 5 {
                        0 => Split::Test,
                        1 => Split::Tune,
                        _ => Split::Train,
                    };
                    let zh = is_chinese(&ScoreText::new(t).text);
                    rows.push(Row {
                        corpus: c,
                        label,
                        text: t.to_string(),
                        split,
                        zh,
                    });
                }
            }
        }
    }
    let train: Vec<&Row> = rows.iter().filter(|r| r.split == Split::Train).collect();
    eprintln!("{} rows, {} for training", rows.len(), train.len());

    // Candidates: n-grams in at least MIN_DF training rows, ranked by how
    // unevenly they split between pos and neg (smoothed log-count ratio).
    let mut df: HashMap<String, [u32; 2]> = HashMap::new();
    let (mut pos_rows, mut neg_rows) = (0f32, 0f32);
    for r in &train {
        let k = match r.label {
            Label::Pos => 1,
            Label::Neg => 0,
            Label::Neu => continue,
        };
        if k == 1 {
            pos_rows += 1.0
        } else {
            neg_rows += 1.0
        }
        for g in ngrams(&r.text) {
            df.entry(g).or_default()[k] += 1;
        }
    }
    let mut cands: Vec<(String, f32)> = df
        .into_iter()
        .filter(|(_, [n, p])| n + p >= MIN_DF)
        .map(|(g, [n, p])| {
            let ratio = ((p as f32 + 1.0) / (pos_rows + 1.0)).ln()
                - ((n as f32 + 1.0) / (neg_rows + 1.0)).ln();
            let rank = ratio.abs() * ((n + p) as f32).ln();
            (g, rank)
        })
        .collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    cands.truncate(MAX_CANDIDATES);
    eprintln!("{} candidate features", cands.len());

    // Each corpus weighs the same within its language, so one big corpus
    // (movie snippets) does not teach its genre's habits to the rest.
    let balance: Vec<f32> = (0..names.len())
        .map(|c| {
            let zh = train.iter().find(|r| r.corpus == c).is_some_and(|r| r.zh);
            let lang: Vec<&&Row> = train.iter().filter(|r| r.zh == zh).collect();
            let corpora = (0..names.len())
                .filter(|&k| lang.iter().any(|r| r.corpus == k))
                .count();
            let own = lang.iter().filter(|r| r.corpus == c).count().max(1);
            lang.len() as f32 / (corpora as f32 * own as f32)
        })
        .collect();
    eprintln!("corpus weights {balance:?}");

    // Features through the scorer itself, so training sees what scoring sees.
    let scorer = Scorer::new(Lexicon::with_learned(
        cands.iter().map(|(g, _)| (g.clone(), 1.0, 0.0)).collect(),
        Params::default(),
    ));
    let mut examples: Vec<Example> = train
        .iter()
        .filter(|r| r.label != Label::Neu)
        .map(|r| {
            let (zh, rules, grams) = scorer.features(&r.text);
            Example {
                lang: zh as usize,
                rules,
                grams,
                target: if r.label == Label::Pos { 1.0 } else { 0.0 },
                weight: balance[r.corpus],
            }
        })
        .collect();
    let n_entries = scorer.lexicon().learned_len();
    let l2: Vec<f32> = (0..n_entries)
        .map(|i| {
            if scorer
                .lexicon()
                .learned_term(i)
                .chars()
                .any(|c| c.is_ascii_alphabetic())
            {
                L2_LATIN
            } else {
                L2
            }
        })
        .collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut active = vec![true; n_entries];
    let mut polarity = Logistic::new(n_entries, 0.3);
    polarity.fit(&mut examples, EPOCHS, &active, &l2, &mut seed, "polarity");

    // Keep the strongest weights, then refit the kept ones alone so they
    // take over what the dropped ones carried. Scoring maps the same logit
    // z to tanh(z / 2) = 2 sigmoid(z) - 1, so the weights carry over as is.
    let w = &polarity.w;
    let mut order: Vec<usize> = (0..n_entries)
        .filter(|&i| w[i].abs() >= MIN_WEIGHT)
        .collect();
    order.sort_by(|&x, &y| w[y].abs().total_cmp(&w[x].abs()));
    order.truncate(MAX_KEPT);
    active.iter_mut().for_each(|a| *a = false);
    for &i in &order {
        active[i] = true;
    }
    polarity.fit(
        &mut examples,
        REFIT_EPOCHS,
        &active,
        &l2,
        &mut seed,
        "refit",
    );

    // Neutrality model for the languages whose corpora have a neutral
    // class: logistic regression on the kept features plus the rule
    // strength |curated|, neutral rows against the rest.
    let mut has_neutral = [false; 2];
    // Neutrality goes by which n-grams are present, whatever their scope.
    let mut nexamples: Vec<Example> = train
        .iter()
        .map(|r| {
            let (zh, rules, grams) = scorer.features(&r.text);
            has_neutral[zh as usize] |= r.label == Label::Neu;
            Example {
                lang: zh as usize,
                rules: rules.abs(),
                grams: grams
                    .into_iter()
                    .filter(|&(i, _)| active[i as usize])
                    .map(|(i, _)| (i, 1.0))
                    .collect(),
                target: if r.label == Label::Neu { 1.0 } else { 0.0 },
                weight: balance[r.corpus],
            }
        })
        .collect();
    nexamples.retain(|e| has_neutral[e.lang]);
    let mut neutrality = Logistic::new(n_entries, 0.0);
    neutrality.fit(
        &mut nexamples,
        EPOCHS,
        &active,
        &l2,
        &mut seed,
        "neutrality",
    );
    let mut kept: Vec<(String, f32, f32)> = order
        .iter()
        .map(|&i| (scorer_term(&scorer, i), polarity.w[i], neutrality.w[i]))
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0));

    // Per language, what serves that language's corpora best on the tuning
    // rows, which nothing was learned from: the neutral band, and where
    // there is a neutrality model its cut-off and the rule strength that
    // rules neutral out; and how much the n-grams count beside the rules
    // (their weights scaled: the rules generalise across genres, n-grams
    // learned on a few corpora less).
    let lang_params = |zh: bool, c: Choice| LangParams {
        curated: polarity.dense[zh as usize],
        bias: polarity.bias[zh as usize],
        neutral: c.band,
        neutral_bias: neutrality.bias[zh as usize],
        neutral_rules: neutrality.dense[zh as usize],
        neutral_gate: c.gate,
        neutral_cut: c.cut,
    };
    let mut chosen = [Choice::default(); 2];
    for zh in [false, true] {
        let corpora: Vec<usize> = (0..names.len())
            .filter(|&c| {
                rows.iter().filter(|r| r.corpus == c && r.zh == zh).count() * 2
                    > rows.iter().filter(|r| r.corpus == c).count()
            })
            .collect();
        let tune: Vec<Vec<&Row>> = corpora
            .iter()
            .map(|&c| {
                rows.iter()
                    .filter(|r| r.split == Split::Tune && r.corpus == c)
                    .collect()
            })
            .collect();
        let (cuts, gates): (&[f32], &[f32]) = if has_neutral[zh as usize] {
            (
                &[0.0, 0.3, 0.45, 0.6, 0.8, 1.0, 1.2, 1.4],
                &[f32::INFINITY, 2.5, 2.0, 1.5, 1.0],
            )
        } else {
            (&[0.0], &[f32::INFINITY])
        };
        let scales: &[f32] = if zh {
            &[1.0]
        } else {
            &[1.0, 0.85, 0.7, 0.55, 0.4, 0.25]
        };
        let mut tried = Vec::new();
        for &scale in scales {
            let mut s = Scorer::new(Lexicon::with_learned(
                scaled(&kept, zh, scale),
                Params::default(),
            ));
            for &band in &[0.02f32, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5] {
                for &cut in cuts {
                    for &gate in gates {
                        let c = Choice {
                            band,
                            cut,
                            gate,
                            scale,
                        };
                        let p = lang_params(zh, c);
                        s.set_params(Params { zh: p, en: p });
                        let f1s: Vec<f64> = tune.iter().map(|rows| evaluate(&s, rows).1).collect();
                        let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
                        tried.push((mean, c, f1s));
                    }
                }
            }
        }
        // Within a hair of the best, the n-grams count least: the choice
        // that leans most on the rules, which carry over to unseen genres.
        let top = tried.iter().map(|t| t.0).fold(f64::MIN, f64::max);
        let (mean, c, f1s) = tried
            .iter()
            .filter(|t| t.0 >= top - NEAR_BEST)
            .min_by(|a, b| a.1.scale.total_cmp(&b.1.scale).then(b.0.total_cmp(&a.0)))
            .expect("a choice was tried");
        eprintln!(
            "{}: {c:?}: mean tuning macro-F1 {mean:.3} {f1s:.3?} (best {top:.3})",
            if zh { "zh" } else { "en" }
        );
        chosen[zh as usize] = *c;
    }
    let kept = scaled(
        &scaled(&kept, false, chosen[0].scale),
        true,
        chosen[1].scale,
    );
    let params = Params {
        zh: lang_params(true, chosen[1]),
        en: lang_params(false, chosen[0]),
    };

    let mut out = String::new();
    writeln!(
        out,
        "# Learned n-gram weights for the Brand Radar scorer, generated by"
    )
    .ok();
    writeln!(
        out,
        "# `cargo run --release --example learn_lexicon -- <corpus dirs>`: logistic regression"
    )
    .ok();
    writeln!(
        out,
        "# over 1-3 word / character n-grams (each in >= {MIN_DF} training rows) next to the"
    )
    .ok();
    writeln!(
        out,
        "# curated rule score, on 80% of: {}.",
        names.join(", ")
    )
    .ok();
    writeln!(
        out,
        "# Terms are folded (lower case, Simplified script). Do not edit by hand."
    )
    .ok();
    for (name, p) in [("zh", params.zh), ("en", params.en)] {
        writeln!(out, "#! {name}.curated {:.4}", p.curated).ok();
        writeln!(out, "#! {name}.bias {:.4}", p.bias).ok();
        writeln!(out, "#! {name}.neutral {:.3}", p.neutral).ok();
        writeln!(out, "#! {name}.nbias {:.4}", p.neutral_bias).ok();
        writeln!(out, "#! {name}.nrules {:.4}", p.neutral_rules).ok();
        if p.neutral_gate.is_finite() {
            writeln!(out, "#! {name}.ngate {:.3}", p.neutral_gate).ok();
        }
        writeln!(out, "#! {name}.ncut {:.3}", p.neutral_cut).ok();
    }
    for (g, x, n) in &kept {
        writeln!(out, "{g}\t{x:.3}\t{n:.3}").ok();
    }
    std::fs::write("lexicon/learned.tsv", out).expect("write lexicon/learned.tsv");
    eprintln!("kept {} features; {params:?}", kept.len());

    let final_scorer = Scorer::new(Lexicon::with_learned(kept, params));
    println!("| corpus | held-out rows | accuracy | macro-F1 |");
    println!("|---|---|---|---|");
    for (c, name) in names.iter().enumerate() {
        let test: Vec<&Row> = rows
            .iter()
            .filter(|r| r.split == Split::Test && r.corpus == c)
            .collect();
        let (acc, f1) = evaluate(&final_scorer, &test);
        println!("| {name} | {} | {acc:.3} | {f1:.3} |", test.len());
    }
}

/// Model constants tuned per language.
#[derive(Debug, Clone, Copy)]
struct Choice {
    band: f32,
    cut: f32,
    gate: f32,
    scale: f32,
}

impl Default for Choice {
    fn default() -> Self {
        Choice {
            band: 0.1,
            cut: 0.0,
            gate: f32::INFINITY,
            scale: 1.0,
        }
    }
}

/// `kept` with the polarity weights of one language's n-grams times `scale`.
fn scaled(kept: &[(String, f32, f32)], zh: bool, scale: f32) -> Vec<(String, f32, f32)> {
    kept.iter()
        .map(|(g, w, n)| {
            let latin = g.chars().any(|c| c.is_ascii_alphabetic());
            let w = if latin != zh { w * scale } else { *w };
            (g.clone(), w, *n)
        })
        .collect()
}

fn scorer_term(s: &Scorer, i: usize) -> String {
    s.lexicon().learned_term(i).to_string()
}
