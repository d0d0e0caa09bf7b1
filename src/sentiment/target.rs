//! Verdicts toward each brand a unit mentions: 「改喝路易莎啦 雲朵母湯」 is
//! negative about 雲朵 and positive about 路易莎, one verdict for the unit
//! would be wrong about one of them.
//!
//! A unit that mentions one brand gives it the unit's verdict, unless it is
//! only a landmark (「就在雲朵對面」) or a cue compares it with something
//! unwatched (「這家比雲朵好喝多了」). With several,
//! each sentence naming one is cut into segments, each owned by the brand
//! mentioned in it (cut at the last clause break or space before the next
//! brand's mention; brands listed together share one where it says 都 of
//! them all), and each brand is judged on its own segments; cues
//! before a single brand (`還不如 B`, `吊打 B`, `比 B 好吃`) compare it with the
//! unit's subject. Comparatives and switches
//! judge both sides at once: `A 比 B 好` (A up, B down), `A 不如 B`,
//! `A 輸給 B`, `改喝 / 換成 / switched to B` (B up, a brand left behind with
//! nothing said of it down), `A is better than B`, `A 還是輸 B`, `A > B`,
//! `prefer A over B`, `A over B`, `A instead of B`, `go to B instead`,
//! `switched from A to B`, `A is nothing compared to B`; a clause about one of two
//! brands set side by side judges the other the opposite way (`比起 A，B
//! 更好喝`, `A 跟 B 比起來，A…`, `compared to A, B…`, `A 不像 B 那麼難喝`); a
//! brand against the place the text is about (`A 比這家好喝`) is the other
//! side from it. Names run together (「華為榮耀」) are one name. A brand whose segments
//! say nothing is neutral toward it (`tone`: nothing closer).

use super::lexicon::Entry;
use super::{Analysis, Label, Reason, ReasonKind, Scorer, Signals};
use crate::normalize::utf16_len;
use crate::risk::{risk, Risk};
use serde::Serialize;
use std::borrow::Cow;

/// A watched brand's mention in a unit's text (byte offsets).
#[derive(Debug, Clone, Copy)]
pub struct Mentioned<'a> {
    /// The brand's name.
    pub brand: &'a str,
    /// A competitor rather than the user's own brand.
    pub competitor: bool,
    /// Start, in bytes of the unit's text.
    pub start: usize,
    /// End (exclusive), in bytes.
    pub end: usize,
}

impl Scorer {
    /// `text` with the sentiment words inside each mention blanked: a
    /// brand's name is no judgement of it (「好吃屋的湯很鹹」 and "Happy Burger
    /// is overpriced" are complaints, which 好吃 and `happy` had made
    /// praise), nor do the negators and degree words inside it turn what
    /// follows (「可不可的順口多了」 was blame by the 不 of 可不可; 非常泰's
    /// 非常 would have doubled it). Each character of such a word is
    /// replaced by one of the same UTF-8 and UTF-16 length that the fold
    /// drops (or `_` for ASCII, which no term holds), so spans into the
    /// text, the mentions' and the reasons', stay valid and its clauses are
    /// as they were. The rest of a name is kept: what the learned n-grams
    /// know of 華為 is no word a reader is shown, and blanking whole names
    /// cost the per-brand verdicts 0.669 → 0.635 (docs/sentiment.md). Score
    /// the result, and give it to [`Scorer::targets`] with the same
    /// mentions.
    pub fn blank_names<'t>(&self, text: &'t str, mentions: &[Mentioned]) -> Cow<'t, str> {
        let mut out: Option<String> = None;
        for m in mentions {
            let Some(name) = text.get(m.start..m.end) else {
                continue;
            };
            let t = super::ScoreText::new(name);
            let (hits, _) = self.find(&t);
            // Not a measure or a way it moved, which say nothing alone (高 of
            // 高鐵).
            let turns = |e: &super::lexicon::Entry| {
                e.valence.is_some() || e.negator || e.prohibition || e.degree.is_some()
            };
            for h in hits
                .iter()
                .filter(|h| turns(&self.lexicon.entries[h.entry]))
            {
                let (from, to) = t.source_span(h.start, h.end);
                let (from, to) = (byte_at(name, from), byte_at(name, to));
                let blank: String = name[from..to]
                    .chars()
                    .map(|c| match c.len_utf8() {
                        // Invisible characters of each length
                        // (`normalize::is_ignorable`): a soft hyphen, a
                        // zero-width space, a tag character (two UTF-16
                        // units, as a 4-byte character is).
                        1 => '_',
                        2 => '\u{ad}',
                        3 => '\u{200b}',
                        _ => '\u{e0020}',
                    })
                    .collect();
                out.get_or_insert_with(|| text.to_string())
                    .replace_range(m.start + from..m.start + to, &blank);
            }
        }
        out.map_or(Cow::Borrowed(text), Cow::Owned)
    }
}

/// The byte offset of UTF-16 offset `at` in `s` (its end past the last).
fn byte_at(s: &str, at: u32) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= at as usize {
            return i;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// What a brand's verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The only brand in the unit: the unit's verdict.
    Unit,
    /// The segments of the text around its mentions.
    Clause,
    /// A comparative or a switch naming it.
    Comparison,
    /// Nothing said of it where it is named: neutral toward it.
    Tone,
}

impl Basis {
    /// `unit` / `clause` / `comparison` / `tone`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Unit => "unit",
            Basis::Clause => "clause",
            Basis::Comparison => "comparison",
            Basis::Tone => "tone",
        }
    }
}

/// The verdict toward one brand.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// The brand's name.
    pub brand: String,
    /// A competitor rather than the user's own brand.
    pub competitor: bool,
    /// `neg` / `neu` / `pos` toward the brand.
    pub label: Label,
    /// Score in [-1, 1] toward the brand.
    pub score: f32,
    /// What the verdict rests on.
    pub basis: Basis,
    /// The reasons, with UTF-16 spans in the unit's text.
    pub reasons: Vec<Reason>,
    /// The risk to this brand: its own verdict, with the unit's crisis
    /// types only where the verdict toward it is negative (a comment that
    /// praises one brand and finds a cockroach at another is no hazard
    /// for the first), and the unit's reach.
    pub risk: Risk,
}

/// Cues that the brand right after them is what the writer moved to.
const SWITCH: &[&str] = &[
    "改喝",
    "改買",
    "改买",
    "換成",
    "换成",
    "改用",
    "改去",
    "改在",
    "改吃",
    "轉去",
    "转去",
    "換去",
    "换去",
    "跳槽到",
    "還是喝",
    "还是喝",
    "還是去",
    "还是去",
    "還是買",
    "还是买",
    "更喜歡",
    "更喜欢",
    "比較喜歡",
    "比较喜欢",
    // 「家裡附近只有萊爾富，不然我比較想去7-11」.
    "比較想去",
    "比较想去",
    "比較想喝",
    "比较想喝",
    "寧願",
    "宁愿",
    "寧可",
    "宁可",
    "只喝",
    "只去",
    "只買",
    "只买",
    "只吃",
    "只用",
    // 「以後只在momo買」.
    "只在",
    // Where those who know go: 「真正懂咖啡的都去路易莎」.
    "的都去",
    "的都喝",
    "的都買",
    "的都买",
    // Where it was found in the end: 「PChome缺貨好久，最後在momo買到了」.
    "最後在",
    "最后在",
    // Back to the usual one: 「試過雲朵之後，還是乖乖回路易莎」.
    "乖乖回",
    "回去喝",
    "回去吃",
    "回去買",
    "回去买",
    // Regret is a switch looking back: 「排隊排超久，早知道去路易莎」.
    "早知道去",
    "早知道就去",
    "早知道喝",
    "早知道就喝",
    "早知道吃",
    "早知道就吃",
    "早知道買",
    "早知道就買",
    "早知道买",
    "早知道就买",
    "should have gone to",
    "should've gone to",
    "should have stuck with",
    "should've stuck with",
    "wish i'd gone to",
    "wish i had gone to",
    "switched to",
    "switch to",
    "moved to",
    "went with",
    "changed to",
    "prefer",
    "i'd rather",
    "only go to",
    // "skip Cloud Cafe and go to Louisa".
    "and go to",
    "just go to",
    "stick with",
    "sticking with",
    // "…, going back to Samsung" ("never going back to" is negated).
    "going back to",
    "went back to",
    "staying with",
    // "…used to be my favorite until I tried Louisa".
    "until i tried",
    "until i found",
    "until i discovered",
    // 「後悔沒去路易莎」: the one not chosen, and wished for.
    "後悔沒去",
    "后悔没去",
    "後悔沒買",
    "后悔没买",
    "後悔沒選",
    "后悔没选",
    // 「要好喝還是得去雲朵」.
    "還是得去",
    "还是得去",
    "還是要去",
    "还是要去",
    "還是得喝",
    "还是得喝",
    "還是要喝",
    "还是要喝",
];
/// Cues right after a brand that ask, not expecting an answer, whether it
/// would not be nicer (「去喝路易莎不香嗎」): it is preferred.
const NICER_ASKED: &[&str] = &[
    "不香嗎",
    "不香吗",
    "不是更香嗎",
    "不是更香吗",
    "不是更好嗎",
    "不是更好吗",
    "不是比較好嗎",
    "不是比较好吗",
];
/// `A <cue> B`: A is worse than B.
const WORSE_THAN: &[&str] = &[
    "不如",
    "比不上",
    // 「現在品質已經跟不上路易莎了」.
    "跟不上",
    "輸給",
    "输给",
    "差過",
    "完敗",
    "完败",
    "慘敗",
    "惨败",
    "略遜",
    "略逊",
    "稍遜",
    "稍逊",
    "輸在",
    "输在",
    // 「路易莎的拿鐵雲朵比不了」.
    "比不了",
    "worse than",
    "not as good as",
    "inferior to",
    "nothing compared to",
    "nothing next to",
    "no match for",
    "can't compete with",
    "cannot compete with",
    "can't compare to",
    "can't compare with",
    "cannot compare to",
    "cannot compare with",
    "doesn't compare to",
    "doesn't compare with",
    "does not compare to",
    "does not compare with",
    "nowhere near as good as",
    "can't beat",
    "pales in comparison to",
    "pales next to",
    "not even close to",
    "loses to",
    "lost to",
    "has nothing on",
    "have nothing on",
    "got nothing on",
    // "Cloud Cafe wishes it were Louisa": A aspires to B.
    "wishes it were",
    "wishes it was",
    "wants to be",
    "tries to be",
    "is trying to be",
    "pretends to be",
    "doesn't hold a candle to",
    "does not hold a candle to",
    "can't hold a candle to",
    "downgrade from",
    "step down from",
];
/// `A <cue> B`: A is better than B.
const BETTER_THAN: &[&str] = &[
    "twice as good as",
    "step up from",
    "upgrade from",
    "upgrade over",
    "勝過",
    "胜过",
    "贏過",
    "赢过",
    "完勝",
    "完胜",
    "大勝",
    "大胜",
    "完爆",
    "吊打",
    "屌打",
    "海放",
    "打趴",
    "超過",
    "超过",
    "略勝",
    "略胜",
    "更勝",
    "更胜",
    "勝在",
    "胜在",
    "勝出",
    "胜出",
    "贏",
    "赢",
    "打爆",
    "輾壓",
    "辗压",
    "碾壓",
    "碾压",
    "痛宰",
    "電爆",
    "电爆",
    // 「喝過雲朵就回不去路易莎了」: the one had before wins.
    "回不去",
    "can't go back to",
    "cannot go back to",
    "better than",
    "beats",
    "wins",
    "miles ahead of",
    "way ahead of",
    "far ahead of",
    "leagues ahead of",
    "superior to",
    "runs circles around",
    "run circles around",
    "wipes the floor with",
    "outclasses",
    "outshines",
];
/// `A <cue> 好`: A against what is left unsaid (「走去買必勝客都比較快」:
/// the wait here), or against the place the text is about — those cues
/// are the negators of `lexicon/modifiers.tsv` that start with 比
/// (「隔壁都比這家好吃」 blames it), read with these (folded).
const THAN_HERE: &[&str] = &["比较", "比他们", "比他家"];
/// Cues right before B in `A 都…，偏偏 B…` that make it the exception to
/// what all before it do.
const EXCEPT: &[&str] = &[
    "偏偏",
    "偏偏就",
    "唯獨",
    "唯独",
    "只有",
    "就只有",
    "就",
    "就是",
    "只剩",
    "只剩下",
    "除了",
];
/// Cues before `A，B…` that set B against A (「比起路易莎，雲朵更好喝」).
const PAIR_BEFORE: &[&str] = &[
    "比起",
    "相較於",
    "相较于",
    "相比於",
    "相比于",
    "相比",
    "compared to",
    "compared with",
    "unlike",
    "不像",
];
/// Cues before `A over B`: A is preferred.
const PREFER: &[&str] = &[
    "prefer",
    "preferred",
    "prefers",
    "i'd rather have",
    "would pick",
    "i'd take",
    "i would take",
    "i'll take",
    "i'd choose",
];
/// Words that open the reason for a switch, not a regret of it (not "as":
/// "…to Louisa as well").
const REASON: &[&str] = &[
    "after ", "because", "since ", "cause ", "due to", "因為", "因为", "由於", "由于",
];
/// Cues before `A to B`: the writer moved from A to B (「switched from A to B」).
const FROM: &[&str] = &[
    "switched from",
    "switching from",
    "moved from",
    "changed from",
    "went from",
];
/// Cues before `A for B` (or `A with B`, after "replaced"): the writer gave
/// up A for B ("traded my Toyota for a Tesla").
const TRADED: &[&str] = &[
    "traded",
    "traded in",
    "swapped",
    "swapped out",
    "exchanged",
    "replaced",
    "ditched",
    "dumped",
];
/// Cues after `A 跟 B` that set them side by side (「雲朵跟路易莎比起來，…」).
const PAIR_AFTER: &[&str] = &[
    "比起來",
    "比起来",
    "相比",
    "比較起來",
    "比较起来",
    "相較",
    "相较",
    "比",
];
/// The cues of [`SHUNNED`] that say never again (folded).
const NEVER_AGAIN: &[&str] = &["不会想再", "不想", "不会再"];
/// How far (bytes) a cue may stand before the brand it names.
const NEAR: usize = 6;
/// The rest of a comparison's clause (「比麥當勞好吃」) with less evidence
/// than this says nothing of which side is better.
const SAYS_SOMETHING: f32 = 0.3;

/// What may come before a brand that opens its segment: nothing, or a
/// contrast (「但路易莎…」).
const SEGMENT_OPENINGS: &[&str] = &[
    "", "但", "但是", "可是", "不過", "不过", "而", "至於", "至于",
];

/// The curated blame, at least, of a segment a brand opens that speaks
/// against a neutral reading.
const OWN_BLAME: f32 = 0.5;

/// Whether `cue` ends within `NEAR` bytes (spaces only) before `at`.
fn cue_before(lower: &str, at: usize, cues: &[&str]) -> Option<(usize, usize)> {
    let from = at.saturating_sub(NEAR + 32);
    let from = (from..at)
        .find(|&i| lower.is_char_boundary(i))
        .unwrap_or(at);
    let window = &lower[from..at];
    cues.iter().find_map(|c| {
        let i = window.rfind(c)?;
        let gap = &window[i + c.len()..];
        (gap.len() <= NEAR && gap.chars().all(|ch| ch.is_whitespace() || ch == '的'))
            .then_some((from + i, from + i + c.len()))
    })
}

impl Scorer {
    /// The verdict toward each brand in `mentions` (any order; several per
    /// brand allowed), given the unit's own verdict `overall` and the
    /// signals it was scored with.
    pub fn targets(
        &self,
        text: &str,
        mentions: &[Mentioned],
        overall: &Analysis,
        signals: &Signals,
    ) -> Vec<Target> {
        let ms = in_order(text, mentions);
        let mut brands: Vec<(&str, bool)> = Vec::new();
        for m in &ms {
            if !brands.iter().any(|b| b.0 == m.brand) {
                brands.push((m.brand, m.competitor));
            }
        }
        let whole = |(brand, competitor): (&str, bool), basis| Target {
            brand: brand.to_string(),
            competitor,
            label: overall.label,
            score: overall.score,
            basis,
            reasons: overall.reasons.clone(),
            risk: overall.risk.clone(),
        };
        let lower = text.to_ascii_lowercase();
        // One brand: the unit's verdict is the brand's, unless it is only a
        // landmark (「就在雲朵對面的早午餐超難吃」: nothing said of it) or a
        // cue compares it (「這家比雲朵好喝多了」 praises another shop at
        // 雲朵's cost). Several: each is judged on its own segments.
        // Only one brand that is more than a landmark: the unit is about it
        // (「路易莎旁邊新開的雲朵，試了一下。美式很酸…」).
        let landmark: Vec<bool> = brands
            .iter()
            .map(|b| only_referenced(text, &lower, &ms, b.0))
            .collect();
        let mut out = if landmark.iter().filter(|l| !**l).count() < 2 {
            brands
                .into_iter()
                .zip(landmark)
                .map(|(b, l)| {
                    if l {
                        nothing(b, signals)
                    } else {
                        whole(b, Basis::Unit)
                    }
                })
                .collect()
        } else {
            let mut out = self.by_segments(text, &lower, &ms, &brands, overall);
            // A brand named only as a hashtag is what the post is about
            // (「…價格比藏壽司貴點，但讚啦推推推 #壽司郎」): its segment is the
            // tag alone, which says nothing, so the unit's verdict is its.
            for t in &mut out {
                let tagged = ms
                    .iter()
                    .filter(|m| m.brand == t.brand)
                    .all(|m| text[..m.start].ends_with(['#', '＃']));
                if tagged {
                    *t = whole((&t.brand, t.competitor), Basis::Unit);
                }
            }
            out
        };

        self.compare(text, &lower, &ms, &mut out);
        // A unit's own verdict keeps its own risk grade.
        for t in out.iter_mut().filter(|t| t.basis != Basis::Unit) {
            t.reasons.sort_by_key(|r| (r.start, r.end));
            let crises = if t.label == Label::Neg {
                &overall.crises[..]
            } else {
                &[]
            };
            t.risk = risk(t.score, t.label, crises, signals);
        }
        out
    }
}

/// Words right before a brand that name it as a place, a channel or a
/// go-between, not as what is judged.
const REFERENCE_BEFORE: &[&str] = &[
    // Met at it (「約在誠品門口等」).
    "約在",
    "约在",
    // What is near, as a place's amenity (「酒店下面只有星巴克」, 「附近就有全家」).
    "附近有",
    "附近就有",
    "附近只有",
    "旁邊有",
    "旁边有",
    "旁邊就有",
    "旁边就有",
    "樓下有",
    "楼下有",
    "樓下就有",
    "楼下就有",
    "對面有",
    "对面有",
    "對面就有",
    "对面就有",
    "下面有",
    "下面只有",
    "隔壁有",
    "隔壁就有",
    "透過",
    "透过",
    "通過",
    "通过",
    "經由",
    "经由",
    "委託",
    "委托",
    "搜",
    "via",
    "next to",
    "across from",
    "near",
    "opposite",
    "in front of",
    "on the way to",
];
/// Words right after a brand that make it a landmark, or its official site
/// a reference (「查詢蘋果官網」).
const REFERENCE_AFTER: &[&str] = &[
    "附近",
    "旁邊",
    "旁边",
    "對面",
    "对面",
    "樓上",
    "楼上",
    "樓下",
    "楼下",
    "隔壁",
    "之間",
    "之间",
    "next door",
    "那邊",
    "那边",
    "官網",
    "官网",
    // Booked through it (「用Agoda訂的」, 「攜程訂房」): the stay is the
    // hotel's.
    "訂的",
    "订的",
    "訂房",
    "订房",
    "的路上",
    "路上",
];

/// What `A 是 B 的…` names A, and whether that is the better side
/// (folded): 「雲朵是路易莎的升級版」, 「…的山寨版」.
const VERSIONS: &[(&str, bool)] = &[
    ("升级版", true),
    ("进化版", true),
    ("强化版", true),
    ("加强版", true),
    ("山寨版", false),
    ("低配版", false),
    ("阉割版", false),
    ("缩水版", false),
    ("廉价版", false),
    ("劣化版", false),
    ("盗版", false),
];
/// Cues right before a brand that set it above the unit's subject, which
/// falls short of it (「還不如vivo」, "no match for Louisa"; folded).
const FALLS_SHORT: &[&str] = &[
    "不如",
    // 「路易莎要學學雲朵的服務態度」: the brand is the model.
    "学学",
    "学习学习",
    "比不上",
    "比不过",
    "不及",
    "跟不上",
    "输给",
    "not as good as",
    "not even as good as",
    "isn't as good as",
    "isn't even as good as",
    "wasn't as good as",
    "wasn't even as good as",
    "worse than",
    "nothing compared to",
    "no match for",
    "can't compete with",
    "cannot compete with",
    "not even close to",
    "pales in comparison to",
    "loses to",
    "lost to",
    "can't compare to",
    "can't compare with",
    "cannot compare to",
    "cannot compare with",
    "doesn't compare to",
    "doesn't compare with",
    "does not compare to",
    "does not compare with",
    "nowhere near as good as",
    // "Louisa could learn a thing or two from Cloud Cafe".
    "learn a thing or two from",
    "learn from",
    "take notes from",
    "comes close to",
    "come close to",
];
/// Cues before a brand that, with 比 after it, say the unit's subject is
/// not in its class (「完全不能跟海底撈比」, folded): the brand is the better
/// side.
const NO_MATCH: &[&str] = &[
    "不能跟",
    "不能和",
    "不能与",
    "无法跟",
    "无法和",
    "无法与",
    "没办法跟",
    "没办法和",
    "没法跟",
    "没法和",
    "不可能跟",
    "不可能和",
];
/// What closes a [`NO_MATCH`] cue after the brand (folded).
const NO_MATCH_END: &[&str] = &["比", "相比", "相提并论", "并论"];
/// Words after `A 跟 B` that say A falls far short of B (「雲朵跟路易莎差遠了」,
/// 「…沒法比」); not 差很多, as often "they differ a lot" (folded).
const FAR_SHORT: &[&str] = &[
    "差远了",
    "差得远",
    "差的远",
    "差一大截",
    "差了一大截",
    "差一截",
    "差太多",
    "差很多",
    "差了一截",
    // 「小米的做工跟華為沒法比」: in the corpora A is nearly always the
    // one that falls short.
    "没法比",
    "没得比",
    "不能比",
    "无法比",
];
/// Cues right before a brand that choose or recommend it over the unit's
/// subject (「早知道買華為」, 「推薦vivo」; folded).
const CHOSEN: &[&str] = &[
    "没有",
    "还是买",
    "还是选",
    "早知道买",
    "建议买",
    // 「一樣的價位我可能會選擇老四川」.
    "会选",
    "推荐",
    // 「一如既往地支援京東支援魅族」.
    "支持",
    "支援",
    // 「喝過幾次，我選路易莎」.
    "我选",
];
/// Cues right before a brand that make it the worse side, beaten by the
/// unit's subject (「吊打肯德基」, "blows Louisa out of the water"; folded):
/// a brand named before in the sentence, and judged by nothing else, is
/// the winner.
const BEATS: &[&str] = &[
    "屌打",
    "吊打",
    "完爆",
    "完胜",
    "大胜",
    "远胜",
    "胜过",
    "赢过",
    "海放",
    "打趴",
    "秒杀",
    "强过",
    "好过",
    "超越",
    "超过",
    "打爆",
    "辗压",
    "碾压",
    "痛宰",
    "电爆",
    // 「喝過雲朵就回不去路易莎了」: the one had before wins.
    "回不去",
    "can't go back to",
    "cannot go back to",
    "better than",
    "beats",
    "blows",
    "crushes",
    "destroys",
    "knocks",
    "smokes",
];
/// Cues right before a brand that make it the worse side, shunned by the
/// writer (「誰還喝路易莎」, "skip Cloud Cafe"; folded).
const SHUNNED: &[&str] = &[
    "杜绝",
    // 「與其喝雲朵，不如喝路易莎」.
    "与其",
    "与其喝",
    "与其去",
    "与其吃",
    "与其买",
    "与其用",
    // 「吃過藏壽司就不會想再吃爭鮮了」: never again for the brand after it.
    "不会想再吃",
    "不想再吃",
    "不会再吃",
    "不会想再喝",
    "不想再喝",
    "不会再喝",
    "不会想再去",
    "不想再去",
    "不会再去",
    "不要再去",
    "不要再喝",
    "不要再吃",
    "不要再买",
    "别再去",
    "不会再买",
    "不想再买",
    "不会再用",
    "不想再用",
    "不想再骑",
    "不想吃",
    "不想喝",
    "不想去",
    "不想买",
    "不想用",
    "不想骑",
    "never go back to",
    "never going back to",
    "won't go back to",
    "not going back to",
    // 「有雲朵誰要喝路易莎」 (the one had wins: `compare`).
    "谁要喝",
    "谁要去",
    "谁要买",
    "谁要吃",
    "谁要用",
    "谁还喝",
    "谁还去",
    "谁还买",
    "谁还吃",
    "谁还用",
    "skip",
    "avoid",
    "stay away from",
];
/// Most characters between a lead cue and the brand it names
/// (「還不如老媽買的oppo」).
const LEAD_GAP: usize = 8;
/// Most characters between 比 and the brand it compares with (「比三亞喜來登」).
const COMPARE_GAP: usize = 4;

/// Byte ranges of the sentences of `text`: cut after 。！？；, a newline, and
/// a full stop that ends a sentence (not the one in `2.0`).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '…')
            || (c == '.' && next.is_none_or(char::is_whitespace));
        if end {
            let e = i + c.len_utf8();
            if e > start {
                out.push((start, e));
            }
            start = e;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The byte just after the last character in `text[from..to]` that is a
/// break by `is_break`.
fn after_last(
    text: &str,
    from: usize,
    to: usize,
    is_break: impl Fn(char) -> bool,
) -> Option<usize> {
    text[from..to]
        .char_indices()
        .rfind(|&(_, c)| is_break(c))
        .map(|(j, c)| from + j + c.len_utf8())
}

/// The last mention of the list starting at mention `i`: mentions joined
/// by 、 or 和; by a comma only where the next one ends its item (「不如華為，
/// OPPO」), not where it opens a clause of its own (「推薦雲朵，路易莎就免了」).
fn list_end(text: &str, ms: &[Mentioned], i: usize) -> usize {
    let mut last = i;
    while last + 1 < ms.len() && ms[last + 1].start >= ms[last].end {
        let glue = after_model(&text[ms[last].end..ms[last + 1].start]);
        let next = &ms[last + 1];
        if !is_list_glue(glue) || (glue.contains([',', '，']) && !ends_item(&text[next.end..])) {
            break;
        }
        last += 1;
    }
    last
}

/// `不是 B 能比的`: whether `m` is named right after 不是 (in
/// `lower[from..m.start]`) and 能比 / 比得上 right after it (「雲朵的拿鐵不是
/// 路易莎能比的」): it is not in the subject's class.
fn lesser(lower: &str, from: usize, m: &Mentioned) -> bool {
    let after = lower[m.end..].trim_start_matches('的');
    lower[from..m.start].trim_end().ends_with("不是")
        && ["能比", "可以比", "比得上", "比得了", "比的上"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Words and marks that join the items of a list (longer ones first: they
/// are taken out in this order).
const LIST_GLUE: &[&str] = &[
    "和", "跟", "與", "与", "及", "或是", "或者", "或", "還是", "还是", "還有", "还有", "and",
    "nor", "or", "&", "、", ",", "，", "/",
];

/// Whether `rest`, what follows a brand, ends the brand's place in a list:
/// the text's end, a clause break, more of the list, or 等 / 都.
fn ends_item(rest: &str) -> bool {
    let r = rest.trim_start().to_ascii_lowercase();
    r.is_empty()
        || r.starts_with(super::is_clause_break)
        || LIST_GLUE.iter().chain(&["等", "都"]).any(|g| {
            // A word ends there: not `or` of "order".
            r.strip_prefix(g).is_some_and(|after| {
                !(g.bytes().all(|b| b.is_ascii_alphabetic())
                    && after.starts_with(char::is_alphanumeric))
            })
        })
}

/// Whether `rest`, what follows a list of brands, says the same of them all:
/// 都 within four characters (「雲朵跟路易莎都很難喝」), or both / all /
/// equally / alike within three words ("Cloud Cafe and Louisa are both
/// terrible").
fn says_all(rest: &str) -> bool {
    let rest = after_model(rest);
    // Past their aspect and who speaks (「麥當勞跟肯德基的早餐我都很愛」).
    let head = |n: usize| &rest[..rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i)];
    // 各: each has its own (「雲朵和路易莎各有優點」).
    head(4).contains(['都', '各'])
        || (rest.starts_with('的')
            && head(8).split(super::is_clause_break).next().is_some_and(|h| h.contains('都')))
        // Alike: 「雲朵跟路易莎一樣難喝」, 「雲朵和路易莎半斤八兩」, 「雲朵跟路易莎差不多」
        // (what is said of one is said of the other, nothing if nothing).
        || ALIKE.iter().any(|w| {
            // Right after, or after an aspect of two characters at most
            // (「雲朵和路易莎口味差不多」).
            let rest = rest.trim_start();
            rest.find(w).is_some_and(|j| {
                rest[..j].chars().count() <= 2 && !rest[..j].contains(super::is_clause_break)
            })
        })
        || rest
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| ["both", "all", "equally", "alike"].contains(&w.to_ascii_lowercase().as_str()))
        // "Cloud Cafe and Louisa are terrible": a plural verb right after.
        || rest
            .trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| ["are", "were"].contains(&w.to_ascii_lowercase().as_str()))
}

/// The brands of `out` judged by nothing yet (their tone) or by a clause
/// that barely leans (「去了雲朵，比路易莎難喝多了」: 去了 is no praise), and
/// named only before byte `at`, in its sentence.
fn unjudged_before(lower: &str, ms: &[Mentioned], out: &[Target], at: usize) -> Vec<String> {
    let sentence = sentence_start(lower, at);
    out.iter()
        .filter(|t| {
            unjudged(t)
                && ms
                    .iter()
                    .filter(|n| n.brand == t.brand)
                    .all(|n| n.start >= sentence && n.end <= at)
        })
        .map(|t| t.brand.clone())
        .collect()
}

/// Whether a segment, `before` and `after` its brand, says only that the
/// writer has not tried it (「雲朵還沒喝過」, 「沒去過雲朵」, "haven't tried
/// Cloud Cafe": the segment would otherwise read a lack as praise), does
/// not know it, or found it closed.
fn untried(before: &str, after: &str) -> bool {
    let folded = super::ScoreText::new(&format!("{before} {after}")).text;
    let particle = |c: char| {
        c.is_whitespace() || super::is_clause_break(c) || "耶欸啦呢的哦喔捏诶呀啊".contains(c)
    };
    if folded.is_ascii() {
        const WORDS: &[&str] = &[
            "i", "we", "still", "yet", "have", "haven't", "havent", "not", "never", "tried",
            "been", "to", "gone", "ever",
        ];
        let words: Vec<&str> = folded
            .split(|c: char| c.is_whitespace() || super::is_clause_break(c))
            .filter(|w| !w.is_empty())
            .collect();
        return words.iter().any(|w| matches!(*w, "tried" | "been"))
            && words
                .iter()
                .any(|w| matches!(*w, "haven't" | "havent" | "not" | "never"))
            && words.iter().all(|w| WORDS.contains(w));
    }
    let mut rest = folded.trim_matches(particle);
    for w in [
        "我", "今天", "刚好", "那天", "当天", "还", "都", "也", "从来", "从",
    ] {
        rest = rest.strip_prefix(w).unwrap_or(rest);
    }
    // Not known to the writer, or closed that day (「點水樓我不熟」,
    // 「路易莎今天沒開，只好去星巴克」).
    const NOTHING: &[&str] = &[
        "不熟",
        "不太熟",
        "不清楚",
        "不太清楚",
        "不了解",
        "不太了解",
        "没研究",
        "不评论",
        "没开",
        "公休",
        "店休",
        "没营业",
        "没有营业",
    ];
    if NOTHING.contains(&rest.trim_end_matches(particle)) {
        return true;
    }
    let Some(rest) = ["还没有", "还没", "没有", "没", "未曾", "未"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    else {
        return false;
    };
    rest.char_indices()
        .take(4)
        .any(|(j, c)| c == '过' && j > 0 && rest[j + c.len_utf8()..].chars().all(particle))
}

/// Whether the clause holding the brand at byte `at` is a condition
/// (如果, 要是, "if"…) that ends the segment, at byte `end`.
fn supposed(lower: &str, at: usize, end: usize) -> bool {
    let from = after_last(lower, 0, at, super::is_clause_break).unwrap_or(0);
    let opening = super::ScoreText::new(lower[from..at].trim_start()).text;
    let rest =
        lower[at..end].trim_end_matches(|c: char| c.is_whitespace() || super::is_clause_break(c));
    ["如果", "要是", "假如", "若是", "万一", "if "]
        .iter()
        .any(|w| opening.starts_with(w))
        && !rest.contains(super::is_clause_break)
}

/// Cues right before B in `A … <cue> B` that liken A to B as to a
/// benchmark: A reaches it, and B is good (folded).
const LIKENED_UP: &[&str] = &[
    "媲美",
    "直逼",
    "堪比",
    "不亚于",
    "不逊于",
    "不逊色于",
    "比得上",
    "比的上",
    "匹敌",
    "rivals",
    "on par with",
    "just as good as",
    "as good as",
    "comparable to",
];
/// Whether the last three words of (folded) `head` deny what follows
/// ("isn't even as good as").
fn denied_before(head: &str) -> bool {
    head.split_whitespace().rev().take(3).any(|w| {
        w.ends_with("n't")
            || matches!(
                w,
                "not" | "never" | "nowhere" | "no" | "isnt" | "wasnt" | "arent" | "werent" | "aint"
            )
    })
}

/// What follows B in `A 有 B 的水準` (folded).
const LEVEL: &[&str] = &["的水准", "的水平", "的等级", "的实力", "水准", "等级"];

/// `A … 媲美 B` (a [`LIKENED_UP`] cue at most two characters before B, the
/// part of A's clause before it), or `A 有 B 的水準`: whether A is up (it
/// is, unless the negator the caller reads turns it), and the cue's span
/// in `lower`. `a_end`, `b_start`, `b_end` bound the pair.
fn likened_up(
    lower: &str,
    a_end: usize,
    b_start: usize,
    b_end: usize,
) -> Option<(bool, (usize, usize))> {
    let between = &lower[a_end..b_start];
    let folded = super::ScoreText::new(between);
    let at = |j: usize, k: usize| {
        let (x, y) = folded.source_span(j, k);
        (a_end + byte_at(between, x), a_end + byte_at(between, y))
    };
    for c in LIKENED_UP {
        let Some(j) = folded.text.rfind(c) else {
            continue;
        };
        let gap = folded.text[j + c.len()..].trim();
        // "not as good as", "isn't even as good as" are [`WORSE_THAN`]'s
        // and [`FALLS_SHORT`]'s.
        if gap.chars().count() <= 2 && !denied_before(&folded.text[..j]) {
            return Some((true, at(j, j + c.len())));
        }
    }
    let after = &lower[b_end..];
    let head = &after[..after.char_indices().nth(4).map_or(after.len(), |(j, _)| j)];
    let level = super::ScoreText::new(head).text;
    if LEVEL.iter().any(|l| level.starts_with(l)) {
        let t = folded.text.trim_end();
        if t.ends_with('有') {
            let j = t.len() - '有'.len_utf8();
            return Some((true, at(j, t.len())));
        }
    }
    None
}

/// Cues before a brand, and after one, that deny it what was just said of
/// another: "Can't say the same for Cloud Cafe", 「雲朵就不一定了」 (folded).
const NOT_SAME_BEFORE: &[&str] = &[
    "can't say the same for",
    "cannot say the same for",
    "can't say the same about",
    "cannot say the same about",
    "can't say the same of",
    "same can't be said for",
    "same can't be said of",
    "same can't be said about",
    "same cannot be said for",
    "same cannot be said of",
];
const NOT_SAME_AFTER: &[&str] = &[
    "就不一定了",
    "就不是这样了",
    "就没那么好了",
    "就另当别论了",
    "就两样了",
    ", not so much",
    " not so much",
];
/// Cues that end a brand's clause and dismiss it (「路易莎就免了」; folded).
const DISMISSED: &[&str] = &["就免了", "就算了", "就不用了", "就别了", "免了吧", "算了吧"];

/// The cue of [`NOT_SAME_BEFORE`] or [`NOT_SAME_AFTER`] around mention `m`,
/// as a byte span of `lower`.
fn not_same(lower: &str, m: &Mentioned) -> Option<(usize, usize)> {
    let from = lower[..m.start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(j, _)| j);
    let before = lower[from..m.start].trim_end();
    let folded = super::ScoreText::new(before);
    if let Some(c) = NOT_SAME_BEFORE.iter().find(|c| folded.text.ends_with(*c)) {
        let (a, _) = folded.source_span(folded.text.len() - c.len(), folded.text.len());
        return Some((from + byte_at(before, a), from + before.len()));
    }
    let after = &lower[m.end..];
    let head = &after[..after.char_indices().nth(8).map_or(after.len(), |(j, _)| j)];
    let folded = super::ScoreText::new(head);
    let c = NOT_SAME_AFTER
        .iter()
        .find(|c| folded.text.starts_with(*c))?;
    let (_, b) = folded.source_span(0, c.len());
    Some((m.end, m.end + byte_at(head, b)))
}

/// The cue of [`DISMISSED`] right after mention `m`, closing its clause, as
/// a byte span of `lower`.
fn dismissed(lower: &str, m: &Mentioned) -> Option<(usize, usize)> {
    let after = &lower[m.end..];
    let head = &after[..after.char_indices().nth(6).map_or(after.len(), |(j, _)| j)];
    let folded = super::ScoreText::new(head);
    let c = DISMISSED.iter().find(|c| folded.text.starts_with(*c))?;
    let (_, b) = folded.source_span(0, c.len());
    let end = m.end + byte_at(head, b);
    let next = lower[end..].trim_start_matches(['啦', '吧', '喔', '~', ' ']);
    (next.is_empty() || next.starts_with(super::is_clause_break)).then_some((m.end, end))
}

/// Who, in the clause before a brand, is said to praise or blame it when
/// it is not the writer (「朋友都說路易莎好喝」, "everyone says Louisa…").
const HEARSAY_WHO: &[&str] = &[
    "朋友",
    "网友",
    "别人",
    "大家",
    "同事",
    "家人",
    "人家",
    "有人",
    "很多人",
    "评价",
    "评论",
    "网路上",
    "网上",
];
/// What the one in [`HEARSAY_WHO`] does in that clause.
const HEARSAY_SAID: &[&str] = &["说", "推", "夸", "讲"];
/// Hearsay with no one named (「聽說路易莎很好喝，結果…」; folded).
const HEARD: &[&str] = &["听说", "据说", "听人说", "传闻"];
/// English hearsay, who and what in one.
const HEARSAY_EN: &[&str] = &[
    "i heard",
    "i'd heard",
    "i had heard",
    "everyone says",
    "everyone said",
    "everybody says",
    "everybody said",
    "people say",
    "people said",
    "friends say",
    "friends said",
    "friend said",
    "reviews say",
    "reviews said",
    "friend recommended",
    "friends recommended",
];

/// `朋友都說 B 好喝，我…`: what others say of mention `m` is hearsay; the
/// writer's own word after it is the verdict (「朋友都說路易莎好喝，我喝了
/// 覺得普通」 blames, 「…，去喝了真的不錯」 praises). The byte span of
/// the hearsay clause's start up to `m`, and where the writer's part starts
/// (the next clause break, or 但 / but).
fn hearsay(lower: &str, m: &Mentioned) -> Option<((usize, usize), usize)> {
    let from = after_last(lower, 0, m.start, super::is_clause_break).unwrap_or(0);
    let before = super::ScoreText::new(&lower[from..m.start]).text;
    let zh = (HEARSAY_WHO.iter().any(|w| before.contains(w))
        && HEARSAY_SAID.iter().any(|w| before.contains(w)))
        || HEARD.iter().any(|w| before.contains(w));
    if !zh && !HEARSAY_EN.iter().any(|w| before.contains(w)) {
        return None;
    }
    let after = &lower[m.end..];
    let own = after
        .char_indices()
        .find(|&(j, c)| {
            super::is_clause_break(c)
                || ["但", "可是", "不過", "不过", "結果", "结果", " but "]
                    .iter()
                    .any(|w| after[j..].starts_with(w))
        })
        .map_or(lower.len(), |(j, _)| m.end + j);
    let start = from + (lower[from..].len() - lower[from..].trim_start().len());
    Some(((start, m.start), own))
}

/// Words before a brand, in its clause, that say it was had before
/// (folded).
const BEFORE_NOW: &[&str] = &[
    "以前",
    "之前",
    "平常",
    "平时",
    "原本",
    "以往",
    "过去",
    "一直",
    "上一台",
    "上一支",
    "上一部",
    "旧的",
    "usually",
    "normally",
    "my old",
    "my last",
];
/// What a later clause calls the thing had now (folded).
const THIS_ONE: &[&str] = &[
    "这台",
    "这支",
    "这部",
    "这只",
    "这款",
    "新的",
    "新买的",
    "this one",
    "the new one",
    "my new",
];
/// A place called "this" is the one written about only where the writer
/// came to try it (「今天來試試這家」, "today I tried this little cafe"):
/// 「以前雲朵很好喝，這家現在…」 is the same shop.
const THIS_PLACE: &[&str] = &["这家", "这间", "这里", "this "];
/// Words that say the thing had now is another make's (folded).
const OTHER_MAKE: &[&str] = &[
    "别牌",
    "别家",
    "别的牌",
    "其他牌",
    "another brand",
    "a different",
];
const CAME_TO: &[&str] = &["试", "换", "改", "来", "tried", "switched", "came", "went"];

/// Where the text turns from mention `i`, had before (「以前用的路易莎…」,
/// 「我平常都喝路易莎」), to this one (「，這台才一個月就壞」, 「，今天來試試
/// 這家」) within three clauses, the brand named no more: the start of its
/// clause, the start of the clause that turns, and whether that clause
/// says this one is another's (a place come to, 「別牌」): 「這台」 alone may
/// be the same make's new model.
fn turned(lower: &str, ms: &[Mentioned], i: usize) -> Option<(usize, usize, bool)> {
    let m = &ms[i];
    if ms[i + 1..].iter().any(|n| n.brand == m.brand) {
        return None;
    }
    let from = after_last(lower, 0, m.start, super::is_clause_break).unwrap_or(0);
    let before = super::ScoreText::new(&lower[from..m.start]).text;
    if !BEFORE_NOW.iter().any(|w| before.contains(w)) {
        return None;
    }
    let mut at = m.end;
    for _ in 0..3 {
        let (j, c) = lower[at..]
            .char_indices()
            .find(|&(_, c)| super::is_clause_break(c))?;
        let start = at + j + c.len_utf8();
        let rest = &lower[start..];
        // Eight characters, or as many letters as a few English words.
        let n = if rest.trim_start().starts_with(|c: char| c.is_ascii()) {
            48
        } else {
            8
        };
        let head = &rest[..rest.char_indices().nth(n).map_or(rest.len(), |(k, _)| k)];
        let head = super::ScoreText::new(head).text;
        let place =
            THIS_PLACE.iter().any(|w| head.contains(w)) && CAME_TO.iter().any(|w| head.contains(w));
        if place || THIS_ONE.iter().any(|w| head.contains(w)) {
            let clause = &rest[..rest.find(super::is_clause_break).unwrap_or(rest.len())];
            let clause = super::ScoreText::new(clause).text;
            let other = place || OTHER_MAKE.iter().any(|w| clause.contains(w));
            return Some((from, start, other));
        }
        at = start;
    }
    None
}

/// What stops the writer having a brand (「路易莎客滿」, 「小米搶不到」; folded).
const UNAVAILABLE: &[&str] = &[
    "客满",
    "没位",
    "没开",
    "公休",
    "卖完",
    "缺货",
    "没货",
    "抢不到",
    "买不到",
    "订不到",
    "太远",
    "排太久",
    "排好长",
    "排很长",
    "排太长",
    "人太多",
    "was packed",
    "was full",
    "was closed",
    "was sold out",
    "were closed",
    "had no seats",
];

/// `要不是 B 客滿，…`: only B's being unavailable sent the writer elsewhere,
/// so B was wanted first (「要不是路易莎客滿，我才不會進雲朵」, 「要不是小米
/// 搶不到，打死都不買」). The span of 要不是 … the obstacle.
fn wanted_first(lower: &str, m: &Mentioned) -> Option<(usize, usize)> {
    let from = after_last(lower, 0, m.start, super::is_clause_break).unwrap_or(0);
    let before = lower[from..m.start].trim_end();
    let cue = ["要不是", "若不是", "如果不是"]
        .iter()
        .find(|c| before.ends_with(*c))?;
    let after = &lower[m.end..];
    let clause = &after[..after.find(super::is_clause_break).unwrap_or(after.len())];
    let folded = super::ScoreText::new(clause);
    let w = UNAVAILABLE
        .iter()
        .find_map(|w| folded.text.find(w).map(|i| (i, w.len())))?;
    let (_, b) = folded.source_span(w.0, w.0 + w.1);
    // From the trimmed text: space may sit between the cue and the brand.
    Some((from + before.len() - cue.len(), m.end + byte_at(clause, b)))
}

/// Whether mention `m` sits in a page's footer: a copyright mark within
/// a few words of it, in its sentence.
fn chrome(lower: &str, m: &Mentioned) -> bool {
    const MARKS: &[&str] = &[
        "copyright",
        "©",
        "版權所有",
        "版权所有",
        "all rights reserved",
    ];
    // Within its sentence: a review's last words may come before a footer.
    let end = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n');
    let start = after_last(lower, 0, m.start, end).unwrap_or(0);
    let before = &lower[start..m.start];
    let after = &lower[m.end..];
    let after = &after[..after.find(end).unwrap_or(after.len())];
    MARKS.iter().any(|w| {
        before
            .rfind(w)
            .is_some_and(|i| before[i..].chars().count() <= 12 + w.chars().count())
            || after
                .find(w)
                .is_some_and(|i| after[..i].chars().count() <= 24)
    })
}

/// Where the next mention of another brand after `b` starts (the text's
/// end if none): what is said of `b` runs up to it.
fn next_other(text: &str, ms: &[Mentioned], b: &Mentioned) -> usize {
    ms.iter()
        .find(|n| n.start >= b.end && n.brand != b.brand)
        .map_or(text.len(), |n| n.start)
}

/// Whether the clause before byte `at` says what follows was only
/// expected (「我以為雲朵會比路易莎好」, 「原本以為…」): a comparison in it
/// turned out the other way. Not 不以為然 ("disapproves").
fn expected(lower: &str, at: usize) -> bool {
    let from = after_last(lower, 0, at, super::is_clause_break).unwrap_or(0);
    let before = &lower[from..at];
    ["以為", "以为"]
        .iter()
        .any(|w| before.contains(w) && !before.contains(&format!("不{w}")))
}

/// Where the sentence holding byte `at` starts (after 。！？!? or a newline).
fn sentence_start(lower: &str, at: usize) -> usize {
    after_last(lower, 0, at, |c| "。！？!?\n".contains(c)).unwrap_or(0)
}

/// Whether the (folded) clause before a brand ends on a cue that compares
/// with it (「比」, 「比起」, 「相比」; not 比較, "rather").
fn ends_comparing(before: &str) -> bool {
    ["比起", "相比", "比"]
        .iter()
        .any(|c| before.ends_with(c) && !before.ends_with("比较"))
}

/// Whether nothing has judged `t` yet but the unit's tone, or a clause
/// that barely leans.
fn unjudged(t: &Target) -> bool {
    t.basis == Basis::Tone || (t.basis == Basis::Clause && t.score.abs() < SAYS_SOMETHING)
}

/// Whether a list of brands starting at byte `start` opens on 不管 / 無論
/// or "both" (「不管雲朵還是路易莎，最近品質都在下滑」, "Both Cloud Cafe and
/// Louisa have gone downhill"): what follows is said of each.
fn whichever(lower: &str, start: usize) -> bool {
    let from = after_last(lower, 0, start, super::is_clause_break).unwrap_or(0);
    let before = super::ScoreText::new(&lower[from..start]).text;
    let before = before.trim_end();
    let before = before.strip_suffix('是').unwrap_or(before);
    ["不管", "无论", "不论"].iter().any(|w| before.ends_with(w))
        || matches!(before.split_whitespace().last(), Some("both" | "neither"))
}

/// Where the clause before starts, when the brand at byte `start` opens
/// examples of what it said (「有其他更好的選擇，例如雲朵、路易莎等等」, "…,
/// such as Louisa"): what it said is said of each. Not past `s_start`,
/// the sentence's start.
fn examples(lower: &str, s_start: usize, start: usize) -> Option<usize> {
    let from = after_last(lower, s_start, start, super::is_clause_break)?;
    let before = super::ScoreText::new(&lower[from..start]).text;
    let before = before.trim_end();
    let cue = ["例如", "比如", "像是", "譬如", "such as", "e.g."];
    if !cue.iter().any(|w| before.ends_with(w)) {
        return None;
    }
    // The break that ends the clause before is one character.
    let at = lower[..from]
        .char_indices()
        .next_back()
        .map_or(0, |(j, _)| j);
    Some(after_last(lower, s_start, at, super::is_clause_break).unwrap_or(s_start))
}

/// Contrast words that end what a comparison reads and start what weighs
/// more after it (「雲朵比較貴，但是好喝」), as the rules weigh them.
const BUT: &[&str] = &["但", "可是", "不過", "不过", " but ", " however"];

/// Words right after a list of brands that say they are alike (同樣 first:
/// `said_alike` skips it).
const ALIKE: &[&str] = &[
    "同樣",
    "同样",
    "一樣",
    "一样",
    "差不多",
    "半斤八兩",
    "半斤八两",
    "不相上下",
    "沒兩樣",
    "没两样",
    "沒什麼差",
    "没什么差",
    "沒啥差",
    "没啥差",
    "沒差",
    "没差",
];

/// Whether `lower` says two are alike: a word of [`ALIKE`] or "the same
/// as", "similar to", "no different from".
fn said_alike(lower: &str) -> bool {
    // 同樣 is as often "likewise" (「同樣森林人也是CVT」).
    ALIKE[2..].iter().any(|w| lower.contains(w))
        || [
            "the same as",
            "similar to",
            "no different",
            "just like",
            "same as",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether the clause around a brand at `start` asks which is better: a
/// choice word (還是, 或, or) in the clause, and a question mark where it
/// ends (「雲朵還是路易莎比較好喝？」, 「雲朵或路易莎哪個好?」).
fn choice_asked(lower: &str, start: usize) -> bool {
    let from = after_last(lower, 0, start, super::is_clause_break).unwrap_or(0);
    // A question particle ends it as well as a mark (「…哪家有插座嗎」).
    let end = lower[start..]
        .find(super::is_clause_break)
        .map_or(lower.len(), |j| start + j);
    let clause = super::ScoreText::new(&lower[from..end]).text;
    // 「全家跟7-11哪個比較近？」 asks which as 還是 does.
    let which = [
        "哪个", "哪家", "哪间", "哪一", "哪台", "哪款", "哪种", "哪支", "哪辆", "哪边", "which",
    ];
    (lower[end..].starts_with(['?', '？']) || clause.trim_end().ends_with(['吗', '呢']))
        && super::rules::ALTERNATIVE
            .iter()
            .chain(&which)
            .any(|w| clause.contains(w))
}

/// Whether `between`, the text from brand A to brand B, sets them side by
/// side: 跟 / 和 / 與, after A's aspect at most (「雲朵的美式跟路易莎…」).
fn side_by_side(between: &str) -> bool {
    let t = between.trim();
    let Some(head) = ["跟", "和", "與", "与"]
        .iter()
        .find_map(|w| t.strip_suffix(w))
    else {
        return false;
    };
    head.is_empty()
        || (head.starts_with('的')
            && head.chars().count() <= ASPECT_CHARS
            && !head.contains(super::is_clause_break))
}

/// `rest`, what follows a brand, past a model designation right after it
/// (「馬自達CX-5」, 「小米 14」, 「本田CRV」): letters and digits holding a digit,
/// or capitals, as makers name their lines. Not a word ("Cloud Cafe").
fn after_model(rest: &str) -> &str {
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-—–+ ".contains(c)))
        .unwrap_or(rest.len());
    let model = rest[..len].trim();
    let designates = !model.is_empty()
        && model.len() <= 12
        && !model.contains(' ')
        && (model.contains(|c: char| c.is_ascii_digit())
            || (model.len() >= 2 && model.chars().all(|c| c.is_ascii_uppercase())));
    if designates {
        rest[len..].trim_start()
    } else {
        rest
    }
}

/// Whether `s` only joins items of a list (「、」, 「和」, spaces).
fn is_list_glue(s: &str) -> bool {
    let rest = LIST_GLUE
        .iter()
        .fold(s.to_ascii_lowercase(), |acc, g| acc.replace(g, ""));
    rest.chars().all(char::is_whitespace) && s.trim().chars().count() <= 4
}

impl Scorer {
    /// Whether the brand `b` the writer moved to is not regretted by the
    /// rest of its clause, up to the next other brand (「…to B and regret
    /// it」, 「後來改去路易莎，結果更難喝」 reads only B's own clause).
    fn unregretted(&self, text: &str, ms: &[Mentioned], b: &Mentioned) -> bool {
        // A reason after it tells why the writer left ("…to Louisa after
        // the third driver cancelled on me", 「…，因為雲朵太難喝」).
        let rest = text[b.end..].trim_start_matches([' ', ',', '，']);
        let head = rest[..rest.char_indices().nth(8).map_or(rest.len(), |(j, _)| j)].to_lowercase();
        if REASON.iter().any(|w| head.starts_with(w)) {
            return true;
        }
        let until = next_other(text, ms, b);
        self.rest_score(text, b.end, until) > -SAYS_SOMETHING
    }

    /// Whether what follows the brand `b` in its sentence, before another
    /// brand, turns out badly in a word of its own: the rest of its clause
    /// (「最後在雲朵買到的是假貨」; not a reason for the move, "…after the
    /// driver cancelled"), or after 結果 / 沒想到 / "turned out"
    /// (「…改在雲朵買，結果是假貨」).
    fn let_down(&self, text: &str, lower: &str, ms: &[Mentioned], b: &Mentioned) -> bool {
        let end = sentences(&text[b.end..])
            .first()
            .map_or(text.len(), |&(_, e)| b.end + e)
            .min(next_other(text, ms, b));
        let blames = |piece: &str| {
            let (a, parts) = self.analyse(piece, &Signals::default());
            a.score <= -SAYS_SOMETHING && parts.rules < 0.0
        };
        let own = rest_of_clause(text, b.end, end);
        let head = own.trim_start().to_lowercase();
        if !REASON.iter().any(|w| head.starts_with(w)) && blames(own) {
            return true;
        }
        ["結果", "结果", "沒想到", "没想到", "turned out", "but then"]
            .iter()
            .filter_map(|w| lower[b.end..end].find(w))
            .min()
            .is_some_and(|at| blames(&text[b.end + at..end]))
    }

    /// `A…，不像 B`, "A…, unlike B": B is the opposite of what A's clause
    /// says (「雲朵很乾淨，不像路易莎」), or has what the rest says of it
    /// (「…，不像路易莎那麼髒」) and A the opposite. Whether A is the better
    /// side, and the cue.
    fn unlike(
        &self,
        text: &str,
        lower: &str,
        ms: &[Mentioned],
        a: &Mentioned,
        b: &Mentioned,
    ) -> Option<(bool, (usize, usize))> {
        let opening = after_last(lower, a.end, b.start, super::is_clause_break)?;
        let cue = lower[opening..b.start].trim();
        if !["不像", "unlike"].contains(&cue) {
            return None;
        }
        let at = opening + (lower[opening..].len() - lower[opening..].trim_start().len());
        let until = next_other(text, ms, b);
        let s = self.rest_score(text, b.end, until);
        if s.abs() >= SAYS_SOMETHING {
            return Some((s < 0.0, (at, at + cue.len())));
        }
        let from = after_last(lower, 0, a.start, super::is_clause_break).unwrap_or(0);
        let s = self.quick(&text[from..opening], &Signals::default()).0;
        (s.abs() >= SAYS_SOMETHING).then_some((s > 0.0, (at, at + cue.len())))
    }

    /// `A 都…，偏偏 B…`: what all the brands before do, B alone does not
    /// (「全家都可以退，偏偏7-11說不行」, 「中華電信跟台灣大都有補償，唯獨遠傳
    /// 什麼都沒有」). Whether B is the better side, and the cue: what the
    /// rest says of B; else 偏偏's grudge; else the opposite of what A's
    /// clause says; else B lacks what they have (a negator in its clause).
    fn except(
        &self,
        text: &str,
        lower: &str,
        ms: &[Mentioned],
        a: &Mentioned,
        b: &Mentioned,
    ) -> Option<(bool, (usize, usize))> {
        let opening = after_last(lower, a.end, b.start, super::is_clause_break)?;
        // A's own clause, the one right before B's.
        let clause = &lower[a.end..opening];
        let clause = clause.trim_end_matches(super::is_clause_break);
        if !clause.contains('都') || clause.contains(super::is_clause_break) {
            return None;
        }
        let until = next_other(text, ms, b);
        let end = lower[b.end..until]
            .find(super::is_clause_break)
            .map_or(until, |j| b.end + j);
        let before = lower[opening..b.start].trim();
        let before = ["為什麼", "为什么", "怎麼", "怎么"]
            .iter()
            .find_map(|w| before.strip_prefix(w))
            .unwrap_or(before);
        let before = ["這家", "这家", "那家", "這間", "这间"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .unwrap_or(before);
        let after = lower[b.end..end].trim_start();
        let cue = if EXCEPT.contains(&before) {
            let at = b.start - lower[opening..b.start].trim_start().len();
            (at, at + before.len())
        } else if let Some(w) = ["卻", "却", "偏偏"].iter().find(|w| after.starts_with(**w)) {
            let at = end - after.len();
            (at, at + w.len())
        } else {
            return None;
        };
        let grudge = lower[cue.0..cue.1].contains("偏偏");
        let s = self.rest_score(text, b.end, end);
        let up = if s.abs() >= SAYS_SOMETHING {
            s > 0.0
        } else if grudge {
            false
        } else {
            let from = after_last(lower, 0, a.start, super::is_clause_break).unwrap_or(0);
            let sa = self.quick(&text[from..opening], &Signals::default()).0;
            if sa.abs() >= SAYS_SOMETHING {
                sa < 0.0
            } else if ["不", "沒", "没", "無", "无"]
                .iter()
                .any(|w| lower[b.end..end].contains(w))
            {
                false
            } else {
                return None;
            }
        };
        Some((up, cue))
    }

    /// After a brand named from `start` to `from`, in its clause (to
    /// `until`): a question that prefers it (「路易莎不香嗎」, [`NICER_ASKED`]),
    /// the writer's side (「我是可不可派」), or 反而 and what the rest says of
    /// it against what came before (「京鼎樓反而吃得比較舒服」). Whether it is
    /// the better side, and the cue.
    fn preferred(
        &self,
        text: &str,
        lower: &str,
        start: usize,
        from: usize,
        until: usize,
    ) -> Option<(bool, (usize, usize))> {
        if let Some(cue) = cue_after(lower, from, until, NICER_ASKED) {
            return Some((true, cue));
        }
        let side =
            lower[from..until].trim_end_matches(['的', '啦', '喔', '哦', '!', '！', '~', ' ']);
        if side == "派" && lower[..start].ends_with('是') {
            return Some((true, (from, from + side.len())));
        }
        // 「去雲朵就對了」: the one to go to; "Flying Delta from now on".
        let chosen = ["就對了", "就对了", "from now on", "going forward"];
        if let Some(cue) = cue_after(lower, from, until, &chosen) {
            return Some((true, cue));
        }
        // 「論咖啡還是路易莎強一點」: a bare 強 after 還是 B measures; 「試了
        // 雲朵，結果還是路易莎好喝」: praise after 還是 B is a return to it.
        // Not 還是 between two names in a question (「雲朵還是路易莎好喝？」).
        if let Some(w) = ["還是", "还是"]
            .iter()
            .find(|w| lower[..start].ends_with(**w))
        {
            let rest = lower[from..until].trim_start();
            // 「還是五十嵐穩」, 「還是台灣大車隊實在」: the safe one.
            if let Some(w) = [
                "強", "强", "勝", "胜", "贏", "赢", "穩", "稳", "實在", "实在",
            ]
            .iter()
            .find(|w| rest.starts_with(**w))
            {
                let at = until - rest.len();
                return Some((true, (at, at + w.len())));
            }
            let at = start - w.len();
            if self.rest_score(text, from, until) >= SAYS_SOMETHING && !choice_asked(lower, start) {
                return Some((true, (at, start)));
            }
        }
        // 「國泰拖了半年，南山兩週就賠了」, 「燦坤說不能退，全國電子就直接給退
        // 了」: done readily, against a complaint before it in the sentence.
        // (Alone, 一下就 is as often 壞了 as 到了: what it did is told by
        // what came before.)
        if let Some(cue) = readily(lower, from, until) {
            let (a, parts) = self.analyse(&text[cue.1..until], &Signals::default());
            let own = a.score.abs() >= SAYS_SOMETHING && parts.rules * a.score > 0.0;
            // The complaint before it, or after it in the sentence, another
            // brand's (「富邦的理賠一週就入帳，國泰到現在還沒下來」).
            let end = sentences(&text[until..])
                .first()
                .map_or(text.len(), |&(_, e)| until + e);
            let blames = |piece: &str| {
                let (b, parts) = self.analyse(piece, &Signals::default());
                b.score <= -SAYS_SOMETHING && parts.rules < 0.0
            };
            let before = &text[sentence_start(lower, start)..start];
            if !own && (blames(before) || (until < end && blames(&text[until..end]))) {
                return Some((true, cue));
            }
        }
        // 「雲朵是被網紅捧起來的，路易莎才是實力派」; 「美團總是超時，餓了麼
        // 倒是挺準時的」.
        let cue = cue_after(
            lower,
            from,
            until,
            &["反而", "反倒", "倒是", "才是", "才叫"],
        )?;
        // 反而: the other way from what the sentence said before it in a
        // word of its own, where the rest has none (「中華電信在山上收不到，
        // 台灣大反而滿格」: 滿格 leans on complaints in the corpora).
        let (a, parts) = self.analyse(&text[cue.1..until], &Signals::default());
        let own = a.score.abs() >= SAYS_SOMETHING && parts.rules * a.score > 0.0;
        if !own && ["反而", "反倒"].contains(&&lower[cue.0..cue.1]) {
            let before = &text[sentence_start(lower, start)..start];
            let (b, parts) = self.analyse(before, &Signals::default());
            if b.score.abs() >= SAYS_SOMETHING && parts.rules * b.score > 0.0 {
                return Some((b.score < 0.0, cue));
            }
        }
        let s = a.score;
        // 「路易莎的才叫熱」: 才叫 names the real thing, praise unless the
        // rest blames.
        if lower[cue.0..cue.1] == *"才叫" && s > -SAYS_SOMETHING {
            return Some((true, cue));
        }
        (s.abs() >= SAYS_SOMETHING).then_some((s > 0.0, cue))
    }

    /// The score of [`rest_of_clause`].
    fn rest_score(&self, text: &str, from: usize, until: usize) -> f32 {
        self.quick(rest_of_clause(text, from, until), &Signals::default())
            .0
    }

    /// [`Scorer::rest_score`], and where the rest alone says nothing, the
    /// rest read after the aspect compared (the words before 比, 的 and
    /// brand left out): 「CP值比藏壽司低」 reads 「CP值低」, a bare 低 nothing.
    fn compared_score(&self, aspect: &str, text: &str, from: usize, until: usize) -> f32 {
        let s = self.rest_score(text, from, until);
        if s.abs() >= SAYS_SOMETHING {
            return s;
        }
        // 強 and 弱 alone say little, after 比 B they measure
        // (「蘋果還是比三星強」).
        let rest = rest_of_clause(text, from, until);
        if let Some(&(_, v)) = MEASURED.iter().find(|(w, _)| rest.starts_with(w)) {
            return v;
        }
        // An adverb before 比 is no aspect (「還是比」, 「真的比」); the aspect
        // is the noun after the last 的 (「雲朵給的份量比路易莎多」).
        let aspect = strip_adverbs(aspect.trim());
        let aspect = aspect
            .rfind('的')
            .map_or(aspect, |j| &aspect[j + '的'.len_utf8()..]);
        if s.abs() >= SAYS_SOMETHING
            || aspect.is_empty()
            || aspect.chars().count() > ASPECT_CHARS
            || aspect.contains(super::is_clause_break)
        {
            return s;
        }
        if rest.trim().is_empty() {
            return s;
        }
        self.quick(&format!("{aspect}{rest}"), &Signals::default())
            .0
    }
}

/// The rest of the clause after byte `from`, up to byte `until` (the next
/// brand) or a contrast (「好吃一點而已但…」); a leading 還 / 更 is the
/// comparison's, not a judgement (「比壽司郎還好」).
fn rest_of_clause(text: &str, from: usize, until: usize) -> &str {
    let rest = &text[from..until.max(from)];
    // More names that are not brands, closed by 等 (「比如家、莫泰等高出一籌」).
    let rest = match rest.strip_prefix('、') {
        Some(items) => items
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == '等' || (c != '、' && super::is_clause_break(c)))
            .filter(|&(_, c)| c == '等')
            .map_or(rest, |(k, _)| &items[k + '等'.len_utf8()..]),
        None => rest,
    };
    let end = rest
        .char_indices()
        .find(|&(k, c)| super::is_clause_break(c) || BUT.iter().any(|w| rest[k..].starts_with(w)))
        .map_or(rest.len(), |(k, _)| k);
    let rest = rest[..end].trim_start();
    [
        "那麼", "那么", "那樣", "那样", "這麼", "这么", "還要", "还要", "還", "还", "更", "都",
    ]
    .iter()
    .find_map(|w| rest.strip_prefix(w))
    .unwrap_or(rest)
}

impl Scorer {
    /// What the sentence says after a contrast word that follows a
    /// comparison read from `from`, where it says the other way and no
    /// other brand is named before the sentence ends (`next`, the next
    /// mention's start): 「雲朵比較貴，但是好喝」 is praise of 雲朵 on balance,
    /// as the rules weigh what follows 但是 more.
    fn but_after(&self, text: &str, from: usize, next: usize, s: f32) -> Option<f32> {
        let end = sentences(&text[from..])
            .first()
            .map_or(text.len(), |&(_, e)| from + e);
        if next < end {
            return None;
        }
        let rest = &text[from..end];
        let at = BUT.iter().filter_map(|w| rest.find(w)).min()?;
        let after = self.quick(&rest[at..], &Signals::default()).0;
        (after * s < 0.0 && after.abs() >= SAYS_SOMETHING).then_some(after)
    }

    /// Whether the verdict toward the one brand `mentions` name is not the
    /// unit's: it is named only as a landmark (「就在雲朵對面」), or a cue
    /// compares it with something unwatched (「這家比雲朵好喝多了」,
    /// 「改喝雲朵」). Cheap where there is neither (no scoring), so the
    /// extension asks it of every unit that names one brand.
    pub fn judged_apart(&self, text: &str, mentions: &[Mentioned]) -> bool {
        let ms = in_order(text, mentions);
        let Some(first) = ms.first() else {
            return false;
        };
        if ms.iter().any(|m| m.brand != first.brand) {
            return false;
        }
        let lower = text.to_ascii_lowercase();
        if only_referenced(text, &lower, &ms, first.brand) {
            return true;
        }
        let mut out = [Target {
            brand: first.brand.to_string(),
            competitor: first.competitor,
            label: Label::Neu,
            score: 0.0,
            basis: Basis::Unit,
            reasons: Vec::new(),
            risk: risk(0.0, Label::Neu, &[], &Signals::default()),
        }];
        self.compare(text, &lower, &ms, &mut out);
        out[0].basis == Basis::Comparison
    }

    /// What comparatives and switches say of each brand in `ms` (sorted),
    /// over the verdicts in `out`: the one owner of the cues, for
    /// [`Scorer::targets`] and [`Scorer::judged_apart`].
    fn compare(&self, text: &str, lower: &str, ms: &[Mentioned], out: &mut [Target]) {
        // A cue before a single brand compares it with the unit's subject:
        // 「還不如vivo」, 「比麥當勞好吃」, 「吊打肯德基」; a list after the cue
        // (「不如華為、OPPO」) shares the verdict.
        let mut i = 0;
        while i < ms.len() {
            let last = list_end(text, ms, i);
            let until = ms.get(last + 1).map_or(text.len(), |n| n.start);
            if let Some((up, cue)) = self.lead(text, lower, &ms[i], ms[last].end, until) {
                for m in &ms[i..=last] {
                    set(out, text, m.brand, up, cue);
                }
                // The subject that falls short, when it is a brand named
                // before and nothing was said of it: 「在雲朵排了半小時 還不如
                // 去路易莎」.
                let before = super::ScoreText::new(&lower[cue.0..cue.1]).text;
                // Never again for it once another was tried: 「吃過藏壽司就不會
                // 想再吃爭鮮了」 — the one tried is the better side.
                if !up && NEVER_AGAIN.iter().any(|c| before.contains(c)) {
                    let at = ms[i].start;
                    let s = sentence_start(lower, at);
                    for n in ms[..i].iter().filter(|n| n.start >= s && n.end <= at) {
                        let tried = ["過", "过"].iter().any(|w| lower[..n.start].ends_with(w));
                        if tried && lower[n.end..at].contains('就') {
                            set(out, text, n.brand, true, cue);
                        }
                    }
                }
                // 「雲朵完全沒有路易莎那種焦苦味」: the subject right before
                // 沒有 is the other side.
                for n in ms[..i].iter().filter(|n| n.brand != ms[i].brand) {
                    let gap = lower[n.end..ms[i].start].trim();
                    let gap = ["沒有", "没有"].iter().find_map(|w| gap.strip_suffix(w));
                    if gap.is_some_and(|g| strip_adverbs(g.trim()).is_empty()) {
                        set(out, text, n.brand, !up, cue);
                    }
                }
                // The winner, named before and judged by nothing else
                // ("Cloud Cafe blows Louisa out of the water"), or named in
                // the cue's own clause, whatever its segment says after
                // (「星宇的服務完全輾壓長榮，票價也差不多」).
                if !up && BEATS.iter().any(|c| before.contains(c)) {
                    let within = ms[..i]
                        .iter()
                        .filter(|n| n.start >= cue.0 && n.brand != ms[i].brand)
                        .map(|n| n.brand.to_string());
                    let won: Vec<String> = unjudged_before(lower, ms, out, ms[i].start)
                        .into_iter()
                        .chain(within)
                        .collect();
                    for l in won {
                        set(out, text, &l, true, cue);
                    }
                }
                // 「朋友一直推雲朵，結果喝了覺得還好，沒有比路易莎好喝到哪去」:
                // a comparison with no subject of its own in the clause is
                // said of the brand named before it in the sentence.
                if ends_comparing(before.trim_end()) {
                    for l in unjudged_before(lower, ms, out, ms[i].start) {
                        set(out, text, &l, !up, cue);
                    }
                }
                // 「有雲朵誰要喝路易莎」: the one had is the better side.
                if !up && ["谁要", "谁还"].iter().any(|w| before.contains(w)) {
                    for l in unjudged_before(lower, ms, out, ms[i].start) {
                        let had = ms
                            .iter()
                            .filter(|n| n.brand == l)
                            .all(|n| lower[..n.start].ends_with('有'));
                        if had {
                            set(out, text, &l, true, cue);
                        }
                    }
                }
                if up
                    && FALLS_SHORT
                        .iter()
                        .chain(NO_MATCH)
                        .any(|c| before.contains(c))
                {
                    let named = &ms[i..=last];
                    let left: Vec<String> = out
                        .iter()
                        .filter(|t| {
                            unjudged(t)
                                && !named.iter().any(|m| m.brand == t.brand)
                                && ms
                                    .iter()
                                    .filter(|n| n.brand == t.brand)
                                    .all(|n| n.end <= named[0].start)
                        })
                        .map(|t| t.brand.clone())
                        .collect();
                    for l in left {
                        set(out, text, &l, false, cue);
                    }
                }
                // 「雲朵還行，但跟路易莎比就差一截」: a comparison after a
                // contrast is the verdict on the brand named before it in
                // the sentence, whatever its own clause said.
                let from = after_last(lower, 0, ms[i].start, super::is_clause_break).unwrap_or(0);
                let opening = lower[from..ms[i].start].trim();
                if BUT.iter().any(|w| opening.starts_with(w.trim()))
                    && ["跟", "和", "與", "与"]
                        .iter()
                        .any(|c| opening.ends_with(c))
                {
                    let s = sentence_start(lower, from);
                    let named = &ms[i..=last];
                    let before: Vec<&str> = ms[..i]
                        .iter()
                        .filter(|n| n.start >= s && !named.iter().any(|m| m.brand == n.brand))
                        .map(|n| n.brand)
                        .collect();
                    for b in before {
                        set(out, text, b, !up, cue);
                    }
                }
            }
            i = last + 1;
        }

        // `A 不如…` with no brand after it in the clause: A is the worse side
        // (「雲朵不如以前了」, 「這台完勝…」); a brand after it is the next
        // loop's.
        // A list says it of each of its brands (「在杏子或勝博殿吃過的都不至於
        // 這麼膩」).
        for (i, first) in ms.iter().enumerate() {
            let last = list_end(text, ms, i);
            let m = &ms[last];
            let named = &ms[i..=last];
            let end = lower[m.end..]
                .find(super::is_clause_break)
                .map_or(lower.len(), |j| m.end + j);
            if ms[last + 1..]
                .iter()
                .any(|n| named.iter().all(|b| b.brand != n.brand) && n.start < end)
            {
                continue;
            }
            let set_all = |out: &mut [Target], up: bool, cue: (usize, usize)| {
                for b in named {
                    set(out, text, b.brand, up, cue);
                }
            };
            // A brand named before in the sentence, and judged by nothing
            // else, is the other side (「雲朵排超久，路易莎完勝」).
            let rest_of = |out: &mut [Target], up: bool, cue: (usize, usize)| {
                for l in unjudged_before(lower, ms, out, first.start) {
                    set(out, text, &l, !up, cue);
                }
            };
            if let Some(cue) = cue_after(lower, m.end, end, WORSE_THAN) {
                let up = self.negated_at(lower, cue.0) != self.once(&lower[m.end..cue.0]);
                // 「連酷派都不如」: not even as good as the brand, which is
                // the better side however low a bar.
                let from = after_last(lower, 0, first.start, super::is_clause_break).unwrap_or(0);
                let before = &lower[from..first.start];
                // 連 within ten characters before the brand, in its clause.
                let near = before
                    .char_indices()
                    .rev()
                    .nth(9)
                    .map_or(before, |(j, _)| &before[j..]);
                let even = near.contains(['連', '连'])
                    && ["都", "也"].iter().any(|w| lower[..cue.0].ends_with(w));
                set_all(out, up != even, cue);
                if !even {
                    rest_of(out, up, cue);
                }
                // The subject named before it in the clause falls short:
                // 「雲朵的美式連路易莎都不如」.
                if even {
                    for n in ms[..i].iter().filter(|n| n.start >= from) {
                        let listed =
                            n.end <= first.start && is_list_glue(&text[n.end..first.start]);
                        if named.iter().all(|b| b.brand != n.brand) && !listed {
                            set(out, text, n.brand, up == even, cue);
                        }
                    }
                }
            } else if let Some(cue) = cue_after(lower, m.end, end, BETTER_THAN) {
                // Better unless negated or past; negated and past, better.
                let up = self.negated_at(lower, cue.0) == self.once(&lower[m.end..cue.0]);
                set_all(out, up, cue);
                rest_of(out, up, cue);
            } else if let Some((up, cue)) = self.preferred(text, lower, first.start, m.end, end) {
                // 「這價位喝星巴克，我去喝路易莎不香嗎」, 「鼎泰豐人太多，京鼎樓
                // 反而吃得舒服」: the brands before it in the sentence are
                // what it is set against.
                set_all(out, up, cue);
                // 倒是 contrasts softly: it says nothing of the others
                // (「路易莎沒去過，雲朵倒是很推」).
                let soft = lower[cue.0..cue.1] == *"倒是";
                let sentence = sentence_start(lower, first.start);
                for n in ms[..i].iter().filter(|n| n.start >= sentence && !soft) {
                    if named.iter().all(|b| b.brand != n.brand) {
                        set(out, text, n.brand, !up, cue);
                    }
                }
            } else if let Some(cue) = self.than_here(lower, m.end, end) {
                // `A 比這家好喝`: the rest says which way, and the brand is
                // the other side from the place the text is about. Not a
                // choice asked (「雲朵還是路易莎比較好喝？」): that judges neither.
                let s = self.rest_score(text, cue.1, end);
                if s.abs() >= SAYS_SOMETHING && !choice_asked(lower, m.start) {
                    let next = ms.get(last + 1).map_or(text.len(), |n| n.start);
                    let s = self.but_after(text, cue.1, next, s).unwrap_or(s);
                    // A list says it of each (「雲朵、路易莎都比這家好」).
                    set_all(out, s > 0.0, cue);
                }
            } else if let Some((gap, cue)) = spared(lower, m.end, end).or_else(|| {
                // Said bare, 「康是美就不會」 spares it only of a complaint
                // before it (「路易莎會送吸管，雲朵就不會」 is no praise).
                spared_bare(lower, m.end, end)
                    .or_else(|| at_least(lower, m.start, m.end, end))
                    .filter(|_| {
                        self.quick(&text[..m.start], &Signals::default()).0 <= -SAYS_SOMETHING
                    })
            }) {
                // What it would be spared on a condition, or was spared
                // once, it is not spared now.
                let fallen = ["如果", "要是", "假如", "若是"]
                    .iter()
                    .any(|w| gap.contains(w))
                    || self.once(gap);
                set_all(out, !fallen, cue);
            }
        }

        // Comparatives between two brands override what the segments say.
        for (i, a) in ms.iter().enumerate() {
            let Some(b) = ms[i + 1..].iter().find(|n| n.brand != a.brand) else {
                break;
            };
            if b.start < a.end {
                continue;
            }
            let between = &lower[a.end..b.start];
            if between.chars().any(super::is_clause_break) {
                // 「以前都喝雲朵，現在都喝路易莎了」: the one left in the
                // past, the one now chosen; unless now regretted.
                if let Some(cue) = moved_on(lower, a.start, b.start) {
                    let up = self.unregretted(text, ms, b);
                    set(out, text, a.brand, !up, cue);
                    set(out, text, b.brand, up, cue);
                } else if let Some((up, cue)) = self.unlike(text, lower, ms, a, b) {
                    set(out, text, a.brand, up, cue);
                    set(out, text, b.brand, !up, cue);
                } else if let Some((up, cue)) = self.except(text, lower, ms, a, b) {
                    // The brands listed with A share what all of them do.
                    let from = after_last(lower, 0, a.start, super::is_clause_break).unwrap_or(0);
                    for n in ms.iter().filter(|n| n.start >= from && n.end <= a.end) {
                        set(out, text, n.brand, !up, cue);
                    }
                    set(out, text, b.brand, up, cue);
                }
                continue;
            }
            // `A 不如 B`: the cue follows A closely (「炒飯不如鼎泰豐 茶碗蒸不如吉野家」
            // compares dishes with each brand, not the brands).
            // A negator before the cue turns it: 「雲朵不輸給路易莎」.
            // 「我以為雲朵會比路易莎好」: what was expected, and was not so.
            let hoped = expected(lower, a.start);
            if let Some(cue) = cue_after(lower, a.end, b.start, WORSE_THAN) {
                let up =
                    (self.negated_at(lower, cue.0) != self.once(&lower[a.end..cue.0])) != hoped;
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, !up, cue);
            } else if let Some(cue) = cue_after(lower, a.end, b.start, BETTER_THAN) {
                let up =
                    (self.negated_at(lower, cue.0) == self.once(&lower[a.end..cue.0])) != hoped;
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, !up, cue);
            } else if let Some((up, cue)) = likened_up(lower, a.end, b.start, b.end) {
                // 「雲朵的拿鐵媲美路易莎」: B the benchmark, A said to reach it.
                let up = (up != self.negated_at(lower, cue.0)) != hoped;
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, true, cue);
            } else if let Some((up, cue)) = verb_between(between) {
                let up = up != hoped;
                // `A 還是輸 B 一截`, `A 贏 B`: the verb alone between them.
                let cue = (
                    b.start - between.len() + cue.0,
                    b.start - between.len() + cue.1,
                );
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, !up, cue);
            } else if let Some((j, len)) = english_than(between) {
                // `A is pricier than B`: the words before `than` say which
                // way (a negator among them too), 但 after it as in Chinese.
                let s = self.quick(&text[a.end..a.end + j], &Signals::default()).0;
                if s.abs() >= SAYS_SOMETHING {
                    let until = ms
                        .iter()
                        .find(|n| n.start >= b.end)
                        .map_or(text.len(), |n| n.start);
                    let up = (self.but_after(text, b.end, until, s).unwrap_or(s) > 0.0) != hoped;
                    let cue = (a.end + j, a.end + j + len);
                    set(out, text, a.brand, up, cue);
                    set(out, text, b.brand, !up, cue);
                }
            } else if let Some((j, len, b_has_it)) = between
                .find("不像")
                .map(|j| (j, "不像".len(), true))
                .or_else(|| {
                    between
                        .find('比')
                        // 「性價比比昂科威高」: the second 比 compares.
                        .map(|j| {
                            let next = j + '比'.len_utf8();
                            let twice =
                                names_ratio(&between[..j]) && between[next..].starts_with('比');
                            if twice {
                                next
                            } else {
                                j
                            }
                        })
                        .filter(|&j| {
                            // 比較 right before B compares with it
                            // (「三星發信息的速度比較諾基亞快」): "rather"
                            // comes before what it qualifies, not a name.
                            let rest = super::ScoreText::new(&between[j..]).text;
                            (!checks(&rest) || rest.trim() == "比较")
                                && (!names_ratio(&between[..j])
                                    || between[j + '比'.len_utf8()..].trim().is_empty())
                        })
                        .map(|j| (j, '比'.len_utf8(), false))
                })
            {
                // `A 比 B 好`: the rest of the clause says which way;
                // `A 不像 B 那麼難喝`: B is what the rest says, A the opposite.
                let until = ms
                    .iter()
                    .find(|n| n.start >= b.end)
                    .map_or(text.len(), |n| n.start);
                let aspect = if names_ratio(&between[..j]) {
                    &between[..j + len]
                } else {
                    &between[..j]
                };
                let s = self.compared_score(aspect, text, b.end, until);
                if s.abs() >= SAYS_SOMETHING {
                    // What follows 但是 is said of the subject, A.
                    let (s, b_has_it) = match self.but_after(text, b.end, until, s) {
                        Some(after) => (after, false),
                        None => (s, b_has_it),
                    };
                    let cue = (a.end + j, a.end + j + len);
                    // 「雲朵沒有比路易莎好喝」: A is not the better one.
                    let turned = ((!b_has_it && self.negated_at(lower, cue.0))
                        != self.once(&lower[a.end..cue.0]))
                        != hoped;
                    let a_up = ((s > 0.0) != b_has_it) != turned;
                    set(out, text, a.brand, a_up, cue);
                    // 「雲朵比路易莎還爛」: 還 says B is bad too.
                    let after_b = lower[b.end..].trim_start_matches('的');
                    let too = s < 0.0 && !b_has_it && !turned && after_b.starts_with(['還', '还']);
                    set(out, text, b.brand, !a_up && !too, cue);
                }
            }
        }
        for m in ms {
            let far = rather(lower, m.start);
            // 還是去 in a choice asked moves nowhere (「要走遠一點還是去全家？」).
            let cue = cue_before(lower, m.start, SWITCH)
                .filter(|c| {
                    !(lower[c.0..].starts_with(['還', '还']) && choice_asked(lower, m.start))
                })
                .or_else(|| instead(lower, m.end))
                .or_else(|| far.map(|f| f.0));
            if let Some(cue) = cue {
                // 「我不會改喝路易莎」, "I would never switch to Louisa": the
                // writer stays, and says so against it; 「寧可不喝也不要去
                // 路易莎」 would rather not.
                if self.negated_at(lower, cue.0) || far.is_some_and(|f| f.0 == cue && f.1) {
                    set(out, text, m.brand, false, cue);
                    continue;
                }
                // Moved to, then let down (「路易莎缺貨，改在雲朵買，結果是
                // 假貨」): the move is no praise; the one left is still left.
                let up = !self.let_down(text, lower, ms, m);
                set(out, text, m.brand, up, cue);
                // 還是 a few words before chooses it again, and leaves
                // nothing behind (「下次還是選華為」).
                if far.is_some_and(|f| f.0 == cue && lower[cue.0..].starts_with(['還', '还'])) {
                    continue;
                }
                // A brand left behind — nothing said of it, or named only
                // before the switch and not compared — is the one the writer
                // moved away from (「雲朵漲價了，以後改喝路易莎」).
                let before_cue = |brand: &str| {
                    ms.iter()
                        .filter(|n| n.brand == brand)
                        .all(|n| n.end <= cue.0)
                };
                let left: Vec<String> = out
                    .iter()
                    .filter(|t| {
                        t.brand != m.brand
                            && (t.basis == Basis::Tone
                                || (t.basis == Basis::Clause && before_cue(&t.brand)))
                    })
                    .map(|t| t.brand.clone())
                    .collect();
                for l in left {
                    set(out, text, &l, false, cue);
                }
            }
        }
        self.paired(text, lower, ms, out);
        // 「推雲朵，路易莎就免了」: dismissed; 「要不是路易莎客滿，…」: wanted
        // first.
        for m in ms {
            if let Some(cue) = dismissed(lower, m) {
                set(out, text, m.brand, false, cue);
            }
            if let Some(cue) = wanted_first(lower, m) {
                set(out, text, m.brand, true, cue);
            }
        }
        // What others say of it gives way to what the writer says after.
        for m in ms {
            let Some((cue, own)) = hearsay(lower, m) else {
                continue;
            };
            let until = next_other(text, ms, m);
            if own < until {
                // A word of the writer's own, not the n-grams' lean alone
                // (「，喝了一次就回不去了。」 leaned against).
                let (a, parts) = self.analyse(&text[own..until], &Signals::default());
                if a.score.abs() >= SAYS_SOMETHING && parts.rules * a.score > 0.0 {
                    set(out, text, m.brand, a.score > 0.0, cue);
                }
            }
        }
        // Had before, and the writer turned to this one: what was said of
        // the brand before the turn is its verdict (「以前用的路易莎從來沒出過
        // 問題，這台才一個月就壞」), nothing if nothing was and this one is
        // another's (「我平常都喝路易莎，今天來試試這家，拿鐵很順口」).
        for (i, m) in ms.iter().enumerate() {
            let Some((from, turn, other)) = turned(lower, ms, i) else {
                continue;
            };
            let (a, parts) = self.analyse(&text[from..turn], &Signals::default());
            if a.score.abs() >= SAYS_SOMETHING && parts.rules * a.score > 0.0 {
                let end = from
                    + text[from..turn]
                        .trim_end_matches(super::is_clause_break)
                        .len();
                set(out, text, m.brand, a.score > 0.0, (from, end));
            } else if let Some(t) = out.iter_mut().find(|t| {
                other && t.brand == m.brand && matches!(t.basis, Basis::Unit | Basis::Clause)
            }) {
                *t = nothing((m.brand, t.competitor), &Signals::default());
            }
        }
        // What was said of the brand before is denied the one after
        // ("Louisa's staff are lovely. Can't say the same for Cloud Cafe").
        for (i, m) in ms.iter().enumerate() {
            let Some(cue) = not_same(lower, m) else {
                continue;
            };
            let said = ms[..i]
                .iter()
                .rev()
                .filter(|n| n.brand != m.brand)
                .find_map(|n| out.iter().find(|t| t.brand == n.brand))
                .map(|t| t.label)
                .filter(|&l| l != Label::Neu);
            let up = match said {
                Some(l) => l == Label::Neg,
                None => {
                    let s = self
                        .quick(&text[..cue.0.min(m.start)], &Signals::default())
                        .0;
                    if s.abs() < SAYS_SOMETHING {
                        continue;
                    }
                    s < 0.0
                }
            };
            set(out, text, m.brand, up, cue);
        }
        implied(text, lower, ms, out, |clause| {
            self.analyse(clause, &Signals::default()).1.rules != 0.0
        });
        // Full or closed, so the writer went elsewhere: no switch away from
        // it (「蝦皮缺貨只好改在momo買」), unless wanted first.
        for t in out.iter_mut() {
            let mut mine = ms.iter().filter(|m| m.brand == t.brand);
            if mine.all(|m| made_do(&lower[m.end..]) && wanted_first(lower, m).is_none()) {
                let brand = std::mem::take(&mut t.brand);
                *t = nothing((&brand, t.competitor), &Signals::default());
            }
        }
    }

    /// `A is like B but worse`: whether A is the better side, and the cue
    /// (the contrast word).
    fn like_but(
        &self,
        text: &str,
        lower: &str,
        ms: &[Mentioned],
        a: &Mentioned,
        b: &Mentioned,
    ) -> Option<(bool, (usize, usize))> {
        let between = lower[a.end..b.start].trim_end();
        // Not "unlike" or 不像: those set B against A (`unlike`).
        if between.contains(super::is_clause_break)
            || !["like", "就像", "像"].iter().any(|w| between.ends_with(w))
            || ["unlike", "不像"].iter().any(|w| between.ends_with(w))
        {
            return None;
        }
        let until = next_other(text, ms, b);
        let rest = &lower[b.end..until];
        let gap = rest.len() - rest.trim_start_matches([' ', ',', '，']).len();
        let turn = &rest[gap..];
        let w = ["but ", "但是", "但", "只是"]
            .iter()
            .find(|w| turn.starts_with(**w))?;
        let from = b.end + gap;
        let after = &lower[from + w.len()..until];
        if !COMPARATIVE
            .iter()
            .any(|c| after.trim_start().starts_with(c))
            && !after
                .trim_start()
                .split(' ')
                .next()
                .is_some_and(|x| x.ends_with("er"))
        {
            return None;
        }
        let s = self.quick(&text[from..until], &Signals::default()).0;
        (s.abs() >= SAYS_SOMETHING).then_some((s > 0.0, (from, from + w.trim_end().len())))
    }

    /// Two brands set side by side, then a clause about one of them
    /// (「比起路易莎，雲朵更好喝」, 「雲朵跟路易莎比起來，雲朵好喝多了」): the other is
    /// the opposite of what the clause says of the one it names.
    fn paired(&self, text: &str, lower: &str, ms: &[Mentioned], out: &mut [Target]) {
        for (i, a) in ms.iter().enumerate() {
            let Some(b) = ms[i + 1..]
                .iter()
                .find(|n| n.brand != a.brand && n.start >= a.end)
            else {
                break;
            };
            let between = &lower[a.end..b.start];
            let t = between.trim();
            let w = a.end + (between.len() - between.trim_start().len());
            // `A, not B`, `A 而不是 B`: A chosen over B.
            if matches!(t, ", not" | "not" | "，不是" | "而不是" | "，而不是") {
                set(out, text, a.brand, true, (w, w + t.len()));
                set(out, text, b.brand, false, (w, w + t.len()));
                continue;
            }
            // "Cloud Cafe is like Louisa but worse", 「雲朵就像路易莎，但更難喝」:
            // A is B with a difference, and B the other side of it.
            if let Some((up, cue)) = self.like_but(text, lower, ms, a, b) {
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, !up, cue);
                continue;
            }
            // 「雲朵的拿鐵不是路易莎能比的」: B is not in A's class.
            if !between.contains(super::is_clause_break) && lesser(lower, a.end, b) {
                let at = a.end + between.rfind("不是").unwrap_or(0);
                set(out, text, a.brand, true, (at, b.start));
                set(out, text, b.brand, false, (at, b.start));
                continue;
            }
            // "A is what B should be", "A is everything B isn't".
            if matches!(t, "is what" | "is everything" | "is all") {
                let after_b = lower[b.end..].trim_start();
                let short = [
                    "should be",
                    "wants to be",
                    "wishes it was",
                    "wishes it were",
                    "tries to be",
                    "could be",
                    "isn't",
                    "is not",
                    "used to be",
                ];
                if let Some(c) = short.iter().find(|c| after_b.starts_with(*c)) {
                    let at = lower.len() - after_b.len();
                    set(out, text, a.brand, true, (at, at + c.len()));
                    set(out, text, b.brand, false, (at, at + c.len()));
                    continue;
                }
            }
            // `選 A 不選 B`, `喝 A 不喝 B`: the verb before A, denied before B.
            if let Some(verb) = t
                .strip_prefix('不')
                .filter(|v| (1..=2).contains(&v.chars().count()) && lower[..a.start].ends_with(*v))
            {
                let at = a.end + (between.len() - between.trim_start().len());
                let cue = (at, at + '不'.len_utf8() + verb.len());
                // Unless what is given is blame: 「差評給京東不給小米」.
                let from = after_last(lower, 0, a.start, super::is_clause_break).unwrap_or(0);
                let up = self.quick(&text[from..a.start], &Signals::default()).0 > -SAYS_SOMETHING;
                set(out, text, a.brand, up, cue);
                set(out, text, b.brand, !up, cue);
                continue;
            }
            // `A 應該跟 B 學`: B is the model, A falls short.
            let after_b = &lower[b.end..];
            if ["跟", "向"].iter().any(|c| t.ends_with(c))
                && ["学", "學"].iter().any(|c| after_b.starts_with(c))
            {
                set(out, text, a.brand, false, (b.end, b.end + "學".len()));
                set(out, text, b.brand, true, (b.end, b.end + "學".len()));
                continue;
            }
            // `A 是 B 的升級版 / 山寨版`: A is named as B's better or worse copy.
            if matches!(t, "是" | "就是" | "根本是" | "根本就是" | "只是" | "像是") {
                let version = after_b.strip_prefix('的').and_then(|r| {
                    let head = r.char_indices().nth(4).map_or(r, |(j, _)| &r[..j]);
                    let r = super::ScoreText::new(head).text;
                    VERSIONS
                        .iter()
                        .find(|(v, _)| r.starts_with(v))
                        .map(|&(_, up)| up)
                });
                if let Some(up) = version {
                    set(out, text, a.brand, up, (w, w + t.len()));
                    set(out, text, b.brand, !up, (w, w + t.len()));
                    continue;
                }
            }
            // `A 連 B 的一半都不到`: A falls short of even B.
            if matches!(t, "連" | "连") {
                let clause = &lower[b.end..];
                let clause = &clause[..clause.find(super::is_clause_break).unwrap_or(clause.len())];
                let short = ["都不", "都沒", "都没", "也不", "也沒", "也没", "都比不上"];
                if short.iter().any(|n| clause.contains(n)) {
                    set(out, text, a.brand, false, (w, w + t.len()));
                    set(out, text, b.brand, true, (w, w + t.len()));
                    continue;
                }
            }
            // What stands before A, and where it ends.
            let head = lower[..a.start].trim_end();
            let at = head.len();
            // `switched from A to B`: A left, B chosen.
            if between.trim() == "to" {
                if let Some(c) = FROM.iter().find(|c| head.ends_with(*c)) {
                    // Unless the rest regrets it (「…to B and regret it」).
                    let up = self.unregretted(text, ms, b);
                    set(out, text, a.brand, !up, (at - c.len(), at));
                    set(out, text, b.brand, up, (at - c.len(), at));
                    continue;
                }
            }
            // `traded my A for a B`, `replaced A with B`: A left, B chosen.
            let given = [
                "for", "for a", "for an", "for the", "with", "with a", "with an",
            ]
            .contains(&between.trim());
            if given {
                let owner = head
                    .strip_suffix("my")
                    .or_else(|| head.strip_suffix("our"))
                    .or_else(|| head.strip_suffix("the"))
                    .filter(|h| h.ends_with(' '))
                    .map_or(head, str::trim_end);
                if let Some(c) = TRADED.iter().find(|c| {
                    owner.ends_with(*c)
                        && !owner[..owner.len() - c.len()].ends_with(char::is_alphanumeric)
                        && (c.starts_with("replaced") || between.trim().starts_with("for"))
                }) {
                    let up = self.unregretted(text, ms, b);
                    let cue = (owner.len() - c.len(), owner.len());
                    set(out, text, a.brand, !up, cue);
                    set(out, text, b.brand, up, cue);
                    continue;
                }
            }
            // "I'd take a Louisa americano over anything on Cloud Cafe's
            // menu": a preference across a few words of what is had.
            let across = between.split_whitespace().count() <= 6
                && !between.contains(super::is_clause_break)
                && between.split_whitespace().any(|w| w == "over");
            if across {
                let had = [" a", " an", " the", " my"]
                    .iter()
                    .find_map(|d| head.strip_suffix(d))
                    .unwrap_or(head);
                if let Some(c) = PREFER.iter().find(|c| had.ends_with(*c)) {
                    let at = had.len();
                    set(out, text, a.brand, true, (at - c.len(), at));
                    set(out, text, b.brand, false, (at - c.len(), at));
                    continue;
                }
            }
            // `prefer A over B`: A up, B down; so too `A over B any day`
            // and `A instead of B` with no verb before.
            if matches!(between.trim(), "over" | "to" | "instead of") {
                if let Some(c) = PREFER.iter().find(|c| head.ends_with(*c)) {
                    set(out, text, a.brand, true, (at - c.len(), at));
                    set(out, text, b.brand, false, (at - c.len(), at));
                    continue;
                }
                if between.trim() != "to" {
                    let w = a.end + (between.len() - between.trim_start().len());
                    let cue = (w, w + between.trim().len());
                    // Unless the rest regrets it ("…instead of B and regretted it").
                    let up = self.unregretted(text, ms, b);
                    set(out, text, a.brand, up, cue);
                    set(out, text, b.brand, !up, cue);
                    continue;
                }
            }
            // `比起 A，B…`: B is judged against A.
            let lead = PAIR_BEFORE
                .iter()
                .find_map(|c| head.ends_with(c).then_some(c.len()));
            // "Compared to Hilton, the Marriott…": an article before B.
            let gap = between.trim_end();
            let gap = gap
                .strip_suffix("the")
                .filter(|g| g.ends_with(char::is_whitespace))
                .unwrap_or(gap);
            let (judged, from, cue) = if let Some(len) = lead.filter(|_| {
                !between.is_empty()
                    && gap
                        .chars()
                        .all(|c| matches!(c, '，' | ',') || c.is_whitespace())
            }) {
                (b, b.end, (at - len, at))
            } else {
                // `A 跟 B 比起來，A…`: the next clause opens on one of them.
                if !side_by_side(between) {
                    continue;
                }
                // 「雲朵的美式跟路易莎的比起來…」: B's own 的 before the cue.
                let of = if lower[b.end..].starts_with('的') {
                    '的'.len_utf8()
                } else {
                    0
                };
                let rest = &lower[b.end + of..];
                // 「雲朵跟路易莎差遠了」: A falls far short of B.
                // 「跟另外兩家還是不能比」: an adverb may come first.
                let head = rest.char_indices().nth(8).map_or(rest, |(j, _)| &rest[..j]);
                let folded = super::ScoreText::new(head).text;
                let adverb = ["还是", "真的", "完全", "根本", "都", "也", "真"]
                    .iter()
                    .find(|w| folded.starts_with(*w))
                    .map_or(0, |w| w.chars().count());
                let tail: String = folded.chars().skip(adverb).collect();
                if let Some(c) = FAR_SHORT.iter().find(|c| tail.starts_with(*c)) {
                    let len = rest
                        .char_indices()
                        .nth(adverb + c.chars().count())
                        .map_or(rest.len(), |(j, _)| j);
                    let cue = (b.end, b.end + of + len);
                    set(out, text, a.brand, false, cue);
                    set(out, text, b.brand, true, cue);
                    continue;
                }
                let Some(c) = PAIR_AFTER.iter().find(|c| rest.starts_with(*c)) else {
                    continue;
                };
                let after = b.end + of + c.len();
                // The clause after the cue; or the rest of this one
                // (「雲朵跟路易莎比真的差很多」), but not 比較, which judges both.
                let next = match lower[after..].chars().next() {
                    Some(ch) if super::is_clause_break(ch) => after + ch.len_utf8(),
                    Some('較' | '较') => continue,
                    Some(_) => after,
                    None => continue,
                };
                // A clause that names no brand is said of A, the subject
                // (「歐藍德和森林人比，差一大截」).
                let opens = ms.iter().find(|m| {
                    m.start >= next
                        && !lower[next..m.start].chars().any(super::is_clause_break)
                        && lower[next..m.start].chars().count() <= LEAD_GAP
                });
                match opens {
                    Some(m) if m.brand == a.brand || m.brand == b.brand => {
                        (m, m.end, (b.end, after))
                    }
                    Some(_) => continue,
                    None => (a, next, (b.end, after)),
                }
            };
            let until = ms
                .iter()
                .find(|n| n.start >= from && n.brand != judged.brand)
                .map_or(text.len(), |n| n.start);
            let s = self.rest_score(text, from, until);
            if s.abs() < SAYS_SOMETHING {
                continue;
            }
            let other = if judged.brand == a.brand { b } else { a };
            set(out, text, judged.brand, s > 0.0, cue);
            set(out, text, other.brand, s < 0.0, cue);
        }
    }

    /// The verdict toward each of several brands, from the segments of the
    /// text that name it.
    fn by_segments(
        &self,
        text: &str,
        lower: &str,
        ms: &[Mentioned],
        brands: &[(&str, bool)],
        overall: &Analysis,
    ) -> Vec<Target> {
        // Segments: within a sentence, each mention owns the text from the
        // end of the last segment to the last clause break or space before
        // the next brand; a segment never crosses a sentence end, so a brand
        // named in passing is not judged by the rest of the review.
        // A brand named only as a landmark or a go-between cuts no segment:
        // 「雲朵開在路易莎隔壁，生意應該會很差」 is all said of 雲朵.
        let landmarks: Vec<&str> = brands
            .iter()
            .map(|b| b.0)
            .filter(|b| only_referenced(text, lower, ms, b))
            .collect();
        let mut segments: Vec<(&str, usize, usize)> = Vec::new();
        for (s_start, s_end) in sentences(text) {
            let inside: Vec<Mentioned> = ms
                .iter()
                .filter(|m| m.start >= s_start && m.start < s_end)
                .filter(|m| !landmarks.contains(&m.brand))
                .copied()
                .collect();
            // The first brand's segment starts at its clause: what the
            // sentence said before it is about something else.
            // Examples of what the clause before said (「有更好的選擇，例如
            // 雲朵、路易莎」) start from that clause.
            let mut start = inside.first().map_or(s_start, |m| {
                examples(lower, s_start, m.start).unwrap_or_else(|| {
                    after_last(text, s_start, m.start, super::is_clause_break).unwrap_or(s_start)
                })
            });
            // Brands listed together share the segment of the list's last
            // one where it says 都 of them all (「雲朵跟路易莎都不錯」); a list
            // with no 都 is often only named (「CRV、RAV4、奇駿是合資車型」).
            let mut listed: Vec<&str> = Vec::new();
            for (i, m) in inside.iter().enumerate() {
                let Some(next) = inside[i + 1..].iter().find(|n| n.brand != m.brand) else {
                    for brand in listed.drain(..).chain([m.brand]) {
                        segments.push((brand, start, s_end));
                    }
                    break;
                };
                if next.start < m.end {
                    continue;
                }
                let last = list_end(text, &inside, i);
                // Either of them: what follows is said of each (「八方雲集或者
                // 四海遊龍會是比較好的選擇」).
                let either = (i..last).any(|k| {
                    let glue = &lower[inside[k].end..inside[k + 1].start];
                    glue.contains(['或']) || glue.contains(" or ") || glue.contains(" nor ")
                });
                // Alike, in the list's clause (「中華電信和台灣大的5G基地台數量
                // 差不多」): neither is set above the other.
                let clause_end = lower[inside[last].end..s_end]
                    .find(super::is_clause_break)
                    .map_or(s_end, |j| inside[last].end + j);
                let all = either
                    || says_all(&text[inside[last].end..])
                    || said_alike(&lower[inside[last].end..clause_end])
                    || whichever(lower, inside[i].start)
                    || examples(lower, s_start, inside[i].start).is_some();
                // Names run together are one name (「華為榮耀」, a maker and
                // its line): they share what follows.
                if (last > i && all) || next.start == m.end {
                    // A list that opens on an item of no brand (「2.5豪華導航版
                    // 或豐田、本田都不錯」): what is said of all is said from the
                    // first brand; the item's words are not theirs.
                    let before = text.get(start..m.start).unwrap_or("").trim_end();
                    if listed.is_empty()
                        && last > i
                        && !before.is_empty()
                        && LIST_GLUE
                            .iter()
                            .any(|g| !g.is_ascii() && before.ends_with(g))
                    {
                        start = m.start;
                    }
                    listed.push(m.brand);
                    continue;
                }
                let cut = after_last(text, m.end, next.start, |c| {
                    c.is_whitespace() || super::is_clause_break(c)
                })
                .unwrap_or(next.start);
                // A switch cue, or one that puts it down, just before the
                // next brand belongs to it ("…but I'm never going back to").
                // The longest ("never going back to" over "going back to").
                let cut = [SWITCH, BEATS, SHUNNED]
                    .iter()
                    .filter_map(|cues| cue_before(lower, next.start, cues))
                    .map(|(s, _)| s)
                    .min()
                    .map_or(cut, |s| cut.min(s));
                // So does a contrast word that ends the segment ("Not a fan
                // of Louisa, but Cloud Cafe…": read with its "but", the
                // segment's blame was discounted to nothing).
                let kept = lower[m.end..cut].trim_end();
                let cut = BUT
                    .iter()
                    .map(|w| w.trim())
                    .chain(["但是"])
                    .find(|w| {
                        kept.strip_suffix(w).is_some_and(|r| {
                            !w.is_ascii() || r.ends_with(|c: char| !c.is_alphanumeric())
                        })
                    })
                    .map_or(cut, |w| m.end + kept.len() - w.len());
                // In English, where the cut falls at the space before the
                // next name, a "but" in the same clause turns to it: "I
                // usually fly Delta but this time I tried United…".
                let cut = [" but ", " however "]
                    .iter()
                    .filter_map(|w| {
                        let at = kept.rfind(w.trim_end())?;
                        let after = &kept[at + w.len() - 1..];
                        (after.is_empty() || after.starts_with(' '))
                            .then_some(at)
                            .filter(|_| !after.contains(super::is_clause_break))
                    })
                    .max()
                    .map_or(cut, |at| cut.min(m.end + at));
                if cut > start {
                    for brand in listed.drain(..).chain([m.brand]) {
                        segments.push((brand, start, cut));
                    }
                    start = cut;
                }
                // Mentions of the same brand until `next` stay in its segment.
            }
        }

        let mut out: Vec<Target> = Vec::new();
        for &(brand, competitor) in brands {
            // Named only as a landmark or a go-between: what its segment
            // says is about something else, and is not scored.
            let reference = landmarks.contains(&brand);
            let (mut sum, mut reasons) = (0.0f32, Vec::new());
            let mine = segments.iter().filter(|seg| seg.0 == brand && !reference);
            for &(_, s, e) in mine {
                // A choice asked says nothing of either (「雲朵還是路易莎比較好喝？」).
                let first = ms
                    .iter()
                    .find(|m| m.brand == brand && m.start >= s && m.start < e);
                if first.is_some_and(|m| choice_asked(lower, m.start)) {
                    continue;
                }
                // A condition says nothing of it ("If Louisa is too crowded,
                // …", 「如果路易莎人太多，…」) where its segment is the
                // condition alone.
                if first.is_some_and(|m| supposed(lower, m.start, e)) {
                    continue;
                }
                // Not tried yet says nothing of it (「雲朵還沒喝過」).
                if first.is_some_and(|m| untried(&lower[s..m.start], &lower[m.end..e])) {
                    continue;
                }
                // A site's own chrome names it (「…關於攜程誠聘英才…Copyright」,
                // "© 2024 Cloud Cafe"): a footer judges nothing.
                if first.is_some_and(|m| chrome(lower, m)) {
                    continue;
                }
                let (a, parts) = self.analyse(&text[s..e], &Signals::default());
                // A segment the scorer calls neutral (a question, plain
                // information) says nothing of the brand, whatever its
                // score leans: 「2.0的森林人動力表現如何？」. But next to
                // another brand, what one is said to have or do is said in
                // its favour (「上一臺華為用了兩年半都沒試過這種情況」): praise
                // neutral only for want of a word of praise counts.
                // Not where it is said to be like another (「雲朵跟路易莎都差不
                // 多」, "about the same as Louisa"): nothing sets one above.
                let alike = said_alike(&lower[s..e]);
                let in_context = super::Parts {
                    praised: true,
                    ..parts
                };
                let params = &self.lexicon().params;
                // Curated blame of a segment the brand opens, not asked
                // (「星巴克我不常喝，但路易莎最近真的退步」): the n-grams of the
                // name and the 但 before it read neutral, the words do not.
                // (Any segment's blame measured 0.718: one that only passes
                // the brand by is about something else.)
                let opens =
                    first.is_some_and(|m| SEGMENT_OPENINGS.contains(&lower[s..m.start].trim()));
                let blamed = opens
                    && !parts.question
                    && parts.rules <= -OWN_BLAME
                    && a.score <= -SAYS_SOMETHING;
                if a.label == Label::Neu
                    && !blamed
                    && (alike || in_context.verdict(params, &Signals::default()).1 != Label::Pos)
                {
                    continue;
                }
                let off = utf16_len(&text.as_bytes()[..s]) as u32;
                sum += a.score;
                reasons.extend(a.reasons.into_iter().map(|mut r| {
                    r.start += off;
                    r.end += off;
                    r
                }));
            }
            let score = sum.clamp(-1.0, 1.0);
            // The scorer has already told what says nothing (its neutral
            // label): what is left is judged by its sign, not by a band of
            // our own (a band of ±0.3 here measured 0.598, unseen 0.567;
            // the sign 0.612 / 0.575). Nothing said of the brand where it
            // is named: neutral toward it.
            let (label, basis) = if score > 0.0 {
                (Label::Pos, Basis::Clause)
            } else if score < 0.0 {
                (Label::Neg, Basis::Clause)
            } else {
                reasons.clear();
                (Label::Neu, Basis::Tone)
            };
            out.push(Target {
                brand: brand.to_string(),
                competitor,
                label,
                score,
                basis,
                reasons,
                risk: overall.risk.clone(),
            });
        }
        out
    }

    /// A cue at most two characters after `from` that sets what comes
    /// before it against the place written about ([`THAN_HERE`] and the
    /// lexicon's negators that start with 比), as a byte span of `lower`.
    fn than_here(&self, lower: &str, from: usize, until: usize) -> Option<(usize, usize)> {
        // Every cue starts with 比 or 都比 (a rare character: most mentions
        // stop here) and is at most four characters long; 的 and an aspect
        // may stand before it (「雲朵的店員比這裡專業」).
        let raw = &lower[from..until];
        let aspect = raw.starts_with('的');
        let reach = if aspect { ASPECT_CHARS + 1 } else { 3 };
        if !raw.chars().take(reach).any(|c| c == '比') {
            return None;
        }
        let raw = &raw[..raw.char_indices().nth(12).map_or(raw.len(), |(i, _)| i)];
        let folded = super::ScoreText::new(raw);
        let here = self.lexicon().entries.iter().filter(|e| e.negator);
        let cues = here
            .map(|e| e.term.as_str())
            .filter(|t| t.starts_with('比') || t.starts_with("都比"));
        cues.chain(THAN_HERE.iter().copied()).find_map(|c| {
            let j = folded.text.find(c)?;
            let gap = &folded.text[..j];
            let near = gap.chars().count() <= 2
                || (aspect
                    && gap.chars().count() <= ASPECT_CHARS
                    && !gap.contains(super::is_clause_break));
            near.then(|| {
                let (a, b) = folded.source_span(j, j + c.len());
                (from + byte_at(raw, a), from + byte_at(raw, b))
            })
        })
    }

    /// A comparison a cue before mention `m` makes with the unit's subject:
    /// whether `m`'s brand is the better side, and the cue's byte span.
    /// `list_end` is where the list the mention opens ends, `until` where
    /// the next brand starts.
    fn lead(
        &self,
        text: &str,
        lower: &str,
        m: &Mentioned,
        list_end: usize,
        until: usize,
    ) -> Option<(bool, (usize, usize))> {
        // `被 B 屌打`: the brand after 被 is the one doing the beating.
        let after = &lower[m.end..];
        if lower[..m.start].ends_with('被') {
            // 「雲朵這次被路易莎比下去了」, 「…被雲朵打假的」 (folded: the cues
            // are).
            let head = &after[..after.char_indices().nth(8).map_or(after.len(), |(j, _)| j)];
            let folded = super::ScoreText::new(head);
            let mut beaten =
                BEATS
                    .iter()
                    .chain(SHUNNED)
                    .chain(&["比下去", "打假的", "干掉", "取代", "淘汰"]);
            if let Some(c) = beaten.find(|c| folded.text.starts_with(*c)) {
                let (_, b) = folded.source_span(0, c.len());
                return Some((true, (m.end, m.end + byte_at(head, b))));
            }
        }
        // The clause before the mention, folded so either script matches.
        let from = after_last(lower, 0, m.start, super::is_clause_break).unwrap_or(0);
        let before = super::ScoreText::new(&lower[from..m.start]).text;
        // A cue and whether a negator stands right before it: 「不推薦雲朵」
        // advises against it, 「沒吊打雲朵」 says nothing of who wins.
        let near = |cues: &[&'static str]| -> Option<(&'static str, bool)> {
            cues.iter().find_map(|c| {
                let i = before.rfind(c)?;
                // An English cue starts a word ("skip", not "unskip").
                let edge = !c.starts_with(|ch: char| ch.is_ascii_alphabetic())
                    || !before[..i].ends_with(|ch: char| ch.is_ascii_alphanumeric());
                (edge && before[i + c.len()..].chars().count() <= LEAD_GAP)
                    .then(|| (*c, self.ends_negated(&before[..i])))
            })
        };
        let span = (from, m.start);
        // 「這家的拿鐵媲美路易莎」, 「沒有路易莎的水準」: the brand is the
        // benchmark, good whether the subject reaches it or not.
        if let Some((c, _)) = near(LIKENED_UP) {
            if before
                .rfind(c)
                .is_some_and(|i| !denied_before(&before[..i]))
            {
                return Some((true, span));
            }
        }
        let head = &after[..after.char_indices().nth(4).map_or(after.len(), |(j, _)| j)];
        let level = super::ScoreText::new(head).text;
        if before.trim_end().ends_with('有') && LEVEL.iter().any(|l| level.starts_with(l)) {
            return Some((true, span));
        }
        // 「這家的拿鐵不是路易莎能比的」: the brand is not in the subject's.
        if lesser(lower, from, m) {
            return Some((false, span));
        }
        // 「完全不能跟海底撈比」: the subject is not in the brand's class.
        if near(NO_MATCH).is_some() {
            // 比 closes it within the clause, after an aspect or more names
            // at most (「不能跟海底撈的服務比」, 「不能跟海底撈、鼎王、青花驕比」).
            let after = super::ScoreText::new(&lower[list_end..until]).text;
            let end = after
                .find(|c| super::is_clause_break(c) && c != '、')
                .unwrap_or(after.len());
            let closed = NO_MATCH_END
                .iter()
                .filter_map(|w| after[..end].find(w))
                .min();
            if closed.is_some_and(|j| after[..j].chars().count() <= LEAD_GAP) {
                return Some((true, span));
            }
        }
        if let Some((c, negated)) = near(BEATS).or_else(|| near(SHUNNED)) {
            // 「沒有吊打雲朵」, "is not better than Louisa": not beaten.
            return (!before.ends_with(&format!("被{c}"))).then_some((negated, span));
        }
        // 「朋友推薦雲朵，結果…」: someone else's recommendation is hearsay,
        // not the writer's choice.
        let hearsay = |c: &str| {
            c == "推荐"
                && [
                    "朋友", "网友", "别人", "大家", "同事", "家人", "店员", "有人", "被",
                ]
                .iter()
                .any(|w| before.contains(w))
        };
        if let Some((c, negated)) = near(FALLS_SHORT)
            .or_else(|| near(CHOSEN))
            .filter(|(c, _)| !hearsay(c))
        {
            // 没有 compares only where the rest says in what (「沒有vivo好用」,
            // 「沒有vivo爛」) or the lack is regretted (「可惜太倉沒有如家」);
            // 「誰沒有拿過阿扁的錢?」 says nothing of him.
            if c != "没有" || ["可惜", "希望", "要是"].iter().any(|w| before.contains(w)) {
                return Some((!negated, span));
            }
            let s = self.rest_score(text, list_end, until);
            if s.abs() >= SAYS_SOMETHING {
                return Some((s > 0.0, span));
            }
        }
        // Right after 差, the subject falls short of it (「拍照差OPPO旗艦太遠了」;
        // not 差評 or 差別 a few characters before).
        if before.ends_with('差') || before.ends_with("差了") {
            return Some((true, span));
        }
        // `比 B 好吃` / `比起 B`: the rest of the clause says which way.
        let comparing = ends_comparing(&before) || compared_across(&before);
        if comparing {
            // 「比起雲朵，我寧願喝路易莎」: a preference after it turns from it,
            // however the words of the preference lean.
            let after = super::ScoreText::new(&lower[list_end..until]).text;
            let mut after = after.trim_start_matches([',', '，', ' ']);
            for w in ["我们", "我", "还是"] {
                after = after.strip_prefix(w).unwrap_or(after);
            }
            if SWITCH.iter().any(|c| after.starts_with(c)) {
                return Some((false, span));
            }
            let at = before.rfind('比').unwrap_or(before.len());
            // 「沒有比雲朵好吃」: the subject is not the better one.
            let negated = self.ends_negated(&before[..at]);
            let aspect = match (negated, names_ratio(&before[..at])) {
                (true, _) => "",
                (false, true) => &before[..at + '比'.len_utf8()],
                (false, false) => &before[..at],
            };
            let s = self.compared_score(aspect, text, list_end, until);
            if s.abs() >= SAYS_SOMETHING {
                return Some(((s < 0.0) != negated, span));
            }
        }
        // A yardstick for the place written about: the other side.
        let s = self.yardstick(text, lower, &before, from, list_end, until)?;
        Some((s < 0.0, span))
    }

    /// What is said of the place written about against a brand named as
    /// its yardstick, in the clause after it (「比起路易莎，這家好喝」,
    /// 「跟路易莎比，這家好喝多了」, "Compared to Louisa, this place is way
    /// better") or, after 「跟 A 比」 closing a sentence, in the clauses
    /// before it (「這家服務普通，這是跟路易莎比」). `before` is the brand's
    /// clause up to it (folded), `from` where that clause starts, `end` the
    /// brand's (list's) end, `until` the next brand. A clause that names a
    /// brand is [`Scorer::paired`]'s.
    fn yardstick(
        &self,
        text: &str,
        lower: &str,
        before: &str,
        from: usize,
        end: usize,
        until: usize,
    ) -> Option<f32> {
        let before = before.trim_end();
        let opens = PAIR_BEFORE.iter().any(|c| before.ends_with(c));
        let with = ["跟", "和", "与"].iter().any(|c| before.ends_with(c));
        if !opens && !with {
            return None;
        }
        let rest = &lower[end..until];
        // "Cloud Cafe is overpriced compared to Louisa.": what the clause
        // said before the cue, with nothing after the brand.
        if let Some(c) = PAIR_BEFORE
            .iter()
            .find(|c| c.is_ascii() && before.ends_with(*c))
        {
            let tail = rest.split(['.', '!', '?', '\n']).next().unwrap_or("");
            if tail.trim().is_empty() {
                let cue = lower[from..end].rfind(c).map_or(from, |j| from + j);
                let s = self.quick(&text[from..cue], &Signals::default()).0;
                return (s.abs() >= SAYS_SOMETHING).then_some(s);
            }
        }
        let mut at = end + (rest.len() - rest.trim_start().len());
        match PAIR_AFTER.iter().find(|c| lower[at..until].starts_with(*c)) {
            Some(c) => at += c.len(),
            None if with => return None,
            None => {}
        }
        let r = &lower[at..until];
        at += r.len()
            - ["的話", "的话", "之下"]
                .iter()
                .find_map(|w| r.strip_prefix(w))
                .unwrap_or(r)
                .len();
        let s = match lower[at..until].chars().next() {
            Some(c)
                if super::is_clause_break(c) && !matches!(c, '。' | '!' | '！' | '?' | '？') =>
            {
                self.rest_score(text, at + c.len_utf8(), until)
            }
            // 「但跟路易莎比就差一截」: the rest of the clause says it.
            Some(c) if with && !super::is_clause_break(c) && c != '的' => {
                self.rest_score(text, at, until)
            }
            // 「…，這是跟路易莎比」: the sentence before said it.
            None | Some('。' | '!' | '！') if with && until == text.len() => {
                let start = after_last(text, 0, from, |c| matches!(c, '。' | '！' | '!' | '\n'))
                    .filter(|&s| s < from)
                    .unwrap_or(0);
                self.quick(&text[start..from], &Signals::default()).0
            }
            _ => return None,
        };
        (s.abs() >= SAYS_SOMETHING).then_some(s)
    }
}

impl Scorer {
    /// Whether folded `text` ends in a negator of the lexicon
    /// (`lexicon/modifiers.tsv`: 不, 沒有, 不要, 別…), a degree word between
    /// allowed (「不是很推薦」).
    fn ends_negated(&self, text: &str) -> bool {
        /// `s` without the term that ends it (on a word edge), if one of
        /// the entries `f` picks does.
        fn strip<'t>(entries: &[Entry], s: &'t str, f: fn(&Entry) -> bool) -> Option<&'t str> {
            let s = s.trim_end();
            entries.iter().find_map(|e| {
                let rest = s.strip_suffix(e.term.as_str()).filter(|_| f(e))?;
                let edge =
                    !e.word_start || !rest.ends_with(|c: char| c.is_alphanumeric() || c == '\'');
                edge.then_some(rest)
            })
        }
        let entries = &self.lexicon.entries;
        let text = strip(entries, text, |e| e.degree.is_some()).unwrap_or(text);
        strip(entries, text, |e| e.negator).is_some()
    }

    /// Whether the words between a brand and its comparison put it in the
    /// past (「雲朵以前比路易莎好喝」, "used to be better than"): what it
    /// was, it is not now. The past words are the lexicon's (`past` in
    /// `lexicon/modifiers.tsv`).
    fn once(&self, gap: &str) -> bool {
        // The scorer's own matcher: word edges as everywhere, and no scan
        // of the whole lexicon.
        let (hits, _) = self.find(&super::ScoreText::new(gap));
        hits.iter().any(|h| self.lexicon.entries[h.entry].past)
    }

    /// Whether the raw text before byte `at` of `lower` ends in a negator
    /// (read over its last few words only).
    fn negated_at(&self, lower: &str, at: usize) -> bool {
        let from = (at.saturating_sub(NEAR + 16)..at)
            .find(|&i| lower.is_char_boundary(i))
            .unwrap_or(at);
        self.ends_negated(&super::ScoreText::new(&lower[from..at]).text)
    }
}

/// Whether `rest` (folded), from a 比, opens a word that compares nothing:
/// 比較 (rather; `implied` reads it), 比對 (checks against: 「拿雲朵的發票
/// 比對路易莎的價格」), 比如, 比例, 比重, 比賽 — not 比對面, across the road.
fn checks(rest: &str) -> bool {
    ["比较", "比对", "比如", "比例", "比重", "比赛"]
        .iter()
        .any(|w| rest.starts_with(w))
        && !rest.starts_with("比对面")
}

/// Whether a 比 after `head` ends a ratio's name (價效比, 性價比): with
/// words after it, what they say is of the ratio, not a comparison with a
/// brand (「森林人價效比不高 操控完爆昂科威」); right before a brand it is both
/// (「森林人價效比昂科威高」 reads 「價效比高」).
fn names_ratio(head: &str) -> bool {
    let head = super::ScoreText::new(head).text;
    ["价效", "性价"].iter().any(|w| head.ends_with(w))
}

/// Whether `before` (folded) ends in 比 and a short qualifier of the brand
/// after it: 「比三亞喜來登差」, 「比同配置的森林人便宜」 (not 比較, 比如, 對比).
fn compared_across(before: &str) -> bool {
    let Some(i) = before.rfind('比') else {
        return false;
    };
    let gap = &before[i + '比'.len_utf8()..];
    let head = before[..i].chars().next_back();
    gap.chars().count() <= COMPARE_GAP
        && !checks(&before[i..])
        && !matches!(head, Some('对' | '好' | '无' | '类'))
}

/// Comparative words with no `than`: said of one brand after another that
/// nothing was said of, they set it against that one (「雲朵？路易莎好喝多了」,
/// "Cloud Cafe? Louisa is much better").
const COMPARATIVE: &[&str] = &[
    "更",
    "比較",
    "比较",
    "多了",
    "得多",
    "better",
    "worse",
    "on another level",
    "in another league",
    "in a different league",
];

/// A brand judged in its own clause by a comparative word, after brands
/// that nothing is said of: those are the other side. So are brands only
/// listed with it before, in a clause with no word of its own
/// (`curated` tells): 「遠傳跟中華電信我都用過，還是中華電信比較穩」.
fn implied(
    text: &str,
    lower: &str,
    ms: &[Mentioned],
    out: &mut [Target],
    curated: impl Fn(&str) -> bool,
) {
    for (i, b) in ms.iter().enumerate() {
        // Its clause, up to a contrast word: what follows "but" is said of
        // the subject ("Cloud Cafe is pricier than Louisa but the coffee is
        // way better").
        let end = lower[b.end..]
            .find(super::is_clause_break)
            .map_or(lower.len(), |j| b.end + j);
        let end = BUT
            .iter()
            .filter_map(|w| lower[b.end..end].find(w))
            .min()
            .map_or(end, |j| b.end + j);
        if ms[i + 1..].iter().any(|n| n.start < end) {
            continue;
        }
        let Some(cue) = COMPARATIVE.iter().find_map(|c| {
            let j = lower[b.end..end].find(c)?;
            Some((b.end + j, b.end + j + c.len()))
        }) else {
            continue;
        };
        let Some(judged) = out
            .iter()
            .find(|t| t.brand == b.brand && t.basis != Basis::Tone && t.label != Label::Neu)
        else {
            continue;
        };
        let up = judged.label == Label::Pos;
        // Each mention of `brand` is in a list with b's brand, before b,
        // and the list's clause says nothing in a word of its own.
        let listed_with = |brand: &str| {
            ms.iter()
                .enumerate()
                .filter(|(_, n)| n.brand == brand)
                .all(|(k, n)| {
                    let head = (0..=k).find(|&h| list_end(text, ms, h) >= k).unwrap_or(k);
                    let last = list_end(text, ms, head);
                    let clause_end = lower[ms[last].end..]
                        .find(super::is_clause_break)
                        .map_or(lower.len(), |j| ms[last].end + j);
                    n.end <= b.start
                        && clause_end <= b.start
                        && ms[head..=last].iter().any(|x| x.brand == b.brand)
                        && !curated(&text[ms[head].start..clause_end])
                })
        };
        let silent: Vec<String> = out
            .iter()
            .filter(|t| {
                t.basis == Basis::Tone || (t.basis == Basis::Clause && listed_with(&t.brand))
            })
            .filter(|t| {
                ms.iter()
                    .filter(|n| n.brand == t.brand)
                    .all(|n| n.end <= b.start)
            })
            .map(|t| t.brand.clone())
            .collect();
        for brand in silent {
            set(out, text, &brand, !up, cue);
        }
    }
}

/// 寧可 / 寧願 / 早知道 / 乾脆 a few words before a brand that a verb of
/// going or buying opens (「寧可多走幾步去路易莎」, 「早知道就叫foodpanda」,
/// "I'd rather walk to Louisa"): the
/// writer moves to it. The cue's byte span, and whether a negator stands
/// between (「寧可不喝也不要去路易莎」: away from it).
fn rather(lower: &str, at: usize) -> Option<((usize, usize), bool)> {
    // The verb first: most brands have none right before them.
    let goes = [
        "去", "喝", "買", "买", "吃", "用", "選", "选", "搭", "叫", "住", "to", "at",
    ]
    .iter()
    .any(|v| lower[..at].trim_end_matches(' ').ends_with(v));
    if !goes {
        return None;
    }
    let from = after_last(lower, 0, at, super::is_clause_break).unwrap_or(0);
    let window = &lower[from..at];
    [
        "寧可",
        "宁可",
        "寧願",
        "宁愿",
        // Regret looks back to the one not chosen: 「早知道就多花點錢搭長榮」.
        "早知道",
        // 「再貴一點我就乾脆都喝五十嵐了」.
        "乾脆",
        "干脆",
        // 「還是走遠一點去全家」; not a choice asked (「要走遠一點還是去全家？」)
        // or any of them (「不管去哪裡還是去全家都一樣」).
        "還是",
        "还是",
        "i'd rather",
        "i would rather",
    ]
    .iter()
    .find_map(|c| {
        let i = window.rfind(c)?;
        if c.starts_with(['還', '还'])
            && (choice_asked(lower, at)
                || ["不管", "无论", "無論", "不論", "不论"]
                    .iter()
                    .any(|w| window.contains(w)))
        {
            return None;
        }
        let between = &window[i + c.len()..];
        let near = if between.is_ascii() {
            between.split_whitespace().count() <= 5
        } else {
            between.chars().count() <= LEAD_GAP + 4
        };
        // 不如 prefers (「早知道還不如去買小米」).
        let between = between.replace("不如", "");
        let not = ["不", "別", "别", "沒", "没", "not ", "never ", "n't "]
            .iter()
            .any(|n| between.contains(n));
        near.then_some(((from + i, from + i + c.len()), not))
    })
}

/// "instead" right after a brand (`go to Louisa instead`, not `instead of`):
/// the writer moved to it. Its byte span.
fn instead(lower: &str, end: usize) -> Option<(usize, usize)> {
    let rest = &lower[end..];
    let at = end + (rest.len() - rest.trim_start().len());
    let after = lower[at..].strip_prefix("instead")?;
    let word_ends = !after.starts_with(|c: char| c.is_ascii_alphabetic());
    (word_ends && !after.trim_start().starts_with("of")).then_some((at, at + "instead".len()))
}

/// Words after a brand that say it is spared what the unit complains of:
/// 「肯德基就不會有這樣的問題」, 「6s就不會有這情況」, 「路易莎就不會這麼慢」.
const NEVER: &[&str] = &[
    // 「吃過的都不至於這麼膩」: would not be this bad.
    "不至於",
    "不至于",
    "從來不會",
    "从来不会",
    "從來沒",
    "从来没",
    "從沒",
    "从没",
    "從不",
    "从不",
    "不曾",
    "不會",
    "不会",
    "沒有",
    "没有",
    "沒",
    "没",
];
/// What may stand between [`NEVER`] and 這 (「不會有這種問題」, 「沒遇過這種情況」).
const NEVER_VERB: &[&str] = &[
    "有", "出現", "出现", "遇過", "遇过", "遇到", "碰到", "發生", "发生",
];
/// The trouble 這種 names: 「沒有這種問題」 (not 「沒有這種口味」).
const TROUBLE: &[&str] = &[
    "問題", "问题", "狀況", "状况", "情況", "情况", "情形", "困擾", "困扰", "毛病",
];
/// The English forms, right after the brand ("Louisa never has this
/// problem", "Louisa would never do this").
const NEVER_EN: &[&str] = &[
    "never has this",
    "never had this",
    "never has that",
    "never had that",
    "never had these",
    "never had any issue",
    "never had any problem",
    "never had an issue",
    "never had a problem",
    "never does this",
    "never does that",
    "never did this",
    "never did that",
    "would never do this",
    "would never do that",
    "doesn't have this problem",
    "doesn't have that problem",
    "does not have this problem",
];
/// Most characters between a brand and [`NEVER`] (「肯德基的炸雞就不會…」).
const NEVER_GAP: usize = 6;

/// `A 就不會這樣`, in `lower[from..until]` (A's clause after it): A is
/// spared what the unit complains of, the better side — or, with the past
/// or a condition between (「雲朵以前不會這樣」, 「雲朵如果有誠意就不會這樣」),
/// the one blamed. `None` for a question (「雲朵不會有這種問題嗎？」). The
/// words between A and the cue, and the cue's byte span.
fn spared(lower: &str, from: usize, until: usize) -> Option<(&str, (usize, usize))> {
    let within = &lower[from..until];
    // Every form names 這 / 那 or "never" / "have th…": most clauses stop here.
    if !within.contains(['這', '这', '那'])
        && !within.contains("never")
        && !within.contains(" have th")
    {
        return None;
    }
    let asked = lower[until..].starts_with(['?', '？']) || within.contains(['嗎', '吗']);
    let (gap, at, len) = NEVER
        .iter()
        .find_map(|w| {
            let j = within.find(w)?;
            let rest = &within[j + w.len()..];
            let rest = NEVER_VERB
                .iter()
                .find_map(|v| rest.strip_prefix(v))
                .unwrap_or(rest);
            let this = rest.strip_prefix(['這', '这', '那'])?;
            let plain = ["樣", "样", "麼", "么"].iter().any(|c| this.starts_with(c));
            let kind = ["種", "种", "個", "个", "類", "类", "樣的", "样的"]
                .iter()
                .find_map(|c| this.strip_prefix(c))
                .unwrap_or(this);
            let kind = kind.strip_prefix('的').unwrap_or(kind);
            let trouble = TROUBLE.iter().find(|t| kind.starts_with(*t));
            if !plain && trouble.is_none() {
                return None;
            }
            // The cue ends after the trouble (「這種問題」) or after 這樣 / 這麼.
            let left = trouble.map_or(this.len() - '樣'.len_utf8(), |t| kind.len() - t.len());
            let end = until - left;
            Some((&within[..j], from + j, end - from - j))
        })
        .or_else(|| {
            let j = NEVER_EN.iter().find_map(|w| {
                let j = within.find(w)?;
                (within[..j].split_whitespace().count() <= 3).then_some((j, w.len()))
            })?;
            Some((&within[..j.0], from + j.0, j.1))
        })?;
    if asked || gap.chars().count() > NEVER_GAP && !gap.is_ascii() {
        return None;
    }
    Some((gap, (at, at + len)))
}

/// `A 就不會`, `A 沒遇過` closing A's clause in `lower[from..until]`
/// (「屈臣氏的點數一直被吃掉，康是美就不會」, 「以前用foodpanda沒遇過」): what
/// [`spared`] reads with 這樣 / 這種問題 after it, left unsaid. 不會 only after
/// 就 / 都 / 也 (「雲朵不會」 is as often "does not"), and never 沒有 alone
/// (「雲朵沒有」 lacks). The words between A and the cue, and the cue's span.
fn spared_bare(lower: &str, from: usize, until: usize) -> Option<(&str, (usize, usize))> {
    let within = lower[from..until].trim_end_matches(['了', '啦', '喔', '耶', '欸', '呢', ' ']);
    let at = if let Some(head) = ["就不會", "都不會", "也不會", "就不会", "都不会", "也不会"]
        .iter()
        .find_map(|w| within.strip_suffix(w))
    {
        head.len()
    } else {
        let head = ["遇過", "遇过", "遇到過", "遇到过", "碰過", "碰过"]
            .iter()
            .find_map(|w| within.strip_suffix(w))?;
        NEVER
            .iter()
            .find_map(|n| head.strip_suffix(n).map(|h| h.len()))?
    };
    let gap = &within[..at];
    (gap.chars().count() <= NEVER_GAP
        && !gap.contains(['嗎', '吗'])
        && !lower[until..].starts_with(['?', '？']))
    .then_some((gap, (from + at, from + within.len())))
}

/// 以前 / 之前 / 本來 opening the clause of the brand at `a`, and 現在 /
/// 後來 / 如今 opening the next clause, of the brand at `b`: the writer
/// moved from the one to the other. The span of the word that says now.
fn moved_on(lower: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    const THEN: &[&str] = &[
        "以前", "之前", "本來", "本来", "原本", "以往", "過去", "过去", "used to",
    ];
    const NOW: &[&str] = &[
        "現在",
        "现在",
        "後來",
        "后来",
        "如今",
        "最近都",
        "目前都",
        "最近",
        "now",
    ];
    let from = after_last(lower, 0, a, super::is_clause_break).unwrap_or(0);
    // B's clause is the next one: one break between them.
    let opens = after_last(lower, a, b, super::is_clause_break)?;
    // The past said of A before or after its name (「雲朵以前是我的最愛」,
    // "Cloud Cafe used to be my go-to").
    let clause = &lower[from..opens];
    if !THEN.iter().any(|w| clause.contains(w)) {
        return None;
    }
    let breaks = lower[a..opens]
        .chars()
        .filter(|&c| super::is_clause_break(c))
        .count();
    if breaks != 1 || lower[a..opens].contains(['?', '？']) {
        return None;
    }
    let head = &lower[opens..b];
    // Not both: 「以前喝雲朵，現在也喝路易莎」.
    let clause = &lower[opens..];
    let clause = &clause[..clause.find(super::is_clause_break).unwrap_or(clause.len())];
    if clause.contains(['也', '還', '还'])
        || clause
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| ["also", "too", "still"].contains(&w))
    {
        return None;
    }
    NOW.iter().find_map(|w| {
        let j = head.find(w)?;
        // An English word whole: not the "now" of "know".
        let whole = !w.is_ascii()
            || (!head[..j].ends_with(|c: char| c.is_ascii_alphabetic())
                && !head[j + w.len()..].starts_with(|c: char| c.is_ascii_alphabetic()));
        whole.then_some((opens + j, opens + j + w.len()))
    })
}

/// 至少 / 起碼 / "at least" at the brand at `start..end` (A's clause until
/// `until`): 「雲朵根本洗碗水，路易莎至少喝得出咖啡味」 — after a complaint,
/// the better side. No gap, and the cue's span.
fn at_least(lower: &str, start: usize, end: usize, until: usize) -> Option<(&str, (usize, usize))> {
    const CUES: &[&str] = &["至少", "起码", "好歹", "at least"];
    if let Some(cue) = cue_before(lower, start, CUES) {
        return Some(("", cue));
    }
    let within = &lower[end..until];
    // After the brand's aspect at most (「路易莎的拿鐵至少…」).
    CUES.iter().find_map(|c| {
        let j = within.find(c)?;
        (within[..j].chars().count() <= ASPECT_CHARS).then_some(("", (end + j, end + j + c.len())))
    })
}

/// `between` two brands is only a verb of winning or losing, after an
/// adverb (「還是輸」, 「完全贏」), or `>` / `<`: whether the first brand
/// wins, and the verb's byte span in `between`.
fn verb_between(between: &str) -> Option<(bool, (usize, usize))> {
    let t = between.trim();
    let lead = between.len() - between.trim_start().len();
    // What of A loses or wins, in a few characters after 的 or right after
    // the name: 「雲朵的美式輸路易莎」, 「雲朵CP值輸路易莎」.
    let verbs = ['輸', '输', '贏', '赢', '甩'];
    let (aspect, rest) = match t.strip_prefix('的') {
        Some(r) => {
            let verb = r.rfind(verbs)?;
            (t.len() - r.len() + verb, &r[verb..])
        }
        None => match t.rfind(verbs) {
            Some(v) if v > 0 => (v, &t[v..]),
            _ => (0, t),
        },
    };
    let mut head = strip_adverbs(&t[..aspect]);
    // 「雲朵的美式不輸路易莎」: not worse, the better side (as 不輸給 is).
    let negator = ["沒有", "没有", "並不", "并不", "不", "沒", "没"]
        .iter()
        .find(|n| head.ends_with(*n));
    if let Some(n) = negator {
        head = strip_adverbs(&head[..head.len() - n.len()]);
    }
    if aspect > 0 && head.chars().count() > ASPECT_CHARS {
        return None;
    }
    let adverb = ADVERBS
        .iter()
        .find(|a| rest.starts_with(*a))
        .map_or(0, |a| a.len());
    // `A >>> B`: a run of either sign, as forums write it.
    let signs = |r: &str, signs: [char; 2]| !r.is_empty() && r.chars().all(|c| signs.contains(&c));
    let up = match &rest[adverb..] {
        "輸" | "输" => false,
        "贏" | "赢" | "甩" => true,
        r if signs(r, ['<', '＜']) => false,
        r if signs(r, ['>', '＞']) => true,
        _ => return None,
    };
    let at = lead + aspect + adverb;
    Some((up != negator.is_some(), (at, at + rest.len() - adverb)))
}

/// Adverbs that may stand between a subject and its comparison
/// (「雲朵還是輸路易莎」, 「雲朵真的比路易莎強」).
const ADVERBS: &[&str] = &[
    "還是", "还是", "完全", "直接", "根本", "整個", "整个", "真的", "確實", "确实", "明顯", "明显",
];

/// `head` without the [`ADVERBS`] it ends on.
fn strip_adverbs(mut head: &str) -> &str {
    while let Some(a) = ADVERBS.iter().find(|a| head.ends_with(*a)) {
        head = &head[..head.len() - a.len()];
    }
    head
}

/// Words that, right after `比 B`, say which way the comparison goes
/// though alone they say little: 強 is no praise in 強烈 or 勉強.
const MEASURED: &[(&str, f32)] = &[
    ("強", 0.5),
    ("强", 0.5),
    ("弱", -0.5),
    ("遜", -0.5),
    ("逊", -0.5),
    // 「Pixel的拍照比iPhone自然」.
    ("自然", 0.5),
];

/// Where `than` ends the English words between two brands, a few words
/// after the first (" is pricier than ", " is way more expensive than "),
/// or "compared to (the)", which sets them against each other as "than"
/// does ("the breakfast was sad compared to the Marriott spread"): the
/// cue's byte offset in `between` and its length.
fn english_than(between: &str) -> Option<(usize, usize)> {
    let t = between.trim_end();
    let t = t.strip_suffix(" the").unwrap_or(t);
    let (j, len) = ["than", "compared to", "compared with"]
        .iter()
        .find_map(|c| Some((t.strip_suffix(c)?.len(), c.len())))?;
    let words = &t[..j];
    (words.ends_with(' ')
        && words.is_ascii()
        && (1..=8).contains(&words.split_whitespace().count()))
    .then_some((j, len))
}

/// The most characters of 的 and the aspect between a brand and a verb
/// of losing or winning (「的美式」, 「的拿鐵」, 「的服務態度」).
const ASPECT_CHARS: usize = 5;

/// The first of `cues` in `lower[from..until]` at most two characters
/// after `from`, or three English words ("is way", "is nothing"), as a
/// byte span. An English cue starts on a word edge ("over" is not in
/// "overpriced"; "beats" not in "upbeats").
fn cue_after(lower: &str, from: usize, until: usize, cues: &[&str]) -> Option<(usize, usize)> {
    let within = &lower[from..until];
    cues.iter().find_map(|c| {
        let j = within.find(c)?;
        let gap = &within[..j];
        let words = gap
            .chars()
            .all(|ch| ch.is_ascii_alphabetic() || ch == '\'' || ch == ' ')
            && gap.split_whitespace().count() <= 3;
        let edge = !c.starts_with(|ch: char| ch.is_ascii_alphabetic())
            || !gap.ends_with(|ch: char| ch.is_ascii_alphanumeric());
        ((gap.chars().count() <= 2 || words) && edge).then_some((from + j, from + j + c.len()))
    })
}

/// A 就 of ease just after a brand, in `lower[from..until]`: after a short
/// span of time or tries (「兩週就」, 「一次就」, 「三天就」), or before 直接 /
/// 馬上 (「就直接給退了」); or 直接 / 馬上 / 立刻 right after the brand
/// (「momo直接到府收退」). The byte span of the 就 or the word.
fn readily(lower: &str, from: usize, until: usize) -> Option<(usize, usize)> {
    const SOON: &[&str] = &[
        "一次", "一下", "马上", "馬上", "直接", "很快", "立刻", "當天", "当天", "隔天",
    ];
    const SPANS: &[&str] = &[
        "天", "週", "周", "分鐘", "分钟", "小時", "小时", "次", "個月", "个月", "禮拜", "礼拜",
    ];
    let within = &lower[from..until];
    // 「momo直接到府收退」: 直接 / 馬上 right after the name, without 就.
    let bare = within.trim_start();
    if let Some(w) = ["直接", "马上", "馬上", "立刻"]
        .iter()
        .find(|w| bare.starts_with(**w))
    {
        let at = until - bare.len();
        return Some((at, at + w.len()));
    }
    let j = within.find('就')?;
    let gap = within[..j].trim();
    let after = &within[j + '就'.len_utf8()..];
    // A count of one or two numerals before the span: 「兩週」, 「的理賠一週」
    // (the aspect before it is the brand's).
    let counted = |g: &str| {
        SPANS.iter().any(|s| {
            g.strip_suffix(s).is_some_and(|n| {
                let numerals = n
                    .chars()
                    .rev()
                    .take_while(|&c| {
                        c.is_ascii_digit() || "一二兩两三四五六七八九十半幾几".contains(c)
                    })
                    .count();
                (1..=2).contains(&numerals)
                    && (numerals == n.chars().count() || n.starts_with('的'))
            })
        })
    };
    let short = gap.chars().count() <= 4
        || (gap.starts_with('的') && gap.chars().count() <= 4 + ASPECT_CHARS);
    let soon = (short && (SOON.iter().any(|w| gap.ends_with(w)) || counted(gap)))
        || (gap.is_empty() && SOON.iter().any(|w| after.starts_with(w)));
    soon.then_some((from + j, from + j + '就'.len_utf8()))
}

/// Whether every mention of `brand` in `ms` names it only as a landmark or
/// a go-between (「萬豪和喜來登之間」, 「委託攜程訂」, 「淘寶搜森林人導航」,
/// 「就在雲朵對面」): what is said next to it is about something else. (在 /
/// 去 / 用 before a brand as well measured worse: 「用了三天」, 「去摩斯吃」
/// judge it.) A list shares the word after it (「萬豪和喜來登之間」).
fn only_referenced(text: &str, lower: &str, ms: &[Mentioned], brand: &str) -> bool {
    (0..ms.len()).filter(|&i| ms[i].brand == brand).all(|i| {
        let end = ms[list_end(text, ms, i)].end;
        // A list shares the cue before it (「下面只有星巴克和肯德基」).
        let head = (0..i).find(|&k| list_end(text, ms, k) >= i).unwrap_or(i);
        cue_before(lower, ms[head].start, REFERENCE_BEFORE).is_some()
            || REFERENCE_AFTER
                .iter()
                .any(|c| located(&lower[end..]).starts_with(c))
            // Full or closed, so the writer went elsewhere: 「剛好路易莎客滿
            // 才進來」 says nothing of it.
            || made_do(&lower[end..])
            // Likened to a brand listed before it, it is no yardstick:
            // 「雲朵跟路易莎一樣難喝」 says it of both (`says_all`).
            || (likened(lower, ms[i].start, end)
                && !(0..i).any(|k| ms[k].brand != brand && list_end(text, ms, k) >= i))
    })
}

/// Whether `rest`, what follows a brand, says it could not be had and the
/// writer went elsewhere (「客滿才進來」, 「沒開，只好改去…」; folded).
fn made_do(rest: &str) -> bool {
    let head = &rest[..rest.char_indices().nth(40).map_or(rest.len(), |(j, _)| j)];
    let folded = super::ScoreText::new(head).text;
    // "Louisa was packed so we ended up here".
    if let Some(k) = UNAVAILABLE
        .iter()
        .filter(|w| w.is_ascii())
        .find_map(|w| folded.trim_start().strip_prefix(w))
    {
        let after = k.trim_start_matches([',', ' ']);
        return ["so ", "and ended", "and we ended", "we ended", "ended up"]
            .iter()
            .any(|w| after.starts_with(w));
    }
    UNAVAILABLE
        .iter()
        .filter(|w| !w.is_ascii())
        .find_map(|w| {
            let j = folded.find(w)?;
            (folded[..j].chars().count() <= 2).then_some(j + w.len())
        })
        .is_some_and(|k| {
            // Two characters at most between (「沒位子才」, 「客滿了，只好」).
            let after = folded[k..].trim_start_matches([',', '，', '了', ' ']);
            let near = &after[..after.char_indices().nth(2).map_or(after.len(), |(j, _)| j)];
            ["才", "只好", "只能", "所以", "于是", "就改", "就来", "就去"]
                .iter()
                .any(|w| near.contains(w))
        })
}

/// `rest`, what follows a brand, past 在 where it says where the brand is
/// (「明明7-11就在旁邊」): a landmark as much as 「7-11旁邊」.
fn located(rest: &str) -> &str {
    let rest = rest.trim_start();
    let at = rest.trim_start_matches(['就', '也', '都', '還', '还']);
    at.strip_prefix('在').unwrap_or(rest)
}

/// Words before a brand, and after it in its clause, that liken something
/// to it: the brand is a yardstick, nothing is said of it (「跟涮乃葉有點像」,
/// 「和紅米note3高配版差不多」, 「跟饗食天堂的正餐沒有太大的差異」).
const LIKE_BEFORE: &[&str] = &["跟", "和", "與", "与", "像"];
const LIKE_AFTER: &[&str] = &[
    "一樣",
    "一样",
    "有點像",
    "有点像",
    "很像",
    "差不多",
    "類似",
    "类似",
    "相似",
    "相同",
    "沒兩樣",
    "没两样",
    "沒什麼差",
    "没什么差",
    "沒有太大的差",
    "没有太大的差",
    // 「外帶杯跟路易莎同款，但漏水」.
    "同款",
];
/// Most characters between a likened brand and the word that likens it.
const LIKE_GAP: usize = 12;

/// Whether the mention at `start..end` (its list's end) is likened to.
fn likened(lower: &str, start: usize, end: usize) -> bool {
    if cue_before(lower, start, LIKE_BEFORE).is_none() {
        return false;
    }
    let clause = &lower[end..];
    let clause = &clause[..clause
        .find(|c: char| super::is_clause_break(c) || c.is_whitespace())
        .unwrap_or(clause.len())];
    LIKE_AFTER.iter().any(|w| {
        clause
            .find(w)
            .is_some_and(|j| clause[..j].chars().count() <= LIKE_GAP)
    })
}

/// Neutral toward a brand, with nothing said of it (`tone`).
fn nothing((brand, competitor): (&str, bool), signals: &Signals) -> Target {
    Target {
        brand: brand.to_string(),
        competitor,
        label: Label::Neu,
        score: 0.0,
        basis: Basis::Tone,
        reasons: Vec::new(),
        risk: risk(0.0, Label::Neu, &[], signals),
    }
}

/// `mentions` that fall inside `text`, in order.
fn in_order<'a>(text: &str, mentions: &[Mentioned<'a>]) -> Vec<Mentioned<'a>> {
    let mut ms: Vec<Mentioned> = mentions
        .iter()
        .copied()
        .filter(|m| m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start))
        .collect();
    ms.sort_by_key(|m| (m.start, m.end));
    ms
}

/// Sets `brand`'s verdict from a comparative or switch at byte span `cue`.
fn set(out: &mut [Target], text: &str, brand: &str, up: bool, cue: (usize, usize)) {
    let at = |i: usize| utf16_len(&text.as_bytes()[..i]) as u32;
    if let Some(t) = out.iter_mut().find(|t| t.brand == brand) {
        // The unit's reasons are about the unit: the cue is this verdict's.
        if t.basis == Basis::Unit {
            t.reasons.clear();
        }
        let size = t.score.abs().max(0.5);
        t.score = if up { size } else { -size };
        t.label = if up { Label::Pos } else { Label::Neg };
        t.basis = Basis::Comparison;
        let (start, end) = (at(cue.0), at(cue.1));
        // A cue read twice (a lead, then the pair it opens) is one reason.
        if t.reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Comparison && (r.start, r.end) == (start, end))
        {
            t.reasons.retain(|r| {
                !(r.kind == ReasonKind::Comparison && (r.start, r.end) == (start, end))
            });
        }
        t.reasons.push(Reason {
            kind: ReasonKind::Comparison,
            text: text[cue.0..cue.1].to_string(),
            contribution: if up { 1.0 } else { -1.0 },
            start,
            end,
        });
    }
}
