//! Explainable sentiment, crisis type and risk grade for a unit of text (a
//! comment, review, post or selection).
//!
//! The score is a logit made of three parts, each of which lists its reasons
//! with their contributions and UTF-16 spans:
//!
//! 1. **Curated terms and rules**: valence words from `lexicon/` (Taiwan
//!    usage and slang, English from VADER, emoji and kaomoji), taken as
//!    non-overlapping longest matches and adjusted by rules: degree words
//!    (很, 超, 有點, very), negation within three words in the same clause
//!    (不, 沒有, not), contrast (但是, but: before ×0.5, after ×1.5),
//!    `!!!`, `???`, shouting in capitals and elongation (`sooo`).
//! 2. **Learned n-grams**: weights for 1–3 word or character n-grams,
//!    learned from labelled corpora by `examples/train`, looked up
//!    by the n-grams of the text's units. Those that passed the trainer's
//!    test of a sentiment-bearing phrase are reasons; the rest are summed
//!    into one `wording` reason without a span.
//!    The character n-gram model (`chargram.rs`, Chinese text) adds its
//!    logit to the same `wording` reason.
//! 3. **Sarcasm**: next to a cue (呵呵, 笑死 beside blame, yeah right) praise reads as
//!    mockery: a positive logit so far turns to half its size, negative.
//! 4. **Site signals**: a star rating or a PTT push tag.
//!
//! The logit maps to a score in [-1, 1] by `tanh(logit / 2)`; a score within
//! the neutral band is `neu`.
//!
//! This file holds the types and the scorer's one pass: finding terms and
//! n-grams, and explaining. The parts: `text` (folding), `lexicon` (the
//! lexicons and learned n-grams), `rules` (the curated rules and their
//! scope), `chargram` (the character n-gram model), `verdict` (how the
//! parts become a score and a label), `target` (the verdict toward each
//! brand); crisis types and the risk grade are `crate::crisis` and
//! `crate::risk`.

mod chargram;
mod lexicon;
mod rules;
mod target;
mod text;
mod verdict;

pub use crate::crisis::{Crisis, CrisisFinding, Evidence};
use crate::risk::risk;
pub use crate::risk::{Grade, Risk};
pub use chargram::{grams as char_grams, CharGrams};
use lexicon::{extend, unit_hash, GramInfo, NONE};
pub use lexicon::{parse_learned, Entry, LangParams, Learned, Lexicon, Params};
use rules::{squash, squash_ratio};
pub use target::{Basis, Mentioned, Target};
pub use text::{each_unit, is_clause_break, units, ScoreText};
pub use verdict::{neutral_weight, Parts};
use verdict::{push_logit, rating_logit, SARCASM_FACTOR};

use serde::Serialize;
use std::cell::RefCell;
use std::sync::OnceLock;

/// Sentiment label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Negative.
    Neg,
    /// Neutral or mixed.
    Neu,
    /// Positive.
    Pos,
}

impl Label {
    /// `neg` / `neu` / `pos`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Neg => "neg",
            Label::Neu => "neu",
            Label::Pos => "pos",
        }
    }

    /// Parses `neg` / `neu` / `pos`.
    pub fn parse(s: &str) -> Option<Label> {
        match s.trim() {
            "neg" => Some(Label::Neg),
            "neu" => Some(Label::Neu),
            "pos" => Some(Label::Pos),
            _ => None,
        }
    }
}

/// What moved the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// A curated sentiment word or emoji.
    Term,
    /// A learned n-gram that passed the test of a sentiment-bearing phrase.
    Learned,
    /// Every other learned n-gram, summed: the text's wording as the
    /// trained model reads it, without a span (topic words that merely
    /// co-occur with complaints are never shown as reasons).
    Wording,
    /// A negator flipped the word after it.
    Negation,
    /// Praise set in the past (以前很好吃, used to be good): the present
    /// falls short of it.
    Past,
    /// What was only thought (本來以為很難吃, 以前覺得普通): it turned out
    /// otherwise.
    Expected,
    /// A degree word boosted or dampened the word after it.
    Degree,
    /// A contrast word moved weight to the clause after it.
    Contrast,
    /// A sarcasm cue turned praise into mockery.
    Sarcasm,
    /// Exclamation marks amplified the sentiment.
    Exclamation,
    /// An emoji that heightens a feeling (😭) amplified the sentiment, or
    /// is all the text feels.
    Emphasis,
    /// Repeated question marks amplified the sentiment.
    Question,
    /// A word in capitals amplified its sentiment.
    Caps,
    /// A stretched word (`sooo`) amplified its sentiment.
    Elongation,
    /// A star rating on the unit.
    Rating,
    /// A PTT push tag on the unit.
    PushTag,
    /// A comparative or a switch (比…好, 不如, 改喝, better than) naming
    /// a brand: its verdict toward that brand.
    Comparison,
}

/// One term or rule that moved the score.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// What kind of evidence.
    pub kind: ReasonKind,
    /// The text it stands on, as written.
    pub text: String,
    /// Its contribution to the logit (positive pushes toward `pos`).
    pub contribution: f32,
    /// UTF-16 span in the scored text; `start == end` for signals from
    /// outside the text (rating, push tag).
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
}

/// A PTT push tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushTag {
    /// 推: up.
    Push,
    /// 噓: boo.
    Boo,
    /// →: a neutral reply line.
    Arrow,
}

impl PushTag {
    /// Parses `推`, `噓`, `→` (or `push`, `boo`, `arrow`).
    pub fn parse(s: &str) -> Option<PushTag> {
        match s.trim() {
            "推" | "push" => Some(PushTag::Push),
            "噓" | "boo" => Some(PushTag::Boo),
            "→" | "->" | "arrow" => Some(PushTag::Arrow),
            _ => None,
        }
    }
}

/// What the page says about a unit besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    /// Star rating, 1..=5.
    pub rating: Option<f32>,
    /// PTT push tag.
    pub push: Option<PushTag>,
    /// Reach: likes, reactions, push counts.
    pub likes: u32,
    /// Reach: replies.
    pub replies: u32,
}

impl Signals {
    /// The star rating, where it is one (1–5): anything else is no rating.
    pub fn stars(&self) -> Option<f32> {
        self.rating.filter(|r| (1.0..=5.0).contains(r))
    }
}

/// The verdict on one unit.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Score in [-1, 1].
    pub score: f32,
    /// Label.
    pub label: Label,
    /// Confidence in the label, 0..=1.
    pub confidence: f32,
    /// Every term and rule that moved the score, in text order.
    pub reasons: Vec<Reason>,
    /// Crisis types found.
    pub crises: Vec<CrisisFinding>,
    /// Risk grade.
    pub risk: Risk,
}

/// The scorer: lexicons compiled once, then any number of texts.
#[derive(Debug)]
pub struct Scorer {
    lexicon: Lexicon,
}

/// A learned n-gram found in a text: its feature, its folded span, and the
/// factor the rules' scope gives it (negated, before or after a contrast).
#[derive(Debug, Clone, Copy)]
struct Gram {
    id: u32,
    start: usize,
    end: usize,
    x: f32,
}

/// Where the last kept term ended, for a leftmost-longest pass: crisis-only
/// evidence and the other terms each keep their own, side by side.
#[derive(Default)]
struct Taken {
    terms: usize,
    crisis: usize,
}

impl Taken {
    /// Keeps `h` if it starts where the last kept term of its kind ended.
    fn keep(&mut self, lex: &Lexicon, h: &Hit) -> bool {
        let last = if lex.entries[h.entry].crisis_only() {
            &mut self.crisis
        } else {
            &mut self.terms
        };
        let keep = h.start >= *last;
        if keep {
            *last = h.end;
        }
        keep
    }
}

/// What [`Scorer::find`] finds, and its working buffers.
#[derive(Debug, Default)]
struct Found {
    hits: Vec<Hit>,
    grams: Vec<Gram>,
    words: Vec<Hit>,
    others: Vec<Hit>,
    /// Runs of units ending at the previous unit that longer keys extend.
    open: Vec<(u64, usize)>,
    next: Vec<(u64, usize)>,
}

/// A match of a lexicon entry in the folded text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: usize,
    start: usize,
    end: usize,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new(Lexicon::builtin())
    }
}

impl Scorer {
    /// A scorer over `lexicon`.
    pub fn new(lexicon: Lexicon) -> Self {
        Scorer { lexicon }
    }

    /// The scorer with the built-in lexicons, built once per process.
    pub fn builtin() -> &'static Scorer {
        static SCORER: OnceLock<Scorer> = OnceLock::new();
        SCORER.get_or_init(Scorer::default)
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Replaces the model constants (for tuning them without rebuilding
    /// the lexicons).
    pub fn set_params(&mut self, params: Params) {
        self.lexicon.params = params;
    }

    /// Curated and crisis terms in `t`, leftmost-longest, on Latin word
    /// edges, and the learned n-grams present (each occurrence, unscoped).
    ///
    /// Word terms and n-grams come from one pass over the text's units (see
    /// [`lexicon`]); the other terms from the automaton. Words joined by a
    /// hyphen are one word (`mock-ups` is not a mockery); a Latin word with
    /// an apostrophe (`it's`) also stands for its part before the apostrophe.
    /// A term that fails its word edges gives way to the longest shorter one
    /// at the same place (`kind` when `kind of` is cut); the automaton's
    /// search goes on from the next character, so `a bit` failing in
    /// `a bitch` leaves `bitch`.
    fn find(&self, t: &ScoreText) -> (Vec<Hit>, Vec<Gram>) {
        let mut found = Found::default();
        self.find_into(t, &mut found);
        (found.hits, found.grams)
    }

    /// [`Scorer::find`] into reused buffers.
    fn find_into(&self, t: &ScoreText, found: &mut Found) {
        let lex = &self.lexicon;
        let text = t.text.as_str();
        let Found {
            hits,
            grams,
            words,
            others,
            open,
            next,
        } = found;
        hits.clear();
        grams.clear();
        words.clear();
        others.clear();
        open.clear();
        if !lex.grams.is_empty() {
            each_unit(text, |(us, ue), joined| {
                let h = unit_hash(&text.as_bytes()[us..ue]);
                next.clear();
                let mut look = |key: u64, start: usize, next: &mut Vec<(u64, usize)>| {
                    let Some(&GramInfo {
                        entry,
                        learned,
                        longer,
                    }) = lex.grams.get(&key)
                    else {
                        return false;
                    };
                    let spelled = &text[start..ue];
                    let mut word = false;
                    // The built-in lexicon keeps keys only: a 64-bit key names its n-gram.
                    let named = |l: &Learned| l.term.is_empty() || l.term == spelled;
                    if learned != NONE && named(&lex.learned[learned as usize]) {
                        grams.push(Gram {
                            id: learned,
                            start,
                            end: ue,
                            x: 1.0,
                        });
                    }
                    if entry != NONE && lex.entries[entry as usize].term == spelled {
                        words.push(Hit {
                            entry: entry as usize,
                            start,
                            end: ue,
                        });
                        word = true;
                    }
                    if longer {
                        next.push((key, start));
                    }
                    word
                };
                let whole = look(h, us, next);
                if joined {
                    for &(key, start) in open.iter() {
                        look(extend(key, h), start, next);
                    }
                }
                if !whole && ue - us > 2 && text.as_bytes()[us].is_ascii_alphanumeric() {
                    if let Some(cut) = text.as_bytes()[us..ue].iter().position(|&b| b == b'\'') {
                        let part = unit_hash(&text.as_bytes()[us..us + cut]);
                        if let Some(g) = lex.grams.get(&part).filter(|g| g.entry != NONE) {
                            if lex.entries[g.entry as usize].term == text[us..us + cut] {
                                words.push(Hit {
                                    entry: g.entry as usize,
                                    start: us,
                                    end: us + cut,
                                });
                            }
                        }
                    }
                }
                std::mem::swap(open, next);
            });
        }
        // Word terms: leftmost, longest, on word edges; crisis-only terms
        // apart, so that 「很沒禮貌」 as evidence leaves 沒禮貌 its valence.
        words.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut taken = Taken::default();
        for &h in words.iter() {
            if !t.word_before(h.start) && !t.word_after(h.end) && taken.keep(lex, &h) {
                hits.push(h);
            }
        }
        // The other terms, merged in: where two overlap, the one that starts
        // first, or the longer, wins; crisis-only evidence brings the terms
        // inside it (`Entry::inner`), and stands beside them.
        let mut at = 0;
        while let Some(m) = lex
            .automaton
            .find(aho_corasick::Input::new(text).span(at..text.len()))
        {
            let entry = lex.automaton_entries[m.pattern().as_usize()] as usize;
            let e = &lex.entries[entry];
            // 十分 before 鐘 is ten minutes, not "very" (「等了二十分鐘才上菜」
            // lost 分鐘才 to it, and doubled what followed).
            let minutes = e.degree.is_some()
                && e.term.ends_with('分')
                && text[m.end()..].starts_with(['钟', '鐘']);
            let cut = minutes
                || (e.word_start && t.word_before(m.start()))
                || (e.word_end && t.word_after(m.end()));
            if cut {
                at = m.start() + t.char_at(m.start()).map_or(1, char::len_utf8);
                continue;
            }
            others.push(Hit {
                entry,
                start: m.start(),
                end: m.end(),
            });
            others.extend(e.inner.iter().map(|&(i, s, e)| Hit {
                entry: i as usize,
                start: m.start() + s,
                end: m.start() + e,
            }));
            at = m.end(); // patterns are never empty
        }
        if !others.is_empty() {
            hits.extend(others.iter());
            hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            let mut taken = Taken::default();
            hits.retain(|h| taken.keep(lex, h));
        }
    }

    /// The features the learner fits: whether the text is Chinese, the
    /// rule-adjusted curated sum, and the learned-feature entries present
    /// (each once), with the factor the rules' scope gives each.
    pub fn features(&self, text: &str) -> (bool, f32, Vec<(u32, f32)>) {
        let t = ScoreText::fold(text, false);
        let (hits, mut grams) = self.find(&t);
        let curated = self.curated_sum(&t, &hits);
        self.learned(&t, &hits, &mut grams);
        let grams = grams.iter().map(|g| (g.id, g.x)).collect();
        (is_chinese(&t.text), squash(curated), grams)
    }

    /// Score, label and confidence only: no reasons, crises or risk. For
    /// labelling many units fast (a whole page, an evaluation run); call
    /// [`Scorer::score`] for the explanation.
    pub fn quick(&self, text: &str, signals: &Signals) -> (f32, Label, f32) {
        // Texts come by the thousand: their buffers are the last one's.
        thread_local! {
            static SCRATCH: RefCell<(ScoreText, Found)> = RefCell::default();
        }
        SCRATCH.with_borrow_mut(|(t, found)| {
            t.refold(text, false);
            self.find_into(t, found);
            self.label(t, &found.hits, &mut found.grams, signals)
        })
    }

    /// Score, label and confidence from what [`Scorer::find`] found.
    fn label(
        &self,
        t: &ScoreText,
        hits: &[Hit],
        learned: &mut Vec<Gram>,
        signals: &Signals,
    ) -> (f32, Label, f32) {
        let parts = self.parts_of(t, hits, learned);
        self.grave(t, hits, parts.verdict(&self.lexicon.params, signals))
    }

    /// A mention that leans against and names a grave allegation — a
    /// rumour, a hazard, a breach, a scam — is negative however it is asked
    /// (「聽說雲朵的老闆欠薪跑路了，真的假的？」 was neutral, a question): it
    /// spreads the allegation. Read only where the verdict is neutral and
    /// leans against, so a batch pays for few.
    fn grave(&self, t: &ScoreText, hits: &[Hit], v: (f32, Label, f32)) -> (f32, Label, f32) {
        let (score, label, _) = v;
        let grave = |c: Crisis| {
            matches!(
                c,
                Crisis::Rumor | Crisis::Safety | Crisis::Breach | Crisis::Scam
            )
        };
        // A word of such a crisis first: the patterns and figurative
        // phrases are read over the whole text, too dear for every unit.
        let entries = &self.lexicon.entries;
        if label != Label::Neu
            || score >= 0.0
            || !hits
                .iter()
                .any(|h| entries[h.entry].crisis.iter().any(|&(c, _)| grave(c)))
        {
            return v;
        }
        let none = |_: usize, _: usize| Evidence {
            text: String::new(),
            start: 0,
            end: 0,
        };
        let found = crate::crisis::detect(&t.text, &self.crisis_terms(hits), None, &none);
        if found.iter().any(|f| grave(f.crisis)) {
            (score, Label::Neg, 0.5 + 0.5 * score.abs())
        } else {
            v
        }
    }

    /// The parts of a verdict, before the model constants combine them.
    fn parts_of(&self, t: &ScoreText, hits: &[Hit], learned: &mut Vec<Gram>) -> Parts {
        let mocked = self.ironic_close(&t.text, hits);
        let curated = self.curated(t, hits, mocked, None).0;
        self.learned(t, hits, learned);
        self.parts_from(t, hits, mocked, curated, learned)
    }

    /// [`Parts`] from the mocking praise ([`Scorer::ironic_close`], read
    /// once per text), the rule sum and the scoped n-grams
    /// ([`Scorer::learned`]).
    fn parts_from(
        &self,
        t: &ScoreText,
        hits: &[Hit],
        mocked: Option<(usize, usize)>,
        curated: f32,
        learned: &[Gram],
    ) -> Parts {
        let lex = &self.lexicon.learned;
        let zh = is_chinese(&t.text);
        let (mut grams_praise, mut grams_blame) = (false, false);
        for g in learned {
            let l = &lex[g.id as usize];
            if l.evidence {
                let v = g.x * l.polarity;
                grams_praise |= v > 0.0;
                grams_blame |= v < 0.0;
            }
        }
        Parts {
            zh,
            rules: squash(curated),
            learned: learned
                .iter()
                .map(|g| g.x * lex[g.id as usize].polarity)
                .sum(),
            neutral: neutral_weight(zh, learned.len())
                * learned
                    .iter()
                    .map(|g| lex[g.id as usize].neutrality)
                    .sum::<f32>(),
            chars: match &self.lexicon.chars {
                Some(c) if zh => self.chars_of(c, t, hits),
                _ => 0.0,
            },
            sarcasm: self.sarcasm_cue(t, hits, mocked).is_some(),
            ironic: mocked.is_some(),
            len: t.text.chars().count(),
            question: is_question(&t.text),
            inquiry: is_inquiry(&t.text),
            notice: is_notice(&t.text) || is_order(&t.text) || is_news(&t.text) || is_info(&t.text),
            // Asked only where it can matter: chatter with a curated word speaks.
            chatter: curated == 0.0 && is_chatter(&t.text),
            asked: self.asked(t, hits),
            praised: curated > 0.0 || grams_praise,
            grams_praise,
            grams_blame,
        }
    }

    /// The character n-gram model's logit of `t`, with the phrases that
    /// turn a sentiment word inside them (`Entry::turns`) blanked out.
    fn chars_of(&self, c: &CharGrams, t: &ScoreText, hits: &[Hit]) -> f32 {
        let entries = &self.lexicon.entries;
        let mut turning = hits.iter().filter(|h| entries[h.entry].turns).peekable();
        if turning.peek().is_none() {
            return c.log_odds(&t.text);
        }
        // Blanked, not cut out: the model's say grows with the length.
        let mut masked = String::with_capacity(t.text.len());
        let mut at = 0;
        for h in turning {
            masked.push_str(&t.text[at..h.start]);
            masked.extend(t.text[h.start..h.end].chars().map(|_| ' '));
            at = h.end;
        }
        masked.push_str(&t.text[at..]);
        c.log_odds(&masked)
    }

    /// The parts of `text`'s verdict (for tuning the model constants, which
    /// combine them, without scoring every text again for every choice).
    pub fn parts(&self, text: &str) -> Parts {
        let t = ScoreText::fold(text, false);
        let (hits, mut grams) = self.find(&t);
        self.parts_of(&t, &hits, &mut grams)
    }

    /// Scores one unit.
    pub fn score(&self, text: &str, signals: &Signals) -> Analysis {
        self.analyse(text, signals).0
    }

    /// [`Scorer::score`], with the parts the verdict was made of.
    fn analyse(&self, text: &str, signals: &Signals) -> (Analysis, Parts) {
        let t = ScoreText::new(text);
        let (hits, mut learned) = self.find(&t);
        let zh = is_chinese(&t.text);
        let all = &self.lexicon.params;
        let params = all.of(zh);
        let mut reasons = Vec::new();

        let src16: Vec<u16> = text.encode_utf16().collect();
        let mocked = self.ironic_close(&t.text, &hits);
        let (curated, curated_reasons) = self.curated(&t, &hits, mocked, Some(&src16));
        // The rule sum enters bounded, as VADER normalises it; each curated
        // reason keeps its share of what the sum contributes.
        let share = params.curated * squash_ratio(curated);
        reasons.extend(curated_reasons.into_iter().map(|mut r| {
            r.contribution *= share;
            r
        }));
        self.learned(&t, &hits, &mut learned);
        let lex = &self.lexicon.learned;
        let cue = self.sarcasm_cue(&t, &hits, mocked);
        let parts = self.parts_from(&t, &hits, mocked, curated, &learned);
        // Only n-grams that passed the trainer's test of a sentiment-bearing
        // phrase are shown with their span; the rest are one "wording" reason.
        let mut wording = 0.0;
        for g in &learned {
            let l = &lex[g.id as usize];
            let w = g.x * l.polarity * params.learned;
            if l.shown && w.abs() >= 0.01 {
                reasons.push(reason(ReasonKind::Learned, &t, &src16, g.start, g.end, w));
            } else {
                wording += w;
            }
        }
        // The character n-gram model weighs every n-gram: wording too.
        wording += params.chars * parts.chars;
        if wording.abs() >= 0.01 {
            reasons.push(Reason {
                kind: ReasonKind::Wording,
                text: String::new(),
                contribution: wording,
                start: 0,
                end: 0,
            });
        }
        let plain = Parts {
            sarcasm: false,
            ..parts
        }
        .logit(all);
        if let Some(cue) = cue.filter(|_| plain > 0.0) {
            let r = reason(
                ReasonKind::Sarcasm,
                &t,
                &src16,
                cue.0,
                cue.1,
                plain * (SARCASM_FACTOR - 1.0),
            );
            // Mocking praise is already a reason of its own (the rule sum's):
            // one reason for the word.
            match reasons
                .iter_mut()
                .find(|o| o.kind == ReasonKind::Sarcasm && (o.start, o.end) == (r.start, r.end))
            {
                Some(o) => o.contribution += r.contribution,
                None => reasons.push(r),
            }
        }
        if let Some(r) = signals.stars() {
            reasons.push(Reason {
                kind: ReasonKind::Rating,
                text: format!("{r}★"),
                contribution: rating_logit(r),
                start: 0,
                end: 0,
            });
        }
        // A tag that pulls neither way (推, →) is no reason.
        if let Some(p) = signals.push.filter(|&p| push_logit(p) != 0.0) {
            let s = match p {
                PushTag::Push => "推",
                PushTag::Boo => "噓",
                PushTag::Arrow => "→",
            };
            reasons.push(Reason {
                kind: ReasonKind::PushTag,
                text: s.into(),
                contribution: push_logit(p),
                start: 0,
                end: 0,
            });
        }
        reasons.sort_by_key(|r| (r.start, r.end));

        let (score, label, confidence) = self.grave(&t, &hits, parts.verdict(all, signals));
        let crises = self.crises(&t, &hits, &src16, score, label);
        let risk = risk(score, label, &crises, signals);
        let analysis = Analysis {
            score,
            label,
            confidence,
            reasons,
            crises,
            risk,
        };
        (analysis, parts)
    }

    /// The crisis terms among `hits`.
    fn crisis_terms<'s>(&'s self, hits: &[Hit]) -> Vec<crate::crisis::Term<'s>> {
        let entries = &self.lexicon.entries;
        hits.iter()
            .filter(|h| !entries[h.entry].crisis.is_empty())
            .map(|h| crate::crisis::Term {
                start: h.start,
                end: h.end,
                kinds: &entries[h.entry].crisis,
            })
            .collect()
    }

    /// Crisis types: the crisis terms found, judged by [`crate::crisis`].
    fn crises(
        &self,
        t: &ScoreText,
        hits: &[Hit],
        src16: &[u16],
        score: f32,
        label: Label,
    ) -> Vec<CrisisFinding> {
        let terms = self.crisis_terms(hits);
        let evidence = |s: usize, e: usize| {
            let (s, e) = t.source_span(s, e);
            Evidence {
                text: utf16_slice(src16, s, e),
                start: s,
                end: e,
            }
        };
        let negative = (label == Label::Neg).then_some(score);
        crate::crisis::detect(&t.text, &terms, negative, &evidence)
    }
}

/// Whether a (folded, so Simplified and half-width) text asks something:
/// it ends with a question mark or particle, or is short and holds a
/// question word. (`這家很好吃嗎？我覺得超難吃` answers itself: not one.)
fn is_question(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "请问",
        "有没有",
        "是不是",
        "会不会",
        "能不能",
        "可不可以",
        "什么",
        "为什么",
        "怎么",
        "哪里",
        "哪家",
        "哪一",
        "哪个",
        "哪款",
        // 「跟上一代差在哪」.
        "在哪",
        "谁",
        "多少",
        "几点",
        "好不好",
    ];
    asks_at_end(text)
        || (text.chars().count() <= 30 && WORDS.iter().any(|w| asks_with(text, w)))
        || asks_then_wishes(text)
}

/// Whether some occurrence of the question word `w` in a (folded) text
/// asks. Not after a negator, where it means "not much" or "not very"
/// (「沒什麼口感」, 「不怎麼樣」, 「沒多少料」), nor 什麼 before 都 or 的
/// (「什麼都好吃」 "everything", 「踩屎感什麼的」 "and so on"), nor 多少 before
/// 有點 ("somewhat"): those complain or praise, they ask nothing.
fn asks_with(text: &str, w: &str) -> bool {
    text.match_indices(w).any(|(at, _)| {
        let (before, after) = (&text[..at], &text[at + w.len()..]);
        let negated = before.ends_with(['没', '不']);
        let not_asked = match w {
            "什么" => after.starts_with(['都', '的']),
            "多少" => after.starts_with("有点"),
            _ => false,
        };
        !negated && !not_asked
    })
}

/// Whether a (folded) text asks, 嗎 and a question mark, and then says in a
/// few words what the asker wants (「有人上過嗎？想知道評價」, 「…嗎？謝謝」).
/// Not a retort's tail: 「送餐都超時嗎？我也是醉了」 mocks.
fn asks_then_wishes(text: &str) -> bool {
    const WISHES: &[&str] = &[
        "想知道",
        "想问",
        "想了解",
        "求",
        "谢谢",
        "感谢",
        "好奇",
        "请益",
    ];
    // English never asks with 嗎: most texts stop at the first test.
    text.contains('吗')
        && text.rfind(['?', '？']).is_some_and(|q| {
            let (question, wish) = text.split_at(q);
            question.ends_with('吗')
                && words(wish) <= INQUIRY_WISH
                && WISHES.iter().any(|w| wish.contains(w))
        })
}

/// Whether a (folded) text ends with a question mark or particle.
fn asks_at_end(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || "~.。…!".contains(c))
        .ends_with(['?', '吗', '呢', '么'])
}

/// Whether a (folded) text is a short polite inquiry, 請問 to its question
/// mark: 「請問今天有開嗎」, 「請問可以訂位嗎？」. On review sites 請問 mostly
/// opens a reproach (「請問這是給人吃的嗎」, with a complaint around it), so
/// the n-grams learned it as blame; a short one that is all question asks.
/// So does a short yes-or-no question of what a shop can do or has
/// (「店到店可以貨到付款嗎」, 「有賣這個嗎」: 貨到付款 leans on complaints).
/// So does asking the hours (「全聯今天幾點關門啊」: 關門 leans on shops
/// closed for good), and asking others, with what the asker wants after it
/// (「有人上過巨匠的課嗎？想知道評價」).
/// Stars, where there are some, are the writer's verdict all the same.
fn is_inquiry(text: &str) -> bool {
    const OPENINGS: &[&str] = &["请问", "想问", "请教", "有人", "有没有人"];
    const CAN: &[&str] = &["可以", "有没有", "能不能", "有在", "有卖", "有开", "有送"];
    let text = text.trim_start();
    if text.contains("几点") && words(text) <= HOURS_CHARS {
        return true;
    }
    // Most texts are ruled out here: no opening, no 嗎.
    let opens = OPENINGS.iter().any(|w| text.starts_with(w));
    if !opens && !text.contains('吗') {
        return false;
    }
    let question =
        text[..text.rfind(['?', '？']).unwrap_or(text.len())].trim_end_matches(['?', '？', ' ']);
    let yes_no = question.ends_with('吗') && CAN.iter().any(|w| text.contains(w));
    (opens || yes_no)
        && words(text) <= INQUIRY_CHARS
        && (asks_at_end(text) || asks_then_wishes(text))
}

/// The most words after an inquiry's question mark (「想知道評價」, 「謝謝」).
const INQUIRY_WISH: usize = 6;

/// The longest a question of the hours runs (characters).
const HOURS_CHARS: usize = 12;

/// The longest a polite inquiry runs (characters).
const INQUIRY_CHARS: usize = 20;

/// Whether a (folded) text is a shop's short notice: a closing day
/// (公休, 店休, 暫停營業, "closed today") or the apology for the trouble
/// (造成不便, 不便之處, 敬請見諒; English apologies are 0 terms of the
/// lexicon, as "sorry for the inconvenience is all they said" complains).
/// Not 營業時間 alone: 「營業時間寫九點，八點半就不能點了」 complains in
/// plain facts.
fn is_notice(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "公休",
        "店休",
        "暂停营业",
        "造成不便",
        "不便之处",
        "敬请见谅",
        "closed today",
        "closed on ",
        "we are closed",
        "we're closed",
    ];
    // A review is ruled out by its bytes before a character is counted: no
    // character takes more than four, and English runs to three times as
    // many characters, one byte each.
    if text.len() > 4 * NOTICE_CHARS {
        return false;
    }
    // English says in words what Chinese says in characters.
    let most = if text.is_ascii() {
        NOTICE_CHARS * 3
    } else {
        NOTICE_CHARS
    };
    text.chars().count() <= most && MARKS.iter().any(|m| text.contains(m))
}

/// Whether a (folded) text only passes on a brand's news in one short
/// sentence: a shop opened or opening (「寶雅在我家附近開了新店」, "is
/// opening a second location next month"), or what is coming when (「下個
/// 月會上映漫威新片」, 「週末有寵物美容優惠」, 「下週要維修八小時」). The
/// n-grams learned 優惠 and 新店 from praise, 八折 and 維修 from complaints;
/// with no curated word it is news. (「下個月又要漲價」 has 漲價 to speak.)
fn is_news(text: &str) -> bool {
    // Opened, opening or launched, whenever.
    const OPENED: &[&str] = &[
        "开了新店",
        "开了一家",
        "开了一间",
        "也有一家",
        "也有一间",
        "要推出",
        "即将推出",
        "开了分店",
        "新开了",
        "开幕",
        "开张",
        "展店",
        "is opening",
        "will open",
        "opens a",
        "just opened",
        "bringing back",
        "opened a new",
        "is launching",
        "will launch",
        "launches",
        "announced",
        "grand opening",
        // Bought up: 「亞太已經被遠傳併購了」 (folded).
        "并购",
        "收购",
        "acquired by",
        "acquires",
    ];
    // When: the coming days, a season of the year.
    const WHEN: &[&str] = &[
        "下周",
        "下个月",
        "下个礼拜",
        "这周",
        "本周",
        "这个月",
        "本月",
        "周末",
        "明天",
        "今年",
        "月底",
        "年底",
        "即日起",
        "next week",
        "next month",
        "this weekend",
        "tomorrow",
        "this year",
    ];
    // What comes then: a film, a product, a sale, works.
    const WHAT: &[&str] = &[
        "上映", "上市", "推出", "发表", "开卖", "优惠", "折", "特价", "活动", "维修", "调整",
        "扩建", "开课", "报名", "新品", "新款", "新店", "交付", "交车", "release", "launch",
        "sale", "opening",
    ];
    // Most texts are ruled out by their length, or in one pass: no
    // opening, no when.
    if text.len() > 4 * NEWS_CHARS {
        return false;
    }
    static FIND: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let find = FIND.get_or_init(|| {
        aho_corasick::AhoCorasick::new(OPENED.iter().chain(WHEN)).expect("news marks")
    });
    if !find.is_match(text) {
        return false;
    }
    let most = if text.is_ascii() {
        NEWS_CHARS * 3
    } else {
        NEWS_CHARS
    };
    text.chars().count() <= most
        && one_sentence(text)
        && (OPENED.iter().any(|w| text.contains(w))
            || (WHEN.iter().any(|w| text.contains(w)) && WHAT.iter().any(|w| text.contains(w))))
}

/// The longest a piece of news runs (characters of Chinese).
const NEWS_CHARS: usize = 30;

/// Whether a (folded) text only lists what was ordered, in one short
/// clause: 「點了牛肉麵跟燙青菜」, 「我們點了兩份套餐和一份炸雞」. The
/// n-grams learned 點了 from the delivery reviews that complained of an
/// order (−0.36, −0.82); with no curated word it is description.
fn is_order(text: &str) -> bool {
    const OPENINGS: &[&str] = &["点了", "点的是", "叫了"];
    let text = text.trim();
    let rest = ["我们", "我", "今天", "这次", "这回"]
        .iter()
        .find_map(|w| text.strip_prefix(w))
        .unwrap_or(text);
    // What was ordered, and nothing of how it went: 「點了一碗麵結果沒送來」
    // and 「點了三次都沒有到」 complain in plain words (folded).
    const TOLD: &[&str] = &[
        "不", "没", "结果", "但", "才", "都", "还", "只", "却", "竟", "居然", "又", "等", "错",
        // What came instead, or never: 「點了大杯給我中杯」, 「點了兩個高麗菜來兩個
        // 韭菜」, 「點了忘記上」.
        "给我", "送成", "变成", "来", "上成", "忘",
    ];
    // 、 lists the dishes, it breaks no clause.
    let one_clause = !text
        .trim_end_matches(['。', '.', '!', '！', '~'])
        .contains(|c| c != '、' && is_clause_break(c));
    // "We ordered the pad thai and the green curry." (English says in
    // words what Chinese says in characters.)
    if text.is_ascii() {
        const TOLD_EN: &[&str] = &[
            "but", "never", "wrong", "instead", "still", "late", "cold", "forgot", "n't", "not",
            "only", "twice", "again", "wait", "asked", "came", "took",
        ];
        let rest = ["we ", "i "]
            .iter()
            .find_map(|w| text.strip_prefix(w))
            .unwrap_or(text);
        return text.len() <= ORDER_CHARS * 3
            && rest.starts_with("ordered ")
            && !rest
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
                .any(|w| {
                    TOLD_EN
                        .iter()
                        .any(|t| w == *t || (t.starts_with('n') && w.ends_with(t)))
                })
            && one_clause;
    }
    // Who ordered may come first: 「這次我們兩個人點了…」. 還有 lists one
    // more dish (「…還有兩盤小菜」); 還 alone tells (「還沒來」).
    let opened = OPENINGS.iter().find_map(|w| {
        let at = rest.find(w)?;
        let before = &rest[..at];
        (before.chars().count() <= ORDER_LEAD && !before.contains(is_clause_break))
            .then(|| rest[at..].replace("还有", "和"))
    });
    text.chars().count() <= ORDER_CHARS
        && opened.is_some_and(|order| !TOLD.iter().any(|w| order.contains(w)))
        && one_clause
}

/// The most characters before 點了 that say who ordered (「我們兩個人」).
const ORDER_LEAD: usize = 5;

/// The longest an order listed runs (characters).
const ORDER_CHARS: usize = 32;

/// Whether a (folded) text only tells the facts of a place in one short
/// sentence, as a food blog mostly does: where it is (位在, 出口, 步行),
/// when and how to order and pay (營業時間, 刷卡, 號碼牌, 先結帳, 訂位,
/// 低消, 開門), what the menu holds and costs (菜單, 分成, 可以選擇, 加價,
/// 元), what a dish is made of (是用, 熬煮, 進口的), the place's history
/// (開了, 擺了), a trip's way on (前往), or the blog's own framing (話不多說,
/// 附上菜單, 自費, 聽說). The n-grams, fitted to whole reviews and their
/// stars, lean each its own way on them (「進門之後要先拿號碼牌」 −0.35,
/// 「這間店位在捷運中山站4號出口」 +0.98); with no curated word and nothing
/// of how it went (等了, 結果, 但, 才…) it is information.
fn is_info(text: &str) -> bool {
    const MARKS: &[&str] = &[
        // Where.
        "位在",
        "位于",
        "出口",
        "步行",
        "走路",
        "地址",
        "停车场",
        "停车格",
        "搬到",
        "附近有",
        "扶梯",
        "电梯",
        // A trip's way from one place to the next.
        "前往",
        "前进",
        "出发",
        // When, and how to order and pay.
        "营业时间",
        "入住时间",
        "退房",
        "开门",
        "收摊",
        "出炉",
        "刷卡",
        "现金",
        "支付",
        "结帐",
        "结账",
        "付款",
        "号码牌",
        "订位",
        "候位",
        "低消",
        "内用",
        "外带",
        "点餐",
        "加价",
        "升级",
        "免费加",
        "可以选",
        "可以换",
        "可以调整",
        "可以加",
        "儿童座椅",
        // What the menu holds, what a dish is made of.
        "菜单",
        "分成",
        "有分",
        "包含",
        "是用",
        "使用",
        "熬煮",
        "进口",
        "手工",
        "附一",
        "会附",
        "附赠",
        "附送",
        "价格是",
        "价位是",
        "售价",
        "另外收",
        "左右",
        // A price (元 alone is in names: 董元飛).
        "0元",
        "1元",
        "2元",
        "3元",
        "4元",
        "5元",
        "6元",
        "7元",
        "8元",
        "9元",
        "十元",
        "百元",
        "千元",
        "万元",
        "百多元",
        "千多元",
        "用餐时间",
        "限时",
        "里面是",
        "招牌",
        "开了",
        "摆了",
        "经营",
        "创立",
        "记得",
        // The blog's framing and the visit's circumstances.
        "分享",
        "话不多说",
        "参考",
        "自费",
        "业配",
        "为准",
        "本篇",
        "第二次来",
        "第三次来",
        "文章",
        "以上",
        "主角",
        "到的时候",
        "约在",
        "一行人",
        "总共",
        "落在",
        "原本是在",
        "听说",
        "一直想",
    ];
    // How it went: a complaint told in plain facts (「點餐要等二十分鐘」,
    // 「結果不能刷卡」) or a judgment the lexicon misses.
    const TOLD: &[&str] = &[
        "结果", "但", "却", "竟", "居然", "才", "等了", "等很", "等超", "错", "忘", "久", "慢",
        "贵", "便宜", "不能", "不行", "不给", "没", "只能", "还要", "又", "太", "很", "超", "好",
        "真", "难", "怕", "可惜", "竟然", "一直", "催", "有点", "!",
    ];
    // Most texts are ruled out by their length, or in one pass: no mark.
    if text.len() > 4 * INFO_CHARS {
        return false;
    }
    static FIND: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let find = FIND.get_or_init(|| aho_corasick::AhoCorasick::new(MARKS).expect("info marks"));
    if !find.is_match(text) {
        return false;
    }
    if !one_sentence(text) || text.chars().count() > INFO_CHARS {
        return false;
    }
    // 好 after a verb says it is done (「記得先準備好零錢」), not how it went
    // (the lexicon's 0 terms 查好, 準備好… say the same to the rules).
    const DONE: &[&str] = &["准备好", "查好", "订好", "选好", "约好", "想好", "带好"];
    let plain = DONE.iter().fold(text.to_owned(), |t, d| t.replace(d, ""));
    !TOLD.iter().any(|w| plain.contains(w))
}

/// Whether a (folded) text is one sentence: no full stop, exclamation or
/// question mark before its end (news and a blog's information are).
fn one_sentence(text: &str) -> bool {
    !text
        .trim_end_matches(['。', '.', '!', '！', '~'])
        .contains(['。', '.', '!', '！', '?', '？'])
}

/// The longest a sentence of information runs (characters).
const INFO_CHARS: usize = 40;

/// The longest a notice runs (characters of Chinese): a long text that
/// names a closing day is a review.
const NOTICE_CHARS: usize = 40;

/// Whether a (folded) text is a feed's chatter: a comment that only
/// points up the thread (樓上), passes by (路過), asks the same (同問) or
/// the address, follows or saves (已追蹤, 收藏), enters a giveaway (我要抽,
/// 留言抽), wonders (真的假的, 原來如此), or only tags friends (「@阿華
/// 走」, 「我要抽 @王小明 @陳小華」). A brand's post gathers hundreds; the
/// n-grams, fitted to reviews, lean each its own way (路過 −0.31, 我要抽
/// −0.24, "where is this?" −0.77).
fn is_chatter(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "楼上",
        "路过",
        "同问",
        "求地址",
        "求店名",
        "地址在哪",
        "已追踪",
        "追踪了",
        "已分享",
        "分享了",
        "已转发",
        "收藏",
        "卡位",
        "先卡",
        "先蹲",
        "蹲一个",
        "蹲等",
        "留言抽",
        "我要抽",
        "想抽",
        "抽抽",
        "一起抽",
        "走吧",
        "许愿",
        "希望抽中",
        "真的假的",
        "真假",
        "原来如此",
        "学到了",
        "+1",
        "where is this",
        "where's this",
        "where is it",
        "what's the address",
        "same question",
        "following",
        "saving this",
        "tagging",
    ];
    // Most texts are ruled out in one pass: no mark, no tag.
    static FIND: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let find = FIND.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(MARKS)
            .expect("chatter marks")
    });
    if text.len() > CHATTER_BYTES || !(text.contains(['@', '#']) || find.is_match(text)) {
        return false;
    }
    // Friends tagged are no words of the writer's (「我要抽 @王小明 @陳小華」;
    // the fold has dropped ASCII handles already), nor are hashtags alone
    // (「#台中美食 #咖哩」: 美食 leans on praise; 「#超好吃」 has a curated
    // word, so chatter is not asked). A tag ends at a space or a colon
    // (Weibo's 「//@某某:轉發的話」).
    let mut untagged = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        in_tag = (in_tag || c == '@' || c == '#') && !c.is_whitespace() && c != ':';
        if !in_tag {
            untagged.push(c);
        }
    }
    // Only tags, or tags and a call to come along (「@阿華 走」).
    let said = untagged.trim_matches(|c: char| !c.is_alphanumeric());
    if untagged.len() < text.len() && (said.is_empty() || TAG_CALLS.contains(&said)) {
        return true;
    }
    if words(&untagged) > CHATTER_CHARS || !find.is_match(&untagged) {
        return false;
    }
    // The marks and at most one more character or word: 「樓上傻比」 and
    // 「真假可疑」 say something beside them.
    words(&find.replace_all(&untagged, &[" "; MARKS.len()])) <= 1
}

/// Chinese characters and runs of other letters or digits (an English
/// word, a number) in `text`, each one.
fn words(text: &str) -> usize {
    let mut n = 0;
    let mut in_run = false;
    for c in text.chars() {
        let letter = c.is_alphanumeric();
        if letter && (crate::normalize::is_cjk(c) || !in_run) {
            n += 1;
        }
        in_run = letter && !crate::normalize::is_cjk(c);
    }
    n
}

/// The longest chatter runs, friends tagged aside ([`words`]).
const CHATTER_CHARS: usize = 12;
/// The longest text read for chatter at all (bytes): a review is ruled
/// out before a character is looked at.
const CHATTER_BYTES: usize = 160;
/// What a tag of friends may add and still be only a tag: come along, look.
const TAG_CALLS: &[&str] = &["走", "走啦", "衝", "快看", "看"];

/// Whether a (folded) text is mostly Chinese: more CJK characters than a
/// third of its Latin letters.
pub fn is_chinese(text: &str) -> bool {
    if text.is_ascii() {
        return false; // most English text: one fast pass, no decoding
    }
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if crate::normalize::is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    cjk * 3 > latin
}

fn utf16_slice(src16: &[u16], start: u32, end: u32) -> String {
    String::from_utf16_lossy(src16.get(start as usize..end as usize).unwrap_or_default())
}

fn reason(
    kind: ReasonKind,
    t: &ScoreText,
    src16: &[u16],
    start: usize,
    end: usize,
    contribution: f32,
) -> Reason {
    let (s, e) = t.source_span(start, end);
    Reason {
        kind,
        text: utf16_slice(src16, s, e),
        contribution,
        start: s,
        end: e,
    }
}
