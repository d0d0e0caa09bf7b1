//! Matching throughput, native: 1,000 watch terms over 10 MB of mixed
//! Chinese / English text. Writes the text and watchlist to
//! `target/bench/` so the wasm benchmark (bench/match-wasm.mjs) measures
//! the very same input. Run: `cargo run --release --example bench_match`.

use brand_radar::matcher::Matcher;
use brand_radar::watchlist::{Brand, Watchlist};
use std::time::Instant;

/// Deterministic pseudo-random numbers (SplitMix64), so every run and the
/// wasm benchmark see the same text.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const ZH: &[&str] = &[
    "今天",
    "咖啡",
    "服務",
    "很好",
    "不推",
    "店員",
    "態度",
    "價格",
    "有點貴",
    "環境",
    "乾淨",
    "排隊",
    "好吃",
    "味道",
    "普通",
    "推薦",
    "朋友",
    "下次",
    "還會",
    "再來",
    "外送",
    "很慢",
    "餐點",
    "份量",
    "CP值",
    "踩雷",
    "老闆",
    "親切",
    "停車",
    "方便",
    "的",
    "了",
    "是",
    "在",
    "我們",
    "覺得",
    "真的",
    "非常",
    "不過",
    "但是",
];
const EN: &[&str] = &[
    "the",
    "coffee",
    "was",
    "great",
    "service",
    "slow",
    "staff",
    "friendly",
    "price",
    "a",
    "bit",
    "high",
    "would",
    "come",
    "back",
    "again",
    "not",
    "recommend",
    "delivery",
    "late",
    "tasty",
    "and",
    "but",
    "very",
];

pub fn main() {
    let mut rng = Rng(42);
    // 1,000 terms: half Chinese names of 2-4 characters, half Latin names.
    let cjk: Vec<char> =
        "雲朵星光森林海岸山城晨曦暮色金銀銅鐵花草木石風雨雷電日月水火土天地玄黃宇宙洪荒"
            .chars()
            .collect();
    let mut brands = Vec::new();
    for i in 0..1000 {
        let name = if i % 2 == 0 {
            let n = 2 + (rng.next() % 3) as usize;
            (0..n)
                .map(|_| cjk[(rng.next() % cjk.len() as u64) as usize])
                .collect::<String>()
                + &format!("{i}")
        } else {
            format!("Brand{i}x{}", rng.next() % 1000)
        };
        brands.push(Brand {
            name,
            aliases: vec![],
            exclusions: vec![],
            official: vec![],
            competitor: false,
        });
    }
    let list = Watchlist { version: 1, brands };
    let mut text = String::with_capacity(10 << 20);
    while text.len() < 10 << 20 {
        let r = rng.next() % 100;
        if r < 2 {
            text.push_str(&list.brands[(rng.next() % 1000) as usize].name);
        } else if r < 55 {
            text.push_str(rng.pick(ZH));
        } else {
            text.push(' ');
            text.push_str(rng.pick(EN));
        }
        if rng.next().is_multiple_of(40) {
            text.push_str("。\n");
        }
    }
    std::fs::create_dir_all("target/bench").expect("create target/bench");
    std::fs::write("target/bench/text.txt", &text).expect("write text");
    std::fs::write("target/bench/watchlist.json", list.to_json()).expect("write watchlist");

    let built = Instant::now();
    let matcher = Matcher::new(&list);
    let build_ms = built.elapsed().as_secs_f64() * 1e3;
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..5 {
        let t = Instant::now();
        count = matcher.find(&text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "native: {} terms, {:.1} MB, {} mentions, build {:.1} ms, best of 5 {:.1} ms = {:.0} MB/s",
        matcher.pattern_count(),
        mb,
        count,
        build_ms,
        best * 1e3,
        mb / best
    );
}
