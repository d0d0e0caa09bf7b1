use brand_radar::sentiment::{Scorer, Signals};
#[inline(never)]
fn score_all(s: &Scorer, rows: &[&str]) -> usize {
    rows.iter().map(|t| s.quick(t, &Signals::default()).1 as usize).sum()
}
fn main() {
    let f = std::env::args().nth(1).unwrap();
    let data = std::fs::read_to_string(f).unwrap();
    let rows: Vec<&str> = data.lines().filter_map(|l| l.split_once('\t').map(|x| x.1)).collect();
    let s = Scorer::builtin();
    let t = std::time::Instant::now();
    let n = score_all(s, &rows);
    let bytes: usize = rows.iter().map(|r| r.len()).sum();
    eprintln!("{n} {:.1} MB/s", bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
}
