//! Time-bounded fuzzing of everything that reads untrusted input: text
//! folding, matching, scoring, per-brand verdicts, watchlist parsing and
//! bundle verification.
//!
//! Each target draws random inputs (biased toward the characters that have
//! broken text code before: astral planes, combining marks, zero-width and
//! bidi controls, full-width forms, both Chinese scripts) until its time is
//! up: `FUZZ_SECONDS` per target, 2 by default so `cargo test` stays quick;
//! `scripts/test.sh` gives each 20 s. A failure prints the seed;
//! `FUZZ_SEED=<seed>` replays that run.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use brand_radar::evidence::verify;
use brand_radar::matcher::Matcher;
use brand_radar::matcher::CROSSES_NODES;
use brand_radar::normalize::{fold_char, fold_str, folding, folding_cached, Fold, Folding};
use brand_radar::sentiment::{Mentioned, PushTag, Scorer, Signals};
use brand_radar::watchlist::Watchlist;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::time::{Duration, Instant};

/// Runs `test` on values of `strategy` in rounds of 64 cases (shrinking a
/// failure to a small input) until the time budget is spent.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let first: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let mut cases = 0;
    for round in 0.. {
        let seed = first.wrapping_add(round);
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        let config = Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(config, rng);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}\nreplay with FUZZ_SEED={seed}");
        }
        cases += 64;
        if Instant::now() >= deadline || std::env::var("FUZZ_SEED").is_ok() {
            break;
        }
    }
    eprintln!("{name}: {cases} cases, no failure");
}

/// Text that stresses folding and offsets.
fn nasty_text(max: usize) -> BoxedStrategy<String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => "[雲朵云咖啡店爛好不但是吗嗎臺台]".prop_map(String::from),
        2 => "[ＡＢＣａｂｃ０１２！？]".prop_map(String::from),
        2 => "[\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{202E}\u{202D}\u{2066}\u{2069}\u{FE0F}\u{0301}\u{0308}]".prop_map(String::from),
        2 => "[😀👍🏻🇹🇼𝐂𝐥𝐨𝐮𝐝]".prop_map(String::from),
        2 => "[ .\\-_·•\n\t]".prop_map(String::from),
        1 => Just("CloudCafe".to_string()),
        1 => Just("Cloud Cafe".to_string()),
        1 => Just("İı".to_string()),
        1 => Just("ß".to_string()),
    ];
    prop::collection::vec(piece, 0..max)
        .prop_map(|v| v.concat())
        .boxed()
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[test]
fn fuzz_normalization() {
    fuzz("normalization", nasty_text(120), |text| {
        let folded = fold_str(&text);
        prop_assert_eq!(fold_str(&folded), folded.clone(), "folding is idempotent");
        for c in text.chars() {
            // The table the matcher folds with says what folding says.
            let f = folding(c);
            prop_assert_eq!(folding_cached(c), f, "cached fold of {:?}", c);
            let mut kept = Vec::new();
            fold_char(c, |x| kept.push(x));
            let keeps: Vec<char> = kept
                .iter()
                .filter_map(|x| match x {
                    Fold::Keep(k) => Some(*k),
                    _ => None,
                })
                .collect();
            let want = match keeps.as_slice() {
                [] if kept.contains(&Fold::Separator) => Folding::Separator,
                [] => Folding::Ignorable,
                [k] => Folding::Keep(*k),
                _ => Folding::Several,
            };
            prop_assert_eq!(f, want, "folding of {:?}", c);
        }
        Ok(())
    });
}

/// A watchlist of a few brands made of the same nasty alphabet.
fn watchlist() -> impl Strategy<Value = Watchlist> {
    let term = nasty_text(6)
        .prop_filter("a term with something to match", |t| {
            !fold_str(t).trim().is_empty()
        })
        .boxed();
    let brand = (
        term.clone(),
        prop::collection::vec(term.clone(), 0..3),
        prop::collection::vec(term, 0..2),
        any::<bool>(),
    );
    prop::collection::vec(brand, 1..4).prop_filter_map("a valid watchlist", |brands| {
        let brands: Vec<_> = brands
            .into_iter()
            .map(|(name, aliases, exclusions, competitor)| {
                serde_json::json!({
                    "name": name, "aliases": aliases, "exclusions": exclusions, "competitor": competitor
                })
            })
            .collect();
        Watchlist::parse(&serde_json::json!({ "version": 1, "brands": brands }).to_string()).ok()
    })
}

#[test]
fn fuzz_matching() {
    fuzz(
        "matching",
        (watchlist(), nasty_text(200)),
        |(list, text)| {
            let m = Matcher::new(&list);
            let units = utf16(&text);
            let hits = m.find(&text);
            let mut prev_end = 0;
            for h in &hits {
                prop_assert!((h.brand as usize) < list.brands.len());
                prop_assert!(h.start < h.end && h.end as usize <= units.len());
                prop_assert!(h.start >= prev_end, "mentions do not overlap");
                prev_end = h.end;
                prop_assert!(
                    text.is_char_boundary(h.byte_start) && text.is_char_boundary(h.byte_end)
                );
                let piece = String::from_utf16(&units[h.start as usize..h.end as usize]);
                prop_assert_eq!(piece.as_deref().ok(), Some(&text[h.byte_start..h.byte_end]));
                // What was found folds to the term it was found as (within a
                // character that folds to several, like `¼` to `1⁄4`).
                let term = list.brands[h.brand as usize].terms().nth(h.term as usize);
                let found = fold_str(&text[h.byte_start..h.byte_end]);
                prop_assert!(
                    term.is_some_and(|t| found.contains(&fold_str(t))),
                    "mention {:?} as {:?}",
                    &text[h.byte_start..h.byte_end],
                    term
                );
                prop_assert_eq!(h.flags, 0, "no flags without node starts");
            }
            // Joined from DOM nodes (a boundary every few characters): sound
            // spans, and a mention crosses nodes exactly when flagged so.
            let nodes: Vec<u32> = (0..units.len() as u32).step_by(5).collect();
            let mut prev_end = 0;
            m.find_in_nodes(&text, &nodes, |h| {
                assert!(h.start < h.end && h.end as usize <= units.len() && h.start >= prev_end);
                prev_end = h.end;
                let crosses = nodes.iter().any(|&n| n > h.start && n < h.end);
                assert_eq!(
                    h.flags & CROSSES_NODES != 0,
                    crosses,
                    "mention {}..{}",
                    h.start,
                    h.end
                );
            });
            // Offsets are relative to the text: a prefix shifts them exactly.
            let shifted = m.find(&format!("前文 {text}"));
            let pre = utf16("前文 ").len() as u32;
            for h in &hits {
                prop_assert!(
                    shifted
                        .iter()
                        .any(|s| s.start == h.start + pre && s.end == h.end + pre)
                        || shifted
                            .iter()
                            .any(|s| s.start < h.start + pre && s.end > h.start + pre)
                        || h.start == 0,
                    "mention at {} moves with a prefix",
                    h.start
                );
            }
            Ok(())
        },
    );
}

fn signals() -> impl Strategy<Value = Signals> {
    let rating = prop_oneof![
        Just(None),
        (0.0f32..6.0).prop_map(Some),
        Just(Some(f32::NAN)),
        Just(Some(f32::INFINITY)),
        Just(Some(-1.0e30)),
    ];
    let push = prop_oneof![
        Just(None),
        Just(Some(PushTag::Push)),
        Just(Some(PushTag::Boo)),
        Just(Some(PushTag::Arrow))
    ];
    (rating, push, any::<u32>(), any::<u32>()).prop_map(|(rating, push, likes, replies)| Signals {
        rating,
        push,
        likes,
        replies,
    })
}

#[test]
fn fuzz_scoring() {
    fuzz("scoring", (nasty_text(160), signals()), |(text, s)| {
        let scorer = Scorer::builtin();
        let a = scorer.score(&text, &s);
        prop_assert!((-1.0..=1.0).contains(&a.score), "score {}", a.score);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        prop_assert!((1..=5).contains(&a.risk.likelihood) && (1..=5).contains(&a.risk.impact));
        let units = utf16(&text);
        let spans = a.reasons.iter().map(|r| (r.start, r.end, &r.text)).chain(
            a.crises
                .iter()
                .flat_map(|c| c.evidence.iter().map(|e| (e.start, e.end, &e.text))),
        );
        for (start, end, said) in spans {
            prop_assert!(start <= end && end as usize <= units.len());
            if start < end {
                let piece = String::from_utf16(&units[start as usize..end as usize]);
                prop_assert_eq!(piece.as_deref().ok(), Some(said.as_str()));
            }
        }
        for r in &a.reasons {
            prop_assert!(r.contribution.is_finite());
        }
        let (score, label, _) = scorer.quick(&text, &s);
        prop_assert!((score - a.score).abs() < 1e-5);
        prop_assert_eq!(label, a.label);
        Ok(())
    });
}

#[test]
fn fuzz_watchlist_parsing() {
    // JSON-shaped noise: real keys, wrong types, hostile keys, broken syntax.
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"version\"".to_string()),
        Just("1".to_string()),
        Just("\"brands\"".to_string()),
        Just("\"name\"".to_string()),
        Just("\"aliases\"".to_string()),
        Just("\"__proto__\"".to_string()),
        Just("null".to_string()),
        Just("1e999".to_string()),
        nasty_text(4).prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
        any::<char>().prop_map(String::from),
    ];
    fuzz(
        "watchlist parsing",
        prop::collection::vec(token, 0..60),
        |tokens| {
            let json = tokens.concat();
            match Watchlist::parse(&json) {
                Ok(list) => {
                    prop_assert!(list.validate().is_ok());
                    let again = Watchlist::parse(&list.to_json());
                    prop_assert!(again.is_ok(), "a parsed list round-trips");
                }
                Err(e) => prop_assert!(!e.to_string().trim().is_empty(), "errors say why"),
            }
            Ok(())
        },
    );
}

/// What can happen to a bundle on its way to a lawyer.
#[derive(Debug, Clone)]
enum Damage {
    Flip { file: usize, at: usize, bit: u8 },
    Truncate { file: usize, to: usize },
    Remove { file: usize },
    Add { name: String, bytes: Vec<u8> },
    Replace { file: usize, bytes: Vec<u8> },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<usize>(), 0u8..8).prop_map(|(file, at, bit)| Damage::Flip {
            file,
            at,
            bit
        }),
        (any::<usize>(), any::<usize>()).prop_map(|(file, to)| Damage::Truncate { file, to }),
        any::<usize>().prop_map(|file| Damage::Remove { file }),
        (
            "[a-z0-9/._]{1,12}",
            prop::collection::vec(any::<u8>(), 0..40)
        )
            .prop_map(|(name, bytes)| Damage::Add { name, bytes }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 0..200))
            .prop_map(|(file, bytes)| Damage::Replace { file, bytes }),
    ]
}

#[test]
fn fuzz_bundle_verification() {
    let intact = common::bundle();
    assert!(verify(&intact).ok);
    fuzz(
        "bundle verification",
        prop::collection::vec(damage(), 1..4),
        |harms| {
            let mut files = intact.clone();
            for harm in harms {
                let names: Vec<String> = files.keys().cloned().collect();
                if names.is_empty() {
                    break;
                }
                let pick = |i: usize| names[i % names.len()].clone();
                match harm {
                    Damage::Flip { file, at, bit } => {
                        let b = files.get_mut(&pick(file)).expect("picked");
                        if !b.is_empty() {
                            let at = at % b.len();
                            b[at] ^= 1 << bit;
                        }
                    }
                    Damage::Truncate { file, to } => {
                        let b = files.get_mut(&pick(file)).expect("picked");
                        let to = to % (b.len() + 1);
                        b.truncate(to);
                    }
                    Damage::Remove { file } => {
                        files.remove(&pick(file));
                    }
                    Damage::Add { name, bytes } => {
                        // An extra file nobody hashed is reported, not trusted;
                        // it does not make the rest of the bundle wrong.
                        files.entry(name).or_insert(bytes);
                    }
                    Damage::Replace { file, bytes } => {
                        files.insert(pick(file), bytes);
                    }
                }
            }
            let report = verify(&files);
            // Hex case and the final newline of SHA256SUMS are not damage:
            // `sha256sum -c` reads the same list either way.
            let same = |name: &str, a: &[u8], b: &[u8]| {
                let list = |x: &[u8]| x.to_ascii_lowercase().trim_ascii_end().to_vec();
                a == b || (name == "SHA256SUMS" && list(a) == list(b))
            };
            let changed = intact
                .iter()
                .any(|(name, bytes)| files.get(name).is_none_or(|b| !same(name, bytes, b)));
            if changed {
                prop_assert!(!report.ok, "a damaged bundle must fail");
                prop_assert!(
                    !report.problems.is_empty() || report.items.iter().any(|i| !i.ok),
                    "and say why"
                );
            }
            Ok(())
        },
    );
}

/// Text made of brand names, the cue words the per-brand verdicts read
/// (comparisons, lists, contrasts, landmarks) and nasty characters between.
fn comparison_text(max: usize) -> BoxedStrategy<String> {
    let names = prop::sample::select(vec!["雲朵", "路易莎", "Louisa", "Cloud Cafe", "京東"]);
    let cues = prop::sample::select(vec![
        "比",
        "不如",
        "跟",
        "和",
        "、",
        "，",
        "。",
        "等",
        "都",
        "不能跟",
        "差遠了",
        "比不了",
        "比起來",
        "價效比",
        "性價比",
        "不管",
        "無論是",
        "被",
        "完勝",
        "吊打",
        ">>>",
        "＜",
        " but ",
        " compared to ",
        "both ",
        " or ",
        "或",
        "還是",
        "連",
        "的",
        "過",
        "就",
        "不會想再吃",
        "只喝",
        "改喝",
        "好喝",
        "難喝",
        "低",
        "高",
        "？",
        "！",
        " than ",
        " over ",
        " instead of ",
        "switched from ",
        " to ",
        "不像",
        "沒有",
        "同款",
        "一樣",
        "附近",
        "via ",
        "blows ",
        "skip ",
        "不至於",
        "如果",
        // Session 42's cues: a model, a copy, a side, a question, a past.
        "學學",
        "學",
        "是",
        "升級版",
        "才是",
        "反而",
        "不香嗎",
        "派",
        "有",
        "誰要喝",
        "強",
        "以前",
        "現在",
        " unlike ",
        " used to ",
        " now ",
        "step up from ",
        // Session 43's: the one exception, what was expected, not tried.
        "都",
        "偏偏",
        "唯獨",
        "卻",
        "以為",
        "還沒喝過",
        "不熟",
        "今天沒開",
        "相比",
        "哪個",
        "只在",
        "haven't tried ",
        "neither ",
        " nor ",
        "can't say the same for ",
        "就不一定了",
        " is what ",
        " should be",
        "if ",
        "如果",
        "被",
        "打假的",
        "還爛",
        "就免了",
        "還是",
        "強一點",
        "幹掉",
        "媲美",
        "的水準",
        " as good as ",
        " isn't even",
        "旁邊",
        "最近",
        "朋友推薦",
        "有沒有這個問題",
        "選",
        "不選",
        "才叫",
        // Session 44's: back after trying, the one to go to, hearsay, a
        // switch's reason.
        "結果還是",
        "就對了",
        "朋友都說",
        "我覺得",
        " after ",
        "because ",
        "sticking with ",
        "還是得去",
        "輾壓",
        "要不是",
        "客滿",
        "i'd take ",
        " over ",
        "copyright ",
        "倒是",
        "until i tried ",
        // Session 45: heard; full, so came here; had before, this one;
        // only thought.
        "聽說",
        "i heard ",
        "才進來",
        "以前用的",
        "，這台",
        "今天來試試這家",
        "都比它",
        "本來以為",
        "反而",
        " from now on",
        "約在",
        "訂的",
        "usually ",
        ", but today i tried this ",
        "，例如",
        "等等",
        "後悔沒去",
        "比這裡",
        " was packed so we ",
        " and go to ",
        "twice as good as ",
        "的店員比這裡",
        "，這台是第一次買別牌",
        // Session 46.
        "還是走遠一點去",
        "早知道還不如去買",
        "乾脆都喝",
        "穩",
        "十分鐘",
        "的拿鐵價格差不多",
        "最後在",
        "買，結果是假貨",
        ", going back to ",
        "越來越鹹",
        "哪家有插座嗎",
        "好酸",
        "誰說",
        // Session 47: done readily, news, the hours, a wish after a
        // question, an opening exclamation, which one.
        "兩週就",
        "就直接",
        "一次就",
        "開了新店",
        "下個月",
        "幾點關門",
        "嗎？想知道",
        "真是太棒了，",
        "可惜",
        "哪台",
        "等了四十分鐘",
        "不能退",
        "流動率",
        "越來越少",
        "compared to the ",
        "下面只有",
        "附近就有",
        "併購",
        // Session 48.
        " but this time I tried ",
        "我都用過，還是",
        "不是",
        "能比的",
        " is like ",
        " but worse",
        "，但更",
        "learn a thing or two from ",
        " is on another level",
        "的理賠一週就",
        "直接",
        "不要再去",
        "排好長，只好",
        "也開了一家",
        "料比較多",
        // Session 49.
        "我們兩個人點了",
        "、",
        "還有",
        "要先拿號碼牌",
        "就請店員推薦",
        "沒什麼",
        "什麼都",
        "多少有點",
        "非業配",
        " #",
        "＃",
        // Session 50.
        "準備好",
        "另外收",
        "朋友推薦",
        "便利商店",
    ]);
    let piece = prop_oneof![
        3 => nasty_text(3),
        2 => names.prop_map(String::from),
        4 => cues.prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max)
        .prop_map(|v| v.concat())
        .boxed()
}

#[test]
fn fuzz_targets() {
    fuzz(
        "per-brand verdicts",
        (comparison_text(40), signals()),
        |(text, s)| {
            let scorer = Scorer::builtin();
            let mut mentions = Vec::new();
            for (brand, competitor, names) in [
                ("雲朵咖啡", false, &["雲朵", "Cloud Cafe"][..]),
                ("路易莎", true, &["路易莎", "Louisa"][..]),
                ("京東", true, &["京東"][..]),
            ] {
                for n in names {
                    for (at, m) in text.match_indices(n) {
                        mentions.push(Mentioned {
                            brand,
                            competitor,
                            start: at,
                            end: at + m.len(),
                        });
                    }
                }
            }
            let blanked = scorer.blank_names(&text, &mentions);
            prop_assert_eq!(blanked.len(), text.len());
            let a = scorer.score(&blanked, &s);
            let targets = scorer.targets(&blanked, &mentions, &a, &s);
            let mut brands: Vec<&str> = mentions.iter().map(|m| m.brand).collect();
            brands.sort_unstable();
            brands.dedup();
            prop_assert_eq!(targets.len(), brands.len(), "one verdict per brand");
            let units = utf16(&text).len() as u32;
            for t in &targets {
                prop_assert!((-1.0..=1.0).contains(&t.score), "{}: {}", t.brand, t.score);
                for r in &t.reasons {
                    prop_assert!(r.start <= r.end && r.end <= units, "{}: {:?}", t.brand, r);
                    prop_assert!(r.contribution.is_finite());
                }
            }
            if brands.len() == 1 {
                scorer.judged_apart(&blanked, &mentions);
            }
            Ok(())
        },
    );
}
