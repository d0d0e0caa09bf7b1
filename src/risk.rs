//! The risk grade of a unit: likelihood × impact, as the user's guide
//! defines them, with the reason spelled out.

use crate::crisis::{Crisis, CrisisFinding};
use crate::sentiment::{Label, Signals};
use serde::Serialize;

/// Risk grade, from likelihood × impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// 低: product ≤ 4.
    Low,
    /// 中: product ≤ 9.
    Medium,
    /// 高: product ≤ 15.
    High,
    /// 危急: product > 15.
    Critical,
}

impl Grade {
    /// `low` / `medium` / `high` / `critical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Low => "low",
            Grade::Medium => "medium",
            Grade::High => "high",
            Grade::Critical => "critical",
        }
    }

    /// 低 / 中 / 高 / 危急.
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Low => "低",
            Grade::Medium => "中",
            Grade::High => "高",
            Grade::Critical => "危急",
        }
    }

    /// The grade of a likelihood × impact product (the one list of
    /// thresholds: the extension reads grades, never products).
    ///
    /// The thresholds are `lexicon/risk.json`'s, which the extension reads too.
    ///
    /// # Panics
    /// If that file does not parse or names an unknown grade, which the tests rule out.
    pub fn of(product: u8) -> Grade {
        thresholds()
            .iter()
            .rev()
            .find(|&&(_, from)| product >= from)
            .map_or(Grade::Low, |&(g, _)| g)
    }
}

/// `(grade, from)` lowest first, from `lexicon/risk.json`.
fn thresholds() -> &'static [(Grade, u8)] {
    #[derive(serde::Deserialize)]
    struct Row {
        grade: String,
        from: u8,
    }
    #[derive(serde::Deserialize)]
    struct File {
        grades: Vec<Row>,
    }
    static T: std::sync::OnceLock<Vec<(Grade, u8)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let file: File = serde_json::from_str(include_str!("../lexicon/risk.json"))
            .unwrap_or_else(|e| panic!("lexicon/risk.json: {e}"));
        let all = [Grade::Low, Grade::Medium, Grade::High, Grade::Critical];
        file.grades
            .iter()
            .map(|r| {
                let g = all.into_iter().find(|g| g.as_str() == r.grade);
                (
                    g.unwrap_or_else(|| panic!("lexicon/risk.json: unknown grade {}", r.grade)),
                    r.from,
                )
            })
            .collect()
    })
}

/// Likelihood × impact, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    /// How likely the unit is to hurt the brand, 1..=5.
    pub likelihood: u8,
    /// How much it would hurt, 1..=5.
    pub impact: u8,
    /// The grade of likelihood × impact.
    pub grade: Grade,
    /// Why, in English.
    pub reason: String,
}

/// Likelihood × impact, as the guide defines them.
pub(crate) fn risk(score: f32, label: Label, crises: &[CrisisFinding], signals: &Signals) -> Risk {
    let worst = crises.iter().map(|c| c.crisis).max_by_key(|c| c.severity());
    let negativity = (-score).max(0.0);
    let mut why_l = Vec::new();
    let mut likelihood: u8 = 1;
    if label == Label::Neg {
        likelihood += (negativity * 3.0).round() as u8;
        why_l.push(format!("negative ({score:.2})"));
    }
    if let Some(w) = worst {
        likelihood += 1;
        why_l.push(w.en().to_string());
    }
    let likelihood = likelihood.clamp(1, 5);
    let reach = signals.likes + 2 * signals.replies;
    let mut impact: u8 = worst.map_or(if label == Label::Neg { 2 } else { 1 }, Crisis::severity);
    let mut why_i = vec![worst.map_or_else(
        || "no crisis type".to_string(),
        |w| format!("{} severity {}", w.en(), w.severity()),
    )];
    if reach >= 200 {
        impact += 2;
        why_i.push(format!("reach {reach}"));
    } else if reach >= 20 {
        impact += 1;
        why_i.push(format!("reach {reach}"));
    }
    let impact = impact.clamp(1, 5);
    let product = likelihood * impact;
    let grade = Grade::of(product);
    let reason = format!(
        "likelihood {likelihood} ({}) × impact {impact} ({}) = {product}: {}",
        if why_l.is_empty() {
            "not negative".to_string()
        } else {
            why_l.join(", ")
        },
        why_i.join(", "),
        grade.as_str()
    );
    Risk {
        likelihood,
        impact,
        grade,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::Grade;

    #[test]
    fn grades_start_where_the_shared_file_says() {
        let at = |p| Grade::of(p).as_str();
        assert_eq!(
            [at(1), at(4), at(5), at(9), at(10), at(15), at(16), at(25)],
            ["low", "low", "medium", "medium", "high", "high", "critical", "critical"]
        );
    }
}
