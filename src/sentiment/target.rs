//! Verdicts toward each brand a unit mentions: 「改喝路易莎啦 雲朵母湯」 is
//! negative about 雲朵 and positive about 路易莎, one verdict for the unit
//! would be wrong about one of them.
//!
//! A unit that mentions one brand gives it the unit's verdict. With several,
//! the text is cut into segments, each owned by the brand mentioned in it
//! (cut at the last clause break or space before the next brand's mention),
//! and each brand is judged on its own segments. Comparatives and switches
//! judge both sides at once: `A 比 B 好` (A up, B down), `A 不如 B`,
//! `A 輸給 B`, `改喝 / 換成 / switched to B` (B up, a brand left behind with
//! nothing said of it down), `A is better than B`. A brand whose segments
//! say nothing gets the unit's tone.

use super::{Analysis, Label, Reason, ReasonKind, Scorer, Signals};
use crate::normalize::utf16_len;
use serde::Serialize;

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
    /// Nothing closer: the unit's overall tone.
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
    "switched to",
    "switch to",
    "moved to",
    "went with",
    "changed to",
];
/// `A <cue> B`: A is worse than B.
const WORSE_THAN: &[&str] = &[
    "不如",
    "比不上",
    "輸給",
    "输给",
    "差過",
    "worse than",
    "not as good as",
    "inferior to",
];
/// `A <cue> B`: A is better than B.
const BETTER_THAN: &[&str] = &[
    "勝過",
    "胜过",
    "贏過",
    "赢过",
    "完勝",
    "完胜",
    "屌打",
    "海放",
    "打趴",
    "better than",
    "beats",
    "superior to",
];
/// How far (bytes) a cue may stand before the brand it names.
const NEAR: usize = 6;
/// A segment with less evidence than this says nothing about its brand.
const SAYS_SOMETHING: f32 = 0.15;

fn label_of(score: f32) -> Label {
    if score >= SAYS_SOMETHING {
        Label::Pos
    } else if score <= -SAYS_SOMETHING {
        Label::Neg
    } else {
        Label::Neu
    }
}

/// Whether `cue` ends within `NEAR` bytes (spaces only) before `at`.
fn cue_before(lower: &str, at: usize, cues: &[&str]) -> Option<(usize, usize)> {
    let from = at.saturating_sub(NEAR + 16);
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
    /// brand allowed), given the unit's own verdict `overall`.
    pub fn targets(&self, text: &str, mentions: &[Mentioned], overall: &Analysis) -> Vec<Target> {
        let mut ms: Vec<Mentioned> = mentions
            .iter()
            .copied()
            .filter(|m| m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start))
            .collect();
        ms.sort_by_key(|m| (m.start, m.end));
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
        };
        if brands.len() < 2 {
            return brands.into_iter().map(|b| whole(b, Basis::Unit)).collect();
        }

        // Segments: each mention owns the text from the end of the last
        // segment to the last clause break or space before the next brand.
        let lower = text.to_ascii_lowercase();
        let mut segments: Vec<(&str, usize, usize)> = Vec::new();
        let mut start = 0;
        for (i, m) in ms.iter().enumerate() {
            let Some(next) = ms[i + 1..].iter().find(|n| n.brand != m.brand) else {
                segments.push((m.brand, start, text.len()));
                break;
            };
            if next.start <= m.end {
                continue;
            }
            let between = &text[m.end..next.start];
            let cut = between
                .char_indices()
                .filter(|&(_, c)| c.is_whitespace() || super::is_clause_break(c))
                .map(|(j, c)| m.end + j + c.len_utf8())
                .next_back()
                .unwrap_or(next.start);
            // A switch cue just before the next brand belongs to it.
            let cut = cue_before(&lower, next.start, SWITCH).map_or(cut, |(s, _)| cut.min(s));
            if cut > start {
                segments.push((m.brand, start, cut));
                start = cut;
            }
            // Mentions of the same brand until `next` stay in its segment.
        }

        let mut out: Vec<Target> = Vec::new();
        for &(brand, competitor) in &brands {
            let (mut sum, mut reasons) = (0.0f32, Vec::new());
            for &(_, s, e) in segments.iter().filter(|seg| seg.0 == brand) {
                let a = self.score(&text[s..e], &Signals::default());
                let off = utf16_len(&text.as_bytes()[..s]) as u32;
                sum += a.score;
                reasons.extend(a.reasons.into_iter().map(|mut r| {
                    r.start += off;
                    r.end += off;
                    r
                }));
            }
            let score = sum.clamp(-1.0, 1.0);
            let mut t = Target {
                brand: brand.to_string(),
                competitor,
                label: label_of(score),
                score,
                basis: Basis::Clause,
                reasons,
            };
            if t.label == Label::Neu {
                t = whole((brand, competitor), Basis::Tone);
            }
            out.push(t);
        }

        // Comparatives and switches override what the segments say.
        for (i, a) in ms.iter().enumerate() {
            let Some(b) = ms[i + 1..].iter().find(|n| n.brand != a.brand) else {
                break;
            };
            if b.start < a.end {
                continue;
            }
            let between = &lower[a.end..b.start];
            if between.chars().any(super::is_clause_break) {
                continue;
            }
            let find = |cues: &[&str]| {
                cues.iter()
                    .find_map(|c| between.find(c).map(|j| (a.end + j, a.end + j + c.len())))
            };
            if let Some(cue) = find(WORSE_THAN) {
                set(&mut out, text, a.brand, false, cue);
                set(&mut out, text, b.brand, true, cue);
            } else if let Some(cue) = find(BETTER_THAN) {
                set(&mut out, text, a.brand, true, cue);
                set(&mut out, text, b.brand, false, cue);
            } else if let Some(j) = between
                .find('比')
                .filter(|_| !between.contains("比較") && !between.contains("比较"))
            {
                // `A 比 B 好`: the rest of the clause says which way.
                let rest_end = text[b.end..]
                    .char_indices()
                    .find(|&(_, c)| super::is_clause_break(c))
                    .map_or(text.len(), |(k, _)| b.end + k);
                let s = self
                    .score(&text[b.end..rest_end], &Signals::default())
                    .score;
                if s.abs() >= SAYS_SOMETHING {
                    let cue = (a.end + j, a.end + j + '比'.len_utf8());
                    set(&mut out, text, a.brand, s > 0.0, cue);
                    set(&mut out, text, b.brand, s < 0.0, cue);
                }
            }
        }
        for m in &ms {
            if let Some(cue) = cue_before(&lower, m.start, SWITCH) {
                set(&mut out, text, m.brand, true, cue);
                // A brand left behind with nothing said of it is the one
                // the writer moved away from.
                let left: Vec<String> = out
                    .iter()
                    .filter(|t| t.brand != m.brand && t.basis == Basis::Tone)
                    .map(|t| t.brand.clone())
                    .collect();
                for l in left {
                    set(&mut out, text, &l, false, cue);
                }
            }
        }
        for t in &mut out {
            t.reasons.sort_by_key(|r| (r.start, r.end));
        }
        out
    }
}

/// Sets `brand`'s verdict from a comparative or switch at byte span `cue`.
fn set(out: &mut [Target], text: &str, brand: &str, up: bool, cue: (usize, usize)) {
    let at = |i: usize| utf16_len(&text.as_bytes()[..i]) as u32;
    if let Some(t) = out.iter_mut().find(|t| t.brand == brand) {
        let size = t.score.abs().max(0.5);
        t.score = if up { size } else { -size };
        t.label = if up { Label::Pos } else { Label::Neg };
        t.basis = Basis::Comparison;
        t.reasons.push(Reason {
            kind: ReasonKind::Comparison,
            text: text[cue.0..cue.1].to_string(),
            contribution: if up { 1.0 } else { -1.0 },
            start: at(cue.0),
            end: at(cue.1),
        });
    }
}
