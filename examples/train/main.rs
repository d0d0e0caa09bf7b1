//! Trains the scorer's learned weights (`lexicon/learned.tsv`,
//! `lexicon/chargram.bin`) on every
//! labelled corpus under a folder, and reports how well they carry over.
//!
//! ```text
//! cargo run --release --example train -- ../shared/corpora            # train, write, report
//! cargo run --release --example train -- ../shared/corpora --loso     # + leave-one-source-out
//! cargo run --release --example train -- ../shared/corpora --leave-out gmaps-taipei --dry-run
//! cargo run --release --example train -- ../shared/corpora --dry-run --loso --floor   # + the floor
//! cargo run --release --example train -- ../shared/corpora --mark     # re-mark the shipped file's flags only
//! cargo run --release --example train -- ../shared/corpora --audit    # reasons that decide rows wrongly
//! ```
//!
//! `--mark` keeps the shipped weights and constants and recomputes only
//! which n-grams are evidence of an opinion and which are shown as reasons
//! (`mark_shown`), against the corpora and today's curated lexicons.
//!
//! `--audit` trains nothing: it lists the shipped scorer's curated reasons
//! that turn more held-out rows wrong than right (`audit.rs`).
//!
//! `--floor` reports, beside each figure, a plain TF-IDF character 1–3-gram
//! logistic regression trained on the same rows (`floor.rs`): the baseline
//! the model must beat, above all where a source was left out.
//!
//! Sources: every `*/eval.tsv` and `train/*/train.tsv[.gz]` under the folder
//! (`label<TAB>text[<TAB>stars]`); a source is named by its folder. Rows are
//! split by a hash of their text: 70% to learn weights from, 10% to tune
//! the model constants on, 20% held out (the "held-out" table).
//!
//! The model: two logistic regressions over 1–3 word / character n-grams
//! beside the curated, rule-adjusted score — polarity (pos against neg, on
//! every source's polar rows) and neutrality (neu against the rest, on the
//! sources that have a neutral class, so a binary source never teaches that
//! nothing is neutral). Sources weigh as the square root of their size
//! within a language: a large one counts more than a small one, but cannot
//! drown the others' genres. A lexicon source (single words) weighs half.
//! Beside them, the character n-gram model (`lexicon/chargram.bin`): the
//! floor's recipe on the Chinese rows, its weight tuned with the constants.
//!
//! No corpus text reaches the file: a feature must occur in at least
//! `MIN_DF` training rows, and is at most three words or characters long.
//! Deterministic: the split, the candidate order and the shuffles depend on
//! the data and `--seed` only.

mod audit;
mod floor;

use brand_radar::metrics::{Confusion, Split};
use brand_radar::sentiment::{
    is_chinese, neutral_weight, parse_learned, units, CharGrams, Label, Learned, Lexicon, Params,
    Parts, ScoreText, Scorer, Signals,
};
use floor::Floor;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Fewest training rows a feature must appear in.
const MIN_DF: u32 = 6;
/// Candidates tried: the strongest by polarity, and by neutrality.
const POLAR_CANDIDATES: usize = 300_000;
const NEUTRAL_CANDIDATES: usize = 60_000;
/// Most features kept, and the smallest |weight| that keeps one.
const MAX_KEPT: usize = 160_000;
const MIN_WEIGHT: f32 = 0.15;
const EPOCHS: usize = 6;
/// Epochs over the kept features alone, after pruning.
const REFIT_EPOCHS: usize = 3;
const L2: f32 = 2e-5;
/// Latin n-grams get a stronger pull to zero: the English corpora are
/// small, and the rules (VADER's lexicon and heuristics) know English well.
const L2_LATIN: f32 = 1e-3;
const RATE: f32 = 0.2;
/// Most rows of one source used for tuning (the rest add little).
const TUNE_ROWS: usize = 4_000;
/// Tuning choices this close to the best mean macro-F1 count as equal.
const NEAR_BEST: f64 = 0.002;
/// Hash buckets of the shipped character n-gram model (2^18: 512 KB, a
/// quarter of it after gzip).
const CHAR_BUCKETS: usize = 1 << 18;
/// Most rows of one source scored in a leave-one-source-out report.
const REPORT_ROWS: usize = 30_000;
/// How much a binary source's row counts as "not neutral".
const BINARY_NEUTRALITY: f32 = 0.5;
/// Tune on the labels a user sees (a neutral on a pos-or-neg row is wrong).
const FULL_LABELS: bool = true;

struct Row {
    source: usize,
    label: Label,
    text: String,
    split: Split,
}

struct Source {
    name: String,
    /// Has a neutral class.
    neutral: bool,
    /// Single words, not sentences.
    lexicon: bool,
    /// Mostly Chinese.
    zh: bool,
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

/// A small deterministic shuffle (xorshift).
fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

/// One training row as a model sees it.
struct Example {
    /// 0: other, 1: Chinese.
    lang: usize,
    /// The dense feature: the bounded rule sum (or its size).
    rules: f32,
    /// Candidate features present, each with its scope factor.
    grams: Vec<(u32, f32)>,
    target: f32,
    weight: f32,
}

/// Logistic regression per language with one dense feature and sparse
/// n-gram features, trained by AdaGrad.
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
            loss -= e.weight
                * if e.target > 0.5 {
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
    ) {
        for _ in 0..epochs {
            shuffle(examples, seed);
            self.epoch(examples, active, l2);
        }
    }
}

/// Sources of sentences (not the lexicon) that must agree on a shown
/// n-gram's polarity.
const SHOWN_AGREE: usize = 3;
/// Occurrences in a source's polar rows for its vote to count.
const SHOWN_MIN_ROWS: u32 = 8;
/// Log-odds of a vote (pos against neg, each relative to its class size).
const SHOWN_LOG_ODDS: f32 = 0.7;

/// Marks the n-grams a reader may be shown as reasons: those whose weight
/// agrees with their polarity in at least `SHOWN_AGREE` sentence sources and
/// disagrees in none, and that hold a whole sentiment word of that polarity
/// (a lexicon source's word, such as NTUSD's, or a curated valence term).
/// Topic words (昨天, 店長, 拿鐵) and pieces of words (么会) fail the second
/// test however often complaints mention them.
fn mark_shown(sources: &[Source], train: &[&Row], kept: &mut [Learned]) {
    let index: HashMap<&str, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, l)| (l.term.as_str(), i))
        .collect();
    // A lexicon source's words with their polarity (+1 / -1), folded.
    let mut words: HashMap<String, f32> = HashMap::new();
    // counts[source][feature] = [neg, pos]
    let mut counts = vec![vec![[0u32; 2]; kept.len()]; sources.len()];
    let mut totals = vec![[0f32; 2]; sources.len()];
    for r in train {
        let k = match r.label {
            Label::Neg => 0,
            Label::Pos => 1,
            Label::Neu => continue,
        };
        if sources[r.source].lexicon {
            words.insert(ScoreText::new(&r.text).text, k as f32 * 2.0 - 1.0);
            continue;
        }
        totals[r.source][k] += 1.0;
        for g in ngrams(&r.text) {
            if let Some(&i) = index.get(g.as_str()) {
                counts[r.source][i][k] += 1;
            }
        }
    }
    let curated = Scorer::new(Lexicon::with_learned(Vec::new(), Params::default()));
    let holds_word = |term: &str, sign: f32| {
        if curated.parts(term).rules * sign > 0.0 {
            return true;
        }
        let chars: Vec<(usize, char)> = term.char_indices().collect();
        let edge = |i: usize| {
            i == 0
                || i == chars.len()
                || !chars[i - 1].1.is_ascii_alphanumeric()
                || !chars[i].1.is_ascii_alphanumeric()
        };
        let at = |i: usize| chars.get(i).map_or(term.len(), |c| c.0);
        (0..chars.len()).any(|i| {
            (i + 2..=chars.len()).any(|j| {
                edge(i) && edge(j) && words.get(&term[at(i)..at(j)]).is_some_and(|&p| p == sign)
            })
        })
    };
    let mut shown = 0;
    for (i, l) in kept.iter_mut().enumerate() {
        let sign = l.polarity.signum();
        (l.shown, l.evidence) = (false, false);
        if l.polarity.abs() < 0.3 {
            continue;
        }
        let (mut agree, mut disagree) = (0, 0);
        for s in 0..sources.len() {
            let [n, p] = counts[s][i];
            let odds = ((p as f32 + 0.5) / (totals[s][1] + 1.0)).ln()
                - ((n as f32 + 0.5) / (totals[s][0] + 1.0)).ln();
            if n + p < SHOWN_MIN_ROWS || odds.abs() < SHOWN_LOG_ODDS {
                continue;
            }
            if odds.signum() == sign {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
        l.evidence = agree >= SHOWN_AGREE && disagree == 0;
        l.shown = l.evidence && holds_word(&l.term, sign);
        shown += l.shown as usize;
    }
    eprintln!(
        "  {shown} of {} n-grams pass the test of a shown reason, {} are evidence",
        kept.len(),
        kept.iter().filter(|l| l.evidence).count()
    );
}

/// Model constants chosen on the tuning rows, per language.
#[derive(Debug, Clone, Copy)]
struct Choice {
    band: f32,
    cut: f32,
    gate: f32,
    scale: f32,
    chars: f32,
}

/// Reads a source's rows: `label<TAB>text[<TAB>…]`.
fn read_rows(path: &Path) -> String {
    let mut text = String::new();
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let read = if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    };
    read.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text
}

/// Every source under `root`: `*/eval.tsv` and `train/*/train.tsv[.gz]`.
fn find_sources(root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    for (dir, file) in [
        (root.to_path_buf(), "eval.tsv"),
        (root.join("train"), "train.tsv"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            for f in [file.to_string(), format!("{file}.gz")] {
                let p = e.path().join(&f);
                if p.is_file() {
                    found.push((name.clone(), p));
                    break;
                }
            }
        }
    }
    found.sort();
    found
}

fn load(root: &Path) -> (Vec<Source>, Vec<Row>) {
    let mut sources = Vec::new();
    let mut rows = Vec::new();
    for (name, path) in find_sources(root) {
        let s = sources.len();
        let text = read_rows(&path);
        let (mut zh, mut neutral, mut n, mut long) = (0usize, false, 0usize, 0usize);
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(l), Some(t)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Some(label) = Label::parse(l) else {
                continue;
            };
            let split = Split::of(t);
            let is_zh = is_chinese(&ScoreText::new(t).text);
            zh += is_zh as usize;
            neutral |= label == Label::Neu;
            n += 1;
            long += (t.chars().count() > 12) as usize;
            rows.push(Row {
                source: s,
                label,
                text: t.to_string(),
                split,
            });
        }
        eprintln!("{name}: {n} rows ({})", path.display());
        sources.push(Source {
            name,
            neutral,
            lexicon: long * 10 < n,
            zh: zh * 2 > n,
        });
    }
    (sources, rows)
}

/// Per-row weights: within a language, each source's rows add up to a share
/// proportional to the square root of its size (a lexicon source: half).
fn weights(sources: &[Source], rows: &[&Row], keep: impl Fn(&Row) -> bool) -> Vec<f32> {
    let mut count = vec![0f32; sources.len()];
    for r in rows.iter().filter(|r| keep(r)) {
        count[r.source] += 1.0;
    }
    let share = |s: usize| count[s].sqrt() * if sources[s].lexicon { 0.5 } else { 1.0 };
    (0..sources.len())
        .map(|s| {
            let lang = |k: usize| sources[k].zh == sources[s].zh && count[k] > 0.0;
            let total: f32 = (0..sources.len())
                .filter(|&k| lang(k))
                .map(|k| count[k])
                .sum();
            let shares: f32 = (0..sources.len()).filter(|&k| lang(k)).map(share).sum();
            if count[s] == 0.0 {
                0.0
            } else {
                total * share(s) / shares / count[s]
            }
        })
        .collect()
}

/// What one training run produces.
struct Model {
    kept: Vec<Learned>,
    params: Params,
    /// The character n-gram model, as `lexicon/chargram.bin` holds it.
    chars: Vec<u8>,
}

impl Model {
    /// The scorer this model makes, as shipped.
    fn scorer(self) -> Scorer {
        Scorer::new(
            Lexicon::with_learned(self.kept, self.params)
                .with_chars(CharGrams::from_bytes(&self.chars)),
        )
    }
}

/// Learns the weights and constants from the sources not left out.
fn train(sources: &[Source], rows: &[Row], left_out: &[usize], seed: u64) -> Model {
    let t0 = Instant::now();
    let used = |r: &Row| !left_out.contains(&r.source);
    let train: Vec<&Row> = rows
        .iter()
        .filter(|r| r.split == Split::Train && used(r))
        .collect();

    // Candidates: n-grams in at least MIN_DF training rows, ranked by how
    // unevenly they split between pos and neg, and between neu and the rest
    // (smoothed log-count ratios).
    let mut df: HashMap<String, [u32; 4]> = HashMap::new();
    let mut totals = [0f32; 4];
    for r in &train {
        let k = match r.label {
            Label::Neg => 0,
            Label::Neu => 1,
            Label::Pos => 2,
        };
        // Slot 3: polar rows of sources that have a neutral class.
        let three = sources[r.source].neutral && k != 1;
        totals[k] += 1.0;
        if three {
            totals[3] += 1.0;
        }
        for g in ngrams(&r.text) {
            let d = df.entry(g).or_default();
            d[k] += 1;
            if three {
                d[3] += 1;
            }
        }
    }
    let ratio = |a: u32, ta: f32, b: u32, tb: f32| {
        ((a as f32 + 1.0) / (ta + 1.0)).ln() - ((b as f32 + 1.0) / (tb + 1.0)).ln()
    };
    let mut polar: Vec<(&String, f32)> = Vec::new();
    let mut neutral: Vec<(&String, f32)> = Vec::new();
    for (g, d) in &df {
        if d[0] + d[1] + d[2] < MIN_DF {
            continue;
        }
        let n = (d[0] + d[2]).max(1) as f32;
        polar.push((g, ratio(d[2], totals[2], d[0], totals[0]).abs() * n.ln()));
        if d[1] + d[3] >= MIN_DF {
            let m = (d[1] + d[3]) as f32;
            neutral.push((g, ratio(d[1], totals[1], d[3], totals[3]).abs() * m.ln()));
        }
    }
    let rank = |v: &mut Vec<(&String, f32)>, n: usize| {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.truncate(n);
    };
    rank(&mut polar, POLAR_CANDIDATES);
    rank(&mut neutral, NEUTRAL_CANDIDATES);
    let mut cands: Vec<String> = polar
        .iter()
        .chain(&neutral)
        .map(|(g, _)| (*g).clone())
        .collect();
    cands.sort();
    cands.dedup();
    drop(df);
    eprintln!("  {} candidates ({:.0?})", cands.len(), t0.elapsed());

    // Features through the scorer itself, so training sees what scoring sees.
    let scorer = Scorer::new(Lexicon::with_learned(
        cands
            .iter()
            .map(|g| Learned::new(g.clone(), 1.0, 0.0))
            .collect(),
        Params::default(),
    ));
    let n_features = scorer.lexicon().learned_len();
    let l2: Vec<f32> = (0..n_features)
        .map(|i| {
            let latin = scorer
                .lexicon()
                .learned_term(i)
                .chars()
                .any(|c| c.is_ascii_alphabetic());
            if latin {
                L2_LATIN
            } else {
                L2
            }
        })
        .collect();
    let polar_w = weights(sources, &train, |r| r.label != Label::Neu);
    let neutral_w = weights(sources, &train, |_| true);
    let mut pol = Vec::new();
    let mut neu = Vec::new();
    for r in &train {
        let (zh, rules, grams) = scorer.features(&r.text);
        let lang = zh as usize;
        {
            // A binary source's rows were judged pos or neg by people:
            // they teach what is not neutral, at half weight.
            let half = if sources[r.source].neutral {
                1.0
            } else {
                BINARY_NEUTRALITY
            };
            neu.push(Example {
                lang,
                rules: rules.abs(),
                // Neutrality goes by which n-grams are present, whatever
                // their scope, as scoring weighs them.
                grams: {
                    let w = neutral_weight(zh, grams.len());
                    grams.iter().map(|&(i, _)| (i, w)).collect()
                },
                target: (r.label == Label::Neu) as u8 as f32,
                weight: neutral_w[r.source] * half,
            });
        }
        if r.label != Label::Neu {
            pol.push(Example {
                lang,
                rules,
                grams,
                target: (r.label == Label::Pos) as u8 as f32,
                weight: polar_w[r.source],
            });
        }
    }
    eprintln!(
        "  {} polar, {} neutrality examples ({:.0?})",
        pol.len(),
        neu.len(),
        t0.elapsed()
    );

    let mut seed = seed;
    let mut active = vec![true; n_features];
    let mut polarity = Logistic::new(n_features, 0.3);
    polarity.fit(&mut pol, EPOCHS, &active, &l2, &mut seed);
    let mut neutrality = Logistic::new(n_features, 0.0);
    neutrality.fit(&mut neu, EPOCHS, &active, &l2, &mut seed);

    // Keep the strongest weights of either model, then refit the kept ones
    // alone so they take over what the dropped ones carried.
    let strength = |i: usize| polarity.w[i].abs().max(neutrality.w[i].abs());
    let mut order: Vec<usize> = (0..n_features)
        .filter(|&i| strength(i) >= MIN_WEIGHT)
        .collect();
    order.sort_by(|&x, &y| strength(y).total_cmp(&strength(x)).then(x.cmp(&y)));
    order.truncate(MAX_KEPT);
    active.iter_mut().for_each(|a| *a = false);
    for &i in &order {
        active[i] = true;
    }
    polarity.fit(&mut pol, REFIT_EPOCHS, &active, &l2, &mut seed);
    neutrality.fit(&mut neu, REFIT_EPOCHS, &active, &l2, &mut seed);
    drop((pol, neu));
    let mut kept: Vec<Learned> = order
        .iter()
        .map(|&i| {
            let g = scorer.lexicon().learned_term(i).to_string();
            Learned::new(g, polarity.w[i], neutrality.w[i])
        })
        .collect();
    kept.sort_by(|a, b| a.term.cmp(&b.term));
    mark_shown(sources, &train, &mut kept);
    eprintln!("  kept {} features ({:.0?})", kept.len(), t0.elapsed());

    // Per language, the constants that serve that language's sources best
    // on the tuning rows, which nothing was learned from: the neutral band;
    // with a neutrality model its cut-off and the rule strength that rules
    // neutral out; and how much the n-grams count beside the rules.
    // The character n-gram model: the floor's recipe on the Chinese rows,
    // in fewer buckets, quantised as shipped.
    let zh_train: Vec<&Row> = train
        .iter()
        .copied()
        .filter(|r| sources[r.source].zh)
        .collect();
    let chars = Floor::train(&zh_train, seed, CHAR_BUCKETS).to_chars();
    eprintln!("  character n-grams ({:.0?})", t0.elapsed());
    let scorer = Scorer::new(
        Lexicon::with_learned(kept.clone(), Params::default())
            .with_chars(CharGrams::from_bytes(&chars)),
    );
    let mut params = Params::default();
    for zh in [false, true] {
        let lang = zh as usize;
        let p = if zh { &mut params.zh } else { &mut params.en };
        p.curated = polarity.dense[lang];
        p.bias = polarity.bias[lang];
        p.neutral_bias = neutrality.bias[lang];
        p.neutral_rules = neutrality.dense[lang];
    }
    let has_neutral = |zh: bool| {
        sources
            .iter()
            .enumerate()
            .any(|(s, src)| src.neutral && src.zh == zh && !left_out.contains(&s))
    };
    for zh in [false, true] {
        // Each source's tuning rows as parts, scored once.
        let mut tune: Vec<(bool, Vec<(Label, Parts)>)> = Vec::new();
        for (s, src) in sources.iter().enumerate() {
            if src.zh != zh || src.lexicon || left_out.contains(&s) {
                continue;
            }
            let mut mine: Vec<&Row> = rows
                .iter()
                .filter(|r| r.source == s && r.split == Split::Tune)
                .collect();
            let mut sd = seed ^ s as u64;
            shuffle(&mut mine, &mut sd);
            mine.truncate(TUNE_ROWS);
            let parts = mine
                .iter()
                .map(|r| (r.label, scorer.parts(&r.text)))
                .collect();
            tune.push((src.neutral, parts));
        }
        let (cuts, gates): (&[f32], &[f32]) = if has_neutral(zh) {
            (
                &[0.0, 0.45, 0.6, 0.8, 1.0, 1.2, 1.4, 1.7],
                &[f32::INFINITY, 2.5, 2.0, 1.5, 1.0],
            )
        } else {
            (&[0.0], &[f32::INFINITY])
        };
        let char_weights: &[f32] = if zh {
            &[0.0, 0.25, 0.5, 0.75, 1.0]
        } else {
            &[0.0]
        };
        // Every combination of the constants, each scored on every tuning row.
        let mut choices = Vec::new();
        for &chars in char_weights {
            for &scale in &[1.0f32, 0.85, 0.7, 0.55, 0.4] {
                for &band in &[0.02f32, 0.05, 0.1, 0.15, 0.2, 0.3] {
                    for &cut in cuts {
                        for &gate in gates {
                            choices.push(Choice {
                                band,
                                cut,
                                gate,
                                scale,
                                chars,
                            });
                        }
                    }
                }
            }
        }
        let tried: Vec<(f64, Choice)> = choices
            .into_iter()
            .map(|c| {
                let mut ps = params;
                apply(&mut ps, zh, c);
                let mean = tune
                    .iter()
                    .map(|(three, rows)| {
                        // A binary source is judged as binary sets are:
                        // pos or neg, by the sign of the score.
                        let mut m = Confusion::default();
                        for (gold, parts) in rows {
                            let (score, label, _) = parts.verdict(&ps, &Signals::default());
                            let seen = if *three || FULL_LABELS {
                                label
                            } else {
                                pos_or_neg(score)
                            };
                            m.add(*gold, seen);
                        }
                        m.macro_f1()
                    })
                    .sum::<f64>()
                    / tune.len().max(1) as f64;
                (mean, c)
            })
            .collect();
        // Within a hair of the best, the n-grams count least: the choice
        // that leans most on the rules, which carry over to unseen genres.
        let top = tried.iter().map(|t| t.0).fold(f64::MIN, f64::max);
        let (mean, c) = *tried
            .iter()
            .filter(|t| t.0 >= top - NEAR_BEST)
            .min_by(|a, b| a.1.scale.total_cmp(&b.1.scale).then(b.0.total_cmp(&a.0)))
            .expect("a choice was tried");
        eprintln!(
            "  {}: {c:?}: mean tuning macro-F1 {mean:.3} (best {top:.3})",
            if zh { "zh" } else { "en" }
        );
        apply(&mut params, zh, c);
    }
    eprintln!("  trained in {:.0?}", t0.elapsed());
    Model {
        kept,
        params,
        chars,
    }
}

fn apply(params: &mut Params, zh: bool, c: Choice) {
    let p = if zh { &mut params.zh } else { &mut params.en };
    p.neutral = c.band;
    p.neutral_cut = c.cut;
    p.neutral_gate = c.gate;
    p.learned = c.scale;
    p.chars = c.chars;
}

/// Accuracy and macro-F1 of `scorer` on `rows`, and the same with a
/// pos-or-neg decision (for sources without a neutral class).
fn evaluate(scorer: &Scorer, rows: &[&Row]) -> (f64, f64, f64) {
    let mut c = Confusion::default();
    let mut polar = Confusion::default();
    for r in rows {
        let (score, label, _) = scorer.quick(&r.text, &Signals::default());
        c.add(r.label, label);
        polar.add(r.label, pos_or_neg(score));
    }
    (c.accuracy(), c.macro_f1(), polar.accuracy())
}

/// The same figures for the floor model.
fn evaluate_floor(floor: &Floor, rows: &[&Row]) -> (f64, f64, f64) {
    let mut c = Confusion::default();
    let mut polar = Confusion::default();
    for r in rows {
        let (label, pos_neg) = floor.judge(&r.text);
        c.add(r.label, label);
        polar.add(r.label, pos_neg);
    }
    (c.accuracy(), c.macro_f1(), polar.accuracy())
}

/// One row of a report table: `rows` of `src` scored by `scorer`, and by
/// the floor model where there is one.
fn report_row(scorer: &Scorer, floor: Option<&Floor>, name: &str, src: &Source, rows: &[&Row]) {
    // A source with a neutral class has no pos-or-neg figure.
    let cells = |(acc, f1, polar): (f64, f64, f64)| {
        let polar = if src.neutral {
            "—".to_string()
        } else {
            format!("{polar:.3}")
        };
        format!("{acc:.3} | {f1:.3} | {polar}")
    };
    let ours = cells(evaluate(scorer, rows));
    match floor {
        Some(f) => println!(
            "| {name} | {} | {ours} | {} |",
            rows.len(),
            cells(evaluate_floor(f, rows))
        ),
        None => println!("| {name} | {} | {ours} |", rows.len()),
    }
}

/// The header of a report table.
fn report_header(floor: bool) {
    if floor {
        println!("| source | rows | accuracy | macro-F1 | pos/neg decision accuracy | floor accuracy | floor macro-F1 | floor pos/neg |");
        println!("|---|---|---|---|---|---|---|---|");
    } else {
        println!("| source | rows | accuracy | macro-F1 | pos/neg decision accuracy |");
        println!("|---|---|---|---|---|");
    }
}

/// The floor trained on the training rows of the sources not left out.
fn train_floor(rows: &[Row], left_out: &[usize], seed: u64) -> Floor {
    let t0 = Instant::now();
    let train: Vec<&Row> = rows
        .iter()
        .filter(|r| r.split == Split::Train && !left_out.contains(&r.source))
        .collect();
    let floor = Floor::train(&train, seed, floor::BUCKETS);
    eprintln!(
        "floor trained on {} rows in {:.0?}",
        train.len(),
        t0.elapsed()
    );
    floor
}

/// The pos-or-neg decision of a score.
fn pos_or_neg(score: f32) -> Label {
    if score >= 0.0 {
        Label::Pos
    } else {
        Label::Neg
    }
}

/// The model as `lexicon/learned.tsv` holds it.
fn model_text(model: &Model, names: &[&str]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Learned n-gram weights for the Brand Radar scorer. Made by"
    );
    let _ = writeln!(
        out,
        "# `cargo run --release --example train -- ../shared/corpora`: logistic regression"
    );
    let _ = writeln!(
        out,
        "# (polarity; neutrality) over 1-3 word / character n-grams, each in >= {MIN_DF}"
    );
    let _ = writeln!(
        out,
        "# training rows, next to the curated rule score, on 70% of each of:"
    );
    for chunk in names.chunks(6) {
        let _ = writeln!(out, "#   {}", chunk.join(", "));
    }
    let _ = writeln!(
        out,
        "# Terms are folded (lower case, Simplified script). Do not edit by hand."
    );
    for (name, p) in [("zh", model.params.zh), ("en", model.params.en)] {
        let _ = writeln!(out, "#! {name}.curated {:.4}", p.curated);
        let _ = writeln!(out, "#! {name}.bias {:.4}", p.bias);
        let _ = writeln!(out, "#! {name}.learned {:.3}", p.learned);
        let _ = writeln!(out, "#! {name}.neutral {:.3}", p.neutral);
        let _ = writeln!(out, "#! {name}.nbias {:.4}", p.neutral_bias);
        let _ = writeln!(out, "#! {name}.nrules {:.4}", p.neutral_rules);
        if p.neutral_gate.is_finite() {
            let _ = writeln!(out, "#! {name}.ngate {:.3}", p.neutral_gate);
        }
        let _ = writeln!(out, "#! {name}.ncut {:.3}", p.neutral_cut);
        let _ = writeln!(out, "#! {name}.chars {:.3}", p.chars);
    }
    for l in &model.kept {
        out.push_str(&learned_row(l));
    }
    out
}

/// One n-gram's line of `learned.tsv`: the flag `1` for a shown n-gram,
/// `2` for evidence not shown, none for the rest.
fn learned_row(l: &Learned) -> String {
    let (g, x, n) = (&l.term, l.polarity, l.neutrality);
    match (l.shown, l.evidence) {
        (true, _) => format!("{g}\t{x:.2}\t{n:.2}\t1\n"),
        (false, true) => format!("{g}\t{x:.2}\t{n:.2}\t2\n"),
        (false, false) => format!("{g}\t{x:.2}\t{n:.2}\n"),
    }
}

/// `--mark`: the file at `out` with its flags recomputed, its weights and
/// constants as they are.
fn mark_file(sources: &[Source], rows: &[Row], out: &str) {
    let text = std::fs::read_to_string(out).unwrap_or_else(|e| panic!("read {out}: {e}"));
    let (mut kept, _) = parse_learned(&text);
    let train: Vec<&Row> = rows.iter().filter(|r| r.split == Split::Train).collect();
    mark_shown(sources, &train, &mut kept);
    let mut marked: String = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    for l in &kept {
        marked.push_str(&learned_row(l));
    }
    std::fs::write(out, marked).unwrap_or_else(|e| panic!("write {out}: {e}"));
    eprintln!("re-marked {out}");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let (mut loso, mut dry, mut with_floor, mut mark) = (false, false, false, false);
    let mut audit = false;
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut leave: Vec<String> = Vec::new();
    let mut only: Vec<String> = Vec::new();
    let mut out = "lexicon/learned.tsv".to_string();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--loso" => loso = true,
            "--dry-run" => dry = true,
            "--floor" => with_floor = true,
            "--mark" => mark = true,
            "--audit" => audit = true,
            "--leave-out" => leave.extend(args.next()),
            "--only" => only.extend(args.next()),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--out" => out = args.next().expect("--out FILE"),
            _ if root.is_none() && !a.starts_with('-') => root = Some(PathBuf::from(a)),
            _ => {
                eprintln!("usage: train CORPORA_DIR [--loso] [--floor] [--leave-out NAME]... [--only NAME]... [--dry-run] [--mark] [--audit] [--seed N] [--out FILE]");
                std::process::exit(2);
            }
        }
    }
    let Some(root) = root else {
        eprintln!("usage: train CORPORA_DIR [--loso] [--floor] [--leave-out NAME]... [--only NAME]... [--dry-run] [--mark] [--audit] [--seed N] [--out FILE]");
        std::process::exit(2);
    };
    let (sources, rows) = load(&root);
    if sources.is_empty() {
        eprintln!("no eval.tsv or train/*/train.tsv under {}", root.display());
        std::process::exit(2);
    }
    if mark {
        mark_file(&sources, &rows, &out);
        return;
    }
    if audit {
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        audit::audit(Scorer::builtin(), &names, &rows);
        return;
    }
    let left: Vec<usize> = leave
        .iter()
        .map(|n| {
            sources
                .iter()
                .position(|s| &s.name == n)
                .unwrap_or_else(|| panic!("no source {n}"))
        })
        .collect();
    let names: Vec<&str> = sources
        .iter()
        .enumerate()
        .filter(|(i, _)| !left.contains(i))
        .map(|(_, s)| s.name.as_str())
        .collect();

    eprintln!("training on {} sources", names.len());
    let model = train(&sources, &rows, &left, seed);
    // Measured as shipped: the file's rounded weights, read back.
    let text = model_text(&model, &names);
    // The character n-gram model beside it (`learned.tsv` -> `chargram.bin`).
    let chars_out = Path::new(&out).with_file_name("chargram.bin");
    if !dry {
        std::fs::write(&out, &text).unwrap_or_else(|e| panic!("write {out}: {e}"));
        std::fs::write(&chars_out, &model.chars)
            .unwrap_or_else(|e| panic!("write {}: {e}", chars_out.display()));
        eprintln!("wrote {out} and {}", chars_out.display());
    }
    let (kept, params) = parse_learned(&text);
    let scorer = Model {
        kept,
        params,
        chars: model.chars,
    }
    .scorer();
    let floor = with_floor.then(|| train_floor(&rows, &left, seed));
    println!("## Held out (20% of each source, by a hash of the text)\n");
    report_header(with_floor);
    for (s, src) in sources.iter().enumerate() {
        let test: Vec<&Row> = rows
            .iter()
            .filter(|r| r.source == s && r.split == Split::Test)
            .collect();
        let note = if left.contains(&s) { " (left out)" } else { "" };
        report_row(
            &scorer,
            floor.as_ref(),
            &format!("{}{note}", src.name),
            src,
            &test,
        );
    }
    if !loso {
        return;
    }
    println!("\n## Leave one source out (trained without the source, scored on up to {REPORT_ROWS} of its rows)\n");
    report_header(with_floor);
    for (s, src) in sources.iter().enumerate() {
        if !only.is_empty() && !only.contains(&src.name) {
            continue;
        }
        eprintln!("leaving out {}", src.name);
        let scorer = train(&sources, &rows, &[s], seed).scorer();
        let floor = with_floor.then(|| train_floor(&rows, &[s], seed));
        let mut mine: Vec<&Row> = rows.iter().filter(|r| r.source == s).collect();
        let mut sd = seed;
        shuffle(&mut mine, &mut sd);
        mine.truncate(REPORT_ROWS);
        report_row(&scorer, floor.as_ref(), &src.name, src, &mine);
    }
}
