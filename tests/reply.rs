//! The reply check on the drafts of `tests/data/replies.tsv`: each row's
//! findings, exactly, and its verdict; spans that point at the words.

use brand_radar::reply::{check, Problem};
use std::collections::BTreeSet;

const TABLE: &str = include_str!("data/replies.tsv");

#[test]
fn every_draft_gets_its_findings() {
    let mut wrong = Vec::new();
    let mut rows = 0;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [comment, draft, want, verdict] = cols[..] else {
            panic!("tests/data/replies.tsv: four columns: {line}");
        };
        rows += 1;
        let c = check(draft, (comment != "-").then_some(comment));
        let got: BTreeSet<&str> = c.findings.iter().map(|f| f.kind.id()).collect();
        let want: BTreeSet<&str> = want.split(',').filter(|k| *k != "-").collect();
        for k in &want {
            assert!(
                Problem::ALL.iter().any(|p| p.id() == *k),
                "unknown finding {k}"
            );
        }
        if got != want || c.verdict.as_str() != verdict {
            wrong.push(format!(
                "{draft}\n  want {want:?} {verdict}\n  got  {got:?} {}",
                c.verdict.as_str()
            ));
        }
        // A finding with words points at them.
        let src16: Vec<u16> = draft.encode_utf16().collect();
        for f in c.findings.iter().filter(|f| !f.text.is_empty()) {
            let at = String::from_utf16_lossy(&src16[f.start as usize..f.end as usize]);
            assert_eq!(at, f.text, "{draft}");
        }
    }
    assert!(rows >= 60, "the issue asks for at least 60 drafts; {rows}");
    assert!(
        wrong.is_empty(),
        "{} of {rows} drafts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn both_kinds_of_draft_in_both_languages() {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let latin =
        |s: &str| s.chars().filter(char::is_ascii_alphabetic).count() * 2 > s.chars().count();
    for en in [false, true] {
        for good in [false, true] {
            let n = rows
                .iter()
                .filter(|r| latin(r[1]) == en && (r[3] == "good") == good)
                .count();
            assert!(
                n >= 8,
                "{n} {} {} drafts",
                if good { "good" } else { "bad" },
                if en { "English" } else { "Chinese" }
            );
        }
    }
    // Every problem is exercised.
    for p in Problem::ALL {
        assert!(
            rows.iter().any(|r| r[2].split(',').any(|k| k == p.id())),
            "{}",
            p.id()
        );
    }
}
