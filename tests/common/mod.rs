//! Test helpers shared by the test crates: evidence bundles (the evidence
//! tests and the fuzz targets) and the data beside the project.
#![allow(dead_code)]

use brand_radar::evidence::{
    seal, sha256_hex, sha256sums, Artifact, Manifest, Record, FORMAT, GENESIS, VERSION,
};
use std::collections::BTreeMap;

pub fn record(id: &str, text: &str, files: &mut BTreeMap<String, Vec<u8>>) -> Record {
    let shot = format!("{id}/screenshot.png");
    let png: Vec<u8> = [
        b"\x89PNG\r\n\x1a\n".as_slice(),
        id.as_bytes(),
        text.as_bytes(),
    ]
    .concat();
    let html = format!("{id}/fragment.html");
    let frag = format!("<div class=\"push\">{text}</div>").into_bytes();
    let artifacts = vec![
        Artifact {
            name: shot.clone(),
            kind: "screenshot".into(),
            sha256: sha256_hex(&png),
            bytes: png.len() as u64,
        },
        Artifact {
            name: html.clone(),
            kind: "fragment".into(),
            sha256: sha256_hex(&frag),
            bytes: frag.len() as u64,
        },
    ];
    files.insert(shot, png);
    files.insert(html, frag);
    let mut details = serde_json::Map::new();
    details.insert("text".into(), text.into());
    details.insert("site".into(), "ptt".into());
    Record {
        id: id.into(),
        captured_at: "2026-11-25T02:10:00Z".into(),
        time_zone: "Asia/Taipei".into(),
        url: "https://www.ptt.cc/bbs/Gossiping/M.1.html".into(),
        final_url: "https://www.ptt.cc/bbs/Gossiping/M.1.html".into(),
        title: "[問卦] 雲朵咖啡是不是出事了？".into(),
        details,
        artifacts,
        prev: String::new(),
        hash: String::new(),
    }
}

/// A bundle of three sealed records, as files.
pub fn bundle() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut records = vec![
        record("r1", "雲朵早就爛透了，個資外洩還不道歉", &mut files),
        record("r2", "冒名粉專說中獎要加LINE", &mut files),
        record("r3", "我還是覺得雲朵的手沖很讚", &mut files),
    ];
    let chain = seal(&mut records, GENESIS.into());
    finish(
        &mut files,
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            created: "2026-11-25T03:00:00Z".into(),
            records,
            chain,
            annotations: BTreeMap::new(),
        },
    );
    files
}

pub fn finish(files: &mut BTreeMap<String, Vec<u8>>, m: Manifest) {
    files.insert(
        "manifest.json".into(),
        serde_json::to_vec_pretty(&m).unwrap(),
    );
    files.remove("SHA256SUMS");
    let sums = sha256sums(files);
    files.insert("SHA256SUMS".into(), sums.into_bytes());
}

/// `../shared/<sub>` (labelled corpora, saved pages), or `None`, saying
/// why, where it is absent (a user's own clone).
pub fn shared(sub: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is absent (the labelled corpora and saved pages live beside the project)",
            p.display()
        );
        None
    }
}

/// A corpus file's text, gunzipped where its name ends in `.gz`.
pub fn read_text(path: &std::path::Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    }
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text
}

/// Whether a labelled row is in the half whose errors were read while
/// tuning (`hash` is the row's hex text hash; the other half was never read).
pub fn tuned(hash: &str) -> bool {
    u8::from_str_radix(&hash[..1], 16).is_ok_and(|d| d % 2 == 0)
}
