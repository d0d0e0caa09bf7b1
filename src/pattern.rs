//! Phrases read by meaning rather than as fixed strings, shared by the
//! crisis types (`crisis.rs`) and the reply check (`reply.rs`): a **term**,
//! or a **pattern with a gap**, `A1|A2…B1|B2` — a first part, then within
//! [`GAP`] characters of the same clause a second part, not negated (態度不差
//! is praise). Both are matched in folded text (`ScoreText`: either script,
//! lower case), so a rule is written once for Traditional and Simplified.

use crate::sentiment::{is_clause_break, ScoreText};

/// Most characters between the two parts of a pattern (a Latin letter
/// counts a quarter: six words of English are about as far as six CJK
/// characters).
pub const GAP: f32 = 6.0;

/// Negators that turn round what follows them right away (folded).
const NEGATED_BY: [&str; 4] = ["不是", "并非", "不算", "没有"];

/// A term or a pattern with a gap, folded.
#[derive(Debug, Clone)]
pub struct Pattern {
    first: Vec<String>,
    /// Empty for a term.
    then: Vec<String>,
}

/// Folds a rule's text as texts are folded.
pub fn fold(s: &str) -> String {
    ScoreText::new(s.trim()).text
}

impl Pattern {
    /// `A1|A2…B1|B2` (a pattern) or `A1|A2` (a term and its variants).
    pub fn parse(s: &str) -> Pattern {
        let parts = |s: &str| s.split('|').map(fold).filter(|p| !p.is_empty()).collect();
        match s.split_once('…') {
            Some((a, b)) => Pattern {
                first: parts(a),
                then: parts(b),
            },
            None => Pattern {
                first: parts(s),
                then: Vec::new(),
            },
        }
    }

    /// Whether this has a gap (else it is a term).
    pub fn has_gap(&self) -> bool {
        !self.then.is_empty()
    }

    /// Byte spans of folded `text` where this matches. A term or part that
    /// starts or ends with a Latin letter must do so on a word edge (`dm` is
    /// not in `admin`).
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for a in &self.first {
            for (s, _) in text.match_indices(a.as_str()) {
                if !on_word_edges(text, s, s + a.len()) {
                    continue;
                }
                let from = s + a.len();
                if self.then.is_empty() {
                    out.push((s, from));
                    continue;
                }
                // Up to GAP characters of the same clause after the first part.
                let (mut until, mut n) = (from, 0.0);
                for (i, c) in text[from..].char_indices() {
                    n += if c.is_ascii() { 0.25 } else { 1.0 };
                    if n > GAP + 2.0 || is_clause_break(c) {
                        break;
                    }
                    until = from + i + c.len_utf8();
                }
                let window = &text[from..until];
                let hit = self.then.iter().find_map(|b| {
                    let at = window.find(b.as_str())?;
                    // `態度不差`: a negator right before the second part turns it
                    // round; so does a negated copula before a negative one
                    // (`態度也不是不好`).
                    let before = &window[..at];
                    let negated = (!b.starts_with(['不', '没']) && before.ends_with(['不', '没']))
                        || NEGATED_BY.iter().any(|n| before.ends_with(n));
                    (!negated && on_word_edges(text, from + at, from + at + b.len()))
                        .then_some(from + at + b.len())
                });
                if let Some(end) = hit {
                    out.push((s, end));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Whether folded `text[start..end]` starts and ends on word edges where it
/// starts or ends with a Latin letter or digit.
fn on_word_edges(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let inner_first = text[start..end].chars().next().is_some_and(word);
    let inner_last = text[start..end].chars().next_back().is_some_and(word);
    let before = text[..start].chars().next_back().is_some_and(word);
    let after = text[end..].chars().next().is_some_and(word);
    !((inner_first && before) || (inner_last && after))
}

/// Whether the match at folded `start` is negated by what comes right
/// before it (`不是您的問題`, `恕難退費`), or, in English, by a negator
/// among the three words before it in its clause (`not your fault`,
/// `we cannot offer a refund`).
pub fn negated(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    if NEGATED_BY.iter().any(|n| before.ends_with(n))
        || [
            "绝非",
            "并不是",
            "不会",
            "无法",
            "不能",
            "不予",
            "不提供",
            "恕难",
            "恕不",
        ]
        .iter()
        .any(|n| before.ends_with(n))
    {
        return true;
    }
    let clause = before
        .char_indices()
        .rfind(|&(_, c)| is_clause_break(c))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    clause
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| matches!(w, "not" | "no" | "never" | "cannot" | "unable") || w.ends_with("n't"))
}

/// Whether, in English, a negator follows the match at folded `end` within
/// three words of its clause (`refunds are not possible`).
pub fn negated_after(text: &str, end: usize) -> bool {
    let after = &text[end..];
    let clause = after
        .char_indices()
        .find(|&(_, c)| is_clause_break(c))
        .map_or(after, |(i, _)| &after[..i]);
    clause
        .split_whitespace()
        .take(3)
        .any(|w| matches!(w, "not" | "never" | "cannot" | "unavailable") || w.ends_with("n't"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_gaps_and_edges() {
        let p = Pattern::parse("態度|口氣…差|不好");
        assert_eq!(p.find(&fold("店員態度很差")).len(), 1);
        assert!(p.find(&fold("態度不差")).is_empty());
        assert!(p.find(&fold("態度，東西很差")).is_empty(), "another clause");
        let dm = Pattern::parse("dm");
        assert!(dm.find("ask the admin").is_empty());
        assert_eq!(dm.find("send us a dm please"), [(10, 12)]);
        let t = fold("這不是您的問題");
        let at = Pattern::parse("您的問題").find(&t)[0].0;
        assert!(negated(&t, at));
        assert!(negated("it's not your fault", 9));
    }
}
