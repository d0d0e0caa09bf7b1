use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use brand_radar::normalize::{fold_str, Folded};
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("target/bench/text.txt").unwrap();
    let list = brand_radar::watchlist::Watchlist::parse(
        &std::fs::read_to_string("target/bench/watchlist.json").unwrap(),
    )
    .unwrap();
    let pats: Vec<String> = list.brands.iter().map(|b| fold_str(&b.name)).collect();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..5 {
        n += text.chars().count();
    }
    println!(
        "chars().count: {:.1} ms ({} chars)",
        t.elapsed().as_secs_f64() * 1e3 / 5.0,
        n / 5
    );
    let t = Instant::now();
    for _ in 0..5 {
        n += text.bytes().map(|b| b as usize).sum::<usize>();
    }
    println!("byte sum: {:.1} ms", t.elapsed().as_secs_f64() * 1e3 / 5.0);
    let t = Instant::now();
    for _ in 0..5 {
        let v: Vec<u8> = text.bytes().map(|b| b.to_ascii_lowercase()).collect();
        n += v.len();
    }
    println!(
        "lowercase copy: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3 / 5.0
    );
    let mut f = Folded::default();
    let t = Instant::now();
    for _ in 0..5 {
        f.fold_range(&text, 0, text.len());
    }
    println!("fold: {:.1} ms", t.elapsed().as_secs_f64() * 1e3 / 5.0);
    for kind in [
        AhoCorasickKind::NoncontiguousNFA,
        AhoCorasickKind::ContiguousNFA,
        AhoCorasickKind::DFA,
    ] {
        let t = Instant::now();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&pats)
            .unwrap();
        let b = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            n = ac.find_iter(&f.text).count();
        }
        println!(
            "{kind:?}: build {b:.1} ms, search {:.1} ms, {n} hits, mem {} KB",
            t.elapsed().as_secs_f64() * 1e3 / 5.0,
            ac.memory_usage() / 1024
        );
    }
}
#[allow(dead_code)]
fn calib() {}
