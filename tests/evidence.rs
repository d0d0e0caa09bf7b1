//! Evidence bundles: intact ones pass `brand-radar verify` and
//! `sha256sum -c`; a flipped byte, an edited record or a removed link fails,
//! naming what.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use brand_radar::evidence::{sha256sums, verify, Link, Manifest};
use common::{bundle, finish};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest(files: &BTreeMap<String, Vec<u8>>) -> Manifest {
    serde_json::from_slice(&files["manifest.json"]).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "brand-radar-evidence-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_zip(files: &BTreeMap<String, Vec<u8>>, path: &Path) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn cli_verify(files: &BTreeMap<String, Vec<u8>>, name: &str) -> (i32, String) {
    let dir = temp_dir(name);
    let path = dir.join("bundle.zip");
    write_zip(files, &path);
    let out = Command::new(env!("CARGO_BIN_EXE_brand-radar"))
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `sha256sum -c SHA256SUMS` on the bundle's files written out, as unzipped.
fn sha256sum_check(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Option<bool> {
    let dir = temp_dir(&format!("{name}-files"));
    for (n, b) in files {
        let p = dir.join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    }
    let out = Command::new("sha256sum")
        .arg("-c")
        .arg("--quiet")
        .arg("SHA256SUMS")
        .current_dir(&dir)
        .output()
        .ok()?;
    Some(out.status.success())
}

#[test]
fn an_intact_bundle_passes_every_check() {
    let files = bundle();
    let report = verify(&files);
    assert!(report.ok, "{report:?}");
    assert_eq!(
        report
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        ["r1", "r2", "r3"]
    );
    let (code, out) = cli_verify(&files, "intact");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("OK    r2") && out.contains("verdict: intact"),
        "{out}"
    );
    if let Some(ok) = sha256sum_check(&files, "intact") {
        assert!(ok, "sha256sum -c accepts the bundle");
    }
}

#[test]
fn one_flipped_byte_fails_and_is_named() {
    let mut files = bundle();
    files.get_mut("r2/screenshot.png").unwrap()[9] ^= 1;
    let report = verify(&files);
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("r2/screenshot.png: SHA-256 does not match SHA256SUMS")),
        "{report:?}"
    );
    let r2 = report.items.iter().find(|i| i.id == "r2").unwrap();
    assert!(
        !r2.ok && r2.problems[0].starts_with("r2/screenshot.png"),
        "{r2:?}"
    );
    assert!(report.items.iter().filter(|i| i.id != "r2").all(|i| i.ok));
    let (code, out) = cli_verify(&files, "flipped");
    assert_eq!(code, 1);
    assert!(
        out.contains("r2/screenshot.png") && out.contains("TAMPERED"),
        "{out}"
    );
    if let Some(ok) = sha256sum_check(&files, "flipped") {
        assert!(!ok, "sha256sum -c rejects the changed file");
    }
}

#[test]
fn an_edited_record_fails_even_with_new_sums() {
    let mut files = bundle();
    let mut m = manifest(&files);
    m.records[0]
        .details
        .insert("text".into(), "雲朵很好".into());
    finish(&mut files, m); // a careful forger recomputes SHA256SUMS
    let report = verify(&files);
    assert!(report.problems.is_empty(), "{report:?}");
    let r1 = &report.items[0];
    assert!(
        !r1.ok && r1.problems.iter().any(|p| p.contains("edited")),
        "{r1:?}"
    );
    assert!(!report.ok);
}

#[test]
fn a_removed_record_breaks_the_chain_and_a_recorded_deletion_does_not() {
    // Silently removed: r2 leaves the chain.
    let mut files = bundle();
    let mut m = manifest(&files);
    m.chain.remove(1);
    m.records.remove(1);
    finish(&mut files, m);
    let report = verify(&files);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("chain broken before record r3")),
        "{report:?}"
    );
    assert!(!report.ok);

    // Recorded: a deletion link after r3 keeps the chain whole.
    let mut files = bundle();
    let mut m = manifest(&files);
    let prev = m.chain.last().unwrap().hash.clone();
    let at = "2026-11-25T04:00:00Z";
    m.chain.push(Link {
        id: "r2".into(),
        kind: "deletion".into(),
        hash: Link::deletion_hash("r2", at, &prev),
        prev,
        at: Some(at.into()),
    });
    m.records.remove(1);
    finish(&mut files, m);
    let report = verify(&files);
    assert!(report.ok, "{report:?}");

    // A forged deletion (hash not matching) is caught.
    let mut m = manifest(&files);
    m.chain.last_mut().unwrap().at = Some("2026-11-26T00:00:00Z".into());
    finish(&mut files, m);
    assert!(verify(&files)
        .problems
        .iter()
        .any(|p| p.starts_with("deletion of r2")));
}

#[test]
fn broken_bundles_give_clear_messages() {
    let mut files = bundle();
    files.remove("SHA256SUMS");
    assert!(verify(&files)
        .problems
        .contains(&"SHA256SUMS is missing".to_string()));
    let mut files = bundle();
    files.insert("manifest.json".into(), b"{".to_vec());
    let sums = sha256sums(&files);
    files.insert("SHA256SUMS".into(), sums.into_bytes());
    assert!(verify(&files)
        .problems
        .iter()
        .any(|p| p.starts_with("manifest.json: ")));
    let dir = temp_dir("notzip");
    std::fs::write(dir.join("x.zip"), b"not a zip").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_brand-radar"))
        .arg("verify")
        .arg(dir.join("x.zip"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a ZIP bundle"));
}
