//! The curated rules: each valence word's weight adjusted by the degree
//! word before it, a negator within reach in its clause, a contrast word
//! (what comes before it counts less, what follows more), capitals and
//! stretching, and the text's `!` and `?`; VADER's rules, with Chinese
//! negators, degree and contrast words beside the English ones. The same
//! scope reaches the learned n-grams (a negated or contrasted phrase), and
//! a sarcasm cue is found here.

use super::{reason, text, Entry, Gram, Hit, Reason, ReasonKind, ScoreText, Scorer};

/// How far back a negator reaches, in words or CJK characters.
const NEGATION_REACH: usize = 3;
/// What a measure moved is worth: more of what is good or less of what is
/// bad is good news ("profit rose", 「降低成本」), and the other way round
/// (as session 27's "profit rose" and "sales fell" phrases were).
const MOVED: f32 = 1.6;
/// How far a word that moves looks back for its measure, its subject ("Net
/// sales for the period rose"), in words; in CJK characters (「價格又上漲了」).
const MEASURE_BEFORE: usize = 6;
const MEASURE_BEFORE_ZH: usize = 3;
/// How far it looks ahead where none is before it: its object ("cut costs",
/// "higher prices", 「降低了成本」).
const MEASURE_AFTER: usize = 2;
/// Words right before a sentiment word that hold it against what was
/// expected or said, so a negator further back in the clause denies it
/// (「沒有網路上說的那麼好吃」); folded. Not 這麼: 「沒有這麼好吃的店」 praises.
/// (`expected_end` lists their first characters.)
const AS_EXPECTED: &[&str] = &[
    "那么",
    "那样",
    "想像中",
    "想像中的",
    "想象中",
    "想象中的",
    "预期的",
    "预期中",
    "期待中",
    "期待中的",
    "传说中",
    "传说中的",
    "说的",
];
/// The end of the last [`AS_EXPECTED`] cue in `text[from..to]`, read in
/// one pass (most windows hold none of the cues' first characters).
fn expected_end(text: &str, from: usize, to: usize) -> Option<usize> {
    let window = &text[from..to];
    let mut end = None;
    for (i, c) in window.char_indices() {
        if !matches!(c, '那' | '想' | '预' | '期' | '传' | '说') {
            continue;
        }
        let rest = &window[i..];
        if let Some(w) = AS_EXPECTED
            .iter()
            .filter(|w| rest.starts_with(*w))
            .max_by_key(|w| w.len())
        {
            end = Some(from + i + w.len());
        }
    }
    end
}

/// How far back a negator reaches a word held against expectation.
const EXPECTED_REACH: usize = 12;
/// How far before praise a word that sets it in the past (以前) reaches,
/// in words or CJK characters: 「以前很好吃」, "used to be good".
const PAST_REACH: usize = 2;
/// Words between the past and its praise that say it lasts (「以前就很好吃」,
/// 「從以前到現在都好吃」, "still"); folded.
const LASTING: &[&str] = &[
    "就", "都", "也", "一直", "还", "依然", "一样", "仍", "still", "always",
];
/// Words right before the past that compare with it (「比以前好吃」,
/// 「一如以往」): the praise is of the present; folded.
const SET_AGAINST: &[&str] = &["比", "较", "如", "跟", "和", "than"];

/// Words before "used to" that make it "accustomed to".
const ACCUSTOMED: &[&str] = &[
    "am", "im", "is", "are", "was", "were", "be", "been", "get", "got", "getting",
];

/// The word in `before` (the picked hits before `h`, in order) that sets
/// the praise `h` in the past, if any.
fn past_before<'h>(text: &str, entries: &[Entry], before: &'h [Hit], h: &Hit) -> Option<&'h Hit> {
    let p = before
        .iter()
        .rev()
        .take_while(|p| {
            within_units(text, p.end, h.start, PAST_REACH)
                && !text[p.end..h.start].chars().any(text::is_clause_break)
        })
        .find(|p| entries[p.entry].past)?;
    // Folded text is lower case already.
    let between = &text[p.end..h.start];
    let lasts = LASTING.iter().any(|w| between.contains(w));
    let ahead = text[..p.start].trim_end();
    let compared = SET_AGAINST.iter().any(|w| ahead.ends_with(w));
    // "I'm used to great service" is used to it now.
    let word = ahead.rsplit(char::is_whitespace).next().unwrap_or("");
    let accustomed = ACCUSTOMED.contains(&word) || word.ends_with("'m") || word.ends_with("'re");
    (!lasts && !compared && !accustomed).then_some(p)
}

/// The word in `before` (the picked hits before `h`, in order) that says
/// `h` was only thought, within [`EXPECTED_REACH`] in its clause: 「本來以為
/// 很難吃」. Not 不以為然 ("disapproves") or 以為然.
fn expected_before<'h>(
    text: &str,
    entries: &[Entry],
    before: &'h [Hit],
    h: &Hit,
) -> Option<&'h Hit> {
    before
        .iter()
        .rev()
        .take_while(|p| {
            within_units(text, p.end, h.start, EXPECTED_REACH)
                && !text[p.end..h.start].chars().any(text::is_clause_break)
        })
        .find(|p| entries[p.entry].expected && !text[p.end..].starts_with('然'))
}

/// VADER's factor for a negated word.
const NEGATION_FACTOR: f32 = -0.74;
/// Weight of what comes before / after a contrast word.
const BEFORE_CONTRAST: f32 = 0.5;
const AFTER_CONTRAST: f32 = 1.5;

/// Sarcasm cues that are as often praise (「好棒棒🥳」): they mock only in a
/// text that blames something (`Scorer::sarcasm_cue`).
const LAUGHS: &[&str] = &["好棒棒"];
/// Laughs (folded: 呵呵 reads 嗬嗬) that mock only where they close generic
/// praise after a complaint (`Scorer::ironic_close`: 「等了一小時，服務真好
/// 呵呵」). Alone they are as often friendly (chnsenticorp-hotel: 138 of
/// 160 rows with 呵呵 `pos`; Weibo: 22 of 22 with 笑死); as cues that turned
/// any praise around they were wrong in every corpus row where they did
/// (session 33).
const CLOSING_LAUGHS: &[&str] = &["嗬嗬", "笑死"];
/// VADER's boost per exclamation mark (at most four count).
const EXCLAMATION_BOOST: f32 = 0.292;
/// VADER's boost per question mark when there are several (at most 0.96).
const QUESTION_BOOST: f32 = 0.18;
/// The boost per emoji that heightens a feeling (at most three), as much
/// as an exclamation mark's.
const EMPHASIS_BOOST: f32 = EXCLAMATION_BOOST;
/// Boost of a word in capitals in mixed-case text, and of a stretched word.
const CAPS_BOOST: f32 = 0.733;
const ELONGATION_FACTOR: f32 = 1.2;

impl Scorer {
    /// Turns `found`, every occurrence of a learned n-gram in `t`, into the
    /// n-grams the score counts: each once, at its first occurrence, with
    /// the factor the rules' scope gives it. An n-gram that cuts into
    /// a valence term (`物中` of `食物中毒`) is skipped: the term already
    /// speaks for those characters. The rules' scope reaches n-grams as it
    /// reaches terms: a negator flips word n-grams (`not` before `good`) and
    /// silences character ones (`沒有` before `很好喝`), and a
    /// contrast word halves what comes before it and strengthens what
    /// follows.
    pub(super) fn learned(&self, t: &ScoreText, hits: &[Hit], found: &mut Vec<Gram>) {
        if found.is_empty() {
            return;
        }
        let entries = &self.lexicon.entries;
        let terms: Vec<&Hit> = hits
            .iter()
            .filter(|h| entries[h.entry].valence.is_some())
            .collect();
        // Each negator (start, end) reaches the n-grams that start from its
        // end up to `to`, and not past a contrast word.
        let negators: Vec<(usize, usize, usize)> = hits
            .iter()
            .filter(|h| entries[h.entry].negator)
            .map(|h| {
                // Held against expectation (Chinese negators only: the
                // cues are Chinese, and English text has many negators).
                let expected = if t.text.as_bytes()[h.start] >= 0x80 {
                    let far = reach(&t.text, h.end, EXPECTED_REACH);
                    expected_end(&t.text, h.end, far)
                } else {
                    None
                };
                let to = reach(&t.text, expected.unwrap_or(h.end), NEGATION_REACH);
                let contrast = hits
                    .iter()
                    .find(|c| c.start >= h.end && entries[c.entry].contrast)
                    .map_or(to, |c| c.start.saturating_sub(1));
                (h.start, h.end, to.min(contrast))
            })
            .collect();
        // A Chinese negator that turns a complaint word (「說不上難吃」,
        // 「沒有不好吃」): its own character n-grams learned their blame from
        // negating praise, and the rules already read the turn. (English
        // word n-grams measured better left as they are: `not bad`.)
        let litotes: Vec<(usize, usize)> = negators
            .iter()
            .filter(|&&(_, from, to)| {
                terms.iter().any(|t| {
                    t.start >= from && t.start <= to && entries[t.entry].valence < Some(0.0)
                })
            })
            .map(|&(start, end, _)| (start, end))
            .collect();
        let contrast = hits.iter().rev().find(|h| entries[h.entry].contrast);
        // Terms are in order and apart: only those ending after `s` and
        // starting before `e` can be cut, and there are few of those.
        let cuts = |s: usize, e: usize| {
            let from = terms.partition_point(|h| h.end <= s);
            terms[from..]
                .iter()
                .take_while(|h| h.start < e)
                .any(|h| s > h.start || e < h.end)
        };
        let factor = |s: usize, e: usize| {
            let mut x = 1.0;
            let cjk = t.text[s..e]
                .chars()
                .next()
                .is_some_and(crate::normalize::is_cjk);
            if cjk && litotes.iter().any(|&(a, b)| a <= s && e <= b) {
                return 0.0;
            }
            if negators.iter().any(|&(_, from, to)| from <= s && s <= to) {
                // A word n-gram flips like a word; a character n-gram is
                // left to the rules (flipped, they served the corpora worse).
                x *= if cjk { 0.0 } else { NEGATION_FACTOR };
            }
            if let Some(c) = contrast {
                if e <= c.start {
                    x *= BEFORE_CONTRAST;
                } else if s >= c.end {
                    x *= AFTER_CONTRAST;
                }
            }
            x
        };
        if !terms.is_empty() {
            found.retain(|g| !cuts(g.start, g.end));
        }
        // Stable: the first occurrence of each feature stays first.
        found.sort_by_key(|g| g.id);
        found.dedup_by_key(|g| g.id);
        if !negators.is_empty() || contrast.is_some() {
            for g in found.iter_mut() {
                g.x = factor(g.start, g.end);
            }
        }
    }

    /// A sarcasm cue, as a span of `t`: praise next to it reads as mockery.
    /// A cue of the lexicon (笑死人; 好棒棒 beside blame), a clause that opens
    /// with 又 and complains after a short exclamation of generic praise
    /// (「真是太棒了 又送錯餐」: again),
    /// or praise that mocks the complaint it closes ([`Scorer::ironic_close`];
    /// that word is blame in the rule sum too).
    /// `mocked` is [`Scorer::ironic_close`] of the same text and hits.
    pub(super) fn sarcasm_cue(
        &self,
        t: &ScoreText,
        hits: &[Hit],
        mocked: Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        let entries = &self.lexicon.entries;
        // An ASCII cue stands alone: "/s", not the /s of "1.3MB/S".
        let alone = |h: &&Hit| {
            !entries[h.entry].term.is_ascii()
                || !(t.text[..h.start].ends_with(|c: char| c.is_ascii_alphanumeric())
                    || t.text[h.end..].starts_with(|c: char| c.is_ascii_alphanumeric()))
        };
        let valence = |h: &&Hit| entries[h.entry].valence.unwrap_or(0.0);
        // A cue that is as often praise mocks only beside blame: 「等了一小時，
        // 好棒棒」 mocks, 「好棒棒🥳」 praises.
        let mocks = |h: &&Hit| {
            !LAUGHS.contains(&entries[h.entry].term.as_str())
                || hits.iter().any(|b| valence(&b) < 0.0)
        };
        if let Some(h) = hits
            .iter()
            .find(|h| entries[h.entry].sarcasm && alone(h) && mocks(h))
        {
            return Some((h.start, h.end));
        }
        if mocked.is_some() {
            return mocked;
        }
        let text = t.text.as_str();
        // Only a 又 after a short opening can mock (below): the search stops
        // at the first one past it, and reads no hit before.
        let short = |&(i, _): &(usize, &str)| text[..i].trim().chars().count() <= IRONIC_OPENING;
        text.match_indices('又')
            .take_while(short)
            .find_map(|(i, m)| {
                let opens = text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_whitespace() || text::is_clause_break(c));
                if !opens {
                    return None;
                }
                let end = text[i..]
                    .find(text::is_clause_break)
                    .map_or(text.len(), |j| i + j);
                // Only a short exclamation of generic praise is mocked again:
                // 「好喔 又漲價了」. After longer or particular praise 又 adds
                // (「好好吃 又有即時服務」, 「環境還不錯…又有相當的一段距離與吵鬧的西街
                // 隔離」): the rule was wrong on all 16 corpus rows it fired in
                // before session 33.
                let before = hits.iter().filter(|h| h.end <= i);
                let praised = before.clone().any(|h| valence(&h) > 0.0)
                    && before.clone().all(|h| {
                        (valence(&h) > 0.0 && ironic(&entries[h.entry].term))
                            || (valence(&h) == 0.0 && !entries[h.entry].negator)
                    });
                let blamed = || {
                    hits.iter().any(|h| {
                        h.start >= i
                            && h.start < end
                            && valence(&h) < 0.0
                            && !hits.iter().any(|n| {
                                entries[n.entry].negator && n.start >= i && n.end <= h.start
                            })
                    })
                };
                (praised && blamed()).then_some((i, i + m.len()))
            })
            .or_else(|| self.ironic_open(text, hits))
    }

    /// Generic praise exclaimed to open a complaint, in a short clause of
    /// its own, with only blame after it and no contrast anywhere:
    /// 「星巴克真是太棒了，等一杯咖啡等了四十分鐘」. Its span. (Exclaimed, as
    /// [`Scorer::ironic_close`] asks: 「服務很好，只是有點貴」 contrasts, and a
    /// plain 「很好」 may be meant.)
    fn ironic_open(&self, text: &str, hits: &[Hit]) -> Option<(usize, usize)> {
        let entries = &self.lexicon.entries;
        let valence = |h: &Hit| entries[h.entry].valence.unwrap_or(0.0);
        // Praise first among the hits: most units stop here, before any
        // text is read.
        let praise = hits.iter().find(|h| valence(h) > 0.0)?;
        // Exclaimed before it (below), or nothing to read.
        if !text[..praise.start].contains(['真', '还', '可']) {
            return None;
        }
        let end = text.find(text::is_clause_break)?;
        let opening = &text[..end];
        if praise.end > end
            || opening.chars().count() > IRONIC_OPENING + NAME_CHARS
            || !super::is_chinese(opening)
            || hits.iter().any(|h| entries[h.entry].contrast)
        {
            return None;
        }
        let rest = || hits.iter().filter(|h| h.end > end);
        let generic = hits.iter().filter(|h| h.end <= end).all(|h| {
            (valence(h) > 0.0 && ironic(&entries[h.entry].term))
                || (valence(h) == 0.0 && !entries[h.entry].negator)
        });
        let exclaimed = ["真是", "真的是", "还真", "可真"]
            .iter()
            .any(|w| opening[..praise.start].contains(w));
        let blamed = rest().any(|h| valence(h) < 0.0)
            && rest().all(|h| valence(h) <= 0.0 && !entries[h.entry].negator);
        // A flaw conceded is meant: 「真的是太好了，可惜有點貴」.
        let conceded = ["可惜", "只是", "就是", "唯一", "美中不足", "缺点", "不足"]
            .iter()
            .any(|w| text[end..].contains(w));
        (generic && exclaimed && blamed && !conceded).then_some((praise.start, praise.end))
    }

    /// Generic praise exclaimed in the last clause of a complaint, with no
    /// praise before it and no contrast anywhere: 「湯裡有頭髮，真是太讚了」,
    /// 「又漲價了，真是佛心呢」, "Waited an hour for cold food. Great job."
    /// Its span. (「等了一個小時，但真的很好吃」 contrasts; 「…，真是太好吃了」
    /// praises the food, not a generic word.)
    pub(super) fn ironic_close(&self, text: &str, hits: &[Hit]) -> Option<(usize, usize)> {
        let entries = &self.lexicon.entries;
        let valence = |h: &&Hit| entries[h.entry].valence.unwrap_or(0.0);
        // Praise, and blame before it, among the hits first: most units
        // stop here, before any text is read.
        let praise = hits.iter().rev().find(|h| valence(h) > 0.0)?;
        if !hits
            .iter()
            .any(|h| h.end <= praise.start && valence(&h) < 0.0)
        {
            return None;
        }
        let ends = |c: char| c.is_whitespace() || text::is_clause_break(c);
        let body = text.trim_end_matches(ends);
        // A laugh after it is part of the exclamation: 「服務真好呵呵」,
        // 「服務真好，笑死」.
        let (body, laughed) = match CLOSING_LAUGHS.iter().find(|w| body.ends_with(*w)) {
            Some(w) => (body[..body.len() - w.len()].trim_end_matches(ends), true),
            None => (body, false),
        };
        let start = body.rfind(text::is_clause_break)?;
        let start = start + body[start..].chars().next()?.len_utf8();
        let last = &body[start..];
        // An exclamation is short: most units stop here.
        let zh = super::is_chinese(last);
        let short = if zh {
            last.chars().count() <= 8
        } else {
            last.split_whitespace().all(|w| IRONIC_EN.contains(&w))
                && last.split_whitespace().count() <= 4
        };
        if !short
            || hits.iter().any(|h| entries[h.entry].contrast)
            || ["虽", "though"].iter().any(|w| text.contains(w))
        {
            return None;
        }
        let blame = |h: &&Hit| valence(h) < 0.0;
        let (mut before, mut after) = (
            hits.iter().filter(|h| h.end <= start),
            hits.iter().filter(|h| h.start >= start),
        );
        let complained = before.clone().any(|h| blame(&h))
            && !before.any(|h| valence(&h) > 0.0 || entries[h.entry].negator);
        // A laugh closing the praise is part of the exclamation, not blame.
        let laugh = |h: &&Hit| CLOSING_LAUGHS.contains(&entries[h.entry].term.as_str());
        if !complained
            || after
                .clone()
                .any(|h| (blame(&h) && !laugh(&h)) || entries[h.entry].negator)
        {
            return None;
        }
        // Within the body: a hit may run into the trailing marks trimmed
        // off it (「…吗-d:」 held one that ended past the body's end).
        let praise = after.find(|h| valence(h) > 0.0 && h.end <= body.len())?;
        if !zh {
            return Some((praise.start, praise.end));
        }
        // An exclamation outside the praise word: 「服務真好」 may be
        // meant, 「服務真好呢」 and 「真是太棒了」 mock.
        let outside = [&text[start..praise.start], &text[praise.end..body.len()]];
        let exclaimed = laughed
            || ["真是", "真的是", "还真", "可真", "呢", "喔", "哦", "耶"]
                .iter()
                .any(|w| outside.iter().any(|o| o.contains(w)));
        (exclaimed && ironic(&entries[praise.entry].term)).then_some((praise.start, praise.end))
    }

    /// Whether every sentiment word of `t` is asked about, not said, and
    /// one is ([`Asking`]): forum titles and posts ask by the thousand, and
    /// the word they ask about is no verdict.
    pub(super) fn asked(&self, t: &ScoreText, hits: &[Hit]) -> bool {
        let zh = super::is_chinese(&t.text);
        // Chinese asks in words as well as marks; English only with `?`.
        let asking = zh.then(|| Asking::of(&t.text)).flatten();
        if (zh && asking.is_none()) || (!zh && !t.text.contains('?')) {
            return false;
        }
        let entries = &self.lexicon.entries;
        let mut any = false;
        for h in hits {
            let Some(v) = entries[h.entry].valence.filter(|v| *v != 0.0) else {
                continue;
            };
            if !asked_term(&t.text, zh, asking.as_ref(), h, v) {
                return false;
            }
            any = true;
        }
        any
    }

    /// The rule sum alone, for the learner's features.
    pub(super) fn curated_sum(&self, t: &ScoreText, hits: &[Hit]) -> f32 {
        self.curated(t, hits, self.ironic_close(&t.text, hits), None)
            .0
    }

    /// The rule pass over curated terms: returns the adjusted sum and its
    /// reasons (contributions before the curated weight). `mocked` is the
    /// praise that mocks ([`Scorer::ironic_close`]), counted as blame.
    pub(super) fn curated(
        &self,
        t: &ScoreText,
        hits: &[Hit],
        mocked: Option<(usize, usize)>,
        src16: Option<&[u16]>,
    ) -> (f32, Vec<Reason>) {
        let entries = &self.lexicon.entries;
        // Hits are leftmost-longest, so already in order and apart.
        let picked: Vec<Hit> = hits
            .iter()
            .copied()
            .filter(|h| entries[h.entry].curated())
            .collect();
        // Chinese questions: a word asked about says nothing, beside words
        // that do (「求推薦好用的吸塵器，之前買的超爛」 complains).
        let zh = super::is_chinese(&t.text);
        let asking = zh.then(|| Asking::of(&t.text)).flatten();
        let mut reasons = Vec::new();
        let mut values: Vec<(usize, f32)> = Vec::new(); // (index into picked, value)
        let shouting = t.mixed_case;
        let (moves, moved) = moved(&t.text, zh, entries, &picked);
        for (i, h) in picked.iter().enumerate() {
            let e = &entries[h.entry];
            // A measure and the way it moved are one sentiment word, at the
            // word that moves: its negator and degree word are the pair's.
            let pair = moves.get(i).copied().flatten();
            let (value, from) = match pair {
                Some(m) => {
                    let sign = e.direction.unwrap_or(0.0)
                        * entries[picked[m].entry].measure.unwrap_or(0.0);
                    (Some(MOVED * sign), picked[m].start.min(h.start))
                }
                None if moved.get(i) == Some(&true) => (None, h.start),
                None => (e.valence, h.start),
            };
            let Some(mut v) = value else { continue };
            // 「湯裡有頭髮，真是太讚了」: the praise mocks, and is blame.
            let mocking = mocked == Some((h.start, h.end));
            if mocking {
                v = -v;
            }
            // A 0 names a word that holds a sentiment or negation word and
            // is none (加油站, 別人): it is matched only to keep the shorter
            // term out.
            if v == 0.0
                || asked_term(&t.text, zh, asking.as_ref(), h, v)
                || not_liking(&t.text, h)
                || may_do(&t.text, h)
            {
                continue;
            }
            // A word that is both a degree or negation word and a valence
            // word (好, no) acts as a modifier when a valence word follows
            // it directly: `no good` is not two complaints.
            if (e.degree.is_some() || e.negator)
                && picked.get(i + 1).is_some_and(|n| {
                    entries[n.entry].valence.is_some() && within_units(&t.text, h.end, n.start, 0)
                })
            {
                continue;
            }
            let kind = if mocking {
                ReasonKind::Sarcasm
            } else {
                ReasonKind::Term
            };
            let to = pair.map_or(h.end, |m| picked[m].end.max(h.end));
            push_reason(&mut reasons, src16, kind, t, from, to, v);
            // Degree: the token right before.
            if let Some(p) = i.checked_sub(1).map(|j| picked[j]) {
                if let Some(m) = entries[p.entry].degree {
                    if within_units(&t.text, p.end, h.start, 0) {
                        let before = v;
                        v *= m;
                        push_reason(
                            &mut reasons,
                            src16,
                            ReasonKind::Degree,
                            t,
                            p.start,
                            p.end,
                            v - before,
                        );
                    }
                }
            }
            // Negation: a negator within reach in the same clause, with no
            // contrast word between (「不便宜但好吃」 denies only 便宜).
            // Tokens come in order, so walk back only while within reach.
            // Praise held against what was expected or said (「沒有想像中
            // 好吃」, 「沒有網路上說的那麼好」) is denied from further back.
            let cjk_before = h.start > 0 && t.text.as_bytes()[h.start - 1] >= 0x80;
            let limit = if cjk_before && AS_EXPECTED.iter().any(|w| t.text[..h.start].ends_with(w))
            {
                EXPECTED_REACH
            } else {
                NEGATION_REACH
            };
            let negated_at = |at: usize| {
                picked[..i]
                    .iter()
                    .rev()
                    .filter(|p| p.end <= at)
                    .take_while(|p| {
                        !entries[p.entry].contrast
                            && within_units(&t.text, p.end, at, limit)
                            && !t.text[p.end..at].chars().any(text::is_clause_break)
                            // A word the negator turned, then 的, ends its reach:
                            // 「不會過鹹的優質料理」 praises 優質.
                            && (entries[p.entry].valence.is_none_or(|v| v == 0.0)
                                || !t.text[p.end..at].contains('的'))
                    })
                    .find(|p| entries[p.entry].negator)
            };
            // A measure moved is denied between the two ("sales did not
            // increase") or before the pair (「沒有發現動力有什麼提升」).
            let negator = negated_at(h.start)
                .or_else(|| (from < h.start).then(|| negated_at(from)).flatten());
            // A complaint forbidden warns others off (「不要浪費錢」「別上當」):
            // it stays a complaint.
            if let Some(n) = negator.filter(|n| !(entries[n.entry].prohibition && v < 0.0)) {
                let before = v;
                v *= NEGATION_FACTOR;
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Negation,
                    t,
                    n.start,
                    n.end,
                    v - before,
                );
            }
            // Praise of the past (「以前很好吃」, "used to be good"): what it
            // was is not what it is, and says the present falls short.
            let mut past = false;
            if negator.is_none() && v > 0.0 {
                if let Some(p) = past_before(&t.text, entries, &picked[..i], h) {
                    past = true;
                    let before = v;
                    v *= NEGATION_FACTOR;
                    push_reason(
                        &mut reasons,
                        src16,
                        ReasonKind::Past,
                        t,
                        p.start,
                        p.end,
                        v - before,
                    );
                }
            }
            // What was only thought (「本來以為很難吃，結果…」, 「以前覺得普
            // 通」): it turned out otherwise, whichever way it leaned. Not
            // where the past already turned it.
            if let Some(p) = expected_before(&t.text, entries, &picked[..i], h).filter(|_| !past) {
                let before = v;
                v *= NEGATION_FACTOR;
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Expected,
                    t,
                    p.start,
                    p.end,
                    v - before,
                );
            }
            // Emphasis: capitals in mixed-case text, or a stretched word.
            if shouting && t.is_upper(h.start, h.end) {
                let before = v;
                v += CAPS_BOOST * v.signum();
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Caps,
                    t,
                    h.start,
                    h.end,
                    v - before,
                );
            }
            if t.elongated.iter().any(|&at| at > h.start && at <= h.end) {
                let before = v;
                v *= ELONGATION_FACTOR;
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Elongation,
                    t,
                    h.start,
                    h.end,
                    v - before,
                );
            }
            values.push((i, v));
        }
        // Contrast: the last contrast word splits the text.
        if let Some(c) = picked.iter().rposition(|p| entries[p.entry].contrast) {
            let mut moved = 0.0;
            for (i, v) in values.iter_mut() {
                let before = *v;
                *v *= if *i < c {
                    BEFORE_CONTRAST
                } else {
                    AFTER_CONTRAST
                };
                moved += *v - before;
            }
            if !values.is_empty() {
                let p = picked[c];
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Contrast,
                    t,
                    p.start,
                    p.end,
                    moved,
                );
            }
        }
        let mut sum: f32 = values.iter().map(|(_, v)| v).sum();
        // An emoji that heightens a feeling heightens the one the words
        // show (「好吃到哭😭」 praises); alone it is its own lean.
        let (felt, last) = picked
            .iter()
            .filter_map(|h| Some((*h, entries[h.entry].emphasis?)))
            .fold((0, None), |(n, _), f| (n + 1, Some(f)));
        if let Some((last, lean)) = last {
            let c = if sum != 0.0 {
                EMPHASIS_BOOST * felt.min(3) as f32 * sum.signum()
            } else {
                lean
            };
            sum += c;
            push_reason(
                &mut reasons,
                src16,
                ReasonKind::Emphasis,
                t,
                last.start,
                last.end,
                c,
            );
        }
        // Punctuation emphasis, in the direction of the sum.
        if sum != 0.0 {
            let (bangs, last) = count_last(&t.text, b'!');
            if let Some(last) = last {
                let c = EXCLAMATION_BOOST * bangs.min(4) as f32 * sum.signum();
                sum += c;
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Exclamation,
                    t,
                    last,
                    last + t.text[last..].chars().next().map_or(1, char::len_utf8),
                    c,
                );
            }
            let (asks, last) = count_last(&t.text, b'?');
            if let Some(last) = last.filter(|_| asks > 1) {
                let c = (QUESTION_BOOST * asks as f32).min(0.96) * sum.signum();
                sum += c;
                push_reason(
                    &mut reasons,
                    src16,
                    ReasonKind::Question,
                    t,
                    last,
                    last + t.text[last..].chars().next().map_or(1, char::len_utf8),
                    c,
                );
            }
        }
        (sum, reasons)
    }
}

/// The measure each word that moves moves (`direction` and `measure` in
/// lexicon/modifiers.tsv), as an index into `picked`, and which hits are a
/// measure taken so; both empty where no word moves. A word that moves takes the nearest free measure
/// before it in its clause (its subject), else one just after it (its
/// object): "Higher prices reduced demand" is two pieces of bad news.
fn moved(
    text: &str,
    zh: bool,
    entries: &[Entry],
    picked: &[Hit],
) -> (Vec<Option<usize>>, Vec<bool>) {
    // Most texts have no word that moves: nothing allocated for them.
    if !picked.iter().any(|h| entries[h.entry].direction.is_some()) {
        return (Vec::new(), Vec::new());
    }
    let mut moves = vec![None; picked.len()];
    let mut taken = vec![false; picked.len()];
    let near = |a: usize, b: usize, max: usize| {
        within_units(text, a, b, max) && !text[a..b].chars().any(text::is_clause_break)
    };
    let back = if zh {
        MEASURE_BEFORE_ZH
    } else {
        MEASURE_BEFORE
    };
    for (i, h) in picked.iter().enumerate() {
        if entries[h.entry].direction.is_none() {
            continue;
        }
        let free = |j: &usize| entries[picked[*j].entry].measure.is_some() && !taken[*j];
        // Not past a subject of its own: in "Smaller portions than last
        // time and they raised prices" what they raised is prices.
        let found = (0..i)
            .rev()
            .take_while(|&j| {
                near(picked[j].end, h.start, back)
                    && (zh || !has_subject(&text[picked[j].end..h.start]))
            })
            .find(free)
            .or_else(|| {
                (i + 1..picked.len())
                    .take_while(|&j| near(h.end, picked[j].start, MEASURE_AFTER))
                    .find(free)
            });
        if let Some(j) = found {
            taken[j] = true;
            moves[i] = Some(j);
        }
    }
    (moves, taken)
}

/// Whether English `between` opens a clause of its own on a person
/// ("and they", "but we"): not "the prices we paid".
fn has_subject(between: &str) -> bool {
    let mut words = between
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty());
    let mut prev = "";
    words.any(|w| {
        let joins = ["and", "but", "so", "then"].contains(&prev);
        prev = w;
        joins
            && [
                "i", "we", "they", "he", "she", "you", "they've", "we've", "i've",
            ]
            .contains(&w)
    })
}

/// English `like` is liking only as a verb after its subject or an
/// auxiliary (`I like`, `don't like`, `kids really like`); elsewhere it is a
/// preposition or a filler (`things like vanilla`, `looks like`, `it's like
/// 5 minutes`), and `would like` asks for something.
fn not_liking(text: &str, h: &Hit) -> bool {
    if &text[h.start..h.end] != "like" {
        return false;
    }
    let before = text[..h.start].trim_end();
    let word = before
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '’'))
        .next()
        .unwrap_or("");
    if word.ends_with("'d") || word.ends_with("’d") {
        return true;
    }
    // Words after which `like` is a verb: a subject, an auxiliary, an adverb.
    const BEFORE_VERB: &str = "i you we they he she u ya who people everyone everybody kids \
        really also still both all always totally definitely actually personally genuinely \
        truly do does did don't dont doesn't doesnt didn't didnt to will might may can could \
        should gonna won't wont never not usually generally mostly honestly";
    let word = word.replace('’', "'");
    !BEFORE_VERB.split_whitespace().any(|w| w == word)
}

/// Chinese 可以 before a verb is "may" (「可以刷卡」「才可以免費加飯」), not
/// "fine" (「味道還可以」「可以啦」): praise only at the end of its clause or
/// before a particle (or itself: 「可以可以」). Folded text.
fn may_do(text: &str, h: &Hit) -> bool {
    &text[h.start..h.end] == "可以"
        && text[h.end..].chars().next().is_some_and(|c| {
            crate::normalize::is_cjk(c) && !"了啦吧啊呀喔哦耶的嘛唷欸囉呢哈阿滴可".contains(c)
        })
}

/// What a text's questions ask about. A word is asked about, not said:
/// praise in a clause that asks (「這家的牛肉麵好吃嗎？」, 「這台好用嗎」), what
/// a request for a recommendation wants (「求推薦好用的吸塵器」), praise after
/// a word that asks which one has it (「有沒有好吃的」, 「哪家好喝」), a 問題 that
/// is a question (「請問…的1個問題」). Blame that asks stays blame
/// (「可以不要這麼難吃嗎」), and so does a question that reproaches: a request
/// (「賣家能仔細點嗎」「態度好點行麼」), a tag (「土豆都是生的好嗎」), 拜託, 難道.
pub(super) struct Asking {
    /// 請問, 想問: a 問題 here is a question.
    asking: bool,
    /// A recommendation asked for.
    wanting: bool,
}

impl Asking {
    /// The text's asking, or `None` where nothing in it is asked (a text
    /// that reproaches, or holds no question word at all; folded text).
    pub(super) fn of(text: &str) -> Option<Asking> {
        const ASKING: &[&str] = &["请问", "想问", "问一下", "问个", "有没有"];
        const REPROACH: &[&str] = &["拜托", "难道"];
        if !text.contains(['吗', '么', '推', '问', '哪', '?'])
            && !text.contains("有没有")
            && !text.contains("会不会")
        {
            return None;
        }
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        (!has(REPROACH)).then(|| Asking {
            asking: has(ASKING),
            wanting: wants_recommendation(text),
        })
    }

    /// Whether the term at `h`, of valence `v`, is asked about.
    pub(super) fn asks(&self, text: &str, h: &Hit, v: f32) -> bool {
        const REQUEST: &[&str] = &["能", "可以", "麻烦", "行吗", "行么", "行不行"];
        let term = &text[h.start..h.end];
        if v < 0.0 {
            return term == "问题" && self.asking;
        }
        let rest = &text[h.end..];
        // A space ends a clause here: Taiwan's reviews are written in
        // phrases (「魚堡好吃 但…是要我噎死嗎」).
        let end = rest
            .find(|c: char| text::is_clause_break(c) || c.is_whitespace())
            .unwrap_or(rest.len());
        let (after, before) = (&rest[..end], clause_before(text, h.start));
        self.wanting
            || ASK_WHICH.iter().any(|w| before.contains(w))
            // Which of two, asked (「雲朵還是路易莎比較好喝？」).
            || (ALTERNATIVE.iter().any(|w| before.contains(w)) && rest[end..].starts_with('?'))
            || (asks(after)
                && !REQUEST
                    .iter()
                    .any(|w| before.contains(w) || term.contains(w) || after.contains(w))
                // 好嗎 is a tag that reproaches unless it compares
                // (「會比X570好嗎」).
                && (term != "好" || before.contains('比')))
    }
}

/// Whether the term at `h`, of valence `v`, is asked about, not said:
/// Chinese text (`zh`) by its `asking` ([`Asking`], `None` where it asks
/// nothing), other text by [`asked_en`].
fn asked_term(text: &str, zh: bool, asking: Option<&Asking>, h: &Hit, v: f32) -> bool {
    if zh {
        asking.is_some_and(|a| a.asks(text, h, v))
    } else {
        v > 0.0 && asked_en(text, h)
    }
}

/// English: whether praise at `h` is asked about, not said — inside a yes/no
/// question ("Is the food here any good?", "Are they worth it?") or a
/// question that asks for a recommendation ("Can anyone recommend a good
/// plumber?"). Questions that reproach keep their praise: a negative
/// auxiliary ("Isn't it great that they lost my bag?"), how and why ("How
/// is this acceptable?"), a request ("Can you be more helpful?"), `?!`.
/// Folded text (lower case).
fn asked_en(text: &str, h: &Hit) -> bool {
    const OPENS: &[&str] = &[
        "is", "are", "was", "were", "does", "do", "did", "has", "have", "should", "any", "anyone",
        "anybody", "which",
    ];
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    // The sentence's closing marks first (most praise is in no question):
    // a question, not an exclamation.
    let Some(to) = text[h.end..].find(ends).map(|i| h.end + i) else {
        return false;
    };
    let mut marks = text[to..]
        .chars()
        .take_while(|c| ends(*c) || c.is_whitespace());
    if marks.next() != Some('?') || marks.any(|c| c == '!') {
        return false;
    }
    let from = text[..h.start].rfind(ends).map_or(0, |i| i + 1);
    let sentence = &text[from..to];
    let mut words = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '@' || c == '#'))
        .filter(|w| !w.is_empty() && !w.starts_with(['@', '#']));
    let first = words.next().unwrap_or("");
    OPENS.contains(&first)
        || sentence.contains("recommend") && !sentence.contains("n't") && !sentence.contains("not ")
}

/// Whether a folded praise term is generic praise ([`IRONIC`]), with its
/// degree (太, 真, 超, 很) and 了 trimmed.
fn ironic(term: &str) -> bool {
    let word = term
        .trim_start_matches(['太', '真', '超', '很'])
        .trim_end_matches('了');
    IRONIC.contains(&word)
}

/// The most characters before a 又 that mocks again (「真是太棒了 又送錯餐」).
const IRONIC_OPENING: usize = 8;

/// A brand's name, at most, before an opening exclamation (「星巴克真是太棒了」).
const NAME_CHARS: usize = 4;

/// Generic praise that, exclaimed to close a complaint, mocks it (folded;
/// a taste or a thing praised is praise: 好吃 is not here).
const IRONIC: &[&str] = &[
    "棒",
    "赞",
    "好",
    "专业",
    "厉害",
    "佛心",
    "贴心",
    "用心",
    "有效率",
    "优秀",
    "了不起",
    "感谢",
    "谢谢",
    "完美",
];
/// The only words of an English closing exclamation that mocks ("Great
/// job.", "Just perfect."): one with anything else in it ("great food")
/// praises something, and thanks closing a complaint are mostly meant.
const IRONIC_EN: &[&str] = &[
    "oh",
    "just",
    "wow",
    "great",
    "fantastic",
    "wonderful",
    "awesome",
    "perfect",
    "brilliant",
    "amazing",
    "nice",
    "excellent",
    "lovely",
    "job",
    "work",
    "well",
    "done",
    "so",
    "very",
    "really",
    "what",
    "bravo",
];
/// Words that offer a choice (folded: 還是 and 还是 alike; 或 in 或是 and
/// 或者 too): praise after one, in a clause that ends in a question mark,
/// is asked about, and so are the brands on either side (`target.rs`).
pub(super) const ALTERNATIVE: &[&str] = &["还是", "或", " or "];
/// Words before praise in its clause that ask which one has it
/// (「有沒有好吃的」, 「哪家比較好喝」); folded.
const ASK_WHICH: &[&str] = &[
    "有没有",
    "哪里有",
    "哪家",
    "哪间",
    "哪一家",
    "哪一间",
    "哪里的",
    // 「不知道台灣大會不會好一點」: wondered, not said.
    "会不会",
];

/// Whether `text` asks for a recommendation: 求推薦, 請推薦 (not 需求推薦,
/// "recommends to one's needs").
/// Asking the staff counts: 「就請店員推薦」, 「問老闆推薦什麼」.
fn wants_recommendation(text: &str) -> bool {
    const STAFF: &[&str] = &["店员", "老板娘", "老板", "服务生", "服务员", "店家"];
    text.match_indices("推荐").any(|(i, _)| {
        let head = &text[..i];
        let staff = STAFF.iter().find_map(|s| head.strip_suffix(s));
        if staff.is_some_and(|h| h.ends_with(['请', '问', '让', '求'])) {
            return true;
        }
        let mut before = head.chars().rev();
        matches!(before.next(), Some('求' | '请'))
            && !matches!(before.next(), Some('需' | '要' | '追' | '请' | '诉'))
    })
}

/// Whether a clause ends in the particle 嗎 (麼; folded 吗, 么), not in
/// 什麼, 怎麼, 這麼 (「不知道在吃什麼」 says, it does not ask).
fn asks(clause: &str) -> bool {
    let c = clause.trim_end();
    // 「是寫好玩的嗎」 reproaches.
    (c.ends_with('吗') && !c.ends_with("的吗"))
        || (c.ends_with('么')
            && !["什么", "怎么", "这么", "那么", "多么"]
                .iter()
                .any(|w| c.ends_with(w)))
}

/// The part of `text`'s clause before byte `at`.
fn clause_before(text: &str, at: usize) -> &str {
    let from = text[..at].rfind(text::is_clause_break).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    &text[from..at]
}

/// VADER's normalisation of a valence sum, scaled back to the valence range:
/// `4 s / sqrt(s² + 15)`, so one strong word counts and ten do not count ten
/// times.
pub(super) fn squash(s: f32) -> f32 {
    s * squash_ratio(s)
}

/// `squash(s) / s`, defined at 0 too: where terms cancel (「Decent food,
/// nothing special」) each still shows its share, and the shares sum to 0.
pub(super) fn squash_ratio(s: f32) -> f32 {
    4.0 / (s * s + 15.0).sqrt()
}

/// How often ASCII `mark` occurs in folded `text` (where full-width `！`
/// and `？` are ASCII already), and where the last one is.
fn count_last(text: &str, mark: u8) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let n = bytes.iter().filter(|&&b| b == mark).count();
    (
        n,
        (n > 0)
            .then(|| bytes.iter().rposition(|&b| b == mark))
            .flatten(),
    )
}

/// How far a negator ending at folded offset `a` reaches: the last offset
/// `b` with at most `max` words or CJK characters in `a..b` and no clause
/// break (as [`within_units`] and [`text::is_clause_break`] would judge).
fn reach(text: &str, a: usize, max: usize) -> usize {
    let (mut n, mut in_word) = (0, false);
    for (i, c) in text[a..].char_indices() {
        if text::is_clause_break(c) {
            return a + i;
        }
        let word = crate::normalize::is_word_char(c);
        if (word && !in_word) || crate::normalize::is_cjk(c) {
            n += 1;
            if n > max {
                return a + i;
            }
        }
        in_word = word;
    }
    text.len()
}

/// Whether at most `max` words or CJK characters lie between folded
/// offsets `a` and `b` (counting stops past `max`: the span can be long).
fn within_units(text: &str, a: usize, b: usize, max: usize) -> bool {
    if a >= b {
        return true;
    }
    let (mut n, mut in_word) = (0, false);
    let bytes = text.as_bytes();
    let mut i = a;
    while i < b {
        let (word, cjk, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), false, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (
                crate::normalize::is_word_char(c),
                crate::normalize::is_cjk(c),
                c.len_utf8(),
            )
        };
        if (word && !in_word) || cjk {
            n += 1;
            if n > max {
                return false;
            }
        }
        in_word = word;
        i += len;
    }
    true
}

/// Adds a reason when explaining (`src16` given).
fn push_reason(
    reasons: &mut Vec<Reason>,
    src16: Option<&[u16]>,
    kind: ReasonKind,
    t: &ScoreText,
    start: usize,
    end: usize,
    contribution: f32,
) {
    if let Some(src16) = src16 {
        reasons.push(reason(kind, t, src16, start, end, contribution));
    }
}
