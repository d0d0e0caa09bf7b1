//! The shipped model (`lexicon/learned.tsv`) against the corpora it was
//! trained on and the pages a user sees. Reads `../shared/`; skips, saying
//! why, where it is absent (a user's own clone).

use brand_radar::metrics::{Confusion, Split};
use brand_radar::sentiment::{Label, ReasonKind, Scorer, Signals};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod common;
use common::{read_text, shared};

fn rows(path: &Path) -> Vec<(Label, String)> {
    read_text(path)
        .lines()
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some((Label::parse(c.next()?)?, c.next()?.to_string()))
        })
        .collect()
}

/// The held-out figures documented in docs/sentiment.md ("Held out"), as
/// `examples/train.rs` printed them for the shipped weights, and as the
/// curated terms added since (sessions 15 to 19, no retraining) and the
/// character model's blind spot for phrases that turn a word and the
/// learned sum's bound (session 20) and praise asked about (session 21:
/// the conversation set's 「喜歡什麼」 is a question labelled `pos`) and words
/// that hold a negator and negate nothing (session 23) and a clear
/// complaint that is not neutral for its length (session 24), the ASCII
/// sarcasm cues standing alone (session 30) and an order got wrong
/// (session 31, 做錯) and 呵呵, a laugh as often as a sneer, and `comedy`
/// and `with friends`, no judgements (session 33) and VADER words that say
/// nothing in a review (session 42: pay, share, "pretty much") and 高 / 低 as a
/// level a measure stands at (session 46: 「效率很高」) and 誰說 as a denial
/// (「管理誰說髒話就踢誰」 is "whoever says") moved them:
/// (source, file, accuracy, macro-F1).
const DOCUMENTED: &[(&str, &str, f64, f64)] = &[
    (
        "chnsenticorp-hotel",
        "chnsenticorp-hotel/eval.tsv",
        0.868,
        0.867,
    ),
    ("waimai-delivery", "waimai-delivery/eval.tsv", 0.874, 0.876),
    ("jd-goods", "train/jd-goods/train.tsv", 0.918, 0.935),
    (
        "zh-conversation",
        "train/zh-conversation/train.tsv",
        0.775,
        0.827,
    ),
    (
        "bdci-car-forum",
        "train/bdci-car-forum/train.tsv",
        0.535,
        0.455,
    ),
    (
        "gmaps-taipei",
        "train/gmaps-taipei/train.tsv.gz",
        0.831,
        0.637,
    ),
    ("vader-tweets", "vader-tweets/eval.tsv", 0.782, 0.690),
    (
        "airline-tweets",
        "train/airline-tweets/train.tsv",
        0.743,
        0.676,
    ),
    (
        "financial-phrasebank",
        "train/financial-phrasebank/train.tsv",
        0.693,
        0.656,
    ),
];

#[test]
fn shipped_weights_reproduce_the_documented_held_out_figures() {
    let Some(corpora) = shared("corpora") else {
        return;
    };
    let scorer = Scorer::builtin();
    // Every source measured before any is judged: a change shows all it moved.
    let mut off = Vec::new();
    for (name, file, accuracy, macro_f1) in DOCUMENTED {
        let mut c = Confusion::default();
        for (gold, text) in rows(&corpora.join(file)) {
            if Split::of(&text) == Split::Test {
                c.add(gold, scorer.quick(&text, &Signals::default()).1);
            }
        }
        assert!(c.total() > 500, "{name}: only {} held-out rows", c.total());
        let (a, f) = (c.accuracy(), c.macro_f1());
        println!("{name}: held-out accuracy {a:.3} / macro-F1 {f:.3}");
        if (a - accuracy).abs() >= 0.0015 || (f - macro_f1).abs() >= 0.0015 {
            off.push(format!(
                "{name}: held-out accuracy {a:.3} / macro-F1 {f:.3}, documented {accuracy:.3} / {macro_f1:.3}"
            ));
        }
    }
    assert!(off.is_empty(), "{}", off.join("\n"));
}

/// Every unit of every saved real page and demo page, as `brand-radar scan`
/// extracts them.
fn page_units() -> Option<Vec<String>> {
    let pages = shared("pages")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("demo/pages"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    for site in std::fs::read_dir(&pages).ok()?.flatten() {
        files.extend(
            std::fs::read_dir(site.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        );
    }
    files.retain(|p| p.extension().is_some_and(|e| e == "html"));
    files.sort();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brand-radar"))
        .args(["scan", "--brand", "雲朵咖啡,雲朵,Cloud Cafe", "--json"])
        .args(&files)
        .output()
        .expect("brand-radar scan runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut units = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let page: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        for u in page["units"].as_array().into_iter().flatten() {
            units.extend(u["text"].as_str().map(str::to_string));
        }
    }
    Some(units)
}

#[test]
fn shown_reasons_are_sentiment_not_topic_words() {
    let Some(units) = page_units() else { return };
    assert!(units.len() > 500, "only {} units on the pages", units.len());
    let topics: Vec<String> = include_str!("data/topic-words.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim().to_lowercase())
        .collect();
    let scorer = Scorer::builtin();
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut wording = 0;
    for u in &units {
        for r in scorer.score(u, &Signals::default()).reasons {
            // What a reader is shown with a span: the underline, the card's
            // quoted phrase.
            if r.end > r.start && !matches!(r.kind, ReasonKind::Exclamation | ReasonKind::Question)
            {
                *count.entry(r.text.trim().to_lowercase()).or_default() += 1;
            }
            wording += (r.kind == ReasonKind::Wording) as usize;
        }
    }
    let mut top: Vec<(String, usize)> = count.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(50);
    eprintln!("the 50 most frequent shown reasons: {top:?}");
    assert!(
        top.len() == 50,
        "fewer than 50 distinct shown reasons: {top:?}"
    );
    assert!(wording > 0, "the learned wording is summed into a reason");
    let bad: Vec<&(String, usize)> = top.iter().filter(|(t, _)| topics.contains(t)).collect();
    assert!(bad.is_empty(), "topic words shown as reasons: {bad:?}");
}

/// Google Maps reviews with their stars, as a review page shows them (and
/// `brand-radar eval` reads a star column): the stars are the rating signal.
/// The documented held-out figure (docs/sentiment.md, "Reviews with their
/// stars"; the words alone are the shipped-weights test's figure above).
#[test]
fn held_out_reviews_with_their_stars() {
    let Some(corpora) = shared("corpora") else {
        return;
    };
    let scorer = Scorer::builtin();
    let mut rated = Confusion::default();
    for line in read_text(&corpora.join("train/gmaps-taipei/train.tsv.gz")).lines() {
        let mut c = line.split('\t');
        let (Some(gold), Some(text), Some(stars)) = (
            c.next().and_then(Label::parse),
            c.next(),
            c.next().and_then(|s| s.parse::<f32>().ok()),
        ) else {
            continue;
        };
        if Split::of(text) != Split::Test {
            continue;
        }
        let signals = Signals {
            rating: Some(stars),
            ..Signals::default()
        };
        rated.add(gold, scorer.quick(text, &signals).1);
    }
    let (a, f) = (rated.accuracy(), rated.macro_f1());
    eprintln!("gmaps-taipei held out with stars: accuracy {a:.3} / macro-F1 {f:.3}");
    assert!(rated.total() > 20_000, "only {} rows", rated.total());
    assert!(
        (a - 0.985).abs() < 0.0015 && (f - 0.974).abs() < 0.0015,
        "with stars: accuracy {a:.3} / macro-F1 {f:.3}, documented 0.985 / 0.974"
    );
}
