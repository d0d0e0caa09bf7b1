//! The watchlist: which brands, people and competitors to look for.
//!
//! One versioned JSON format serves the options page (edit, import, export)
//! and the CLI. It is documented in `docs/watchlist.md`; this module is the
//! one place that parses and validates it, so both sides refuse the same
//! files with the same messages.

use crate::input::{self, invalid, InputError};
use crate::normalize::fold_str;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Upper bounds that keep a hostile or mistaken import from freezing a page.
pub const MAX_BRANDS: usize = 2_000;
/// Most terms (names, aliases, exclusions) over all brands.
pub const MAX_TERMS: usize = 20_000;
/// Longest term, in characters.
pub const MAX_TERM_CHARS: usize = 200;

/// A list of brands to watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Watchlist {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// The brands, own and competitors.
    pub brands: Vec<Brand>,
}

/// One brand with every name it goes by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Display name; also matched as an alias.
    pub name: String,
    /// Other names: Chinese and Latin names, abbreviations, products, people.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases that contain an alias but are not the brand (`雲朵棉花糖`).
    #[serde(default)]
    pub exclusions: Vec<String>,
    /// Official sites and accounts (`https://…`, `@handle`), for
    /// impersonation checks.
    #[serde(default)]
    pub official: Vec<String>,
    /// A competitor rather than one of the user's own brands.
    #[serde(default)]
    pub competitor: bool,
}

impl Brand {
    /// The name followed by the aliases: every string that means this brand.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

impl Watchlist {
    /// Parses and validates a watchlist.
    ///
    /// # Errors
    /// Malformed JSON, a wrong type, an unknown field, an unsupported version,
    /// an empty or too long term, one alias claimed by two brands, or a list
    /// over the size limits. The error names the line, column and field.
    ///
    /// # Examples
    /// ```
    /// use brand_radar::watchlist::Watchlist;
    /// let w = Watchlist::parse(r#"{"version":1,"brands":[{"name":"雲朵咖啡","aliases":["雲朵"]}]}"#).unwrap();
    /// assert_eq!(w.brands[0].aliases, ["雲朵"]);
    /// let e = Watchlist::parse(r#"{"version":1,"brands":[{"name":"x","aliases":[3]}]}"#).unwrap_err();
    /// assert_eq!(e.field, "brands[0].aliases[0]");
    /// ```
    pub fn parse(json: &str) -> Result<Self, InputError> {
        let list: Watchlist = input::parse(json)?;
        list.validate()?;
        Ok(list)
    }

    /// A watchlist from quick `Name,Alias,…` specs, as given to the CLI's
    /// `--brand`.
    ///
    /// # Errors
    /// As [`Watchlist::validate`].
    pub fn from_specs<S: AsRef<str>>(specs: &[S]) -> Result<Self, InputError> {
        let brands = specs
            .iter()
            .map(|s| {
                let mut parts = s
                    .as_ref()
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty());
                let name = parts.next().unwrap_or_default().to_string();
                Brand {
                    name,
                    aliases: parts.map(String::from).collect(),
                    exclusions: Vec::new(),
                    official: Vec::new(),
                    competitor: false,
                }
            })
            .collect();
        let list = Watchlist {
            version: VERSION,
            brands,
        };
        list.validate()?;
        Ok(list)
    }

    /// Checks the rules JSON types cannot express.
    ///
    /// # Errors
    /// See [`Watchlist::parse`].
    pub fn validate(&self) -> Result<(), InputError> {
        if self.version != VERSION {
            return Err(invalid(
                "version".into(),
                format!(
                    "unsupported version {} (this build reads version {VERSION})",
                    self.version
                ),
            ));
        }
        if self.brands.len() > MAX_BRANDS {
            return Err(invalid(
                "brands".into(),
                format!(
                    "{} brands; at most {MAX_BRANDS} are allowed",
                    self.brands.len()
                ),
            ));
        }
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut count = 0;
        for (b, brand) in self.brands.iter().enumerate() {
            let lists: [(&str, &[String]); 3] = [
                ("name", std::slice::from_ref(&brand.name)),
                ("aliases", &brand.aliases),
                ("exclusions", &brand.exclusions),
            ];
            for (key, terms) in lists {
                for (i, term) in terms.iter().enumerate() {
                    let field = if key == "name" {
                        format!("brands[{b}].name")
                    } else {
                        format!("brands[{b}].{key}[{i}]")
                    };
                    count += 1;
                    check_term(term, &field)?;
                    if key == "exclusions" {
                        continue;
                    }
                    let folded = fold_str(term);
                    if let Some(&other) = owner.get(&folded) {
                        if other != b {
                            return Err(invalid(
                                field,
                                format!(
                                    "\"{term}\" also names brand \"{}\"; an alias can belong to one brand only",
                                    self.brands[other].name
                                ),
                            ));
                        }
                    }
                    owner.insert(folded, b);
                }
            }
            for (i, url) in brand.official.iter().enumerate() {
                if url.trim().is_empty() || url.chars().any(char::is_control) {
                    return Err(invalid(
                        format!("brands[{b}].official[{i}]"),
                        "an official URL or account must be non-empty text on one line".into(),
                    ));
                }
            }
        }
        if count > MAX_TERMS {
            return Err(invalid(
                "brands".into(),
                format!("{count} names, aliases and exclusions; at most {MAX_TERMS} are allowed"),
            ));
        }
        Ok(())
    }

    /// The watchlist as pretty JSON, for export.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn check_term(term: &str, field: &str) -> Result<(), InputError> {
    if term.chars().any(char::is_control) {
        return Err(invalid(
            field.into(),
            "must be on one line, without control characters".into(),
        ));
    }
    if term.chars().count() > MAX_TERM_CHARS {
        return Err(invalid(
            field.into(),
            format!("longer than {MAX_TERM_CHARS} characters"),
        ));
    }
    if fold_str(term).is_empty() {
        return Err(invalid(
            field.into(),
            format!("\"{term}\" is empty once spaces and punctuation are removed"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> InputError {
        Watchlist::parse(json).unwrap_err()
    }

    #[test]
    fn reports_line_column_and_field() {
        let e = err("{\n  \"version\": 1,\n  \"brands\": [\n    {\"name\": \"A\", \"aliases\": \"B\"}\n  ]\n}");
        assert_eq!(e.field, "brands[0].aliases");
        assert_eq!(e.line, Some(4));
        assert!(e.to_string().starts_with("line 4, column "), "{e}");
        assert!(e.message.contains("expected a sequence"), "{e}");
    }

    #[test]
    fn refuses_syntax_errors_with_position() {
        let e = err("{\"version\": 1, \"brands\": [}");
        assert_eq!(e.line, Some(1));
        assert!(e.column.is_some());
    }

    #[test]
    fn refuses_unknown_fields_and_proto_keys() {
        let e = err(r#"{"version":1,"brands":[],"__proto__":{"x":1}}"#);
        assert!(e.message.contains("unknown field `__proto__`"), "{e}");
        let e = err(r#"{"version":1,"brands":[{"name":"A","alias":["B"]}]}"#);
        assert_eq!(e.field, "brands[0].alias");
        assert!(e.message.contains("unknown field `alias`"), "{e}");
    }

    #[test]
    fn refuses_bad_versions_and_terms() {
        assert_eq!(err(r#"{"version":2,"brands":[]}"#).field, "version");
        assert_eq!(
            err(r#"{"version":1,"brands":[{"name":" . "}]}"#).field,
            "brands[0].name"
        );
        assert_eq!(
            err(r#"{"version":1,"brands":[{"name":"A","aliases":["ok","a\nb"]}]}"#).field,
            "brands[0].aliases[1]"
        );
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        let e = err(&format!(
            r#"{{"version":1,"brands":[{{"name":"{long}"}}]}}"#
        ));
        assert!(e.message.contains("longer than"));
    }

    #[test]
    fn refuses_an_alias_shared_by_two_brands() {
        let e = err(r#"{"version":1,"brands":[{"name":"雲朵"},{"name":"B","aliases":["云朵"]}]}"#);
        assert_eq!(e.field, "brands[1].aliases[0]");
        assert!(e.message.contains("雲朵"));
    }

    #[test]
    fn quick_specs_build_brands() {
        let w = Watchlist::from_specs(&["Philz, Philz Coffee", "Starbucks"]).unwrap();
        assert_eq!(w.brands.len(), 2);
        assert_eq!(w.brands[0].aliases, ["Philz Coffee"]);
        assert!(Watchlist::from_specs(&[","]).is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let w = Watchlist::from_specs(&["A,B"]).unwrap();
        assert_eq!(Watchlist::parse(&w.to_json()).unwrap(), w);
    }
}
