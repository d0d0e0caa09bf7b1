//! The JavaScript boundary: the only module that names wasm-bindgen.
//!
//! Calls are coarse on purpose: the content script joins a whole batch of
//! page text into one string and gets every mention back as one flat
//! `Uint32Array`, so the cost of crossing is paid once per batch, not per node.
//!
//! Built twice: with the `scorer` feature (the default) for the service
//! worker and the extension's pages, and without it for content scripts,
//! which only match (`Engine`): the linker then drops the scorer, its
//! model and the evidence code, a few hundred KB instead of megabytes in
//! every tab.
#![deny(clippy::unwrap_used)]

#[cfg(feature = "scorer")]
use crate::adapter::Pack;
#[cfg(feature = "scorer")]
use crate::evidence::{self, Link, Record};
use crate::matcher::Matcher;
#[cfg(feature = "scorer")]
use crate::sentiment::{Label, PushTag, Scorer, Signals};
use crate::watchlist::Watchlist;
#[cfg(feature = "scorer")]
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// A compiled watchlist held on the Rust side; free it with `free()`.
#[wasm_bindgen]
pub struct Engine {
    matcher: Matcher,
    list: Watchlist,
}

#[wasm_bindgen]
impl Engine {
    /// Compiles a watchlist given as JSON text.
    ///
    /// # Errors
    /// The watchlist's validation message (line, column, field).
    #[wasm_bindgen(constructor)]
    pub fn new(watchlist_json: &str) -> Result<Engine, JsError> {
        let list = Watchlist::parse(watchlist_json).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine {
            matcher: Matcher::new(&list),
            list,
        })
    }

    /// Every mention in `text` as flat `[brand, start, end, flags]`
    /// quadruples, with UTF-16 offsets into `text`. `nodes`: where each DOM
    /// text node joined into `text` starts (UTF-16), or empty; `flags` say
    /// which checks a block boundary between nodes would change
    /// (`Matcher::find_in_nodes`: 1 crosses nodes, 2 a word goes on in the
    /// previous node, 4 in the next).
    #[wasm_bindgen(js_name = findAll)]
    pub fn find_all(&self, text: &str, nodes: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        self.matcher.find_in_nodes(text, nodes, |m| {
            out.extend([m.brand, m.start, m.end, m.flags]);
        });
        out
    }

    /// Whether the page looks like an impersonation of one of our brands:
    /// `null`, or `{ brand, name, signals: [{ kind, text, start, end }],
    /// kinds }` with UTF-16 spans into `text`. See `impersonation::check`.
    ///
    /// # Errors
    /// Only if serialisation fails.
    #[wasm_bindgen(js_name = impersonation)]
    pub fn impersonation(&self, url: &str, names: &str, text: &str) -> Result<JsValue, JsError> {
        let found = crate::impersonation::check(&self.matcher, &self.list, url, names, text);
        serde_wasm_bindgen::to_value(&found).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Of many units, whose are the user's own brand's voice (its replies on
    /// its page; `voice::owner`): the brand's index + 1, else 0, one number
    /// per unit. `authors`, `links` (where each author's name links; empty
    /// for none) and `texts` are joined as for [`score_batch`], in step.
    #[wasm_bindgen(js_name = ownerBatch)]
    pub fn owner_batch(&self, authors: &str, links: &str, texts: &str) -> Vec<u32> {
        let mut links = links.split(UNIT_SEPARATOR);
        let mut texts = texts.split(UNIT_SEPARATOR);
        authors
            .split(UNIT_SEPARATOR)
            .map(|author| {
                let link = links.next().filter(|l| !l.is_empty());
                let text = texts.next().unwrap_or("");
                crate::voice::owner(&self.matcher, &self.list, author, link, text)
                    .map_or(0, |b| b + 1)
            })
            .collect()
    }

    /// The verdict toward each watched brand `text` mentions:
    /// `[{ brand, competitor, label, score, basis, reasons, risk }]` (reasons'
    /// spans UTF-16 in `text`), empty when it mentions fewer than two. The
    /// signals as in [`score_text`].
    ///
    /// # Errors
    /// Only if serialisation fails.
    #[cfg(feature = "scorer")]
    #[wasm_bindgen(js_name = targets)]
    pub fn targets(
        &self,
        text: &str,
        rating: Option<f32>,
        push: Option<String>,
        likes: Option<u32>,
        replies: Option<u32>,
    ) -> Result<JsValue, JsError> {
        let mentions = self.mentions(text);
        let scorer = Scorer::builtin();
        let text = &*scorer.blank_names(text, &mentions);
        // One brand (or none): its verdict is the unit's, which the caller
        // has, unless it is judged apart (a landmark, compared); skip the
        // scoring (this runs for every explained unit).
        if !mentions.iter().any(|m| m.brand != mentions[0].brand)
            && !scorer.judged_apart(text, &mentions)
        {
            return serde_wasm_bindgen::to_value(&Vec::<()>::new())
                .map_err(|e| JsError::new(&e.to_string()));
        }
        let signals = Signals {
            rating: rating.filter(|r| (1.0..=5.0).contains(r)),
            push: push.as_deref().and_then(PushTag::parse),
            likes: likes.unwrap_or(0),
            replies: replies.unwrap_or(0),
        };
        let a = scorer.score(text, &signals);
        let t = scorer.targets(text, &mentions, &a, &signals);
        serde_wasm_bindgen::to_value(&t).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Of many units (joined as for [`score_batch`]), which name one watched
    /// brand, one of the user's own, and judge it apart from the unit: a
    /// landmark (「就在雲朵對面」) or compared (「這家比雲朵好喝多了」;
    /// `Scorer::judged_apart`): 1, else 0, one byte per unit. Their verdict
    /// toward the brand is not the unit's; ask [`Engine::targets`] for it.
    #[cfg(feature = "scorer")]
    #[wasm_bindgen(js_name = apartBatch)]
    pub fn apart_batch(&self, texts: &str) -> Vec<u8> {
        let scorer = Scorer::builtin();
        texts
            .split(UNIT_SEPARATOR)
            .map(|text| {
                let mentions = self.mentions(text);
                u8::from(
                    mentions.first().is_some_and(|m| !m.competitor)
                        && scorer.judged_apart(&scorer.blank_names(text, &mentions), &mentions),
                )
            })
            .collect()
    }

    /// [`score_batch`] with the sentiment words inside the watched names
    /// blanked before scoring (`Scorer::blank_names`: a brand called 好吃屋
    /// or Happy Burger is not praised by its own name). Same input and
    /// output.
    #[cfg(feature = "scorer")]
    #[wasm_bindgen(js_name = scoreBatch)]
    pub fn score_batch(&self, texts: &str, signals: &[f32]) -> Vec<f32> {
        labels(texts, signals, |t| {
            Scorer::builtin().blank_names(t, &self.mentions(t))
        })
    }

    /// [`explain_batch`] with the sentiment words inside the watched names
    /// blanked before scoring.
    ///
    /// # Errors
    /// Only if serialisation fails.
    #[cfg(feature = "scorer")]
    #[wasm_bindgen(js_name = explainBatch)]
    pub fn explain_batch(&self, texts: &str, signals: &[f32]) -> Result<JsValue, JsError> {
        explained(texts, signals, |t| {
            Scorer::builtin().blank_names(t, &self.mentions(t))
        })
    }

    /// The watchlist as the engine understood it (a plain object).
    ///
    /// # Errors
    /// Only if serialisation fails, which it does not for valid lists.
    #[wasm_bindgen(js_name = watchlist)]
    pub fn watchlist(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.list).map_err(|e| JsError::new(&e.to_string()))
    }
}

impl Engine {
    /// The watched brands `text` names, with byte offsets.
    #[cfg(feature = "scorer")]
    fn mentions<'a>(&'a self, text: &str) -> Vec<crate::sentiment::Mentioned<'a>> {
        self.matcher
            .find(text)
            .iter()
            .map(|m| {
                let b = &self.list.brands[m.brand as usize];
                crate::sentiment::Mentioned {
                    brand: &b.name,
                    competitor: b.competitor,
                    start: m.byte_start,
                    end: m.byte_end,
                }
            })
            .collect()
    }
}

/// Validates watchlist JSON; returns the parsed list or throws with a message
/// naming the line, column and field.
///
/// # Errors
/// The validation message.
#[wasm_bindgen(js_name = parseWatchlist)]
pub fn parse_watchlist(json: &str) -> Result<JsValue, JsError> {
    let list = Watchlist::parse(json).map_err(|e| JsError::new(&e.to_string()))?;
    serde_wasm_bindgen::to_value(&list).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "scorer")]
/// Validates a pack of site adapters (docs/adapters.md); returns `{ pack,
/// selectors }` — the pack as the core understood it and each CSS selector
/// with its field's path, for the page to check with the browser's own
/// selector engine — or throws with a message naming the field.
///
/// # Errors
/// The validation message.
#[wasm_bindgen(js_name = parseAdapters)]
pub fn parse_adapters(json: &str) -> Result<JsValue, JsError> {
    use serde::Serialize;
    #[derive(Serialize)]
    struct Checked<'a> {
        pack: &'a Pack,
        selectors: Vec<(String, &'a str)>,
    }
    let pack = Pack::parse(json).map_err(|e| JsError::new(&e.to_string()))?;
    let checked = Checked {
        pack: &pack,
        selectors: pack.selectors(),
    };
    checked
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Separates units in [`score_batch`]'s input (ASCII unit separator).
const UNIT_SEPARATOR: char = '\u{1F}';

#[cfg(feature = "scorer")]
/// Labels many units at once: `texts` joins them with U+001F; `signals`
/// holds four numbers per unit (star rating or NaN, push tag as 1 推 /
/// -1 噓 / 0 none, likes, replies) or is empty. Returns
/// `[score, label, confidence]` per unit as one `Float32Array`, label as
/// -1 (neg), 0 (neu), 1 (pos). No reasons: ask [`score_text`] for those.
#[wasm_bindgen(js_name = scoreBatch)]
pub fn score_batch(texts: &str, signals: &[f32]) -> Vec<f32> {
    labels(texts, signals, Cow::Borrowed)
}

#[cfg(feature = "scorer")]
/// [`score_batch`]'s work, each text as `prep` gives it.
fn labels<'t>(texts: &'t str, signals: &[f32], prep: impl Fn(&'t str) -> Cow<'t, str>) -> Vec<f32> {
    let scorer = Scorer::builtin();
    let mut out = Vec::new();
    for (i, text) in texts.split(UNIT_SEPARATOR).enumerate() {
        let (score, label, confidence) = scorer.quick(&prep(text), &signals_at(signals, i));
        let l = match label {
            Label::Neg => -1.0,
            Label::Neu => 0.0,
            Label::Pos => 1.0,
        };
        out.extend([score, l, confidence]);
    }
    out
}

#[cfg(feature = "scorer")]
/// Full verdicts (as [`score_text`] gives) on many units at once, in the
/// input format of [`score_batch`]: one crossing for a page's negative units.
///
/// # Errors
/// Only if serialisation fails.
#[wasm_bindgen(js_name = explainBatch)]
pub fn explain_batch(texts: &str, signals: &[f32]) -> Result<JsValue, JsError> {
    explained(texts, signals, Cow::Borrowed)
}

#[cfg(feature = "scorer")]
/// [`explain_batch`]'s work, each text as `prep` gives it.
fn explained<'t>(
    texts: &'t str,
    signals: &[f32],
    prep: impl Fn(&'t str) -> Cow<'t, str>,
) -> Result<JsValue, JsError> {
    let scorer = Scorer::builtin();
    let all: Vec<_> = texts
        .split(UNIT_SEPARATOR)
        .enumerate()
        .map(|(i, text)| scorer.score(&prep(text), &signals_at(signals, i)))
        .collect();
    serde_wasm_bindgen::to_value(&all).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "scorer")]
/// Unit `i`'s signals from [`score_batch`]'s flat array.
fn signals_at(signals: &[f32], i: usize) -> Signals {
    let Some(s) = signals.get(i * 4..i * 4 + 4) else {
        return Signals::default();
    };
    Signals {
        rating: Some(s[0]).filter(|r| (1.0..=5.0).contains(r)),
        push: match s[1] {
            x if x > 0.5 => Some(PushTag::Push),
            x if x < -0.5 => Some(PushTag::Boo),
            _ => None,
        },
        likes: s[2].max(0.0) as u32,
        replies: s[3].max(0.0) as u32,
    }
}

#[cfg(feature = "scorer")]
/// The reply check of a draft (`reply::check`): `{ verdict, complaint, harm,
/// findings: [{ kind, text, start, end }], strengths: [...] }`, spans UTF-16
/// in `draft`. `comment`, the comment it answers, may be empty.
///
/// # Errors
/// Only if serialisation fails.
#[wasm_bindgen(js_name = checkReply)]
pub fn check_reply(draft: &str, comment: Option<String>) -> Result<JsValue, JsError> {
    let comment = comment.filter(|c| !c.trim().is_empty());
    let c = crate::reply::check(draft, comment.as_deref());
    serde_wasm_bindgen::to_value(&c).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "scorer")]
/// The full verdict on one unit: score, label, confidence, reasons with
/// UTF-16 spans, crisis types with evidence, and the risk grade (a plain
/// object; see `Analysis` in the Rust docs).
///
/// # Errors
/// A `push` other than 推 / 噓 / → (or push / boo / arrow).
#[wasm_bindgen(js_name = scoreText)]
pub fn score_text(
    text: &str,
    rating: Option<f32>,
    push: Option<String>,
    likes: u32,
    replies: u32,
) -> Result<JsValue, JsError> {
    let push = match push.as_deref() {
        None | Some("") => None,
        Some(p) => {
            Some(PushTag::parse(p).ok_or_else(|| JsError::new(&format!("unknown push tag {p}")))?)
        }
    };
    let analysis = Scorer::builtin().score(
        text,
        &Signals {
            rating,
            push,
            likes,
            replies,
        },
    );
    serde_wasm_bindgen::to_value(&analysis).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "scorer")]
/// Lower-case hex SHA-256 of `bytes` (an artifact of an evidence record).
#[wasm_bindgen(js_name = sha256Hex)]
pub fn sha256_hex(bytes: &[u8]) -> String {
    evidence::sha256_hex(bytes)
}

#[cfg(feature = "scorer")]
/// Seals one evidence record (JSON, `prev` and `hash` may be empty) onto the
/// chain after `prev`: returns the record's canonical JSON with `prev` and
/// `hash` set.
///
/// # Errors
/// A record that is not valid JSON of the record's shape.
#[wasm_bindgen(js_name = sealRecord)]
pub fn seal_record(json: &str, prev: &str) -> Result<String, JsError> {
    let mut record: Record =
        serde_json::from_str(json).map_err(|e| JsError::new(&e.to_string()))?;
    evidence::seal(std::slice::from_mut(&mut record), prev.to_string());
    serde_json::to_string(&record).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(feature = "scorer")]
/// The hash of the chain link recording that `id` was deleted at `at`.
#[wasm_bindgen(js_name = deletionHash)]
pub fn deletion_hash(id: &str, at: &str, prev: &str) -> String {
    Link::deletion_hash(id, at, prev)
}

#[cfg(feature = "scorer")]
/// `timestamp.tsq` for a bundle: an RFC 3161 request over the SHA-256 of
/// `manifest` (the bytes of its `manifest.json`), with `nonce` (random bytes).
#[wasm_bindgen(js_name = timestampRequest)]
pub fn timestamp_request(manifest: &[u8], nonce: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    crate::timestamp::request(&Sha256::digest(manifest).into(), nonce)
}

/// Largest bundle file read into memory: refused before reading, by its size.
#[cfg(feature = "scorer")]
const MAX_BUNDLE_BYTES: f64 = (512u64 << 20) as f64;

#[cfg(feature = "scorer")]
/// A bundle's verdict and its manifest's text, for the page to list.
#[derive(serde::Serialize)]
struct Verified {
    ok: bool,
    problems: Vec<String>,
    items: Vec<evidence::ItemVerdict>,
    manifest: Option<String>,
}

#[cfg(feature = "scorer")]
/// Verifies the bundle in `file` (a `File` or `Blob`): resolves to the report
/// (`{ok, problems, items: [{id, ok, problems}]}`) and `manifest`, its
/// `manifest.json` text. The file streams straight into wasm memory, once;
/// files in it are inflated and hashed one at a time (`bundle::check_zip`).
///
/// # Errors
/// Too large, not a ZIP, over the limits, an unsafe name, unreadable.
#[wasm_bindgen(js_name = verifyBundle)]
pub async fn verify_bundle(file: web_sys::Blob) -> Result<JsValue, JsError> {
    use wasm_bindgen::JsCast;
    if file.size() > MAX_BUNDLE_BYTES {
        return Err(JsError::new(&format!(
            "bundle is larger than {} MB",
            MAX_BUNDLE_BYTES as u64 >> 20
        )));
    }
    let unreadable = |e: JsValue| JsError::new(&format!("cannot read the bundle: {e:?}"));
    let reader: web_sys::ReadableStreamDefaultReader = file.stream().get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(file.size() as usize);
    loop {
        let step: web_sys::ReadableStreamReadResult =
            wasm_bindgen_futures::JsFuture::from(reader.read())
                .await
                .map_err(unreadable)?
                .unchecked_into();
        if step.get_done().unwrap_or(true) {
            break;
        }
        let chunk = js_sys::Uint8Array::new(&step.get_value());
        let at = bytes.len();
        bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[at..]);
    }
    let check =
        crate::bundle::check_zip(std::io::Cursor::new(bytes), &crate::bundle::Limits::BROWSER)
            .map_err(|e| JsError::new(&e))?;
    let manifest = check
        .manifest()
        .map(|b| String::from_utf8_lossy(b).into_owned());
    let evidence::Report {
        ok,
        problems,
        items,
    } = check.finish();
    serde_wasm_bindgen::to_value(&Verified {
        ok,
        problems,
        items,
        manifest,
    })
    .map_err(|e| JsError::new(&e.to_string()))
}

/// The message of the last panic, kept for JavaScript to read after the trap
/// that follows it (panics abort in wasm, so nothing unwinds to a caller).
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
}

/// The last panic's message, then forgets it; empty if none. JavaScript calls
/// it after a `WebAssembly.RuntimeError`, before re-instantiating the module.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> String {
    LAST_PANIC
        .lock()
        .map(|mut last| std::mem::take(&mut *last))
        .unwrap_or_default()
}

/// Panics on purpose: the tests' way to check that the extension survives a
/// panic in the core (there is no input known to cause one; the fuzz targets
/// look for them).
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("panic for tests");
}
