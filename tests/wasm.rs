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

#[wasm_bindgen_test]
fn finds_the_units_that_judge_our_one_brand_apart() {
    let e = Engine::new(LIST).unwrap();
    let flags = e.apart_batch(
        "巷口那家比雲朵好喝多了\u{1F}雲朵好喝\u{1F}這家完勝starbucks\u{1F}\u{1F}雲朵比starbucks好喝\u{1F}就在雲朵對面，超難吃",
    );
    // Ours compared; ours plainly praised; only a competitor named; empty;
    // two brands (judged in full anyway); ours a landmark.
    assert_eq!(flags, vec![1, 0, 0, 0, 0, 1]);
}

#[wasm_bindgen_test]
fn names_the_units_in_the_own_brands_voice() {
    let list = r#"{"version":1,"brands":[{"name":"雲朵咖啡","official":["@cloudcafe.tw"]},{"name":"Starbucks","competitor":true}]}"#;
    let e = Engine::new(list).unwrap();
    let owners = e.owner_batch(
        "雲朵咖啡\u{1F}Cloud\u{1F}王大明\u{1F}Starbucks\u{1F}\u{1F}雲朵咖啡",
        "\u{1F}https://www.threads.net/@cloudcafe.tw\u{1F}/wang\u{1F}\u{1F}\u{1F}/gift",
        "已私訊您\u{1F}謝謝\u{1F}很好喝\u{1F}Thanks\u{1F}\u{1F}恭喜您抽中！請加LINE領獎",
    );
    // Its name; its official account; a customer; a competitor; no author;
    // its name on a lookalike offering prizes.
    assert_eq!(owners, vec![1, 1, 0, 0, 0, 0]);
}

#[wasm_bindgen_test]
fn the_engine_scores_with_the_watched_names_blanked() {
    let list = r#"{"version":1,"brands":[{"name":"好吃屋"}]}"#;
    let e = Engine::new(list).unwrap();
    let text = "好吃屋的湯很鹹\u{1F}好吃屋很好吃";
    // The free function reads the name's 好吃 as praise; the engine does not.
    assert_eq!(score_batch(text, &[])[1], 1.0);
    let out = e.score_batch(text, &[]);
    assert_eq!((out[1], out[4]), (-1.0, 1.0));
}

/// A ZIP of `files` (name, bytes), written by the same crate that reads it.
fn zipped(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

async fn verdict(bytes: &[u8]) -> Result<serde_json::Value, String> {
    brand_radar::wasm::verify_bundle(blob(bytes))
        .await
        .map(|v| serde_wasm_bindgen::from_value(v).unwrap())
        .map_err(|e| format!("{:?}", wasm_bindgen::JsValue::from(e)))
}

#[wasm_bindgen_test]
async fn verifies_a_bundle_streamed_from_a_blob() {
    use brand_radar::evidence::sha256_hex;
    // Several MB, so the stream comes in many chunks.
    let artifact: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let manifest = br#"{"format":"brand-radar-evidence","version":1,"created":"2026-12-03T00:00:00Z","records":[],"chain":[]}"#;
    let sums = format!(
        "{}  manifest.json\n{}  r1/page.html\n",
        sha256_hex(manifest),
        sha256_hex(&artifact)
    );
    let mut files = vec![
        ("manifest.json", &manifest[..]),
        ("r1/page.html", &artifact[..]),
        ("SHA256SUMS", sums.as_bytes()),
    ];
    let ok = verdict(&zipped(&files)).await.unwrap();
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["manifest"].as_str().unwrap().as_bytes(), manifest);

    let mut changed = artifact.clone();
    changed[2_500_000] ^= 1;
    files[1].1 = &changed;
    let bad = verdict(&zipped(&files)).await.unwrap();
    assert_eq!(bad["ok"], false);
    assert!(
        bad["problems"][0]
            .as_str()
            .unwrap()
            .starts_with("r1/page.html: SHA-256"),
        "{bad}"
    );

    let err = verdict(b"not a zip").await.unwrap_err();
    assert!(err.contains("not a ZIP bundle"), "{err}");
}
