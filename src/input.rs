//! A user's JSON file (a watchlist, a pack of site adapters): read with the
//! path of any offending field, so a refusal says where and what.

use serde::de::DeserializeOwned;
use std::fmt;

/// Why a file was refused: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line in the JSON text, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column in the JSON text, when the problem has one.
    pub column: Option<usize>,
    /// Path of the offending field, e.g. `brands[2].aliases[0]`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        if !self.field.is_empty() && self.field != "." {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// A refusal found after parsing: a field and what is wrong with it.
pub fn invalid(field: String, message: String) -> InputError {
    InputError {
        line: None,
        column: None,
        field,
        message,
    }
}

/// Parses JSON text into `T`, naming the line, column and field of a
/// malformed value, a wrong type or an unknown field.
///
/// # Errors
/// As above.
pub fn parse<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = (inner.line(), inner.column());
        // serde_json appends " at line L column C"; we report those apart.
        let message = inner.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        InputError {
            line: Some(line),
            column: Some(column),
            field,
            message,
        }
    })
}
