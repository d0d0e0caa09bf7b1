#![cfg(not(target_arch = "wasm32"))]
//! Matching behaviour on the public API, as a table: each case names its
//! watchlist specs, a haystack and the exact matched strings expected.

use brand_radar::matcher::{Matcher, CROSSES_NODES, WINDOW, WORD_AFTER, WORD_BEFORE};
use brand_radar::watchlist::{Brand, Watchlist};
use proptest::prelude::*;

fn list(brands: &[(&str, &[&str], &[&str])]) -> Watchlist {
    Watchlist {
        version: 1,
        brands: brands
            .iter()
            .map(|(name, aliases, exclusions)| Brand {
                name: name.to_string(),
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
                exclusions: exclusions.iter().map(|s| s.to_string()).collect(),
                official: vec![],
                competitor: false,
            })
            .collect(),
    }
}

/// The matched substrings of `text`, in order.
fn found(m: &Matcher, text: &str) -> Vec<String> {
    m.find(text)
        .iter()
        .map(|x| text[x.byte_start..x.byte_end].to_string())
        .collect()
}

struct Case {
    name: &'static str,
    haystack: &'static str,
    want: &'static [&'static str],
}

macro_rules! t {
    ($name:ident, $hay:expr, $want:expr) => {
        Case {
            name: stringify!($name),
            haystack: $hay,
            want: &$want,
        }
    };
}

const CLOUD: &[(&str, &[&str], &[&str])] = &[
    (
        "雲朵咖啡",
        &["雲朵", "Cloud Cafe", "CloudCafe", "CX-30"],
        &["雲朵棉花糖"],
    ),
    ("Amazon", &["Kindle Unlimited"], &[]),
];

const CASES: &[Case] = &[
    // Plain and script folding.
    t!(basic010, "我愛雲朵咖啡", ["雲朵咖啡"]),
    t!(basic020, "云朵咖啡很好喝", ["云朵咖啡"]),
    t!(basic030, "雲朵和雲朵", ["雲朵", "雲朵"]),
    t!(basic040, "沒有提到", []),
    // Width and case.
    t!(width010, "ＣｌｏｕｄＣａｆｅ好", ["ＣｌｏｕｄＣａｆｅ"]),
    t!(width020, "CLOUD CAFE!", ["CLOUD CAFE"]),
    t!(width030, "ｃｘ－３０ 試駕", ["ｃｘ－３０"]),
    // Evasions: separators and invisible characters.
    t!(evade010, "雲.朵", ["雲.朵"]),
    t!(evade020, "雲 朵", ["雲 朵"]),
    t!(evade030, "雲\u{200B}朵", ["雲\u{200B}朵"]),
    t!(evade040, "雲\u{202E}朵", ["雲\u{202E}朵"]),
    t!(evade050, "C l o u d Cafe", ["C l o u d Cafe"]),
    t!(evade060, "C.l.o.u.d.C.a.f.e", ["C.l.o.u.d.C.a.f.e"]),
    t!(evade070, "cloud-cafe", ["cloud-cafe"]),
    t!(evade080, "CX30 與 CX 30", ["CX30", "CX 30"]),
    t!(evade090, "雲 . - * 朵", []),
    t!(evade100, "Cloud\u{2029}Cafe", []),
    t!(evade110, "Cloud      Cafe", ["Cloud      Cafe"]),
    // Word boundaries for Latin terms, none for CJK.
    t!(bound010, "iCloud Cafe", []),
    t!(bound020, "Cloud Cafeteria", []),
    t!(bound030, "去雲朵咖啡店", ["雲朵咖啡"]),
    t!(bound040, "在CloudCafe喝", ["CloudCafe"]),
    t!(bound050, "#CloudCafe,", ["CloudCafe"]),
    t!(bound060, "Clou dCafe", []),
    t!(bound070, "\u{200B}CloudCafe\u{200B}x", []),
    // Exclusions hide the alias inside them.
    t!(excl010, "雲朵棉花糖好吃", []),
    t!(excl020, "雲朵棉花糖和雲朵", ["雲朵"]),
    t!(excl030, "雲.朵.棉花糖", []),
    // Line breaks inside a text are white space; blocks end mentions.
    t!(line010, "雲\n朵", ["雲\n朵"]),
    t!(line020, "雲\u{2029}朵", []),
    t!(line030, "Kindle\n   Unlimited", ["Kindle\n   Unlimited"]),
    // Emoji and surrogate pairs around mentions.
    t!(emoji010, "😀雲朵😀", ["雲朵"]),
    t!(emoji020, "👍🏻CloudCafe👍🏻", ["CloudCafe"]),
];

#[test]
fn table() {
    let m = Matcher::new(&list(CLOUD));
    for case in CASES {
        assert_eq!(
            found(&m, case.haystack),
            case.want,
            "case {}: {:?}",
            case.name,
            case.haystack
        );
    }
}

#[test]
fn a_failed_term_gives_way_to_a_shorter_one_at_the_same_place() {
    // "Cloud Cafe" fails its word edge in "Cloud Cafeteria"; "Cloud" passes.
    let m = Matcher::new(&list(&[("雲朵咖啡", &["Cloud", "Cloud Cafe"], &[])]));
    assert_eq!(found(&m, "Cloud Cafeteria"), ["Cloud"]);
    assert_eq!(found(&m, "Cloud Cafe"), ["Cloud Cafe"]);
    // Nothing shorter passes either: nothing.
    let m = Matcher::new(&list(&[("Cloud Cafe", &["Clo"], &[])]));
    assert!(found(&m, "Cloud Cafeteria").is_empty());
    // An exclusion that fails its edge no longer hides the alias inside it.
    let m = Matcher::new(&list(&[("Apple", &[], &["Apple Pie"])]));
    assert_eq!(found(&m, "Apple Pies"), ["Apple"]);
    assert!(found(&m, "Apple Pie").is_empty());
}

/// `(matched text, flags)` of `text` joined from `nodes`.
fn in_nodes(m: &Matcher, nodes: &[&str]) -> Vec<(String, u32)> {
    let text: String = nodes.concat();
    let mut starts = Vec::new();
    let mut at = 0;
    for n in nodes {
        starts.push(at);
        at += n.encode_utf16().count() as u32;
    }
    let mut out = Vec::new();
    m.find_in_nodes(&text, &starts, |h| {
        out.push((text[h.byte_start..h.byte_end].to_string(), h.flags));
    });
    out
}

#[test]
fn node_boundaries_are_left_to_the_page() {
    let m = Matcher::new(&list(CLOUD));
    let s = |x: &str, f: u32| (x.to_string(), f);
    // `<b>雲朵</b>咖啡`: one mention across two nodes, flagged for the page
    // to check that they are one line.
    assert_eq!(
        in_nodes(&m, &["我愛", "雲朵", "咖啡"]),
        [s("雲朵咖啡", CROSSES_NODES)]
    );
    // `<td>i</td><td>CloudCafe</td>`: a word that goes on in the previous
    // node is a word edge only if that node is another block.
    assert_eq!(
        in_nodes(&m, &["i", "CloudCafe"]),
        [s("CloudCafe", WORD_BEFORE)]
    );
    assert_eq!(
        in_nodes(&m, &["CloudCafe", "teria"]),
        [s("CloudCafe", WORD_AFTER)]
    );
    // Within one node the word edge is the core's to judge, as always.
    assert!(in_nodes(&m, &["iCloudCafe"]).is_empty());
    assert_eq!(
        in_nodes(&m, &["A ", "CloudCafe", " b"]),
        [s("CloudCafe", 0)]
    );
    // Without node starts, nothing is flagged.
    assert_eq!(m.find("雲朵咖啡")[0].flags, 0);
}

#[test]
fn utf16_offsets_index_the_original() {
    let m = Matcher::new(&list(CLOUD));
    let text = "😀Ｃｌｏｕｄ Ｃａｆｅ，雲朵";
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let spans: Vec<String> = m
        .find(text)
        .iter()
        .map(|x| String::from_utf16(&utf16[x.start as usize..x.end as usize]).unwrap())
        .collect();
    assert_eq!(spans, ["Ｃｌｏｕｄ Ｃａｆｅ", "雲朵"]);
    assert_eq!(m.find(text)[0].start, 2); // after the surrogate pair
}

#[test]
fn brand_and_term_indexes() {
    let w = list(&[("A Corp", &["Acme"], &[]), ("雲朵", &[], &[])]);
    let m = Matcher::new(&w);
    let hits = m.find("雲朵 vs Acme vs A Corp");
    let ids: Vec<(u32, u32)> = hits.iter().map(|h| (h.brand, h.term)).collect();
    assert_eq!(ids, [(1, 0), (0, 1), (0, 0)]);
}

#[test]
fn empty_watchlist_finds_nothing() {
    let m = Matcher::new(&list(&[]));
    assert!(m.find("雲朵咖啡").is_empty());
}

#[test]
fn long_text_across_windows() {
    // No line breaks: windows are forced and overlap. Place mentions right
    // around every window edge.
    let m = Matcher::new(&list(CLOUD));
    let filler = "字"; // 3 bytes
    let mut text = String::new();
    let mut expected = 0;
    while text.len() < 3 * WINDOW + 100 {
        text.push_str(&filler.repeat(4000));
        text.push_str("雲朵咖啡");
        expected += 1;
    }
    let hits = m.find(&text);
    assert_eq!(hits.len(), expected);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for h in &hits {
        assert_eq!(
            String::from_utf16(&utf16[h.start as usize..h.end as usize]).unwrap(),
            "雲朵咖啡"
        );
    }
    // And at exact window edges, with a newline-free run.
    for shift in 0..8 {
        let mut t = "a".repeat(WINDOW - 6 + shift);
        t.push_str(" CloudCafe ");
        t.push_str(&"b".repeat(WINDOW));
        assert_eq!(found(&m, &t), ["CloudCafe"], "shift {shift}");
    }
}

#[test]
fn compatibility_forms_of_marked_letters_fold_like_the_letters() {
    // Found by tests/fuzz.rs: the Ångström sign folded to `å`, and `å` to `a`.
    use brand_radar::normalize::fold_str;
    assert_eq!(fold_str("\u{212B}ngstr\u{00F6}m"), "angstrom");
    assert_eq!(fold_str(&fold_str("\u{212B}")), fold_str("\u{212B}"));
    let m = Matcher::new(&list(&[("Angstrom", &[], &[])]));
    assert_eq!(
        found(&m, "the \u{212B}ngstr\u{00F6}m caf\u{00E9}"),
        ["\u{212B}ngstr\u{00F6}m"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Spans always lie inside the text on UTF-16 boundaries, in order, and
    /// matching never panics on any input.
    #[test]
    fn spans_are_sound(text in "(\\PC|[\u{200B}\u{D7FF}\u{2029}雲朵云 .\n]|CloudCafe){0,80}") {
        let m = Matcher::new(&list(CLOUD));
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let mut prev_end = 0;
        for h in m.find(&text) {
            prop_assert!(h.start < h.end && h.end as usize <= utf16.len());
            prop_assert!(h.start >= prev_end);
            prev_end = h.end;
            prop_assert!(text.is_char_boundary(h.byte_start) && text.is_char_boundary(h.byte_end));
            let piece = String::from_utf16(&utf16[h.start as usize..h.end as usize]);
            prop_assert_eq!(piece.as_deref().ok(), Some(&text[h.byte_start..h.byte_end]));
        }
    }
}
