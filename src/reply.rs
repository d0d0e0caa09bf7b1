//! The reply check (回覆健檢): reads the owner's draft answer to a comment
//! for what adds fuel — official tone (官腔), shifting blame, arguing facts
//! in public, asking for personal data in public, promises without a time,
//! no apology where harm was done, no remedy, no private channel — and for
//! what a good reply has: it acknowledges, apologises where due, states the
//! fix, offers a private channel and follows up.
//!
//! The phrases are `lexicon/reply.tsv`, read as terms and patterns with a
//! gap (`pattern.rs`), in either script and in English. A finding carries
//! the span of its words, like the scorer's reasons; one about something
//! missing has none. The comment being answered, when given, says whether
//! an answer to a complaint is due and whether harm was done (its crisis
//! types, from the scorer).

use crate::pattern::{negated, negated_after, Pattern};
use crate::sentiment::{Crisis, Label, ScoreText, Scorer, Signals};
use serde::Serialize;
use std::sync::OnceLock;

/// What adds fuel, or what is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// Official or boilerplate tone (官腔).
    Boilerplate,
    /// Shifting blame to the customer or a supplier.
    Blame,
    /// Arguing facts in public, threats.
    Argue,
    /// Asking for personal data in public.
    AsksData,
    /// A promise without a time.
    VaguePromise,
    /// No apology where harm was done.
    NoApology,
    /// No concrete remedy or next step.
    NoRemedy,
    /// No private channel offered.
    NoChannel,
}

/// What a good reply has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// It acknowledges what the writer went through.
    Acknowledge,
    /// It apologises.
    Apology,
    /// It states a concrete fix or remedy.
    Remedy,
    /// It offers a private channel.
    Channel,
    /// It says it will follow up.
    FollowUp,
    /// It says when.
    Time,
}

impl Problem {
    /// Every problem, in a stable order.
    pub const ALL: [Problem; 8] = [
        Problem::Boilerplate,
        Problem::Blame,
        Problem::Argue,
        Problem::AsksData,
        Problem::VaguePromise,
        Problem::NoApology,
        Problem::NoRemedy,
        Problem::NoChannel,
    ];

    /// The id in JSON and in the extension's messages.
    pub fn id(self) -> &'static str {
        match self {
            Problem::Boilerplate => "boilerplate",
            Problem::Blame => "blame",
            Problem::Argue => "argue",
            Problem::AsksData => "asks_data",
            Problem::VaguePromise => "vague_promise",
            Problem::NoApology => "no_apology",
            Problem::NoRemedy => "no_remedy",
            Problem::NoChannel => "no_channel",
        }
    }

    /// What it is and what to do instead, in Traditional Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Problem::Boilerplate => "官腔：用自己的話說發生了什麼、會怎麼做",
            Problem::Blame => "推卸責任：先承擔，不把問題推給顧客或廠商",
            Problem::Argue => "公開爭辯：事實私下核對，公開只表達關心與處理",
            Problem::AsksData => "公開索取個資：請對方私訊提供",
            Problem::VaguePromise => "承諾沒有時間：說明何時會處理或回覆",
            Problem::NoApology => "沒有道歉：對方受到傷害，先誠懇道歉",
            Problem::NoRemedy => "沒有具體補救或下一步：說明退款、改善或接下來怎麼做",
            Problem::NoChannel => "沒有私下管道：提供私訊、電話或信箱",
        }
    }

    /// What it is and what to do instead, in English.
    pub fn en(self) -> &'static str {
        match self {
            Problem::Boilerplate => {
                "boilerplate tone: say what happened and what you will do, in your own words"
            }
            Problem::Blame => {
                "shifting blame: own it first, don't push it onto the customer or a supplier"
            }
            Problem::Argue => {
                "arguing in public: check the facts privately, show care and action in public"
            }
            Problem::AsksData => {
                "asking for personal data in public: ask for it by private message"
            }
            Problem::VaguePromise => "a promise without a time: say when",
            Problem::NoApology => "no apology: someone was harmed, apologise first",
            Problem::NoRemedy => {
                "no concrete remedy or next step: say what you will do (refund, fix, next step)"
            }
            Problem::NoChannel => "no private channel: offer a DM, a phone number or an email",
        }
    }

    /// Whether it makes things worse by itself (rather than missing a part).
    pub fn adds_fuel(self) -> bool {
        matches!(self, Problem::Blame | Problem::Argue | Problem::AsksData)
    }
}

impl Strength {
    /// The id in JSON and in the extension's messages.
    pub fn id(self) -> &'static str {
        match self {
            Strength::Acknowledge => "acknowledge",
            Strength::Apology => "apology",
            Strength::Remedy => "remedy",
            Strength::Channel => "channel",
            Strength::FollowUp => "follow_up",
            Strength::Time => "time",
        }
    }

    /// Traditional Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Strength::Acknowledge => "理解對方",
            Strength::Apology => "道歉",
            Strength::Remedy => "具體補救",
            Strength::Channel => "私下管道",
            Strength::FollowUp => "後續追蹤",
            Strength::Time => "時間",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            Strength::Acknowledge => "acknowledges",
            Strength::Apology => "apologises",
            Strength::Remedy => "a concrete remedy",
            Strength::Channel => "a private channel",
            Strength::FollowUp => "follows up",
            Strength::Time => "says when",
        }
    }
}

/// A finding: a problem, with the words it rests on (none when something
/// is missing). Spans are UTF-16, in the draft.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The problem.
    pub kind: Problem,
    /// The words, as written.
    pub text: String,
    /// UTF-16 start (0 with `end` 0: nothing to point at).
    pub start: u32,
    /// UTF-16 end (exclusive).
    pub end: u32,
}

/// A strength, with its words.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// The strength.
    pub kind: Strength,
    /// The words, as written.
    pub text: String,
    /// UTF-16 start.
    pub start: u32,
    /// UTF-16 end (exclusive).
    pub end: u32,
}

/// The overall advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing found: ready to post.
    Good,
    /// Something missing or stiff: revise.
    Revise,
    /// Blame, argument or a public request for data: rewrite before posting.
    Rewrite,
}

impl Verdict {
    /// `good` / `revise` / `rewrite`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Revise => "revise",
            Verdict::Rewrite => "rewrite",
        }
    }

    /// Traditional Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Good => "可以發布",
            Verdict::Revise => "建議修改",
            Verdict::Rewrite => "建議重寫",
        }
    }
}

/// The reply check of one draft.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Good, revise or rewrite.
    pub verdict: Verdict,
    /// The draft answers a complaint (so a remedy and a channel are due).
    pub complaint: bool,
    /// Harm was done (so an apology is due).
    pub harm: bool,
    /// What adds fuel or is missing, in text order (missing parts last).
    pub findings: Vec<Finding>,
    /// What the draft does well, in text order.
    pub strengths: Vec<Found>,
}

/// The kinds of rows in `lexicon/reply.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Problem(Problem),
    Strength(Strength),
    Promise,
    Harm,
    Complaint,
}

fn row_kind(s: &str) -> Option<Row> {
    Some(match s {
        "boilerplate" => Row::Problem(Problem::Boilerplate),
        "blame" => Row::Problem(Problem::Blame),
        "argue" => Row::Problem(Problem::Argue),
        "asks_data" => Row::Problem(Problem::AsksData),
        "promise" => Row::Promise,
        "harm" => Row::Harm,
        "complaint" => Row::Complaint,
        "acknowledge" => Row::Strength(Strength::Acknowledge),
        "apology" => Row::Strength(Strength::Apology),
        "remedy" => Row::Strength(Strength::Remedy),
        "channel" => Row::Strength(Strength::Channel),
        "follow_up" => Row::Strength(Strength::FollowUp),
        "time" => Row::Strength(Strength::Time),
        _ => return None,
    })
}

/// The phrases of `lexicon/reply.tsv`.
pub const LEXICON: &str = include_str!("../lexicon/reply.tsv");

fn rules() -> &'static [(Row, Pattern)] {
    static RULES: OnceLock<Vec<(Row, Pattern)>> = OnceLock::new();
    RULES.get_or_init(|| {
        LEXICON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (kind, phrase) = l.split_once('\t').unwrap_or((l, ""));
                let kind = row_kind(kind).unwrap_or_else(|| panic!("lexicon/reply.tsv: {l}"));
                (kind, Pattern::parse(phrase))
            })
            .collect()
    })
}

/// Where each sentence of folded `text` ends (byte offsets).
fn sentence_ends(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '!' | '?' | '！' | '？' | '\n' | '.'))
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// Checks `draft`, the reply to `comment` when given.
pub fn check(draft: &str, comment: Option<&str>) -> Check {
    let t = ScoreText::new(draft);
    let text = &t.text;
    let mut hits: Vec<(Row, usize, usize)> = Vec::new();
    for (row, p) in rules() {
        for (s, e) in p.find(text) {
            // `refunds are not possible` offers no remedy.
            let refused = *row == Row::Strength(Strength::Remedy) && negated_after(text, e);
            if !negated(text, s) && !refused {
                hits.push((*row, s, e));
            }
        }
    }
    hits.sort_by_key(|&(_, s, e)| (s, std::cmp::Reverse(e)));
    let ends = sentence_ends(text);
    let sentence = |at: usize| ends.iter().position(|&e| at < e || e == text.len());
    // A request for data in the same sentence as a private channel asks for
    // it there (請私訊提供訂單編號).
    let private: Vec<Option<usize>> = hits
        .iter()
        .filter(|h| h.0 == Row::Strength(Strength::Channel))
        .map(|h| sentence(h.1))
        .collect();
    hits.retain(|&(row, s, _)| {
        row != Row::Problem(Problem::AsksData) || !private.contains(&sentence(s))
    });
    let has = |row: Row| hits.iter().any(|h| h.0 == row);

    let src16: Vec<u16> = draft.encode_utf16().collect();
    let span = |s: usize, e: usize| {
        let (a, b) = t.source_span(s, e);
        let words = String::from_utf16_lossy(src16.get(a as usize..b as usize).unwrap_or_default());
        (words, a, b)
    };

    let said = comment.map(|c| Scorer::builtin().score(c, &Signals::default()));
    let harmful = |c: Crisis| {
        matches!(
            c,
            Crisis::Safety | Crisis::Misconduct | Crisis::Breach | Crisis::Scam
        )
    };
    let harm = has(Row::Harm)
        || said
            .as_ref()
            .is_some_and(|a| a.crises.iter().any(|f| harmful(f.crisis)));
    let complaint = match &said {
        Some(a) => a.label == Label::Neg || !a.crises.is_empty(),
        None => {
            harm || [
                Row::Complaint,
                Row::Strength(Strength::Apology),
                Row::Problem(Problem::Boilerplate),
                Row::Problem(Problem::Blame),
                Row::Problem(Problem::Argue),
            ]
            .into_iter()
            .any(has)
        }
    };

    let mut findings: Vec<Finding> = Vec::new();
    let mut strengths: Vec<Found> = Vec::new();
    let timed = has(Row::Strength(Strength::Time));
    for &(row, s, e) in &hits {
        let kind = match row {
            Row::Problem(p) => p,
            Row::Promise if !timed => Problem::VaguePromise,
            Row::Strength(k) => {
                // One span per strength where matches overlap.
                if !strengths
                    .iter()
                    .any(|f| f.kind == k && overlaps(f, span(s, e).1))
                {
                    let (text, start, end) = span(s, e);
                    strengths.push(Found {
                        kind: k,
                        text,
                        start,
                        end,
                    });
                }
                continue;
            }
            _ => continue,
        };
        let (words, start, end) = span(s, e);
        // Overlapping or touching evidence of one problem is one finding
        // (造成您的不便 + 敬請見諒).
        if let Some(f) = findings
            .iter_mut()
            .find(|f| f.kind == kind && f.start <= start && start <= f.end)
        {
            if end > f.end {
                f.end = end;
                f.text = String::from_utf16_lossy(&src16[f.start as usize..end as usize]);
            }
            continue;
        }
        findings.push(Finding {
            kind,
            text: words,
            start,
            end,
        });
    }
    let strong = |k: Strength| strengths.iter().any(|f| f.kind == k);
    let missing = |kind| Finding {
        kind,
        text: String::new(),
        start: 0,
        end: 0,
    };
    if complaint {
        if harm && !strong(Strength::Apology) {
            findings.push(missing(Problem::NoApology));
        }
        // A next step is a remedy, a follow-up, or a private talk with a time.
        let talk = strong(Strength::Channel) && strong(Strength::Time);
        if !strong(Strength::Remedy) && !strong(Strength::FollowUp) && !talk {
            findings.push(missing(Problem::NoRemedy));
        }
        if !strong(Strength::Channel) {
            findings.push(missing(Problem::NoChannel));
        }
    }
    let verdict = if findings.iter().any(|f| f.kind.adds_fuel()) {
        Verdict::Rewrite
    } else if findings.is_empty() {
        Verdict::Good
    } else {
        Verdict::Revise
    };
    Check {
        verdict,
        complaint,
        harm,
        findings,
        strengths,
    }
}

fn overlaps(f: &Found, start: u32) -> bool {
    f.start <= start && start < f.end
}
