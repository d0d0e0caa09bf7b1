//! The wasm boundary, run by `cargo test --target wasm32-unknown-unknown`
//! (wasm-bindgen-test-runner, in Node).
#![cfg(target_arch = "wasm32")]

use brand_radar::wasm::{parse_watchlist, score_batch, Engine};
use wasm_bindgen_test::*;

const LIST: &str = r#"{"version":1,"brands":[{"name":"雲朵咖啡","aliases":["雲朵"]},{"name":"Starbucks","competitor":true}]}"#;

#[wasm_bindgen_test]
fn finds_quadruples_with_utf16_offsets() {
    let e = Engine::new(LIST).unwrap();
    // "😀" is two UTF-16 units: the mention starts at 2.
    assert_eq!(
        e.find_all("😀雲朵 and starbucks", &[]),
        vec![0, 2, 4, 0, 1, 9, 18, 0]
    );
    assert!(e.find_all("", &[]).is_empty());
}

#[wasm_bindgen_test]
fn refuses_a_bad_watchlist_with_its_reason() {
    assert!(Engine::new(r#"{"version":1,"brands":[{"name":3}]}"#).is_err());
    assert!(parse_watchlist("{").is_err());
    assert!(parse_watchlist(LIST).unwrap().is_object());
}

#[wasm_bindgen_test]
fn large_input_stays_correct() {
    let e = Engine::new(LIST).unwrap();
    let mut text = "字".repeat(3 << 20);
    text.push_str("雲朵");
    let found = e.find_all(&text, &[]);
    assert_eq!(found, vec![0, 3 << 20, (3 << 20) + 2, 0]);
}

#[wasm_bindgen_test]
fn scores_a_batch_with_signals() {
    let out = score_batch(
        "超好吃推爆\u{1F}黑店避雷\u{1F}還可以",
        &[
            f32::NAN,
            0.0,
            0.0,
            0.0,
            f32::NAN,
            -1.0,
            0.0,
            0.0,
            1.0,
            0.0,
            0.0,
            0.0,
        ],
    );
    assert_eq!(out.len(), 9);
    assert_eq!((out[1], out[4]), (1.0, -1.0));
    let plain = score_batch("還可以", &[]);
    assert!(out[6] < plain[0], "a one-star rating pulls the score down");
}
