//! Crisis types from the user's guide, and how severe each is.

use serde::Serialize;

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
