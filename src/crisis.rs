//! Crisis types from the user's guide, how severe each is, and how a unit
//! is judged to signal one.
//!
//! Evidence comes from `lexicon/crisis.tsv`, read by meaning rather than as
//! fixed strings:
//! - **terms** with weights (`蟑螂` alone is enough, `個資` needs company);
//! - **patterns with a gap**, `態度…差|不佳|不好`: a first part, then within
//!   a few characters of the same clause a second one, not negated
//!   (`態度不差` is praise);
//! - **figurative uses** that cancel the evidence inside them: `鹹到爆炸` is
//!   no explosion, `有種被詐騙的感覺` no scam, `發個資訊` no personal data.
//!
//! A negative review needs a negative verdict and counts a clearly negative
//! one as evidence of itself; staff misconduct needs a negative verdict.

use crate::pattern::{fold, Pattern};
use serde::Serialize;
use std::sync::OnceLock;

/// A kind of reputation crisis a unit of text can signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Crisis {
    /// Negative review or harassment (負評、網路霸凌).
    Review,
    /// Data breach or security incident (個資外洩、資安).
    Breach,
    /// Product safety (食安、瑕疵、過敏、中毒、召回).
    Safety,
    /// Staff misconduct or inappropriate remarks (不當言論).
    Misconduct,
    /// Rumour or fake news (謠言、假新聞、造謠).
    Rumor,
    /// Impersonation or scam (冒名粉專、詐騙、假廣告).
    Scam,
}

impl Crisis {
    /// Every type, in a stable order.
    pub const ALL: [Crisis; 6] = [
        Crisis::Review,
        Crisis::Breach,
        Crisis::Safety,
        Crisis::Misconduct,
        Crisis::Rumor,
        Crisis::Scam,
    ];

    /// The name used in lexicon files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Crisis::Review => "review",
            Crisis::Breach => "breach",
            Crisis::Safety => "safety",
            Crisis::Misconduct => "misconduct",
            Crisis::Rumor => "rumor",
            Crisis::Scam => "scam",
        }
    }

    /// Parses a lexicon file's type name.
    pub fn from_id(s: &str) -> Option<Crisis> {
        Crisis::ALL.into_iter().find(|c| c.id() == s)
    }

    /// Traditional Chinese name, for the CLI and reasons.
    pub fn zh(self) -> &'static str {
        match self {
            Crisis::Review => "負評／網路霸凌",
            Crisis::Breach => "個資外洩／資安事件",
            Crisis::Safety => "產品安全",
            Crisis::Misconduct => "員工不當言行",
            Crisis::Rumor => "謠言／假新聞",
            Crisis::Scam => "冒名／詐騙",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            Crisis::Review => "negative review / harassment",
            Crisis::Breach => "data breach / security incident",
            Crisis::Safety => "product safety",
            Crisis::Misconduct => "staff misconduct",
            Crisis::Rumor => "rumour / fake news",
            Crisis::Scam => "impersonation / scam",
        }
    }

    /// How much harm the type can do to a business, 1..=5: the base of the
    /// impact axis of the risk grade.
    pub fn severity(self) -> u8 {
        match self {
            Crisis::Breach | Crisis::Safety => 5,
            Crisis::Scam | Crisis::Misconduct => 4,
            Crisis::Rumor => 3,
            Crisis::Review => 3,
        }
    }
}

/// A crisis type found in a unit, with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct CrisisFinding {
    /// The type.
    #[serde(rename = "type")]
    pub crisis: Crisis,
    /// Sum of the evidence weights (flagged at [`THRESHOLD`]).
    pub score: f32,
    /// The evidence: text and UTF-16 span of each term or pattern.
    pub evidence: Vec<Evidence>,
}

/// One piece of crisis evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The term as written.
    pub text: String,
    /// UTF-16 start.
    pub start: u32,
    /// UTF-16 end (exclusive).
    pub end: u32,
}

/// A type is flagged at this much evidence.
pub const THRESHOLD: f32 = 1.0;
/// What a negative verdict adds to a negative review's evidence: a clearly
/// negative comment is a negative review whatever its words.
const CLEARLY_NEGATIVE: f32 = -0.7;

/// A crisis term the scorer found in the folded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term<'a> {
    pub start: usize,
    pub end: usize,
    pub kinds: &'a [(Crisis, f32)],
}

/// `A1|A2…B1|B2`: a first part, then a second within a few characters.
#[derive(Debug)]
struct Gap {
    crisis: Crisis,
    pattern: Pattern,
    weight: f32,
}

#[derive(Debug, Default)]
struct Rules {
    gaps: Vec<Gap>,
    figurative: Vec<String>,
}

/// The crisis lexicon, shared with the scorer's term lexicon.
pub(crate) const LEXICON: &str = include_str!("../lexicon/crisis.tsv");

/// Whether a `crisis.tsv` row is a rule of this module (a pattern or a
/// figurative use) rather than a term for the scorer's automaton.
pub(crate) fn is_rule(kind: &str, term: &str) -> bool {
    kind == "figurative" || term.contains('…')
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules::default();
        for line in LEXICON.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["figurative", phrase, ..] => r.figurative.push(fold(phrase)),
                [kind, pattern, weight] if pattern.contains('…') => {
                    let (Some(crisis), Ok(weight)) = (Crisis::from_id(kind), weight.trim().parse())
                    else {
                        continue;
                    };
                    r.gaps.push(Gap {
                        crisis,
                        pattern: Pattern::parse(pattern),
                        weight,
                    });
                }
                _ => {}
            }
        }
        r
    })
}

/// Matches of the gap patterns in folded `text`: (type, start, end, weight).
fn gaps(text: &str) -> Vec<(Crisis, usize, usize, f32)> {
    rules()
        .gaps
        .iter()
        .flat_map(|g| {
            g.pattern
                .find(text)
                .into_iter()
                .map(|(s, e)| (g.crisis, s, e, g.weight))
        })
        .collect()
}

/// The crisis types of a unit from the terms the scorer found in its folded
/// `text`, its verdict (`negative`: the score when labelled negative), and
/// `evidence`, which turns a folded span into the source's text and span.
pub(crate) fn detect(
    text: &str,
    terms: &[Term],
    negative: Option<f32>,
    evidence: &dyn Fn(usize, usize) -> Evidence,
) -> Vec<CrisisFinding> {
    let mut found: Vec<(Crisis, usize, usize, f32)> = terms
        .iter()
        .flat_map(|t| t.kinds.iter().map(move |&(c, w)| (c, t.start, t.end, w)))
        .chain(gaps(text))
        .collect();
    let figurative: Vec<(usize, usize)> = rules()
        .figurative
        .iter()
        .flat_map(|f| {
            text.match_indices(f.as_str())
                .map(|(s, m)| (s, s + m.len()))
        })
        .collect();
    // Evidence that starts inside a figurative phrase is the phrase's: a
    // pattern read from there (衛生…很差 in 「衛生間很差」) too.
    found.retain(|&(_, s, _, _)| !figurative.iter().any(|&(fs, fe)| fs <= s && s < fe));
    found.sort_by_key(|&(c, s, e, _)| (c, s, std::cmp::Reverse(e)));
    let mut out = Vec::new();
    for c in Crisis::ALL {
        let mut f = CrisisFinding {
            crisis: c,
            score: 0.0,
            evidence: Vec::new(),
        };
        // Spans in order; one inside another counts once, overlapping
        // ones (店長罵 and 罵客人) become one piece of evidence.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for &(_, s, e, w) in found.iter().filter(|x| x.0 == c) {
            match spans.last_mut() {
                Some(last) if e <= last.1 => continue,
                Some(last) if s < last.1 => last.1 = e,
                _ => spans.push((s, e)),
            }
            f.score += w;
        }
        f.evidence = spans.iter().map(|&(s, e)| evidence(s, e)).collect();
        // Complaints about staff and bad reviews need a negative verdict. A
        // negative verdict also backs up weaker evidence of a hazard or of
        // cheating: 有老鼠 in a complaint is a hazard, in praise it needs more.
        match negative {
            None if matches!(c, Crisis::Review | Crisis::Misconduct) => continue,
            Some(score) if c != Crisis::Rumor && c != Crisis::Breach => {
                if score <= -0.5 && !f.evidence.is_empty() {
                    f.score += 0.5;
                }
                if c == Crisis::Review && score <= CLEARLY_NEGATIVE {
                    f.score += THRESHOLD;
                }
            }
            _ => {}
        }
        if f.score >= THRESHOLD {
            out.push(f);
        }
    }
    out
}
