//! # Brand Radar core
//!
//! The part of Brand Radar that knows nothing of the browser: it folds text,
//! finds brand mentions, scores sentiment and checks draft replies. The
//! browser extension reaches it through the thin `wasm` module; the `brand-radar` CLI and the
//! native tests call it directly, so both see the same matches.
//!
//! ```
//! use brand_radar::{matcher::Matcher, watchlist::Watchlist};
//!
//! let list = Watchlist::parse(r#"{
//!   "version": 1,
//!   "brands": [{ "name": "雲朵咖啡", "aliases": ["雲朵", "Cloud Cafe"],
//!                "exclusions": ["雲朵棉花糖"] }]
//! }"#).unwrap();
//! let matcher = Matcher::new(&list);
//! let text = "雲.朵的拿鐵很好喝，雲朵棉花糖不是它。";
//! let spans: Vec<(u32, u32)> = matcher.find(text).iter().map(|m| (m.start, m.end)).collect();
//! assert_eq!(spans, [(0, 3)]); // UTF-16 offsets of "雲.朵"
//! ```
#![deny(missing_docs)]

pub mod adapter;
pub mod bundle;
pub mod crisis;
pub mod evidence;
pub mod impersonation;
pub mod input;
pub mod matcher;
pub mod metrics;
pub mod normalize;
pub mod pattern;
pub mod reply;
pub mod risk;
pub mod sentiment;
pub mod timestamp;
pub mod voice;
pub mod watchlist;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
