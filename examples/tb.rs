use brand_radar::sentiment::Scorer;
fn main() {
    let s = Scorer::builtin();
    for t in std::env::args().skip(1) {
        let p = s.parts(&t);
        println!("{t}\t{:?}", p);
    }
}
